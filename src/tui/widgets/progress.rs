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

pub fn progress_line(progress: Option<&Progress>) -> Line<'static> {
    let Some(p) = progress else { return Line::default() };
    Line::from(vec![
        Span::from(msg::PROGRESS_DONE.fmt(&[("n", &group_thousands(p.done_by_annotator))])).bold(),
        Span::from(" · ").dim(),
        Span::from(
            msg::PROGRESS_NEEDED
                .fmt(&[("n", &group_thousands(p.answers_needed)), ("items", &group_thousands(p.n_items))]),
        ),
    ])
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
