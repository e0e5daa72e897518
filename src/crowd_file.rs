//! Long-format crowd label files: one row per annotation, `item,worker,label`.
//!
//! This is the format research releases use, so researchers can run `quorum agree` and
//! `quorum aggregate` on a file without creating a project. The header may also say
//! `task` for the item and `annotator` or `rater` for the worker. Tab-separated files
//! (by `.tsv` extension or a tab in the header) are read the same way.
//!
//! The file is read into memory once. When it has no quote character, the fast reader in
//! [`unquoted`] splits it. Otherwise, or when that reader finds anything unusual, the csv
//! crate reads it. So quoting rules and error messages are the csv path's in every case.

mod unquoted;

use crate::core::agreement::{Ratings, RatingsBuilder};
use crate::i18n::catalogue::files as msg;
use crate::i18n::catalogue::stats as stats_msg;
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::fs::File;
use std::hash::BuildHasher;
use std::io::Read;
use std::path::Path;

const ITEM_NAMES: &[&str] = &["item", "task", "unit", "item_id", "task_id"];
const WORKER_NAMES: &[&str] = &["worker", "annotator", "rater", "coder", "worker_id", "annotator_id"];
const LABEL_NAMES: &[&str] = &["label", "answer", "value", "response"];

/// Reads a label file into [`Ratings`]. `declared` fixes the label order when given.
pub fn read_ratings(path: &Path, declared: Option<&[String]>) -> Result<Ratings> {
    let columns = [ITEM_NAMES, WORKER_NAMES, LABEL_NAMES];
    let buffer = read_whole(path)?;
    if let Some(ratings) = unquoted::ratings(&buffer, is_tsv(path), &columns, declared) {
        return Ok(ratings);
    }
    drop(buffer);
    read_ratings_csv(path, &columns, declared)
}

/// Returns a note for the user when rows of the file at `path` repeated an (item, worker)
/// pair, since only the last row of each pair counts and a file with accidental
/// duplicates would otherwise lose answers silently.
pub fn replaced_note(path: &Path, ratings: &Ratings) -> Option<String> {
    let n = ratings.n_replaced();
    (n > 0).then(|| stats_msg::STAT_REPLACED_ROWS.fmt(&[("path", &path.display()), ("n", &n)]))
}

/// [`read_ratings`] through the csv crate, which reads every file the fast reader gives up on.
fn read_ratings_csv(path: &Path, columns: &[&[&str]], declared: Option<&[String]>) -> Result<Ratings> {
    let mut builder = Ratings::builder();
    if let Some(labels) = declared {
        builder.declare_labels(labels);
    }
    read_rows(path, columns, |row| {
        add_row(&mut builder, row);
        Ok(())
    })?;
    Ok(builder.build())
}

fn add_row(builder: &mut RatingsBuilder, row: &[&str]) {
    builder.add(row[0], row[1], row[2]);
}

/// Reads a gold file with columns `item,label` into a map from item to label, with
/// any hasher: the CLI uses FxHash, which is several times faster on short ids.
pub fn read_gold<S: BuildHasher + Default>(path: &Path) -> Result<HashMap<String, String, S>> {
    let mut gold = HashMap::default();
    visit_gold(path, |item, label| {
        gold.insert(item.to_string(), label.to_string());
    })?;
    Ok(gold)
}

/// Calls `visit` with the item and label of every row of a gold file, in file order.
///
/// The rows of a file may be visited twice: once by the fast reader, which stops at
/// anything unusual, and then all of them by the csv reader. A visitor where later rows
/// replace earlier ones, as a map does, ends in the same state either way.
pub fn visit_gold(path: &Path, mut visit: impl FnMut(&str, &str)) -> Result<()> {
    let columns = [ITEM_NAMES, LABEL_NAMES];
    let buffer = read_whole(path)?;
    if unquoted::rows(&buffer, is_tsv(path), &columns, |row| visit(row[0], row[1])).is_some() {
        return Ok(());
    }
    drop(buffer);

    read_rows(path, &columns, |row| {
        visit(row[0], row[1]);
        Ok(())
    })
}

/// Most columns [`read_rows`] can pass on.
const MAX_COLUMNS: usize = 3;

