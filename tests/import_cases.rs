//! Import of the hostile item files under tests/fixtures/cases and of the sample tasks.

use quorum::core::task::{FieldMap, TaskSpec};
use quorum::import::{
    Format, ImportError, ImportOptions, ImportSummary, ImportedItem, ItemReader, Problem, stream_items,
};
use std::io::Write;
use std::path::{Path, PathBuf};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases").join(name)
}

fn text_fields() -> FieldMap {
    FieldMap {
        id: "id".to_string(),
        show: vec!["text".to_string()],
        image: None,
        gold: None,
        train: vec!["text".to_string()],
        metadata: Vec::new(),
        question_gold: Vec::new(),
    }
}

fn import_with(
    path: &Path,
    fields: &FieldMap,
    options: &ImportOptions,
) -> (Result<ImportSummary, ImportError>, Vec<ImportedItem>) {
    let mut items = Vec::new();
    let mut sink = |item: ImportedItem| -> anyhow::Result<()> {
        items.push(item);
        Ok(())
    };
    let result = stream_items(path, fields, options, None, &mut sink);
    (result, items)
}

/// Imports a case that must succeed and returns its items.
fn import_ok(name: &str) -> Vec<ImportedItem> {
    let (result, items) = import_with(&case(name), &text_fields(), &ImportOptions::default());
    let summary = result.unwrap_or_else(|error| panic!("{name} failed: {error}"));
    assert_eq!(summary.n_items, items.len() as u64);
    items
}

/// Imports a case that must fail and returns the error.
fn import_err(name: &str, options: &ImportOptions) -> ImportError {
    let (result, _) = import_with(&case(name), &text_fields(), options);
    match result {
        Ok(summary) => panic!("{name} imported {} items but should fail", summary.n_items),
        Err(error) => error,
    }
}

fn text_of(item: &ImportedItem, column: &str) -> String {
    item.fields.iter().find(|(name, _)| name == column).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn encoding(name: &str) -> ImportOptions {
    ImportOptions { encoding: Some(name.to_string()), ..ImportOptions::default() }
}

fn temp_file(extension: &str, bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(extension).tempfile().expect("temp file");
    file.write_all(bytes).expect("write temp file");
    file
}

#[test]
fn crlf_lines_and_blank_lines() {
    let file = temp_file(".csv", b"id,text\r\n\r\na,\"x\r\ny\"\r\nb,plain\r\n");
    let (result, items) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    assert_eq!(result.unwrap().n_items, 2);
    assert_eq!(text_of(&items[0], "text"), "x\r\ny");
    assert_eq!(text_of(&items[1], "text"), "plain");
    let lines: Vec<u64> = items.iter().map(|i| i.line).collect();
    assert_eq!(lines, vec![3, 5]);
}

#[test]
fn bare_cr_line_endings() {
    let file = temp_file(".csv", b"id,text\ra,x\rb,y\r");
    let (result, items) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    assert_eq!(result.unwrap().n_items, 2);
    assert_eq!(text_of(&items[1], "text"), "y");
}

#[test]
fn bom_crlf_multiline_imports() {
    let items = import_ok("bom-crlf-multiline.csv");
    let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, vec!["q1", "q2", "q3"]);

    let q1 = text_of(&items[0], "text");
    assert_eq!(q1.lines().next(), Some("He said \"stop\""));
    assert!(q1.contains('\n'), "line break lost: {q1:?}");
    assert!(q1.ends_with("then left."), "{q1:?}");
    assert_eq!(text_of(&items[2], "text"), "comma, inside");

    let lines: Vec<u64> = items.iter().map(|i| i.line).collect();
    assert_eq!(lines, vec![2, 4, 5]);
}

#[test]
fn bom_stripped_from_header() {
    let reader = ItemReader::open(&case("bom-crlf-multiline.csv"), &text_fields(), &ImportOptions::default()).unwrap();
    assert_eq!(reader.columns(), ["id".to_string(), "text".to_string()]);
    assert_eq!(reader.format(), Format::Csv);
}

#[test]
fn semicolon_detected() {
    let (result, items) = import_with(&case("semicolon.csv"), &text_fields(), &ImportOptions::default());
    let summary = result.unwrap();
    assert_eq!(summary.n_items, 2);
    assert_eq!(text_of(&items[0], "text"), "Le prix est 3,50 €");
    assert!(summary.warnings.iter().any(|w| w.contains("`;`")), "{:?}", summary.warnings);
}

