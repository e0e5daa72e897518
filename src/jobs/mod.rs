//! Background jobs: training, evaluation, prediction and imports.
//!
//! Jobs that people start run as their own processes (`quorum job-run ID`, see
//! [`worker`]) and report through the store's `jobs` table, so they survive the terminal
//! or TUI that started them: [`launch`] starts them, [`liveness`] notices workers that
//! died without reporting, [`execute`] holds the work of each kind, and [`registry`]
//! what a training run records.
//!
//! The rest of this module runs a training or evaluation on a thread of the calling
//! process, for library users that want no extra process.
//!
//! A job sends [`JobEvent`]s over a channel. The caller calls [`JobHandle::poll`] once per
//! frame, which never blocks. Every job ends with exactly one of `Trained`,
//! `Evaluated`, `Failed` or `Cancelled`. If the thread ends without sending one (a
//! panic, or a thread that could not start), `poll` returns `Failed` in its place.

pub mod display;
pub mod execute;
pub mod files;
pub mod heads;
pub mod launch;
pub mod liveness;
pub mod params;
pub mod registry;
pub mod report;
pub mod worker;

use crate::core::task::ModelSettings;
use crate::i18n::catalogue::ml as msg;
use crate::ml::{self, EvalReport, LabelledExample, MlError, TrainSummary};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

/// Kind of work a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Train,
    Evaluate,
}

/// A report from a running job.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEvent {
    /// Fraction done in `[0, 1]`, never decreasing within a job, and the current stage
    /// in the current language.
    Progress {
        fraction: f64,
        stage: String,
    },
    Trained(TrainSummary),
    Evaluated(EvalReport),
    /// Failure message: what failed and what to do next.
    Failed(String),
    Cancelled,
}

impl JobEvent {
    fn is_final(&self) -> bool {
        !matches!(self, JobEvent::Progress { .. })
    }

    /// Returns the variant name, for logs.
    fn name(&self) -> &'static str {
        match self {
            JobEvent::Progress { .. } => "progress",
            JobEvent::Trained(_) => "trained",
            JobEvent::Evaluated(_) => "evaluated",
            JobEvent::Failed(_) => "failed",
            JobEvent::Cancelled => "cancelled",
        }
    }
}

/// The caller's side of a running job.
#[derive(Debug)]
pub struct JobHandle {
    kind: JobKind,
    events: Receiver<JobEvent>,
    cancel: Arc<AtomicBool>,
    finished: bool,
}

/// Loads the labelled examples on the job thread.
pub type LoadExamples = Box<dyn FnOnce() -> anyhow::Result<Vec<LabelledExample>> + Send>;

impl JobHandle {
    pub fn kind(&self) -> JobKind {
        self.kind
    }

    /// Drains every event sent since the last call, without blocking.
    pub fn poll(&mut self) -> Vec<JobEvent> {
        let mut drained = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(event) => {
                    self.finished |= event.is_final();
                    drained.push(event);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if !self.finished {
                        tracing::error!(kind = ?self.kind, "job thread ended without a result");
                        self.finished = true;
                        drained.push(JobEvent::Failed(msg::ML_JOB_STOPPED.text().to_string()));
                    }
                    break;
                }
            }
        }
        drained
    }

    /// Asks the job to stop at its next check; it then sends `Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Returns true once [`JobHandle::poll`] has returned the job's final event.
    pub fn is_finished(&self) -> bool {
        self.finished
    }
}

/// Starts a job on a new thread. `load` runs on that thread, because loading labels
/// from the store can be slow on big projects. A `Train` job saves the model to
/// `model_path`; an `Evaluate` job uses `settings.folds` folds.
pub fn spawn(kind: JobKind, load: LoadExamples, settings: ModelSettings, model_path: PathBuf) -> JobHandle {
    let (sender, events) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let job_cancel = Arc::clone(&cancel);

    let spawned = std::thread::Builder::new()
        .name(format!("quorum-{kind:?}").to_lowercase())
        .spawn(move || run(kind, load, &settings, &model_path, &sender, &job_cancel));
    if let Err(err) = spawned {
        tracing::error!(error = %err, "could not start job thread");
    }
    JobHandle { kind, events, cancel, finished: false }
}

fn run(
    kind: JobKind,
    load: LoadExamples,
    settings: &ModelSettings,
    model_path: &std::path::Path,
    sender: &Sender<JobEvent>,
    cancel: &AtomicBool,
) {
    tracing::info!(?kind, "job started");
    let progress = MonotoneProgress::new(sender.clone());
    progress.send(0.0, msg::ML_STAGE_LOADING.text());

    let final_event = match load() {
        Err(err) => {
            tracing::error!(?kind, error = format!("{err:#}"), "loading labels failed");
            JobEvent::Failed(msg::ML_JOB_LOAD_FAILED.fmt(&[("reason", &format!("{err:#}"))]))
        }
        Ok(examples) => {
            let report = |fraction: f64, stage: &str| progress.send(fraction, stage);
            let result = match kind {
                JobKind::Train => train_and_save(&examples, settings, model_path, &report, cancel),
                JobKind::Evaluate => {
                    let folds = settings.folds as usize;
                    ml::evaluate(&examples, settings, folds, &report, cancel).map(JobEvent::Evaluated)
                }
            };
            match result {
                Ok(event) => event,
                Err(MlError::Cancelled) => JobEvent::Cancelled,
                Err(err) => {
                    tracing::error!(?kind, error = %err, "job failed");
                    JobEvent::Failed(err.to_string())
                }
            }
        }
    };
    tracing::info!(?kind, outcome = final_event.name(), "job ended");
    // The receiver may be gone if the TUI closed; nothing is left to tell then.
    let _ = sender.send(final_event);
}

fn train_and_save(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    model_path: &std::path::Path,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<JobEvent, MlError> {
    let model = ml::train(examples, settings, progress, cancel)?;
    progress(1.0, msg::ML_STAGE_SAVING.text());
    model.save(model_path)?;
    Ok(JobEvent::Trained(model.summary().clone()))
}

/// Sends progress events, raising any fraction below the last one sent to it, so the
/// bar never moves back when a stage reports from its own start.
struct MonotoneProgress {
    sender: Sender<JobEvent>,
    highest: Cell<f64>,
}

impl MonotoneProgress {
    fn new(sender: Sender<JobEvent>) -> Self {
        MonotoneProgress { sender, highest: Cell::new(0.0) }
    }

    fn send(&self, fraction: f64, stage: &str) {
        let fraction = fraction.clamp(0.0, 1.0).max(self.highest.get());
        self.highest.set(fraction);
        let _ = self.sender.send(JobEvent::Progress { fraction, stage: stage.to_string() });
    }
}
