//! Gwet's AC1 for many raters and missing answers.

use super::ratings::Ratings;
use super::stat::{Stat, Undefined, table_precondition};

/// Gwet's first-order agreement coefficient AC1 (Gwet 2008, "Computing inter-rater
/// reliability and its variance in the presence of high agreement", British Journal of
/// Mathematical and Statistical Psychology 61), in its form for many raters with missing
/// answers.
///
/// * Observed agreement `p_a` is the mean over items with two or more answers of
///   `Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))`, the same as Fleiss' `P̄`.
/// * Chance agreement `p_e = Σ_k π_k (1 − π_k) / (q − 1)`, where `π_k` is the mean over
///   every item with an answer of label k's share `r_ik / r_i` of that item's answers, and
///   `q` is the number of labels in [`Ratings::labels`] (declared labels count even when
///   unused, as q is the size of the rating scale).
/// * `AC1 = (p_a − p_e) / (1 − p_e)`.
///
/// Unlike kappa, `p_e ≤ 1/q < 1`, so AC1 stays defined when one label dominates; it is
/// undefined with fewer than two labels on the scale.
pub fn gwet_ac1(ratings: &Ratings) -> Stat {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Stat::Undefined(reason);
    }
    let q = ratings.labels().len();
    if q < 2 {
        return Stat::Undefined(Undefined::SingleCategory);
    }
    let mut shares = vec![0.0; q];
    let mut observed_sum = 0.0;
    let mut pairable = 0usize;
    let mut rated = 0usize;
    for item in 0..ratings.n_items() {
        let counts = ratings.item_label_counts(item);
        let r: u64 = counts.iter().sum();
        if r == 0 {
            continue;
        }
        rated += 1;
        for (share, &n) in shares.iter_mut().zip(&counts) {
            *share += n as f64 / r as f64;
        }
        if r >= 2 {
            let agreeing: u64 = counts.iter().map(|&n| n * n.saturating_sub(1)).sum();
            observed_sum += agreeing as f64 / (r * (r - 1)) as f64;
            pairable += 1;
        }
    }
    if pairable == 0 {
        return Stat::Undefined(Undefined::NoPairableItems);
    }
    let observed = observed_sum / pairable as f64;
    let chance: f64 = shares.iter().map(|s| s / rated as f64).map(|pi| pi * (1.0 - pi)).sum::<f64>() / (q - 1) as f64;
    Stat::Value((observed - chance) / (1.0 - chance))
}
