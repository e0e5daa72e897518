//! Soft-label training and the linear SVM model.

use quorum::core::task::{ModelSettings, TaskSpec};
use quorum::ml::{self, LabelledExample};
use quorum::project::Project;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn example(key: &str, text: &str, label: &str) -> LabelledExample {
    LabelledExample { key: key.into(), text: text.into(), image: None, label: label.into() }
}

fn examples() -> Vec<LabelledExample> {
    let mut examples = Vec::new();
    for i in 0..8 {
        examples.push(example(&format!("f{i}"), &format!("apple pear juice fruit{i}"), "fruit"));
        examples.push(example(&format!("c{i}"), &format!("compiler rust code crate{i}"), "code"));
    }
    examples.push(example("mixed", "banana kernel", "fruit"));
    examples
}

fn one_hot(label: &str) -> BTreeMap<String, f64> {
    BTreeMap::from([(label.to_string(), 1.0)])
}

fn settings() -> ModelSettings {
    ModelSettings { word_ngrams: (1, 1), max_iterations: 200, alpha: 0.1, ..ModelSettings::default() }
}

#[test]
fn one_hot_targets_match_hard_labels() {
    let examples = examples();
    let targets: Vec<_> = examples.iter().map(|e| one_hot(&e.label)).collect();
    let cancel = AtomicBool::new(false);
    let hard = ml::train(&examples, &settings(), &|_, _| {}, &cancel).unwrap();
    let soft = ml::train_soft(&examples, &targets, &settings(), &|_, _| {}, &cancel).unwrap();
    assert_eq!(soft.summary().labels, hard.summary().labels);

    let probe = [example("p", "juice compiler banana", ""), example("q", "crate", "")];
    for (a, b) in hard.predict(&probe).iter().zip(soft.predict(&probe)) {
        assert_eq!(a.label, b.label);
        for (x, y) in a.probabilities.iter().zip(&b.probabilities) {
            assert!((x - y).abs() < 1e-9, "{a:?} vs {b:?}");
        }
    }
}

#[test]
fn an_uncertain_target_gives_a_less_confident_model() {
    // The annotators split on "banana kernel": the soft target says so, the hard label
    // picks one side.
    let examples = examples();
    let mut targets: Vec<_> = examples.iter().map(|e| one_hot(&e.label)).collect();
    let last = targets.len() - 1;
    targets[last] = BTreeMap::from([("fruit".to_string(), 0.5), ("code".to_string(), 0.5)]);
    let cancel = AtomicBool::new(false);
    let hard = ml::train(&examples, &settings(), &|_, _| {}, &cancel).unwrap();
    let soft = ml::train_soft(&examples, &targets, &settings(), &|_, _| {}, &cancel).unwrap();

    let probe = [example("p", "banana kernel", "")];
    let p_hard = hard.predict(&probe)[0].confidence;
    let p_soft = soft.predict(&probe)[0].confidence;
    assert!(p_soft < p_hard, "soft {p_soft} should be less sure than hard {p_hard}");
    assert!(p_soft >= 0.5 - 1e-9, "{p_soft}");
}

#[test]
fn a_label_only_in_the_targets_becomes_a_class() {
    let examples = examples();
    let mut targets: Vec<_> = examples.iter().map(|e| one_hot(&e.label)).collect();
    targets[0] = BTreeMap::from([("fruit".to_string(), 0.7), ("poetry".to_string(), 0.3)]);
    let model = ml::train_soft(&examples, &targets, &settings(), &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(model.summary().labels, ["code", "fruit", "poetry"]);
}

#[test]
fn mismatched_target_count_rejected() {
    let err = ml::train_soft(&examples(), &[], &settings(), &|_, _| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(matches!(err, ml::MlError::ShapeMismatch { .. }), "{err:?}");
}

#[test]
fn soft_labels_setting_parses() {
    let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n[model]\nsoft_labels=true\n";
    assert!(TaskSpec::from_toml(text).unwrap().model.soft_labels);
    let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n";
    assert!(!TaskSpec::from_toml(text).unwrap().model.soft_labels);
}

#[test]
fn project_loads_the_answer_posterior() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let (project, _) = Project::init(&root, Some(&Path::new("sample_tasks").join("fortune-topics"))).unwrap();
    let mut store = project.store().unwrap();
    let mut inserter = store.begin_import("custom.csv", project.spec.order).unwrap();
    for i in 0..6 {
        let fields = vec![("text".to_string(), format!("text {i}"))];
        inserter.insert(&format!("i{i}"), &fields, None, None, i + 2).unwrap();
    }
    inserter.commit().unwrap();
    for i in 0..6 {
        let item = store.item_by_key(&format!("i{i}")).unwrap().unwrap().id;
        let split = if i == 5 { "law" } else { "computers" };
        store.record_answer(item, "ann", "computers", None, 3).unwrap();
        store.record_answer(item, "bob", split, None, 3).unwrap();
        store.record_answer(item, "cat", if i < 3 { "computers" } else { "law" }, None, 3).unwrap();
    }

    let (examples, targets) = project.load_soft_examples().unwrap();
    assert_eq!(examples.len(), 6);
    assert_eq!(targets.len(), 6);
    for (example, target) in examples.iter().zip(&targets) {
        let total: f64 = target.values().sum();
        assert!((total - 1.0).abs() < 1e-9, "{}: {target:?}", example.key);
        let best = target.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
        assert_eq!(&example.label, best, "{}", example.key);
    }
}

#[test]
fn linear_svm_trains_and_gives_probabilities() {
    let settings = ModelSettings { kind: quorum::core::task::ModelKind::LinearSvm, ..settings() };
    let model = ml::train(&examples(), &settings, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(model.fit_info().kind, quorum::core::task::ModelKind::LinearSvm);
    let predictions = model.predict(&[example("p", "pear juice", ""), example("q", "rust crate", "")]);
    assert_eq!(predictions[0].label, "fruit");
    assert_eq!(predictions[1].label, "code");
    for p in &predictions {
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{p:?}");
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("svm.json");
    model.save(&path).unwrap();
    assert_eq!(ml::TrainedModel::load(&path).unwrap().fit_info().kind, quorum::core::task::ModelKind::LinearSvm);

    let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n[model]\nkind='linear-svm'\n";
    assert_eq!(TaskSpec::from_toml(text).unwrap().model.kind, quorum::core::task::ModelKind::LinearSvm);
    let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n[model]\nkind='svm'\n";
    let err = TaskSpec::from_toml(text).unwrap_err().to_string();
    assert!(err.contains("linear-svm"), "{err}");
}
