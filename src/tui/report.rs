//! Team reports computed on a background thread with its own store connection.
//!
//! Annotator quality and the full agreement statistics read every current answer, and
//! the bootstrap interval resamples the table a thousand times, so none of it runs on
//! the UI thread. A [`ReportTask`] is polled on every tick; its result arrives as an
//! [`Action::Report`](crate::tui::Action::Report).

use crate::core::aggregation::{AggregateOptions, Method, Parameters, aggregate};
use crate::core::agreement::{
    AgreementSummary, AlphaInterval, BootstrapOptions, Level, Ratings, alpha_bootstrap, summary_at,
};
use crate::core::quality::{QualityThresholds, TeamQuality};
use crate::project::Project;
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// The kind of figures a report computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// Per-annotator quality, for the annotators screen.
    Quality,
    /// Agreement statistics with a bootstrap interval and per-annotator quality.
    Agreement,
}

/// Per-annotator quality, with each annotator's accuracy as Dawid–Skene estimates it.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityReport {
    pub team: TeamQuality,
    /// Probability that the annotator's answer is the true label under a Dawid–Skene
    /// model fitted to the current answers: `Σ_k prior_k · confusion[k][k]`, keyed by
    /// annotator. `None` when the model could not be fitted.
    pub dawid_skene_accuracy: Option<HashMap<String, f64>>,
}

/// Agreement figures of the whole project at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementReport {
    pub summary: AgreementSummary,
    pub interval: AlphaInterval,
    pub quality: TeamQuality,
}

/// A finished report, or why it failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportMessage {
    Quality(Box<QualityReport>),
    Agreement(Box<AgreementReport>),
    Failed(ReportKind, String),
}

/// A report being computed on its own thread.
pub struct ReportTask {
    kind: ReportKind,
    receiver: Receiver<ReportMessage>,
}

impl ReportTask {
    /// Starts computing a report of `kind` for `project`.
    pub fn spawn(project: &Project, kind: ReportKind) -> std::io::Result<ReportTask> {
        let (sender, receiver) = mpsc::channel();
        let project = project.clone();
        std::thread::Builder::new().name("quorum-report".to_string()).spawn(move || {
            let message = match compute(&project, kind) {
                Ok(message) => message,
                Err(err) => {
                    tracing::error!(error = %format!("{err:#}"), ?kind, "report failed");
                    ReportMessage::Failed(kind, format!("{err:#}"))
                }
            };
            // The receiver is gone when the screen was closed or the program quit.
            let _ = sender.send(message);
        })?;
        Ok(ReportTask { kind, receiver })
    }

    pub fn kind(&self) -> ReportKind {
        self.kind
    }

    /// Returns the result once it has arrived, without blocking. A thread that died
    /// without sending is reported as a failure.
    pub fn try_take(&self) -> Option<ReportMessage> {
        match self.receiver.try_recv() {
            Ok(message) => Some(message),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(ReportMessage::Failed(self.kind, "the report thread stopped without a result".to_string()))
            }
        }
    }
}

fn compute(project: &Project, kind: ReportKind) -> anyhow::Result<ReportMessage> {
    let store = project.store()?;
    let quality = store.annotator_quality(&QualityThresholds::default())?;
    let ratings = project.ratings(&store)?;
    if kind == ReportKind::Quality {
        let dawid_skene_accuracy = dawid_skene_accuracy(&ratings);
        return Ok(ReportMessage::Quality(Box::new(QualityReport { team: quality, dawid_skene_accuracy })));
    }
    let summary = summary_at(&ratings, Level::Nominal);
    let interval = alpha_bootstrap(&ratings, Level::Nominal, &BootstrapOptions::default())?;
    Ok(ReportMessage::Agreement(Box::new(AgreementReport { summary, interval, quality })))
}

/// Fits Dawid–Skene to `ratings` and weights each annotator's confusion diagonal by the
/// class priors, taken as the mean posterior over items.
fn dawid_skene_accuracy(ratings: &Ratings) -> Option<HashMap<String, f64>> {
    if ratings.n_annotations() == 0 {
        return None;
    }
    let result = match aggregate(Method::DawidSkene, ratings, &AggregateOptions::default()) {
        Ok(result) => result,
        Err(err) => {
            tracing::warn!(error = %err, "Dawid-Skene did not fit; the annotators screen leaves its column empty");
            return None;
        }
    };
    let Parameters::Confusion(confusion) = &result.parameters else { return None };
    let n_items = result.items.len().max(1) as f64;
    let mut priors = vec![0.0; result.labels.len()];
    for index in 0..result.items.len() {
        for (prior, p) in priors.iter_mut().zip(result.posterior(index)) {
            *prior += p / n_items;
        }
    }
    // An annotator who shares no item with anyone gets a confusion matrix that only
    // echoes their own answers, so their column shows a dash rather than that figure.
    let mut shares_an_item = vec![false; ratings.n_annotators()];
    for item in 0..ratings.n_items() {
        let answers = ratings.item_answers(item);
        if answers.len() >= 2 {
            for &(annotator, _) in answers {
                shares_an_item[annotator] = true;
            }
        }
    }
    let accuracies = ratings
        .annotators()
        .iter()
        .zip(confusion)
        .zip(&shares_an_item)
        .filter(|(_, shares)| **shares)
        .map(|((name, matrix), _)| {
            let diagonal = |k: usize| matrix.get(k).and_then(|row| row.get(k)).copied().unwrap_or(0.0);
            let accuracy = priors.iter().enumerate().map(|(k, prior)| prior * diagonal(k)).sum();
            (name.clone(), accuracy)
        })
        .collect();
    Some(accuracies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_annotator_gets_no_dawid_skene_accuracy() {
        let mut builder = Ratings::builder();
        for (item, annotator, label) in
            [("i1", "a", "x"), ("i1", "b", "x"), ("i2", "a", "y"), ("i2", "b", "x"), ("i3", "c", "y")]
        {
            builder.add(item, annotator, label);
        }
        let accuracy = dawid_skene_accuracy(&builder.build()).expect("Dawid-Skene fits");
        assert!(accuracy.contains_key("a"));
        assert!(accuracy.contains_key("b"));
        assert!(!accuracy.contains_key("c"), "c shares no item: {accuracy:?}");
    }
}
