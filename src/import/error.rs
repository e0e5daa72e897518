//! Errors of the import: whole-file errors and per-line problems.
//!
//! Every message names the file and, for problems in the data, the physical 1-based
//! line where the record starts (the header is line 1). Values copied from the file
//! (ids, column names, labels) are sanitised before they go into a message, because
//! the message is printed to a terminal.

use crate::core::sanitize::{sanitize_plain, truncate};
use crate::i18n::catalogue::import as msg;
use crate::i18n::decoders::{JsonFailure, with_detail};
use std::fmt;
use std::path::PathBuf;

/// Maximum width in columns of a value copied from the file into a message.
const MAX_SHOWN_VALUE: usize = 60;

/// Problems listed one by one in [`ImportError::Problems`]; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 20;

/// An error that stops an import.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    UnknownFormat {
        file: PathBuf,
    },
    UnknownEncoding {
        file: PathBuf,
        name: String,
    },
    BadDelimiter {
        file: PathBuf,
        delimiter: u8,
    },
    Empty {
        file: PathBuf,
    },
    MissingColumns {
        file: PathBuf,
        missing: Vec<String>,
        found: Vec<String>,
        /// The CSV or TSV delimiter the header was split on; `None` for JSON Lines.
        delimiter: Option<u8>,
    },
    DuplicateColumn {
        file: PathBuf,
        column: String,
    },
    /// One bad record, as the [`ItemReader`](super::ItemReader) iterator reports it.
    Row {
        file: PathBuf,
        problem: Problem,
    },
    /// Every problem [`stream_items`](super::stream_items) found in one pass.
    Problems {
        file: PathBuf,
        /// The first [`MAX_LISTED_PROBLEMS`] problems in file order.
        problems: Vec<Problem>,
        /// All problems found, listed or not.
        total: u64,
    },
    /// The caller's sink failed on a good item.
    Sink {
        file: PathBuf,
        line: u64,
        #[source]
        source: anyhow::Error,
    },
}

impl ImportError {
    /// Returns whether reading stops after this error.
    pub fn is_fatal(&self) -> bool {
        match self {
            ImportError::Row { problem, .. } => matches!(problem, Problem::Malformed { .. }),
            _ => true,
        }
    }

    /// Returns the problems in the file: one for [`ImportError::Row`], the listed ones
    /// for [`ImportError::Problems`], and none otherwise.
    pub fn problems(&self) -> &[Problem] {
        match self {
            ImportError::Row { problem, .. } => std::slice::from_ref(problem),
            ImportError::Problems { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ImportError::Io { file, source } => msg::IMPORT_IO.fmt(&[("file", &file.display()), ("error", source)]),
            ImportError::UnknownFormat { file } => msg::IMPORT_UNKNOWN_FORMAT.fmt(&[("file", &file.display())]),
            ImportError::UnknownEncoding { file, name } => {
                msg::IMPORT_UNKNOWN_ENCODING.fmt(&[("file", &file.display()), ("name", &safe_excerpt(name))])
            }
            ImportError::BadDelimiter { file, delimiter } => msg::IMPORT_BAD_DELIMITER
                .fmt(&[("file", &file.display()), ("delimiter", &(*delimiter as char).escape_default())]),
            ImportError::Empty { file } => msg::IMPORT_EMPTY.fmt(&[("file", &file.display())]),
            ImportError::MissingColumns { file, missing, found, delimiter } => {
                let mut text = msg::IMPORT_MISSING_COLUMNS.fmt(&[
                    ("file", &file.display()),
                    ("count", &missing.len()),
                    ("missing", &quoted_list(missing)),
                    ("found", &quoted_list(found)),
                ]);
                // A header that stayed one column but holds another common delimiter was
                // most likely split on the wrong character, e.g. `--delimiter ';'` on a
                // comma-separated file.
                if let (Some(delimiter), [only]) = (delimiter, found.as_slice())
                    && only.contains([',', ';', '\t', '|'])
                {
                    text.push_str(&msg::IMPORT_HEADER_ONE_COLUMN_HINT.fmt(&[
                        ("column", &safe_excerpt(only)),
                        ("delimiter", &(*delimiter as char).escape_default()),
                    ]));
                }
                text
            }
            ImportError::DuplicateColumn { file, column } => {
                msg::IMPORT_DUPLICATE_COLUMN.fmt(&[("file", &file.display()), ("column", &safe_excerpt(column))])
            }
            ImportError::Row { file, problem } => {
                msg::IMPORT_ROW.fmt(&[("file", &file.display()), ("problem", problem)])
            }
            ImportError::Problems { file, problems, total } => {
                let mut text = msg::IMPORT_PROBLEMS.fmt(&[("file", &file.display()), ("count", total)]);
                for problem in problems {
                    text.push_str("\n  ");
                    text.push_str(&problem.to_string());
                }
                let unlisted = total.saturating_sub(problems.len() as u64);
                if unlisted > 0 {
                    text.push_str("\n  ");
                    text.push_str(&msg::IMPORT_MORE_PROBLEMS.fmt(&[("count", &unlisted)]));
                }
                text
            }
            ImportError::Sink { file, line, source } => {
                msg::IMPORT_SINK.fmt(&[("file", &file.display()), ("line", line), ("error", &format!("{source:#}"))])
            }
        };
        f.write_str(&text)
    }
}

/// A problem with one record of the file. `line` is where the record starts, except
/// for encoding problems, where it is the line of the bad byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not UTF-8, at a byte offset from the start of the file.
    InvalidUtf8 {
        line: u64,
        offset: u64,
        suggestion: &'static str,
    },
    /// Bytes invalid in the encoding chosen with `--encoding` or by a byte order mark.
    Malformed {
        line: u64,
        offset: u64,
        encoding: &'static str,
    },
    FieldCount {
        line: u64,
        found: usize,
        expected: usize,
        delimiter: u8,
    },
    Csv {
        line: u64,
        detail: String,
    },
    Json {
        line: u64,
        column: usize,
        failure: JsonFailure,
        /// serde_json's own text, without its position.
        detail: String,
    },
    NotObject {
        line: u64,
    },
    MissingKey {
        line: u64,
        key: String,
    },
    DuplicateKey {
        line: u64,
        key: String,
    },
    EmptyId {
        line: u64,
        column: String,
    },
    IdNotText {
        line: u64,
        column: String,
    },
    DuplicateId {
        line: u64,
        id: String,
        first_line: u64,
    },
    GoldNotAllowed {
        line: u64,
        value: String,
        allowed: Vec<String>,
    },
    TooLong {
        line: u64,
        limit_mib: u64,
    },
}

