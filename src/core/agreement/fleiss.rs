//! Fleiss' kappa for many raters per item.

use super::ratings::Ratings;
use super::stat::{Stat, Undefined, table_precondition};

/// Fleiss' kappa with its parts, computed from an items × categories count table.
#[derive(Debug, Clone, PartialEq)]
pub struct FleissKappa {
    pub kappa: Stat,
    /// `P_i` of every item with two or more ratings, in table order.
    pub item_agreement: Vec<f64>,
    /// Mean observed agreement `P̄`.
    pub mean_agreement: Option<f64>,
    /// Agreement expected by chance `P̄_e = Σ_j p_j²`.
    pub chance_agreement: Option<f64>,
    /// Share `p_j` of all ratings in each category.
    pub category_shares: Vec<f64>,
}

/// Fleiss' kappa from `counts[i][j]`, the number of raters who put item `i` in
/// category `j`.
///
/// Fleiss (1971) assumes the same number of raters `n` on every item. When the number
/// varies, this uses the usual generalisation: items with fewer than two ratings are
/// left out, each remaining item's `P_i = Σ_j n_ij (n_ij − 1) / (n_i (n_i − 1))` uses its
/// own `n_i`, and `p_j` is category j's share of all ratings on those items. With a
/// constant `n` this is exactly Fleiss' formula.
pub fn fleiss_kappa_counts(counts: &[Vec<u64>]) -> FleissKappa {
    let n_categories = counts.iter().map(Vec::len).max().unwrap_or(0);
    let mut item_agreement = Vec::new();
    let mut category_totals = vec![0u64; n_categories];
    for row in counts {
        let n: u64 = row.iter().sum();
        if n < 2 {
            continue;
        }
        let agreeing: u64 = row.iter().map(|&c| c * c.saturating_sub(1)).sum();
        item_agreement.push(agreeing as f64 / (n * (n - 1)) as f64);
        for (total, &c) in category_totals.iter_mut().zip(row) {
            *total += c;
        }
    }

    let n_ratings: u64 = category_totals.iter().sum();
    if item_agreement.is_empty() {
        return FleissKappa {
            kappa: Stat::Undefined(Undefined::NoPairableItems),
            item_agreement,
            mean_agreement: None,
            chance_agreement: None,
            category_shares: vec![0.0; n_categories],
        };
    }
    let category_shares: Vec<f64> = category_totals.iter().map(|&t| t as f64 / n_ratings as f64).collect();
    let mean = item_agreement.iter().sum::<f64>() / item_agreement.len() as f64;
    let chance: f64 = category_shares.iter().map(|p| p * p).sum();
    // Chance agreement is 1 only when every rating is in one category.
    let single_category = category_totals.iter().filter(|&&t| t > 0).count() < 2;
    let kappa = if single_category {
        Stat::Undefined(Undefined::NoVariation)
    } else {
        Stat::Value((mean - chance) / (1.0 - chance))
    };
    FleissKappa { kappa, item_agreement, mean_agreement: Some(mean), chance_agreement: Some(chance), category_shares }
}

/// Fleiss' kappa over every item of `ratings`, each annotator counting as one rater per
/// item; see [`fleiss_kappa_counts`] for items with different numbers of raters.
pub fn fleiss_kappa(ratings: &Ratings) -> Stat {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Stat::Undefined(reason);
    }
    let counts: Vec<Vec<u64>> = (0..ratings.n_items()).map(|item| ratings.item_label_counts(item)).collect();
    fleiss_kappa_counts(&counts).kappa
}
