//! Makes text from data safe to draw: no control character or escape sequence from an
//! item reaches the terminal.
//!
//! [`sanitize`] splits text into [`Segment`]s. Printable text passes through unchanged,
//! and everything a terminal would act on becomes a visible stand-in drawn dim:
//!
//! - C0 controls become their Control Pictures (`␇`, `␈`, `␀`), DEL becomes `␡`, and a
//!   `\r` that is not part of `\r\n` becomes `␍`. `\r\n` becomes `\n`.
//! - `\n` stays as a line break inside [`Segment::Text`].
//! - `\t` expands to spaces up to the next multiple of [`TAB_STOP`] columns, counted from
//!   the start of the text or from the last `\n`.
//! - Escape sequences (CSI `ESC [`, OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`,
//!   APC `ESC _`, and two- or three-character `ESC x`) become one stand-in such as
//!   `␛[2J`. SGR sequences (`ESC [ ... m`, colours and bold) are dropped entirely, because
//!   showing them would only clutter text that was coloured in some other tool.
//!   A string sequence (OSC, DCS, SOS, PM, APC) without its terminator before the next
//!   line break only turns its introducer into a stand-in, so no data is hidden.
//! - C1 controls (U+0080 to U+009F) become `⟨U+0085⟩`. The C1 forms of CSI, OSC, DCS,
//!   SOS, PM and APC are parsed like their `ESC` forms, but never dropped.
//! - Bidi embeddings, overrides and isolates, zero-width spaces, word joiners, U+FEFF,
//!   U+2028/U+2029 and the other invisible format characters (general category Cf)
//!   become `⟨U+202E⟩`. Soft hyphens, ZWNJ, LRM, RLM and ALM are removed silently,
//!   because they only steer shaping or hyphenation.
//! - ZWJ (U+200D) and tag characters stay where they join an emoji sequence inside one
//!   grapheme cluster (family emoji, subdivision flags) and are removed elsewhere.
//!
//! Widths follow `unicode-width` per extended grapheme cluster, which is how ratatui
//! lays out cells, so [`wrap`] and [`truncate`] agree with what the screen draws.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns between tab stops when [`sanitize`] expands `\t`.
pub const TAB_STOP: usize = 4;

/// Maximum number of payload characters copied into an escape sequence's stand-in.
const MAX_SHOWN_PAYLOAD: usize = 40;

/// A piece of sanitised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Printable text, with `\n` as the only control character.
    Text(String),
    /// A visible stand-in for a control character or escape sequence, to be drawn dim.
    Control(String),
}

impl Segment {
    /// Returns the text of the segment, whichever kind it is.
    pub fn as_str(&self) -> &str {
        match self {
            Segment::Text(text) | Segment::Control(text) => text,
        }
    }
}

/// Splits `text` into printable text and visible stand-ins for everything a terminal
/// would act on. Adjacent text is merged into one segment.
pub fn sanitize(text: &str) -> Vec<Segment> {
    let mut out = Output::default();
    let mut rest = text;
    while !rest.is_empty() {
        let plain_len = rest.find(is_special_char).unwrap_or(rest.len());
        if plain_len > 0 {
            out.text(&rest[..plain_len]);
            rest = &rest[plain_len..];
            continue;
        }
        let consumed = push_special(&mut out, rest);
        rest = &rest[consumed..];
    }
    out.segments
}

/// Sanitises `text` like [`sanitize`] and joins the segments, for CLI output and
/// one-line previews.
pub fn sanitize_plain(text: &str) -> String {
    sanitize(text).iter().map(Segment::as_str).collect()
}

/// Returns the number of terminal columns `text` takes, summed over grapheme clusters
/// with `unicode-width` (CJK and emoji take 2, combining marks 0). Control characters
/// count 0, so measure sanitised text. For text with line breaks this is the sum over
/// all lines, like ratatui's `Span::width`.
pub fn display_width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// Wraps sanitised text to lines of at most `width` columns, breaking at word
/// boundaries where a word fits on a line and between grapheme clusters where it does
/// not. `\n` always starts a new line, and spaces at a break are dropped. A grapheme
/// wider than `width` is replaced by `…`. A `width` of 0 returns no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    text.split('\n').flat_map(|paragraph| wrap_paragraph(paragraph, width)).collect()
}

