//! TF-IDF weighting of word and character n-grams.
//!
//! This is a small vectorizer of our own, not linfa-preprocessing's `TfIdfVectorizer`
//! (0.8), because that one has no character n-grams and no sublinear tf. Its words come
//! from a regex or a custom tokenizer function, and serde cannot store that function,
//! so a loaded model would need its tokenizer set again.
//!
//! The weights follow scikit-learn's `TfidfVectorizer(smooth_idf=True, norm="l2")`:
//! `idf = ln((1 + n) / (1 + df)) + 1` for `n` training documents, `tf` is the raw count
//! or `1 + ln(count)` when sublinear, and each row is scaled to unit L2 norm.

use crate::ml::features::SparseRow;
use crate::ml::text::{NgramRanges, extract_terms};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A fitted vocabulary with the idf weight of each term; column `i` is `terms[i]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "StoredVectorizer", into = "StoredVectorizer")]
pub struct TfIdfVectorizer {
    ranges: NgramRanges,
    sublinear_tf: bool,
    terms: Vec<String>,
    idf: Vec<f64>,
    index: HashMap<String, usize>,
}

/// The serialised form, without the lookup table that is rebuilt on load.
#[derive(Serialize, Deserialize)]
struct StoredVectorizer {
    ranges: NgramRanges,
    sublinear_tf: bool,
    terms: Vec<String>,
    idf: Vec<f64>,
}

impl From<StoredVectorizer> for TfIdfVectorizer {
    fn from(stored: StoredVectorizer) -> Self {
        let index = stored.terms.iter().enumerate().map(|(i, t)| (t.clone(), i)).collect();
        TfIdfVectorizer {
            ranges: stored.ranges,
            sublinear_tf: stored.sublinear_tf,
            terms: stored.terms,
            idf: stored.idf,
            index,
        }
    }
}

impl From<TfIdfVectorizer> for StoredVectorizer {
    fn from(v: TfIdfVectorizer) -> Self {
        StoredVectorizer { ranges: v.ranges, sublinear_tf: v.sublinear_tf, terms: v.terms, idf: v.idf }
    }
}

impl TfIdfVectorizer {
    /// Fits the vocabulary on `texts` and returns it with their TF-IDF rows.
    ///
    /// The vocabulary keeps the `max_features` terms of highest total count over all
    /// texts (repeats within a text count), ties broken by term order so that the result
    /// does not depend on hashing. This is the rule of scikit-learn's `max_features`, so
    /// both keep the same columns up to the order of ties.
    pub fn fit_transform(
        texts: &[&str],
        ranges: NgramRanges,
        sublinear_tf: bool,
        max_features: usize,
    ) -> (TfIdfVectorizer, Vec<SparseRow>) {
        let documents: Vec<Vec<String>> = texts.iter().map(|text| terms_of(text, &ranges)).collect();

        // Per term: (total count, document frequency). The count ranks the terms and the
        // document frequency sets the idf.
        let mut frequency: HashMap<&str, (usize, usize)> = HashMap::new();
        for terms in &documents {
            let mut seen: HashSet<&str> = HashSet::new();
            for term in terms {
                let entry = frequency.entry(term.as_str()).or_default();
                entry.0 += 1;
                if seen.insert(term.as_str()) {
                    entry.1 += 1;
                }
            }
        }

        let mut ranked: Vec<(&str, (usize, usize))> = frequency.into_iter().collect();
        ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
        ranked.truncate(max_features);

        let n = documents.len() as f64;
        let idf = ranked.iter().map(|&(_, (_, df))| ((1.0 + n) / (1.0 + df as f64)).ln() + 1.0).collect();
        let terms: Vec<String> = ranked.iter().map(|&(term, _)| term.to_string()).collect();
        let vectorizer = TfIdfVectorizer::from(StoredVectorizer { ranges, sublinear_tf, terms, idf });

        let rows = documents.iter().map(|terms| vectorizer.weigh(terms)).collect();
        (vectorizer, rows)
    }

    /// Computes the TF-IDF row of one text; terms outside the vocabulary are dropped.
    pub fn transform(&self, text: &str) -> SparseRow {
        self.weigh(&terms_of(text, &self.ranges))
    }

    pub fn n_features(&self) -> usize {
        self.terms.len()
    }

    /// Returns the term of each column.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    fn weigh(&self, terms: &[String]) -> SparseRow {
        let mut counts: HashMap<usize, f64> = HashMap::new();
        for term in terms {
            if let Some(&column) = self.index.get(term) {
                *counts.entry(column).or_default() += 1.0;
            }
        }

        let mut row: SparseRow = counts
            .into_iter()
            .map(|(column, count)| {
                let tf = if self.sublinear_tf { 1.0 + count.ln() } else { count };
                (column, tf * self.idf[column])
            })
            .collect();
        row.sort_by_key(|&(column, _)| column);

        let norm = row.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        row
    }
}

fn terms_of(text: &str, ranges: &NgramRanges) -> Vec<String> {
    let mut terms = Vec::new();
    extract_terms(text, ranges, &mut terms);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: NgramRanges = NgramRanges { word: (1, 1), char: (0, 0) };

    #[test]
    fn idf_matches_smooth_formula() {
        let (v, _) = TfIdfVectorizer::fit_transform(&["a b", "a c", "a"], WORDS, false, 10);
        // "w:a" is in all 3 documents: ln(4/4) + 1 = 1; "w:b" is in 1: ln(4/2) + 1.
        assert_eq!(v.terms()[0], "w:a");
        assert!((v.idf[0] - 1.0).abs() < 1e-12);
        let b = v.terms().iter().position(|t| t == "w:b").expect("w:b kept");
        assert!((v.idf[b] - (2.0f64.ln() + 1.0)).abs() < 1e-12);
    }

    #[test]
    fn rows_have_unit_norm() {
        let (_, rows) = TfIdfVectorizer::fit_transform(&["x y y", "y z"], WORDS, true, 10);
        for row in rows {
            let norm: f64 = row.iter().map(|&(_, w)| w * w).sum();
            assert!((norm - 1.0).abs() < 1e-12, "squared norm {norm}");
        }
    }

    #[test]
    fn sublinear_tf_damps_repeats() {
        let (v, _) = TfIdfVectorizer::fit_transform(&["p q", "p"], WORDS, true, 10);
        let row = v.transform("q q q q");
        // One column only, so the normalised weight is 1 either way; check the ratio instead.
        assert_eq!(row.len(), 1);
        let mixed = v.transform("p p p p q");
        let (p, q) = (mixed[0].1, mixed[1].1);
        let idf_q = 1.5f64.ln() + 1.0;
        let expected = (1.0 + 4.0f64.ln()) * 1.0 / idf_q;
        assert!((p / q - expected).abs() < 1e-9, "ratio {} expected {expected}", p / q);
    }

    #[test]
    fn vocabulary_cap_breaks_ties_by_term_order() {
        let (v, _) = TfIdfVectorizer::fit_transform(&["common rare1", "common rare2", "common"], WORDS, false, 2);
        assert_eq!(v.n_features(), 2);
        assert_eq!(v.terms(), ["w:common", "w:rare1"]);
    }

    #[test]
    fn vocabulary_capped_by_total_count() {
        // "w:echo" is in one text only but occurs four times. "w:wide" is in two texts once
        // each. A cap of one keeps the term with the higher total count.
        let (v, _) = TfIdfVectorizer::fit_transform(&["echo echo echo echo wide", "wide"], WORDS, false, 1);
        assert_eq!(v.terms(), ["w:echo"]);
        // Its idf still comes from its document frequency: ln(3/2) + 1.
        assert!((v.idf[0] - (1.5f64.ln() + 1.0)).abs() < 1e-12);
    }

    #[test]
    fn unknown_terms_dropped() {
        let (v, _) = TfIdfVectorizer::fit_transform(&["alpha beta"], WORDS, false, 10);
        assert!(v.transform("gamma delta").is_empty());
    }

    #[test]
    fn serde_round_trip_rebuilds_index() {
        let (v, _) = TfIdfVectorizer::fit_transform(&["one two", "two three"], WORDS, true, 10);
        let json = serde_json::to_string(&v).expect("serialise");
        let back: TfIdfVectorizer = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back.transform("two three"), v.transform("two three"));
    }
}
