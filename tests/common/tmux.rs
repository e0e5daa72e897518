//! A tmux server driven from a test: it runs one command in a detached session, types
//! keys with `send-keys` and reads the screen with `capture-pane`.
//!
//! Each server listens on its own `-L` socket, so a test never touches a user's sessions.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The usual time a test waits for a screen or a state before it fails. It only bounds a
/// hung program, because a wait returns as soon as its condition holds.
pub const WAIT: Duration = Duration::from_secs(20);

/// A tmux server with one session, `main`. Dropping it kills the server.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a `width` x `height` pane without reading any tmux configuration.
    ///
    /// The socket is `quorum-LABEL-PID`, so `label` must differ between the tests of one
    /// binary that run at the same time, and the PID keeps parallel test binaries apart.
    pub fn start(label: &str, command: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_with_config(label, command, width, height, Path::new("/dev/null"))
    }

    /// Starts a server that reads `config` first, so its options hold from the first byte.
    pub fn start_with_config(label: &str, command: &str, width: u16, height: u16, config: &Path) -> Tmux {
        let tmux = Tmux { socket: format!("quorum-{label}-{}", std::process::id()) };
        let status = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f", config.to_str().unwrap(), "new-session", "-d", "-s", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string(), command])
            .status()
            .expect("tmux is installed (the CI script installs it)");
        assert!(status.success(), "tmux new-session failed on socket {}", tmux.socket);
        tmux
    }

    /// Types one key, such as `Enter` or `q`.
    pub fn send(&self, key: &str) {
        let status = Command::new("tmux").args(["-L", &self.socket, "send-keys", "-t", "main", key]).status().unwrap();
        assert!(status.success(), "tmux send-keys {key:?} failed");
    }

    pub fn capture(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p", "-t", "main"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Prints a tmux format such as `#{pane_title}` for the pane.
    pub fn display(&self, format: &str) -> String {
        let out =
            Command::new("tmux").args(["-L", &self.socket, "display", "-p", "-t", "main", format]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    /// The names of the server's paste buffers; an OSC 52 clipboard write adds one.
    pub fn buffers(&self) -> String {
        let out =
            Command::new("tmux").args(["-L", &self.socket, "list-buffers", "-F", "#{buffer_name}"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The PID of the pane's process: the shell that runs the command, or the command
    /// itself when it was started with `exec`.
    pub fn pane_pid(&self) -> u32 {
        self.display("#{pane_pid}").trim().parse().expect("tmux prints the pane's PID")
    }

    /// The pane's process and its child processes (the quorum binary), by PID.
    pub fn pane_processes(&self) -> Vec<u32> {
        let pane = self.pane_pid();
        let mut pids = vec![pane];
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent PID is the second field after the command name in parentheses.
            let parent = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if parent == Some(pane) {
                pids.push(pid);
            }
        }
        pids
    }

    /// Closes the session, which hangs up the pane's terminal as a dropped SSH connection does.
    pub fn kill_session(&self) {
        let status = Command::new("tmux").args(["-L", &self.socket, "kill-session", "-t", "main"]).status().unwrap();
        assert!(status.success(), "tmux kill-session failed");
    }

    pub fn is_running(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", "main"])
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Polls the screen every 100 ms until `condition` holds, and panics with the last
    /// screen after `timeout`.
    pub fn wait_for_screen(&self, what: &str, timeout: Duration, mut condition: impl FnMut(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        let mut screen = String::new();
        while Instant::now() < deadline {
            screen = self.capture();
            if condition(&screen) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; the screen was:\n{screen}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).stderr(Stdio::null()).status();
    }
}

/// Polls `condition` every 100 ms, and panics after `timeout`.
pub fn wait_until(what: &str, timeout: Duration, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if condition() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}
