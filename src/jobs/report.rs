//! Job reporting: progress, stage and log lines into the store, and the
//! same lines to standard error, which for a worker process is its log file.

use crate::store::Store;
use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// Minimum time between two progress writes, so that a fast loop does not turn every
/// step into a store transaction. A stage change is always written.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(200);

/// A progress display besides the store, such as the CLI's progress bar.
pub type Display<'a> = &'a dyn Fn(f64, &str);

/// Writes a job's progress and log to the store. Without a display (in a worker
/// process) log lines are also printed to standard error, which is the job's log file.
pub struct JobReporter<'a> {
    store: RefCell<Store>,
    job_id: i64,
    display: Option<Display<'a>>,
    highest: Cell<f64>,
    /// The part of the bar that the current step fills, as `(start, end)`.
    span: Cell<(f64, f64)>,
    last_stage: RefCell<String>,
    last_write: Cell<Option<Instant>>,
}

impl<'a> JobReporter<'a> {
    pub fn new(store: Store, job_id: i64, display: Option<Display<'a>>) -> JobReporter<'a> {
        JobReporter {
            store: RefCell::new(store),
            job_id,
            display,
            highest: Cell::new(0.0),
            span: Cell::new((0.0, 1.0)),
            last_stage: RefCell::new(String::new()),
            last_write: Cell::new(None),
        }
    }

    pub fn job_id(&self) -> i64 {
        self.job_id
    }

    /// Runs `work` with the reporter's store connection.
    pub fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut self.store.borrow_mut())
    }

    /// Maps the fractions of later [`JobReporter::progress`] calls into `start..end` of
    /// the bar, for a job made of several steps that each report from 0 to 1.
    pub fn set_span(&self, start: f64, end: f64) {
        self.span.set((start, end));
    }

    /// Records a fraction done (never below an earlier one) and the current stage.
    /// A store error is logged and does not stop the job: progress is advisory.
    pub fn progress(&self, fraction: f64, stage: &str) {
        let (start, end) = self.span.get();
        let fraction = start + (end - start) * fraction.clamp(0.0, 1.0);
        let fraction = fraction.clamp(0.0, 1.0).max(self.highest.get());
        self.highest.set(fraction);
        if let Some(display) = self.display {
            display(fraction, stage);
        }

        let stage_changed = *self.last_stage.borrow() != stage;
        let due = self.last_write.get().is_none_or(|at| at.elapsed() >= PROGRESS_INTERVAL);
        if !stage_changed && !due {
            return;
        }
        if stage_changed {
            *self.last_stage.borrow_mut() = stage.to_string();
            self.log(stage);
        }
        self.last_write.set(Some(Instant::now()));
        if let Err(err) = self.store.borrow_mut().set_job_progress(self.job_id, fraction, stage) {
            tracing::warn!(job = self.job_id, error = %err, "could not record job progress");
        }
    }

    /// Appends a line to the job's log in the store.
    pub fn log(&self, line: &str) {
        if self.display.is_none() {
            let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            eprintln!("{at} job {}: {line}", self.job_id);
        }
        if let Err(err) = self.store.borrow_mut().append_job_log(self.job_id, line) {
            tracing::warn!(job = self.job_id, error = %err, "could not append to the job log");
        }
    }

    /// Gives back the store connection, to end the job with.
    pub fn into_store(self) -> Store {
        self.store.into_inner()
    }
}
