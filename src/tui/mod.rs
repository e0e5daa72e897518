//! The annotation screen annotators work in over SSH for hours.
//!
//! Events from the terminal, the live agreement poller and background jobs become one
//! [`Action`] type; [`update`] applies an action to the [`App`] state (all store and
//! file I/O happens there) and [`view`] draws the state without touching anything else.

pub mod action;
pub mod app;
pub mod event;
pub mod live;
pub mod screens;
pub mod widgets;

pub use action::{Action, Scroll};
pub use app::{App, Notice, NoticeKind, Overlay, update, view};

use crate::project::Project;
use anyhow::{Context, Result};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long the loop waits for a key before drawing background updates.
const EVENT_POLL: Duration = Duration::from_millis(200);

/// Options of `quorum annotate`.
pub struct TuiOptions {
    pub annotator: String,
}

/// Sanitises `text` from data and cuts it to `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    crate::core::sanitize::truncate(&crate::core::sanitize::sanitize_plain(text), width)
}

/// Runs the annotation screen until the annotator quits, the terminal hangs up or the
/// process receives SIGTERM. Every answer is committed when it is given, so none of
/// these exits loses work. The shown item's lease is released on the way out.
pub fn run_annotate(project: &Project, options: TuiOptions) -> Result<()> {
    let signals = event::register_signals().context("cannot install signal handlers")?;
    let (width, height) = crossterm::terminal::size().context("cannot read the terminal size; is this a terminal?")?;
    let mut app = App::new(project, &options.annotator, width, height)?;
    let poller = live::LivePoller::spawn(&project.store_path(), project.spec.question.label_values())
        .context("cannot start the live agreement thread")?;

    event::install_panic_hook();
    let mut guard = event::TerminalGuard::enter().context("cannot switch the terminal to full-screen mode")?;
    tracing::info!(annotator = %options.annotator, project = %project.root.display(), "annotation screen opened");

    let outcome = event_loop(&mut app, &mut guard.terminal, &poller, &signals);
    app.shut_down();
    drop(poller);
    drop(guard);
    tracing::info!(annotator = %options.annotator, "annotation screen closed");
    outcome
}

fn event_loop(
    app: &mut App,
    terminal: &mut event::CrosstermTerminal,
    poller: &live::LivePoller,
    signals: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    while !app.should_quit() {
        terminal.draw(|frame| view(app, frame)).context("cannot draw the screen")?;

        if crossterm::event::poll(EVENT_POLL).context("cannot read terminal events")? {
            let event = crossterm::event::read().context("cannot read terminal events")?;
            if let Some(action) = event::to_action(app, &event) {
                update(app, action);
            }
        }
        if signals.load(Ordering::Relaxed) {
            tracing::info!("hang-up or termination signal received; closing");
            update(app, Action::Quit);
            break;
        }
        for message in poller.drain() {
            update(app, Action::Live(message));
        }
        update(app, Action::Tick(Instant::now()));
    }
    Ok(())
}
