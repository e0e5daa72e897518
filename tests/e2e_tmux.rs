//! The real binary in a real terminal: tmux runs `quorum annotate`, keys are typed with
//! `send-keys`, and the store is checked afterwards.
//!
//! Each test uses its own tmux server socket, so it never touches a user's sessions.

use quorum::store::{HistoryRow, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("quorum-e2e-{}-{}", std::process::id(), height);
        let tmux = Tmux { socket };
        let status = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string(), command])
            .status()
            .expect("tmux is installed (the CI script installs it)");
        assert!(status.success());
        tmux
    }

    fn send(&self, keys: &[&str]) {
        let status = Command::new("tmux").args(["-L", &self.socket, "send-keys", "-t", "main"]).args(keys).status().unwrap();
        assert!(status.success());
    }

    fn capture(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p", "-t", "main"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The pane's shell and its child processes (the quorum binary), by PID.
    fn pane_processes(&self) -> Vec<u32> {
        let out = Command::new("tmux").args(["-L", &self.socket, "display", "-p", "-t", "main", "#{pane_pid}"]).output().unwrap();
        let pane: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().expect("tmux prints the pane's PID");
        let mut pids = vec![pane];
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent PID is the second field after the command name in parentheses.
            let parent = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)).and_then(|p| p.parse::<u32>().ok());
            if parent == Some(pane) {
                pids.push(pid);
            }
        }
        pids
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
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).stderr(std::process::Stdio::null()).status();
    }
}

fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if condition() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn init_fortunes() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_tasks/fortune-topics");
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["init", dir.to_str().unwrap(), "--from", sample.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (temp, dir)
}

fn annotate_command(dir: &Path) -> String {
    format!(
        "QUORUM_LANG=en {} --project {} annotate --as tester",
        env!("CARGO_BIN_EXE_quorum"),
        dir.display()
    )
}

fn answers(dir: &Path) -> (u64, u64) {
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let counts = store.counts().unwrap();
    (counts.n_annotations, counts.n_log_rows)
}

#[test]
fn label_undo_relabel_quit() {
    let (_temp, dir) = init_fortunes();
    let tmux = Tmux::start(&annotate_command(&dir), 120, 40);

    // The instructions come first; any key starts the work.
    wait_for("the instructions", || tmux.capture().contains("fortune"));
    tmux.send(&["Enter"]);
    wait_for("the first item", || tmux.capture().contains("computers"));

    tmux.send(&["1"]);
    wait_for("the first answer", || answers(&dir).0 == 1);
    tmux.send(&["2"]);
    wait_for("the second answer", || answers(&dir).0 == 2);
    tmux.send(&["u"]);
    wait_for("the undo", || answers(&dir).0 == 1);
    tmux.send(&["3"]);
    wait_for("the relabel", || answers(&dir).0 == 2);

    tmux.send(&["q"]);
    wait_for("quorum to exit", || !tmux.is_running());

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
    let (_temp, dir) = init_fortunes();
    let tmux = Tmux::start(&annotate_command(&dir), 80, 24);
    wait_for("the instructions", || tmux.capture().contains("fortune"));
    tmux.send(&["Enter"]);
    wait_for("the first item", || tmux.capture().contains("computers"));
    tmux.send(&["1"]);
    wait_for("the answer", || answers(&dir).0 == 1);

    // Closing the pane hangs up the terminal, as a dropped SSH session does. The quorum
    // process itself must exit, not only the tmux session.
    let processes = tmux.pane_processes();
    assert!(!processes.is_empty());
    let status = Command::new("tmux").args(["-L", &tmux.socket, "kill-session", "-t", "main"]).status().unwrap();
    assert!(status.success());
    wait_for("the session to close", || !tmux.is_running());
    wait_for("the quorum process to exit", || processes.iter().all(|pid| !Path::new(&format!("/proc/{pid}")).exists()));

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.counts().unwrap().n_annotations, 1);
    assert!(store.integrity_check().unwrap().is_empty());
}
