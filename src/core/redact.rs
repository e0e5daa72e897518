//! Redaction: finding personal data in item text and replacing it with a placeholder.
//!
//! A [`Redactor`] is built once from the `[redaction]` table of `quorum.toml`: built-in
//! presets (e-mail, phone numbers, mainland-China mobile numbers and resident ids, IP
//! addresses, URLs) and custom rules, each a regular expression. The regular expressions
//! only find candidates. Each candidate must then pass the rule's boundary check: no ASCII
//! letter or digit may touch either end, so a phone number inside a longer number does not
//! match. Some presets also run a validator, such as the resident id checksum.
//!
//! When candidates of several rules overlap, the leftmost wins, then the longest, then the
//! rule listed first. Replacing a match can join its neighbours into a new match (text
//! around a replaced e-mail address may then start a phone number), so [`Redactor::redact`]
//! repeats until nothing changes; redacting twice gives the same text as redacting once.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::str::FromStr;

/// The maximum number of passes [`Redactor::redact`] makes. Each pass that changes the text removes
/// original characters, so real text settles in one or two passes. The cap only stops a
/// custom rule whose replacement matches its own pattern from looping forever.
const MAX_PASSES: usize = 32;

/// The placeholder written in place of a match when `[redaction] replacement` is not set.
pub const DEFAULT_REPLACEMENT: &str = "[{name}]";

/// A built-in rule, named in `[redaction] presets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Email,
    /// International numbers written with a `+` and a country code (E.164, up to 15 digits).
    Phone,
    /// Mainland-China mobile numbers, `1[3-9]` and nine more digits, with an optional
    /// `+86`/`86` prefix and spaces or dashes.
    CnMobile,
    /// Mainland-China resident identity numbers: 18 characters with a plausible birth date
    /// and a valid ISO 7064 MOD 11-2 check character.
    CnId,
    /// IPv4 and IPv6 addresses.
    Ip,
    /// `http://`, `https://` and `ftp://` URLs, and addresses starting with `www.`.
    Url,
}

impl Preset {
    pub const ALL: [Preset; 6] =
        [Preset::Email, Preset::Phone, Preset::CnMobile, Preset::CnId, Preset::Ip, Preset::Url];

    /// Returns the name used in `quorum.toml` and in placeholders.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Email => "email",
            Preset::Phone => "phone",
            Preset::CnMobile => "cn-mobile",
            Preset::CnId => "cn-id",
            Preset::Ip => "ip",
            Preset::Url => "url",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Returns the candidate patterns. IPv4 and IPv6 are two patterns of one rule.
    fn patterns(self) -> &'static [&'static str] {
        match self {
            Preset::Email => &[
                r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?){0,8}\.[A-Za-z]{2,24}",
            ],
            Preset::Phone => &[r"\+[1-9][0-9]{0,2}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,6}"],
            Preset::CnMobile => &[r"(?:\+?86[ \-]?)?1[3-9][0-9](?:[ \-]?[0-9]{4}){2}"],
            Preset::CnId => {
                &[r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"]
            }
            Preset::Ip => &[
                r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])",
                r"(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4})?",
            ],
            // NOTE: only ASCII URL characters match, because Chinese text often continues
            // right after a URL without a space. A host written in Chinese characters
            // (an internationalised domain name) is therefore not matched. A match stops
            // 2,048 characters after `//` or `www.`, so the tail of a longer URL stays visible.
            Preset::Url => &[r"(?i:(?:https?|ftp)://|www\.)[A-Za-z0-9][A-Za-z0-9\-._~:/?#@!$&*+,;=%]{0,2047}"],
        }
    }

    /// Checks a candidate beyond its pattern and returns the length in bytes to keep,
    /// or `None` to reject it. `pattern` is the index into [`Preset::patterns`].
    fn accept(self, pattern: usize, candidate: &str) -> Option<usize> {
        match (self, pattern) {
            (Preset::Phone, _) => {
                let digits = candidate.bytes().filter(u8::is_ascii_digit).count();
                let trimmed = candidate.trim_end_matches(['(', ' ', '.', '-']);
                let balanced = trimmed.matches('(').count() == trimmed.matches(')').count();
                ((8..=15).contains(&digits) && balanced).then_some(trimmed.len())
            }
            (Preset::CnId, _) => valid_resident_id(candidate, today_year()).then_some(candidate.len()),
            (Preset::Ip, 1) => valid_ipv6(candidate),
            (Preset::Url, _) => {
                // Sentence punctuation after a URL is not part of it.
                let kept = candidate.trim_end_matches(['.', ',', ';', ':', '!', '?']);
                let host = match kept.split_once("//") {
                    Some((_, rest)) => rest,
                    None => kept.get(4..).unwrap_or_default(),
                };
                host.starts_with(|c: char| c.is_ascii_alphanumeric()).then_some(kept.len())
            }
            _ => Some(candidate.len()),
        }
    }

    /// Characters that must not touch a match on either side: they would make it part
    /// of a longer token (an IPv4 address inside a version number `1.2.3.4.5`).
    ///
    /// The patterns bound every repetition, so that a rejected candidate costs a bounded
    /// scan when the search retries one character further on, even in a megabyte of text.
    fn joins(self, c: char, after: bool) -> bool {
        match self {
            // A URL match only stops early at its length bound, and then the rest of the
            // URL follows, so only the character before it is checked.
            Preset::Url => !after && c.is_ascii_alphanumeric(),
            Preset::Ip => c.is_ascii_alphanumeric() || c == ':' || (c == '.' && !after),
            Preset::Email => c.is_ascii_alphanumeric() || c == '@',
            _ => c.is_ascii_alphanumeric(),
        }
    }
}