/// Streams the rows of `path`, passing the columns named by `wanted` (one list of
/// accepted header names per column) in that order.
fn read_rows(path: &Path, wanted: &[&[&str]], mut visit: impl FnMut(&[&str]) -> Result<()>) -> Result<()> {
    debug_assert!(wanted.len() <= MAX_COLUMNS);
    let file = File::open(path).with_context(|| msg::FILE_CANNOT_OPEN.fmt(&[("path", &path.display())]))?;
    let delimiter = if is_tsv(path) { b'\t' } else { sniff(path)? };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(file);

    let headers = reader.headers().with_context(|| msg::LABELS_NO_HEADER.fmt(&[("path", &path.display())]))?.clone();
    if headers.is_empty() {
        bail!(stats_msg::STATS_FILE_EMPTY.fmt(&[("path", &path.display())]));
    }
    let mut positions = Vec::with_capacity(wanted.len());
    for names in wanted {
        let found = headers
            .iter()
            .position(|h| names.contains(&h.trim().trim_start_matches('\u{feff}').to_lowercase().as_str()));
        match found {
            Some(index) => positions.push(index),
            // A header read as one column holding semicolons is a file from a locale
            // that separates values with `;`, which this reader does not take.
            None if headers.len() == 1 && headers[0].contains(';') => {
                bail!(stats_msg::STATS_FILE_SEMICOLONS.fmt(&[("path", &path.display())]))
            }
            None => bail!(msg::LABELS_MISSING_COLUMN.fmt(&[
                ("path", &path.display()),
                ("column", &names[0]),
                ("found", &headers.iter().collect::<Vec<_>>().join(", ")),
            ])),
        }
    }

    // A byte record reused for every row, with only the wanted fields checked as UTF-8:
    // decoding whole rows into fresh strings dominated reading large files.
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|error| read_error(path, error))?;
        if !more {
            break;
        }
        let line = || record.position().map(|p| p.line()).unwrap_or(0);
        let mut values: [&str; MAX_COLUMNS] = [""; MAX_COLUMNS];
        for (slot, &index) in values.iter_mut().zip(&positions) {
            let bytes = record.get(index).unwrap_or_default();
            let Ok(value) = std::str::from_utf8(bytes) else {
                bail!(stats_msg::STATS_FILE_NOT_UTF8.fmt(&[
                    ("path", &path.display()),
                    ("line", &line()),
                    ("column", &(index + 1))
                ]));
            };
            let value = value.trim();
            if value.is_empty() {
                bail!(msg::LABELS_EMPTY_VALUE.fmt(&[
                    ("path", &path.display()),
                    ("line", &line()),
                    ("column", &(index + 1))
                ]));
            }
            *slot = value;
        }
        visit(&values[..positions.len()])?;
    }
    Ok(())
}

/// Turns a csv reading error into one that names the file and line and gives the fix.
/// A row with another number of fields than the header gets its own message, since an
/// unquoted delimiter inside a value is the usual cause.
fn read_error(path: &Path, error: csv::Error) -> anyhow::Error {
    if let csv::ErrorKind::UnequalLengths { pos, expected_len, len } = error.kind() {
        let line = pos.as_ref().map_or(0, |p| line_at(path, p.byte()));
        let message =
            if len < expected_len { stats_msg::STATS_FILE_SHORT_ROW } else { stats_msg::STATS_FILE_RAGGED_ROW };
        return anyhow::anyhow!(message.fmt(&[
            ("path", &path.display()),
            ("line", &line),
            ("fields", len),
            ("expected", expected_len),
        ]));
    }
    anyhow::Error::new(error).context(msg::FILE_CANNOT_READ.fmt(&[("path", &path.display())]))
}

/// Returns the line number, from 1, of the row the csv crate places at `byte` in the file at
/// `path`.
///
/// The crate's own line count is one short after `\r\n` line ends and after blank
/// lines, and its byte offset can point at the line ends before the row. So the offset
/// is moved past any line ends and the newlines before it are counted. An unreadable
/// file gives 0, since this only serves an error message.
fn line_at(path: &Path, byte: u64) -> u64 {
    let Ok(text) = std::fs::read(path) else { return 0 };
    let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    while start < text.len() && matches!(text[start], b'\r' | b'\n') {
        start += 1;
    }
    memchr::memchr_iter(b'\n', &text[..start]).count() as u64 + 1
}

