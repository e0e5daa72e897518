//! The `quorum` binary end to end, on real project directories and the shipped samples.

mod common;

use common::binary::{self, quorum, stderr, stdout};
use quorum::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Creates a project named after the sample task `name` from that task.
fn init_sample(name: &str) -> (tempfile::TempDir, PathBuf) {
    binary::init_sample(name, name)
}

fn status_json(dir: &Path) -> serde_json::Value {
    let out = quorum(dir, &["status", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn init_imports_each_sample_task() {
    for (name, n_items) in [("fortune-topics", 3409), ("shici-dynasty", 408), ("digits", 1797)] {
        let (_temp, dir) = init_sample(name);
        let status = status_json(&dir);
        assert_eq!(status["n_items"], n_items, "{name}");
        assert_eq!(status["n_gold"], n_items, "{name}");
        assert_eq!(status["n_annotations"], 0, "{name}");
    }
}

#[test]
fn shici_fields_kept_byte_for_byte() {
    let (_temp, dir) = init_sample("shici-dynasty");
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let item = store.item_by_key("tang300-0").unwrap().expect("first poem imported");
    let title = &item.fields.iter().find(|(name, _)| name == "title").unwrap().1;
    assert!(title.starts_with("\u{1b}[32m"), "the colour escape is stored as imported: {title:?}");
}

#[test]
fn default_init_then_import() {
    let temp = tempfile::tempdir().unwrap();
    let out = quorum(temp.path(), &["init", "proj"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = temp.path().join("proj");
    std::fs::write(dir.join("items.csv"), "id,text\na,good\nb,bad\n").unwrap();
    let out = quorum(&dir, &["import", "items.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Imported 2 items"), "{}", stdout(&out));
}

#[test]
fn project_found_from_subdirectory_and_flag() {
    let (temp, dir) = init_sample("shici-dynasty");
    let nested = dir.join("sub/dir");
    std::fs::create_dir_all(&nested).unwrap();
    assert_eq!(status_json(&nested)["n_items"], 408);

    let out = quorum(temp.path(), &["--project", dir.to_str().unwrap(), "status", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn no_project_gives_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let out = quorum(temp.path(), &["status"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("quorum init"), "{}", stderr(&out));
}

#[test]
fn bad_import_imports_nothing() {
    let (_temp, dir) = init_sample("fortune-topics");
    let cases = repo().join("tests/fixtures/cases");
    for case in ["duplicate-ids.csv", "ragged.csv", "bad-line.jsonl", "invalid-utf8.csv", "empty.csv"] {
        let out = quorum(&dir, &["import", cases.join(case).to_str().unwrap()]);
        assert!(!out.status.success(), "{case} should be rejected");
        assert!(stderr(&out).contains(case), "{case}: the error names the file: {}", stderr(&out));
        assert_eq!(status_json(&dir)["n_items"], 3409, "{case} imported nothing");
    }
}

#[test]
fn reimport_of_same_ids_rejected() {
    let (_temp, dir) = init_sample("shici-dynasty");
    let out = quorum(&dir, &["import", "items.csv"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("tang300-0"), "{}", stderr(&out));
    assert_eq!(status_json(&dir)["n_items"], 408);
}

#[test]
fn simulate_agree_aggregate_export() {
    let (_temp, dir) = init_sample("fortune-topics");
    for (name, seed) in [("ann-a", "1"), ("ann-b", "2")] {
        let out = quorum(&dir, &["simulate", "--as", name, "--count", "30", "--seed", seed]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let status = status_json(&dir);
    assert_eq!(status["n_annotations"], 60);
    assert_eq!(status["n_annotators"], 2);

    let out = quorum(&dir, &["agree", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let agree: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(agree["n_items"], 30);
    let alpha = agree["krippendorff_alpha"].as_f64().expect("alpha is defined on 30 doubly labelled items");
    assert!(alpha > 0.3 && alpha <= 1.0, "alpha {alpha}");

    let out = quorum(&dir, &["aggregate", "--method", "majority", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let agg: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(agg["n_items"], 30);
    assert!(agg["accuracy"].as_f64().unwrap() > 0.5);

    let csv_path = dir.join("answers.csv");
    let out =
        quorum(&dir, &["export", "--format", "csv", "--what", "annotations", "--out", csv_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(text.lines().next(), Some("item,annotator,label"));
    assert_eq!(text.lines().count(), 61);

    let jsonl = dir.join("labels.jsonl");
    let out = quorum(&dir, &["export", "--format", "jsonl", "--what", "labels", "--out", jsonl.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&jsonl).unwrap().lines().next().unwrap()).unwrap();
    assert!(first["confidence"].as_f64().is_some());

    let history = dir.join("history.csv");
    let out = quorum(&dir, &["export", "--what", "history", "--out", history.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&history).unwrap();
    assert!(text.lines().nth(1).unwrap().contains("answer"), "{text}");
}

#[test]
fn export_to_pipe_and_symlink() {
    let (_temp, dir) = init_sample("shici-dynasty");

    // The child's own standard output, a pipe here: it must be written in place, because
    // a temporary file renamed over it would replace the pipe.
    let out = quorum(&dir, &["export", "--what", "items", "--out", "/proc/self/fd/1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("item,gold,image"), "{}", stdout(&out));

    let real = dir.join("real.csv");
    std::fs::write(&real, "old").unwrap();
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = quorum(&dir, &["export", "--what", "items", "--out", link.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().starts_with("item,gold,image"));
}

#[test]
fn agree_on_label_file_without_project() {
    let temp = tempfile::tempdir().unwrap();
    let labels = repo().join("tests/fixtures/crowd/snow2008_rte/answers.csv");
    let out = quorum(temp.path(), &["agree", "--labels", labels.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let agree: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(agree["n_items"], 800);
    assert_eq!(agree["n_annotations"], 8000);
}

#[test]
fn agree_undefined_before_any_answer() {
    let (_temp, dir) = init_sample("shici-dynasty");
    let out = quorum(&dir, &["agree", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let agree: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(agree["krippendorff_alpha"].is_null());
    assert!(agree["undefined_reasons"]["krippendorff_alpha"].is_string(), "{agree}");
}

#[test]
fn help_in_chinese() {
    let temp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["--lang", "zh-CN", "agree", "--help"])
        .current_dir(temp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("一致性"), "{}", stdout(&out));
}

#[test]
fn train_and_eval_on_gold() {
    let (_temp, dir) = init_sample("shici-dynasty");
    let out = quorum(&dir, &["train", "--labels-from", "gold", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let train: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(train["n_examples"], 408);
    assert!(dir.join("models/latest.json").is_file());

    let out = quorum(&dir, &["eval", "--folds", "3", "--labels-from", "gold", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let eval: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(eval["macro_f1"].as_f64().unwrap() > 0.3, "{eval}");
}

#[test]
fn demo_headless_prints_figures() {
    let temp = tempfile::tempdir().unwrap();
    let out = quorum(temp.path(), &["demo", "--no-tui", "--json", "--items", "120"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let demo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["krippendorff_alpha", "majority_accuracy", "macro_f1"] {
        let value = demo[key].as_f64().unwrap_or_else(|| panic!("{key} missing: {demo}"));
        assert!((-1.0..=1.0).contains(&value), "{key} = {value}");
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    let (_temp, dir) = init_sample("shici-dynasty");
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quorum"))
            .args(["status", "--json"])
            .current_dir(&dir)
            .env("QUORUM_LANG", "en")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the child writes, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

fn quorum_zh(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["--lang", "zh"])
        .args(args)
        .current_dir(dir)
        .env_remove("QUORUM_PROJECT")
        .output()
        .expect("the quorum binary runs")
}

#[test]
fn chinese_help_has_no_english_headings() {
    let temp = tempfile::tempdir().unwrap();
    for args in [&["import", "--help"][..], &["--help"][..]] {
        let out = quorum_zh(temp.path(), args);
        assert!(out.status.success());
        let help = stdout(&out);
        for english in
            ["Usage:", "Options:", "Arguments:", "Commands:", "Print help", "Print version", "possible values"]
        {
            assert!(!help.contains(english), "{english} in `{args:?}`:\n{help}");
        }
        assert!(help.contains("用法："), "{help}");
    }
}

#[test]
fn chinese_usage_errors_keep_clap_context() {
    let temp = tempfile::tempdir().unwrap();
    let unknown = quorum_zh(temp.path(), &["import", "--bogus", "x.csv"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("'--bogus'") && !stderr(&unknown).contains("unexpected"), "{}", stderr(&unknown));
    let missing = quorum_zh(temp.path(), &["import"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("缺少必需的参数") && stderr(&missing).contains("<FILE>"), "{}", stderr(&missing));
}

#[test]
fn chinese_os_reason_for_missing_file() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    assert!(quorum(temp.path(), &["init", dir.to_str().unwrap()]).status.success());
    let out = quorum_zh(&dir, &["import", "/nonexistent/items.csv"]);
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(text.contains("文件或目录不存在"), "{text}");
    assert!(!text.contains("No such file"), "{text}");
}

#[test]
fn bad_key_map_names_key_and_both_actions() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    assert!(quorum(temp.path(), &["init", dir.to_str().unwrap()]).status.success());
    let spec = std::fs::read_to_string(dir.join("quorum.toml")).unwrap();

    std::fs::write(dir.join("quorum.toml"), format!("{spec}\n[keys]\nskip = \"u\"\n")).unwrap();
    let text = stderr(&quorum(&dir, &["status"]));
    assert!(text.contains("'u'") && text.contains("`undo`") && text.contains("`skip`"), "{text}");

    std::fs::write(dir.join("quorum.toml"), format!("{spec}\n[keys]\nundo = \"1\"\n")).unwrap();
    let text = stderr(&quorum(&dir, &["status"]));
    assert!(text.contains("question.labels[0]") && text.contains("'1'") && text.contains("`undo`"), "{text}");

    std::fs::write(dir.join("quorum.toml"), format!("{spec}\n[keys]\nquit = \"\\u001b\"\n")).unwrap();
    let text = stderr(&quorum(&dir, &["status"]));
    assert!(text.contains("keys.quit") && text.contains("printable"), "{text}");
}

#[test]
fn spec_error_names_the_file_once() {
    let (_temp, dir) = init_sample("shici-dynasty");
    let spec = dir.join("quorum.toml");
    let text = std::fs::read_to_string(&spec).unwrap();
    let broken = text.replacen("redundancy = ", "redundancy = 0 # was ", 1);
    assert_ne!(broken, text, "the sample spec sets task.redundancy");
    std::fs::write(&spec, broken).unwrap();

    let out = quorum(&dir, &["status"]);
    assert!(!out.status.success());
    let printed = stderr(&out);
    assert_eq!(printed.matches("quorum.toml").count(), 1, "{printed}");
    assert!(printed.contains(&format!("{}: `task.redundancy` is 0", spec.display())), "{printed}");
    assert!(!printed.contains("caused by"), "{printed}");
}
