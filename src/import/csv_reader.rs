//! CSV and TSV records as rows of named fields.
//!
//! The `csv` crate parses quoting, doubled quotes, line breaks inside quoted fields and
//! `\r\n`. Records are read as bytes and checked for UTF-8 here, so that an invalid
//! byte is reported with its line and file offset (from [`ScanLog`]) and reading goes on
//! to find the other problems in the file.

use super::Row;
use super::encoding::{ScanLog, malformed_problem, open_source, suggest_encoding};
use super::error::{ImportError, Problem};
use std::io::{BufRead, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Maximum length of the header line read to detect the delimiter.
const MAX_SNIFF_BYTES: u64 = 1024 * 1024;

/// Delimiters detected from the header line, in order of preference on a tie.
const SNIFFED_DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// A CSV or TSV file after its header line.
pub(crate) struct CsvRows {
    file: PathBuf,
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: csv::ByteRecord,
    columns: Vec<String>,
    delimiter: u8,
    base_offset: u64,
    scan_log: Arc<Mutex<ScanLog>>,
}

/// The header of a file opened by [`open_csv`], and the reader of its records.
pub(crate) struct CsvHeader {
    pub rows: CsvRows,
    pub columns: Vec<String>,
    pub delimiter: u8,
    /// Whether the delimiter was detected rather than given or implied by the format.
    pub detected: bool,
}

/// Opens a CSV or TSV file and reads its header. Without `explicit_delimiter`, the
/// delimiter is the most frequent of `,`, tab and `;` outside quotes in the header
/// line, or `default_delimiter` when none occurs.
pub(crate) fn open_csv(
    path: &Path,
    default_delimiter: u8,
    explicit_delimiter: Option<u8>,
    encoding: Option<&str>,
) -> Result<CsvHeader, ImportError> {
    let file = path.to_path_buf();
    let scan_log = Arc::new(Mutex::new(ScanLog::default()));
    let mut source = open_source(path, encoding, Some(Arc::clone(&scan_log)))?;

    let mut header_line = Vec::new();
    (&mut source.reader)
        .take(MAX_SNIFF_BYTES)
        .read_until(b'\n', &mut header_line)
        .map_err(|error| io_to_import_error(&file, error))?;
    let delimiter = match explicit_delimiter {
        Some(delimiter) => delimiter,
        None => sniff_delimiter(&header_line, default_delimiter),
    };
    let detected = explicit_delimiter.is_none() && delimiter != default_delimiter;
    let terminator = if uses_bare_cr(&header_line) { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };

    let stream: Box<dyn Read + Send> = Box::new(Cursor::new(header_line).chain(source.reader));
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(terminator)
        .from_reader(stream);
    let mut rows = CsvRows {
        file,
        reader,
        record: csv::ByteRecord::new(),
        columns: Vec::new(),
        delimiter,
        base_offset: source.base_offset,
        scan_log,
    };

    let columns = match rows.next_fields() {
        None => return Err(ImportError::Empty { file: rows.file }),
        Some(Err(error)) => return Err(error),
        Some(Ok((_, names))) => clean_header(names),
    };
    rows.columns = columns.clone();
    Ok(CsvHeader { rows, columns, delimiter, detected })
}

/// Trims column names and drops a U+FEFF left at the start (a second byte order mark,
/// or one that a decoder kept).
fn clean_header(names: Vec<String>) -> Vec<String> {
    names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let name = if index == 0 { name.trim_start_matches('\u{FEFF}') } else { &name };
            name.trim().to_string()
        })
        .collect()
}

/// Checks whether the first line break is a bare `\r` (classic Mac line endings).
///
/// Other files are parsed with `\n` as the only record terminator and a `\r` before it
/// is stripped from the last field, because with `csv::Terminator::CRLF` the `csv`
/// crate (1.4) reports a record after `\r\n` as starting on the line before.
fn uses_bare_cr(header_line: &[u8]) -> bool {
    match header_line.iter().position(|&b| b == b'\r') {
        Some(index) => header_line.get(index + 1) != Some(&b'\n'),
        None => false,
    }
}

