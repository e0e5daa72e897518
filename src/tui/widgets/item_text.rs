//! The text fields of an item, sanitised once and wrapped lazily.
//!
//! A field can be megabytes long, so the text is never wrapped as a whole. It is kept
//! as logical lines (split at newlines, and long lines cut into chunks of at most
//! [`MAX_CHUNK_BYTES`]), and only the lines that reach the visible window are wrapped.
//! A scroll or a redraw therefore costs at most a screenful of chunks, whatever the size
//! of the item.

use crate::core::redact::Redactor;
use crate::core::sanitize::{self, Segment};
use crate::core::task::FieldMap;
use crate::i18n::catalogue::tui as msg;
use crate::tui::action::Scroll;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The maximum length of a logical line kept in one piece; longer lines are cut at a grapheme
/// boundary (after a space when one is near), so wrapping one costs a bounded amount.
const MAX_CHUNK_BYTES: usize = 4096;

/// Columns a tab advances to the next multiple of.
const TAB_WIDTH: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// The name of a field, drawn above its value when several fields are shown.
    Heading,
    Body,
    /// A note such as "(empty)" in place of a value.
    Note,
    /// A metadata column, drawn dim under the shown fields.
    Metadata,
}

/// One logical line: sanitised text plus the byte ranges that stand in for control
/// characters, drawn dim so that they read as markers rather than content.
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    controls: Vec<Range<usize>>,
    kind: LineKind,
}

/// The top of the visible window: a logical line and a wrapped row inside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub row: usize,
}

/// The shown fields of one item, ready to wrap.
#[derive(Debug, Clone, Default)]
pub struct ItemText {
    lines: Vec<TextLine>,
}

