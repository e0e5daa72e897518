//! Job parameters: the JSON stored in `jobs.params` and read back by the worker.

use crate::dataset::LabelSource;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Everything a worker needs to run one job. The `kind` tag is also the `jobs.kind`
/// column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum JobParams {
    /// Trains a model, registers a run and, with `with_eval`, cross-validates it first.
    Train { labels_from: LabelChoice, with_eval: bool },
    /// Cross-validates with `folds` folds (`model.folds` when absent).
    Evaluate { labels_from: LabelChoice, folds: Option<u32> },
    /// Scores items with run `run` (the active run when absent); `all` includes items
    /// that already have labels; `out` also writes a CSV there.
    Predict { run: Option<i64>, all: bool, out: Option<PathBuf> },
    /// Imports a file of items, all or nothing.
    Import { file: PathBuf, format: Option<String>, delimiter: Option<char>, encoding: Option<String> },
}

impl JobParams {
    /// Returns the `jobs.kind` name.
    pub fn kind(&self) -> &'static str {
        match self {
            JobParams::Train { .. } => "train",
            JobParams::Evaluate { .. } => "evaluate",
            JobParams::Predict { .. } => "predict",
            JobParams::Import { .. } => "import",
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The label source of training and evaluation, in the form stored in job parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelChoice {
    Auto,
    Gold,
    Majority,
}

impl From<LabelChoice> for LabelSource {
    fn from(choice: LabelChoice) -> Self {
        match choice {
            LabelChoice::Auto => LabelSource::Auto,
            LabelChoice::Gold => LabelSource::Gold,
            LabelChoice::Majority => LabelSource::Majority,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip_through_json() {
        let params = JobParams::Predict { run: Some(3), all: true, out: Some(PathBuf::from("p.csv")) };
        let json = params.to_json();
        assert_eq!(json["kind"], "predict");
        let back: JobParams = serde_json::from_value(json).unwrap();
        assert_eq!(back, params);
    }
}
