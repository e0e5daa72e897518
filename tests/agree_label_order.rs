//! `quorum agree --labels FILE --level ordinal` on text labels: `--label-order` sets the
//! scale, and without it a warning names the order of first appearance that is used.

use std::path::Path;
use std::process::{Command, Output};

/// Two annotators on five items, on a low < med < high scale.
const ROWS: [&str; 10] = [
    "i1,w1,low",
    "i1,w2,med",
    "i2,w1,med",
    "i2,w2,high",
    "i3,w1,low",
    "i3,w2,low",
    "i4,w1,high",
    "i4,w2,high",
    "i5,w1,low",
    "i5,w2,high",
];

fn write_answers(dir: &Path, name: &str, rows: &[&str]) {
    let text = format!("item,worker,label\n{}\n", rows.join("\n"));
    std::fs::write(dir.join(name), text).expect("write answers");
}

fn agree_ordinal(dir: &Path, file: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["agree", "--labels", file, "--level", "ordinal", "--json"])
        .args(extra)
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .output()
        .expect("the quorum binary runs")
}

fn alpha(output: &Output) -> f64 {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["krippendorff_alpha"].as_f64().expect("alpha is defined")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn label_order_ignores_row_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reversed: Vec<&str> = ROWS.iter().rev().copied().collect();
    write_answers(dir.path(), "forward.csv", &ROWS);
    write_answers(dir.path(), "reversed.csv", &reversed);

    let forward = alpha(&agree_ordinal(dir.path(), "forward.csv", &["--label-order", "low,med,high"]));
    let backward = alpha(&agree_ordinal(dir.path(), "reversed.csv", &["--label-order", "low, med, high"]));
    // In the forward file the labels first appear in scale order, so its default order is the scale.
    let default_forward = alpha(&agree_ordinal(dir.path(), "forward.csv", &[]));

    assert_eq!(forward, backward);
    assert_eq!(forward, default_forward);
    assert!((forward - 0.325).abs() < 1e-12, "{forward}");
}

#[test]
fn text_labels_warn_about_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reversed: Vec<&str> = ROWS.iter().rev().copied().collect();
    write_answers(dir.path(), "reversed.csv", &reversed);

    let output = agree_ordinal(dir.path(), "reversed.csv", &[]);
    let warning = stderr(&output);

    assert!(output.status.success(), "{warning}");
    assert!(warning.contains("reversed.csv"), "{warning}");
    assert!(warning.contains("high < low < med"), "{warning}");
    assert!(warning.contains("--label-order"), "{warning}");
}

#[test]
fn numeric_labels_need_no_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_answers(dir.path(), "numbers.csv", &["i1,w1,3", "i1,w2,1", "i2,w1,2", "i2,w2,2"]);

    let output = agree_ordinal(dir.path(), "numbers.csv", &[]);

    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn label_order_missing_label_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_answers(dir.path(), "forward.csv", &ROWS);

    let output = agree_ordinal(dir.path(), "forward.csv", &["--label-order", "low,high"]);
    let error = stderr(&output);

    assert!(!output.status.success());
    assert!(error.contains("forward.csv"), "{error}");
    assert!(error.contains("\"med\""), "{error}");
    assert!(error.contains("low, high"), "{error}");
}
