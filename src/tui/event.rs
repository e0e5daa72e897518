//! The terminal: raw mode and the alternate screen, restored on every way out, and the
//! mapping from key presses to actions.

use crate::tui::action::{Action, Scroll};
use crate::tui::app::{App, Overlay};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub type CrosstermTerminal = Terminal<CrosstermBackend<Stdout>>;

/// Leaves the alternate screen and raw mode; safe to call more than once.
pub fn restore_terminal() {
    if let Err(err) = terminal::disable_raw_mode() {
        tracing::warn!(error = %err, "cannot leave raw mode");
    }
    let leave = execute!(
        io::stdout(),
        crossterm::event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    if let Err(err) = leave {
        tracing::warn!(error = %err, "cannot leave the alternate screen");
    }
}

/// Makes a panic restore the terminal before the panic message is printed, so the
/// message is readable and the shell is usable. Installed before raw mode is entered.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// The terminal in raw mode on the alternate screen; dropping it restores both.
pub struct TerminalGuard {
    pub terminal: CrosstermTerminal,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        terminal::enable_raw_mode()?;
        // Bracketed paste turns pasted text into one paste event, which is ignored, so a
        // paste cannot type label keys and answer a run of items.
        if let Err(err) = execute!(io::stdout(), terminal::EnterAlternateScreen, crossterm::event::EnableBracketedPaste)
        {
            restore_terminal();
            return Err(err);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(err) => {
                restore_terminal();
                Err(err)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Registers a flag that is set by SIGHUP (the SSH link dropped), SIGTERM or SIGINT.
pub fn register_signals() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Turns a terminal event into an action for the current screen, if it means one.
pub fn to_action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        Event::Key(key) if key.kind != KeyEventKind::Release => key_to_action(app, key),
        _ => None,
    }
}

fn key_to_action(app: &App, key: &KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match app.overlay() {
        Overlay::Instructions => Some(Action::Dismiss),
        Overlay::Help => help_key(key),
        Overlay::Jobs => jobs_key(key),
        Overlay::Annotators | Overlay::Agreement => table_key(key),
        Overlay::Review => review_key(app, key),
        Overlay::None => annotate_key(app, key),
    }
}

/// Returns the index of the label whose key is `c`, if any.
fn label_index(app: &App, c: char) -> Option<usize> {
    app.spec().question.labels.iter().position(|label| label.key == c)
}

fn table_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::MoveSelection(-1)),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::MoveSelection(1)),
        KeyCode::Char('r') => Some(Action::Refresh),
        KeyCode::Esc | KeyCode::Char('q') => Some(Action::Dismiss),
        _ => None,
    }
}

/// Keys of the review screen. Navigation keys are reserved in every task, so they come
/// first; a label key then sets the final label, ahead of `r`, which a task may use.
fn review_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let action = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::MoveSelection(-1),
        KeyCode::Down | KeyCode::Char('j') => Action::MoveSelection(1),
        KeyCode::PageDown => Action::MovePage(1),
        KeyCode::PageUp => Action::MovePage(-1),
        KeyCode::Esc | KeyCode::Char('q') => Action::Dismiss,
        KeyCode::Char(c) if label_index(app, c).is_some() => Action::Adjudicate(label_index(app, c)?),
        KeyCode::Char('r') => Action::Refresh,
        _ => return None,
    };
    Some(action)
}

fn help_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('i') => Some(Action::ShowInstructions),
        KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Esc | KeyCode::Enter => Some(Action::Dismiss),
        _ => None,
    }
}

fn jobs_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::MoveJobSelection(-1)),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::MoveJobSelection(1)),
        KeyCode::Enter => Some(Action::StartSelectedJob),
        KeyCode::Char('c') => Some(Action::CancelSelectedJob),
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('t') => Some(Action::Dismiss),
        _ => None,
    }
}

fn annotate_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let action = match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::ShowHelp,
        KeyCode::Char('t') => Action::ShowJobs,
        KeyCode::Char('u') | KeyCode::Backspace => Action::Undo,
        KeyCode::Char('s') => Action::Skip,
        KeyCode::Char('a') => Action::ToggleAgreementPanel,
        KeyCode::Char('j') | KeyCode::Down => Action::Scroll(Scroll::LineDown),
        KeyCode::Char('k') | KeyCode::Up => Action::Scroll(Scroll::LineUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Scroll(Scroll::PageDown),
        KeyCode::PageUp => Action::Scroll(Scroll::PageUp),
        KeyCode::Char('g') | KeyCode::Home => Action::Scroll(Scroll::Top),
        KeyCode::End => Action::Scroll(Scroll::Bottom),
        // A label key wins over the lead's screen keys below, which task specs do not
        // reserve, so that every label can be answered.
        KeyCode::Char(c) if label_index(app, c).is_some() => Action::Answer(label_index(app, c)?),
        KeyCode::Char('A') => Action::ShowAnnotators,
        KeyCode::Char('R') => Action::ShowReview,
        KeyCode::Char('G') => Action::ShowAgreement,
        _ => return None,
    };
    Some(action)
}
