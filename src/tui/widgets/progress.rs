//! The progress line: this annotator's count and the answers the project still needs.

use crate::i18n::catalogue::tui as msg;
use crate::store::Progress;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};

/// Writes `1234567` as `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds the progress line for a row of `width` columns. A line that does not fit ends
/// in `…`, so a narrow terminal shows that the text goes on.
pub fn progress_line(progress: Option<&Progress>, width: usize) -> Line<'static> {
    let Some(p) = progress else { return Line::default() };
    let done = msg::PROGRESS_DONE.fmt(&[("n", &group_thousands(p.done_by_annotator))]);
    let needed =
        msg::PROGRESS_NEEDED.fmt(&[("n", &group_thousands(p.answers_needed)), ("items", &group_thousands(p.n_items))]);
    let line = Line::from(vec![Span::from(done).bold(), Span::from(" · ").dim(), Span::from(needed)]);
    if line.width() <= width {
        return line;
    }

    // Cut the whole line once, then keep the bold count where it survives the cut.
    let plain: String = line.spans.iter().map(|span| span.content.as_ref()).collect();
    let cut = crate::tui::fit(&plain, width);
    let done_len = line.spans[0].content.len();
    match cut.get(..done_len) {
        Some(head) if head == line.spans[0].content => {
            Line::from(vec![Span::from(head.to_string()).bold(), Span::from(cut[done_len..].to_string())])
        }
        _ => Line::from(cut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress() -> Progress {
        Progress { done_by_annotator: 3, answers_needed: 1_204, n_items: 600 }
    }

    fn text(line: &Line) -> String {
        line.spans.iter().map(|span| span.content.as_ref()).collect()
    }

    #[test]
    fn narrow_progress_line_ends_in_ellipsis() {
        let line = progress_line(Some(&progress()), 30);
        let shown = text(&line);
        assert!(shown.ends_with('…'), "{shown}");
        assert!(line.width() <= 30, "{shown}");
        assert!(line.spans[0].style.add_modifier.contains(ratatui::style::Modifier::BOLD), "{line:?}");
    }

    #[test]
    fn wide_progress_line_is_whole() {
        let line = progress_line(Some(&progress()), 200);
        assert!(!text(&line).contains('…'), "{line:?}");
        assert_eq!(line.spans.len(), 3);
    }

    #[test]
    fn thousands_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }
}
