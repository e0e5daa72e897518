//! The annotation screen annotators work in over SSH for hours.
//!
//! Events from the terminal, the live agreement poller and background jobs become one
//! [`Action`] type; [`update`] applies an action to the [`App`] state (all store and
//! file I/O happens there) and [`view`] draws the state without touching anything else.

pub mod action;
pub mod app;
pub mod event;
pub mod graphics;
pub mod live;
pub mod report;
pub mod screens;
pub mod theme;
pub mod watchdog;
pub mod widgets;

pub use action::{Action, Scroll};
pub use app::{App, Notice, NoticeKind, Overlay, update, view};

use crate::project::Project;
use anyhow::{Context, Result};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long the loop waits for a key before drawing background updates.
const EVENT_POLL: Duration = Duration::from_millis(200);
/// Most queued events applied between two draws, so the screen still updates during a
/// flood of input.
const MAX_EVENTS_PER_FRAME: usize = 64;

/// Options of `quorum annotate`.
pub struct TuiOptions {
    pub annotator: String,
    /// How images are drawn; `Auto` asks the terminal.
    pub image_protocol: graphics::ImageProtocol,
}

/// Sanitises `text` from data and cuts it to `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    crate::core::sanitize::truncate(&crate::core::sanitize::sanitize_plain(text), width)
}

/// Fills a message's `{undo}`, `{quit}`... placeholders with the project's action keys.
pub fn with_keys(message: crate::i18n::Msg, keys: &crate::core::keys::KeyMap) -> String {
    let bound: Vec<(&str, String)> = crate::core::keys::KeyAction::ALL
        .iter()
        .map(|action| (action.name(), crate::core::sanitize::sanitize_plain(&keys.key(*action).to_string())))
        .collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> =
        bound.iter().map(|(name, key)| (*name, key as &dyn std::fmt::Display)).collect();
    message.fmt(&args)
}

/// Runs the annotation screen until the annotator quits, the terminal hangs up or the
/// process receives SIGTERM. Every answer is committed when it is given, so none of
/// these exits loses work. The shown item's lease is released on the way out.
pub fn run_annotate(project: &Project, options: TuiOptions) -> Result<()> {
    let signals = event::register_signals().context("cannot install signal handlers")?;
    watchdog::spawn(std::sync::Arc::clone(&signals));
    let (width, height) = crossterm::terminal::size().context("cannot read the terminal size; is this a terminal?")?;
    let mut app = App::new(project, &options.annotator, width, height)?;
    // Asked before raw mode and the alternate screen, which the query sets up itself.
    app.set_picker(graphics::picker_for(options.image_protocol));
    let question = project.spec.question();
    let poller = live::LivePoller::spawn_for_question(&project.store_path(), &question.id, question.label_values())
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
    let mut drawn_item: Option<String> = None;
    while !app.should_quit() {
        if app.take_redraw() {
            // Terminals disagree on the width of emoji sequences. tmux 3.3a, for one, draws a
            // ZWJ family or a skin-tone emoji as its separate code points. Those glyphs land
            // in cells that ratatui's diff takes for blank and would stay on screen under the
            // next item, so a new item repaints the whole screen.
            // NOTE: opening an overlay over such an item does not repaint, so its glyphs can
            // remain in the overlay's blank cells until the item changes.
            let item = app.current_item_key().map(str::to_owned);
            if item != drawn_item {
                terminal.clear()?;
                drawn_item = item;
            }
            terminal.draw(|frame| view(app, frame)).context("cannot draw the screen")?;
        }

        // Apply every queued key before the next draw, so a held key or a burst typed
        // ahead over a slow link costs one frame, not one frame per key.
        let mut wait = EVENT_POLL;
        let mut handled = 0;
        while handled < MAX_EVENTS_PER_FRAME && crossterm::event::poll(wait).context("cannot read terminal events")? {
            let event = crossterm::event::read().context("cannot read terminal events")?;
            if let Some(action) = event::to_action(app, &event) {
                update(app, action);
            }
            wait = Duration::ZERO;
            handled += 1;
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
