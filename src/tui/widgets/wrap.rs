//! Wrapping prose that mixes Chinese and Latin text.
//!
//! ratatui's word wrap breaks only at spaces, so a Chinese sentence with one embedded
//! figure ("1.5 s。共识…") is one long "word" that jumps to the next row and leaves a
//! ragged gap. Here a row may break between any two CJK characters or at a space, a
//! Latin word stays whole, and closing punctuation stays with the character before it.

use crate::core::sanitize::display_width;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

/// Whether a row may break before and after this grapheme.
fn is_cjk(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(|c| {
        matches!(c as u32, 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
    })
}

/// Punctuation that must not start a row.
fn is_closing(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "。" | "，" | "、" | "；" | "：" | "？" | "！" | "）" | "」" | "』" | "”" | "." | "," | ";" | ":" | ")"
    )
}

/// Splits `text` into pieces that may not be broken: Latin words, single CJK
/// characters (with any closing punctuation after them), and single spaces.
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for grapheme in text.graphemes(true) {
        let joins_previous = is_closing(grapheme) && (!word.is_empty() || out.last().is_some_and(|p| p != " "));
        if joins_previous {
            if word.is_empty() {
                out.last_mut().expect("checked above").push_str(grapheme);
            } else {
                word.push_str(grapheme);
            }
        } else if grapheme == " " || is_cjk(grapheme) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(grapheme.to_string());
        } else {
            word.push_str(grapheme);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Wraps `text` to rows of at most `width` columns, each in `style`. A piece wider
/// than a whole row gets a row of its own and is cut by the widget drawing it.
pub fn wrap_mixed(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut rows: Vec<String> = vec![String::new()];
    let mut used = 0;
    for piece in pieces(text) {
        let piece_width = display_width(&piece);
        if used + piece_width > width && used > 0 {
            rows.push(String::new());
            used = 0;
        }
        if used == 0 && piece == " " {
            continue;
        }
        rows.last_mut().expect("never empty").push_str(&piece);
        used += piece_width;
    }
    rows.into_iter().map(|row| Line::styled(row.trim_end().to_string(), style)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: u16) -> Vec<String> {
        wrap_mixed(text, width, Style::new()).iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn chinese_fills_rows_and_keeps_punctuation() {
        let wrapped = rows("团队每条中位用时：1.5 s。共识指其他标注者的多数答案。", 20);
        assert_eq!(wrapped, ["团队每条中位用时：", "1.5 s。共识指其他标", "注者的多数答案。"]);
        for row in &wrapped {
            assert!(display_width(row) <= 20, "{row}");
        }
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(rows("the quick brown fox", 10), ["the quick", "brown fox"]);
    }
}
