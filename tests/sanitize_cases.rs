//! The sanitiser on hostile item files, on the Chinese sample task, and on random text.

use proptest::prelude::*;
use quorum::core::sanitize::{Segment, display_width, sanitize, sanitize_plain, truncate, wrap};
use quorum::core::task::FieldMap;
use quorum::import::{ImportOptions, ItemReader};
use std::path::Path;

const WIDTHS: [usize; 3] = [40, 80, 200];

/// Every field value of every record in an item file, read with the import module.
fn field_values(relative: &str, id: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let fields = FieldMap {
        id: id.to_string(),
        show: Vec::new(),
        image: None,
        gold: None,
        train: Vec::new(),
        metadata: Vec::new(),
        question_gold: Vec::new(),
    };
    let reader = ItemReader::open(&path, &fields, &ImportOptions::default()).expect("open item file");
    reader
        .map(|item| item.expect("valid record"))
        .flat_map(|item| item.fields.into_iter().map(|(_, value)| value))
        .collect()
}

/// Asserts that nothing in `text` would act on a terminal.
fn assert_safe(text: &str, source: &str) {
    // 0x9B is checked as the character U+009B: as a byte it is also a UTF-8
    // continuation byte inside ordinary characters.
    for byte in [0x1b_u8, 0x07, 0x08, 0x0d] {
        assert!(!text.as_bytes().contains(&byte), "byte {byte:#04x} left in {text:?} from {source:?}");
    }
    for c in text.chars() {
        assert!(c == '\n' || !c.is_control(), "control {c:?} left in {text:?} from {source:?}");
        let bidi =
            matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        assert!(!bidi, "bidi control U+{:04X} left in {text:?} from {source:?}", c as u32);
        let invisible = matches!(c, '\u{200B}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{180E}' | '\u{2060}');
        assert!(!invisible, "invisible U+{:04X} left in {text:?} from {source:?}", c as u32);
    }
}

fn assert_wraps_within(text: &str) {
    for width in WIDTHS {
        for line in wrap(text, width) {
            assert!(display_width(&line) <= width, "{} columns > {width}: {line:?}", display_width(&line));
            assert!(!line.contains('\n'), "line break inside a wrapped line: {line:?}");
        }
        let cut = truncate(&text.replace('\n', " "), width);
        assert!(display_width(&cut) <= width, "truncate gave {} columns > {width}", display_width(&cut));
    }
}

#[test]
fn escape_sequences_neutralised() {
    let values = field_values("tests/fixtures/cases/escape-sequences.csv", "id");
    assert_eq!(values.len(), 12);
    for value in &values {
        let plain = sanitize_plain(value);
        assert_safe(&plain, value);
        assert_wraps_within(&plain);
    }
}

#[test]
fn escape_sequences_shown_dim() {
    let segments = sanitize("move\u{1b}[2J\u{1b}[H clear");
    assert_eq!(
        segments,
        vec![
            Segment::Text("move".to_string()),
            Segment::Control("␛[2J".to_string()),
            Segment::Control("␛[H".to_string()),
            Segment::Text(" clear".to_string()),
        ]
    );
    let clipboard = sanitize_plain("clip\u{1b}]52;c;ZWNobyBoaQ==\u{7} write");
    assert_eq!(clipboard, "clip␛]52;c;ZWNobyBoaQ== write");
    assert_eq!(
        sanitize_plain("bell\u{7}\u{7} and backspace\u{8}\u{8}x and CR\rover"),
        "bell␇␇ and backspace␈␈x and CR␍over"
    );
}

#[test]
fn wide_unicode_kept_and_measured() {
    let values = field_values("tests/fixtures/cases/wide-unicode.csv", "id");
    for value in &values {
        let plain = sanitize_plain(value);
        assert_safe(&plain, value);
        assert_wraps_within(&plain);
    }
    let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
    let emoji_line = values.iter().find(|v| v.contains("family")).expect("emoji row");
    assert!(sanitize_plain(emoji_line).contains(family), "ZWJ sequence broken");
    assert!(sanitize_plain(emoji_line).contains("🇨🇳"), "flag broken");

    let zero_width = values.iter().find(|v| v.contains("combining")).expect("zero-width row");
    assert!(sanitize_plain(zero_width).contains("⟨U+200B⟩"), "{}", sanitize_plain(zero_width));

    let tabs = values.iter().find(|v| v.starts_with("tab")).expect("tab row");
    assert_eq!(sanitize_plain(tabs), "tab separated   inside");
}

