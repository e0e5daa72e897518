//! `quorum aggregate --out FILE`: the `item,label,confidence` rows, written whole, and a
//! failure to create the file reported in the user's language.

use std::path::Path;
use std::process::{Command, Output};

/// Majority labels: i1 → x (2 of 3), i2 → y.
const ANSWERS: &str = "item,worker,label\ni1,w1,x\ni1,w2,x\ni1,w3,y\ni2,w1,y\ni2,w2,y\n";

fn aggregate_out(dir: &Path, lang: &str, out: &str) -> Output {
    std::fs::write(dir.join("answers.csv"), ANSWERS).expect("write answers");
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["--lang", lang, "aggregate", "--labels", "answers.csv", "--out", out])
        .current_dir(dir)
        .env_remove("QUORUM_PROJECT")
        .output()
        .expect("the quorum binary runs")
}

#[test]
fn out_replaces_earlier_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("labels.csv"), "an earlier file\nwith two lines\n").expect("write earlier file");

    let output = aggregate_out(dir.path(), "en", "labels.csv");
    let written = std::fs::read_to_string(dir.path().join("labels.csv")).expect("labels written");

    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(written, "item,label,confidence\ni1,x,0.666667\ni2,y,1.000000\n");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "the temporary file is renamed into place: {leftovers:?}");
}

#[test]
fn out_missing_folder_reason_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");

    let output = aggregate_out(dir.path(), "zh-CN", "missing/labels.csv");
    let error = String::from_utf8_lossy(&output.stderr);

    assert!(!output.status.success());
    assert!(error.contains("missing/labels.csv"), "{error}");
    assert!(error.contains("文件或目录不存在"), "{error}");
    assert!(!error.contains("No such file or directory"), "{error}");
}

#[test]
fn out_leaves_a_partial_named_file_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("labels.partial"), "the user's own file\n").expect("write the user's file");

    let output = aggregate_out(dir.path(), "en", "labels.csv");

    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let kept = std::fs::read_to_string(dir.path().join("labels.partial")).expect("the user's file is still there");
    assert_eq!(kept, "the user's own file\n");
}