/// Returns the current year for the birth-date check, so that ids born in the future are rejected.
fn today_year() -> i32 {
    chrono::Utc::now().year()
}

/// Whether `id` is a plausible mainland-China resident identity number: 17 digits and a
/// check character, a real birth date between 1900 and `this_year`, and the ISO 7064
/// MOD 11-2 check character (weights `2^(17-i) mod 11`, remainders mapped to `10X98765432`).
pub fn valid_resident_id(id: &str, this_year: i32) -> bool {
    let bytes = id.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }

    let number = |range: Range<usize>| id[range].parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(6..10), number(10..12), number(12..14)) else {
        return false;
    };
    let year = year as i32;
    if !(1900..=this_year).contains(&year) || NaiveDate::from_ymd_opt(year, month, day).is_none() {
        return false;
    }

    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = bytes[..17].iter().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    bytes[17].to_ascii_uppercase() == CHECK[(sum % 11) as usize]
}

/// Returns the length of the IPv6 address at the start of `candidate`, if it is one. A
/// single trailing colon (an address at the end of a sentence, `fe80::1:`) is dropped.
fn valid_ipv6(candidate: &str) -> Option<usize> {
    let has_hex_digit = |s: &str| s.bytes().any(|b| b.is_ascii_hexdigit());
    let mut text = candidate;
    if text.ends_with(':') && !text.ends_with("::") {
        text = &text[..text.len() - 1];
    }
    (has_hex_digit(text) && std::net::Ipv6Addr::from_str(text).is_ok()).then_some(text.len())
}

/// A custom rule from `[[redaction.rules]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomRule {
    pub name: String,
    pub pattern: String,
    /// Overrides the table-wide replacement for this rule.
    pub replacement: Option<String>,
}

/// Why a rule could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// The pattern is not a valid regular expression; `error` is the regex crate's message.
    InvalidPattern { rule: String, error: String },
    /// The pattern matches the empty string, so it would insert placeholders everywhere.
    MatchesEmpty { rule: String },
}

/// One compiled rule.
#[derive(Debug, Clone)]
struct Rule {
    name: String,
    /// `None` for a custom rule, which has no boundary check or validator.
    preset: Option<Preset>,
    regexes: Vec<Regex>,
    replacement: String,
}

/// One match: the rule (an index into [`Redactor::rule_names`]) and the byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub rule: usize,
    pub range: Range<usize>,
}

/// Compiled redaction rules. An empty redactor returns every text unchanged.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    rules: Vec<Rule>,
}

impl PartialEq for Redactor {
    /// Two redactors are equal when they have the same rules, patterns and replacements.
    fn eq(&self, other: &Redactor) -> bool {
        let key = |r: &Rule| {
            (
                r.name.clone(),
                r.regexes.iter().map(|x| x.as_str().to_string()).collect::<Vec<_>>(),
                r.replacement.clone(),
            )
        };
        self.rules.len() == other.rules.len() && self.rules.iter().map(key).eq(other.rules.iter().map(key))
    }
}