#[test]
fn display_width_of_wide_text() {
    assert_eq!(display_width("全角文字"), 8);
    assert_eq!(display_width("e\u{301}a\u{308}"), 2);
    assert_eq!(display_width("🇨🇳"), 2);
    assert_eq!(display_width("👍🏽"), 2);
}

#[test]
fn shici_titles_sanitised() {
    let values = field_values("sample_tasks/shici-dynasty/items.csv", "id");
    assert!(values.iter().any(|v| v.contains('\u{1b}')), "the sample is expected to carry ANSI colour codes");
    for value in &values {
        let plain = sanitize_plain(value);
        assert_safe(&plain, value);
        assert_wraps_within(&plain);
    }
}

#[test]
fn shici_colour_codes_dropped() {
    let plain = sanitize_plain("\u{1b}[32m《静夜思》\u{1b}[m");
    assert_eq!(plain, "《静夜思》");
    assert_eq!(wrap(&plain, 4), vec!["《静", "夜思", "》"]);
}

/// Characters that stress the sanitiser: controls, escape pieces, bidi, joiners, wide text.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range(' ', '~'),
        2 => prop::char::range('\u{0}', '\u{1f}'),
        1 => Just('\u{7f}'),
        2 => prop::char::range('\u{80}', '\u{9f}'),
        2 => prop::sample::select(vec!['\u{1b}', '[', ']', 'm', ';', '\\', '\u{7}', '\t', '\n', '\r']),
        2 => prop::sample::select(vec![
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}',
            '\u{2028}', '\u{2029}', '\u{FEFF}', '\u{061C}', '\u{180E}', '\u{00AD}', '\u{E0067}', '\u{E007F}',
            '\u{FE0F}', '\u{301}',
        ]),
        2 => prop::sample::select(vec!['中', '文', '👨', '👩', '🏴', '🇨', '🇳', '🏽', 'ｶ', 'ﾞ', 'é']),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..120).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn plain_has_no_controls(text in hostile_text()) {
        let plain = sanitize_plain(&text);
        for c in plain.chars() {
            prop_assert!(c == '\n' || !c.is_control(), "control {:?} in {:?}", c, plain);
            prop_assert!(!matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'), "bidi in {:?}", plain);
        }
    }

    #[test]
    fn plain_of_any_string_has_no_controls(text in any::<String>()) {
        let plain = sanitize_plain(&text);
        prop_assert!(plain.chars().all(|c| c == '\n' || !c.is_control()), "{:?}", plain);
    }

    #[test]
    fn segments_join_to_plain(text in hostile_text()) {
        let joined: String = sanitize(&text).iter().map(Segment::as_str).collect();
        prop_assert_eq!(joined, sanitize_plain(&text));
    }

    #[test]
    fn wrap_never_exceeds_width(text in hostile_text(), width in 1usize..60) {
        let plain = sanitize_plain(&text);
        for line in wrap(&plain, width) {
            prop_assert!(display_width(&line) <= width, "{} > {}: {:?}", display_width(&line), width, line);
        }
    }

    #[test]
    fn wrap_raw_text_never_exceeds_width(text in any::<String>(), width in 1usize..60) {
        for line in wrap(&text, width) {
            prop_assert!(display_width(&line) <= width, "{} > {}: {:?}", display_width(&line), width, line);
        }
    }

    #[test]
    fn truncate_never_exceeds_width(text in hostile_text(), width in 0usize..60) {
        let cut = truncate(&sanitize_plain(&text), width);
        prop_assert!(display_width(&cut) <= width);
    }

    #[test]
    fn wrap_keeps_words_of_plain_ascii(words in prop::collection::vec("[a-z]{1,8}", 1..30), width in 8usize..40) {
        let text = words.join(" ");
        let lines = wrap(&text, width);
        prop_assert_eq!(lines.join(" "), text);
    }
}
