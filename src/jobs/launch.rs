//! Starting jobs: as a detached worker process, or in the foreground of the CLI.

use super::execute::{self, Finished, Stopped};
use super::params::JobParams;
use super::report::{Display, JobReporter};
use crate::i18n::catalogue::jobs as msg;
use crate::project::Project;
use anyhow::{Context, Result};
use signal_hook::consts::{SIGINT, SIGTERM};
use std::fs::OpenOptions;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The error [`run_foreground`] returns when Ctrl-C or SIGTERM cancelled the job. The CLI
/// reports it as a notice, not as a failure, and exits with 130 like a shell does after SIGINT.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::i18n::catalogue::jobs::JOB_CANCELLED_NOTICE.fmt(&[("id", id)]))]
pub struct ForegroundCancelled {
    /// The cancelled job; its row stays in the store with state `cancelled`.
    pub id: i64,
}

/// Exit status after a cancelled foreground job: 128 + SIGINT, the shell convention.
pub const CANCELLED_EXIT_CODE: u8 = 130;

/// Inserts a queued job and starts `program job-run ID` for it in its own process
/// group, with standard input from /dev/null and both outputs appended to the job's log
/// file. A terminal hang-up or Ctrl-C in the launching terminal therefore does not reach
/// the worker. `program` is normally [`std::env::current_exe`]. Returns the job id and
/// the child, which the caller may reap or drop.
pub fn launch(project: &Project, params: &JobParams, created_by: &str, program: &Path) -> Result<(i64, Child)> {
    let mut store = project.store()?;
    let id = store.create_job(params.kind(), &params_with_question(project, params), created_by)?;

    match spawn_worker(project, id, program) {
        Ok(child) => {
            tracing::info!(job = id, pid = child.id(), kind = params.kind(), "job process started");
            Ok((id, child))
        }
        Err(err) => {
            let message = format!("{err:#}");
            tracing::error!(job = id, error = %message, "job process did not start");
            store.fail_job(id, &message)?;
            Err(err)
        }
    }
}

/// Returns the stored JSON of `params` with the id of the project's selected question
/// under `question`, which the worker selects before it runs the job.
fn params_with_question(project: &Project, params: &JobParams) -> serde_json::Value {
    let mut json = params.to_json();
    json[JOB_QUESTION_KEY] = serde_json::Value::from(project.question().id.as_str());
    json
}

/// The key of the question id in a job's stored parameters. Parameters stored before
/// tasks had several questions lack it, and such jobs run on the primary question.
pub const JOB_QUESTION_KEY: &str = "question";

fn spawn_worker(project: &Project, id: i64, program: &Path) -> Result<Child> {
    let log_path = project.job_log_path(id);
    let cannot_open = || msg::JOB_LOG_FILE_FAILED.fmt(&[("path", &log_path.display())]);
    if let Some(dir) = log_path.parent() {
        std::fs::create_dir_all(dir).with_context(cannot_open)?;
    }
    let log = OpenOptions::new().create(true).append(true).open(&log_path).with_context(cannot_open)?;
    let log_for_stderr = log.try_clone().with_context(cannot_open)?;

    Command::new(program)
        .arg("--project")
        .arg(&project.root)
        .arg("--lang")
        .arg(crate::i18n::lang().tag())
        .arg("job-run")
        .arg(id.to_string())
        .current_dir(&project.root)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_for_stderr)
        .process_group(0)
        .spawn()
        .with_context(|| msg::JOB_SPAWN_FAILED.fmt(&[("program", &program.display())]))
}

/// Returns the program that runs job workers: this executable.
pub fn worker_program() -> Result<PathBuf> {
    std::env::current_exe().context(msg::JOB_NO_EXE.text())
}

/// Runs a job in this process, recorded in the store like a detached one: it is
/// created, claimed under this process's pid, and ended with its result.
/// `display` also receives every progress report (the CLI's progress bar).
pub fn run_foreground(
    project: &Project,
    params: &JobParams,
    created_by: &str,
    display: Display<'_>,
) -> Result<(i64, Finished)> {
    let mut store = project.store()?;
    let id = store.create_job(params.kind(), &params_with_question(project, params), created_by)?;
    store.start_job(id, std::process::id())?;
    let reporter = JobReporter::new(store, id, Some(display));

    // The first Ctrl-C (or SIGTERM) cancels the job at its next check, so it ends
    // `cancelled`; a second one ends the process at once, and the next listing then
    // marks the job failed.
    let cancel = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&cancel))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&cancel)))
            .context(msg::JOB_SIGNAL_FAILED.text())?;
    }
    let outcome = execute::execute(project, params, &reporter, &cancel);
    match outcome {
        Ok(finished) => {
            reporter.log(msg::JOB_LOG_DONE.text());
            reporter.into_store().finish_job(id, &finished.result)?;
            Ok((id, finished))
        }
        Err(Stopped::Cancelled) => {
            reporter.log(msg::JOB_LOG_CANCELLED.text());
            reporter.into_store().cancel_job_finished(id)?;
            Err(anyhow::Error::new(ForegroundCancelled { id }))
        }
        Err(Stopped::Failed(err)) => {
            let message = format!("{err:#}");
            reporter.log(&msg::JOB_LOG_FAILED.fmt(&[("error", &message)]));
            reporter.into_store().fail_job(id, &message)?;
            Err(err)
        }
    }
}
