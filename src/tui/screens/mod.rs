//! The screens: the annotation screen and the overlays drawn on top of it.

pub mod agreement;
pub mod annotate;
pub mod annotators;
pub mod help;
pub mod jobs;
pub mod review;

use crate::tui::app::{App, NoticeKind};
use crate::tui::theme;
use crate::tui::widgets::wrap::wrap_mixed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// A table column as wide as its header, and at least `at_least` columns.
pub fn column_width(header: &str, at_least: u16) -> ratatui::layout::Constraint {
    let header = u16::try_from(crate::core::sanitize::display_width(header)).unwrap_or(u16::MAX);
    ratatui::layout::Constraint::Length(header.max(at_least))
}

fn notice_style(kind: NoticeKind) -> Style {
    match kind {
        NoticeKind::Info => theme::good(),
        NoticeKind::Warning => theme::warning(),
        NoticeKind::Error => theme::error(),
    }
}

/// Draws the current notice in its colour, or `hints` dimmed when there is none.
pub fn render_status_line(app: &App, frame: &mut Frame, area: Rect, hints: &str) {
    let width = usize::from(area.width);
    let line = match &app.notice {
        Some(notice) => Line::styled(crate::tui::fit(&notice.text, width), notice_style(notice.kind)),
        None => Line::styled(crate::tui::fit(hints, width), theme::muted()),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Draws a footer of several rows: the current notice wrapped over them in its colour,
/// or else `hint_rows` (from [`crate::tui::widgets::key_hints::pack`]) dimmed, one per row.
pub fn render_footer(app: &App, frame: &mut Frame, area: Rect, hint_rows: &[String]) {
    let width = usize::from(area.width);
    let lines: Vec<Line> = match &app.notice {
        Some(notice) => {
            let text = crate::core::sanitize::sanitize_plain(&notice.text);
            wrap_mixed(&text, area.width, notice_style(notice.kind))
        }
        None => hint_rows.iter().map(|row| Line::styled(crate::tui::fit(row, width), theme::muted())).collect(),
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// Returns a rectangle of at most `max_width` x `max_height`, centred in `area` with a margin.
pub fn popup_area(area: Rect, max_width: u16, max_height: u16) -> Rect {
    let width = max_width.min(area.width.saturating_sub(4)).max(1);
    let height = max_height.min(area.height.saturating_sub(2)).max(1);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Rows that `lines` take when wrapped to `width` columns; an estimate that matches
/// ratatui's word wrapping except where a word is longer than the width.
pub fn wrapped_height(lines: &[ratatui::text::Line<'_>], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|line| line.width().div_ceil(width).max(1)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}
