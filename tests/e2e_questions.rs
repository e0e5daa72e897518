//! The real binary in a real terminal on a task with two questions: tmux runs
//! `quorum annotate`, both questions of one item are answered with `send-keys`, and
//! `quorum export` must then list both answers.
//!
//! The test uses its own tmux server socket, so it never touches a user's sessions.

mod common;

use common::binary::{init_sample, quorum, stderr};
use common::tmux::{Tmux, WAIT, wait_until};
use std::path::Path;

fn n_answers(dir: &Path) -> u64 {
    let store = quorum::store::Store::open(&dir.join("quorum.db")).unwrap();
    store.counts().unwrap().n_annotations
}

#[test]
fn both_questions_answered_and_exported() {
    let (_temp, dir) = init_sample("fortune-questions", "proj");
    let command =
        format!("QUORUM_LANG=en {} --project {} annotate --as tester", env!("CARGO_BIN_EXE_quorum"), dir.display());
    let tmux = Tmux::start("questions", &command, 100, 30);

    tmux.wait_for_screen("the instructions", WAIT, |screen| screen.contains("fortune"));
    tmux.send("Enter");
    tmux.wait_for_screen("the first question", WAIT, |screen| screen.contains("question 1 of 2"));
    let item_line = tmux.capture().lines().next().unwrap_or_default().to_string();

    tmux.send("1");
    tmux.wait_for_screen("the second question", WAIT, |screen| screen.contains("Is this text meant as a joke?"));
    assert_eq!(n_answers(&dir), 1);
    let screen = tmux.capture();
    assert!(screen.contains("question 2 of 2"), "{screen}");
    assert_eq!(screen.lines().next().unwrap_or_default(), item_line, "the same item stays on screen");

    tmux.send("2");
    tmux.wait_for_screen("the next item", WAIT, |screen| screen.contains("question 1 of 2"));
    assert_eq!(n_answers(&dir), 2);
    tmux.send("q");
    wait_until("quorum to exit", WAIT, || !tmux.is_running());

    let out_path = dir.join("answers.csv");
    let out = quorum(&dir, &["export", "--out", out_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&out_path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], "item,annotator,question,label");
    let item = lines[1].split(',').next().unwrap();
    assert_eq!(lines[1], format!("{item},tester,topic,computers"));
    assert_eq!(lines[2], format!("{item},tester,joke,serious"));
}
