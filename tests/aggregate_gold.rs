//! `quorum aggregate --labels FILE --gold FILE`: accuracy against a gold file, read by
//! the fast reader for plain files and by the csv reader for quoted ones.

use std::path::Path;
use std::process::Command;

fn aggregate_json(dir: &Path, labels: &str, gold: &str, method: &str) -> serde_json::Value {
    let labels_path = dir.join("answers.csv");
    let gold_path = dir.join("gold.csv");
    std::fs::write(&labels_path, labels).expect("write answers");
    std::fs::write(&gold_path, gold).expect("write gold");
    let output = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["aggregate", "--labels", "answers.csv", "--gold", "gold.csv", "--method", method, "--json"])
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .output()
        .expect("the quorum binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// Majority labels: i1 → x, i2 → y, i3 → x.
const ANSWERS: &str = "item,worker,label\ni1,w1,x\ni1,w2,x\ni1,w3,y\ni2,w1,y\ni2,w2,y\ni3,w1,x\n";

#[test]
fn gold_accuracy_counts_last_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    // i1 is listed twice and its last gold label is wrong; i9 has no answers.
    let gold = "item,label\ni1,x\ni2,y\ni1,y\ni3,x\ni9,x\n";
    for method in ["majority", "wawa", "dawid-skene"] {
        let json = aggregate_json(dir.path(), ANSWERS, gold, method);
        assert_eq!(json["n_gold_scored"], 3, "{method}");
        assert_eq!(json["accuracy"].as_f64(), Some(2.0 / 3.0), "{method}");
    }
}

#[test]
fn quoted_files_score_like_plain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let quote = |text: &str| -> String {
        text.lines()
            .map(|line| line.split(',').map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(",") + "\r\n")
            .collect()
    };
    let gold = "item,label\ni1,x\ni2,x\ni3,x\n";
    let plain = aggregate_json(dir.path(), ANSWERS, gold, "majority");
    let quoted = aggregate_json(dir.path(), &quote(ANSWERS), &quote(gold), "majority");

    assert_eq!(plain["accuracy"].as_f64(), Some(2.0 / 3.0));
    assert_eq!(plain, quoted);
}

#[test]
fn unmatched_gold_gives_no_accuracy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = aggregate_json(dir.path(), ANSWERS, "item,label\nother,x\n", "majority");

    assert!(json["accuracy"].is_null());
    assert!(json["n_gold_scored"].is_null());
}

/// Runs `quorum aggregate` with text output and returns its exit status and stderr.
fn aggregate_stderr(dir: &Path, gold: &str) -> (bool, String) {
    std::fs::write(dir.join("answers.csv"), ANSWERS).expect("write answers");
    std::fs::write(dir.join("gold.csv"), gold).expect("write gold");
    let output = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["aggregate", "--labels", "answers.csv", "--gold", "gold.csv"])
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .output()
        .expect("the quorum binary runs");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn unmatched_gold_warns_on_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (success, warning) = aggregate_stderr(dir.path(), "item,label\nother,x\n");

    assert!(success, "{warning}");
    assert!(warning.contains("gold.csv"), "{warning}");
    assert!(warning.contains("none of the items"), "{warning}");
}

#[test]
fn matched_gold_gives_no_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (success, warning) = aggregate_stderr(dir.path(), "item,label\ni1,x\n");

    assert!(success, "{warning}");
    assert_eq!(warning, "");
}

#[test]
fn gold_missing_column_names_gold_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (success, error) = aggregate_stderr(dir.path(), "id,label\ni1,x\n");

    assert!(!success);
    assert!(error.contains("gold.csv"), "{error}");
    assert!(error.contains("item,label in a gold file"), "{error}");
}
