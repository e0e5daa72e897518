//! Majority vote weighted by each annotator's accuracy on gold items.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::Aggregation;
use super::method::{AggregationError, Method, OptionRule, TieRule};
use super::parameters::Parameters;
use crate::core::agreement::Ratings;

/// Gold-weighted majority vote.
///
/// Annotator j's weight is their Laplace-smoothed accuracy on the items in `gold`,
/// `(correct_j + smoothing) / (answered_j + 2 · smoothing)`, so an annotator without
/// gold answers gets 0.5 and few gold answers cannot give a weight of 0 or 1. Each item's
/// label scores are the summed weights of the annotators who gave each label; ties are
/// broken by `tie`. Gold items are aggregated like the others, so their labels are not
/// copied from `gold`.
///
/// Returns [`AggregationError::MissingGold`] when no answered item is in `gold`.
pub fn gold_weighted_majority_vote<S: BuildHasher>(
    ratings: &Ratings,
    gold: &HashMap<String, String, S>,
    smoothing: f64,
    tie: TieRule,
) -> Result<Aggregation, AggregationError> {
    OptionRule::Positive.check("smoothing", smoothing)?;
    let mut correct = vec![0.0; ratings.n_annotators()];
    let mut answered = vec![0.0; ratings.n_annotators()];
    let mut gold_items = 0usize;
    for (item, name) in ratings.items().iter().enumerate() {
        let Some(truth) = gold.get(name.as_str()) else {
            continue;
        };
        gold_items += 1;
        for &(annotator, label) in ratings.item_answers(item) {
            answered[annotator] += 1.0;
            if ratings.labels()[label] == *truth {
                correct[annotator] += 1.0;
            }
        }
    }
    if gold_items == 0 {
        return Err(AggregationError::MissingGold);
    }
    let weights: Vec<f64> =
        correct.iter().zip(&answered).map(|(c, n)| (c + smoothing) / (n + 2.0 * smoothing)).collect();

    let scores: Vec<Vec<f64>> = (0..ratings.n_items())
        .map(|item| {
            let mut row = vec![0.0; ratings.labels().len()];
            for &(annotator, label) in ratings.item_answers(item) {
                row[label] += weights[annotator];
            }
            row
        })
        .collect();
    Ok(Aggregation {
        parameters: Parameters::Weights(weights),
        ..Aggregation::from_scores(Method::GoldWeighted, ratings, scores.concat(), tie)
    })
}