impl Redactor {
    /// Compiles `presets`, then `custom` rules, in that order. `replacement` is the
    /// placeholder template, where `{name}` stands for the rule's name.
    pub fn new(presets: &[Preset], custom: &[CustomRule], replacement: &str) -> Result<Redactor, RuleError> {
        let fill = |template: &str, name: &str| template.replace("{name}", name);
        let mut rules = Vec::new();
        for &preset in presets {
            let regexes = preset.patterns().iter().map(|p| Regex::new(p).expect("preset patterns are valid")).collect();
            rules.push(Rule {
                name: preset.name().to_string(),
                preset: Some(preset),
                regexes,
                replacement: fill(replacement, preset.name()),
            });
        }
        for rule in custom {
            let regex = Regex::new(&rule.pattern)
                .map_err(|e| RuleError::InvalidPattern { rule: rule.name.clone(), error: e.to_string() })?;
            if regex.is_match("") {
                return Err(RuleError::MatchesEmpty { rule: rule.name.clone() });
            }
            let template = rule.replacement.as_deref().unwrap_or(replacement);
            rules.push(Rule {
                name: rule.name.clone(),
                preset: None,
                regexes: vec![regex],
                replacement: fill(template, &rule.name),
            });
        }
        Ok(Redactor { rules })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Sets the placeholder template of the rule called `name`. Returns false when there is
    /// no such rule.
    pub fn set_replacement(&mut self, name: &str, template: &str) -> bool {
        match self.rules.iter_mut().find(|r| r.name == name) {
            Some(rule) => {
                rule.replacement = template.replace("{name}", name);
                true
            }
            None => false,
        }
    }

    /// Returns the rule names in match order: presets as listed, then custom rules.
    pub fn rule_names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.name.as_str())
    }

    /// Returns the index of the rule called `name`.
    pub fn rule_index(&self, name: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.name == name)
    }

    /// Finds every match, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut candidates = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            for (pattern, regex) in rule.regexes.iter().enumerate() {
                collect_matches(text, index, rule.preset, pattern, regex, &mut candidates);
            }
        }

        // Leftmost first, then longest, then the rule listed first.
        candidates.sort_by(|a, b| {
            (a.range.start, std::cmp::Reverse(a.range.end), a.rule).cmp(&(
                b.range.start,
                std::cmp::Reverse(b.range.end),
                b.rule,
            ))
        });
        let mut kept: Vec<Match> = Vec::new();
        for candidate in candidates {
            if kept.last().is_none_or(|last| candidate.range.start >= last.range.end) {
                kept.push(candidate);
            }
        }
        kept
    }

    /// Replaces every match with its rule's placeholder. Text without a match is returned borrowed.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.redact_counting(text, &mut vec![0; self.rules.len()])
    }

    /// Like [`Redactor::redact`], and adds the number of matches of each rule to `counts`
    /// (indexed like [`Redactor::rule_names`]; it must have one entry per rule).
    pub fn redact_counting<'a>(&self, text: &'a str, counts: &mut [u64]) -> Cow<'a, str> {
        let mut current: Cow<'a, str> = Cow::Borrowed(text);
        for _ in 0..MAX_PASSES {
            let matches = self.find(&current);
            if matches.is_empty() {
                break;
            }
            let next = self.replace(&current, &matches);
            if next == current.as_ref() {
                break;
            }
            for m in &matches {
                counts[m.rule] += 1;
            }
            current = Cow::Owned(next);
        }
        current
    }

    fn replace(&self, text: &str, matches: &[Match]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for m in matches {
            out.push_str(&text[at..m.range.start]);
            out.push_str(&self.rules[m.rule].replacement);
            at = m.range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Redacts the values of `fields`, leaving the columns named in `keep` (the id, gold
    /// and image columns) as they are. Returns the fields borrowed when nothing matched.
    pub fn redact_fields<'a>(&self, fields: &'a [(String, String)], keep: &[&str]) -> Cow<'a, [(String, String)]> {
        self.redact_fields_counting(fields, keep, &mut vec![0; self.rules.len()])
    }

    /// Like [`Redactor::redact_fields`], and adds the matches of each rule to `counts`.
    pub fn redact_fields_counting<'a>(
        &self,
        fields: &'a [(String, String)],
        keep: &[&str],
        counts: &mut [u64],
    ) -> Cow<'a, [(String, String)]> {
        if self.is_empty() {
            return Cow::Borrowed(fields);
        }
        let mut changed: Option<Vec<(String, String)>> = None;
        for (index, (column, value)) in fields.iter().enumerate() {
            if keep.contains(&column.as_str()) {
                continue;
            }
            if let Cow::Owned(redacted) = self.redact_counting(value, counts) {
                let copy = changed.get_or_insert_with(|| fields.to_vec());
                copy[index].1 = redacted;
            }
        }
        match changed {
            Some(copy) => Cow::Owned(copy),
            None => Cow::Borrowed(fields),
        }
    }
}

/// Adds the accepted matches of one pattern to `out`. A rejected candidate is retried one
/// character further on, so a valid match that starts inside it is still found.
fn collect_matches(
    text: &str,
    rule: usize,
    preset: Option<Preset>,
    pattern: usize,
    regex: &Regex,
    out: &mut Vec<Match>,
) {
    let mut from = 0;
    while from <= text.len() {
        let Some(found) = regex.find_at(text, from) else { break };
        let (start, end) = (found.start(), found.end());
        let accepted = match preset {
            None => (end > start).then_some(end),
            Some(preset) => preset
                .accept(pattern, found.as_str())
                .map(|len| start + len)
                .filter(|&end| end > start && !touches(text, start, end, preset))
                .filter(|&end| !(preset == Preset::Ip && pattern == 0 && reads_as_section_number(text, start, end))),
        };
        match accepted {
            Some(end) => {
                out.push(Match { rule, range: start..end });
                from = end;
            }
            None => from = next_char(text, start),
        }
    }
}

