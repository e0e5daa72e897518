//! What `quorum agree --labels FILE --pairs` prints besides the pair table: the reason
//! behind each dash in the table, and the warning about the order of text labels.

use std::path::Path;
use std::process::{Command, Output};

/// Three annotators on a low/med/high scale. w1 and w3 share one item and give it the
/// same label, so their kappas are undefined.
const THREE_LABELS: &str = "item,worker,label
i1,w1,low
i1,w2,med
i2,w1,med
i2,w2,high
i3,w1,low
i3,w2,low
i4,w1,high
i4,w2,high
i5,w1,low
i5,w3,low
";

/// Two annotators with two text labels, on which every order of the labels gives the
/// same ordinal alpha and weighted kappas.
const TWO_LABELS: &str = "item,worker,label
i1,w1,yes
i1,w2,no
i2,w1,no
i2,w2,no
i3,w1,yes
i3,w2,yes
";

fn agree(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["agree", "--labels", "answers.csv", "--pairs"])
        .args(args)
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .output()
        .expect("the quorum binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output
}

fn answers_dir(rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), rows).expect("write answers");
    dir
}

#[test]
fn pairs_table_explains_dashes() {
    let dir = answers_dir(THREE_LABELS);
    let output = agree(dir.path(), &["--label-order", "low,med,high"]);
    let text = String::from_utf8(output.stdout).expect("UTF-8");

    let w1_w3 = text.lines().find(|line| line.trim_start().starts_with("w1 - w3")).expect("a w1 - w3 row");
    assert!(w1_w3.contains("kappa -"), "{w1_w3}");
    let note = text.lines().find(|line| line.trim_start().starts_with("- is undefined")).expect("a reason line");
    assert!(note.contains("1 pair:"), "{note}");
    assert!(note.contains("same label"), "{note}");
}

#[test]
fn defined_pairs_print_no_reason() {
    let dir = answers_dir(TWO_LABELS);
    let text = String::from_utf8(agree(dir.path(), &[]).stdout).expect("UTF-8");

    assert!(text.contains("w1 - w2"), "{text}");
    assert!(!text.contains("is undefined"), "{text}");
}

#[test]
fn nominal_pairs_warning_names_pairs() {
    let dir = answers_dir(THREE_LABELS);
    let output = agree(dir.path(), &[]);
    let warning = String::from_utf8_lossy(&output.stderr);

    assert!(warning.contains("--pairs"), "{warning}");
    assert!(warning.contains("low < med < high"), "{warning}");
    assert!(!warning.contains("ordinal level"), "the level is nominal: {warning}");
}

#[test]
fn two_text_labels_need_no_order() {
    let dir = answers_dir(TWO_LABELS);
    for level in ["nominal", "ordinal"] {
        let output = agree(dir.path(), &["--level", level]);
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "level {level}");
    }
}
