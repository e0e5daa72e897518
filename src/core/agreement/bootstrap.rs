//! A percentile bootstrap confidence interval for Krippendorff's alpha.

use super::krippendorff::{Level, alpha_from_coincidence, krippendorff_alpha};
use super::ratings::Ratings;
use super::stat::{AgreementError, Stat, Undefined};
use crate::core::rng::SplitMix64;

/// Settings of [`alpha_bootstrap`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapOptions {
    /// Number of bootstrap resamples; at least 1.
    pub resamples: usize,
    /// Seed of the SplitMix64 stream that draws the resamples.
    pub seed: u64,
    /// Coverage of the interval, strictly between 0 and 1.
    pub confidence: f64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions { resamples: 1000, seed: 0, confidence: 0.95 }
    }
}

/// Alpha on the full table with the bounds of its bootstrap interval.
#[derive(Debug, Clone, PartialEq)]
pub struct AlphaInterval {
    pub alpha: Stat,
    pub lower: Stat,
    pub upper: Stat,
    pub confidence: f64,
    pub resamples: usize,
    /// Resamples whose alpha is defined; the bounds are quantiles of these only.
    pub defined_resamples: usize,
}

/// Item-level percentile bootstrap of Krippendorff's alpha.
///
/// Each resample draws, with replacement, as many items as the table has pairable items
/// (items with two or more answers), each uniformly from those items, and computes alpha
/// from the coincidences of the drawn items. The bounds are the `(1 − confidence) / 2`
/// and `(1 + confidence) / 2` quantiles of the defined resample alphas, with linear
/// interpolation between order statistics (Hyndman and Fan's type 7).
///
/// This is not Krippendorff's own bootstrap, which resamples pairable values under the
/// observed disagreement distribution; resampling whole items keeps each item's answers
/// together, so it reflects the variation between items and annotators' dependence
/// within an item.
pub fn alpha_bootstrap(
    ratings: &Ratings,
    level: Level,
    options: &BootstrapOptions,
) -> Result<AlphaInterval, AgreementError> {
    if options.resamples == 0 {
        return Err(AgreementError::InvalidResamples);
    }
    if !(options.confidence > 0.0 && options.confidence < 1.0) {
        return Err(AgreementError::InvalidConfidence { value: options.confidence });
    }
    let alpha = krippendorff_alpha(ratings, level);
    let undefined = |reason: Undefined| AlphaInterval {
        alpha: alpha.clone(),
        lower: Stat::Undefined(reason.clone()),
        upper: Stat::Undefined(reason),
        confidence: options.confidence,
        resamples: options.resamples,
        defined_resamples: 0,
    };
    if let Stat::Undefined(reason) = &alpha
        && matches!(reason, Undefined::NoAnnotations | Undefined::SingleAnnotator | Undefined::NoPairableItems)
    {
        return Ok(undefined(reason.clone()));
    }

    let n_labels = ratings.labels().len();
    let contributions = item_coincidences(ratings);
    let mut rng = SplitMix64::new(options.seed);
    let mut values = Vec::with_capacity(options.resamples);
    let mut o = vec![vec![0.0; n_labels]; n_labels];
    for _ in 0..options.resamples {
        for row in o.iter_mut() {
            row.fill(0.0);
        }
        for _ in 0..contributions.len() {
            let drawn = &contributions[rng.below(contributions.len())];
            for &(c, k, weight) in drawn {
                o[c][k] += weight;
            }
        }
        if let Stat::Value(v) = alpha_from_coincidence(&o, ratings.labels(), level) {
            values.push(v);
        }
    }
    if values.is_empty() {
        return Ok(undefined(Undefined::NoDefinedResample));
    }
    values.sort_by(f64::total_cmp);
    let tail = (1.0 - options.confidence) / 2.0;
    Ok(AlphaInterval {
        alpha,
        lower: Stat::Value(quantile(&values, tail)),
        upper: Stat::Value(quantile(&values, 1.0 - tail)),
        confidence: options.confidence,
        resamples: options.resamples,
        defined_resamples: values.len(),
    })
}

/// Per pairable item, its nonzero coincidence cells `(c, k, pairs / (m − 1))`.
fn item_coincidences(ratings: &Ratings) -> Vec<Vec<(usize, usize, f64)>> {
    let mut items = Vec::new();
    for item in 0..ratings.n_items() {
        let counts = ratings.item_label_counts(item);
        let m: u64 = counts.iter().sum();
        if m < 2 {
            continue;
        }
        let used: Vec<(usize, u64)> = counts.iter().copied().enumerate().filter(|&(_, n)| n > 0).collect();
        let mut cells = Vec::with_capacity(used.len() * used.len());
        for &(c, n_c) in &used {
            for &(k, n_k) in &used {
                let pairs = if c == k { n_c * (n_c - 1) } else { n_c * n_k };
                if pairs > 0 {
                    cells.push((c, k, pairs as f64 / (m - 1) as f64));
                }
            }
        }
        items.push(cells);
    }
    items
}

/// Type-7 quantile of sorted, non-empty `values`.
fn quantile(values: &[f64], p: f64) -> f64 {
    let position = p * (values.len() - 1) as f64;
    let low = position.floor() as usize;
    let high = position.ceil() as usize;
    let fraction = position - low as f64;
    values[low] + (values[high] - values[low]) * fraction
}
