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
mod one_coin;
mod parameters;
mod wawa;
mod wmv;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::BuildHasher;

use compact_str::CompactString;
use smallvec::SmallVec;

pub use dawid_skene::{DawidSkeneOptions, dawid_skene};
pub use dispatch::{AggregateOptions, aggregate};
pub use em::EmOptions;
pub use glad::{GladOptions, glad};
pub use mace::{MaceOptions, mace};
pub use majority::{majority_vote, smallest_label_order};
pub use method::{AggregationError, Method, OptionRule, TieRule};
pub use one_coin::{OneCoinOptions, one_coin_dawid_skene};
pub use parameters::Parameters;
pub use wawa::wawa;
pub use wmv::gold_weighted_majority_vote;

/// The inferred label of one item.
///
/// A run builds one of these for every item, so names and posteriors of the usual
/// sizes are kept inline: short strings (up to 24 bytes) and up to six probabilities
/// need no allocation of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    pub item: CompactString,
    pub label: CompactString,
    /// Posterior probability of `label`.
    pub confidence: f64,
    /// Probability of each label, indexed like [`Aggregation::labels`].
    pub posterior: Posterior,
}

/// Probabilities of the labels of one item.
pub type Posterior = SmallVec<[f64; 6]>;

/// The result of a truth-inference method on a table of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregation {
    pub method: Method,
    pub labels: Vec<String>,
    /// One entry per item with at least one answer, in the table's item order.
    pub items: Vec<Inferred>,
    /// EM iterations run; 0 for methods without iterations.
    pub iterations: usize,
    pub converged: bool,
    /// What the method estimated about the annotators.
    pub parameters: Parameters,
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
