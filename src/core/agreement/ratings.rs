//! The items × annotators table of answers that every agreement statistic reads.

use std::cmp::Ordering;
use std::collections::HashMap;

/// A sparse items × annotators table of categorical answers.
///
/// Items, annotators and labels keep their strings and are addressed by index: items and
/// annotators in order of first appearance, labels in [`Ratings::labels`] order. Each
/// (item, annotator) pair holds at most one label, see [`RatingsBuilder::add`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ratings {
    labels: Vec<String>,
    items: Vec<String>,
    annotators: Vec<String>,
    /// Per item, `(annotator index, label index)` sorted by annotator index.
    answers: Vec<Vec<(usize, usize)>>,
    n_annotations: usize,
}

impl Ratings {
    pub fn builder() -> RatingsBuilder {
        RatingsBuilder::default()
    }

    /// Number of items with at least one answer.
    pub fn n_items(&self) -> usize {
        self.items.len()
    }

    /// Number of annotators with at least one answer.
    pub fn n_annotators(&self) -> usize {
        self.annotators.len()
    }

    /// Number of distinct (item, annotator) answers after repeated pairs are collapsed.
    pub fn n_annotations(&self) -> usize {
        self.n_annotations
    }

    /// Category names in index order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Item names in index order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Annotator names in index order.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// The answers on one item as `(annotator index, label index)`, sorted by annotator.
    pub fn item_answers(&self, item: usize) -> &[(usize, usize)] {
        &self.answers[item]
    }

    /// Number of answers per label index on one item.
    pub fn item_label_counts(&self, item: usize) -> Vec<u64> {
        let mut counts = vec![0; self.labels.len()];
        for &(_, label) in &self.answers[item] {
            counts[label] += 1;
        }
        counts
    }

    /// Index of an annotator by name.
    pub fn annotator_index(&self, name: &str) -> Option<usize> {
        self.annotators.iter().position(|a| a == name)
    }
}

/// Collects answers for a [`Ratings`] table.
#[derive(Debug, Clone, Default)]
pub struct RatingsBuilder {
    declared: Vec<String>,
    used_labels: Vec<String>,
    used_label_index: HashMap<String, usize>,
    items: Vec<String>,
    item_index: HashMap<String, usize>,
    annotators: Vec<String>,
    annotator_index: HashMap<String, usize>,
    /// Per item, `(annotator index, index into used_labels)` in the order added; a
    /// repeated annotator's last entry wins in [`RatingsBuilder::build`].
    answers: Vec<Vec<(usize, usize)>>,
}

impl RatingsBuilder {
    /// Fixes the order of label indices: declared labels come first in the given order,
    /// and labels that are used but not declared follow in order of first use.
    /// Declared labels that no answer uses stay in [`Ratings::labels`].
    pub fn declare_labels(&mut self, labels: &[String]) {
        for label in labels {
            if !self.declared.contains(label) {
                self.declared.push(label.clone());
            }
        }
    }

    /// Records one answer. When the same (item, annotator) pair is added again, the last
    /// label replaces the earlier one, as when an annotator edits an answer. So every
    /// statistic counts an annotator as one rater per item.
    pub fn add(&mut self, item: &str, annotator: &str, label: &str) {
        let item = intern(&mut self.items, &mut self.item_index, item);
        if item == self.answers.len() {
            self.answers.push(Vec::new());
        }
        let annotator = intern(&mut self.annotators, &mut self.annotator_index, annotator);
        let label = intern(&mut self.used_labels, &mut self.used_label_index, label);
        self.answers[item].push((annotator, label));
    }

    pub fn build(self) -> Ratings {
        let mut labels = self.declared;
        let mut remap = Vec::with_capacity(self.used_labels.len());
        for used in &self.used_labels {
            let index = match labels.iter().position(|l| l == used) {
                Some(index) => index,
                None => {
                    labels.push(used.clone());
                    labels.len() - 1
                }
            };
            remap.push(index);
        }

        let answers: Vec<Vec<(usize, usize)>> = self
            .answers
            .into_iter()
            .map(|mut row| {
                // A stable sort keeps each annotator's answers in the order added, so the
                // last of a run is the latest answer.
                row.sort_by_key(|&(annotator, _)| annotator);
                let mut kept: Vec<(usize, usize)> = Vec::with_capacity(row.len());
                for (annotator, label) in row {
                    match kept.last_mut() {
                        Some(last) if last.0 == annotator => last.1 = remap[label],
                        _ => kept.push((annotator, remap[label])),
                    }
                }
                kept
            })
            .collect();
        let n_annotations = answers.iter().map(Vec::len).sum();
        Ratings {
            labels,
            items: self.items,
            annotators: self.annotators,
            answers,
            n_annotations,
        }
    }
}

fn intern(names: &mut Vec<String>, index: &mut HashMap<String, usize>, name: &str) -> usize {
    if let Some(&i) = index.get(name) {
        return i;
    }
    names.push(name.to_string());
    index.insert(name.to_string(), names.len() - 1);
    names.len() - 1
}

/// Parses a label as a finite number, trimming surrounding whitespace.
pub fn numeric_value(label: &str) -> Option<f64> {
    label.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Orders the given label indices for ordinal and weighted statistics: by numeric value
/// when every one of these labels is a number, otherwise by label index.
pub fn rank_order(labels: &[String], indices: &[usize]) -> Vec<usize> {
    let mut order = indices.to_vec();
    let values: Option<Vec<f64>> = indices.iter().map(|&i| numeric_value(&labels[i])).collect();
    match values {
        Some(_) => order.sort_by(|&a, &b| {
            let (va, vb) = (numeric_value(&labels[a]), numeric_value(&labels[b]));
            va.partial_cmp(&vb)
                .unwrap_or(Ordering::Equal)
                .then(a.cmp(&b))
        }),
        None => order.sort_unstable(),
    }
    order
}
