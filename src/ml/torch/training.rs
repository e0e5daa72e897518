//! The torch backend's entry points for training and cross-validation, and the error a
//! build without libtorch gives instead.

use crate::core::task::{Backend, ModelSettings};
use crate::ml::LabelledExample;
use crate::ml::error::MlError;
use crate::ml::features::{FeatureSpace, SparseRow};
use crate::ml::model::TrainedModel;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Fails with the rebuild instructions when `settings` requests torch in a build without it.
pub(crate) fn ensure_available(settings: &ModelSettings) -> Result<(), MlError> {
    if settings.backend == Backend::Torch && !cfg!(feature = "torch") {
        return Err(MlError::TorchNotBuilt);
    }
    Ok(())
}

/// Trains the network for one question on the already fitted `features` and `rows`.
#[cfg_attr(not(feature = "torch"), allow(unused_variables))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn train(
    examples: &[LabelledExample],
    features: FeatureSpace,
    rows: &[SparseRow],
    labels: Vec<String>,
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
    started: Instant,
) -> Result<TrainedModel, MlError> {
    #[cfg(feature = "torch")]
    {
        use crate::ml::model::{FitInfo, TrainSummary};

        let targets = label_targets(examples, &labels);
        let spec = single_question_spec(examples, features.n_features(), labels.len(), settings);
        let net = super::fit::train_network(&spec, rows, std::slice::from_ref(&targets), settings, progress, cancel)?;

        let predicted = net.probabilities(rows).iter().map(|p| best(p) as i64).collect::<Vec<_>>();
        let correct = predicted.iter().zip(&targets).filter(|(p, t)| p == t).count();
        let summary = TrainSummary {
            n_examples: examples.len(),
            n_features: features.n_features(),
            labels,
            train_accuracy: correct as f64 / examples.len().max(1) as f64,
            seconds: started.elapsed().as_secs_f64(),
        };
        tracing::info!(
            network = ?net.spec().kind,
            device = ?net.device(),
            n_examples = summary.n_examples,
            n_features = summary.n_features,
            train_accuracy = summary.train_accuracy,
            epochs = settings.epochs,
            seconds = summary.seconds,
            "torch model trained"
        );
        let fit = FitInfo { kind: settings.kind, iterations: settings.epochs as u64, converged: true };
        Ok(TrainedModel::from_torch(features, super::TorchModel::new(net), fit, summary))
    }
    #[cfg(not(feature = "torch"))]
    Err(MlError::TorchNotBuilt)
}

/// The labels of one question for the examples of a training set with one head per
/// question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionTargets {
    /// The question id, which names its head.
    pub question: String,
    /// The question's label values, in the head's output order.
    pub labels: Vec<String>,
    /// Each example's label for this question, `None` where the example has none.
    pub targets: Vec<Option<String>>,
}

/// Trains one network with a shared trunk and a head per question on the already fitted
/// `features` and `rows`. The first question is the model's own: its labels are the
/// summary's and its training accuracy is reported.
#[cfg_attr(not(feature = "torch"), allow(unused_variables))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn train_multitask(
    examples: &[LabelledExample],
    features: FeatureSpace,
    rows: &[SparseRow],
    questions: &[QuestionTargets],
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
    started: Instant,
) -> Result<TrainedModel, MlError> {
    #[cfg(feature = "torch")]
    {
        use super::multitask::MISSING;
        use crate::ml::model::{FitInfo, TrainSummary};

        let targets: Vec<Vec<i64>> = questions
            .iter()
            .map(|question| {
                let index = |label: &String| question.labels.iter().position(|l| l == label).map(|i| i as i64);
                question.targets.iter().map(|target| target.as_ref().and_then(index).unwrap_or(MISSING)).collect()
            })
            .collect();
        let spec = super::NetSpec {
            kind: super::NetKind::Mlp,
            n_inputs: features.n_features(),
            hidden: settings.hidden,
            dropout: settings.dropout,
            heads: questions.iter().map(|q| (q.question.clone(), q.labels.len())).collect(),
        };
        let net = super::fit::train_network(&spec, rows, &targets, settings, progress, cancel)?;

        // Training accuracy of the first head, over the examples labelled for it.
        let first = targets.first().map(Vec::as_slice).unwrap_or_default();
        let predicted = net.head_probabilities(rows, 0).iter().map(|p| best(p) as i64).collect::<Vec<_>>();
        let labelled = first.iter().filter(|&&t| t != MISSING).count();
        let correct = predicted.iter().zip(first).filter(|(p, t)| **t != MISSING && p == t).count();
        let summary = TrainSummary {
            n_examples: examples.len(),
            n_features: features.n_features(),
            labels: questions.first().map(|q| q.labels.clone()).unwrap_or_default(),
            train_accuracy: correct as f64 / labelled.max(1) as f64,
            seconds: started.elapsed().as_secs_f64(),
        };
        tracing::info!(
            heads = questions.len(),
            device = ?net.device(),
            n_examples = summary.n_examples,
            n_features = summary.n_features,
            train_accuracy = summary.train_accuracy,
            epochs = settings.epochs,
            seconds = summary.seconds,
            "torch multi-head model trained"
        );
        let head_labels = questions.iter().map(|q| q.labels.clone()).collect();
        let fit = FitInfo { kind: settings.kind, iterations: settings.epochs as u64, converged: true };
        Ok(TrainedModel::from_torch(features, super::TorchModel::with_head_labels(net, head_labels), fit, summary))
    }
    #[cfg(not(feature = "torch"))]
    Err(MlError::TorchNotBuilt)
}

/// Trains on one fold's training rows and returns the label probabilities of each test row.
#[cfg_attr(not(feature = "torch"), allow(unused_variables))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn fit_predict(
    train_examples: &[LabelledExample],
    train_rows: &[SparseRow],
    test_rows: &[SparseRow],
    n_features: usize,
    train_targets: &[usize],
    n_labels: usize,
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<Vec<Vec<f64>>, MlError> {
    #[cfg(feature = "torch")]
    {
        let targets: Vec<i64> = train_targets.iter().map(|&t| t as i64).collect();
        let spec = single_question_spec(train_examples, n_features, n_labels, settings);
        let net = super::fit::train_network(&spec, train_rows, &[targets], settings, progress, cancel)?;
        Ok(net.probabilities(test_rows))
    }
    #[cfg(not(feature = "torch"))]
    Err(MlError::TorchNotBuilt)
}

/// Returns the network for a one-question project: a CNN when the items are images without text,
/// an MLP otherwise, with a single head.
#[cfg(feature = "torch")]
fn single_question_spec(
    examples: &[LabelledExample],
    n_features: usize,
    n_labels: usize,
    settings: &ModelSettings,
) -> super::NetSpec {
    let images_only = examples.iter().all(|e| e.image.is_some() && e.text.trim().is_empty());
    super::NetSpec {
        kind: if images_only { super::NetKind::Cnn } else { super::NetKind::Mlp },
        n_inputs: n_features,
        hidden: settings.hidden,
        dropout: settings.dropout,
        heads: vec![("label".to_string(), n_labels)],
    }
}

#[cfg(feature = "torch")]
fn label_targets(examples: &[LabelledExample], labels: &[String]) -> Vec<i64> {
    crate::ml::train::label_indices(examples, labels).into_iter().map(|t| t as i64).collect()
}

/// Index of the largest probability; the first on ties.
#[cfg(feature = "torch")]
fn best(probabilities: &[f64]) -> usize {
    (0..probabilities.len()).fold(0, |best, j| if probabilities[j] > probabilities[best] { j } else { best })
}
