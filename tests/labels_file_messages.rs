//! Messages about the `--labels` file itself: repeated (item, worker) rows, a row with
//! the wrong number of fields, a semicolon-separated header, an empty file and a label
//! order given for numbers, each naming the file and what to do.

mod common;

use common::binary::{command, stderr};
use std::path::Path;
use std::process::Output;

/// Runs `quorum ARGS` in `dir` with messages in `lang`.
fn quorum(dir: &Path, args: &[&str], lang: &str) -> Output {
    command(dir, args).env("QUORUM_LANG", lang).output().expect("the quorum binary runs")
}

fn dir_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), text).expect("write the file");
    dir
}

#[test]
fn repeated_rows_get_a_note() {
    let dir = dir_with("answers.csv", "item,worker,label\ni1,w1,a\ni1,w2,a\ni1,w1,b\ni2,w1,a\ni2,w1,a\n");
    for command in [&["agree", "--labels", "answers.csv"][..], &["aggregate", "--labels", "answers.csv"][..]] {
        let output = quorum(dir.path(), command, "en");
        assert!(output.status.success(), "{}", stderr(&output));
        let note = stderr(&output);
        assert!(note.contains("answers.csv: 2 rows repeat an (item, worker) pair"), "{command:?}: {note}");
    }

    let clean = dir_with("answers.csv", "item,worker,label\ni1,w1,a\ni1,w2,a\n");
    let output = quorum(clean.path(), &["agree", "--labels", "answers.csv"], "en");
    assert_eq!(stderr(&output), "", "no note without repeated rows");
}

#[test]
fn ragged_row_names_the_line() {
    // A quote sends the file to the csv reader, whose row-length error is translated.
    let dir = dir_with("answers.csv", "item,worker,label\n\"i1\",w1,a\ni2,w1\n");
    let output = quorum(dir.path(), &["agree", "--labels", "answers.csv"], "en");
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("answers.csv, line 3: 2 fields, but the header has 3"), "{message}");
    assert!(message.contains("a value is missing"), "{message}");

    let chinese = stderr(&quorum(dir.path(), &["agree", "--labels", "answers.csv"], "zh"));
    assert!(chinese.contains("第 3 行：有 2 个字段，但表头有 3 个"), "{chinese}");

    let long = dir_with("answers.csv", "item,worker,label\n\"i1\",w1,a\ni2,w1,a,b\n");
    let message = stderr(&quorum(long.path(), &["agree", "--labels", "answers.csv"], "en"));
    assert!(message.contains("line 3: 4 fields"), "{message}");
    assert!(message.contains("double quotes"), "{message}");
}

#[test]
fn ragged_row_line_counts_crlf_and_blank_lines() {
    for text in ["item,worker,label\r\ni1,a,x\r\ni2,a,x\r\ni3,b\r\n", "item,worker,label\ni1,a,\"x\"\n\ni3,b\n"] {
        let dir = dir_with("answers.csv", text);
        let message = stderr(&quorum(dir.path(), &["agree", "--labels", "answers.csv"], "en"));
        assert!(message.contains("answers.csv, line 4: 2 fields"), "{text:?}: {message}");
    }
}

#[test]
fn semicolon_header_is_named() {
    let dir = dir_with("answers.csv", "item;worker;label\ni1;a;x\n");
    let message = stderr(&quorum(dir.path(), &["agree", "--labels", "answers.csv"], "en"));
    assert!(message.contains("separated by semicolons"), "{message}");
}

#[test]
fn label_order_on_numbers_is_rejected() {
    let dir = dir_with("answers.csv", "item,worker,label\ni1,a,1\ni1,b,2\ni2,a,3\ni2,b,3\n");
    let args = ["agree", "--labels", "answers.csv", "--level", "ordinal", "--label-order", "2,1,3"];
    let output = quorum(dir.path(), &args, "en");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("ranked by value"), "{}", stderr(&output));
}

#[test]
fn empty_file_says_empty() {
    let dir = dir_with("answers.csv", "");
    let output = quorum(dir.path(), &["aggregate", "--labels", "answers.csv"], "en");
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("answers.csv is empty"), "{message}");
    assert!(message.contains("item,worker,label"), "{message}");
}

#[test]
fn label_file_json_names_no_question() {
    let dir = dir_with("answers.csv", "item,worker,label\ni1,w1,a\ni1,w2,a\n");
    for command in
        [&["agree", "--labels", "answers.csv", "--json"][..], &["aggregate", "--labels", "answers.csv", "--json"][..]]
    {
        let output = quorum(dir.path(), command, "en");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
        assert!(json.get("question").is_none(), "{command:?}: {json}");
    }
}
