//! The help overlay (every key binding of the screen under it) and the task instructions.

use crate::core::keys::{KeyAction, KeyMap};
use crate::core::roles::Permission;
use crate::i18n::Msg;
use crate::i18n::catalogue::polish as pol;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::terminal as term;
use crate::i18n::catalogue::tui as msg;
use crate::tui::app::{App, Overlay};
use crate::tui::screens::annotate::{current_question, label_lines};
use crate::tui::screens::review::review_question;
use crate::tui::screens::{popup_area, wrapped_height};
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// One row of the help: the keys, what they do and the permission they need.
struct Binding {
    keys: String,
    description: Msg,
    needs: Option<Permission>,
}

/// The rows of the help, built from the project's key map so that the help always
/// shows the keys that work. Fixed keys (arrows, PgUp/PgDn, Home/End, Backspace,
/// Ctrl-C) follow the action key they back up. The key that switches questions on the
/// agreement screen is listed only for a task with several questions.
fn bindings(keys: &KeyMap, several_questions: bool) -> Vec<Binding> {
    let k = |action: KeyAction| keys.key(action).to_string();
    let row = |keys: String, description: Msg, needs: Option<Permission>| Binding { keys, description, needs };
    let mut rows = vec![
        row(format!("{}  Backspace", k(KeyAction::Undo)), msg::HELP_UNDO, None),
        row(k(KeyAction::Skip), msg::HELP_SKIP, None),
        row(format!("{} {}  ↓ ↑", k(KeyAction::Next), k(KeyAction::Prev)), msg::HELP_SCROLL_LINE, None),
        row("PgDn PgUp Space".to_string(), msg::HELP_SCROLL_PAGE, None),
        row(format!("{}  Home / End", k(KeyAction::Top)), msg::HELP_SCROLL_ENDS, None),
        row(k(KeyAction::AgreementPanel), msg::HELP_TOGGLE_AGREEMENT, Some(Permission::SeeAgreement)),
        row(k(KeyAction::Agreement), msg::HELP_AGREEMENT_SCREEN, Some(Permission::SeeAgreement)),
        row(k(KeyAction::Annotators), msg::HELP_ANNOTATORS, Some(Permission::Review)),
        row(k(KeyAction::Review), msg::HELP_REVIEW, Some(Permission::Review)),
        row(k(KeyAction::Refresh), term::TERM_HELP_REFRESH, Some(Permission::SeeAgreement)),
        row(k(KeyAction::Jobs), msg::HELP_JOBS, None),
        row(k(KeyAction::Help), msg::HELP_HELP, None),
        row(k(KeyAction::Instructions), msg::HELP_INSTRUCTIONS, None),
        row(format!("{}  Ctrl-C", k(KeyAction::Quit)), msg::HELP_QUIT, None),
    ];
    if several_questions {
        let next = row(k(KeyAction::Question), qmsg::QUESTIONS_HELP_NEXT, Some(Permission::SeeAgreement));
        rows.insert(rows.len() - 4, next);
    }
    rows
}

/// Lists the rows of the review screen's help from the same key map. The label keys
/// are listed above these rows. Every row needs the review permission, which opening the
/// screen already required.
fn review_bindings(keys: &KeyMap, several_questions: bool) -> Vec<Binding> {
    let k = |action: KeyAction| keys.key(action).to_string();
    let row = |keys: String, description: Msg| Binding { keys, description, needs: None };
    let mut rows = vec![
        row(format!("{} {}  ↓ ↑", k(KeyAction::Next), k(KeyAction::Prev)), pol::POL_HELP_REVIEW_SELECT),
        row("PgDn PgUp".to_string(), pol::POL_HELP_REVIEW_PAGE),
        row(k(KeyAction::Refresh), pol::POL_HELP_REVIEW_RELOAD),
        row(k(KeyAction::Help), msg::HELP_HELP),
        row(format!("Esc  {}", k(KeyAction::Quit)), pol::POL_HELP_REVIEW_BACK),
    ];
    if several_questions {
        rows.insert(3, row(k(KeyAction::Question), qmsg::QUESTIONS_HELP_NEXT));
    }
    rows
}

