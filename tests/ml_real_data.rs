//! Training and cross-validation on the sample tasks shipped in `sample_tasks/`.
//!
//! Lower bounds are the scores measured with seed 0 (printed by each test) minus a
//! safety margin, so a regression in features or training fails the test while small
//! numeric differences between platforms do not.

use quorum::core::task::ModelSettings;
use quorum::ml::{self, EvalReport, LabelledExample};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn sample_dir(task: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_tasks").join(task)
}

/// Reads `items.csv` of a sample task, taking the text from `text_column` and, when
/// given, the image path from `image_column`.
fn read_examples(task: &str, text_column: Option<&str>, image_column: Option<&str>) -> Vec<LabelledExample> {
    let dir = sample_dir(task);
    let mut reader = csv::Reader::from_path(dir.join("items.csv")).expect("open items.csv");
    let headers = reader.headers().expect("header row").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let id = column("id");
    let gold = column("gold");
    let text = text_column.map(column);
    let image = image_column.map(column);

    reader
        .records()
        .map(|record| {
            let record = record.expect("valid CSV record");
            LabelledExample {
                key: record[id].to_string(),
                text: text.map(|c| record[c].to_string()).unwrap_or_default(),
                image: image.map(|c| dir.join(&record[c])),
                label: record[gold].to_string(),
            }
        })
        .collect()
}

/// Keeps every `step`-th example. The sample files list items grouped by class, so
/// this keeps each class's share to within one example.
fn every_nth(examples: Vec<LabelledExample>, step: usize) -> Vec<LabelledExample> {
    examples.into_iter().step_by(step).collect()
}

fn cross_validate(examples: &[LabelledExample], settings: &ModelSettings, name: &str) -> EvalReport {
    let started = Instant::now();
    let report = ml::evaluate(examples, settings, settings.folds as usize, &|_, _| {}, &AtomicBool::new(false))
        .expect("evaluation runs");
    println!(
        "{name}: {} examples, {}-fold accuracy {:.4}, macro-F1 {:.4}, {:.1} s",
        report.n_examples,
        report.folds,
        report.accuracy,
        report.macro_f1,
        started.elapsed().as_secs_f64()
    );
    println!("{}", report.to_table_in(quorum::i18n::Lang::En));
    report
}

// Debug builds compile linfa's generic solver without optimisation, so a full-size run
// takes minutes there. These tests therefore use a third of fortune-topics, half of
// digits and smaller vocabularies and iteration budgets. The `_full` tests below run
// the default settings on all items: `cargo test --test ml_real_data -- --ignored`.

#[test]
fn fortune_topics_cross_validation() {
    let examples = every_nth(read_examples("fortune-topics", Some("text"), None), 3);
    assert_eq!(examples.len(), 1137);
    let settings =
        ModelSettings { seed: 0, folds: 5, max_features: 500, max_iterations: 60, ..ModelSettings::default() };

    let report = cross_validate(&examples, &settings, "fortune-topics, every 3rd item");

    // Measured: accuracy 0.4055, macro-F1 0.2884.
    assert_eq!(report.n_examples, 1137);
    assert_eq!(report.labels.len(), 10);
    assert!(report.accuracy > 0.36, "accuracy {}", report.accuracy);
    assert!(report.macro_f1 > 0.24, "macro-F1 {}", report.macro_f1);
}

#[test]
fn shici_dynasty_cross_validation() {
    let examples = read_examples("shici-dynasty", Some("text"), None);
    assert_eq!(examples.len(), 408);
    let settings = ModelSettings {
        seed: 0,
        folds: 5,
        word_ngrams: (0, 0),
        char_ngrams: (1, 2),
        max_features: 2000,
        ..ModelSettings::default()
    };

    let report = cross_validate(&examples, &settings, "shici-dynasty");

    // Measured: accuracy 0.7966, macro-F1 0.6360 (313 唐 and 95 宋 poems).
    assert_eq!(report.labels, ["唐", "宋"]);
    assert!(report.accuracy > 0.75, "accuracy {}", report.accuracy);
    assert!(report.macro_f1 > 0.57, "macro-F1 {}", report.macro_f1);
}

#[test]
fn digits_pixels_cross_validation() {
    let examples = every_nth(read_examples("digits", None, Some("image")), 2);
    assert_eq!(examples.len(), 899);
    let settings = ModelSettings { seed: 0, folds: 5, max_iterations: 100, ..ModelSettings::default() };

    let report = cross_validate(&examples, &settings, "digits, every 2nd item");

    // Measured: accuracy 0.9700.
    assert_eq!(report.labels.len(), 10);
    assert!(report.accuracy > 0.93, "accuracy {}", report.accuracy);
}

#[test]
#[ignore = "takes about 10 minutes in a debug build"]
fn fortune_topics_full() {
    let examples = read_examples("fortune-topics", Some("text"), None);
    assert_eq!(examples.len(), 3409);
    let settings = ModelSettings { seed: 0, folds: 5, ..ModelSettings::default() };

    let report = cross_validate(&examples, &settings, "fortune-topics");

    // Measured: accuracy 0.6107, macro-F1 0.5301.
    assert!(report.accuracy > 0.58, "accuracy {}", report.accuracy);
    assert!(report.macro_f1 > 0.50, "macro-F1 {}", report.macro_f1);
}

#[test]
#[ignore = "takes about 2 minutes in a debug build"]
fn digits_pixels_full() {
    let examples = read_examples("digits", None, Some("image"));
    assert_eq!(examples.len(), 1797);
    let settings = ModelSettings { seed: 0, folds: 5, ..ModelSettings::default() };

    let report = cross_validate(&examples, &settings, "digits");

    // Measured: accuracy 0.9661.
    assert!(report.accuracy > 0.94, "accuracy {}", report.accuracy);
}
