//! Jobs that run as their own processes and report through the store.
//!
//! A job row is created `queued` with the JSON parameters the worker needs. The worker
//! claims it (`running`, with its pid), writes progress, stage and log lines as it
//! works, checks `cancel_requested` between steps, and ends it `done` (with a result
//! JSON), `failed` (with a message) or `cancelled`. Each state change is one
//! transaction, so a reader never sees a finished job without its result.

use super::{Store, StoreError};
use rusqlite::{OptionalExtension, Row, params};

/// The lifecycle state of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

impl JobState {
    /// Returns the name stored in the `state` column.
    pub fn name(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> JobState {
        match text {
            "queued" => JobState::Queued,
            "running" => JobState::Running,
            "done" => JobState::Done,
            "cancelled" => JobState::Cancelled,
            // The CHECK constraint allows nothing else.
            _ => JobState::Failed,
        }
    }

    /// True for `done`, `failed` and `cancelled`, which never change again.
    pub fn is_final(self) -> bool {
        matches!(self, JobState::Done | JobState::Failed | JobState::Cancelled)
    }
}

/// One row of the `jobs` table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct JobRecord {
    pub id: i64,
    pub kind: String,
    pub state: JobState,
    pub params: serde_json::Value,
    /// Fraction done, in `[0, 1]`.
    pub progress: f64,
    pub stage: Option<String>,
    pub pid: Option<u32>,
    pub cancel_requested: bool,
    pub result: Option<serde_json::Value>,
    pub error: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
}

/// One line of a job's log.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct JobLogLine {
    pub seq: i64,
    pub at: String,
    pub line: String,
}

const JOB_COLUMNS: &str = "id, kind, state, params, progress, stage, pid, cancel_requested, result, error, \
                           created_by, created_at, started_at, finished_at";

fn job_from_row(row: &Row<'_>) -> rusqlite::Result<JobRecord> {
    let params: String = row.get(3)?;
    let result: Option<String> = row.get(8)?;
    let state: String = row.get(2)?;
    Ok(JobRecord {
        id: row.get(0)?,
        kind: row.get(1)?,
        state: JobState::parse(&state),
        // Both JSON columns are written only by this module, from serde values.
        params: serde_json::from_str(&params).unwrap_or(serde_json::Value::Null),
        progress: row.get(4)?,
        stage: row.get(5)?,
        pid: row.get::<_, Option<i64>>(6)?.and_then(|pid| u32::try_from(pid).ok()),
        cancel_requested: row.get::<_, i64>(7)? != 0,
        result: result.and_then(|text| serde_json::from_str(&text).ok()),
        error: row.get(9)?,
        created_by: row.get(10)?,
        created_at: row.get(11)?,
        started_at: row.get(12)?,
        finished_at: row.get(13)?,
    })
}