#[test]
fn semicolon_explicit_delimiter() {
    let options = ImportOptions { delimiter: Some(b';'), ..ImportOptions::default() };
    let (result, items) = import_with(&case("semicolon.csv"), &text_fields(), &options);
    let summary = result.unwrap();
    assert_eq!(items.len(), 2);
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn gbk_rejected_with_hint() {
    let error = import_err("gbk-encoded.csv", &ImportOptions::default());
    let lines: Vec<u64> = error.problems().iter().map(Problem::line).collect();
    assert_eq!(lines, vec![2, 3]);
    assert!(matches!(error.problems()[0], Problem::InvalidUtf8 { offset: 11, .. }), "{:?}", error.problems());

    let message = error.to_string();
    assert!(message.contains("gbk-encoded.csv"), "{message}");
    assert!(message.contains("not valid UTF-8"), "{message}");
    assert!(message.contains("line 2, byte 11"), "{message}");
    assert!(message.contains("--encoding GBK"), "{message}");
}

#[test]
fn gbk_decoded_with_encoding() {
    for name in ["GBK", "gb18030"] {
        let (result, items) = import_with(&case("gbk-encoded.csv"), &text_fields(), &encoding(name));
        assert_eq!(result.unwrap().n_items, 2, "{name}");
        assert_eq!(text_of(&items[0], "text"), "今天天气很好，我们去公园吧。");
        assert_eq!(text_of(&items[1], "text"), "这个产品质量太差了！");
    }
}

#[test]
fn unknown_encoding_rejected() {
    let error = import_err("gbk-encoded.csv", &encoding("klingon"));
    assert!(matches!(error, ImportError::UnknownEncoding { .. }), "{error:?}");
    assert!(error.to_string().contains("klingon"), "{error}");
}

#[test]
fn escape_sequences_kept_as_data() {
    let items = import_ok("escape-sequences.csv");
    assert_eq!(items.len(), 6);
    assert_eq!(text_of(&items[1], "text"), "title\u{1b}]0;owned\u{7} set");
    assert_eq!(text_of(&items[3], "text"), "move\u{1b}[2J\u{1b}[H clear");
    assert!(text_of(&items[4], "text").contains("\u{8}\u{8}x and CR\rover"));
    assert!(text_of(&items[5], "text").contains('\u{9b}'));
}

#[test]
fn duplicate_ids_rejected() {
    let error = import_err("duplicate-ids.csv", &ImportOptions::default());
    assert_eq!(error.problems(), [Problem::DuplicateId { line: 4, id: "a".to_string(), first_line: 2 }]);
    let message = error.to_string();
    assert!(message.contains("`a`"), "{message}");
    assert!(message.contains("line 4"), "{message}");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("nothing was imported"), "{message}");
}

#[test]
fn empty_file_rejected() {
    let error = import_err("empty.csv", &ImportOptions::default());
    assert!(matches!(error, ImportError::Empty { .. }), "{error:?}");
    assert!(error.to_string().contains("empty.csv"), "{error}");
}

#[test]
fn header_only_gives_no_items() {
    assert!(import_ok("header-only.csv").is_empty());
}

#[test]
fn ragged_lists_every_bad_line() {
    let error = import_err("ragged.csv", &ImportOptions::default());
    let lines: Vec<u64> = error.problems().iter().map(Problem::line).collect();
    assert_eq!(lines, vec![3, 4]);
    let message = error.to_string();
    assert!(message.contains("line 3: 1 field, but the header has 2"), "{message}");
    assert!(message.contains("line 4: 4 fields"), "{message}");
}

#[test]
fn ragged_iterator_goes_on() {
    let reader = ItemReader::open(&case("ragged.csv"), &text_fields(), &ImportOptions::default()).unwrap();
    let outcomes: Vec<bool> = reader.map(|r| r.is_ok()).collect();
    assert_eq!(outcomes, vec![true, false, false]);
}

#[test]
fn bad_jsonl_line_named() {
    let error = import_err("bad-line.jsonl", &ImportOptions::default());
    assert_eq!(error.problems().len(), 1);
    assert!(matches!(error.problems()[0], Problem::Json { line: 3, .. }), "{:?}", error.problems());
    assert!(error.to_string().contains("line 3"), "{error}");
}

#[test]
fn jsonl_reader_keeps_key_order() {
    let file = temp_file(
        ".jsonl",
        b"{\"text\":\"t\",\"id\":7,\"meta\":{\"b\":1},\"gold\":null}\n\n{\"id\":\"x\",\"text\":\"u\"}\n",
    );
    let reader = ItemReader::open(file.path(), &text_fields(), &ImportOptions::default()).unwrap();
    assert_eq!(reader.columns(), ["text", "id", "meta", "gold"].map(String::from));
    let items: Vec<ImportedItem> = reader.map(Result::unwrap).collect();
    assert_eq!(items[0].key, "7");
    assert_eq!(text_of(&items[0], "meta"), "{\"b\":1}");
    assert_eq!(text_of(&items[0], "gold"), "");
    assert_eq!(items[1].line, 3);
}

