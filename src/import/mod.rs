//! Streaming parsers for item files: CSV, TSV and JSON Lines.
//!
//! [`ItemReader`] yields one [`ImportedItem`] or one problem per record and never reads
//! the whole file into memory. [`stream_items`] reads the whole file once, hands good
//! items to a sink and collects every problem into one error, so that a user can fix a
//! file in one pass.
//!
//! Text is imported unchanged, escape sequences included; it is made safe when it is
//! drawn, by [`crate::core::sanitize`]. Ids and gold labels are trimmed of surrounding
//! whitespace, and image paths are kept exactly as written.

mod csv_reader;
mod encoding;
mod error;
mod jsonl;

pub use error::{ImportError, MAX_LISTED_PROBLEMS, Problem};

use crate::core::redact::Redactor;
use crate::core::task::FieldMap;
use crate::i18n::catalogue::import as msg;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The syntax of an item file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Jsonl,
}

impl Format {
    /// Returns the format implied by the file extension: `.csv`, `.tsv` or `.tab`, `.jsonl` or
    /// `.ndjson`, in any letter case.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    /// Parses a format name as given to `--format`: `csv`, `tsv`, `tab`, `jsonl` or `ndjson`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    fn default_delimiter(self) -> u8 {
        match self {
            Format::Tsv => b'\t',
            Format::Csv | Format::Jsonl => b',',
        }
    }
}

/// How to read an item file; every field left `None` is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Overrides the format implied by the file extension.
    pub format: Option<Format>,
    /// Field delimiter for CSV and TSV. Without it, TSV uses tab and CSV detects `,`,
    /// tab or `;` from the header line.
    pub delimiter: Option<u8>,
    /// An encoding label such as `GBK`, `GB18030` or `windows-1252`. Without it the file
    /// is read as UTF-8, or as UTF-16 when it starts with a UTF-16 byte order mark.
    pub encoding: Option<String>,
}

/// Parses a delimiter as given on the command line: one ASCII character, or `tab`/`\t`.
pub fn parse_delimiter(text: &str) -> Option<u8> {
    match text {
        "tab" | "\\t" | "\t" => Some(b'\t'),
        _ => match text.as_bytes() {
            [byte] if byte.is_ascii() && !matches!(byte, b'"' | b'\n' | b'\r') => Some(*byte),
            _ => None,
        },
    }
}

/// One record of an item file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    /// The id, trimmed of surrounding whitespace; never empty.
    pub key: String,
    /// Every column of the record as (column name, value) in file order, shown or not.
    pub fields: Vec<(String, String)>,
    /// The image column's value as written, `None` when empty or absent.
    pub image: Option<String>,
    /// The gold column's value, trimmed, `None` when empty or absent.
    pub gold: Option<String>,
    /// Physical 1-based line where the record starts; the header is line 1.
    pub line: u64,
}

/// The outcome of a successful [`stream_items`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub n_items: u64,
    /// Notes for the user that did not stop the import, such as a detected delimiter.
    pub warnings: Vec<String>,
    /// Matches replaced before storing, per redaction rule, when `[redaction] at_import` is on.
    pub redactions: Vec<(String, u64)>,
}

/// Redacts the text fields of an item before it is stored, leaving its id, gold and image
/// columns as they are, and adds the matches of each rule to `counts`.
pub fn redact_item(item: &mut ImportedItem, redactor: &Redactor, fields: &FieldMap, counts: &mut [u64]) {
    let keep = fields.non_text_columns();
    if let std::borrow::Cow::Owned(redacted) = redactor.redact_fields_counting(&item.fields, &keep, counts) {
        item.fields = redacted;
    }
}

/// A record before the field roles are applied.
pub(crate) struct Row {
    pub line: u64,
    pub fields: Vec<(String, String)>,
}

enum Rows {
    Csv(csv_reader::CsvRows),
    Jsonl(jsonl::JsonlRows),
}

impl Rows {
    fn next_row(&mut self) -> Option<Result<Row, ImportError>> {
        match self {
            Rows::Csv(rows) => rows.next_row(),
            Rows::Jsonl(rows) => rows.next_row(),
        }
    }
}

/// A streaming reader of items. Each record yields an item or an
/// [`ImportError::Row`] naming its line; after an error that
/// [is fatal](ImportError::is_fatal) the iterator ends.
///
/// Repeated ids are reported on the second and later uses. To find them the reader
/// keeps a 128-bit SHA-256 prefix of each id with its line: about 30 to 60 bytes per
/// item, whatever the id's length, so a file of ten million items needs up to 600 MB.
pub struct ItemReader {
    file: PathBuf,
    format: Format,
    delimiter: Option<u8>,
    columns: Vec<String>,
    rows: Rows,
    fields: FieldMap,
    /// Line of the first use of each id, keyed by the id's digest.
    seen_ids: HashMap<u128, u64>,
    warnings: Vec<String>,
    finished: bool,
}

