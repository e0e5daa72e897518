//! Job parameters: the JSON stored in `jobs.params` and read back by the worker.

use crate::core::aggregation::Method;
use crate::dataset::LabelSource;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Everything a worker needs to run one job. The `kind` tag is also the `jobs.kind`
/// column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum JobParams {
    /// Trains a model, registers a run and, with `with_eval`, cross-validates it first.
    /// `soft_labels` trains towards the Dawid–Skene posterior (as does `model.soft_labels`).
    Train {
        labels_from: LabelChoice,
        with_eval: bool,
        #[serde(default)]
        soft_labels: bool,
    },
    /// Cross-validates with `folds` folds (`model.folds` when absent).
    Evaluate {
        labels_from: LabelChoice,
        folds: Option<u32>,
        #[serde(default)]
        soft_labels: bool,
    },
    /// Scores items with run `run` (the active run when absent); `all` includes items
    /// that already have labels; `out` also writes a CSV there; `apply_order` then sets
    /// the item priorities from the task's uncertainty rule.
    Predict {
        run: Option<i64>,
        all: bool,
        out: Option<PathBuf>,
        #[serde(default)]
        apply_order: bool,
    },
    /// Trains on the current labels, scores the unlabelled items with the new run and
    /// applies the task's uncertainty order: the refresh that `task.retrain_every` asks for.
    Retrain { labels_from: LabelChoice },
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
            JobParams::Retrain { .. } => "retrain",
            JobParams::Import { .. } => "import",
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The label source of training and evaluation, in the form stored in job parameters:
/// `auto`, `gold`, or an aggregation method's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelChoice {
    Auto,
    Gold,
    Majority,
    DawidSkene,
    Wawa,
    Glad,
    Mace,
    OneCoin,
}

impl From<LabelChoice> for LabelSource {
    fn from(choice: LabelChoice) -> Self {
        match choice {
            LabelChoice::Auto => LabelSource::Auto,
            LabelChoice::Gold => LabelSource::Gold,
            LabelChoice::Majority => LabelSource::Majority,
            LabelChoice::DawidSkene => LabelSource::Aggregated(Method::DawidSkene),
            LabelChoice::Wawa => LabelSource::Aggregated(Method::Wawa),
            LabelChoice::Glad => LabelSource::Aggregated(Method::Glad),
            LabelChoice::Mace => LabelSource::Aggregated(Method::Mace),
            LabelChoice::OneCoin => LabelSource::Aggregated(Method::OneCoin),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip_through_json() {
        let params =
            JobParams::Predict { run: Some(3), all: true, out: Some(PathBuf::from("p.csv")), apply_order: true };
        let json = params.to_json();
        assert_eq!(json["kind"], "predict");
        let back: JobParams = serde_json::from_value(json).unwrap();
        assert_eq!(back, params);
    }

    #[test]
    fn params_stored_before_soft_labels_still_read() {
        let json = serde_json::json!({ "kind": "train", "labels_from": "majority", "with_eval": false });
        let back: JobParams = serde_json::from_value(json).unwrap();
        assert_eq!(back, JobParams::Train { labels_from: LabelChoice::Majority, with_eval: false, soft_labels: false });
    }

    #[test]
    fn aggregation_methods_keep_their_command_line_names() {
        let json = JobParams::Retrain { labels_from: LabelChoice::DawidSkene }.to_json();
        assert_eq!(json, serde_json::json!({ "kind": "retrain", "labels_from": "dawid-skene" }));
    }
}
