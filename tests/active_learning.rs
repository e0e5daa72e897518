//! Learning curves, the active-learning replay (`quorum simulate-learning`) and the
//! uncertainty order (`quorum order`), on real projects made from the sample tasks.

mod common;

use common::binary::{init_in, quorum, sample_task};
use quorum::core::task::ModelSettings;
use quorum::dataset::LabelSource;
use quorum::ml::{self, SimulationSettings, Strategy};
use quorum::project::Project;
use quorum::store::ItemPrediction;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `quorum init --from sample_tasks/NAME`, with `replace` applied to its quorum.toml
/// before the items are imported.
fn init_sample(name: &str, replace: (&str, &str)) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let sample = temp.path().join("sample");
    std::fs::create_dir(&sample).unwrap();
    let source = sample_task(name);
    for file in ["quorum.toml", "items.csv"] {
        std::fs::copy(source.join(file), sample.join(file)).unwrap();
    }
    let toml = std::fs::read_to_string(sample.join("quorum.toml")).unwrap();
    assert!(toml.contains(replace.0), "{} has no {:?}", name, replace.0);
    std::fs::write(sample.join("quorum.toml"), toml.replace(replace.0, replace.1)).unwrap();

    let dir = init_in(temp.path(), name, &sample);
    (temp, dir)
}

fn shici_examples() -> (tempfile::TempDir, Vec<ml::LabelledExample>) {
    let (temp, dir) = init_sample("shici-dynasty", ("seed = 1", "seed = 1"));
    let project = Project::open(&dir).unwrap();
    let (examples, _) = project.load_examples(LabelSource::Gold).unwrap();
    (temp, examples)
}

fn settings() -> ModelSettings {
    ModelSettings { word_ngrams: (0, 0), char_ngrams: (1, 2), max_iterations: 100, ..ModelSettings::default() }
}

