//! Truth inference: one label per item, with a posterior, from many annotators' answers.
//!
//! Every method returns an [`Aggregation`] whose posteriors are indexed like
//! [`Ratings::labels`](crate::core::agreement::Ratings::labels) and sum to 1 per item.

mod blocks;
mod dawid_skene;
mod dispatch;
mod em;
mod glad;
mod mace;
mod majority;
mod method;
mod numeric;
mod one_coin;
mod parameters;
mod wawa;
mod wmv;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::BuildHasher;

use compact_str::CompactString;

use crate::core::agreement::Ratings;

pub use dawid_skene::{DawidSkeneOptions, dawid_skene};
pub use dispatch::{AggregateOptions, aggregate};
pub use em::EmOptions;
pub use glad::{GladOptions, glad};
pub use mace::{MaceOptions, mace};
pub use majority::{majority_vote, smallest_label_order};
pub use method::{AggregationError, Method, OptionRule, TieRule};
pub use numeric::{NumericEstimate, NumericMethod, numeric_aggregate, pearson};
pub use one_coin::{OneCoinOptions, one_coin_dawid_skene};
pub use parameters::Parameters;
pub use wawa::wawa;
pub use wmv::gold_weighted_majority_vote;

/// The inferred label of one item; [`Aggregation::posterior`] gives its posterior.
///
/// A run builds one of these for every item, so names of up to 24 bytes are kept
/// inline and need no allocation of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    pub item: CompactString,
    pub label: CompactString,
    /// Posterior probability of `label`.
    pub confidence: f64,
}

/// The result of a truth-inference method on a table of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregation {
    pub method: Method,
    pub labels: Vec<String>,
    /// One entry per item with at least one answer, in the table's item order.
    pub items: Vec<Inferred>,
    /// The posteriors of `items`, `labels.len()` values per item in one array.
    posteriors: Vec<f64>,
    /// EM iterations run; 0 for methods without iterations.
    pub iterations: usize,
    pub converged: bool,
    /// What the method estimated about the annotators.
    pub parameters: Parameters,
}

impl Aggregation {
    /// Builds the result of a method without iterations or parameters from per-item
    /// label scores, `labels.len()` per item in one array: each item's posterior is its
    /// scores divided by their sum, and its label the highest share under `tie`.
    pub(crate) fn from_scores(method: Method, ratings: &Ratings, scores: Vec<f64>, tie: TieRule) -> Aggregation {
        let (items, posteriors) = majority::pick_labels(ratings, scores, tie);
        Aggregation {
            method,
            labels: ratings.labels().to_vec(),
            items,
            posteriors,
            iterations: 0,
            converged: true,
            parameters: Parameters::None,
        }
    }

    /// Returns the probability of each label for the item at `index` in `items`,
    /// indexed like `labels`.
    pub fn posterior(&self, index: usize) -> &[f64] {
        let n_labels = self.labels.len();
        &self.posteriors[index * n_labels..(index + 1) * n_labels]
    }

    /// Sets the item at `index` in `items` to `label` with probability 1, as an
    /// adjudication does. A label outside `labels` gets a posterior of zeros.
    pub fn set_certain(&mut self, index: usize, label: &str) {
        let n_labels = self.labels.len();
        for (value, known) in self.posteriors[index * n_labels..(index + 1) * n_labels].iter_mut().zip(&self.labels) {
            *value = if known == label { 1.0 } else { 0.0 };
        }
        let inferred = &mut self.items[index];
        inferred.label = label.into();
        inferred.confidence = 1.0;
    }

    /// Appends an item the method had no answers for, with `label` at probability 1.
    pub fn push_certain(&mut self, item: &str, label: &str) {
        self.items.push(Inferred { item: item.into(), label: label.into(), confidence: 1.0 });
        self.posteriors.extend(std::iter::repeat_n(0.0, self.labels.len()));
        self.set_certain(self.items.len() - 1, label);
    }
}

/// Share of items with a gold label whose inferred label equals it, as `(accuracy, n)`
/// where `n` is the number of items scored. Labels compare as exact strings. Returns
/// `None` when no inferred item has a gold label.
pub fn accuracy<S: BuildHasher>(agg: &Aggregation, gold: &HashMap<String, String, S>) -> Option<(f64, usize)> {
    let mut scored = 0usize;
    let mut correct = 0usize;
    for inferred in &agg.items {
        if let Some(truth) = gold.get(inferred.item.as_str()) {
            scored += 1;
            if *truth == inferred.label {
                correct += 1;
            }
        }
    }
    (scored > 0).then(|| (correct as f64 / scored as f64, scored))
}
