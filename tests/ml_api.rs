//! Training, prediction, model files and input errors on small hand-made datasets.

use quorum::core::task::{ModelKind, ModelSettings};
use quorum::ml::{self, LabelledExample, MlError, TrainedModel};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

fn example(key: &str, text: &str, label: &str) -> LabelledExample {
    LabelledExample { key: key.to_string(), text: text.to_string(), image: None, label: label.to_string() }
}

/// Twelve short texts about two topics with disjoint vocabularies.
fn two_topics() -> Vec<LabelledExample> {
    let fruit = ["apple pear juice", "ripe apple", "pear and plum", "plum juice", "fresh fruit apple", "fruit pear"];
    let code = [
        "rust compiler error",
        "compiler warning",
        "cargo build error",
        "rust cargo",
        "build the compiler",
        "rust code",
    ];
    let mut examples = Vec::new();
    for (i, text) in fruit.iter().enumerate() {
        examples.push(example(&format!("f{i}"), text, "fruit"));
    }
    for (i, text) in code.iter().enumerate() {
        examples.push(example(&format!("c{i}"), text, "code"));
    }
    examples
}

fn settings() -> ModelSettings {
    ModelSettings { word_ngrams: (1, 1), max_iterations: 50, ..ModelSettings::default() }
}

fn no_cancel() -> AtomicBool {
    AtomicBool::new(false)
}

#[test]
fn train_predicts_unseen_text() {
    let model = ml::train(&two_topics(), &settings(), &|_, _| {}, &no_cancel()).expect("train");
    let summary = model.summary();
    assert_eq!(summary.labels, ["code", "fruit"]);
    assert_eq!(summary.n_examples, 12);
    assert_eq!(summary.train_accuracy, 1.0);

    let predictions = model.predict(&[example("n1", "apple juice", ""), example("n2", "compiler error", "")]);
    assert_eq!(predictions[0].label, "fruit");
    assert_eq!(predictions[1].label, "code");
    for p in &predictions {
        assert_eq!(p.probabilities.len(), 2);
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p.confidence > 0.5, "confidence {}", p.confidence);
    }
}

#[test]
fn train_progress_never_decreases() {
    let seen = RefCell::new(Vec::new());
    ml::train(&two_topics(), &settings(), &|f, _| seen.borrow_mut().push(f), &no_cancel()).expect("train");
    let seen = seen.into_inner();
    assert!(seen.len() >= 3, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!((seen[seen.len() - 1] - 1.0).abs() < 1e-12, "{seen:?}");
}

#[test]
fn model_file_round_trip() {
    let model = ml::train(&two_topics(), &settings(), &|_, _| {}, &no_cancel()).expect("train");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.json");
    model.save(&path).expect("save");
    let loaded = TrainedModel::load(&path).expect("load");

    assert_eq!(loaded.summary(), model.summary());
    let probe = [example("p", "plum and rust", ""), example("q", "juice", "")];
    assert_eq!(loaded.predict(&probe), model.predict(&probe));
}

#[test]
fn corrupt_model_file_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.json");
    std::fs::write(&path, b"{\"format_version\": 2}").expect("write");
    let err = TrainedModel::load(&path).unwrap_err();
    assert!(matches!(err, MlError::ModelFile { .. }), "{err:?}");
    assert!(err.to_string().contains("model.json"), "{err}");

    let missing = TrainedModel::load(&dir.path().join("absent.json")).unwrap_err();
    assert!(matches!(missing, MlError::Io { .. }), "{missing:?}");
}

