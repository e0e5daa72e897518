//! Agreement on each label separately.

use super::ratings::Ratings;
use super::stat::{Stat, Undefined, table_precondition};

/// Agreement on one label.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryAgreement {
    pub label: String,
    /// Share `p_j` of the label among the answers on items with two or more answers.
    pub share: f64,
    /// Fleiss' (1971) kappa for this category against all others.
    pub fleiss_kappa: Stat,
    /// Specific (positive) agreement: the probability that, given one answer of this
    /// label on an item, another annotator's answer on the item is the same label.
    pub specific_agreement: Stat,
}

/// Fleiss' per-category kappa and specific agreement for every label of `ratings`, in
/// [`Ratings::labels`] order. Only items with two or more answers count.
///
/// With `n_ij` answers of label j on item i and `n_i` answers on the item:
///
/// * `κ_j = 1 − Σ_i n_ij (n_i − n_ij) / (n_i − 1) / (Σ_i n_i · p_j (1 − p_j))`. With the
///   same `n` on every item this is Fleiss' (1971) formula
///   `1 − Σ_i n_ij (n − n_ij) / (N n (n − 1) p_j q_j)`. It is undefined when every answer
///   has label j or none has.
/// * Specific agreement `Σ_i n_ij (n_ij − 1) / Σ_i n_ij (n_i − 1)`, the many-rater
///   generalisation of positive agreement; undefined when no answer has label j.
pub fn category_agreement(ratings: &Ratings) -> Vec<CategoryAgreement> {
    let n_labels = ratings.labels().len();
    let precondition = table_precondition(ratings.n_annotations(), ratings.n_annotators());
    let mut totals = vec![0u64; n_labels];
    let mut disagreeing = vec![0.0; n_labels];
    let mut agreeing_pairs = vec![0u64; n_labels];
    let mut all_pairs = vec![0u64; n_labels];
    let mut n_answers = 0u64;
    for item in 0..ratings.n_items() {
        let counts = ratings.item_label_counts(item);
        let n: u64 = counts.iter().sum();
        if n < 2 {
            continue;
        }
        n_answers += n;
        for (j, &n_j) in counts.iter().enumerate() {
            totals[j] += n_j;
            disagreeing[j] += (n_j * (n - n_j)) as f64 / (n - 1) as f64;
            agreeing_pairs[j] += n_j * n_j.saturating_sub(1);
            all_pairs[j] += n_j * (n - 1);
        }
    }

    let mut result = Vec::with_capacity(n_labels);
    for (j, label) in ratings.labels().iter().enumerate() {
        let share = if n_answers > 0 { totals[j] as f64 / n_answers as f64 } else { 0.0 };
        let undefined = |fallback: Undefined| Stat::Undefined(precondition.clone().unwrap_or(fallback));
        let fleiss_kappa = if precondition.is_some() || n_answers == 0 {
            undefined(Undefined::NoPairableItems)
        } else if totals[j] == 0 {
            undefined(Undefined::LabelNotUsed { label: label.clone() })
        } else if totals[j] == n_answers {
            undefined(Undefined::NoVariation)
        } else {
            let expected = n_answers as f64 * share * (1.0 - share);
            Stat::Value(1.0 - disagreeing[j] / expected)
        };
        let specific_agreement = if precondition.is_some() || n_answers == 0 {
            undefined(Undefined::NoPairableItems)
        } else if all_pairs[j] == 0 {
            undefined(Undefined::LabelNotUsed { label: label.clone() })
        } else {
            Stat::Value(agreeing_pairs[j] as f64 / all_pairs[j] as f64)
        };
        result.push(CategoryAgreement { label: label.clone(), share, fleiss_kappa, specific_agreement });
    }
    result
}