/// Reads the whole file, with the same errors as opening and reading it row by row.
fn read_whole(path: &Path) -> Result<Vec<u8>> {
    let mut file = File::open(path).with_context(|| msg::FILE_CANNOT_OPEN.fmt(&[("path", &path.display())]))?;
    let mut buffer = Vec::new();
    file.read_to_end(&mut buffer).with_context(|| msg::FILE_CANNOT_READ.fmt(&[("path", &path.display())]))?;
    Ok(buffer)
}

/// Tells whether the extension is `.tsv`, which makes tab the delimiter whatever the
/// first line holds.
fn is_tsv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
}

/// Picks tab when the first line has a tab, else comma.
fn sniff(path: &Path) -> Result<u8> {
    use std::io::BufRead;
    let file = File::open(path).with_context(|| msg::FILE_CANNOT_OPEN.fmt(&[("path", &path.display())]))?;
    let mut first = String::new();
    std::io::BufReader::new(file)
        .read_line(&mut first)
        .with_context(|| msg::FILE_CANNOT_READ.fmt(&[("path", &path.display())]))?;
    Ok(if first.contains('\t') { b'\t' } else { b',' })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::Builder::new().suffix(".csv").tempfile().expect("temp file");
        file.write_all(bytes).expect("write temp file");
        file
    }

    #[test]
    fn interleaved_rows_group_by_item() {
        let file = file_with(b"\xef\xbb\xbfitem,worker,label\nb,w1,x\na,w2,y\nb,w2,y\na,w1,x\nb,w1,z\n");
        let ratings = read_ratings(file.path(), None).expect("valid file");

        assert_eq!(ratings.items(), ["b", "a"]);
        assert_eq!(ratings.annotators(), ["w1", "w2"]);
        assert_eq!(ratings.labels(), ["x", "y", "z"]);
        // Item b: w1 answered x and then z, so z replaces x.
        assert_eq!(ratings.item_answers(0), [(0, 2), (1, 1)]);
        assert_eq!(ratings.item_answers(1), [(0, 0), (1, 1)]);
        assert_eq!(ratings.n_annotations(), 4);
        assert_eq!(ratings.item_offsets(), [0, 2, 4]);
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let file = file_with(b"item,worker,label\ni1,w1,x\ni2,w\xe9,y\n");
        let error = read_ratings(file.path(), None).expect_err("a Latin-1 byte is rejected").to_string();

        assert!(error.contains("line 3"), "{error}");
        assert!(error.contains("column 2"), "{error}");
    }

    #[test]
    fn empty_value_names_line() {
        let file = file_with(b"item,worker,label\ni1,w1,x\ni2,  ,y\n");
        let error = read_ratings(file.path(), None).expect_err("an empty worker is rejected").to_string();

        assert!(error.contains("line 3"), "{error}");
    }

    #[test]
    fn gold_reads_with_any_hasher() {
        let file = file_with(b"item,label\ni1,x\ni2, y \n");
        let gold: rustc_hash::FxHashMap<String, String> = read_gold(file.path()).expect("valid gold file");

        assert_eq!(gold.len(), 2);
        assert_eq!(gold["i2"], "y");
    }
    /// Answers with a repeated (item, worker) pair, an interleaved item, spaces around
    /// values and a non-ASCII label.
    const ROWS: [[&str; 3]; 6] = [
        ["b", "w1", "x"],
        ["a", "w2", " y"],
        ["b", "w2", "y "],
        ["a", "w1", "x"],
        ["b", "w1", "z"],
        ["c", "w3", "\u{00e9}t\u{00e9}"],
    ];

    /// Writes `ROWS` under a header with `delimiter` and `newline`, every field in
    /// quotes when `quoted`, with an optional BOM, blank lines and final newline.
    fn variant(
        delimiter: &str,
        newline: &str,
        quoted: bool,
        bom: bool,
        blank_lines: bool,
        final_newline: bool,
    ) -> String {
        let field = |f: &str| if quoted { format!("\"{f}\"") } else { f.to_string() };
        let mut lines = vec![["item", "worker", "label"].map(field).join(delimiter)];
        for (i, row) in ROWS.iter().enumerate() {
            if blank_lines && i % 2 == 1 {
                lines.push(String::new());
            }
            lines.push(row.map(field).join(delimiter));
        }
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        text.push_str(&lines.join(newline));
        if final_newline {
            text.push_str(newline);
        }
        text
    }

    fn file_named(suffix: &str, text: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::Builder::new().suffix(suffix).tempfile().expect("temp file");
        file.write_all(text.as_bytes()).expect("write temp file");
        file
    }

    #[test]
    fn fast_and_csv_readers_agree() {
        let columns = [ITEM_NAMES, WORKER_NAMES, LABEL_NAMES];
        let declared = ["z".to_string(), "x".to_string()];
        let mut checked = 0;
        for (delimiter, suffix) in [(",", ".csv"), ("\t", ".csv"), ("\t", ".tsv")] {
            for newline in ["\n", "\r\n"] {
                for (bom, blank_lines, final_newline) in [
                    (false, false, true),
                    (true, false, true),
                    (false, true, true),
                    (false, false, false),
                    (true, true, false),
                ] {
                    let plain =
                        file_named(suffix, &variant(delimiter, newline, false, bom, blank_lines, final_newline));
                    let quoted =
                        file_named(suffix, &variant(delimiter, newline, true, bom, blank_lines, final_newline));
                    let case = format!("{delimiter:?} {newline:?} bom {bom} blank {blank_lines} final {final_newline}");

                    let buffer = std::fs::read(plain.path()).expect("read back");
                    let fast = unquoted::ratings(&buffer, suffix == ".tsv", &columns, Some(&declared))
                        .unwrap_or_else(|| panic!("the fast reader takes {case}"));
                    let csv = read_ratings_csv(plain.path(), &columns, Some(&declared)).expect(&case);
                    assert_eq!(fast, csv, "{case}");
                    assert_eq!(fast.n_items(), 3, "{case}");

                    // Quotes send the file to the csv reader, with the same result.
                    let buffer = std::fs::read(quoted.path()).expect("read back");
                    assert!(unquoted::ratings(&buffer, suffix == ".tsv", &columns, None).is_none(), "{case}");
                    assert_eq!(read_ratings(quoted.path(), Some(&declared)).expect(&case), csv, "quoted {case}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 30);
    }

    #[test]
    fn unusual_files_go_to_csv_reader() {
        let columns = [ITEM_NAMES, WORKER_NAMES, LABEL_NAMES];
        for text in [
            "item,worker,label\ni1,w1,x\ni2,w2\n",
            "item,worker,label\ni1,w1,x\ri2,w2,y\n",
            "item,worker,label\ni1,w1,x\ni2, ,y\n",
            "item,worker\ni1,w1\n",
            "\nitem,worker,label\ni1,w1,x\n",
            "",
        ] {
            assert!(unquoted::ratings(text.as_bytes(), false, &columns, None).is_none(), "{text:?}");
        }
        assert!(unquoted::ratings(b"item,worker,label\ni1,w\xe9,x\n", false, &columns, None).is_none());
    }

    #[test]
    fn errors_come_from_csv_reader() {
        let columns = [ITEM_NAMES, WORKER_NAMES, LABEL_NAMES];
        for text in [
            "item,worker,label\ni1,w1,x\ni2,w2\n",
            "item,worker,label\r\ni1,w1,x\r\ni2,w2,y,extra\r\n",
            "item,annotator_name,label\ni1,w1,x\n",
            "item,worker,label\ni1,w1,x\ni2,,y\n",
        ] {
            let file = file_named(".csv", text);
            let error = format!("{:#}", read_ratings(file.path(), None).expect_err(text));
            let expected = format!("{:#}", read_ratings_csv(file.path(), &columns, None).expect_err(text));
            assert_eq!(error, expected);
        }
        let error = format!(
            "{:#}",
            read_ratings(file_named(".csv", "item,worker,label\ni1,w1,x\ni2,w2\n").path(), None).unwrap_err()
        );
        assert!(error.contains("line 3") || error.contains("line: 3"), "{error}");
    }

    #[test]
    fn gold_rows_match_between_readers() {
        for text in ["item,label\ni1,x\ni2, y \ni1,z\n", "\"item\",\"label\"\r\ni1,x\r\ni2,\" y \"\r\ni1,z\r\n"] {
            let file = file_named(".csv", text);
            let mut rows = Vec::new();
            visit_gold(file.path(), |item, label| rows.push((item.to_string(), label.to_string()))).expect(text);
            assert_eq!(rows, [("i1", "x"), ("i2", "y"), ("i1", "z")].map(|(i, l)| (i.to_string(), l.to_string())));
        }
    }
}