impl ItemText {
    /// Builds what a person sees of an item: the redacted shown columns, then the metadata
    /// columns as dim `name: value` lines. Redaction runs before sanitising, so a rule
    /// matches the text as imported.
    pub fn for_item(fields: &[(String, String)], map: &FieldMap, redactor: &Redactor) -> ItemText {
        let fields = redactor.redact_fields(fields, &map.non_text_columns());
        let mut text = ItemText::from_fields(&fields, &map.show);
        if !map.metadata.is_empty() {
            text.lines.push(TextLine { text: String::new(), controls: Vec::new(), kind: LineKind::Body });
        }
        for column in &map.metadata {
            let value = fields.iter().find(|(name, _)| name == column).map_or("", |(_, v)| v.as_str());
            // One line per column: metadata is context, so line breaks in it are flattened.
            let flat: String = value.split(['\n', '\r']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ");
            for chunk in split_chunks(&format!("{column}: {flat}")) {
                push_sanitised(&mut text.lines, &expand_tabs(chunk), LineKind::Metadata);
            }
        }
        text
    }

    /// Builds the text of the `shown` columns, in that order, from an item's fields.
    pub fn from_fields(fields: &[(String, String)], shown: &[String]) -> ItemText {
        let with_headings = shown.len() > 1;
        let mut lines = Vec::new();
        for (index, column) in shown.iter().enumerate() {
            if index > 0 {
                lines.push(TextLine { text: String::new(), controls: Vec::new(), kind: LineKind::Body });
            }
            if with_headings {
                push_sanitised(&mut lines, column, LineKind::Heading);
            }
            match fields.iter().find(|(name, _)| name == column) {
                None => push_note(&mut lines, msg::FIELD_MISSING.text()),
                Some((_, value)) if value.trim().is_empty() => push_note(&mut lines, msg::FIELD_EMPTY.text()),
                Some((_, value)) => {
                    for raw_line in value.split('\n') {
                        let raw_line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
                        for chunk in split_chunks(raw_line) {
                            push_sanitised(&mut lines, &expand_tabs(chunk), LineKind::Body);
                        }
                    }
                }
            }
        }
        ItemText { lines }
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Wraps and styles up to `count` rows starting at `pos`.
    pub fn rows(&self, pos: TextPosition, width: usize, count: usize) -> Vec<Line<'static>> {
        let mut out = Vec::with_capacity(count);
        let mut skip = pos.row;
        for line in self.lines.iter().skip(pos.line) {
            for row in wrap_line(line, width).into_iter().skip(skip) {
                if out.len() == count {
                    return out;
                }
                out.push(row);
            }
            skip = 0;
        }
        out
    }

    /// Returns whether the window of `height` rows at `pos` reaches the end of the text.
    pub fn reaches_end(&self, pos: TextPosition, width: usize, height: usize) -> bool {
        self.count_rows(pos, width, height + 1) <= height
    }

    /// Returns the share of logical lines above `pos`, as a percentage for the scroll indicator.
    pub fn percent_above(&self, pos: TextPosition) -> u16 {
        if self.lines.is_empty() {
            return 100;
        }
        (pos.line.min(self.lines.len()) * 100 / self.lines.len()) as u16
    }

    /// Returns the position after `step` in a window of `width` x `height`. It stops
    /// where the last row reaches the bottom of the window.
    pub fn scroll(&self, pos: TextPosition, step: Scroll, width: usize, height: usize) -> TextPosition {
        let page = height.saturating_sub(1).max(1);
        match step {
            Scroll::LineDown => self.down(pos, 1, width, height),
            Scroll::PageDown => self.down(pos, page, width, height),
            Scroll::LineUp => self.up(pos, 1, width),
            Scroll::PageUp => self.up(pos, page, width),
            Scroll::Top => TextPosition::default(),
            Scroll::Bottom => {
                let end = TextPosition { line: self.lines.len(), row: 0 };
                self.up(end, height, width)
            }
        }
    }

    fn down(&self, pos: TextPosition, n: usize, width: usize, height: usize) -> TextPosition {
        let available = self.count_rows(pos, width, height + n);
        let steps = n.min(available.saturating_sub(height));
        let mut pos = pos;
        let mut remaining = steps;
        while remaining > 0 && pos.line < self.lines.len() {
            let rows_here = wrap_line(&self.lines[pos.line], width).len();
            let left_here = rows_here.saturating_sub(pos.row);
            if remaining < left_here {
                pos.row += remaining;
                remaining = 0;
            } else {
                remaining -= left_here;
                pos = TextPosition { line: pos.line + 1, row: 0 };
            }
        }
        pos
    }

    fn up(&self, pos: TextPosition, n: usize, width: usize) -> TextPosition {
        let mut pos = pos;
        let mut remaining = n;
        while remaining > 0 {
            if pos.row >= remaining {
                pos.row -= remaining;
                break;
            }
            remaining -= pos.row;
            if pos.line == 0 {
                return TextPosition::default();
            }
            let previous = pos.line - 1;
            pos = TextPosition { line: previous, row: wrap_line(&self.lines[previous], width).len() };
        }
        pos
    }

    /// Counts wrapped rows from `pos`, stopping at `limit`.
    fn count_rows(&self, pos: TextPosition, width: usize, limit: usize) -> usize {
        let mut total = 0;
        let mut skip = pos.row;
        for line in self.lines.iter().skip(pos.line) {
            total += wrap_line(line, width).len().saturating_sub(skip);
            skip = 0;
            if total >= limit {
                return limit;
            }
        }
        total
    }
}

fn push_note(lines: &mut Vec<TextLine>, text: &str) {
    lines.push(TextLine { text: text.to_string(), controls: Vec::new(), kind: LineKind::Note });
}

/// Sanitises `raw` into one logical line, remembering where the control stand-ins are.
fn push_sanitised(lines: &mut Vec<TextLine>, raw: &str, kind: LineKind) {
    let mut text = String::with_capacity(raw.len());
    let mut controls = Vec::new();
    for segment in sanitize::sanitize(raw) {
        match segment {
            Segment::Text(part) => text.push_str(&part),
            Segment::Control(stand_in) => {
                let start = text.len();
                text.push_str(&stand_in);
                controls.push(start..text.len());
            }
        }
    }
    lines.push(TextLine { text, controls, kind });
}

/// Replaces tabs with spaces up to the next tab stop, counting columns by display width.
fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for grapheme in text.graphemes(true) {
        if grapheme == "\t" {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push_str(grapheme);
            column += sanitize::display_width(grapheme);
        }
    }
    out
}

/// Cuts a long line into chunks of at most [`MAX_CHUNK_BYTES`] at grapheme boundaries.
fn split_chunks(line: &str) -> Vec<&str> {
    if line.len() <= MAX_CHUNK_BYTES {
        return vec![line];
    }
    let mut chunks = Vec::with_capacity(line.len() / MAX_CHUNK_BYTES + 1);
    let mut rest = line;
    while rest.len() > MAX_CHUNK_BYTES {
        let mut cut = 0;
        let mut last_space = None;
        for (offset, grapheme) in rest.grapheme_indices(true) {
            let end = offset + grapheme.len();
            if end > MAX_CHUNK_BYTES {
                break;
            }
            cut = end;
            if grapheme.chars().all(char::is_whitespace) {
                last_space = Some(end);
            }
        }
        // Prefer a space in the last eighth of the chunk, so words are rarely split.
        if let Some(space) = last_space.filter(|&s| s > MAX_CHUNK_BYTES - MAX_CHUNK_BYTES / 8) {
            cut = space;
        }
        if cut == 0 {
            // One grapheme longer than a chunk (a huge run of combining marks).
            cut = rest.graphemes(true).next().map_or(rest.len(), str::len);
        }
        let (head, tail) = rest.split_at(cut);
        chunks.push(head);
        rest = tail;
    }
    chunks.push(rest);
    chunks
}

