//! The real binary in a real terminal on a task with two questions: tmux runs
//! `quorum annotate`, both questions of one item are answered with `send-keys`, and
//! `quorum export` must then list both answers.
//!
//! The test uses its own tmux server socket, so it never touches a user's sessions.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server on a socket of its own, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str) -> Tmux {
        let tmux = Tmux { socket: format!("quorum-questions-{}", std::process::id()) };
        let status = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "100", "-y", "30"])
            .arg(command)
            .status()
            .expect("tmux is installed (the CI script installs it)");
        assert!(status.success());
        tmux
    }

    fn send(&self, key: &str) {
        let status = Command::new("tmux").args(["-L", &self.socket, "send-keys", "-t", "main", key]).status().unwrap();
        assert!(status.success());
    }

    fn capture(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p", "-t", "main"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn is_running(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", "main"])
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ =
            Command::new("tmux").args(["-L", &self.socket, "kill-server"]).stderr(std::process::Stdio::null()).status();
    }
}

/// Polls `condition` every 100 ms, and panics with the last screen after 20 s.
fn wait_for(what: &str, tmux: &Tmux, mut condition: impl FnMut(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut screen = String::new();
    while Instant::now() < deadline {
        screen = tmux.capture();
        if condition(&screen) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}; the screen was:\n{screen}");
}

fn quorum(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(args)
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .output()
        .unwrap()
}

fn init_two_questions() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_tasks/fortune-questions");
    let out = quorum(temp.path(), &["init", dir.to_str().unwrap(), "--from", sample.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (temp, dir)
}

fn n_answers(dir: &Path) -> u64 {
    let store = quorum::store::Store::open(&dir.join("quorum.db")).unwrap();
    store.counts().unwrap().n_annotations
}

#[test]
fn both_questions_answered_and_exported() {
    let (_temp, dir) = init_two_questions();
    let command =
        format!("QUORUM_LANG=en {} --project {} annotate --as tester", env!("CARGO_BIN_EXE_quorum"), dir.display());
    let tmux = Tmux::start(&command);

    wait_for("the instructions", &tmux, |screen| screen.contains("fortune"));
    tmux.send("Enter");
    wait_for("the first question", &tmux, |screen| screen.contains("question 1 of 2"));
    let item_line = tmux.capture().lines().next().unwrap_or_default().to_string();

    tmux.send("1");
    wait_for("the second question", &tmux, |screen| screen.contains("Is this text meant as a joke?"));
    assert_eq!(n_answers(&dir), 1);
    let screen = tmux.capture();
    assert!(screen.contains("question 2 of 2"), "{screen}");
    assert_eq!(screen.lines().next().unwrap_or_default(), item_line, "the same item stays on screen");

    tmux.send("2");
    wait_for("the next item", &tmux, |screen| screen.contains("question 1 of 2"));
    assert_eq!(n_answers(&dir), 2);
    tmux.send("q");
    let deadline = Instant::now() + Duration::from_secs(20);
    while tmux.is_running() {
        assert!(Instant::now() < deadline, "quorum did not exit");
        std::thread::sleep(Duration::from_millis(100));
    }

    let out_path = dir.join("answers.csv");
    let out = quorum(&dir, &["export", "--out", out_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&out_path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], "item,annotator,question,label");
    let item = lines[1].split(',').next().unwrap();
    assert_eq!(lines[1], format!("{item},tester,topic,computers"));
    assert_eq!(lines[2], format!("{item},tester,joke,serious"));
}