/// Cuts text to at most `width` columns, ending with `…` when anything was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let budget = width - 1;
    let mut used = 0;
    let mut out = String::new();
    for grapheme in text.graphemes(true) {
        let grapheme_columns = grapheme_width(grapheme);
        if used + grapheme_columns > budget {
            break;
        }
        used += grapheme_columns;
        out.push_str(grapheme);
    }
    out.push('…');
    out
}

fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.chars().any(char::is_control) {
        return 0;
    }
    // ratatui-core 0.1 adds a column for each halfwidth katakana voiced sound mark on top
    // of unicode-width's count, so the same is done here to stay within what it draws.
    let sound_marks = grapheme.chars().filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}')).count();
    grapheme.width() + sound_marks
}

#[derive(Default)]
struct Output {
    segments: Vec<Segment>,
    /// Columns since the last line break, for tab stops.
    column: usize,
}

impl Output {
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.advance(text);
        match self.segments.last_mut() {
            Some(Segment::Text(last)) => last.push_str(text),
            _ => self.segments.push(Segment::Text(text.to_string())),
        }
    }

    fn control(&mut self, stand_in: String) {
        self.advance(&stand_in);
        self.segments.push(Segment::Control(stand_in));
    }

    fn advance(&mut self, text: &str) {
        match text.rfind('\n') {
            Some(index) => self.column = display_width(&text[index + 1..]),
            None => self.column += display_width(text),
        }
    }
}

