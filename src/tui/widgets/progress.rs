//! The progress row: this annotator's count and the answers the project still needs.

use crate::store::Progress;
use crate::tui::app::LiveView;
use crate::tui::widgets::agreement_panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::catalogue::tui as msg;

/// Writes `1234567` as `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn progress_line(progress: Option<&Progress>) -> Line<'static> {
    let Some(p) = progress else { return Line::default() };
    Line::from(vec![
        Span::from(msg::PROGRESS_DONE.fmt(&[("n", &group_thousands(p.done_by_annotator))])).bold(),
        Span::from(" · ").dim(),
        Span::from(msg::PROGRESS_NEEDED.fmt(&[
            ("n", &group_thousands(p.answers_needed)),
            ("items", &group_thousands(p.n_items)),
        ])),
    ])
}

/// Draws progress on the left and, when `agreement` is given, the compact agreement
/// figures on the right.
pub fn render_progress_line(frame: &mut Frame, area: Rect, progress: Option<&Progress>, agreement: Option<&LiveView>) {
    let Some(live) = agreement else {
        frame.render_widget(Paragraph::new(progress_line(progress)), area);
        return;
    };
    let right = agreement_panel::compact_line(live, usize::from(area.width / 2));
    let right_width = right.width() as u16;
    let [left_area, right_area] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(progress_line(progress)), left_area);
    frame.render_widget(Paragraph::new(right).right_aligned(), right_area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }
}
