//! Words for job states and kinds, shared by the CLI and the TUI.

use crate::i18n::catalogue::jobs as msg;
use crate::store::JobState;

/// Returns the word for a job state in the current language.
pub fn state_word(state: JobState) -> &'static str {
    match state {
        JobState::Queued => msg::JOB_STATE_QUEUED.text(),
        JobState::Running => msg::JOB_STATE_RUNNING.text(),
        JobState::Done => msg::JOB_STATE_DONE.text(),
        JobState::Failed => msg::JOB_STATE_FAILED.text(),
        JobState::Cancelled => msg::JOB_STATE_CANCELLED.text(),
    }
}

/// Returns a job kind (`jobs.kind`) in the current language; an unknown kind, written
/// by a newer version, is shown as stored.
pub fn kind_word(kind: &str) -> &str {
    match kind {
        "train" => msg::JOB_KIND_TRAIN.text(),
        "evaluate" => msg::JOB_KIND_EVALUATE.text(),
        "predict" => msg::JOB_KIND_PREDICT.text(),
        "retrain" => msg::JOB_KIND_RETRAIN.text(),
        "import" => msg::JOB_KIND_IMPORT.text(),
        other => other,
    }
}