#[test]
fn jsonl_missing_key_and_non_object() {
    let file =
        temp_file(".ndjson", b"{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"b\"}\n[1,2]\n{\"id\":[1],\"text\":\"t\"}\n");
    let (result, _) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    let error = result.unwrap_err();
    assert_eq!(
        error.problems(),
        [
            Problem::MissingKey { line: 2, key: "text".to_string() },
            Problem::NotObject { line: 3 },
            Problem::IdNotText { line: 4, column: "id".to_string() },
        ]
    );
}

#[test]
fn invalid_utf8_names_line_and_offset() {
    let error = import_err("invalid-utf8.csv", &ImportOptions::default());
    assert_eq!(error.problems(), [Problem::InvalidUtf8 { line: 3, offset: 23, suggestion: "windows-1252" }]);
    let message = error.to_string();
    assert!(message.contains("line 3, byte 23"), "{message}");
    assert!(message.contains("--encoding windows-1252"), "{message}");
}

#[test]
fn invalid_utf8_decoded_as_latin1() {
    let (result, items) = import_with(&case("invalid-utf8.csv"), &text_fields(), &encoding("windows-1252"));
    assert_eq!(result.unwrap().n_items, 2);
    assert_eq!(text_of(&items[1], "text"), "café latin-1 byte");
}

#[test]
fn wide_unicode_imports() {
    let items = import_ok("wide-unicode.csv");
    assert_eq!(items.len(), 5);
    assert!(text_of(&items[1], "text").contains("👨\u{200D}👩\u{200D}👧\u{200D}👦"));
    assert_eq!(text_of(&items[4], "text"), "tab\tseparated\tinside");
}

#[test]
fn huge_field_imports() {
    let items = import_ok("huge-field.csv");
    assert_eq!(items.len(), 2);
    assert!(text_of(&items[0], "text").len() >= 1_000_000);
    assert_eq!(text_of(&items[1], "text"), "short");
    assert_eq!(items[1].line, 3);
}

#[test]
fn image_paths_kept_as_written() {
    let fields = FieldMap {
        id: "id".to_string(),
        show: Vec::new(),
        image: Some("image".to_string()),
        gold: None,
        train: Vec::new(),
        metadata: Vec::new(),
        question_gold: Vec::new(),
    };
    let (result, items) = import_with(&case("image-refs.csv"), &fields, &ImportOptions::default());
    assert_eq!(result.unwrap().n_items, 5);
    let images: Vec<Option<&str>> = items.iter().map(|i| i.image.as_deref()).collect();
    assert_eq!(images[2], Some("../../../../etc/passwd"));
    assert_eq!(images[3], Some("/etc/hostname"));
}

#[test]
fn missing_column_named() {
    let mut fields = text_fields();
    fields.show = vec!["body".to_string()];
    fields.image = Some("picture".to_string());
    let (result, _) = import_with(&case("duplicate-ids.csv"), &fields, &ImportOptions::default());
    let error = result.unwrap_err();
    match &error {
        ImportError::MissingColumns { missing, found, .. } => {
            assert_eq!(missing, &["body".to_string(), "picture".to_string()]);
            assert_eq!(found, &["id".to_string(), "text".to_string()]);
        }
        other => panic!("expected missing columns, got {other:?}"),
    }
    assert!(error.to_string().contains("`body`, `picture`"), "{error}");
}

#[test]
fn wrong_delimiter_hint_names_header() {
    let options = ImportOptions { delimiter: Some(b';'), ..ImportOptions::default() };
    let error = import_err("duplicate-ids.csv", &options);
    let text = error.to_string();
    assert!(text.contains("columns `id`, `text`"), "{text}");
    assert!(text.contains("single column `id,text`"), "{text}");
    assert!(text.contains("delimiter `;`"), "{text}");
}

#[test]
fn one_missing_column_no_delimiter_hint() {
    let mut fields = text_fields();
    fields.image = Some("picture".to_string());
    let (result, _) = import_with(&case("duplicate-ids.csv"), &fields, &ImportOptions::default());
    let text = result.unwrap_err().to_string();
    assert!(text.contains("column `picture` named"), "{text}");
    assert!(text.contains(" is missing"), "{text}");
    assert!(!text.contains("single column"), "{text}");
}

#[test]
fn batch_without_gold_column_imports_with_a_warning() {
    let mut fields = text_fields();
    fields.gold = Some("gold".to_string());
    let file = temp_file(".csv", b"id,text\na,first\nb,second\n");
    let (result, items) = import_with(file.path(), &fields, &ImportOptions::default());
    let summary = result.expect("a batch without gold answers imports");
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|item| item.gold.is_none()));
    assert!(summary.warnings.iter().any(|w| w.contains("gold column `gold`")), "{:?}", summary.warnings);
}

