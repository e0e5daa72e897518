//! Stratified k-fold cross-validation.
//!
//! Examples are split into folds that keep each class's share (seeded by
//! `settings.seed`). For each fold, the feature space (vocabulary, idf) and the model
//! are fitted on the other folds only, so no test text leaks into the features. The
//! predictions of all folds are pooled into one confusion matrix, and every score is
//! computed from it. The out-of-fold probabilities give the log loss and the expected
//! calibration error (see [`crate::ml::calibration`]).
//!
//! [`evaluate_held_out`] scores a model trained on one set of examples on another, such
//! as the gold items when the model learnt from the annotators' labels.
//! [`evaluate_soft`] adds scores against soft labels (see [`crate::ml::soft_scores`]).

use crate::core::metrics;
use crate::core::rng::SplitMix64;
use crate::core::task::{Backend, ModelSettings};
use crate::i18n::catalogue::ml as msg;
use crate::ml::LabelledExample;
use crate::ml::calibration::{self, DEFAULT_ECE_BINS};
use crate::ml::error::MlError;
use crate::ml::features::SparseRow;
use crate::ml::features::{FeatureOptions, FeatureSpace};
use crate::ml::linear::LinearModel;
use crate::ml::report::{ClassScores, EvalReport};
use crate::ml::soft_scores::soft_scores;
use crate::ml::train::{FEATURE_SHARE, after_features, check_cancel, fit_rows, label_indices, label_set};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::AtomicBool;

/// Assigns each example to one of `folds` folds, keeping class proportions.
///
/// The examples of each class are shuffled, then dealt to the folds in turn, and each
/// class continues where the previous one stopped. So every fold gets `⌊c/k⌋` or
/// `⌈c/k⌉` examples of a class with `c` examples, and fold sizes differ by at most 1.
pub fn stratified_folds(targets: &[usize], folds: usize, seed: u64) -> Vec<usize> {
    let n_classes = targets.iter().max().map_or(0, |m| m + 1);
    let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); n_classes];
    for (index, &class) in targets.iter().enumerate() {
        by_class[class].push(index);
    }

    let mut rng = SplitMix64::new(seed);
    let mut assignment = vec![0; targets.len()];
    let mut next_fold = 0;
    for members in &mut by_class {
        rng.shuffle(members);
        for &index in members.iter() {
            assignment[index] = next_fold;
            next_fold = (next_fold + 1) % folds.max(1);
        }
    }
    assignment
}

