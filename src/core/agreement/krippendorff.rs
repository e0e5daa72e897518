//! Krippendorff's alpha for nominal, ordinal, interval and ratio data with missing values.
//!
//! Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": build the
//! coincidence matrix `o[c][k]` from items with two or more answers, with marginals
//! `n_c` and total `n`, then `alpha = 1 - (n - 1) * Σ o[c][k] δ²(c,k) / Σ n_c n_k δ²(c,k)`.

use super::pair_counts::PairCounts;
use super::ratings::{Ratings, numeric_value, rank_order};
use super::stat::{Stat, Undefined, table_precondition};

/// Level of measurement, which selects the difference function δ².
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// δ² is 0 for equal labels and 1 otherwise.
    Nominal,
    /// Ranks of the labels: by numeric value when every used label is a number,
    /// otherwise in [`Ratings::labels`] order.
    Ordinal,
    /// `(c - k)²` on the labels' numeric values.
    Interval,
    /// `((c - k) / (c + k))²` on non-negative numeric values.
    Ratio,
}

impl Level {
    /// Every level, in the order of increasing assumptions about the labels.
    pub const ALL: &'static [Level] = &[Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio];

    /// The lower-case name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Level::Nominal => "nominal",
            Level::Ordinal => "ordinal",
            Level::Interval => "interval",
            Level::Ratio => "ratio",
        }
    }
}

/// Krippendorff's alpha over every item of `ratings`; items with a single answer are
/// not pairable and do not count.
pub fn krippendorff_alpha(ratings: &Ratings, level: Level) -> Stat {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Stat::Undefined(reason);
    }
    let counts = pair_counts(ratings);
    alpha_from_coincidence(&counts.coincidence_matrix(), ratings.labels(), level)
}

/// Pair counts of every item in `ratings`, indexed like [`Ratings::labels`].
pub fn pair_counts(ratings: &Ratings) -> PairCounts {
    let mut counts = PairCounts::new(ratings.labels().len());
    for item in 0..ratings.n_items() {
        counts.add_item(&ratings.item_label_counts(item));
    }
    counts
}

/// Alpha from a coincidence matrix whose rows and columns follow `labels`.
pub fn alpha_from_coincidence(o: &[Vec<f64>], labels: &[String], level: Level) -> Stat {
    let marginals: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = marginals.iter().sum();
    if n <= 0.0 {
        return Stat::Undefined(Undefined::NoPairableItems);
    }
    let delta = match difference_matrix(labels, &marginals, level) {
        Ok(delta) => delta,
        Err(reason) => return Stat::Undefined(reason),
    };

    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..marginals.len() {
        for k in 0..marginals.len() {
            observed += o[c][k] * delta[c][k];
            expected += marginals[c] * marginals[k] * delta[c][k];
        }
    }
    if expected <= 0.0 {
        return Stat::Undefined(Undefined::NoVariation);
    }
    Stat::Value(1.0 - (n - 1.0) * observed / expected)
}

/// δ²(c, k) for every pair of label indices. Labels with a zero marginal never enter the
/// sums, so only used labels must be numeric for the interval and ratio metrics.
fn difference_matrix(labels: &[String], marginals: &[f64], level: Level) -> Result<Vec<Vec<f64>>, Undefined> {
    let size = marginals.len();
    let used: Vec<usize> = (0..size).filter(|&c| marginals[c] > 0.0).collect();
    let mut delta = vec![vec![0.0; size]; size];
    match level {
        Level::Nominal => {
            for (c, row) in delta.iter_mut().enumerate() {
                for (k, cell) in row.iter_mut().enumerate() {
                    *cell = if c == k { 0.0 } else { 1.0 };
                }
            }
        }
        Level::Ordinal => fill_ordinal(&mut delta, labels, marginals, &used),
        Level::Interval | Level::Ratio => {
            let values = used_values(labels, &used, level)?;
            for (&c, &vc) in used.iter().zip(&values) {
                for (&k, &vk) in used.iter().zip(&values) {
                    delta[c][k] = match level {
                        Level::Ratio if vc + vk > 0.0 => ((vc - vk) / (vc + vk)).powi(2),
                        Level::Ratio => 0.0,
                        _ => (vc - vk).powi(2),
                    };
                }
            }
        }
    }
    Ok(delta)
}

/// Ordinal δ²(c, k) = (Σ_{g from c to k} n_g − (n_c + n_k) / 2)², with g running over
/// the used labels in rank order.
fn fill_ordinal(delta: &mut [Vec<f64>], labels: &[String], marginals: &[f64], used: &[usize]) {
    let order = rank_order(labels, used);
    for (i, &c) in order.iter().enumerate() {
        for (j, &k) in order.iter().enumerate() {
            let (low, high) = if i <= j { (i, j) } else { (j, i) };
            let span: f64 = order[low..=high].iter().map(|&g| marginals[g]).sum();
            delta[c][k] = (span - (marginals[c] + marginals[k]) / 2.0).powi(2);
        }
    }
}

fn used_values(labels: &[String], used: &[usize], level: Level) -> Result<Vec<f64>, Undefined> {
    let mut values = Vec::with_capacity(used.len());
    for &c in used {
        let label = &labels[c];
        let value = numeric_value(label).ok_or_else(|| Undefined::NonNumericLabel { label: label.clone() })?;
        if level == Level::Ratio && value < 0.0 {
            return Err(Undefined::NegativeRatioValue { label: label.clone() });
        }
        values.push(value);
    }
    Ok(values)
}
