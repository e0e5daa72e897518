//! JSON Lines: one JSON object per line, blank lines skipped.
//!
//! Fields are the object's top-level keys in file order. String values are taken as
//! they are, `null` becomes the empty string (like an empty CSV cell), and other values
//! become compact JSON. Nested objects come out with their keys sorted, because they
//! are parsed into `serde_json::Value`.

use super::Row;
use super::encoding::{malformed_problem, open_source, suggest_encoding};
use super::error::{ImportError, Problem};
use crate::i18n::decoders::JsonFailure;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// Maximum line length. Longer lines are skipped and reported, so that one runaway line
/// cannot take all memory.
pub(crate) const MAX_LINE_MIB: u64 = 64;
const MAX_LINE_BYTES: u64 = MAX_LINE_MIB * 1024 * 1024;

/// Lines read at open time while looking for the first good object.
const MAX_PEEK_LINES: usize = 100;

/// A JSON Lines file being read.
pub(crate) struct JsonlRows {
    file: PathBuf,
    reader: Box<dyn BufRead + Send>,
    id_column: String,
    buffer: Vec<u8>,
    /// Lines read so far; the number of the last line read.
    line: u64,
    /// File offset of the next unread byte (in the decoded stream when decoding).
    offset: u64,
    /// Rows read at open time, handed out before reading on.
    queued: VecDeque<Result<Row, ImportError>>,
}

/// Opens a JSON Lines file and reads ahead to its first good object, whose keys are
/// returned as the columns (empty when none turns up within the first lines).
pub(crate) fn open_jsonl(
    path: &Path,
    id_column: &str,
    encoding: Option<&str>,
) -> Result<(JsonlRows, Vec<String>), ImportError> {
    let source = open_source(path, encoding, None)?;
    let mut rows = JsonlRows {
        file: path.to_path_buf(),
        reader: source.reader,
        id_column: id_column.to_string(),
        buffer: Vec::new(),
        line: 0,
        offset: source.base_offset,
        queued: VecDeque::new(),
    };

    let mut columns = Vec::new();
    while rows.queued.len() < MAX_PEEK_LINES {
        let Some(result) = rows.read_row() else { break };
        let fatal = result.as_ref().is_err_and(ImportError::is_fatal);
        if let Ok(row) = &result {
            columns = row.fields.iter().map(|(name, _)| name.clone()).collect();
        }
        let found = result.is_ok();
        rows.queued.push_back(result);
        if found || fatal {
            break;
        }
    }
    if rows.queued.is_empty() {
        return Err(ImportError::Empty { file: rows.file });
    }
    Ok((rows, columns))
}

impl JsonlRows {
    pub fn next_row(&mut self) -> Option<Result<Row, ImportError>> {
        match self.queued.pop_front() {
            Some(queued) => Some(queued),
            None => self.read_row(),
        }
    }

    /// Reads lines until one that is not blank, and parses it.
    fn read_row(&mut self) -> Option<Result<Row, ImportError>> {
        loop {
            self.buffer.clear();
            let start = self.offset;
            let read = (&mut self.reader).take(MAX_LINE_BYTES + 1).read_until(b'\n', &mut self.buffer);
            let read = match read {
                Ok(0) => return None,
                Ok(read) => read,
                Err(error) => return Some(Err(self.io_error(error))),
            };
            self.line += 1;
            self.offset += read as u64;

            if self.buffer.len() as u64 > MAX_LINE_BYTES && !self.buffer.ends_with(b"\n") {
                match self.reader.skip_until(b'\n') {
                    Ok(skipped) => self.offset += skipped as u64,
                    Err(error) => return Some(Err(self.io_error(error))),
                }
                return Some(Err(self.problem(Problem::TooLong { line: self.line, limit_mib: MAX_LINE_MIB })));
            }
            if self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse_line(start).map_err(|problem| self.problem(problem)));
        }
    }

    fn parse_line(&self, start: u64) -> Result<Row, Problem> {
        let line = self.line;
        let text = match std::str::from_utf8(&self.buffer) {
            Ok(text) => text.trim(),
            Err(error) => {
                // Only undecoded input can fail here, so `start` is a file offset.
                let offset = start + error.valid_up_to() as u64;
                return Err(Problem::InvalidUtf8 { line, offset, suggestion: suggest_encoding(&self.buffer) });
            }
        };
        if !text.starts_with('{') {
            return Err(Problem::NotObject { line });
        }
        let object: OrderedObject = serde_json::from_str(text).map_err(|error| Problem::Json {
            line,
            column: error.column(),
            failure: JsonFailure::of(&error),
            detail: json_error_detail(&error),
        })?;

        let mut seen = HashSet::with_capacity(object.0.len());
        let mut fields = Vec::with_capacity(object.0.len());
        for (key, value) in object.0 {
            if !seen.insert(key.clone()) {
                return Err(Problem::DuplicateKey { line, key });
            }
            if key == self.id_column && matches!(value, Value::Array(_) | Value::Object(_) | Value::Bool(_)) {
                return Err(Problem::IdNotText { line, column: key });
            }
            let text = match value {
                Value::String(text) => text,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            fields.push((key, text));
        }
        Ok(Row { line, fields })
    }

    fn problem(&self, problem: Problem) -> ImportError {
        ImportError::Row { file: self.file.clone(), problem }
    }

    fn io_error(&self, error: std::io::Error) -> ImportError {
        match malformed_problem(&error) {
            Some(problem) => self.problem(problem),
            None => ImportError::Io { file: self.file.clone(), source: error },
        }
    }
}

/// Returns the message of a `serde_json` error without its " at line 1 column N" suffix,
/// which would count lines within the single line parsed.
fn json_error_detail(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(index) => text[..index].to_string(),
        None => text,
    }
}

/// A JSON object with its keys in file order, duplicates included.
#[derive(Debug)]
struct OrderedObject(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for OrderedObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OrderedObjectVisitor)
    }
}

struct OrderedObjectVisitor;

impl<'de> Visitor<'de> for OrderedObjectVisitor {
    type Value = OrderedObject;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedObject, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Value>()? {
            entries.push(entry);
        }
        Ok(OrderedObject(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_keeps_key_order() {
        let object: OrderedObject = serde_json::from_str(r#"{"z":1,"a":"x","m":null}"#).unwrap();
        let keys: Vec<&str> = object.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec!["z", "a", "m"]);
    }

    #[test]
    fn error_detail_drops_position() {
        let error = serde_json::from_str::<OrderedObject>(r#"{"a":1,}"#).unwrap_err();
        let detail = json_error_detail(&error);
        assert!(!detail.contains("at line"), "{detail}");
        assert!(!detail.is_empty());
    }
}
