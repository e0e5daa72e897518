//! Wawa (Worker Agreement with Aggregate): majority vote weighted by agreement with the
//! plain majority vote.

use super::majority::pick_labels;
use super::method::{Method, TieRule};
use super::parameters::Parameters;
use super::{Aggregation, majority_vote};
use crate::core::agreement::Ratings;

/// Infers labels with Wawa in three steps. First, majority vote under `tie`. Second,
/// each annotator's skill is the share of their answers equal to that majority label.
/// Third, each item's label scores are the summed skills of the annotators who gave the
/// label, with ties broken by `tie`.
///
/// An item whose annotators all have skill 0 keeps its plain vote shares, because its
/// weighted scores would all be zero.
pub fn wawa(ratings: &Ratings, tie: TieRule) -> Aggregation {
    let majority = majority_vote(ratings, tie);
    let skills = annotator_skills(ratings, &majority);

    let mut scores = Vec::with_capacity(ratings.n_items());
    for item in 0..ratings.n_items() {
        let mut row = vec![0.0; ratings.labels().len()];
        for &(annotator, label) in ratings.item_answers(item) {
            row[label] += skills[annotator];
        }
        if row.iter().sum::<f64>() <= 0.0 {
            row = majority.items[item].posterior.clone();
        }
        scores.push(row);
    }
    Aggregation {
        method: Method::Wawa,
        labels: ratings.labels().to_vec(),
        items: pick_labels(ratings, &scores, tie),
        iterations: 0,
        converged: true,
        parameters: Parameters::Weights(skills),
    }
}

/// Share of each annotator's answers that equal the majority label of the item.
fn annotator_skills(ratings: &Ratings, majority: &Aggregation) -> Vec<f64> {
    let mut agreeing = vec![0u64; ratings.n_annotators()];
    let mut total = vec![0u64; ratings.n_annotators()];
    for item in 0..ratings.n_items() {
        // Labels are unique, so comparing indices is comparing names, without a string
        // comparison per answer.
        let winner = ratings.labels().iter().position(|l| *l == majority.items[item].label);
        for &(annotator, label) in ratings.item_answers(item) {
            total[annotator] += 1;
            if Some(label) == winner {
                agreeing[annotator] += 1;
            }
        }
    }
    agreeing.iter().zip(&total).map(|(&a, &t)| a as f64 / t as f64).collect()
}
