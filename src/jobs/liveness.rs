//! Finding jobs whose worker process ended without reporting.
//!
//! A worker that is killed (or crashes hard) leaves its job `running`. Whoever lists
//! jobs checks each running job's pid and marks the job failed when the process is gone.

use crate::i18n::catalogue::jobs as msg;
use crate::store::{JobRecord, JobState, Store, StoreError};

/// Whether process `pid` exists and is not a zombie, read from `/proc`.
///
/// NOTE: this sees processes of this machine only, and a pid reused by an unrelated
/// process after the worker died still counts as alive.
pub fn process_alive(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // The state is the first field after the command name, which is in parentheses.
    let state = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next());
    !matches!(state, Some("Z") | Some("X"))
}

/// Marks every running job whose process is gone as failed. Returns how many.
pub fn fail_lost_jobs(store: &mut Store) -> Result<usize, StoreError> {
    let mut failed = 0;
    for job in store.jobs_in_state(JobState::Running)? {
        let Some(pid) = job.pid else { continue };
        if !process_alive(pid) && store.fail_lost_job(job.id, pid, msg::JOB_LOST.text())? {
            tracing::warn!(job = job.id, pid, "job process ended without reporting; marked failed");
            failed += 1;
        }
    }
    Ok(failed)
}

/// Marks lost jobs failed, then returns the newest `limit` jobs, newest first.
pub fn list_jobs(store: &mut Store, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
    fail_lost_jobs(store)?;
    store.jobs(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn lost_job_is_marked_failed() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.create_job("train", &serde_json::json!({}), "alice").unwrap();
        // A finished child's pid is free again, so nothing runs under it.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        store.start_job(id, pid).unwrap();

        let jobs = list_jobs(&mut store, 10).unwrap();
        assert_eq!(jobs[0].state, JobState::Failed);
        assert_eq!(jobs[0].error.as_deref(), Some(msg::JOB_LOST.text()));
    }

    #[test]
    fn live_job_stays_running() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.create_job("train", &serde_json::json!({}), "alice").unwrap();
        store.start_job(id, std::process::id()).unwrap();
        assert_eq!(fail_lost_jobs(&mut store).unwrap(), 0);
        assert_eq!(store.job(id).unwrap().unwrap().state, JobState::Running);
    }
}
