//! A fast reader for the common label file: no quote character anywhere, valid UTF-8.
//!
//! Without quotes the CSV rules reduce to splitting lines at `\n` (with an optional `\r`
//! before it) and fields at the delimiter, so this reader splits the whole file in
//! memory and borrows every field from it. It takes only files that the csv crate reads
//! without error and in the same way. A quote, invalid UTF-8, a lone `\r`, a missing
//! column, a row of the wrong length or an empty value make it return `None`. The caller
//! then reads the file with the csv crate, which gives the exact error.

use crate::core::agreement::Ratings;
use crate::core::agreement::to_u32;
use crate::core::parallel::{available_threads, run_in_order};
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// The fields of one row that a caller asked for, at most this many.
const MAX_COLUMNS: usize = 3;

/// Calls `visit` with the wanted columns of every data row of `buffer`, or returns
/// `None` without a guarantee about which rows were visited when the csv reader must
/// read the file instead. `tab` forces tab as the delimiter; otherwise tab is used when
/// the first line has one, as the csv path decides.
pub(super) fn rows<'b>(buffer: &'b [u8], tab: bool, wanted: &[&[&str]], visit: impl FnMut(&[&'b str])) -> Option<()> {
    let layout = Layout::read(buffer, tab, wanted)?;
    layout.visit(layout.body, visit)
}

/// The column layout given by a file's header, and the rows after it.
struct Layout<'b> {
    /// The file after the header line.
    body: &'b str,
    delimiter: u8,
    n_columns: usize,
    /// Column index of each wanted column; the first `n_wanted` are used.
    positions: [usize; MAX_COLUMNS],
    n_wanted: usize,
    has_cr: bool,
}

impl<'b> Layout<'b> {
    /// Reads the header, or returns `None` when the file is one for the csv reader.
    fn read(buffer: &'b [u8], tab: bool, wanted: &[&[&str]]) -> Option<Layout<'b>> {
        debug_assert!(wanted.len() <= MAX_COLUMNS);
        if memchr::memchr(b'"', buffer).is_some() {
            return None;
        }
        let text = std::str::from_utf8(buffer).ok()?;
        // A `\r` ends a line in CSV by itself too. The lines below strip one only right
        // before `\n`, so any other `\r` sends the file to the csv reader.
        let has_cr = memchr::memchr(b'\r', buffer).is_some();
        let mut lines = Lines { text, position: 0, has_cr };

        let first_line_end = memchr::memchr(b'\n', buffer).unwrap_or(buffer.len());
        let delimiter = if tab || memchr::memchr(b'\t', &buffer[..first_line_end]).is_some() { '\t' } else { ',' };

        // The csv reader skips blank lines before the header; leave that case to it.
        let header = lines.next()??;
        if header.is_empty() {
            return None;
        }
        let header: Vec<&str> = header.split(delimiter).collect();
        let mut positions = [0usize; MAX_COLUMNS];
        for (slot, names) in positions.iter_mut().zip(wanted) {
            *slot = header
                .iter()
                .position(|h| names.contains(&h.trim().trim_start_matches('\u{feff}').to_lowercase().as_str()))?;
        }
        let body = &text[lines.position.min(text.len())..];
        Some(Layout {
            body,
            delimiter: delimiter as u8,
            n_columns: header.len(),
            positions,
            n_wanted: wanted.len(),
            has_cr,
        })
    }

    /// Calls `visit` with the wanted columns of every row of `rows`, a run of whole lines
    /// of the body, or returns `None` at the first row the csv reader must read.
    fn visit(&self, rows: &'b str, mut visit: impl FnMut(&[&'b str])) -> Option<()> {
        let positions = &self.positions[..self.n_wanted];
        let mut ends: Vec<usize> = Vec::with_capacity(self.n_columns);
        let mut values: [&str; MAX_COLUMNS] = [""; MAX_COLUMNS];
        for line in (Lines { text: rows, position: 0, has_cr: self.has_cr }) {
            let line = line?;
            if line.is_empty() {
                continue;
            }
            // Field ends by a plain byte loop: the fields are a few bytes long, shorter
            // than the set-up of a vectorised search. Both delimiters are ASCII, so every
            // end is on a character boundary.
            ends.clear();
            for (i, &byte) in line.as_bytes().iter().enumerate() {
                if byte == self.delimiter {
                    ends.push(i);
                }
            }
            ends.push(line.len());
            if ends.len() != self.n_columns {
                return None;
            }
            for (slot, &index) in values.iter_mut().zip(positions) {
                let start = if index == 0 { 0 } else { ends[index - 1] + 1 };
                let value = trim(&line[start..ends[index]]);
                if value.is_empty() {
                    return None;
                }
                *slot = value;
            }
            visit(&values[..positions.len()]);
        }
        Some(())
    }
}

