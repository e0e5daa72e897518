//! `quorum aggregate --method mean|median` on numeric ratings, against values computed
//! with pandas 2.2.3 (per-item mean and median, after keeping the last answer of a
//! repeated item and worker) and scipy 1.17.1 `pearsonr` on the same fixture files.

mod common;

use common::binary::{quorum, run_ok, stderr};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crowd").join(name)
}

fn pearson(data_set: &str, method: &str) -> (f64, u64) {
    let dir = fixture(data_set);
    let answers = dir.join("answers.csv");
    let gold = dir.join("gold.csv");
    let args = [
        "aggregate",
        "--labels",
        answers.to_str().unwrap(),
        "--gold",
        gold.to_str().unwrap(),
        "--method",
        method,
        "--json",
    ];
    let json: serde_json::Value = serde_json::from_str(&run_ok(&dir, &args)).expect("JSON output");
    assert_eq!(json["method"], method);
    let r = json["pearson_r"].as_f64().unwrap_or_else(|| panic!("no correlation: {json}"));
    (r, json["n_gold_scored"].as_u64().expect("a count"))
}

#[test]
fn wordsim_mean_matches_scipy() {
    let (r, n) = pearson("snow2008_wordsim", "mean");
    assert!((r - 0.951_903_359_445_724_7).abs() < 1e-9, "{r}");
    assert_eq!(n, 30);
}

#[test]
fn wordsim_median_matches_scipy() {
    let (r, _) = pearson("snow2008_wordsim", "median");
    assert!((r - 0.924_060_591_532_002_2).abs() < 1e-9, "{r}");
}

#[test]
fn affect_anger_matches_scipy() {
    let (mean, n) = pearson("snow2008_affect_anger", "mean");
    assert!((mean - 0.711_284_567_417_522).abs() < 1e-9, "{mean}");
    assert_eq!(n, 100);
    let (median, _) = pearson("snow2008_affect_anger", "median");
    assert!((median - 0.616_766_077_444_797_2).abs() < 1e-9, "{median}");
}

#[test]
fn out_file_has_values_and_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), "item,worker,label\ni1,a,1\ni1,b,4\ni2,a,2\n").unwrap();
    run_ok(dir.path(), &["aggregate", "--labels", "answers.csv", "--method", "mean", "--out", "means.csv"]);
    let written = std::fs::read_to_string(dir.path().join("means.csv")).expect("the --out file");
    assert_eq!(written, "item,value,answers\ni1,2.5,2\ni2,2,1\n");
}

#[test]
fn text_labels_and_text_gold_are_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("text.csv"), "item,worker,label\ni1,a,low\ni1,b,high\n").unwrap();
    let output = quorum(dir.path(), &["aggregate", "--labels", "text.csv", "--method", "median"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("label \"high\" is not a number")
            || stderr(&output).contains("label \"low\" is not a number")
    );
    assert!(stderr(&output).contains("categorical method"), "{}", stderr(&output));

    std::fs::write(dir.path().join("numbers.csv"), "item,worker,label\ni1,a,1\ni1,b,2\n").unwrap();
    std::fs::write(dir.path().join("gold.csv"), "item,label\ni1,good\n").unwrap();
    let args = ["aggregate", "--labels", "numbers.csv", "--gold", "gold.csv", "--method", "mean"];
    let output = quorum(dir.path(), &args);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("gold.csv: the gold value \"good\" of item \"i1\" is not a number"), "{message}");
}

#[test]
fn one_gold_item_leaves_r_undefined_with_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), "item,worker,label\ni1,a,1\ni1,b,2\ni2,a,3\n").unwrap();
    std::fs::write(dir.path().join("gold.csv"), "item,label\ni1,1.5\n").unwrap();
    let args = ["aggregate", "--labels", "answers.csv", "--gold", "gold.csv", "--method", "mean", "--json"];
    let json: serde_json::Value = serde_json::from_str(&run_ok(dir.path(), &args)).expect("JSON");
    assert!(json["pearson_r"].is_null(), "{json}");
    assert!(json["undefined_reasons"]["pearson_r"].is_string(), "{json}");
}

#[test]
fn text_label_error_names_file_item_and_annotator() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ratings.csv"), "item,worker,label\ni1,a,1\ni1,b,high\n").unwrap();
    let output = quorum(dir.path(), &["aggregate", "--labels", "ratings.csv", "--method", "mean"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("ratings.csv: item \"i1\", annotator \"b\": label \"high\""), "{message}");
}

#[test]
fn table_hint_speaks_of_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), "item,worker,label\ni1,a,1\ni1,b,2\n").unwrap();
    let text = run_ok(dir.path(), &["aggregate", "--labels", "answers.csv", "--method", "median"]);
    assert!(text.contains("write each item's value"), "{text}");
}