/// Wraps one logical line to `width` columns and styles each row.
fn wrap_line(line: &TextLine, width: usize) -> Vec<Line<'static>> {
    let base = match line.kind {
        LineKind::Heading => crate::tui::theme::text_heading(),
        LineKind::Note => Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
        LineKind::Body => Style::new(),
        LineKind::Metadata => Style::new().add_modifier(Modifier::DIM),
    };
    if line.text.is_empty() {
        return vec![Line::default()];
    }
    let rows = sanitize::wrap(&line.text, width.max(1));
    let mut cursor = 0;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        match line.text[cursor..].find(row.as_str()) {
            Some(found) if !line.controls.is_empty() => {
                let start = cursor + found;
                cursor = start + row.len();
                out.push(style_row(&row, start, &line.controls, base));
            }
            Some(found) => {
                cursor += found + row.len();
                out.push(Line::from(Span::styled(row, base)));
            }
            None => out.push(Line::from(Span::styled(row, base))),
        }
    }
    out
}

/// Splits a row that starts at byte `start` of its line into normal and dim spans.
fn style_row(row: &str, start: usize, controls: &[Range<usize>], base: Style) -> Line<'static> {
    let end = start + row.len();
    let mut spans = Vec::new();
    let mut at = start;
    for control in controls.iter().filter(|c| c.end > start && c.start < end) {
        let from = control.start.max(start);
        let to = control.end.min(end);
        if from > at {
            spans.push(Span::styled(row[at - start..from - start].to_string(), base));
        }
        spans.push(Span::styled(row[from - start..to - start].to_string(), base.patch(crate::tui::theme::muted())));
        at = to;
    }
    if at < end {
        spans.push(Span::styled(row[at - start..].to_string(), base));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    fn single(value: &str) -> ItemText {
        ItemText::from_fields(&[("text".into(), value.into())], &["text".into()])
    }

    #[test]
    fn escape_sequences_become_dim_stand_ins() {
        let text = single("\u{1b}[2Jred\u{7}");
        let rows = text.rows(TextPosition::default(), 40, 5);
        let joined = text_of(&rows).join("");
        assert!(!joined.contains('\u{1b}'), "{joined:?}");
        assert!(joined.contains("red"));
        let dim = rows[0].spans.iter().filter(|s| s.style.add_modifier.contains(Modifier::DIM)).count();
        assert!(dim >= 1, "control stand-ins are drawn dim");
    }

    #[test]
    fn scrolling_stops_at_last_page() {
        let value: Vec<String> = (0..30).map(|i| format!("line {i}")).collect();
        let text = single(&value.join("\n"));
        let bottom = text.scroll(TextPosition::default(), Scroll::Bottom, 20, 10);
        assert_eq!(bottom, TextPosition { line: 20, row: 0 });
        let further = text.scroll(bottom, Scroll::PageDown, 20, 10);
        assert_eq!(further, bottom);
        assert!(text.reaches_end(bottom, 20, 10));
        let up = text.scroll(bottom, Scroll::LineUp, 20, 10);
        assert_eq!(up, TextPosition { line: 19, row: 0 });
    }

    #[test]
    fn scrolling_moves_through_wrapped_rows() {
        let text = single(&"word ".repeat(40));
        let down = text.scroll(TextPosition::default(), Scroll::LineDown, 10, 3);
        assert_eq!(down, TextPosition { line: 0, row: 1 });
        let up = text.scroll(down, Scroll::LineUp, 10, 3);
        assert_eq!(up, TextPosition::default());
    }

    #[test]
    fn megabyte_line_is_chunked() {
        let text = single(&"abcdefgh ".repeat(120_000));
        assert!(text.lines.len() > 200, "long line was cut into chunks");
        assert!(text.lines.iter().all(|l| l.text.len() <= MAX_CHUNK_BYTES));
        let mut pos = TextPosition::default();
        for _ in 0..50 {
            pos = text.scroll(pos, Scroll::PageDown, 80, 20);
            let rows = text.rows(pos, 80, 20);
            assert_eq!(rows.len(), 20);
        }
        let bottom = text.scroll(pos, Scroll::Bottom, 80, 20);
        assert!(text.reaches_end(bottom, 80, 20));
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(expand_tabs("a\tb"), "a   b");
        assert_eq!(expand_tabs("\t(1)"), "    (1)");
    }

    #[test]
    fn several_fields_get_headings() {
        let fields = vec![("title".to_string(), "T".to_string()), ("text".to_string(), "body".to_string())];
        let text = ItemText::from_fields(&fields, &["title".into(), "text".into(), "gone".into()]);
        let rows = text_of(&text.rows(TextPosition::default(), 30, 20));
        assert_eq!(rows[0], "title");
        assert_eq!(rows[1], "T");
        assert_eq!(rows[3], "text");
        assert_eq!(rows[4], "body");
        assert_eq!(rows[6], "gone");
        assert_eq!(rows[7], msg::FIELD_MISSING.text());
    }
}