/// Cuts `text` into at most `pieces` runs of whole lines of about the same length.
fn split_lines(text: &str, pieces: usize) -> Vec<&str> {
    let mut runs = Vec::with_capacity(pieces);
    let mut start = 0;
    for piece in 1..=pieces {
        let target = (text.len() * piece / pieces).max(start);
        // Each run ends just after the first newline at or past its share of the text.
        let end = match memchr::memchr(b'\n', &text.as_bytes()[target..]) {
            Some(i) if piece < pieces => target + i + 1,
            _ => text.len(),
        };
        if end > start {
            runs.push(&text[start..end]);
        }
        start = end;
    }
    runs
}

/// `str::trim`, skipping its character decoding when both ends are printable ASCII, which
/// cannot be whitespace: every whitespace character is either at most a space or not ASCII.
fn trim(value: &str) -> &str {
    let bytes = value.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if (0x21..0x80).contains(&first) && (0x21..0x80).contains(&last) => value,
        _ => value.trim(),
    }
}

/// Lines of the file without their `\n` or `\r\n`; `None` for a line with another `\r`.
struct Lines<'b> {
    text: &'b str,
    position: usize,
    has_cr: bool,
}

impl<'b> Iterator for Lines<'b> {
    type Item = Option<&'b str>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.position >= self.text.len() {
            return None;
        }
        let rest = &self.text.as_bytes()[self.position..];
        let end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| self.position + i);
        let mut line = &self.text[self.position..end];
        self.position = end + 1;
        if self.has_cr {
            line = line.strip_suffix('\r').unwrap_or(line);
            if line.contains('\r') {
                return Some(None);
            }
        }
        Some(Some(line))
    }
}

/// Files from this size on are read on several threads.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Reads `item,worker,label` rows into [`Ratings`], or `None` when the csv reader must
/// read the file instead.
///
/// A large file is cut into runs of lines read on separate threads, each numbering the
/// names it meets. The runs are then joined in file order. Each later run's names are
/// numbered in the joined tables in the order that run met them, so every name gets the
/// number that one pass over the whole file would give it.
pub(super) fn ratings(buffer: &[u8], tab: bool, wanted: &[&[&str]], declared: Option<&[String]>) -> Option<Ratings> {
    let threads = if buffer.len() >= PARALLEL_MIN_BYTES { available_threads() } else { 1 };
    ratings_on_threads(buffer, tab, wanted, declared, threads)
}

/// [`ratings`] with the file cut into at most `threads` runs.
fn ratings_on_threads(
    buffer: &[u8],
    tab: bool,
    wanted: &[&[&str]],
    declared: Option<&[String]>,
    threads: usize,
) -> Option<Ratings> {
    let layout = Layout::read(buffer, tab, wanted)?;
    let runs = split_lines(layout.body, threads);
    let mut parts = run_in_order(threads, runs, |run| Answers::read(&layout, run)).into_iter();
    let mut answers = match parts.next() {
        Some(first) => first?,
        None => Answers::with_capacity(""),
    };
    for part in parts {
        answers.append(part?);
    }

    let declared = declared.map(|labels| {
        let mut unique: Vec<String> = Vec::with_capacity(labels.len());
        for label in labels {
            if !unique.contains(label) {
                unique.push(label.clone());
            }
        }
        unique
    });
    Some(Ratings::assemble(
        declared.unwrap_or_default(),
        answers.labels.into_names(),
        answers.items.into_compact_names(),
        answers.workers.into_names(),
        answers.rows,
    ))
}

/// The answers of a run of lines, as numbers into its own name tables.
struct Answers<'b> {
    rows: Vec<(u32, u32, u32)>,
    items: Names<'b>,
    workers: Names<'b>,
    labels: Names<'b>,
}

