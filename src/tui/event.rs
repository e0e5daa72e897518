//! The terminal: raw mode and the alternate screen, restored on every way out, and the
//! mapping from key presses to actions.

use crate::core::keys::KeyAction;
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
    let keys = &app.spec().keys;
    // The action a printable key is bound to in the project's key map.
    let bound = match key.code {
        KeyCode::Char(c) => keys.action_for(c),
        _ => None,
    };
    match app.overlay() {
        Overlay::Instructions => Some(Action::Dismiss),
        Overlay::Help => help_key(app, key, bound),
        Overlay::Jobs => jobs_key(key, bound),
        Overlay::Agreement if bound == Some(KeyAction::Question) => Some(Action::NextQuestion),
        Overlay::Annotators | Overlay::Agreement => table_key(key, bound),
        Overlay::Review => review_key(app, key, bound),
        Overlay::None => annotate_key(app, key, bound),
    }
}

/// Returns the index of the label of the question on screen whose key is `c`, if any:
/// the question under review on the review screen, the shown item's question otherwise.
fn label_index(app: &App, c: char) -> Option<usize> {
    let question = match app.overlay() {
        Overlay::Review => crate::tui::screens::review::review_question(app),
        _ => crate::tui::screens::annotate::current_question(app),
    };
    question.labels.iter().position(|label| label.key == c)
}

/// Keys of the annotators and agreement screens, whose lists scroll with `next`/`prev`.
fn table_key(key: &KeyEvent, bound: Option<KeyAction>) -> Option<Action> {
    match (key.code, bound) {
        (KeyCode::Up, _) | (_, Some(KeyAction::Prev)) => Some(Action::MoveSelection(-1)),
        (KeyCode::Down, _) | (_, Some(KeyAction::Next)) => Some(Action::MoveSelection(1)),
        (KeyCode::PageDown, _) => Some(Action::MoveSelection(PAGE_ROWS)),
        (KeyCode::PageUp, _) => Some(Action::MoveSelection(-PAGE_ROWS)),
        (_, Some(KeyAction::Refresh)) => Some(Action::Refresh),
        (KeyCode::Esc, _) | (_, Some(KeyAction::Quit)) => Some(Action::Dismiss),
        _ => None,
    }
}

/// Rows a PgUp/PgDn moves a list's selection on screens without pages.
const PAGE_ROWS: i32 = 10;

/// Keys of the review screen. Action keys never collide with label keys (the task spec
/// refuses that), so a label key sets the final label.
fn review_key(app: &App, key: &KeyEvent, bound: Option<KeyAction>) -> Option<Action> {
    let action = match (key.code, bound) {
        (KeyCode::Up, _) | (_, Some(KeyAction::Prev)) => Action::MoveSelection(-1),
        (KeyCode::Down, _) | (_, Some(KeyAction::Next)) => Action::MoveSelection(1),
        (KeyCode::PageDown, _) => Action::MovePage(1),
        (KeyCode::PageUp, _) => Action::MovePage(-1),
        (KeyCode::Esc, _) | (_, Some(KeyAction::Quit)) => Action::Dismiss,
        (_, Some(KeyAction::Refresh)) => Action::Refresh,
        (_, Some(KeyAction::Question)) => Action::NextQuestion,
        (_, Some(KeyAction::Help)) => Action::ShowHelp,
        (KeyCode::Char(c), _) if label_index(app, c).is_some() => Action::Adjudicate(label_index(app, c)?),
        _ => return None,
    };
    Some(action)
}

/// Keys of the help overlay, which scrolls when it does not fit. The instructions open
/// from the annotation screen's help only, because closing them leads to that screen.
fn help_key(app: &App, key: &KeyEvent, bound: Option<KeyAction>) -> Option<Action> {
    match (key.code, bound) {
        (_, Some(KeyAction::Instructions)) if app.help_over() == Overlay::None => Some(Action::ShowInstructions),
        (KeyCode::Down, _) | (_, Some(KeyAction::Next)) => Some(Action::MoveSelection(1)),
        (KeyCode::Up, _) | (_, Some(KeyAction::Prev)) => Some(Action::MoveSelection(-1)),
        (KeyCode::Esc | KeyCode::Enter, _) | (_, Some(KeyAction::Quit | KeyAction::Help)) => Some(Action::Dismiss),
        _ => None,
    }
}

fn jobs_key(key: &KeyEvent, bound: Option<KeyAction>) -> Option<Action> {
    match (key.code, bound) {
        (KeyCode::Up, _) | (_, Some(KeyAction::Prev)) => Some(Action::MoveJobSelection(-1)),
        (KeyCode::Down, _) | (_, Some(KeyAction::Next)) => Some(Action::MoveJobSelection(1)),
        (KeyCode::Enter, _) => Some(Action::StartSelectedJob),
        (KeyCode::Tab | KeyCode::Right, _) => Some(Action::SwitchResultPanel(1)),
        (KeyCode::BackTab | KeyCode::Left, _) => Some(Action::SwitchResultPanel(-1)),
        (KeyCode::Esc, _) | (_, Some(KeyAction::Quit | KeyAction::Jobs)) => Some(Action::Dismiss),
        // `c` is the jobs menu's own key, unless the key map gave it to an action above.
        (KeyCode::Char('c'), None) => Some(Action::CancelSelectedJob),
        _ => None,
    }
}

fn annotate_key(app: &App, key: &KeyEvent, bound: Option<KeyAction>) -> Option<Action> {
    let fixed = match key.code {
        KeyCode::Backspace => Some(Action::Undo),
        KeyCode::Down => Some(Action::Scroll(Scroll::LineDown)),
        KeyCode::Up => Some(Action::Scroll(Scroll::LineUp)),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::Scroll(Scroll::PageDown)),
        KeyCode::PageUp => Some(Action::Scroll(Scroll::PageUp)),
        KeyCode::Home => Some(Action::Scroll(Scroll::Top)),
        KeyCode::End => Some(Action::Scroll(Scroll::Bottom)),
        KeyCode::Char(c) if label_index(app, c).is_some() => Some(Action::Answer(label_index(app, c)?)),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let action = match bound? {
        KeyAction::Undo => Action::Undo,
        KeyAction::Skip => Action::Skip,
        KeyAction::Next => Action::Scroll(Scroll::LineDown),
        KeyAction::Prev => Action::Scroll(Scroll::LineUp),
        KeyAction::Top => Action::Scroll(Scroll::Top),
        KeyAction::AgreementPanel => Action::ToggleAgreementPanel,
        KeyAction::Agreement => Action::ShowAgreement,
        KeyAction::Annotators => Action::ShowAnnotators,
        KeyAction::Review => Action::ShowReview,
        // Nothing on the annotation screen is computed on request, and the screen moves
        // through the questions by answering them.
        KeyAction::Refresh | KeyAction::Question => return None,
        KeyAction::Jobs => Action::ShowJobs,
        KeyAction::Help => Action::ShowHelp,
        KeyAction::Instructions => Action::ShowInstructions,
        KeyAction::Quit => Action::Quit,
    };
    Some(action)
}