#[test]
fn old_model_version_rejected() {
    // A version 1 file has no model kind; the version check must come first.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.json");
    std::fs::write(&path, b"{\"format_version\": 1, \"weights\": [], \"intercept\": []}").expect("write");
    let err = TrainedModel::load(&path).unwrap_err();
    assert!(matches!(err, MlError::ModelVersion { found: 1, expected: 2, .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("version 1"), "{message}");
    assert!(message.contains("train the model again"), "{message}");
}

#[test]
fn naive_bayes_predicts_unseen_text() {
    let settings = ModelSettings { kind: ModelKind::NaiveBayes, ..settings() };
    let model = ml::train(&two_topics(), &settings, &|_, _| {}, &no_cancel()).expect("train");
    assert_eq!(model.fit_info().kind, ModelKind::NaiveBayes);
    assert_eq!(model.fit_info().iterations, 0);
    assert_eq!(model.summary().train_accuracy, 1.0);

    let predictions = model.predict(&[example("n1", "apple juice", ""), example("n2", "compiler error", "")]);
    assert_eq!(predictions[0].label, "fruit");
    assert_eq!(predictions[1].label, "code");
    for p in &predictions {
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.json");
    model.save(&path).expect("save");
    let loaded = TrainedModel::load(&path).expect("load");
    assert_eq!(loaded.summary(), model.summary());
    assert_eq!(loaded.fit_info(), model.fit_info());
}

#[test]
fn logistic_fit_reports_convergence() {
    let model = ml::train(&two_topics(), &settings(), &|_, _| {}, &no_cancel()).expect("train");
    assert_eq!(model.fit_info().kind, ModelKind::Logistic);
    assert!(model.fit_info().converged, "{:?}", model.fit_info());
    assert!(model.fit_info().iterations > 0);

    let capped = ModelSettings { max_iterations: 1, alpha: 1e-4, ..settings() };
    let model = ml::train(&two_topics(), &capped, &|_, _| {}, &no_cancel()).expect("train");
    assert!(!model.fit_info().converged, "{:?}", model.fit_info());
    assert_eq!(model.fit_info().iterations, 1);
}

#[test]
fn single_class_rejected() {
    let examples: Vec<_> = two_topics().into_iter().filter(|e| e.label == "fruit").collect();
    let err = ml::train(&examples, &settings(), &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::OneClass { ref label } if label == "fruit"), "{err:?}");
    assert!(err.to_string().contains("at least 2 classes"), "{err}");

    let err = ml::evaluate(&examples, &settings(), 3, &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::OneClass { .. }), "{err:?}");
}

#[test]
fn empty_input_rejected() {
    let err = ml::train(&[], &settings(), &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::NoExamples), "{err:?}");
}

#[test]
fn blank_texts_give_no_features() {
    let examples = vec![example("a", "  ", "x"), example("b", "", "y")];
    let err = ml::train(&examples, &settings(), &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::NoFeatures), "{err:?}");
}

#[test]
fn too_many_folds_rejected() {
    let err = ml::evaluate(&two_topics(), &settings(), 13, &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::InvalidFolds { folds: 13, n_examples: 12 }), "{err:?}");
    let err = ml::evaluate(&two_topics(), &settings(), 1, &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::InvalidFolds { folds: 1, .. }), "{err:?}");
}

#[test]
fn fold_with_one_training_class_rejected() {
    // With one "rare" example and 2 folds, the fold that tests on it trains on "common" alone.
    let mut examples = vec![example("r", "unusual words", "rare")];
    for i in 0..5 {
        examples.push(example(&format!("c{i}"), "ordinary words", "common"));
    }
    let err = ml::evaluate(&examples, &settings(), 2, &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::FoldOneClass { ref label, .. } if label == "common"), "{err:?}");
}

#[test]
fn evaluate_scores_separable_topics() {
    let report = ml::evaluate(&two_topics(), &settings(), 3, &|_, _| {}, &no_cancel()).expect("evaluate");
    assert_eq!(report.n_examples, 12);
    assert_eq!(report.folds, 3);
    let total: usize = report.confusion.iter().flatten().sum();
    assert_eq!(total, 12);
    assert_eq!(report.per_class[0].support + report.per_class[1].support, 12);
    assert!(report.accuracy >= 0.75, "accuracy {}", report.accuracy);
}