impl Store {
    /// Inserts a `queued` job of `kind` and returns its id.
    pub fn create_job(&mut self, kind: &str, params: &serde_json::Value, created_by: &str) -> Result<i64, StoreError> {
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO jobs (kind, state, params, created_by, created_at) VALUES (?1, 'queued', ?2, ?3, ?4)",
            params![kind, params.to_string(), created_by, Store::now_rfc3339()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Moves a `queued` job to `running` under process `pid`. Returns false when the job
    /// is not queued (another worker claimed it, or it was cancelled before it started),
    /// and then changes nothing.
    pub fn start_job(&mut self, id: i64, pid: u32) -> Result<bool, StoreError> {
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE jobs SET state = 'running', pid = ?2, started_at = ?3 WHERE id = ?1 AND state = 'queued'",
            params![id, i64::from(pid), Store::now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(changed == 1)
    }

    /// Records a running job's progress (clamped to `[0, 1]`) and its current stage.
    // NOTE: the stage is stored as text in the language of whoever started the job, so a
    // reader with another language sees it untranslated; kinds and states are translated.
    pub fn set_job_progress(&mut self, id: i64, fraction: f64, stage: &str) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute(
            "UPDATE jobs SET progress = ?2, stage = ?3 WHERE id = ?1 AND state = 'running'",
            params![id, fraction.clamp(0.0, 1.0), stage],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Appends one line to a job's log.
    pub fn append_job_log(&mut self, id: i64, line: &str) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO job_log (job_id, seq, at, line)
             VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM job_log WHERE job_id = ?1), ?2, ?3)",
            params![id, Store::now_rfc3339(), line],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Ends a job `done` with its result.
    pub fn finish_job(&mut self, id: i64, result: &serde_json::Value) -> Result<(), StoreError> {
        self.end_job(id, JobState::Done, Some(&result.to_string()), None)
    }

    /// Ends a job `failed` with a message that describes the failure.
    pub fn fail_job(&mut self, id: i64, error: &str) -> Result<(), StoreError> {
        self.end_job(id, JobState::Failed, None, Some(error))
    }

    /// Ends a job `cancelled`.
    pub fn cancel_job_finished(&mut self, id: i64) -> Result<(), StoreError> {
        self.end_job(id, JobState::Cancelled, None, None)
    }

    fn end_job(
        &mut self,
        id: i64,
        state: JobState,
        result: Option<&str>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        // A finished job stays as it ended: a late report from a worker that was
        // already marked failed must not turn it into something else.
        tx.execute(
            "UPDATE jobs SET state = ?2, result = ?3, error = ?4, finished_at = ?5,
                 progress = CASE WHEN ?2 = 'done' THEN 1.0 ELSE progress END
             WHERE id = ?1 AND state IN ('queued', 'running')",
            params![id, state.name(), result, error, Store::now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a running job of process `pid` failed with `error`, unless it has ended or
    /// moved to another process meanwhile. Returns true when the row changed.
    pub fn fail_lost_job(&mut self, id: i64, pid: u32, error: &str) -> Result<bool, StoreError> {
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE jobs SET state = 'failed', error = ?3, finished_at = ?4
             WHERE id = ?1 AND state = 'running' AND pid = ?2",
            params![id, i64::from(pid), error, Store::now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(changed == 1)
    }

    /// Asks a job to stop. A queued job is cancelled at once; a running one is flagged
    /// and its worker ends it at its next check. Returns the state after the request,
    /// or `None` when no job has this id.
    pub fn request_job_cancel(&mut self, id: i64) -> Result<Option<JobState>, StoreError> {
        let tx = self.write_tx()?;
        tx.execute(
            "UPDATE jobs SET state = 'cancelled', cancel_requested = 1, finished_at = ?2
             WHERE id = ?1 AND state = 'queued'",
            params![id, Store::now_rfc3339()],
        )?;
        tx.execute("UPDATE jobs SET cancel_requested = 1 WHERE id = ?1 AND state = 'running'", params![id])?;
        let state: Option<String> =
            tx.query_row("SELECT state FROM jobs WHERE id = ?1", params![id], |row| row.get(0)).optional()?;
        tx.commit()?;
        Ok(state.map(|s| JobState::parse(&s)))
    }

    /// Whether someone asked job `id` to stop.
    pub fn job_cancel_requested(&self, id: i64) -> Result<bool, StoreError> {
        let flag: Option<i64> = self
            .conn
            .query_row("SELECT cancel_requested FROM jobs WHERE id = ?1", params![id], |row| row.get(0))
            .optional()?;
        Ok(flag.unwrap_or(0) != 0)
    }

    /// The job with this id.
    pub fn job(&self, id: i64) -> Result<Option<JobRecord>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1");
        Ok(self.conn.query_row(&sql, params![id], job_from_row).optional()?)
    }

    /// The newest `limit` jobs, newest first.
    pub fn jobs(&self, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?1");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], job_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every job in `state`, oldest first.
    pub fn jobs_in_state(&self, state: JobState) -> Result<Vec<JobRecord>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE state = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![state.name()], job_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The last `limit` lines of a job's log, oldest first.
    pub fn job_log(&self, id: i64, limit: usize) -> Result<Vec<JobLogLine>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, line FROM (
                 SELECT seq, at, line FROM job_log WHERE job_id = ?1 ORDER BY seq DESC LIMIT ?2
             ) ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![id, i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
            Ok(JobLogLine { seq: row.get(0)?, at: row.get(1)?, line: row.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn job_life_from_queued_to_done() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.create_job("train", &json!({"labels_from": "gold"}), "alice").unwrap();
        assert_eq!(store.job(id).unwrap().unwrap().state, JobState::Queued);

        assert!(store.start_job(id, 4242).unwrap());
        assert!(!store.start_job(id, 4343).unwrap(), "a running job cannot be claimed twice");
        store.set_job_progress(id, 1.7, "fitting").unwrap();
        store.append_job_log(id, "first").unwrap();
        store.append_job_log(id, "second").unwrap();
        let running = store.job(id).unwrap().unwrap();
        assert_eq!(running.state, JobState::Running);
        assert_eq!(running.pid, Some(4242));
        assert_eq!(running.progress, 1.0, "progress is clamped");
        assert_eq!(running.stage.as_deref(), Some("fitting"));

        store.finish_job(id, &json!({"run_id": 3})).unwrap();
        let done = store.job(id).unwrap().unwrap();
        assert_eq!(done.state, JobState::Done);
        assert_eq!(done.result, Some(json!({"run_id": 3})));
        assert!(done.finished_at.is_some());

        store.fail_job(id, "late").unwrap();
        assert_eq!(store.job(id).unwrap().unwrap().state, JobState::Done, "a finished job stays finished");

        let log: Vec<String> = store.job_log(id, 10).unwrap().into_iter().map(|l| l.line).collect();
        assert_eq!(log, ["first", "second"]);
        let tail: Vec<String> = store.job_log(id, 1).unwrap().into_iter().map(|l| l.line).collect();
        assert_eq!(tail, ["second"]);
    }

    #[test]
    fn cancel_queued_and_running_jobs() {
        let mut store = Store::open_in_memory().unwrap();
        let queued = store.create_job("train", &json!({}), "alice").unwrap();
        assert_eq!(store.request_job_cancel(queued).unwrap(), Some(JobState::Cancelled));
        assert!(!store.start_job(queued, 1).unwrap(), "a cancelled job does not start");

        let running = store.create_job("evaluate", &json!({}), "alice").unwrap();
        store.start_job(running, 2).unwrap();
        assert!(!store.job_cancel_requested(running).unwrap());
        assert_eq!(store.request_job_cancel(running).unwrap(), Some(JobState::Running));
        assert!(store.job_cancel_requested(running).unwrap());
        store.cancel_job_finished(running).unwrap();
        assert_eq!(store.job(running).unwrap().unwrap().state, JobState::Cancelled);

        assert_eq!(store.request_job_cancel(999).unwrap(), None);
    }

    #[test]
    fn lost_job_is_failed_only_under_its_pid() {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.create_job("train", &json!({}), "alice").unwrap();
        store.start_job(id, 10).unwrap();
        assert!(!store.fail_lost_job(id, 11, "gone").unwrap());
        assert!(store.fail_lost_job(id, 10, "gone").unwrap());
        let job = store.job(id).unwrap().unwrap();
        assert_eq!(job.state, JobState::Failed);
        assert_eq!(job.error.as_deref(), Some("gone"));
        let listed = store.jobs(10).unwrap();
        assert_eq!(listed.len(), 1);
    }
}
