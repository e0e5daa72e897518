//! Training a model on all labelled examples.

use crate::core::task::{Backend, ModelKind, ModelSettings};
use crate::i18n::catalogue::ml as msg;
use crate::ml::LabelledExample;
use crate::ml::error::MlError;
use crate::ml::features::{FeatureOptions, FeatureSpace, SparseRow};
use crate::ml::linear::LinearModel;
use crate::ml::model::{TrainSummary, TrainedModel};
use crate::ml::naive_bayes::NaiveBayesParams;
use crate::ml::softmax::{FitMonitor, SoftmaxParams};
use crate::ml::sparse::CsrMatrix;
use linfa::ParamGuard;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Share of a training step's progress given to feature extraction; fitting takes the
/// rest. Training, each fold and a held-out evaluation split their progress this way.
pub(crate) const FEATURE_SHARE: f64 = 0.1;

/// Maps a fit's progress in `[0, 1]` onto the part of a step's progress after feature
/// extraction.
pub(crate) fn after_features(fit_fraction: f64) -> f64 {
    FEATURE_SHARE + (1.0 - FEATURE_SHARE) * fit_fraction
}

/// Trains one torch network with a head per question of `questions` on the union of
/// their labelled `examples` (see [`crate::ml::torch::QuestionTargets`]). The features are
/// fitted on every example, whether or not it is labelled for the first question.
pub fn train_multitask(
    examples: &[LabelledExample],
    questions: &[crate::ml::torch::QuestionTargets],
    settings: &ModelSettings,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<TrainedModel, MlError> {
    let started = Instant::now();
    let torch_settings = ModelSettings { backend: Backend::Torch, ..settings.clone() };
    crate::ml::torch::ensure_available(&torch_settings)?;

    progress(0.0, msg::ML_STAGE_FEATURES.text());
    let (features, rows) = FeatureSpace::fit(examples, settings, &FeatureOptions::default())?;
    check_cancel(cancel)?;

    let stage = msg::ML_STAGE_TRAINING.text();
    progress(FEATURE_SHARE, stage);
    let fit_progress = |f| progress(FEATURE_SHARE + (1.0 - FEATURE_SHARE) * f, stage);
    crate::ml::torch::train_multitask(examples, features, &rows, questions, settings, &fit_progress, cancel, started)
}

/// Trains with the default [`FeatureOptions`] (sublinear tf, 8×8 images).
pub fn train(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<TrainedModel, MlError> {
    train_with_options(examples, settings, &FeatureOptions::default(), progress, cancel)
}

/// Fits the feature space and the classifier of `settings.kind` on `examples`.
///
/// `progress` receives a fraction in `[0, 1]` that never decreases and a stage name in
/// the current language.
pub fn train_with_options(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    options: &FeatureOptions,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<TrainedModel, MlError> {
    let started = Instant::now();
    crate::ml::torch::ensure_available(settings)?;
    let labels = label_set(examples)?;

    progress(0.0, msg::ML_STAGE_FEATURES.text());
    let (features, rows) = FeatureSpace::fit(examples, settings, options)?;
    check_cancel(cancel)?;

    let stage = msg::ML_STAGE_TRAINING.text();
    progress(FEATURE_SHARE, stage);
    let fit_progress = |f: f64| progress(after_features(f), stage);
    if settings.backend == Backend::Torch {
        return crate::ml::torch::train(examples, features, &rows, labels, settings, &fit_progress, cancel, started);
    }
    let targets = label_indices(examples, &labels);
    let fit = fit_rows(&rows, features.n_features(), &targets, settings, &fit_progress, cancel)?;

    let predicted: Vec<usize> = rows.iter().map(|row| predict_index(&fit, row)).collect();
    let correct = predicted.iter().zip(&targets).filter(|(p, t)| p == t).count();
    let summary = TrainSummary {
        n_examples: examples.len(),
        n_features: features.n_features(),
        labels,
        train_accuracy: correct as f64 / examples.len() as f64,
        seconds: started.elapsed().as_secs_f64(),
    };
    tracing::info!(
        kind = settings.kind.name(),
        n_examples = summary.n_examples,
        n_features = summary.n_features,
        train_accuracy = summary.train_accuracy,
        iterations = fit.iterations,
        converged = fit.converged,
        seconds = summary.seconds,
        "model trained"
    );
    Ok(TrainedModel::new(features, settings.kind, &fit, summary))
}

/// Trains the softmax model towards a label distribution per example (`targets[i]`
/// for `examples[i]`, e.g. the Dawid–Skene posterior of the item), minimising the
/// cross-entropy to it. Labels are those of the examples and any label with probability
/// mass. Naive Bayes has no such loss, so it is trained on the examples' labels.
pub fn train_soft(
    examples: &[LabelledExample],
    targets: &[BTreeMap<String, f64>],
    settings: &ModelSettings,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<TrainedModel, MlError> {
    if settings.kind != ModelKind::Logistic {
        tracing::warn!(kind = settings.kind.name(), "soft labels apply to logistic regression only; using hard labels");
        return train(examples, settings, progress, cancel);
    }
    if targets.len() != examples.len() {
        return Err(MlError::ShapeMismatch { rows: examples.len(), targets: targets.len() });
    }
    let started = Instant::now();
    label_set(examples)?;
    let mut all: BTreeSet<String> = examples.iter().map(|e| e.label.clone()).collect();
    all.extend(targets.iter().flat_map(|t| t.iter().filter(|(_, p)| **p > 0.0).map(|(l, _)| l.clone())));
    let labels: Vec<String> = all.into_iter().collect();

    progress(0.0, msg::ML_STAGE_FEATURES.text());
    let options = FeatureOptions::default();
    let (features, rows) = FeatureSpace::fit(examples, settings, &options)?;
    check_cancel(cancel)?;
    let stage = msg::ML_STAGE_TRAINING.text();
    progress(FEATURE_SHARE, stage);

    // A distribution in label order; an example without mass falls back to its label.
    let soft: Vec<Vec<f64>> = examples
        .iter()
        .zip(targets)
        .map(|(example, target)| {
            let row: Vec<f64> = labels.iter().map(|l| target.get(l).copied().unwrap_or(0.0)).collect();
            if row.iter().sum::<f64>() > 0.0 {
                row
            } else {
                labels.iter().map(|l| if *l == example.label { 1.0 } else { 0.0 }).collect()
            }
        })
        .collect();
    let x = CsrMatrix::from_rows(&rows, features.n_features());
    let params = SoftmaxParams::new().alpha(settings.alpha).max_iterations(settings.max_iterations).check()?;
    let fit_progress = |f: f64| progress(after_features(f), stage);
    let fit = params.fit_soft_monitored(&x, &soft, &FitMonitor { progress: &fit_progress, cancel })?;
    progress(1.0, stage);

    let hard = label_indices(examples, &labels);
    let correct = rows.iter().zip(&hard).filter(|(row, t)| predict_index(&fit, row) == **t).count();
    let summary = TrainSummary {
        n_examples: examples.len(),
        n_features: features.n_features(),
        labels,
        train_accuracy: correct as f64 / examples.len() as f64,
        seconds: started.elapsed().as_secs_f64(),
    };
    tracing::info!(n_examples = summary.n_examples, converged = fit.converged, "model trained on soft labels");
    Ok(TrainedModel::new(features, settings.kind, &fit, summary))
}

/// Returns the sorted distinct labels, or an error when fewer than 2 classes are present.
pub(crate) fn label_set(examples: &[LabelledExample]) -> Result<Vec<String>, MlError> {
    let labels: BTreeSet<&str> = examples.iter().map(|e| e.label.as_str()).collect();
    match labels.len() {
        0 => Err(MlError::NoExamples),
        1 => Err(MlError::OneClass { label: examples[0].label.clone() }),
        _ => Ok(labels.into_iter().map(str::to_string).collect()),
    }
}

/// Maps each example's label to its index in the sorted `labels`.
pub(crate) fn label_indices(examples: &[LabelledExample], labels: &[String]) -> Vec<usize> {
    examples.iter().map(|e| labels.binary_search(&e.label).unwrap_or(0)).collect()
}

/// Fits the classifier of `settings.kind` on sparse rows.
pub(crate) fn fit_rows(
    rows: &[SparseRow],
    n_features: usize,
    targets: &[usize],
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<LinearModel, MlError> {
    check_cancel(cancel)?;
    let x = CsrMatrix::from_rows(rows, n_features);
    let fit = match settings.kind {
        ModelKind::Logistic => {
            let params = SoftmaxParams::new().alpha(settings.alpha).max_iterations(settings.max_iterations).check()?;
            params.fit_monitored(&x, targets, &FitMonitor { progress, cancel })?
        }
        ModelKind::NaiveBayes => NaiveBayesParams::new().check()?.fit_rows(&x, targets)?,
        ModelKind::LinearSvm => {
            let monitor = FitMonitor { progress, cancel };
            crate::ml::svm::fit_linear_svm(&x, targets, settings.alpha, settings.max_iterations, &monitor)?
        }
    };
    progress(1.0);
    Ok(fit)
}

/// Returns the label index with the highest probability for one row.
pub(crate) fn predict_index(fit: &LinearModel, row: &SparseRow) -> usize {
    let (columns, values): (Vec<usize>, Vec<f64>) = row.iter().copied().unzip();
    fit.predict_row(&columns, &values)
}

pub(crate) fn check_cancel(cancel: &AtomicBool) -> Result<(), MlError> {
    if cancel.load(Ordering::Relaxed) { Err(MlError::Cancelled) } else { Ok(()) }
}
