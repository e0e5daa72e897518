//! The one vocabulary of things that can happen to the application.
//!
//! Key presses, resizes, timer ticks, and live statistics all become an
//! [`Action`] before they reach [`crate::tui::app::update`], so the tests can drive the
//! application exactly as a terminal session does.

use crate::tui::live::LiveMessage;
use crate::tui::report::ReportMessage;
use std::time::Instant;

/// A movement through the item text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    LineUp,
    LineDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

/// Something the application reacts to.
#[derive(Debug)]
pub enum Action {
    /// Periodic wake-up: renews the lease, polls jobs, retries an empty queue.
    Tick(Instant),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Answers the shown item with the label at this index of the question's labels.
    Answer(usize),
    Skip,
    Undo,
    Scroll(Scroll),
    ShowHelp,
    ShowInstructions,
    ShowJobs,
    /// Closes the overlay on top (help, jobs menu, instructions).
    Dismiss,
    ToggleAgreementPanel,
    /// Opens the per-annotator quality table (leads and reviewers).
    ShowAnnotators,
    /// Opens the review queue of disagreements (leads and reviewers).
    ShowReview,
    /// Opens the full agreement statistics.
    ShowAgreement,
    /// Moves the selection of the open table (annotators, review queue) by this many rows.
    MoveSelection(i32),
    /// Moves the review queue one page forward (`1`) or back (`-1`).
    MovePage(i32),
    /// Sets the label at this index of the question's labels as the final label of the
    /// item selected in the review queue.
    Adjudicate(usize),
    /// Recomputes the figures of the open screen in the background.
    Refresh,
    /// Switches the agreement or review screen to the task's next question, after the
    /// last back to the first.
    NextQuestion,
    /// Moves the jobs menu selection by this many rows.
    MoveJobSelection(i32),
    /// Starts the job selected in the jobs menu, or shows the selected job's result.
    StartSelectedJob,
    /// Asks the job selected in the jobs list to stop.
    CancelSelectedJob,
    /// Shows the next (1) or previous (-1) panel of the evaluation result on screen.
    SwitchResultPanel(i32),
    /// New live statistics from the background poller.
    Live(LiveMessage),
    /// Figures computed by a background report thread.
    Report(ReportMessage),
    Quit,
}
