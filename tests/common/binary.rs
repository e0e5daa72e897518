//! Runs the real `quorum` binary that cargo built for the tests.
//!
//! Every run gets English messages (`QUORUM_LANG=en`) and no `QUORUM_PROJECT`, so the
//! output and the project a command finds do not depend on the shell that runs the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// Builds a `quorum ARGS` command that runs in `dir`; callers add their own environment.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quorum"));
    command.args(args).current_dir(dir).env("QUORUM_LANG", "en").env_remove("QUORUM_PROJECT");
    command
}

/// Runs `quorum ARGS` in `dir` and returns its output, whatever its exit status.
pub fn quorum(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the quorum binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `quorum ARGS` in `dir`, fails the test with its stderr unless it exits with
/// success, and returns its stdout.
pub fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = quorum(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// The directory of the sample task `name` in this repository.
pub fn sample_task(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_tasks").join(name)
}

/// Runs `quorum init PARENT/PROJECT --from SOURCE` and returns the new project directory.
pub fn init_in(parent: &Path, project: &str, source: &Path) -> PathBuf {
    let dir = parent.join(project);
    let out = quorum(parent, &["init", dir.to_str().unwrap(), "--from", source.to_str().unwrap()]);
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    dir
}

/// Creates the project `project` in a new temporary directory from the sample task
/// `sample`, with its items imported. The directory is deleted when the `TempDir` drops.
pub fn init_sample(sample: &str, project: &str) -> (TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = init_in(temp.path(), project, &sample_task(sample));
    (temp, dir)
}
