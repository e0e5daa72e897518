//! Scott's pi, pooled over every pair of annotators.

use super::ratings::Ratings;
use super::stat::{Stat, Undefined, table_precondition};

/// Scott's pi pooled over annotator pairs: every pair of answers that two different
/// annotators gave on the same item counts once, whichever the annotators are.
///
/// With `n_ic` answers of label c on item i and `m_i` answers on the item, summed over
/// items with `m_i ≥ 2`:
///
/// * observed agreement `P_o = Σ_i Σ_c n_ic (n_ic − 1) / Σ_i m_i (m_i − 1)`,
/// * pooled label share `p_c = Σ_i n_ic (m_i − 1) / Σ_i m_i (m_i − 1)`, the share of label
///   c among the answers of all pairs (an answer is in `m_i − 1` pairs),
/// * `pi = (P_o − Σ_c p_c²) / (1 − Σ_c p_c²)`.
///
/// With two annotators this is Scott's (1955) pi on the items both answered. When every
/// item has the same number of answers it equals Fleiss' kappa, which Fleiss (1971)
/// introduced as the many-rater form of Scott's pi; with varying numbers it weights an
/// item by its number of pairs where Fleiss weights every item equally.
pub fn scott_pi(ratings: &Ratings) -> Stat {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Stat::Undefined(reason);
    }
    let mut agreeing = 0u64;
    let mut pairs = 0u64;
    let mut pooled = vec![0u64; ratings.labels().len()];
    for item in 0..ratings.n_items() {
        let counts = ratings.item_label_counts(item);
        let m: u64 = counts.iter().sum();
        if m < 2 {
            continue;
        }
        pairs += m * (m - 1);
        for (label, &n) in counts.iter().enumerate() {
            agreeing += n * n.saturating_sub(1);
            pooled[label] += n * (m - 1);
        }
    }
    if pairs == 0 {
        return Stat::Undefined(Undefined::NoPairableItems);
    }
    let total = pairs as f64;
    let observed = agreeing as f64 / total;
    let chance: f64 = pooled.iter().map(|&n| (n as f64 / total).powi(2)).sum();
    if pooled.iter().filter(|&&n| n > 0).count() < 2 {
        return Stat::Undefined(Undefined::NoVariation);
    }
    Stat::Value((observed - chance) / (1.0 - chance))
}
