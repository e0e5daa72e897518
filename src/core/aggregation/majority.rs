//! Majority vote with a documented tie rule.

use std::cmp::Ordering;

use super::method::{Method, TieRule};
use super::{Aggregation, Inferred};
use crate::core::agreement::{Ratings, numeric_value};
use crate::core::rng::SplitMix64;

/// Majority vote: each item gets the label with the most answers. The posterior is each
/// label's share of the item's answers and the confidence is the winner's share. Ties
/// are broken by `tie`.
pub fn majority_vote(ratings: &Ratings, tie: TieRule) -> Aggregation {
    Aggregation::from_scores(Method::Majority, ratings, vote_counts(ratings), tie)
}

/// Number of answers per item and label in one array, item by item: the scores of
/// majority vote. Counting in f64 is exact up to 2^53 answers per item.
pub(crate) fn vote_counts(ratings: &Ratings) -> Vec<f64> {
    let n_labels = ratings.labels().len();
    let mut counts = vec![0.0; ratings.n_items() * n_labels];
    for (item, row) in counts.chunks_exact_mut(n_labels.max(1)).enumerate() {
        for &(_, label) in ratings.item_answers(item) {
            row[label] += 1.0;
        }
    }
    counts
}

/// Divides each item's scores by their sum in place, as [`pick_labels`] does before it
/// picks a label, so that the shares are bit for bit the posteriors it reports.
pub(crate) fn normalise_rows(scores: &mut [f64], n_labels: usize) {
    for row in scores.chunks_exact_mut(n_labels.max(1)) {
        let total: f64 = row.iter().sum();
        for value in row.iter_mut() {
            *value /= total;
        }
    }
}

/// Picks the label index of each item from its normalised scores under `tie`, the same
/// choice as [`pick_labels`] makes, without building the inferred items.
pub(crate) fn winners(ratings: &Ratings, shares: &[f64], tie: TieRule) -> Vec<usize> {
    let n_labels = ratings.labels().len();
    let mut chooser = Chooser::new(ratings.labels(), tie);
    shares.chunks_exact(n_labels.max(1)).take(ratings.n_items()).map(|row| chooser.choose(row)).collect()
}

/// Turns per-item label scores, `labels.len()` per item in one array, into inferred
/// labels and their posteriors: each row is divided by its sum in place, and the label
/// is the highest share under `tie`.
pub(crate) fn pick_labels(ratings: &Ratings, mut scores: Vec<f64>, tie: TieRule) -> (Vec<Inferred>, Vec<f64>) {
    let n_labels = ratings.labels().len();
    let mut chooser = Chooser::new(ratings.labels(), tie);
    let mut inferred = Vec::with_capacity(ratings.n_items());
    scores.truncate(ratings.n_items() * n_labels);
    for (item, row) in scores.chunks_exact_mut(n_labels.max(1)).enumerate() {
        let total: f64 = row.iter().sum();
        for value in row.iter_mut() {
            *value /= total;
        }
        let winner = chooser.choose(row);
        inferred.push(Inferred {
            item: ratings.items()[item].as_str().into(),
            label: ratings.labels()[winner].as_str().into(),
            confidence: row[winner],
        });
    }
    (inferred, scores)
}

/// Picks the label with the highest share, breaking ties by a [`TieRule`].
struct Chooser {
    order: Vec<usize>,
    rng: Option<SplitMix64>,
}

impl Chooser {
    fn new(labels: &[String], tie: TieRule) -> Self {
        let rng = match tie {
            TieRule::Random { seed } => Some(SplitMix64::new(seed)),
            TieRule::SmallestLabel => None,
        };
        Chooser { order: smallest_label_order(labels), rng }
    }

    /// Returns the winning label index of one item's normalised scores. Every item draws from
    /// the same generator in item order, so a seed gives one result.
    fn choose(&mut self, posterior: &[f64]) -> usize {
        let best = posterior.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Tied labels in smallest-first order; exact equality, because equal vote counts
        // give bit-identical shares. An iterator, not a vector, since this runs per item.
        let tied = || self.order.iter().copied().filter(|&l| posterior[l] == best);
        let n_tied = tied().count();
        let pick = match self.rng.as_mut() {
            Some(rng) if n_tied > 1 => rng.below(n_tied),
            _ => 0,
        };
        tied().nth(pick).expect("the highest share belongs to some label")
    }
}

/// Label indices from smallest to largest, as [`TieRule::SmallestLabel`] defines them.
pub fn smallest_label_order(labels: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    let values: Option<Vec<f64>> = labels.iter().map(|l| numeric_value(l)).collect();
    match values {
        Some(values) => {
            order.sort_by(|&a, &b| values[a].partial_cmp(&values[b]).unwrap_or(Ordering::Equal).then(a.cmp(&b)))
        }
        None => order.sort_by(|&a, &b| labels[a].cmp(&labels[b])),
    }
    order
}
