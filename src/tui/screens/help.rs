//! The help overlay (every key binding) and the task instructions.

use crate::core::roles::Permission;
use crate::i18n::Msg;
use crate::i18n::catalogue::tui as msg;
use crate::tui::app::App;
use crate::tui::screens::annotate::label_lines;
use crate::tui::screens::{popup_area, wrapped_height};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The keys of the annotation screen, as shown in the help overlay, with the permission
/// a key needs; keys the person may not use are left out.
const BINDINGS: &[(&str, Msg, Option<Permission>)] = &[
    ("u  Backspace", msg::HELP_UNDO, None),
    ("s", msg::HELP_SKIP, None),
    ("j k  ↓ ↑", msg::HELP_SCROLL_LINE, None),
    ("PgDn PgUp Space", msg::HELP_SCROLL_PAGE, None),
    ("g  Home / End", msg::HELP_SCROLL_ENDS, None),
    ("a", msg::HELP_TOGGLE_AGREEMENT, Some(Permission::SeeAgreement)),
    ("G", msg::HELP_AGREEMENT_SCREEN, Some(Permission::SeeAgreement)),
    ("A", msg::HELP_ANNOTATORS, Some(Permission::Review)),
    ("R", msg::HELP_REVIEW, Some(Permission::Review)),
    ("t", msg::HELP_JOBS, None),
    ("?", msg::HELP_HELP, None),
    ("i", msg::HELP_INSTRUCTIONS, None),
    ("q  Ctrl-C", msg::HELP_QUIT, None),
];

pub fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let bindings: Vec<(&str, Msg)> = BINDINGS
        .iter()
        .filter(|(_, _, needs)| needs.is_none_or(|permission| app.permits(permission)))
        .map(|(key, description, _)| (*key, *description))
        .collect();
    let key_width = bindings.iter().map(|(key, _)| key.width()).max().unwrap_or(0);
    const WIDTH: u16 = 72;
    let mut lines = vec![Line::from(msg::HELP_LABELS.text()).bold()];
    let inner_width = WIDTH.min(area.width.saturating_sub(4)).saturating_sub(4);
    lines.extend(label_lines(app.spec(), inner_width));
    lines.push(Line::default());
    lines.push(Line::from(msg::HELP_KEYS.text()).bold());
    for (key, description) in &bindings {
        lines.push(Line::from(vec![
            Span::from(format!("{key:<key_width$}  ")).yellow(),
            Span::from(description.text()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(msg::HELP_CLOSE.text()).dim());

    let popup = popup_area(area, WIDTH, wrapped_height(&lines, inner_width) + 2);
    let block = Block::bordered().title(format!(" {} ", msg::HELP_TITLE.text())).padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}

pub fn render_instructions(app: &App, frame: &mut Frame, area: Rect) {
    let instructions = app.spec().instructions.current().trim_end();
    let mut lines: Vec<Line> =
        instructions.lines().map(|l| Line::from(crate::core::sanitize::sanitize_plain(l))).collect();
    if lines.is_empty() {
        lines.push(Line::from(msg::NO_INSTRUCTIONS.text()).italic());
    }
    lines.push(Line::default());
    lines.push(Line::from(msg::PRESS_ANY_KEY.text()).bold().yellow());

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
