//! The real binary in a real terminal: tmux runs `quorum annotate`, keys are typed with
//! `send-keys`, and the store is checked afterwards.
//!
//! Each test uses its own tmux server socket, so it never touches a user's sessions.

mod common;

use common::binary::init_sample;
use common::tmux::{Tmux, WAIT, wait_until};
use quorum::store::{HistoryRow, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Command;

fn annotate_command(dir: &Path) -> String {
    format!("QUORUM_LANG=en {} --project {} annotate --as tester", env!("CARGO_BIN_EXE_quorum"), dir.display())
}

fn answers(dir: &Path) -> (u64, u64) {
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let counts = store.counts().unwrap();
    (counts.n_annotations, counts.n_log_rows)
}

#[test]
fn label_undo_relabel_quit() {
    let (_temp, dir) = init_sample("fortune-topics", "proj");
    let tmux = Tmux::start("e2e-undo", &annotate_command(&dir), 120, 40);

    // The instructions come first; any key starts the work.
    wait_until("the instructions", WAIT, || tmux.capture().contains("fortune"));
    tmux.send("Enter");
    wait_until("the first item", WAIT, || tmux.capture().contains("computers"));

    tmux.send("1");
    wait_until("the first answer", WAIT, || answers(&dir).0 == 1);
    tmux.send("2");
    wait_until("the second answer", WAIT, || answers(&dir).0 == 2);
    tmux.send("u");
    wait_until("the undo", WAIT, || answers(&dir).0 == 1);
    tmux.send("3");
    wait_until("the relabel", WAIT, || answers(&dir).0 == 2);

    tmux.send("q");
    wait_until("quorum to exit", WAIT, || !tmux.is_running());

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let mut rows: Vec<HistoryRow> = Vec::new();
    store
        .for_each_history_row(|row| {
            rows.push(row);
            Ok::<(), StoreError>(())
        })
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["answer", "answer", "undo", "answer"]);
    assert_eq!(rows[2].item, rows[1].item, "undo withdrew the second answer");
    assert_eq!(rows[3].item, rows[1].item, "the reopened item was relabelled");

    let first = store.item_by_key(&rows[0].item).unwrap().unwrap();
    let second = store.item_by_key(&rows[1].item).unwrap().unwrap();
    assert_eq!(store.current_answer(first.id, "tester").unwrap().as_deref(), Some("computers"));
    assert_eq!(store.current_answer(second.id, "tester").unwrap().as_deref(), Some("science"));
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn sighup_exits_and_keeps_answers() {
    let (_temp, dir) = init_sample("fortune-topics", "proj");
    let tmux = Tmux::start("e2e-sighup", &annotate_command(&dir), 80, 24);
    wait_until("the instructions", WAIT, || tmux.capture().contains("fortune"));
    tmux.send("Enter");
    wait_until("the first item", WAIT, || tmux.capture().contains("computers"));
    tmux.send("1");
    wait_until("the answer", WAIT, || answers(&dir).0 == 1);

    // Closing the pane hangs up the terminal, as a dropped SSH session does. The quorum
    // process itself must exit, not only the tmux session.
    let processes = tmux.pane_processes();
    assert!(!processes.is_empty());
    tmux.kill_session();
    wait_until("the session to close", WAIT, || !tmux.is_running());
    wait_until("the quorum process to exit", WAIT, || {
        processes.iter().all(|pid| !Path::new(&format!("/proc/{pid}")).exists())
    });

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.counts().unwrap().n_annotations, 1);
    assert!(store.integrity_check().unwrap().is_empty());
}

/// A tmux configuration under which a program can set the pane title (OSC 0/2) and
/// write the clipboard (OSC 52, which becomes a paste buffer), so escapes that slip
/// through the sanitiser change something the tests can see.
fn permissive_config(dir: &Path) -> PathBuf {
    let path = dir.join("tmux.conf");
    // remain-on-exit keeps the pane, and so its title, after the program ends.
    let options = "set -g set-clipboard on\nset -g allow-rename on\nset -g remain-on-exit on\n";
    std::fs::write(&path, options).unwrap();
    path
}

/// The control for [`escape_cases_leave_title_and_clipboard_alone`]: the same tmux set-up
/// does change the title and gain a buffer when the raw escape bytes reach it.
#[test]
fn raw_escapes_change_title_and_clipboard() {
    let temp = tempfile::tempdir().unwrap();
    let config = permissive_config(temp.path());
    let script = r"printf '\033]2;owned\007\033]52;c;ZWNobyBoaQ==\007'; echo printed; sleep 30";
    let tmux = Tmux::start_with_config("e2e-raw-escapes", &format!("sh -c \"{script}\""), 80, 24, &config);
    wait_until("the escapes to be printed", WAIT, || tmux.capture().contains("printed"));
    wait_until("the title to change", WAIT, || tmux.display("#{pane_title}") == "owned");
    wait_until("a paste buffer", WAIT, || !tmux.buffers().trim().is_empty());
}

#[test]
fn escape_cases_leave_title_and_clipboard_alone() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    let quorum = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_quorum")).arg("--project").arg(&dir).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let init = Command::new(env!("CARGO_BIN_EXE_quorum")).args(["init", dir.to_str().unwrap()]).output().unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let cases = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases/escape-sequences.csv");
    quorum(&["import", cases.to_str().unwrap()]);

    let config = permissive_config(temp.path());
    let tmux = Tmux::start_with_config("e2e-escape-cases", &annotate_command(&dir), 100, 30, &config);
    wait_until("the instructions", WAIT, || tmux.capture().contains("Press any key"));
    let title = tmux.display("#{pane_title}");
    assert!(tmux.buffers().trim().is_empty(), "a paste buffer exists before the test");
    tmux.send("Enter");

    // Every item is shown and answered, so each hostile field reaches the terminal.
    for answered in 1..=6 {
        wait_until("an item", WAIT, || tmux.capture().contains("· e"));
        tmux.send("1");
        wait_until("the answer", WAIT, || answers(&dir).0 == answered);
    }
    wait_until("the end of the queue", WAIT, || tmux.capture().contains("Nothing left"));
    let screen = tmux.capture();
    tmux.send("q");
    wait_until("quorum to exit", WAIT, || tmux.display("#{pane_dead}") == "1");

    assert_eq!(tmux.display("#{pane_title}"), title, "the pane title changed; screen:\n{screen}");
    assert!(tmux.buffers().trim().is_empty(), "a paste buffer appeared: {}", tmux.buffers());
}