/// Whether a character that [joins](Preset::joins) the match sits right before or after it.
fn touches(text: &str, start: usize, end: usize, preset: Preset) -> bool {
    let before = text[..start].chars().next_back().is_some_and(|c| preset.joins(c, false));
    let mut rest = text[end..].chars();
    let after = match rest.next() {
        // A full stop or colon after an address only joins it when the address goes on
        // (`1.2.3.4.5`, `fe80::1:2`), not at the end of a sentence.
        Some('.') if preset == Preset::Ip => rest.next().is_some_and(|c| c.is_ascii_digit()),
        Some(':') if preset == Preset::Ip => rest.next().is_some_and(|c| c.is_ascii_hexdigit() || c == ':'),
        Some(c) => preset.joins(c, true),
        None => false,
    };
    before || after
}

/// Addresses whose four parts are single digits that people do write: public DNS resolvers.
const SINGLE_DIGIT_ADDRESSES: [&str; 5] = ["1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9"];

/// Whether an IPv4 candidate is more likely a section number (`2.4.3.5`) than an address:
/// all four parts are single digits and it is none of [`SINGLE_DIGIT_ADDRESSES`].
///
/// Private and customer addresses almost always have a part of two or more digits
/// (10.0.0.1, 192.168.1.20) and are matched wherever they stand. The rule looks only at
/// the candidate itself, not at words around it, so that redacting text twice changes
/// nothing the second time (a placeholder such as `[ip]` must not turn a later number
/// into an address).
fn reads_as_section_number(text: &str, start: usize, end: usize) -> bool {
    let candidate = &text[start..end];
    candidate.split('.').all(|part| part.len() == 1) && !SINGLE_DIGIT_ADDRESSES.contains(&candidate)
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_presets() -> Redactor {
        Redactor::new(&Preset::ALL, &[], DEFAULT_REPLACEMENT).unwrap()
    }

    fn only(preset: Preset) -> Redactor {
        Redactor::new(&[preset], &[], DEFAULT_REPLACEMENT).unwrap()
    }

    #[test]
    fn resident_id_checksum() {
        assert!(valid_resident_id("11010519491231002X", 2026));
        assert!(valid_resident_id("11010519491231002x", 2026));
        assert!(!valid_resident_id("110105194912310021", 2026), "wrong check character");
        assert!(!valid_resident_id("110105194913310028", 2026), "month 13");
        assert!(!valid_resident_id("11010520490101002X", 2026), "born in the future");
    }

    #[test]
    fn ipv6_trailing_colon_dropped() {
        assert_eq!(valid_ipv6("fe80::1:"), Some(7));
        assert_eq!(valid_ipv6("::"), None);
        assert_eq!(valid_ipv6("12:30:"), None);
    }

    #[test]
    fn overlapping_rules_keep_leftmost_longest() {
        let text = "see https://a.example/x?mail=a@b.com now";
        let found = all_presets().find(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "https://a.example/x?mail=a@b.com");
    }

    #[test]
    fn custom_rule_errors_name_rule() {
        let bad = CustomRule { name: "ticket".into(), pattern: "TICKET-[".into(), replacement: None };
        assert!(
            matches!(Redactor::new(&[], &[bad], "[x]"), Err(RuleError::InvalidPattern { rule, .. }) if rule == "ticket")
        );
        let empty = CustomRule { name: "any".into(), pattern: "a*".into(), replacement: None };
        assert_eq!(Redactor::new(&[], &[empty], "[x]").unwrap_err(), RuleError::MatchesEmpty { rule: "any".into() });
    }

    #[test]
    fn custom_replacement_overrides_template() {
        let rule = CustomRule {
            name: "ticket".into(),
            pattern: "TICKET-[0-9]{6}".into(),
            replacement: Some("<{name}>".into()),
        };
        let redactor = Redactor::new(&[Preset::Email], &[rule], "[{name}]").unwrap();
        assert_eq!(redactor.redact("TICKET-123456 from a@b.org"), "<ticket> from [email]");
    }

    #[test]
    fn phone_needs_country_code() {
        assert_eq!(only(Preset::Phone).redact("call +44 20 7946 0958."), "call [phone].");
        assert_eq!(only(Preset::Phone).redact("call (020) 7946 0958"), "call (020) 7946 0958");
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        assert!(matches!(all_presets().redact("nothing here 12345"), Cow::Borrowed(_)));
    }
}