#[test]
fn gold_outside_labels_rejected() {
    let file = temp_file(".csv", b"id,text,gold\na,x,pos\nb,y, neg \nc,z,maybe\nd,w,\n");
    let mut fields = text_fields();
    fields.gold = Some("gold".to_string());
    let allowed = vec!["pos".to_string(), "neg".to_string()];
    let mut count = 0;
    let mut sink = |_: ImportedItem| -> anyhow::Result<()> {
        count += 1;
        Ok(())
    };
    let result = stream_items(file.path(), &fields, &ImportOptions::default(), Some(&allowed), &mut sink);
    let error = result.unwrap_err();
    assert_eq!(error.problems().len(), 1);
    assert!(matches!(&error.problems()[0], Problem::GoldNotAllowed { line: 4, value, .. } if value == "maybe"));
}

#[test]
fn empty_id_rejected() {
    let file = temp_file(".csv", b"id,text\n  ,x\nb,y\n");
    let (result, _) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    assert_eq!(result.unwrap_err().problems(), [Problem::EmptyId { line: 2, column: "id".to_string() }]);
}

#[test]
fn utf16_with_bom_decoded() {
    let text = "id,text\nu1,中文 text\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let file = temp_file(".csv", &bytes);
    let (result, items) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    assert_eq!(result.unwrap().n_items, 1);
    assert_eq!(text_of(&items[0], "text"), "中文 text");
}

#[test]
fn malformed_gbk_stops_with_offset() {
    let file = temp_file(".csv", b"id,text\na,\xd6\xd0\nb,\xff\xff\n");
    let (result, _) = import_with(file.path(), &text_fields(), &encoding("GBK"));
    let error = result.unwrap_err();
    assert!(matches!(error.problems()[0], Problem::Malformed { line: 3, offset: 15, .. }), "{:?}", error.problems());
}

#[test]
fn tsv_by_extension() {
    let file = temp_file(".tsv", b"id\ttext\na\tx, y; z\n");
    let (result, items) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    assert_eq!(result.unwrap().n_items, 1);
    assert_eq!(text_of(&items[0], "text"), "x, y; z");
}

#[test]
fn unknown_extension_rejected() {
    let file = temp_file(".txt", b"id,text\na,b\n");
    let (result, _) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    assert!(matches!(result, Err(ImportError::UnknownFormat { .. })));
    let options = ImportOptions { format: Some(Format::Csv), ..ImportOptions::default() };
    let (result, _) = import_with(file.path(), &text_fields(), &options);
    assert_eq!(result.unwrap().n_items, 1);
}

#[test]
fn sink_error_stops_import() {
    let mut sink = |item: ImportedItem| -> anyhow::Result<()> {
        anyhow::ensure!(item.key != "q2", "disk full");
        Ok(())
    };
    let result =
        stream_items(&case("bom-crlf-multiline.csv"), &text_fields(), &ImportOptions::default(), None, &mut sink);
    match result {
        Err(ImportError::Sink { line, .. }) => assert_eq!(line, 4),
        other => panic!("expected a sink error, got {other:?}"),
    }
}

#[test]
fn problem_list_capped() {
    let mut bytes = b"id,text\n".to_vec();
    for _ in 0..30 {
        bytes.extend_from_slice(b"a,x\n");
    }
    let file = temp_file(".csv", &bytes);
    let (result, _) = import_with(file.path(), &text_fields(), &ImportOptions::default());
    match result.unwrap_err() {
        ImportError::Problems { problems, total, .. } => {
            assert_eq!(problems.len(), quorum::import::MAX_LISTED_PROBLEMS);
            assert_eq!(total, 29);
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn sample_tasks_import() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_tasks");
    for task in ["digits", "fortune-topics", "shici-dynasty"] {
        let dir = root.join(task);
        let spec = TaskSpec::from_toml(&std::fs::read_to_string(dir.join("quorum.toml")).unwrap()).unwrap();
        let labels = spec.question().label_values();
        let mut count = 0u64;
        let mut sink = |_: ImportedItem| -> anyhow::Result<()> {
            count += 1;
            Ok(())
        };
        let summary =
            stream_items(&dir.join("items.csv"), &spec.fields, &ImportOptions::default(), Some(&labels), &mut sink)
                .unwrap_or_else(|error| panic!("{task}: {error}"));
        assert!(summary.n_items > 0, "{task}");
        assert_eq!(summary.n_items, count, "{task}");
    }
}

#[test]
fn reader_moves_across_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<ItemReader>();
    assert_send::<ImportError>();
}
