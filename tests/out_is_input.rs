//! `--out` and `--per-item` naming an input file: the command stops before writing, so
//! the answers and gold files stay as they were.

mod common;

use common::binary::{quorum, stderr};

const ANSWERS: &str = "item,worker,label\ni1,a,1\ni1,b,3\ni2,a,2\ni2,b,2\n";
const GOLD: &str = "item,label\ni1,1\ni2,2\n";

#[test]
fn output_over_input_is_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), ANSWERS).unwrap();
    std::fs::write(dir.path().join("gold.csv"), GOLD).unwrap();
    std::os::unix::fs::symlink("answers.csv", dir.path().join("link.csv")).unwrap();

    let cases: [&[&str]; 5] = [
        &["agree", "--labels", "answers.csv", "--per-item", "answers.csv"],
        &["aggregate", "--labels", "answers.csv", "--out", "./answers.csv"],
        &["aggregate", "--labels", "answers.csv", "--method", "mean", "--out", "answers.csv"],
        &["aggregate", "--labels", "answers.csv", "--gold", "gold.csv", "--out", "gold.csv"],
        &["aggregate", "--labels", "answers.csv", "--out", "link.csv"],
    ];
    for args in cases {
        let output = quorum(dir.path(), args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(stderr(&output).contains("is the input file"), "{args:?}: {}", stderr(&output));
        assert_eq!(std::fs::read_to_string(dir.path().join("answers.csv")).unwrap(), ANSWERS, "{args:?}");
        assert_eq!(std::fs::read_to_string(dir.path().join("gold.csv")).unwrap(), GOLD, "{args:?}");
    }
}

#[test]
fn output_to_new_file_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), ANSWERS).unwrap();

    let output = quorum(dir.path(), &["agree", "--labels", "answers.csv", "--per-item", "items.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(dir.path().join("items.csv")).unwrap();
    assert!(written.starts_with("item,answers,percent_agreement\n"), "{written}");
}