impl<'b> Answers<'b> {
    fn with_capacity(run: &str) -> Answers<'b> {
        Answers {
            // An answer row takes at least 6 bytes (`a,b,c` and a newline), so this
            // capacity is never exceeded; pages reserved but never written cost no memory.
            rows: Vec::with_capacity(run.len() / 6),
            // Items are usually far fewer than rows; a table sized for an eighth of the
            // rows avoids most rehashing on files with a few answers per item.
            items: Names::with_capacity(line_count(run.as_bytes()) / 8),
            workers: Names::default(),
            labels: Names::default(),
        }
    }

    fn read(layout: &Layout<'b>, run: &'b str) -> Option<Answers<'b>> {
        let mut answers = Answers::with_capacity(run);
        layout.visit(run, |row| {
            let item = answers.items.intern(row[0]);
            let worker = answers.workers.intern(row[1]);
            let label = answers.labels.intern(row[2]);
            answers.rows.push((item, worker, label));
        })?;
        Some(answers)
    }

    /// Adds the answers of the run that follows this one in the file.
    fn append(&mut self, next: Answers<'b>) {
        let items = self.items.renumber(&next.items);
        let workers = self.workers.renumber(&next.workers);
        let labels = self.labels.renumber(&next.labels);
        self.rows.reserve(next.rows.len());
        self.rows.extend(
            next.rows
                .iter()
                .map(|&(item, worker, label)| (items[item as usize], workers[worker as usize], labels[label as usize])),
        );
    }
}

/// Number of lines, for sizing tables before reading.
pub(super) fn line_count(buffer: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', buffer).count() + 1
}

/// A name borrowed from the file, compared and hashed as bytes. Names are a few bytes
/// long, and the library `memcmp` behind `str` equality cost more than the comparison
/// itself in a profile of reading a million answers.
#[derive(Clone, Copy)]
struct Key<'b>(&'b [u8]);

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        same_bytes(self.0, other.0)
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.0);
    }
}

/// Byte equality with an inline loop for short slices.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() <= 16 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    a == b
}

/// Up to this many distinct names, [`Names::intern`] searches the list before the map.
const SHORT_LIST: usize = 8;

/// Distinct names borrowed from the file buffer, numbered in order of first appearance.
/// A name becomes an owned string once, at the end, not once per row.
#[derive(Default)]
struct Names<'b> {
    /// Numbers of names that are small decimal integers, indexed by their value, with
    /// `u32::MAX` where no name has that value; see [`small_number`].
    dense: Vec<u32>,
    /// Other names of up to seven bytes, packed into one integer by [`packed`].
    short: FxHashMap<u64, u32>,
    /// Longer names.
    index: FxHashMap<Key<'b>, u32>,
    names: Vec<&'b str>,
    /// The last name looked up: files usually list an item's answers on consecutive
    /// rows, and comparing two short strings is cheaper than a hash lookup.
    last: Option<(&'b str, u32)>,
}

impl<'b> Names<'b> {
    fn with_capacity(capacity: usize) -> Self {
        let mut names = Names::default();
        names.short.reserve(capacity);
        names
    }

    fn intern(&mut self, name: &'b str) -> u32 {
        if let Some((last, i)) = self.last
            && same_bytes(last.as_bytes(), name.as_bytes())
        {
            return i;
        }
        // A handful of names, such as the labels, are found faster by comparing with
        // each than by hashing.
        if self.names.len() <= SHORT_LIST
            && let Some(i) = self.names.iter().position(|known| same_bytes(known.as_bytes(), name.as_bytes()))
        {
            let i = i as u32;
            self.last = Some((name, i));
            return i;
        }
        let next = to_u32(self.names.len());
        // Most ids are a few digits or letters. Hashing and comparing one integer is
        // cheaper than hashing and comparing a byte slice, which was the largest cost
        // of reading a million answers with a thousand workers.
        // Ids that are small numbers, as in many research releases, index an array.
        // Whether a name goes there depends on the name alone, so it is always found
        // where it was put.
        if let Some(value) = small_number(name.as_bytes()) {
            if self.dense.len() <= value {
                self.dense.resize((value + 1).max(self.dense.len() * 2), u32::MAX);
            }
            let slot = &mut self.dense[value];
            if *slot == u32::MAX {
                *slot = next;
                self.names.push(name);
            }
            let i = *slot;
            self.last = Some((name, i));
            return i;
        }
        let i = match packed(name.as_bytes()) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => *self.index.entry(Key(name.as_bytes())).or_insert(next),
        };
        if i == next {
            self.names.push(name);
        }
        self.last = Some((name, i));
        i
    }

    /// Numbers the names of `other` in this table, in the order `other` met them, and
    /// returns the new number of each of `other`'s numbers.
    fn renumber(&mut self, other: &Names<'b>) -> Vec<u32> {
        other.names.iter().map(|name| self.intern(name)).collect()
    }

    fn into_names(self) -> Vec<String> {
        self.names.iter().map(|name| name.to_string()).collect()
    }

    /// Returns the names as inline strings, which need no allocation up to 24 bytes, so
    /// a table of hundreds of thousands of items becomes one array.
    fn into_compact_names(self) -> Vec<CompactString> {
        self.names.iter().map(|&name| CompactString::from(name)).collect()
    }
}