const HELP_WIDTH: u16 = 72;

/// The help's lines and the width they wrap to inside the popup.
fn help_lines(app: &App) -> (Vec<Line<'static>>, u16) {
    let keys = &app.spec().keys;
    let several_questions = app.spec().has_several_questions();
    let over_review = app.help_over == Overlay::Review;
    let (rows, labels_title, question, close) = if over_review {
        (
            review_bindings(keys, several_questions),
            pol::POL_HELP_REVIEW_LABELS,
            review_question(app),
            pol::POL_HELP_REVIEW_CLOSE,
        )
    } else {
        (bindings(keys, several_questions), msg::HELP_LABELS, current_question(app), term::TERM_HELP_CLOSE)
    };
    let shown: Vec<Binding> =
        rows.into_iter().filter(|b| b.needs.is_none_or(|permission| app.permits(permission))).collect();
    let key_width = shown.iter().map(|b| b.keys.width()).max().unwrap_or(0);
    let inner_width = HELP_WIDTH.min(app.area.width.saturating_sub(4)).saturating_sub(4);
    let mut lines = vec![Line::styled(labels_title.text(), theme::title())];
    lines.extend(label_lines(question, inner_width));
    lines.push(Line::default());
    lines.push(Line::styled(msg::HELP_KEYS.text(), theme::title()));
    for binding in &shown {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<key_width$}  ", binding.keys), theme::key()),
            Span::from(binding.description.text()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(crate::tui::with_keys(close, keys), theme::muted()));
    (lines, inner_width)
}

/// How far the help can scroll down in the current terminal: the rows that do not fit.
pub fn max_scroll(app: &App) -> u16 {
    let (lines, inner_width) = help_lines(app);
    let wanted = wrapped_height(&lines, inner_width);
    let fits = app.area.height.saturating_sub(2).saturating_sub(2);
    wanted.saturating_sub(fits)
}

pub fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let (lines, inner_width) = help_lines(app);
    let popup = popup_area(area, HELP_WIDTH, wrapped_height(&lines, inner_width) + 2);
    let offset = app.help_scroll.min(max_scroll(app));
    let mut block = Block::bordered()
        .title(Line::styled(format!(" {} ", msg::HELP_TITLE.text()), theme::title()))
        .padding(Padding::horizontal(1));
    if max_scroll(app) > 0 {
        // Cut help says so, and where it is, on its bottom border.
        let more = term::TERM_HELP_MORE.fmt(&[("shown", &(offset + 1)), ("total", &(max_scroll(app) + 1))]);
        block = block.title_bottom(Line::styled(format!(" {more} "), theme::muted()).right_aligned());
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((offset, 0)).block(block), popup);
}

pub fn render_instructions(app: &App, frame: &mut Frame, area: Rect) {
    let instructions = app.spec().instructions.current().trim_end();
    let mut lines: Vec<Line> =
        instructions.lines().map(|l| Line::from(crate::core::sanitize::sanitize_plain(l))).collect();
    if lines.is_empty() {
        lines.push(Line::from(msg::NO_INSTRUCTIONS.text()).italic());
    }
    lines.push(Line::default());
    lines.push(Line::styled(msg::PRESS_ANY_KEY.text(), theme::key()));

    let task = crate::tui::fit(&app.spec().name, 40);
    let block = Block::bordered()
        .title(format!(" {} · {task} ", msg::INSTRUCTIONS_TITLE.text()))
        .padding(Padding::new(2, 2, 1, 1));
    const WIDTH: u16 = 76;
    let inner_width = WIDTH.min(area.width.saturating_sub(4)).saturating_sub(6);
    let popup = popup_area(area, WIDTH, wrapped_height(&lines, inner_width) + 4);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}