#[test]
fn learning_curve_is_seeded_and_grows_with_labels() {
    let (_temp, examples) = shici_examples();
    let sizes = [10, 40, 160];
    let curve = ml::learning_curve(&examples, &settings(), &sizes, 3, &|_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(curve.points.iter().map(|p| p.n_labels).collect::<Vec<_>>(), sizes);
    assert_eq!(curve.held_out, examples.len() / 4);
    assert!(curve.points.iter().all(|p| (0.0..=1.0).contains(&p.macro_f1)), "{curve:?}");
    assert!(curve.points[2].accuracy > curve.points[0].accuracy, "160 labels beat 10: {curve:?}");
    assert_eq!(
        ml::learning_curve(&examples, &settings(), &sizes, 3, &|_| {}, &AtomicBool::new(false)).unwrap(),
        curve,
        "same seed, same curve"
    );

    let json = serde_json::to_value(&curve).unwrap();
    assert_eq!(json["points"][1]["n_labels"], 40);

    let err = ml::learning_curve(&examples, &settings(), &[1], 3, &|_| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(err.to_string().contains("between 2 and"), "{err}");
}

#[test]
fn learning_curve_stops_on_cancel() {
    let (_temp, examples) = shici_examples();
    let preset = AtomicBool::new(true);
    let err = ml::learning_curve(&examples, &settings(), &[10, 40], 3, &|_| {}, &preset).unwrap_err();
    assert!(matches!(err, ml::MlError::Cancelled), "{err:?}");

    // A cancel request made after the first point stops the curve before the second.
    let cancel = AtomicBool::new(false);
    let reported = std::cell::RefCell::new(Vec::new());
    let progress = |fraction: f64| {
        reported.borrow_mut().push(fraction);
        if fraction > 0.0 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let err = ml::learning_curve(&examples, &settings(), &[10, 40, 160], 3, &progress, &cancel).unwrap_err();
    assert!(matches!(err, ml::MlError::Cancelled), "{err:?}");
    assert_eq!(*reported.borrow(), [0.0, 1.0 / 3.0], "no point after the cancel request");
}

#[test]
fn simulation_replays_each_strategy_from_one_first_batch() {
    let (_temp, examples) = shici_examples();
    let simulation = SimulationSettings { seed: 5, start: 10, step: 15, max_labels: Some(70), target_f1: 0.6 };
    let rounds = std::cell::RefCell::new(Vec::new());
    let report = ml::simulate_learning(
        &examples,
        &settings(),
        &Strategy::ALL,
        &simulation,
        &|strategy, n| rounds.borrow_mut().push((strategy.name(), n)),
        &AtomicBool::new(false),
    )
    .unwrap();

    assert_eq!(report.pool + report.held_out, examples.len());
    let names: Vec<&str> = report.curves.iter().map(|c| c.strategy).collect();
    assert_eq!(names, ["random", "least-confidence", "margin", "entropy"]);
    for curve in &report.curves {
        let sizes: Vec<usize> = curve.points.iter().map(|p| p.n_labels).collect();
        assert_eq!(sizes, [10, 25, 40, 55, 70], "{}", curve.strategy);
        let reached = curve.points.iter().find(|p| p.macro_f1 >= 0.6).map(|p| p.n_labels);
        assert_eq!(curve.labels_to_target, reached, "{}", curve.strategy);
    }
    // Every strategy trains on the same first batch, so their first points agree.
    let first = report.curves[0].points[0];
    assert!(report.curves.iter().all(|c| c.points[0] == first), "{report:?}");
    assert_eq!(rounds.borrow().len(), 20);
}

#[test]
fn simulation_rejects_a_first_batch_larger_than_the_pool() {
    let (_temp, examples) = shici_examples();
    let simulation = SimulationSettings { seed: 0, start: 400, step: 10, max_labels: None, target_f1: 0.5 };
    let err = ml::simulate_learning(
        &examples,
        &settings(),
        &[Strategy::Random],
        &simulation,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(err.to_string().contains("lower --start"), "{err}");
}

#[test]
fn simulate_learning_command_writes_the_curve() {
    let (temp, dir) = init_sample("shici-dynasty", ("seed = 1", "seed = 1"));
    let csv = temp.path().join("curve.csv");
    let out = quorum(
        &dir,
        &[
            "simulate-learning",
            "--labels-from",
            "gold",
            "--strategy",
            "all",
            "--seed",
            "2",
            "--start",
            "20",
            "--step",
            "20",
            "--max-labels",
            "60",
            "--target-f1",
            "0.5",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("labels to reach macro-F1 0.50"), "{stdout}");
    assert!(stdout.contains("margin"), "{stdout}");

    let curve = std::fs::read_to_string(&csv).unwrap();
    let mut lines = curve.lines();
    assert_eq!(lines.next(), Some("strategy,n_labels,macro_f1,accuracy"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 4 * 3, "{curve}");
    assert_eq!(rows[0][..2], ["random", "20"]);
    assert_eq!(rows[11][..2], ["entropy", "60"]);

    let json = quorum(&dir, &["simulate-learning", "--strategy", "margin", "--max-labels", "40", "--json"]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["curves"].as_array().unwrap().len(), 1);
    assert_eq!(value["curves"][0]["strategy"], "margin");
}

#[test]
fn simulate_learning_rejects_bad_arguments() {
    let (_temp, dir) = init_sample("shici-dynasty", ("seed = 1", "seed = 1"));
    let out = quorum(&dir, &["simulate-learning", "--labels-from", "majority"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--labels-from gold"), "{}", text(&out.stderr));
    let out = quorum(&dir, &["simulate-learning", "--target-f1", "1.5"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--target-f1 must be between 0 and 1, got 1.5"), "{}", text(&out.stderr));
}

/// Registers an active run straight in the store file.
fn add_active_run(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("quorum.db")).unwrap();
    conn.execute(
        "INSERT INTO runs (created_at, backend, model_kind, label_source, data_hash, n_examples, params, seed,
                           model_path, active)
         VALUES ('2026-01-01T00:00:00.000Z', 'linfa', 'logistic', 'gold', 'h', 5, '{}', 0, 'm.json', 1)",
        [],
    )
    .unwrap();
    conn.last_insert_rowid()
}

#[test]
fn order_command_puts_the_most_uncertain_item_first() {
    let (_temp, dir) =
        init_sample("shici-dynasty", ("order = \"random\"", "order = \"uncertainty\"\nuncertainty = \"entropy\""));
    let project = Project::open(&dir).unwrap();
    assert_eq!(project.spec.uncertainty, Some(quorum::store::Uncertainty::Entropy));

    let out = quorum(&dir, &["order", "--by", "margin"]);
    assert!(!out.status.success(), "no run yet");
    assert!(text(&out.stderr).contains("quorum predict"), "{}", text(&out.stderr));

    let run = add_active_run(&dir);
    let mut store = project.store().unwrap();
    let predictions: Vec<ItemPrediction> = [("tang300-0", 0.95), ("tang300-1", 0.55), ("tang300-2", 0.7)]
        .iter()
        .map(|(key, p)| {
            let item = store.item_by_key(key).unwrap().unwrap().id;
            let map = [("唐".to_string(), *p), ("宋".to_string(), 1.0 - p)].into_iter().collect();
            ItemPrediction::from_probabilities(item, map).unwrap()
        })
        .collect();
    store.save_predictions(run, &predictions).unwrap();

    let out = quorum(&dir, &["order", "--by", "margin"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Ranked 3 items by margin"), "{}", text(&out.stdout));

    let mut store = project.store().unwrap();
    // Each annotator keeps the lease on the item handed to them, so the next one gets
    // the next item in the order.
    let handed: Vec<String> =
        ["ann", "bob", "cat"].iter().map(|who| store.next_item(who, 1, 60).unwrap().unwrap().key).collect();
    assert_eq!(handed, ["tang300-1", "tang300-2", "tang300-0"]);

    // Without --by, the project's rule (entropy) is used.
    let out = quorum(&dir, &["order", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["rule"], "entropy");
    assert_eq!(value["ranked"], 3);
    assert_eq!(value["queue_uses_priorities"], true);
}

#[test]
fn uncertainty_rule_needs_the_uncertainty_order() {
    let text = "[task]\nname='x'\norder='random'\nuncertainty='margin'\n[question]\nprompt='p'\nlabels=['a','b']\n";
    let err = quorum::core::task::TaskSpec::from_toml(text).unwrap_err();
    assert!(err.to_string().contains("task.uncertainty"), "{err}");
    let text = "[task]\nname='x'\norder='uncertainty'\nuncertainty='guess'\n[question]\nprompt='p'\nlabels=['a','b']\n";
    let err = quorum::core::task::TaskSpec::from_toml(text).unwrap_err();
    assert!(err.to_string().contains("guess"), "{err}");
    let text = "[task]\nname='x'\norder='uncertainty'\nretrain_every=50\n[question]\nprompt='p'\nlabels=['a','b']\n";
    let spec = quorum::core::task::TaskSpec::from_toml(text).unwrap();
    assert_eq!(spec.uncertainty, Some(quorum::store::Uncertainty::Margin));
    assert_eq!(spec.retrain_every, Some(50));
    assert_eq!(spec.order, quorum::core::assignment::Order::Priority);
}
