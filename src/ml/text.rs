//! Terms of a text: word n-grams and character n-grams.
//!
//! Words are the Unicode word segments of UAX #29 (`unicode-segmentation`), lowercased,
//! so each CJK ideograph is a word of its own. Each segment is then cut at every
//! character that is neither alphanumeric nor `_`, so "don't" gives "don" and "t" and
//! "3.14" gives "3" and "14". Outside CJK text these are the words of scikit-learn's
//! `\w+` tokens.
//!
//! Character n-grams run over the whole lowercased text with every run of whitespace
//! or control characters folded to one space. Word terms start with `w:` and character
//! terms with `c:`, so a one-letter word and the same character never share a column
//! when both kinds are on.

use unicode_segmentation::UnicodeSegmentation;

/// N-gram ranges `(min, max)` to extract. A range with `max == 0` is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NgramRanges {
    pub word: (usize, usize),
    pub char: (usize, usize),
}

/// Appends every term of `text` to `terms`, repeats included.
pub fn extract_terms(text: &str, ranges: &NgramRanges, terms: &mut Vec<String>) {
    let lower = text.to_lowercase();
    if ranges.word.1 > 0 {
        let words: Vec<&str> = lower.unicode_words().flat_map(word_pieces).collect();
        push_word_ngrams(&words, ranges.word, terms);
    }
    if ranges.char.1 > 0 {
        push_char_ngrams(&fold_whitespace(&lower), ranges.char, terms);
    }
}

fn push_char_ngrams(text: &str, (min, max): (usize, usize), terms: &mut Vec<String>) {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let n_chars = bounds.len() - 1;
    for n in min.max(1)..=max {
        for start in 0..(n_chars + 1).saturating_sub(n) {
            let mut term = String::from("c:");
            term.push_str(&text[bounds[start]..bounds[start + n]]);
            terms.push(term);
        }
    }
}

fn push_word_ngrams(words: &[&str], (min, max): (usize, usize), terms: &mut Vec<String>) {
    for n in min.max(1)..=max {
        for window in words.windows(n) {
            terms.push(format!("w:{}", window.join(" ")));
        }
    }
}

/// Cuts one word segment at the characters that cannot be part of a word.
fn word_pieces(segment: &str) -> impl Iterator<Item = &str> {
    segment.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|piece| !piece.is_empty())
}

/// Replaces each run of whitespace or control characters with one space and trims the ends.
fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_gap = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            in_gap = true;
            continue;
        }
        if in_gap && !out.is_empty() {
            out.push(' ');
        }
        in_gap = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, word: (usize, usize), char: (usize, usize)) -> Vec<String> {
        let mut out = Vec::new();
        extract_terms(text, &NgramRanges { word, char }, &mut out);
        out
    }

    #[test]
    fn word_ngrams_lowercased() {
        let got = terms("Hello, hello World!", (1, 2), (0, 0));
        let expected = ["w:hello", "w:hello", "w:world", "w:hello hello", "w:hello world"];
        assert_eq!(got, expected);
    }

    #[test]
    fn words_cut_at_apostrophes_and_points() {
        let got = terms("Don't pay 3.14, e.g. snake_case", (1, 1), (0, 0));
        let expected = ["w:don", "w:t", "w:pay", "w:3", "w:14", "w:e", "w:g", "w:snake_case"];
        assert_eq!(got, expected);
    }

    #[test]
    fn char_ngrams_fold_whitespace() {
        let got = terms(" Ab\r\n\tc ", (0, 0), (2, 2));
        assert_eq!(got, ["c:ab", "c:b ", "c: c"]);
    }

    #[test]
    fn chinese_chars_are_terms() {
        let got = terms("春眠不觉晓", (0, 0), (1, 2));
        assert_eq!(got.len(), 5 + 4);
        assert_eq!(got[0], "c:春");
        assert_eq!(got[5], "c:春眠");
        let words = terms("春眠", (1, 1), (0, 0));
        assert_eq!(words, ["w:春", "w:眠"]);
    }

    #[test]
    fn off_ranges_give_nothing() {
        assert!(terms("some text", (0, 0), (0, 0)).is_empty());
        assert!(terms("", (1, 2), (1, 3)).is_empty());
    }
}
