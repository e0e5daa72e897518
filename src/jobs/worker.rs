//! The worker process behind `quorum job-run ID`: it claims a queued job, runs it and
//! writes its state, progress, log and result to the store.
//!
//! The worker ignores SIGHUP, so closing the terminal that launched it does not stop
//! it. Cancellation comes through the store: a watcher thread polls
//! `jobs.cancel_requested` and sets the flag that the training loops check.

use super::execute::{self, Stopped};
use super::params::JobParams;
use super::report::JobReporter;
use crate::i18n::catalogue::jobs as msg;
use crate::project::Project;
use crate::store::Store;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the watcher reads the cancel flag from the store.
const CANCEL_POLL: Duration = Duration::from_millis(250);

/// Runs job `id` to its end. Returns an error only when the job could not be claimed or
/// its end could not be recorded. A job that fails is recorded as failed, and this
/// function then returns `Ok`.
pub fn run_worker(project: &Project, id: i64) -> Result<()> {
    // Registering a handler replaces SIGHUP's default action (terminate); the flag is
    // never read because a hang-up needs no response.
    let hangup = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hangup))
        .context(msg::JOB_SIGNAL_FAILED.text())?;

    let mut store = project.store()?;
    let Some(job) = store.job(id)? else {
        bail!(msg::JOB_NOT_FOUND.fmt(&[("id", &id)]));
    };
    let pid = std::process::id();
    if !store.start_job(id, pid)? {
        bail!(msg::JOB_NOT_QUEUED.fmt(&[("id", &id), ("state", &job.state.name())]));
    }
    tracing::info!(job = id, pid, kind = %job.kind, "job worker started");

    // The job works on the question it was started for; the task may have lost it since.
    let mut project = project.clone();
    let question = job.params[super::launch::JOB_QUESTION_KEY].as_str();
    if let Err(err) = project.select_question(question) {
        let message = format!("{err:#}");
        store.fail_job(id, &message)?;
        return Ok(());
    }
    store.select_question(&project.question().id);
    let project = &project;

    let reporter = JobReporter::new(store, id, None);
    reporter.log(&msg::JOB_LOG_STARTED.fmt(&[("pid", &pid)]));
    let params: JobParams = match serde_json::from_value(job.params.clone()) {
        Ok(params) => params,
        Err(err) => {
            let message = msg::JOB_BAD_PARAMS.fmt(&[("id", &id), ("error", &err)]);
            reporter.log(&message);
            reporter.into_store().fail_job(id, &message)?;
            return Ok(());
        }
    };

    let cancel = Arc::new(AtomicBool::new(false));
    let finished = Arc::new(AtomicBool::new(false));
    let watcher = spawn_cancel_watcher(project.store_path(), id, Arc::clone(&cancel), Arc::clone(&finished));

    // A panic in the work is recorded as a failure instead of leaving the job running.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        execute::execute(project, &params, &reporter, &cancel)
    }));
    finished.store(true, Ordering::Relaxed);
    if let Some(watcher) = watcher {
        let _ = watcher.join();
    }

    let outcome = outcome.unwrap_or_else(|_| Err(Stopped::Failed(anyhow::anyhow!(msg::JOB_PANICKED.text()))));
    match outcome {
        Ok(finished) => {
            reporter.log(msg::JOB_LOG_DONE.text());
            reporter.into_store().finish_job(id, &finished.result)?;
            tracing::info!(job = id, "job done");
        }
        Err(Stopped::Cancelled) => {
            reporter.log(msg::JOB_LOG_CANCELLED.text());
            reporter.into_store().cancel_job_finished(id)?;
            tracing::info!(job = id, "job cancelled");
        }
        Err(Stopped::Failed(err)) => {
            let message = format!("{err:#}");
            reporter.log(&msg::JOB_LOG_FAILED.fmt(&[("error", &message)]));
            reporter.into_store().fail_job(id, &message)?;
            tracing::error!(job = id, error = %message, "job failed");
        }
    }
    Ok(())
}

/// Starts a thread with its own store connection that sets `cancel` once the job's
/// cancel flag is set, and ends when `finished` is set.
fn spawn_cancel_watcher(
    store_path: PathBuf,
    id: i64,
    cancel: Arc<AtomicBool>,
    finished: Arc<AtomicBool>,
) -> Option<std::thread::JoinHandle<()>> {
    let spawned = std::thread::Builder::new().name("quorum-cancel-watch".to_string()).spawn(move || {
        let store = match Store::open(&store_path) {
            Ok(store) => store,
            Err(err) => {
                tracing::error!(job = id, error = %err, "cancel watcher cannot open the store");
                return;
            }
        };
        while !finished.load(Ordering::Relaxed) {
            match store.job_cancel_requested(id) {
                Ok(true) => {
                    tracing::info!(job = id, "cancel requested");
                    cancel.store(true, Ordering::Relaxed);
                    return;
                }
                Ok(false) => {}
                Err(err) => tracing::warn!(job = id, error = %err, "cannot read the cancel flag"),
            }
            std::thread::sleep(CANCEL_POLL);
        }
    });
    match spawned {
        Ok(handle) => Some(handle),
        Err(err) => {
            tracing::error!(job = id, error = %err, "cannot start the cancel watcher; the job cannot be cancelled");
            None
        }
    }
}