impl Problem {
    pub fn line(&self) -> u64 {
        match self {
            Problem::InvalidUtf8 { line, .. }
            | Problem::Malformed { line, .. }
            | Problem::FieldCount { line, .. }
            | Problem::Csv { line, .. }
            | Problem::Json { line, .. }
            | Problem::NotObject { line }
            | Problem::MissingKey { line, .. }
            | Problem::DuplicateKey { line, .. }
            | Problem::EmptyId { line, .. }
            | Problem::IdNotText { line, .. }
            | Problem::DuplicateId { line, .. }
            | Problem::GoldNotAllowed { line, .. }
            | Problem::TooLong { line, .. } => *line,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Problem::InvalidUtf8 { line, offset, suggestion } => {
                msg::PROBLEM_INVALID_UTF8.fmt(&[("line", line), ("offset", offset), ("suggestion", suggestion)])
            }
            Problem::Malformed { line, offset, encoding } => {
                msg::PROBLEM_MALFORMED.fmt(&[("line", line), ("offset", offset), ("encoding", encoding)])
            }
            Problem::FieldCount { line, found, expected, delimiter } => msg::PROBLEM_FIELD_COUNT.fmt(&[
                ("line", line),
                ("found", found),
                ("expected", expected),
                ("delimiter", &(*delimiter as char).escape_default()),
            ]),
            Problem::Csv { line, detail } => msg::PROBLEM_CSV.fmt(&[("line", line), ("detail", detail)]),
            Problem::Json { line, column, failure, detail } => {
                let reason = with_detail(failure.message(), detail);
                msg::PROBLEM_JSON.fmt(&[("line", line), ("column", column), ("reason", &reason)])
            }
            Problem::NotObject { line } => msg::PROBLEM_NOT_OBJECT.fmt(&[("line", line)]),
            Problem::MissingKey { line, key } => {
                msg::PROBLEM_MISSING_KEY.fmt(&[("line", line), ("key", &safe_excerpt(key))])
            }
            Problem::DuplicateKey { line, key } => {
                msg::PROBLEM_DUPLICATE_KEY.fmt(&[("line", line), ("key", &safe_excerpt(key))])
            }
            Problem::EmptyId { line, column } => {
                msg::PROBLEM_EMPTY_ID.fmt(&[("line", line), ("column", &safe_excerpt(column))])
            }
            Problem::IdNotText { line, column } => {
                msg::PROBLEM_ID_NOT_TEXT.fmt(&[("line", line), ("column", &safe_excerpt(column))])
            }
            Problem::DuplicateId { line, id, first_line } => {
                msg::PROBLEM_DUPLICATE_ID.fmt(&[("line", line), ("id", &safe_excerpt(id)), ("first_line", first_line)])
            }
            Problem::GoldNotAllowed { line, value, allowed } => msg::PROBLEM_GOLD.fmt(&[
                ("line", line),
                ("value", &safe_excerpt(value)),
                ("allowed", &quoted_list(allowed)),
            ]),
            Problem::TooLong { line, limit_mib } => msg::PROBLEM_TOO_LONG.fmt(&[("line", line), ("limit", limit_mib)]),
        };
        f.write_str(&text)
    }
}

/// Makes a value from the file safe and short enough for a one-line message.
pub(crate) fn safe_excerpt(value: &str) -> String {
    truncate(&sanitize_plain(value).replace('\n', " "), MAX_SHOWN_VALUE)
}

fn quoted_list(values: &[String]) -> String {
    values.iter().map(|v| format!("`{}`", safe_excerpt(v))).collect::<Vec<_>>().join(", ")
}