/// Cross-validates with the default [`FeatureOptions`].
pub fn evaluate(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    folds: usize,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<EvalReport, MlError> {
    evaluate_with_options(examples, settings, &FeatureOptions::default(), folds, progress, cancel)
}

/// Runs stratified `folds`-fold cross-validation and pools the scores.
///
/// `progress` receives a fraction in `[0, 1]` that never decreases and the current fold.
pub fn evaluate_with_options(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    options: &FeatureOptions,
    folds: usize,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<EvalReport, MlError> {
    let pooled = cross_validate(examples, settings, options, folds, progress, cancel)?;
    let report = build_report(folds, pooled.labels, &pooled.truth, &pooled.probabilities);
    log_report(&report);
    Ok(report)
}

/// Cross-validates for a project trained with soft labels: `targets[i]` is the label
/// distribution of `examples[i]` (such as the Dawid–Skene posterior), and each
/// example's label is its most probable one.
///
/// Accuracy, macro-F1, log loss and ECE score the examples' labels, as
/// [`evaluate`] does, and the report's `soft` adds the soft log loss and expected
/// accuracy against the distributions (see [`crate::ml::soft_scores`]). Each fold's
/// model is trained on the examples' labels.
pub fn evaluate_soft(
    examples: &[LabelledExample],
    targets: &[BTreeMap<String, f64>],
    settings: &ModelSettings,
    folds: usize,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<EvalReport, MlError> {
    if targets.len() != examples.len() {
        return Err(MlError::ShapeMismatch { rows: examples.len(), targets: targets.len() });
    }
    let pooled = cross_validate(examples, settings, &FeatureOptions::default(), folds, progress, cancel)?;
    let soft_targets: Vec<Vec<f64>> =
        pooled.order.iter().map(|&i| target_row(&targets[i], &pooled.labels, &examples[i].label)).collect();
    let soft = soft_scores(&soft_targets, &pooled.probabilities);

    let mut report = build_report(folds, pooled.labels, &pooled.truth, &pooled.probabilities);
    report.soft = Some(soft);
    log_report(&report);
    Ok(report)
}

/// The out-of-fold probabilities of every example, in the order the folds scored them.
struct Pooled {
    labels: Vec<String>,
    /// The example index of each pooled row.
    order: Vec<usize>,
    truth: Vec<usize>,
    probabilities: Vec<Vec<f64>>,
}

fn cross_validate(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    options: &FeatureOptions,
    folds: usize,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<Pooled, MlError> {
    crate::ml::torch::ensure_available(settings)?;
    let labels = label_set(examples)?;
    if folds < 2 || folds > examples.len() {
        return Err(MlError::InvalidFolds { folds, n_examples: examples.len() });
    }
    let targets = label_indices(examples, &labels);
    let fold_of = stratified_folds(&targets, folds, settings.seed);

    let mut order = Vec::with_capacity(examples.len());
    let mut truth = Vec::with_capacity(examples.len());
    let mut probabilities = Vec::with_capacity(examples.len());
    for fold in 0..folds {
        check_cancel(cancel)?;
        let stage = msg::ML_STAGE_FOLD.fmt(&[("fold", &(fold + 1)), ("folds", &folds)]);
        let report = |f: f64| progress((fold as f64 + f) / folds as f64, &stage);
        report(0.0);

        let (train_indices, test_indices): (Vec<usize>, Vec<usize>) =
            (0..examples.len()).partition(|&i| fold_of[i] != fold);
        check_fold_classes(fold, &train_indices, &targets, &labels)?;
        let split = Split { examples, targets: &targets, train: &train_indices, test: &test_indices };
        probabilities.extend(predict_fold(&split, settings, options, &report, cancel)?);
        truth.extend(test_indices.iter().map(|&i| targets[i]));
        order.extend(test_indices);
    }
    progress(1.0, msg::ML_STAGE_DONE.text());
    Ok(Pooled { labels, order, truth, probabilities })
}

/// Builds one example's target distribution over `labels`, renormalised to sum to 1,
/// followed by the mass on labels outside `labels`, which no fold's model can predict.
/// A target without mass falls back to the example's label, as in training.
fn target_row(target: &BTreeMap<String, f64>, labels: &[String], label: &str) -> Vec<f64> {
    let valid = |p: &f64| p.is_finite() && *p > 0.0;
    let total: f64 = target.values().filter(|p| valid(p)).sum();
    if total <= 0.0 {
        let mut one_hot: Vec<f64> = labels.iter().map(|l| if l == label { 1.0 } else { 0.0 }).collect();
        one_hot.push(0.0);
        return one_hot;
    }
    let mut row: Vec<f64> =
        labels.iter().map(|l| target.get(l).copied().filter(valid).unwrap_or(0.0) / total).collect();
    let inside: f64 = row.iter().sum();
    row.push((1.0 - inside).max(0.0));
    row
}

fn log_report(report: &EvalReport) {
    tracing::info!(
        folds = report.folds,
        n_examples = report.n_examples,
        accuracy = report.accuracy,
        macro_f1 = report.macro_f1,
        log_loss = report.log_loss,
        ece = report.ece,
        soft_log_loss = report.soft.map(|soft| soft.log_loss),
        soft_expected_accuracy = report.soft.map(|soft| soft.expected_accuracy),
        "model evaluated"
    );
}

/// Trains on `train` and scores on `test`, e.g. a model of the annotators' labels on
/// the gold items. Labels are those of both sets together, so a test label that no
/// training example has counts as a miss. The model is that of `settings.backend` and
/// `settings.kind`, as in [`evaluate`]. The report's `folds` is 0.
pub fn evaluate_held_out(
    train: &[LabelledExample],
    test: &[LabelledExample],
    settings: &ModelSettings,
    options: &FeatureOptions,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<EvalReport, MlError> {
    crate::ml::torch::ensure_available(settings)?;
    label_set(train)?;
    if test.is_empty() {
        return Err(MlError::NoHeldOut);
    }
    let labels: Vec<String> =
        train.iter().chain(test).map(|e| e.label.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let stage = msg::ML_STAGE_TRAINING.text();
    progress(0.0, stage);

    let (features, train_rows) = FeatureSpace::fit(train, settings, options)?;
    let test_rows = features.transform(test)?;
    check_cancel(cancel)?;
    progress(FEATURE_SHARE, stage);

    let targets = label_indices(train, &labels);
    let training =
        TrainingRows { examples: train, rows: &train_rows, targets: &targets, n_features: features.n_features() };
    let report_fit = |f: f64| progress(after_features(f), stage);
    let probabilities = fit_and_score(&training, &test_rows, labels.len(), settings, &report_fit, cancel)?;
    progress(1.0, msg::ML_STAGE_DONE.text());

    let truth = label_indices(test, &labels);
    let report = build_report(0, labels, &truth, &probabilities);
    tracing::info!(n_train = train.len(), n_test = test.len(), macro_f1 = report.macro_f1, "held-out evaluation");
    Ok(report)
}

/// The probability of every label for each row, in label-index order; a label the fit
/// never saw gets 0.
pub(crate) fn label_probabilities(fit: &LinearModel, rows: &[SparseRow], n_labels: usize) -> Vec<Vec<f64>> {
    rows.iter()
        .map(|row| {
            let mut full = vec![0.0; n_labels];
            for (&class, p) in fit.classes.iter().zip(fit.probabilities(row)) {
                if let Some(slot) = full.get_mut(class) {
                    *slot = p;
                }
            }
            full
        })
        .collect()
}

/// The label index with the highest probability; the first wins a tie, as in
/// [`LinearModel::predict_row`].
pub(crate) fn argmax(row: &[f64]) -> usize {
    (0..row.len()).fold(0, |best, j| if row[j] > row[best] { j } else { best })
}

/// One fold's examples, split into training and test indices.
struct Split<'a> {
    examples: &'a [LabelledExample],
    targets: &'a [usize],
    train: &'a [usize],
    test: &'a [usize],
}

/// Fits features and model on the training part and returns the label probabilities
/// of each test example.
fn predict_fold(
    split: &Split<'_>,
    settings: &ModelSettings,
    options: &FeatureOptions,
    report: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<Vec<Vec<f64>>, MlError> {
    let train: Vec<LabelledExample> = split.train.iter().map(|&i| split.examples[i].clone()).collect();
    let test: Vec<LabelledExample> = split.test.iter().map(|&i| split.examples[i].clone()).collect();
    let (features, train_rows) = FeatureSpace::fit(&train, settings, options)?;
    let test_rows = features.transform(&test)?;
    check_cancel(cancel)?;
    report(FEATURE_SHARE);

    let train_targets: Vec<usize> = split.train.iter().map(|&i| split.targets[i]).collect();
    let training = TrainingRows {
        examples: &train,
        rows: &train_rows,
        targets: &train_targets,
        n_features: features.n_features(),
    };
    let n_labels = split.targets.iter().max().map_or(0, |m| m + 1);
    let report_fit = |f: f64| report(after_features(f));
    fit_and_score(&training, &test_rows, n_labels, settings, &report_fit, cancel)
}

/// The training side of an evaluation: its examples, their feature rows and label indices.
struct TrainingRows<'a> {
    examples: &'a [LabelledExample],
    rows: &'a [SparseRow],
    targets: &'a [usize],
    n_features: usize,
}

/// Fits the model of `settings.backend` and `settings.kind` on `training` and returns the
/// probability of each of `n_labels` labels for every test row. `report` receives the
/// fit's progress in `[0, 1]`.
fn fit_and_score(
    training: &TrainingRows<'_>,
    test_rows: &[SparseRow],
    n_labels: usize,
    settings: &ModelSettings,
    report: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<Vec<Vec<f64>>, MlError> {
    if settings.backend == Backend::Torch {
        return crate::ml::torch::fit_predict(
            training.examples,
            training.rows,
            test_rows,
            training.n_features,
            training.targets,
            n_labels,
            settings,
            report,
            cancel,
        );
    }
    let fit = fit_rows(training.rows, training.n_features, training.targets, settings, report, cancel)?;
    if !fit.converged {
        tracing::warn!(iterations = fit.iterations, "an evaluated model stopped before converging");
    }
    Ok(label_probabilities(&fit, test_rows, n_labels))
}

/// Rejects a fold whose training part contains a single class, which cannot be fitted.
fn check_fold_classes(
    fold: usize,
    train_indices: &[usize],
    targets: &[usize],
    labels: &[String],
) -> Result<(), MlError> {
    let mut classes = train_indices.iter().map(|&i| targets[i]);
    if let Some(first) = classes.next()
        && classes.all(|class| class == first)
    {
        return Err(MlError::FoldOneClass { fold: fold + 1, label: labels[first].clone() });
    }
    Ok(())
}

fn build_report(folds: usize, labels: Vec<String>, truth: &[usize], probabilities: &[Vec<f64>]) -> EvalReport {
    let predicted: Vec<usize> = probabilities.iter().map(|row| argmax(row)).collect();
    let confusion = metrics::confusion_matrix(truth, &predicted, labels.len());
    let classes = metrics::per_class(&confusion);
    let per_class = labels
        .iter()
        .zip(&classes)
        .map(|(label, m)| ClassScores {
            label: label.clone(),
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
            support: m.support,
        })
        .collect();
    EvalReport {
        folds,
        n_examples: truth.len(),
        accuracy: metrics::accuracy(&confusion),
        macro_f1: metrics::macro_f1(&classes),
        log_loss: calibration::log_loss(truth, probabilities),
        ece: calibration::expected_calibration_error(truth, probabilities, DEFAULT_ECE_BINS),
        ece_bins: DEFAULT_ECE_BINS,
        labels,
        per_class,
        confusion,
        soft: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_keep_class_proportions() {
        // 50 of class 0, 30 of class 1, 7 of class 2, interleaved.
        let targets: Vec<usize> = (0..87)
            .map(|i| {
                if i < 50 {
                    0
                } else if i < 80 {
                    1
                } else {
                    2
                }
            })
            .collect();
        let folds = 5;
        let assignment = stratified_folds(&targets, folds, 42);
        for class in 0..3 {
            let total = targets.iter().filter(|&&t| t == class).count();
            for fold in 0..folds {
                let count = (0..targets.len()).filter(|&i| targets[i] == class && assignment[i] == fold).count();
                let (low, high) = (total / folds, total.div_ceil(folds));
                assert!(count >= low, "class {class} fold {fold}: {count} < {low}");
                assert!(count <= high, "class {class} fold {fold}: {count} > {high}");
            }
        }
        let sizes: Vec<usize> = (0..folds).map(|f| assignment.iter().filter(|&&a| a == f).count()).collect();
        let spread = sizes.iter().max().unwrap() - sizes.iter().min().unwrap();
        assert!(spread <= 1, "fold sizes {sizes:?}");
    }

    /// benches/ml/compare.sh replays this split in Python and checks the same vector.
    #[test]
    fn folds_match_reference_vector() {
        let assignment = stratified_folds(&[0, 1, 0, 1, 0, 1, 2, 2, 2, 0], 3, 0);
        assert_eq!(assignment, [1, 2, 2, 1, 0, 0, 0, 1, 2, 0]);
    }

    #[test]
    fn folds_depend_on_seed_only() {
        let targets: Vec<usize> = (0..40).map(|i| i % 3).collect();
        assert_eq!(stratified_folds(&targets, 4, 7), stratified_folds(&targets, 4, 7));
        assert_ne!(stratified_folds(&targets, 4, 7), stratified_folds(&targets, 4, 8));
    }
}