impl ItemReader {
    /// Opens an item file and checks its header against `fields`.
    ///
    /// Fails when the format is unknown, the file cannot be read or is empty, or a
    /// column named in `fields` is missing from the header. For JSON Lines the first
    /// good object serves as the header, and image and gold keys may be absent.
    pub fn open(path: &Path, fields: &FieldMap, options: &ImportOptions) -> Result<ItemReader, ImportError> {
        let file = path.to_path_buf();
        let format = options
            .format
            .or_else(|| Format::from_path(path))
            .ok_or_else(|| ImportError::UnknownFormat { file: file.clone() })?;
        if let Some(delimiter) = options.delimiter
            && parse_delimiter(&(delimiter as char).to_string()).is_none()
        {
            return Err(ImportError::BadDelimiter { file, delimiter });
        }
        let encoding = options.encoding.as_deref();

        let mut warnings = Vec::new();
        let (rows, columns, delimiter) = match format {
            Format::Csv | Format::Tsv => {
                let header = csv_reader::open_csv(path, format.default_delimiter(), options.delimiter, encoding)?;
                if header.detected {
                    let delimiter_text = (header.delimiter as char).escape_default().to_string();
                    warnings.push(
                        msg::IMPORT_WARN_DELIMITER.fmt(&[("file", &file.display()), ("delimiter", &delimiter_text)]),
                    );
                }
                (Rows::Csv(header.rows), header.columns, Some(header.delimiter))
            }
            Format::Jsonl => {
                let (rows, columns) = jsonl::open_jsonl(path, &fields.id, encoding)?;
                (Rows::Jsonl(rows), columns, None)
            }
        };

        let mut reader = ItemReader {
            file,
            format,
            delimiter,
            columns,
            rows,
            fields: fields.clone(),
            seen_ids: HashMap::new(),
            warnings,
            finished: false,
        };
        reader.check_columns()?;
        reader.warn_missing_gold_column();
        Ok(reader)
    }

    /// Returns the column names: the CSV header, or the keys of the first good JSON object.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Returns the CSV or TSV delimiter in use, or `None` for JSON Lines.
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }

    /// Notes gathered so far that did not stop reading.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Columns that every record must have: the id, shown, training and metadata columns.
    fn required_columns(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.fields.id).chain(&self.fields.show).chain(&self.fields.train).chain(&self.fields.metadata)
    }

    fn check_columns(&self) -> Result<(), ImportError> {
        let is_jsonl = self.format == Format::Jsonl;
        if is_jsonl && self.columns.is_empty() {
            // No good object yet: every record is checked for its keys instead.
            return Ok(());
        }
        // A batch without gold answers is normal (gold is optional per item), so a missing
        // gold column is reported by `gold_column_warning`; a missing image column means
        // items that cannot be shown, so it stops the import.
        let optional = self.fields.image.iter().filter(|_| !is_jsonl);
        let mut missing: Vec<String> = Vec::new();
        for column in self.required_columns().chain(optional) {
            if !self.columns.contains(column) && !missing.contains(column) {
                missing.push(column.clone());
            }
        }
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns {
                file: self.file.clone(),
                missing,
                found: self.columns.clone(),
                delimiter: self.delimiter,
            });
        }

        let mut used_names: Vec<&String> = self.required_columns().collect();
        used_names.extend(self.fields.image.iter().chain(&self.fields.gold));
        for (index, name) in self.columns.iter().enumerate() {
            if self.columns[..index].contains(name) && used_names.contains(&name) {
                return Err(ImportError::DuplicateColumn { file: self.file.clone(), column: name.clone() });
            }
        }
        Ok(())
    }

    /// Notes that the gold column named in `quorum.toml` is not in a CSV/TSV header, so
    /// that a misspelt name is seen while the items still import without gold.
    fn warn_missing_gold_column(&mut self) {
        let Some(gold) = &self.fields.gold else { return };
        if self.format == Format::Jsonl || self.columns.contains(gold) {
            return;
        }
        let column = error::safe_excerpt(gold);
        self.warnings.push(msg::IMPORT_WARN_NO_GOLD_COLUMN.fmt(&[("file", &self.file.display()), ("column", &column)]));
    }

    fn warn_duplicate_columns(&mut self) {
        for (index, name) in self.columns.iter().enumerate() {
            if self.columns[..index].contains(name) && !self.columns[index + 1..].contains(name) {
                let column = error::safe_excerpt(name);
                self.warnings.push(
                    msg::IMPORT_WARN_DUPLICATE_COLUMN.fmt(&[("file", &self.file.display()), ("column", &column)]),
                );
            }
        }
    }

    /// Applies the field roles to a row.
    fn build_item(&self, row: Row) -> Result<ImportedItem, Problem> {
        let line = row.line;
        let value = |name: &str| row.fields.iter().find(|(column, _)| column == name).map(|(_, v)| v.as_str());

        for column in self.required_columns() {
            if value(column).is_none() {
                return Err(Problem::MissingKey { line, key: column.clone() });
            }
        }
        let key = value(&self.fields.id).unwrap_or_default().trim().to_string();
        if key.is_empty() {
            return Err(Problem::EmptyId { line, column: self.fields.id.clone() });
        }
        let image = self.fields.image.as_deref().and_then(value).filter(|v| !v.trim().is_empty()).map(str::to_string);
        let gold =
            self.fields.gold.as_deref().and_then(value).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);

        Ok(ImportedItem { key, fields: row.fields, image, gold, line })
    }

    /// Records the id's first line; returns the earlier line when it was seen before.
    fn check_duplicate(&mut self, key: &str, line: u64) -> Option<u64> {
        let digest = Sha256::digest(key.as_bytes());
        let mut prefix = [0u8; 16];
        prefix.copy_from_slice(&digest[..16]);
        match self.seen_ids.entry(u128::from_le_bytes(prefix)) {
            std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(line);
                None
            }
        }
    }
}