/// Characters that [`push_special`] replaces, removes or checks before they pass.
fn is_special_char(c: char) -> bool {
    (c.is_control() && c != '\n') || is_format_char(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// General category Cf (Unicode 16), the invisible format characters.
fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn is_tag_char(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// Format characters removed without a stand-in.
fn is_removed_silently(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn code_point_stand_in(c: char) -> String {
    format!("⟨U+{:04X}⟩", c as u32)
}

/// Handles the special character at the start of `rest` and returns the bytes consumed.
fn push_special(out: &mut Output, rest: &str) -> usize {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    match first {
        '\t' => {
            let spaces = TAB_STOP - out.column % TAB_STOP;
            out.text(&" ".repeat(spaces));
            1
        }
        '\r' if rest[1..].starts_with('\n') => {
            out.text("\n");
            2
        }
        '\r' => {
            out.control("␍".to_string());
            1
        }
        '\u{1B}' => push_escape(out, rest),
        '\u{7F}' => {
            out.control("␡".to_string());
            1
        }
        c if (c as u32) < 0x20 => {
            let picture = char::from_u32(0x2400 + c as u32).unwrap_or('�');
            out.control(picture.to_string());
            1
        }
        c if ('\u{80}'..='\u{9F}').contains(&c) => push_c1(out, rest, c),
        '\u{200D}' | '\u{E0020}'..='\u{E007F}' => push_joiner(out, rest),
        c if is_removed_silently(c) => c.len_utf8(),
        c => {
            out.control(code_point_stand_in(c));
            c.len_utf8()
        }
    }
}

/// Keeps a ZWJ or tag run only where it sits inside an emoji grapheme cluster: the
/// previous text must end in a pictographic character and the cluster must go on.
fn push_joiner(out: &mut Output, rest: &str) -> usize {
    let run_len =
        rest.char_indices().find(|&(_, c)| !(c == '\u{200D}' || is_tag_char(c))).map_or(rest.len(), |(index, _)| index);
    let run = &rest[..run_len];
    let previous = match out.segments.last() {
        Some(Segment::Text(text)) => text.chars().last(),
        _ => None,
    };
    let after_emoji = previous.is_some_and(is_pictographic);
    let joins_next = rest[run_len..].chars().next().is_some_and(is_pictographic);
    let is_tag_sequence = run.chars().all(is_tag_char) && run.ends_with('\u{E007F}');

    if after_emoji && (joins_next || is_tag_sequence) {
        out.text(run);
    }
    run_len
}

/// Tests roughly whether a character starts or continues an emoji sequence, by the
/// pictographic blocks, dingbats and symbol ranges that emoji are drawn from.
fn is_pictographic(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}' | '\u{00AE}'
            | '\u{203C}'..='\u{3299}'
            | '\u{1F000}'..='\u{1FAFF}'
            | '\u{FE0F}'
    )
}

/// Handles the C1 control at the start of `rest`. String and CSI introducers are parsed
/// like their `ESC` forms, and other C1 controls become a code point stand-in.
fn push_c1(out: &mut Output, rest: &str, c: char) -> usize {
    let introducer = c.len_utf8();
    let prefix = code_point_stand_in(c);
    match c {
        '\u{9B}' => {
            let (len, body) = scan_csi(&rest[introducer..]);
            out.control(format!("{prefix}{body}"));
            introducer + len
        }
        '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => {
            match scan_string_sequence(&rest[introducer..], c == '\u{9D}') {
                Some((len, payload)) => {
                    out.control(format!("{prefix}{}", shown_payload(payload)));
                    introducer + len
                }
                None => {
                    out.control(prefix);
                    introducer
                }
            }
        }
        _ => {
            out.control(prefix);
            introducer
        }
    }
}

/// Handles the escape sequence at the start of `rest`, which begins with ESC.
fn push_escape(out: &mut Output, rest: &str) -> usize {
    let after = &rest[1..];
    let Some(kind) = after.chars().next() else {
        out.control("␛".to_string());
        return 1;
    };
    match kind {
        '[' => {
            let (len, body) = scan_csi(&after[1..]);
            if body.ends_with('m') && body[..body.len() - 1].bytes().all(|b| (0x30..=0x3F).contains(&b)) {
                // SGR: dropped, see the module documentation.
            } else {
                out.control(format!("␛[{body}"));
            }
            2 + len
        }
        ']' | 'P' | 'X' | '^' | '_' => match scan_string_sequence(&after[1..], kind == ']') {
            Some((len, payload)) => {
                out.control(format!("␛{kind}{}", shown_payload(payload)));
                2 + len
            }
            None => {
                out.control(format!("␛{kind}"));
                2
            }
        },
        ' '..='/' => {
            // nF sequence: intermediates 0x20-0x2F, then one final byte 0x30-0x7E.
            let intermediates = after.bytes().take_while(|b| (0x20..=0x2F).contains(b)).count();
            let has_final = after.as_bytes().get(intermediates).is_some_and(|b| (0x30..=0x7E).contains(b));
            let len = intermediates + usize::from(has_final);
            out.control(format!("␛{}", &after[..len]));
            1 + len
        }
        '0'..='~' => {
            out.control(format!("␛{kind}"));
            2
        }
        _ => {
            out.control("␛".to_string());
            1
        }
    }
}

/// Scans CSI parameters, intermediates and the final byte after the introducer.
/// Returns the bytes consumed and the printable body; stops early at anything else.
fn scan_csi(text: &str) -> (usize, &str) {
    let bytes = text.as_bytes();
    let params = bytes.iter().take_while(|b| (0x30..=0x3F).contains(*b)).count();
    let intermediates = bytes[params..].iter().take_while(|b| (0x20..=0x2F).contains(*b)).count();
    let end = params + intermediates;
    let has_final = bytes.get(end).is_some_and(|b| (0x40..=0x7E).contains(b));
    let len = end + usize::from(has_final);
    (len, &text[..len])
}

/// Finds the terminator of an OSC or other string sequence: ST (`ESC \` or U+009C),
/// or BEL for OSC. Returns the bytes consumed (terminator included) and the payload,
/// or `None` when a line break or the end of the text comes first.
fn scan_string_sequence(text: &str, bel_ends: bool) -> Option<(usize, &str)> {
    for (index, c) in text.char_indices() {
        match c {
            '\u{7}' if bel_ends => return Some((index + 1, &text[..index])),
            '\u{9C}' => return Some((index + c.len_utf8(), &text[..index])),
            '\u{1B}' if text[index + 1..].starts_with('\\') => return Some((index + 2, &text[..index])),
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// Formats the payload of a string sequence for its stand-in, with its own control
/// characters replaced and cut to [`MAX_SHOWN_PAYLOAD`] characters.
fn shown_payload(payload: &str) -> String {
    let mut excerpt: String =
        payload.chars().take(MAX_SHOWN_PAYLOAD).map(|c| if is_special_char(c) { '·' } else { c }).collect();
    if payload.chars().count() > MAX_SHOWN_PAYLOAD {
        excerpt.push('…');
    }
    excerpt
}

fn wrap_paragraph(paragraph: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;

    for word in paragraph.split_word_bounds() {
        let word_width = display_width(word);
        let is_space = word.chars().all(char::is_whitespace);
        if used + word_width <= width {
            if !(is_space && used == 0 && !lines.is_empty()) {
                line.push_str(word);
                used += word_width;
            }
            continue;
        }
        if is_space {
            lines.push(finish_line(&mut line));
            used = 0;
            continue;
        }
        if word_width <= width {
            lines.push(finish_line(&mut line));
            line.push_str(word);
            used = word_width;
            continue;
        }
        for grapheme in word.graphemes(true) {
            let (grapheme, columns) = match grapheme_width(grapheme) {
                columns if columns > width => ("…", 1),
                columns => (grapheme, columns),
            };
            if used + columns > width {
                lines.push(finish_line(&mut line));
                used = 0;
            }
            line.push_str(grapheme);
            used += columns;
        }
    }
    lines.push(finish_line(&mut line));
    lines
}

/// Takes the line out of `line`, without spaces left at the break.
fn finish_line(line: &mut String) -> String {
    let finished = line.trim_end().to_string();
    line.clear();
    finished
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_dropped_and_clear_shown() {
        assert_eq!(sanitize_plain("\u{1b}[32mgreen\u{1b}[m"), "green");
        assert_eq!(
            sanitize("a\u{1b}[2Jb"),
            vec![Segment::Text("a".into()), Segment::Control("␛[2J".into()), Segment::Text("b".into())]
        );
    }

    #[test]
    fn osc_shown_with_payload() {
        assert_eq!(sanitize_plain("t\u{1b}]0;owned\u{7} set"), "t␛]0;owned set");
        assert_eq!(sanitize_plain("t\u{1b}]0;x\u{1b}\\y"), "t␛]0;xy");
    }

    #[test]
    fn unterminated_osc_keeps_text() {
        assert_eq!(sanitize_plain("\u{1b}]0;still here"), "␛]0;still here");
    }

    #[test]
    fn carriage_returns() {
        assert_eq!(sanitize_plain("a\r\nb"), "a\nb");
        assert_eq!(sanitize_plain("a\rb"), "a␍b");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(sanitize_plain("\tx"), "    x");
        assert_eq!(sanitize_plain("ab\tx"), "ab  x");
        assert_eq!(sanitize_plain("abcd\tx"), "abcd    x");
        assert_eq!(sanitize_plain("a\nb\tx"), "a\nb   x");
        assert_eq!(sanitize_plain("中\tx"), "中  x");
    }

    #[test]
    fn c0_c1_and_del_pictures() {
        assert_eq!(sanitize_plain("a\u{7}\u{8}\u{0}\u{7f}"), "a␇␈␀␡");
        assert_eq!(sanitize_plain("x\u{85}y"), "x⟨U+0085⟩y");
        assert_eq!(sanitize_plain("x\u{9b}31my"), "x⟨U+009B⟩31my");
    }

    #[test]
    fn bidi_and_zero_width_shown() {
        assert_eq!(sanitize_plain("a\u{202E}b"), "a⟨U+202E⟩b");
        assert_eq!(sanitize_plain("a\u{2066}b\u{2069}"), "a⟨U+2066⟩b⟨U+2069⟩");
        assert_eq!(sanitize_plain("a\u{200B}b"), "a⟨U+200B⟩b");
        assert_eq!(sanitize_plain("\u{FEFF}id"), "⟨U+FEFF⟩id");
    }

    #[test]
    fn emoji_joiners_kept() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(sanitize_plain(family), family);
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(sanitize_plain(england), england);
    }

    #[test]
    fn stray_joiners_removed() {
        assert_eq!(sanitize_plain("space\u{200D} joiner"), "space joiner");
        assert_eq!(sanitize_plain("a\u{E0041}b"), "ab");
        assert_eq!(sanitize_plain("می\u{200C}خواهم"), "میخواهم");
    }

    #[test]
    fn widths_by_grapheme() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("中文"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("🇨🇳"), 2);
        // One more than unicode-width 0.2 gives, as ratatui-core 0.1 counts it.
        assert_eq!(display_width("ｶﾞ"), 3);
    }

    #[test]
    fn wrap_by_words() {
        assert_eq!(wrap("the quick brown fox", 10), vec!["the quick", "brown fox"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("中文字符", 3), vec!["中", "文", "字", "符"]);
        assert_eq!(wrap("中", 1), vec!["…"]);
        assert!(wrap("x", 0).is_empty());
    }

    #[test]
    fn truncate_with_ellipsis() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 5), "hell…");
        assert_eq!(truncate("中文字符", 5), "中文…");
        assert_eq!(truncate("hello", 0), "");
    }
}
