//! Percent agreement: how often two answers on the same item carry the same label.

use super::krippendorff::pair_counts;
use super::ratings::Ratings;
use super::stat::{Stat, Undefined, table_precondition};

/// Mean over items with two or more answers of the share of agreeing answer pairs on the
/// item, `Σ_c n_c (n_c − 1) / (m (m − 1))` for an item with `m` answers. This is Fleiss'
/// `P̄`; with two annotators it is the plain share of items where they agree.
pub fn percent_agreement(ratings: &Ratings) -> Stat {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Stat::Undefined(reason);
    }
    match pair_counts(ratings).percent_agreement() {
        Some(value) => Stat::Value(value),
        None => Stat::Undefined(Undefined::NoPairableItems),
    }
}

/// Percent agreement on one item: the share of its ordered answer pairs that carry the
/// same label, `Σ_c n_c (n_c − 1) / (m (m − 1))`. `None` for an item with fewer than two
/// answers, which has no pair.
pub fn item_percent_agreement(ratings: &Ratings, item: usize) -> Option<f64> {
    let m = ratings.item_answers(item).len();
    if m < 2 {
        return None;
    }
    let agreeing: u64 = ratings.item_label_counts(item).iter().map(|&n| n * n.saturating_sub(1)).sum();
    Some(agreeing as f64 / (m * (m - 1)) as f64)
}
