//! Agreement kept up to date answer by answer, for the live panel.

use std::collections::HashMap;

use super::krippendorff::{Level, alpha_from_coincidence};
use super::pair_counts::PairCounts;
use super::stat::{Stat, Undefined, table_precondition};

/// Percent agreement and nominal Krippendorff's alpha maintained from counts only: pair
/// counts per item size, answers per annotator and the label names. It never stores
/// individual answers, so the caller passes an item's previous answers on each change.
///
/// After any sequence of updates the values equal [`super::summary`] on a [`super::Ratings`]
/// built from the final answers, up to floating-point summation order (1e-12 in tests).
#[derive(Debug, Clone)]
pub struct LiveAgreement {
    labels: Vec<String>,
    label_index: HashMap<String, usize>,
    pairs: PairCounts,
    answers_per_annotator: HashMap<String, u64>,
    n_annotations: u64,
}

impl LiveAgreement {
    /// Starts with no answers. Labels met later that are not in `labels` are appended.
    pub fn new(labels: &[String]) -> Self {
        let mut live = LiveAgreement {
            labels: Vec::new(),
            label_index: HashMap::new(),
            pairs: PairCounts::new(0),
            answers_per_annotator: HashMap::new(),
            n_annotations: 0,
        };
        for label in labels {
            live.index_of(label);
        }
        live
    }

    /// Replaces one item's answers: `before` must be the answers last passed as `after` for
    /// this item (empty for a new item). In each slice of `(annotator, label)` a repeated
    /// annotator keeps only its last label, as in [`super::RatingsBuilder::add`].
    pub fn update_item(&mut self, before: &[(&str, &str)], after: &[(&str, &str)]) {
        let before = last_answer_per_annotator(before);
        let after = last_answer_per_annotator(after);

        let removed = self.label_counts(&before);
        self.pairs.remove_item(&removed);
        for (annotator, _) in &before {
            self.forget_answer(annotator);
        }

        let added = self.label_counts(&after);
        self.pairs.add_item(&added);
        for (annotator, _) in &after {
            *self.answers_per_annotator.entry((*annotator).to_string()).or_insert(0) += 1;
            self.n_annotations += 1;
        }
    }

    pub fn percent_agreement(&self) -> Stat {
        if let Some(reason) = self.precondition() {
            return Stat::Undefined(reason);
        }
        match self.pairs.percent_agreement() {
            Some(value) => Stat::Value(value),
            None => Stat::Undefined(Undefined::NoPairableItems),
        }
    }

    /// Nominal Krippendorff's alpha.
    pub fn krippendorff_alpha(&self) -> Stat {
        if let Some(reason) = self.precondition() {
            return Stat::Undefined(reason);
        }
        alpha_from_coincidence(&self.pairs.coincidence_matrix(), &self.labels, Level::Nominal)
    }

    /// Number of items with answers from two or more annotators.
    pub fn n_items_paired(&self) -> usize {
        self.pairs.n_items_paired()
    }

    /// Label names in the index order used by the counts.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    fn precondition(&self) -> Option<Undefined> {
        table_precondition(self.n_annotations as usize, self.answers_per_annotator.len())
    }

    fn index_of(&mut self, label: &str) -> usize {
        if let Some(&i) = self.label_index.get(label) {
            return i;
        }
        self.labels.push(label.to_string());
        self.label_index.insert(label.to_string(), self.labels.len() - 1);
        self.pairs.grow(self.labels.len());
        self.labels.len() - 1
    }

    fn label_counts(&mut self, answers: &[(&str, &str)]) -> Vec<u64> {
        let indices: Vec<usize> = answers.iter().map(|(_, label)| self.index_of(label)).collect();
        let mut counts = vec![0; self.labels.len()];
        for i in indices {
            counts[i] += 1;
        }
        counts
    }

    fn forget_answer(&mut self, annotator: &str) {
        self.n_annotations = self.n_annotations.saturating_sub(1);
        if let Some(count) = self.answers_per_annotator.get_mut(annotator) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.answers_per_annotator.remove(annotator);
            }
        }
    }
}

/// Keeps the last label of each annotator, in order of the annotator's first appearance.
fn last_answer_per_annotator<'a>(answers: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut kept: Vec<(&str, &str)> = Vec::with_capacity(answers.len());
    for &(annotator, label) in answers {
        match kept.iter_mut().find(|(a, _)| *a == annotator) {
            Some(slot) => slot.1 = label,
            None => kept.push((annotator, label)),
        }
    }
    kept
}
