//! Training a model on all labelled examples.

use crate::core::task::ModelSettings;
use crate::i18n::catalogue::ml as msg;
use crate::ml::LabelledExample;
use crate::ml::error::MlError;
use crate::ml::features::{FeatureOptions, FeatureSpace, SparseRow, to_dense};
use crate::ml::logistic::{self, LinearModel};
use crate::ml::model::{TrainSummary, TrainedModel};
use ndarray::Array1;
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

/// Fits the feature space and a multinomial logistic regression on `examples`.
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
    let labels = label_set(examples)?;

    progress(0.0, msg::ML_STAGE_FEATURES.text());
    let (features, rows) = FeatureSpace::fit(examples, settings, options)?;
    check_cancel(cancel)?;

    let stage = msg::ML_STAGE_TRAINING.text();
    progress(FEATURE_SHARE, stage);
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
        n_examples = summary.n_examples,
        n_features = summary.n_features,
        train_accuracy = summary.train_accuracy,
        seconds = summary.seconds,
        "model trained"
    );
    Ok(TrainedModel::new(features, &fit, summary))
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

/// Fits the logistic regression on sparse rows, densified for linfa.
pub(crate) fn fit_rows(
    rows: &[SparseRow],
    n_features: usize,
    targets: &[usize],
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<LinearModel, MlError> {
    let x = to_dense(rows, n_features);
    let y = Array1::from(targets.to_vec());
    logistic::fit(x.view(), &y, settings.alpha, settings.max_iterations, progress, cancel)
}

/// Returns the label index with the highest probability for one row.
pub(crate) fn predict_index(fit: &LinearModel, row: &SparseRow) -> usize {
    let probabilities = fit.probabilities(row);
    let best =
        (0..probabilities.len()).fold(0, |best, j| if probabilities[j] > probabilities[best] { j } else { best });
    fit.classes.get(best).copied().unwrap_or(0)
}

pub(crate) fn check_cancel(cancel: &AtomicBool) -> Result<(), MlError> {
    if cancel.load(Ordering::Relaxed) { Err(MlError::Cancelled) } else { Ok(()) }
}