impl Iterator for ItemReader {
    type Item = Result<ImportedItem, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let row = match self.rows.next_row() {
            None => {
                self.finished = true;
                self.warn_duplicate_columns();
                return None;
            }
            Some(Err(error)) => {
                self.finished = error.is_fatal();
                return Some(Err(error));
            }
            Some(Ok(row)) => row,
        };
        let problem = match self.build_item(row) {
            Ok(item) => match self.check_duplicate(&item.key, item.line) {
                None => return Some(Ok(item)),
                Some(first_line) => Problem::DuplicateId { line: item.line, id: item.key, first_line },
            },
            Err(problem) => problem,
        };
        Some(Err(ImportError::Row { file: self.file.clone(), problem }))
    }
}

/// Streams the whole file and collects all problems (bad records, repeated ids, missing
/// or empty ids, gold labels outside `allowed_gold` when given) into one
/// [`ImportError::Problems`] listing the first [`MAX_LISTED_PROBLEMS`] with their lines.
///
/// Calls `sink` for each good item until the first problem turns up; after that the
/// file is only checked. The caller runs this inside one database transaction and
/// rolls back on `Err`, so an import is all or nothing. A failing sink stops the import
/// at once with [`ImportError::Sink`]. Errors that stop reading (I/O errors, bytes
/// invalid in an explicitly chosen encoding) end the scan early.
pub fn stream_items(
    path: &Path,
    fields: &FieldMap,
    options: &ImportOptions,
    allowed_gold: Option<&[String]>,
    sink: &mut dyn FnMut(ImportedItem) -> anyhow::Result<()>,
) -> Result<ImportSummary, ImportError> {
    let mut reader = ItemReader::open(path, fields, options)?;
    let mut problems = ProblemList::default();
    let mut n_items: u64 = 0;

    for result in reader.by_ref() {
        let item = match result {
            Ok(item) => item,
            Err(ImportError::Row { problem, .. }) => {
                problems.note(problem);
                continue;
            }
            Err(other) => return Err(other),
        };
        if let (Some(allowed), Some(gold)) = (allowed_gold, &item.gold)
            && !allowed.contains(gold)
        {
            problems.note(Problem::GoldNotAllowed { line: item.line, value: gold.clone(), allowed: allowed.to_vec() });
            continue;
        }
        if problems.total == 0 {
            let line = item.line;
            sink(item).map_err(|source| ImportError::Sink { file: path.to_path_buf(), line, source })?;
            n_items += 1;
        }
    }

    if problems.total > 0 {
        return Err(ImportError::Problems {
            file: path.to_path_buf(),
            problems: problems.listed,
            total: problems.total,
        });
    }
    Ok(ImportSummary { n_items, warnings: reader.warnings().to_vec(), redactions: Vec::new() })
}

/// The first problems of a file in order, and the count of all.
#[derive(Default)]
struct ProblemList {
    listed: Vec<Problem>,
    total: u64,
}

impl ProblemList {
    fn note(&mut self, problem: Problem) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(problem);
        }
    }
}
