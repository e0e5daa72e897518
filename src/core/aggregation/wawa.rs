//! Wawa (Worker Agreement with Aggregate): majority vote weighted by agreement with the
//! plain majority vote.

use super::Aggregation;
use super::majority::{normalise_rows, vote_counts, winners};
use super::method::{Method, TieRule};
use super::parameters::Parameters;
use crate::core::agreement::Ratings;

/// Infers labels with Wawa in three steps. First, majority vote under `tie`. Second,
/// each annotator's skill is the share of their answers equal to that majority label.
/// Third, each item's label scores are the summed skills of the annotators who gave the
/// label, with ties broken by `tie`.
///
/// An item whose annotators all have skill 0 keeps its plain vote shares, because its
/// weighted scores would all be zero.
pub fn wawa(ratings: &Ratings, tie: TieRule) -> Aggregation {
    let n_labels = ratings.labels().len();
    let mut shares = vote_counts(ratings);
    normalise_rows(&mut shares, n_labels);
    let majority = winners(ratings, &shares, tie);
    let skills = annotator_skills(ratings, &majority);

    let mut scores = vec![0.0; ratings.n_items() * n_labels];
    for (item, row) in scores.chunks_exact_mut(n_labels.max(1)).enumerate() {
        for &(annotator, label) in ratings.item_answers(item) {
            row[label] += skills[annotator];
        }
        if row.iter().sum::<f64>() <= 0.0 {
            row.copy_from_slice(&shares[item * n_labels..(item + 1) * n_labels]);
        }
    }
    Aggregation {
        parameters: Parameters::Weights(skills),
        ..Aggregation::from_scores(Method::Wawa, ratings, scores, tie)
    }
}

/// Share of each annotator's answers that equal the majority label of the item.
fn annotator_skills(ratings: &Ratings, majority: &[usize]) -> Vec<f64> {
    let mut agreeing = vec![0u64; ratings.n_annotators()];
    let mut total = vec![0u64; ratings.n_annotators()];
    for (item, &winner) in majority.iter().enumerate() {
        for &(annotator, label) in ratings.item_answers(item) {
            total[annotator] += 1;
            if label == winner {
                agreeing[annotator] += 1;
            }
        }
    }
    agreeing.iter().zip(&total).map(|(&a, &t)| a as f64 / t as f64).collect()
}
