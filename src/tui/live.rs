//! The live agreement poller: a background thread with its own store connection.
//!
//! It reads every current answer once, then asks the store every [`POLL_INTERVAL`]
//! for the items whose answers changed since the last look (from any process) and
//! sends a small [`LiveSnapshot`] to the UI thread whenever the statistics move.

use crate::core::agreement::{LiveAgreement, Stat};
use crate::store::{Store, StoreError};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the poller asks the store for changes.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// How long the poller waits before reopening the store after an error.
const RETRY_INTERVAL: Duration = Duration::from_secs(3);

/// A statistic ready to draw: a value, or the reason it is undefined.
#[derive(Debug, Clone, PartialEq)]
pub enum StatView {
    Value(f64),
    Undefined { reason: String },
}

impl From<Stat> for StatView {
    fn from(stat: Stat) -> Self {
        match stat {
            Stat::Value(value) if value.is_finite() => StatView::Value(value),
            Stat::Value(value) => StatView::Undefined { reason: format!("{value}") },
            Stat::Undefined(why) => StatView::Undefined { reason: why.message() },
        }
    }
}

/// The agreement statistics at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSnapshot {
    pub percent_agreement: StatView,
    pub krippendorff_alpha: StatView,
    /// Items with answers from at least two annotators.
    pub n_items_paired: usize,
}

/// A message from the poller to the UI thread.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveMessage {
    Snapshot(LiveSnapshot),
    /// The poller could not read the store; it retries on its own.
    Failed(String),
}

/// Agreement kept up to date from the store's change log.
pub struct LiveState {
    agreement: LiveAgreement,
    seq: i64,
}

impl LiveState {
    /// Reads every current answer from `store`.
    pub fn load(store: &mut Store, labels: &[String]) -> Result<LiveState, StoreError> {
        let mut agreement = LiveAgreement::new(labels);
        let seq = store.answer_snapshot(|_, answers| {
            let after: Vec<(&str, &str)> = answers.iter().map(|(a, l)| (a.as_str(), l.as_str())).collect();
            agreement.update_item(&[], &after);
        })?;
        Ok(LiveState { agreement, seq })
    }

    /// Applies the changes logged since the last call; returns whether any arrived.
    pub fn refresh(&mut self, store: &mut Store) -> Result<bool, StoreError> {
        let (upto, changes) = store.changes_since(self.seq)?;
        self.seq = upto;
        for change in &changes {
            let before: Vec<(&str, &str)> = change.before.iter().map(|(a, l)| (a.as_str(), l.as_str())).collect();
            let after: Vec<(&str, &str)> = change.after.iter().map(|(a, l)| (a.as_str(), l.as_str())).collect();
            self.agreement.update_item(&before, &after);
        }
        Ok(!changes.is_empty())
    }

    pub fn snapshot(&self) -> LiveSnapshot {
        LiveSnapshot {
            percent_agreement: self.agreement.percent_agreement().into(),
            krippendorff_alpha: self.agreement.krippendorff_alpha().into(),
            n_items_paired: self.agreement.n_items_paired(),
        }
    }
}

/// The running poller thread; dropping it stops the thread and waits for it.
pub struct LivePoller {
    receiver: Receiver<LiveMessage>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl LivePoller {
    /// Starts polling the store at `store_path` for a one-question task with these
    /// label values, whose question has the id of a single `[question]` table.
    pub fn spawn(store_path: &Path, labels: Vec<String>) -> std::io::Result<LivePoller> {
        LivePoller::spawn_for_question(store_path, crate::core::task::DEFAULT_QUESTION_ID, labels)
    }

    /// Starts polling the answers to question `question`, whose label values are `labels`,
    /// in the store at `store_path`.
    pub fn spawn_for_question(store_path: &Path, question: &str, labels: Vec<String>) -> std::io::Result<LivePoller> {
        let (sender, receiver) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let path = store_path.to_path_buf();
        let question = question.to_string();
        let stop_flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("quorum-live-agreement".to_string())
            .spawn(move || poll_loop(&path, &question, &labels, &sender, &stop_flag))?;
        Ok(LivePoller { receiver, stop, thread: Some(thread) })
    }

    /// Takes every message sent since the last call, without blocking.
    pub fn drain(&self) -> Vec<LiveMessage> {
        self.receiver.try_iter().collect()
    }
}

impl Drop for LivePoller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("live agreement thread panicked");
        }
    }
}

fn poll_loop(path: &Path, question: &str, labels: &[String], sender: &Sender<LiveMessage>, stop: &AtomicBool) {
    tracing::info!(store = %path.display(), question, "live agreement poller started");
    while !stop.load(Ordering::Relaxed) {
        if let Err(err) = poll_until_error(path, question, labels, sender, stop) {
            tracing::warn!(error = %err, "live agreement poller failed; retrying");
            if sender.send(LiveMessage::Failed(err.to_string())).is_err() {
                break;
            }
            sleep_unless_stopped(RETRY_INTERVAL, stop);
        }
    }
    tracing::info!("live agreement poller stopped");
}

/// Polls until `stop` is set (returns `Ok`) or the store fails.
fn poll_until_error(
    path: &Path,
    question: &str,
    labels: &[String],
    sender: &Sender<LiveMessage>,
    stop: &AtomicBool,
) -> Result<(), StoreError> {
    let mut store = Store::open(path)?;
    store.select_question(question);
    let mut state = LiveState::load(&mut store, labels)?;
    if sender.send(LiveMessage::Snapshot(state.snapshot())).is_err() {
        return Ok(());
    }
    while !stop.load(Ordering::Relaxed) {
        sleep_unless_stopped(POLL_INTERVAL, stop);
        if state.refresh(&mut store)? && sender.send(LiveMessage::Snapshot(state.snapshot())).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Sleeps in steps of 50 ms, so that a stop request waits at most one step.
fn sleep_unless_stopped(duration: Duration, stop: &AtomicBool) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < duration && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(step);
        slept += step;
    }
}