fn sniff_delimiter(header_line: &[u8], default_delimiter: u8) -> u8 {
    let mut counts = [0usize; SNIFFED_DELIMITERS.len()];
    let mut in_quotes = false;
    for &byte in header_line {
        if byte == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && let Some(index) = SNIFFED_DELIMITERS.iter().position(|&d| d == byte) {
            counts[index] += 1;
        }
    }
    let default_count =
        SNIFFED_DELIMITERS.iter().position(|&d| d == default_delimiter).map_or(0, |index| counts[index]);
    let mut best = (default_delimiter, default_count);
    for (&delimiter, &count) in SNIFFED_DELIMITERS.iter().zip(&counts) {
        if count > best.1 {
            best = (delimiter, count);
        }
    }
    best.0
}

fn io_to_import_error(file: &Path, error: std::io::Error) -> ImportError {
    match malformed_problem(&error) {
        Some(problem) => ImportError::Row { file: file.to_path_buf(), problem },
        None => ImportError::Io { file: file.to_path_buf(), source: error },
    }
}

impl CsvRows {
    /// Reads the next data record as named fields.
    pub fn next_row(&mut self) -> Option<Result<Row, ImportError>> {
        let (line, values) = match self.next_fields()? {
            Ok(read) => read,
            Err(error) => return Some(Err(error)),
        };
        if values.len() != self.columns.len() {
            let problem = Problem::FieldCount {
                line,
                found: values.len(),
                expected: self.columns.len(),
                delimiter: self.delimiter,
            };
            return Some(Err(ImportError::Row { file: self.file.clone(), problem }));
        }
        let fields = self.columns.iter().cloned().zip(values).collect();
        Some(Ok(Row { line, fields }))
    }

    /// Reads the next record as strings with the line it starts on, skipping blank lines.
    // NOTE: unlike JSON Lines, records have no size limit: the `csv` crate grows its
    // buffers for a runaway quoted field until the file ends.
    fn next_fields(&mut self) -> Option<Result<(u64, Vec<String>), ImportError>> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) if self.is_blank_line() => continue,
                Ok(true) => return Some(self.decode_record()),
                Err(error) => return Some(Err(self.csv_error(error))),
            }
        }
    }

    /// Checks for a `\r\n` line with nothing else, which the `\n` terminator leaves as one field.
    fn is_blank_line(&self) -> bool {
        self.record.len() == 1 && self.record.get(0) == Some(b"\r")
    }

    fn decode_record(&mut self) -> Result<(u64, Vec<String>), ImportError> {
        let (line, start) = self.record.position().map_or((0, 0), |p| (p.line(), p.byte()));
        let start = self.base_offset + start;
        let end = self.base_offset + self.reader.position().byte();
        let log_entry = {
            let mut log = self.scan_log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            log.take_in_range(start, end)
        };

        let mut values = Vec::with_capacity(self.record.len());
        let last = self.record.len().saturating_sub(1);
        for (index, field) in self.record.iter().enumerate() {
            let field = match field {
                [before @ .., b'\r'] if index == last => before,
                _ => field,
            };
            match std::str::from_utf8(field) {
                Ok(text) => values.push(text.to_string()),
                Err(_) => {
                    let (line, offset) = log_entry.map_or((line, start), |entry| (entry.line, entry.offset));
                    let suggestion = suggest_encoding(self.record.as_slice());
                    let problem = Problem::InvalidUtf8 { line, offset, suggestion };
                    return Err(ImportError::Row { file: self.file.clone(), problem });
                }
            }
        }
        Ok((line, values))
    }

    fn csv_error(&self, error: csv::Error) -> ImportError {
        let line = error.position().map_or(0, csv::Position::line);
        let detail = error.to_string();
        match error.into_kind() {
            csv::ErrorKind::Io(io_error) => io_to_import_error(&self.file, io_error),
            _ => ImportError::Row { file: self.file.clone(), problem: Problem::Csv { line, detail } },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_picks_most_frequent() {
        assert_eq!(sniff_delimiter(b"id;text\n", b','), b';');
        assert_eq!(sniff_delimiter(b"id\ttext\tgold\n", b','), b'\t');
        assert_eq!(sniff_delimiter(b"id,text\n", b','), b',');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n", b','), b',');
        assert_eq!(sniff_delimiter(b"id\n", b'\t'), b'\t');
    }

    #[test]
    fn bare_cr_detected() {
        assert!(uses_bare_cr(b"id,text\ra,b\r"));
        assert!(!uses_bare_cr(b"id,text\r\n"));
        assert!(!uses_bare_cr(b"id,text\n"));
    }

    #[test]
    fn header_cleaned() {
        let names = vec!["\u{FEFF}id".to_string(), " text ".to_string()];
        assert_eq!(clean_header(names), vec!["id".to_string(), "text".to_string()]);
    }
}
