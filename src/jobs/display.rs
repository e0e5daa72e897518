//! Words for job states, shared by the CLI and the TUI.

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
