//! Majority vote with a documented tie rule.

use std::cmp::Ordering;

use super::method::{Method, TieRule};
use super::parameters::Parameters;
use super::{Aggregation, Inferred};
use crate::core::agreement::{Ratings, numeric_value};
use crate::core::rng::SplitMix64;

/// Majority vote: each item gets the label with the most answers. The posterior is each
/// label's share of the item's answers and the confidence is the winner's share. Ties
/// are broken by `tie`.
pub fn majority_vote(ratings: &Ratings, tie: TieRule) -> Aggregation {
    let n_labels = ratings.labels().len();
    let scores: Vec<Vec<f64>> = (0..ratings.n_items())
        .map(|item| {
            // Counting in f64 is exact up to 2^53 answers per item.
            let mut row = vec![0.0; n_labels];
            for &(_, label) in ratings.item_answers(item) {
                row[label] += 1.0;
            }
            row
        })
        .collect();
    Aggregation {
        method: Method::Majority,
        labels: ratings.labels().to_vec(),
        items: pick_labels(ratings, &scores, tie),
        iterations: 0,
        converged: true,
        parameters: Parameters::None,
    }
}

/// Turns per-item label scores into inferred labels: the posterior is the scores
/// normalised to sum to 1, and the label is the highest score under `tie`.
pub(crate) fn pick_labels(ratings: &Ratings, scores: &[Vec<f64>], tie: TieRule) -> Vec<Inferred> {
    let order = smallest_label_order(ratings.labels());
    let mut rng = match tie {
        TieRule::Random { seed } => Some(SplitMix64::new(seed)),
        TieRule::SmallestLabel => None,
    };
    let mut inferred = Vec::with_capacity(scores.len());
    for (item, row) in scores.iter().enumerate() {
        let total: f64 = row.iter().sum();
        let posterior: Vec<f64> = row.iter().map(|s| s / total).collect();
        let best = posterior.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Tied labels in smallest-first order; exact equality, because equal vote counts
        // give bit-identical shares. An iterator, not a vector, since this runs per item.
        let tied = || order.iter().copied().filter(|&l| posterior[l] == best);
        let n_tied = tied().count();
        let pick = match rng.as_mut() {
            Some(rng) if n_tied > 1 => rng.below(n_tied),
            _ => 0,
        };
        let winner = tied().nth(pick).expect("the highest share belongs to some label");
        inferred.push(Inferred {
            item: ratings.items()[item].clone(),
            label: ratings.labels()[winner].clone(),
            confidence: posterior[winner],
            posterior,
        });
    }
    inferred
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
