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
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Share of the progress bar given to feature extraction; fitting takes the rest.
const FEATURE_SHARE: f64 = 0.1;

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
    if settings.backend == Backend::Torch {
        let fit_progress = |f| progress(FEATURE_SHARE + (1.0 - FEATURE_SHARE) * f, stage);
        return crate::ml::torch::train(examples, features, &rows, labels, settings, &fit_progress, cancel, started);
    }
    let targets = label_indices(examples, &labels);
    let fit = fit_rows(
        &rows,
        features.n_features(),
        &targets,
        settings,
        &|f| progress(FEATURE_SHARE + (1.0 - FEATURE_SHARE) * f, stage),
        cancel,
    )?;

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
