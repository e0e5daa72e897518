//! Key hints of a screen's footer, packed onto as few rows as the width allows.

use crate::core::sanitize::display_width;

/// Text between two hints on one row.
const SEPARATOR: &str = " · ";

/// One hint, such as "r reload".
pub struct KeyHint {
    pub text: String,
    /// Whether the footer keeps the hint when the rows run out. Hints that are not
    /// essential name keys that the help overlay lists too.
    pub essential: bool,
}

/// Packs `hints` in order onto rows of at most `width` columns, starting a new row
/// where the next hint would not fit. When that takes more than `max_rows` rows, the
/// hints that are not essential are left out. When the essential ones still need more,
/// the rows after `max_rows` are dropped and the last row kept ends with "…".
pub fn pack(hints: &[KeyHint], width: usize, max_rows: usize) -> Vec<String> {
    let all: Vec<&str> = hints.iter().map(|hint| hint.text.as_str()).collect();
    let rows = pack_texts(&all, width);
    if rows.len() <= max_rows {
        return rows;
    }
    let essential: Vec<&str> = hints.iter().filter(|hint| hint.essential).map(|hint| hint.text.as_str()).collect();
    let mut rows = pack_texts(&essential, width);
    if rows.len() > max_rows {
        rows.truncate(max_rows.max(1));
        if let Some(last) = rows.last_mut() {
            *last = crate::core::sanitize::truncate(&format!("{last}{SEPARATOR}…"), width);
        }
    }
    rows
}

/// Greedy packing: each row takes hints until the next one would pass `width`. A hint
/// wider than a whole row gets a row of its own, which the caller cuts to fit.
fn pack_texts(texts: &[&str], width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for text in texts {
        match rows.last_mut() {
            Some(row) if display_width(row) + display_width(SEPARATOR) + display_width(text) <= width => {
                row.push_str(SEPARATOR);
                row.push_str(text);
            }
            _ => rows.push((*text).to_string()),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(texts: &[(&str, bool)]) -> Vec<KeyHint> {
        texts.iter().map(|(text, essential)| KeyHint { text: text.to_string(), essential: *essential }).collect()
    }

    #[test]
    fn hints_share_a_row_while_they_fit() {
        let packed = pack(&hints(&[("a one", true), ("b two", false), ("c three", true)]), 20, 2);
        assert_eq!(packed, ["a one · b two", "c three"]);
    }

    #[test]
    fn optional_hints_dropped_when_rows_run_out() {
        let packed = pack(&hints(&[("a one", true), ("b two", false), ("c three", true)]), 8, 2);
        assert_eq!(packed, ["a one", "c three"]);
    }

    #[test]
    fn rows_past_the_limit_cut_with_ellipsis() {
        let packed = pack(&hints(&[("a one", true), ("b two", true), ("c three", true)]), 12, 1);
        assert_eq!(packed.len(), 1);
        assert!(packed[0].ends_with('…'), "{packed:?}");
        assert!(display_width(&packed[0]) <= 12, "{packed:?}");
    }

    #[test]
    fn chinese_hints_counted_by_columns() {
        let packed = pack(&hints(&[("r 刷新", true), ("? 帮助", true)]), 12, 2);
        assert_eq!(packed, ["r 刷新", "? 帮助"]);
    }
}