/// Largest value plus one of a name that [`small_number`] reads: the array it indexes
/// takes at most 4 MiB.
const DENSE_LIMIT: usize = 1 << 20;

/// The value of a name written as a decimal integer below [`DENSE_LIMIT`] without a
/// leading zero (so that "7" and "07" stay different names), else `None`.
#[inline]
fn small_number(name: &[u8]) -> Option<usize> {
    if name.is_empty() || name.len() > 7 || (name[0] == b'0' && name.len() > 1) {
        return None;
    }
    let mut value = 0usize;
    for &byte in name {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + usize::from(byte - b'0');
    }
    (value < DENSE_LIMIT).then_some(value)
}

/// A name of at most seven bytes as one integer: the bytes in the low seven bytes and
/// the length in the top one, so that two names get the same integer only when they are
/// equal (a name ending in NUL bytes differs from a shorter one by its length).
#[inline]
fn packed(name: &[u8]) -> Option<u64> {
    if name.len() > 7 {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..name.len()].copy_from_slice(name);
    bytes[7] = name.len() as u8;
    Some(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_names_keep_their_numbers() {
        let text = "a a\0 a\0\0 abcdefg abcdefgh abcdefghi a abcdefgh a\0 abcdefg";
        let mut names = Names::default();
        let numbers: Vec<u32> = text.split(' ').map(|name| names.intern(name)).collect();

        // Names that differ only by trailing NUL bytes, or are one byte either side of
        // the packed length limit, stay distinct; a repeat gets its first number back.
        assert_eq!(numbers, [0, 1, 2, 3, 4, 5, 0, 4, 1, 3]);
        assert_eq!(names.into_names().len(), 6);
    }

    #[test]
    fn threaded_runs_match_one_pass() {
        let columns: [&[&str]; 3] = [&["item"], &["worker"], &["label"]];
        // Items, workers and labels that reappear across the cuts, names of every kind
        // (small numbers, short and long text), CRLF line ends and a blank line.
        let mut text = String::from("item,worker,label\r\n");
        for row in 0..5_000 {
            let item = if row % 3 == 0 { format!("{}", row % 700) } else { format!("item-number-{}", row % 900) };
            text.push_str(&format!("{item},w{},{}\r\n", row % 37, ["x", "y", "zz"][row % 3]));
            if row == 2_500 {
                text.push_str("\r\n");
            }
        }
        let one_pass = ratings_on_threads(text.as_bytes(), false, &columns, None, 1).expect("a plain file");
        for threads in 2..=5 {
            let on_threads = ratings_on_threads(text.as_bytes(), false, &columns, None, threads);
            assert_eq!(on_threads.as_ref(), Some(&one_pass), "{threads} threads");
        }

        // A bad row late in the file sends the whole file to the csv reader.
        text.push_str("i1,w1\r\n");
        assert!(ratings_on_threads(text.as_bytes(), false, &columns, None, 3).is_none());
    }

    #[test]
    fn split_lines_cuts_after_newlines_only() {
        let text = "a\nbb\nccc\ndddd\n";
        for pieces in 1..=6 {
            let runs = split_lines(text, pieces);
            assert_eq!(runs.concat(), text, "{pieces} pieces");
            assert!(runs.iter().all(|run| run.ends_with('\n')), "{runs:?}");
            assert!(runs.len() <= pieces);
        }
        assert!(split_lines("", 3).is_empty());
    }

    #[test]
    fn numeric_names_keep_their_numbers() {
        let text = "7 07 0 1048575 1048576 00 7 0 1048576 x1 1048575 07";
        let mut names = Names::default();
        let numbers: Vec<u32> = text.split(' ').map(|name| names.intern(name)).collect();

        // Leading zeros and values past the array limit take the map, and each name
        // keeps one number wherever it is stored.
        assert_eq!(numbers, [0, 1, 2, 3, 4, 5, 0, 2, 4, 6, 3, 1]);
        assert_eq!(names.into_names(), ["7", "07", "0", "1048575", "1048576", "00", "x1"]);
    }
}
