//! File locations of jobs and runs, under `.quorum/` in the project directory.
//!
//! - `.quorum/jobs/<id>.log`: the worker's standard output and error.
//! - `.quorum/runs/<id>/model.json`: the run's model.
//! - `.quorum/runs/<id>/metrics.json`, `per_class.csv`, `confusion.csv`: its
//!   cross-validation metrics, when an evaluation of the same snapshot exists.

use crate::project::Project;
use std::path::PathBuf;

/// The directory, relative to the project root, that contains job logs and runs.
pub const STATE_DIR: &str = ".quorum";

impl Project {
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    /// Returns the log file of job `id`.
    pub fn job_log_path(&self, id: i64) -> PathBuf {
        self.state_dir().join("jobs").join(format!("{id}.log"))
    }

    /// Returns the directory of run `id`.
    pub fn run_dir(&self, id: i64) -> PathBuf {
        self.state_dir().join("runs").join(id.to_string())
    }
}

/// The model path of run `id`, relative to the project root, as `runs.model_path` stores it.
pub fn run_model_relative(id: i64) -> String {
    format!("{STATE_DIR}/runs/{id}/model.json")
}
