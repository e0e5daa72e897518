//! The message catalogue: every string a person reads, in English and Simplified Chinese.
//!
//! Messages are constants declared with the [`messages!`](crate::messages) macro, one
//! file per area under `catalogue/`. A message cannot be declared without both
//! languages, and a test checks that both carry the same `{placeholders}`.
//!
//! The language is chosen once at start-up by [`detect`] and stored in a process-wide
//! cell, because drawing code deep inside widgets should not have to thread it through.

pub mod catalogue;
pub mod decoders;

use std::sync::atomic::{AtomicU8, Ordering};

/// A language the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    /// Parses a language tag such as `en`, `en_US.UTF-8`, `zh`, `zh-CN` or `zh_CN.UTF-8`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if lower.starts_with("en") || lower == "c" || lower == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language for every message drawn or printed from now on.
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::ZhCn,
        _ => Lang::En,
    }
}

/// Picks the language from `--lang`, then `QUORUM_LANG`, then the locale variables in
/// POSIX precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`). Unknown values fall through to
/// the next source, and English is the default.
pub fn detect(cli_flag: Option<&str>) -> Lang {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let candidates = [cli_flag.map(str::to_string), env("QUORUM_LANG"), env("LC_ALL"), env("LC_MESSAGES"), env("LANG")];
    candidates.iter().flatten().find_map(|tag| Lang::from_tag(tag)).unwrap_or(Lang::En)
}

/// One message in both languages. `{name}` marks a placeholder filled by [`Msg::fmt`].
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

impl Msg {
    /// The text in the current language.
    pub fn text(&self) -> &'static str {
        self.text_in(lang())
    }

    pub fn text_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::ZhCn => self.zh,
        }
    }

    /// Fills `{name}` placeholders with the given values, in the current language.
    pub fn fmt(&self, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.text(), args)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

/// Replaces each `{name}` in `template` with its value; unknown placeholders stay as written.
///
/// English messages pick a noun's form by a count with `{name|one|other}`, such as
/// `"{n} {n|problem|problems}"`: the first form when `name` is exactly 1, the second
/// otherwise. Chinese has no plural and needs no such marks.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        let value = value.to_string();
        out = out.replace(&format!("{{{name}}}"), &value);
        out = choose_plural_forms(&out, name, &value);
    }
    out
}

/// The English form of a noun for `count`: `one` for exactly 1, `other` otherwise.
pub fn plural<'a>(count: impl Into<f64>, one: &'a str, other: &'a str) -> &'a str {
    if count.into() == 1.0 { one } else { other }
}

/// Replaces every `{name|one|other}` in `text` with the form `value` asks for.
fn choose_plural_forms(text: &str, name: &str, value: &str) -> String {
    let opening = format!("{{{name}|");
    let Ok(count) = value.replace(',', "").parse::<f64>() else { return text.to_string() };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(&opening) {
        let after = &rest[start + opening.len()..];
        let Some(end) = after.find('}') else { break };
        let Some((one, other)) = after[..end].split_once('|') else { break };
        out.push_str(&rest[..start]);
        out.push_str(plural(count, one, other));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Declares message constants and an `ALL` slice listing them, for the catalogue test.
///
/// ```ignore
/// messages! {
///     SAVED: "Saved {n} answers." / "已保存 {n} 个回答。";
/// }
/// ```
#[macro_export]
macro_rules! messages {
    ($($name:ident : $en:literal / $zh:literal;)*) => {
        $(
            pub const $name: $crate::i18n::Msg = $crate::i18n::Msg {
                key: stringify!($name),
                en: $en,
                zh: $zh,
            };
        )*
        /// Every message declared in this file.
        pub const ALL: &[$crate::i18n::Msg] = &[$($name),*];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<String> {
        let mut names: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn catalogue_languages_share_placeholders() {
        for msg in catalogue::all() {
            assert_eq!(placeholders(msg.en), placeholders(msg.zh), "message {}", msg.key);
            assert!(!msg.en.trim().is_empty(), "empty English text in {}", msg.key);
            assert!(!msg.zh.trim().is_empty(), "empty Chinese text in {}", msg.key);
        }
    }

    #[test]
    fn catalogue_keys_unique() {
        let mut keys: Vec<_> = catalogue::all().map(|m| m.key).collect();
        let before = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(before, keys.len());
    }

    #[test]
    fn lang_tags_parse() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr_FR"), None);
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let template = "{n} {n|problem|problems} in {files} {files|file|files}";
        assert_eq!(fill(template, &[("n", &1), ("files", &2)]), "1 problem in 2 files");
        assert_eq!(fill(template, &[("n", &0), ("files", &1)]), "0 problems in 1 file");
        assert_eq!(fill("{n} {n|item|items}", &[("n", &"1,000")]), "1,000 items");
        assert_eq!(plural(1u32, "answer", "answers"), "answer");
    }

    #[test]
    fn fill_replaces_named_values() {
        assert_eq!(fill("{n} of {total}", &[("n", &3), ("total", &"10")]), "3 of 10");
    }
}