#[test]
fn soft_evaluation_with_one_hot_targets_matches_hard() {
    let examples = two_topics();
    let hard = ml::evaluate(&examples, &settings(), 3, &|_, _| {}, &no_cancel()).expect("evaluate");
    assert_eq!(hard.soft, None);

    let one_hot: Vec<BTreeMap<String, f64>> =
        examples.iter().map(|e| BTreeMap::from([(e.label.clone(), 1.0)])).collect();
    let report = ml::evaluate_soft(&examples, &one_hot, &settings(), 3, &|_, _| {}, &no_cancel()).expect("evaluate");
    let soft = report.soft.expect("a soft-label evaluation has soft scores");
    assert_eq!(report.accuracy, hard.accuracy);
    assert_eq!(report.macro_f1, hard.macro_f1);
    assert!((soft.log_loss - hard.log_loss).abs() < 1e-12, "{soft:?} vs {}", hard.log_loss);
    assert!((soft.expected_accuracy - hard.accuracy).abs() < 1e-12, "{soft:?} vs {}", hard.accuracy);
}

#[test]
fn soft_evaluation_scores_the_posterior() {
    // Every item's posterior puts 0.3 on the other topic, so the expected accuracy is
    // 0.7 times the share right plus 0.3 times the share wrong.
    let examples = two_topics();
    let other = |label: &str| if label == "fruit" { "code" } else { "fruit" };
    let posterior: Vec<BTreeMap<String, f64>> =
        examples.iter().map(|e| BTreeMap::from([(e.label.clone(), 0.7), (other(&e.label).to_string(), 0.3)])).collect();
    let report = ml::evaluate_soft(&examples, &posterior, &settings(), 3, &|_, _| {}, &no_cancel()).expect("evaluate");
    let soft = report.soft.expect("soft scores");
    let expected = 0.7 * report.accuracy + 0.3 * (1.0 - report.accuracy);
    assert!((soft.expected_accuracy - expected).abs() < 1e-12, "{soft:?}, accuracy {}", report.accuracy);
    // The cross-entropy to a distribution with entropy H(0.7, 0.3) is at least H.
    let entropy = -(0.7f64 * 0.7f64.ln() + 0.3 * 0.3f64.ln());
    assert!(soft.log_loss >= entropy, "{soft:?}");

    let err = ml::evaluate_soft(&examples, &posterior[1..], &settings(), 3, &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::ShapeMismatch { rows: 12, targets: 11 }), "{err:?}");
}

#[test]
fn cancelled_training_stops() {
    let err = ml::train(&two_topics(), &settings(), &|_, _| {}, &AtomicBool::new(true)).unwrap_err();
    assert!(matches!(err, MlError::Cancelled), "{err:?}");
}

#[test]
fn cancel_during_fit_stops() {
    // The callback cancels at the first report after feature extraction (0.1), which
    // comes from the solver's first objective evaluation. The next evaluation must
    // stop the fit long before the iteration budget is spent.
    let cancel = AtomicBool::new(false);
    let last = RefCell::new(0.0);
    let settings = ModelSettings { max_iterations: 10_000, ..settings() };
    let err = ml::train(
        &two_topics(),
        &settings,
        &|f, _| {
            *last.borrow_mut() = f;
            if f > 0.1 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, MlError::Cancelled), "{err:?}");
    assert!(*last.borrow() < 0.5, "fit ran to {}", last.borrow());
}

#[test]
fn missing_image_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one.png");
    image::GrayImage::from_pixel(8, 8, image::Luma([200])).save(&path).expect("write png");
    let mut with_image = example("a", "", "x");
    with_image.image = Some(path);
    let examples = vec![with_image, example("b", "", "y")];

    let err = ml::train(&examples, &settings(), &|_, _| {}, &no_cancel()).unwrap_err();
    assert!(matches!(err, MlError::MissingImage { ref key } if key == "b"), "{err:?}");
}
