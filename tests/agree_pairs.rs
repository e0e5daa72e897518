//! `quorum agree --pairs`: Cohen's kappa of every annotator pair, unweighted and with
//! linear and quadratic weights, in the text table and in the JSON output. Also
//! `--per-item FILE`, which writes each item's percent agreement.

mod common;

use common::binary::run_ok;
use std::path::Path;

/// Two annotators on five items on a low < med < high scale, and a third annotator who
/// shares one item with the first and gives the same label, so that pair's kappa is
/// undefined.
const ROWS: &str = "item,worker,label
i1,w1,low
i1,w2,med
i2,w1,med
i2,w2,high
i3,w1,low
i3,w2,low
i4,w1,high
i4,w2,high
i5,w1,low
i5,w2,high
i6,w1,low
i6,w3,low
";

fn agree(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["agree", "--labels", "answers.csv", "--pairs", "--label-order", "low,med,high"];
    args.extend_from_slice(extra);
    run_ok(dir, &args)
}

fn answers_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), ROWS).expect("write answers");
    dir
}

#[test]
fn pairs_json_matches_scikit_learn() {
    let dir = answers_dir();
    let json: serde_json::Value = serde_json::from_str(&agree(dir.path(), &["--json"])).expect("JSON");
    let pairs = json["pairs"].as_array().expect("a pairs array");
    assert_eq!(pairs.len(), 2, "w2 and w3 share no item: {pairs:?}");

    // scikit-learn 1.5.2 `cohen_kappa_score` on w1 = [0, 1, 0, 2, 0] and w2 = [1, 2, 0, 2, 2]
    // (low = 0, med = 1, high = 2): 1/6, 2/7 with weights="linear", 3/8 with "quadratic".
    let first = &pairs[0];
    assert_eq!(first["first"], "w1");
    assert_eq!(first["second"], "w2");
    assert_eq!(first["shared_items"], 5);
    assert!((first["kappa"].as_f64().unwrap() - 1.0 / 6.0).abs() < 1e-12, "{first}");
    assert!((first["kappa_linear"].as_f64().unwrap() - 2.0 / 7.0).abs() < 1e-12, "{first}");
    assert!((first["kappa_quadratic"].as_f64().unwrap() - 3.0 / 8.0).abs() < 1e-12, "{first}");

    let undefined = &pairs[1];
    assert_eq!(undefined["second"], "w3");
    assert!(undefined["kappa"].is_null());
    assert!(undefined["kappa_quadratic"].is_null());
    let reason = &json["undefined_reasons"]["pairs"]["w1"]["w3"]["kappa"];
    assert!(reason.as_str().is_some_and(|text| text.contains("same label")), "{reason}");
}

#[test]
fn pairs_table_lists_each_pair() {
    let dir = answers_dir();
    let text = agree(dir.path(), &[]);
    let w1_w2 = text.lines().find(|line| line.trim_start().starts_with("w1 - w2")).expect("a w1 - w2 row");
    assert!(w1_w2.contains("shared 5"), "{w1_w2}");
    assert!(w1_w2.contains("kappa 0.1667"), "{w1_w2}");
    assert!(w1_w2.contains("linear 0.2857"), "{w1_w2}");
    assert!(w1_w2.contains("quadratic 0.3750"), "{w1_w2}");
    let w1_w3 = text.lines().find(|line| line.trim_start().starts_with("w1 - w3")).expect("a w1 - w3 row");
    assert!(w1_w3.contains("kappa -"), "{w1_w3}");
}

#[test]
fn per_item_file_averages_to_pooled() {
    let dir = answers_dir();
    std::fs::write(dir.path().join("answers.csv"), format!("{ROWS}i7,w2,med\n")).expect("write answers");
    let json: serde_json::Value =
        serde_json::from_str(&agree(dir.path(), &["--json", "--per-item", "items.csv"])).expect("JSON");
    let pooled = json["percent_agreement"].as_f64().expect("defined");

    let text = std::fs::read_to_string(dir.path().join("items.csv")).expect("the --per-item file");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("item,answers,percent_agreement"));
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    assert_eq!(rows.len(), 7, "{text}");
    assert_eq!(rows[0], ["i1", "2", "0"]);
    assert_eq!(rows[2], ["i3", "2", "1"]);
    assert_eq!(rows[6], ["i7", "1", ""], "one answer has no pair");

    let shares: Vec<f64> = rows.iter().filter(|row| !row[2].is_empty()).map(|row| row[2].parse().unwrap()).collect();
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    assert!((mean - pooled).abs() < 1e-12, "{mean} vs {pooled}");
}

#[test]
fn per_item_table_names_the_file() {
    let dir = answers_dir();
    let text = agree(dir.path(), &["--per-item", "items.csv"]);
    assert!(text.contains("Wrote 6 rows to items.csv."), "{text}");
}
