//! Mean and median of numeric answers such as ratings, item by item, and the Pearson
//! correlation of the result with gold values.
//!
//! These methods pick no label: an item's estimate is a number that need not be one of
//! the labels (the mean of 3 and 4 is 3.5), so they return [`NumericEstimate`]s rather
//! than an [`Aggregation`](super::Aggregation) with posteriors.

use compact_str::CompactString;

use super::method::AggregationError;
use crate::core::agreement::{Ratings, Stat, Undefined, numeric_value};

/// How an item's numeric answers are summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericMethod {
    /// The arithmetic mean.
    Mean,
    /// The middle value, or the mean of the two middle values for an even count.
    Median,
}

impl NumericMethod {
    pub const ALL: [NumericMethod; 2] = [NumericMethod::Mean, NumericMethod::Median];

    /// Returns the name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            NumericMethod::Mean => "mean",
            NumericMethod::Median => "median",
        }
    }

    /// Parses a method name, ignoring ASCII case and surrounding whitespace.
    pub fn parse(text: &str) -> Option<NumericMethod> {
        let requested = text.trim().to_ascii_lowercase();
        NumericMethod::ALL.into_iter().find(|method| method.name() == requested)
    }
}

/// The estimate of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericEstimate {
    pub item: CompactString,
    pub value: f64,
    /// Answers the estimate summarises, one per annotator.
    pub answers: usize,
}

/// Summarises each item's answers by `method`, in the table's item order.
///
/// Every label that an answer uses must parse as a finite number; the first answer, in
/// item order, whose label does not gives [`AggregationError::NonNumericLabel`]. Declared labels that no answer uses
/// are not checked.
pub fn numeric_aggregate(ratings: &Ratings, method: NumericMethod) -> Result<Vec<NumericEstimate>, AggregationError> {
    let mut values: Vec<Option<f64>> = vec![None; ratings.labels().len()];
    let mut checked = vec![false; ratings.labels().len()];
    for item in 0..ratings.n_items() {
        for &(annotator, label) in ratings.item_answers(item) {
            if checked[label] {
                continue;
            }
            checked[label] = true;
            let text = &ratings.labels()[label];
            values[label] = Some(numeric_value(text).ok_or_else(|| AggregationError::NonNumericLabel {
                label: text.clone(),
                item: ratings.items()[item].to_string(),
                annotator: ratings.annotators()[annotator].clone(),
            })?);
        }
    }

    let mut scratch = Vec::new();
    let estimates = (0..ratings.n_items())
        .map(|item| {
            scratch.clear();
            scratch.extend(ratings.item_answers(item).iter().filter_map(|&(_, label)| values[label]));
            NumericEstimate {
                item: ratings.items()[item].clone(),
                value: summarise(&mut scratch, method),
                answers: scratch.len(),
            }
        })
        .collect();
    Ok(estimates)
}

/// Computes the mean or median of `values`, which is not empty: every item has an answer.
fn summarise(values: &mut [f64], method: NumericMethod) -> f64 {
    match method {
        NumericMethod::Mean => values.iter().sum::<f64>() / values.len() as f64,
        NumericMethod::Median => {
            values.sort_unstable_by(f64::total_cmp);
            let middle = values.len() / 2;
            if values.len() % 2 == 1 { values[middle] } else { (values[middle - 1] + values[middle]) / 2.0 }
        }
    }
}

/// Pearson's correlation coefficient of the `(x, y)` pairs.
///
/// Undefined with fewer than two pairs, or when the xs or the ys do not vary: the
/// coefficient divides by both standard deviations.
pub fn pearson(pairs: &[(f64, f64)]) -> Stat {
    if pairs.len() < 2 {
        return Stat::Undefined(Undefined::NoCorrelation);
    }
    let n = pairs.len() as f64;
    let mean_x = pairs.iter().map(|&(x, _)| x).sum::<f64>() / n;
    let mean_y = pairs.iter().map(|&(_, y)| y).sum::<f64>() / n;
    let (mut covariance, mut variance_x, mut variance_y) = (0.0, 0.0, 0.0);
    for &(x, y) in pairs {
        let (dx, dy) = (x - mean_x, y - mean_y);
        covariance += dx * dy;
        variance_x += dx * dx;
        variance_y += dy * dy;
    }
    if variance_x <= 0.0 || variance_y <= 0.0 {
        return Stat::Undefined(Undefined::NoCorrelation);
    }
    // Rounding can push a perfect correlation a hair past 1.
    Stat::Value((covariance / (variance_x.sqrt() * variance_y.sqrt())).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::super::tests::ratings;
    use super::*;

    #[test]
    fn mean_and_median_per_item() {
        let table =
            ratings(&[("i1", "a", "1"), ("i1", "b", "2"), ("i1", "c", "6"), ("i2", "a", "3"), ("i2", "b", "4.5")]);
        let mean = numeric_aggregate(&table, NumericMethod::Mean).expect("numeric labels");
        let median = numeric_aggregate(&table, NumericMethod::Median).expect("numeric labels");

        assert_eq!(mean[0].item, "i1");
        assert_eq!(mean[0].value, 3.0);
        assert_eq!(mean[0].answers, 3);
        assert_eq!(mean[1].value, 3.75);
        assert_eq!(median[0].value, 2.0);
        assert_eq!(median[1].value, 3.75, "an even count takes the mean of the two middle values");
    }

    #[test]
    fn text_label_is_rejected() {
        let table = ratings(&[("i1", "a", "1"), ("i1", "b", "high")]);
        let error = numeric_aggregate(&table, NumericMethod::Mean).expect_err("a text label");
        let expected = AggregationError::NonNumericLabel {
            label: "high".to_string(),
            item: "i1".to_string(),
            annotator: "b".to_string(),
        };
        assert_eq!(error, expected);
    }

    #[test]
    fn pearson_known_values() {
        let perfect = pearson(&[(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]).value().expect("defined");
        assert!((perfect - 1.0).abs() < 1e-15, "{perfect}");
        let reversed = pearson(&[(1.0, 3.0), (2.0, 2.0), (3.0, 1.0)]).value().expect("defined");
        assert!((reversed + 1.0).abs() < 1e-15, "{reversed}");
        // x = 1, 2, 3, 4 and y = 1, 3, 2, 4: summed products of deviations 4, summed
        // squares 5 and 5, so r = 0.8.
        let r = pearson(&[(1.0, 1.0), (2.0, 3.0), (3.0, 2.0), (4.0, 4.0)]).value().expect("defined");
        assert!((r - 0.8).abs() < 1e-15, "{r}");
    }

    #[test]
    fn pearson_undefined_without_variation() {
        assert_eq!(pearson(&[(1.0, 2.0)]), Stat::Undefined(Undefined::NoCorrelation));
        assert_eq!(pearson(&[(1.0, 2.0), (1.0, 3.0)]), Stat::Undefined(Undefined::NoCorrelation));
        assert_eq!(pearson(&[(1.0, 2.0), (2.0, 2.0)]), Stat::Undefined(Undefined::NoCorrelation));
    }
}
