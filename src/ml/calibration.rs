//! How good predicted probabilities are, beyond the predicted label: log loss and
//! expected calibration error (ECE).
//!
//! Both take one probability row per example, in label-index order, and the true label
//! index of each example.
//!
//! - Log loss is the mean of `−ln p(true label)`. A probability of 0 for the true label
//!   would make it infinite, so probabilities are clipped to at least [`PROBABILITY_FLOOR`]
//!   (1e-15, as scikit-learn's `log_loss` does).
//! - ECE sorts examples by their top probability (the confidence) into
//!   [`DEFAULT_ECE_BINS`] equal-width bins over `[0, 1]` (a confidence of exactly 1 goes
//!   into the last bin) and sums, over bins, the bin's share of examples times the gap
//!   between its accuracy and its mean confidence. 0 means that among the predictions
//!   made with 80% confidence, 80% are right.

/// The smallest probability log loss uses, so that one confident mistake costs
/// `ln 1e15 ≈ 34.5` and not infinity.
pub const PROBABILITY_FLOOR: f64 = 1e-15;

/// Bins of the expected calibration error unless the caller asks for others.
pub const DEFAULT_ECE_BINS: usize = 10;

/// Mean negative log-probability of the true labels; 0 for no examples.
pub fn log_loss(truth: &[usize], probabilities: &[Vec<f64>]) -> f64 {
    if truth.is_empty() {
        return 0.0;
    }
    let total: f64 = truth
        .iter()
        .zip(probabilities)
        .map(|(&t, row)| -row.get(t).copied().unwrap_or(0.0).max(PROBABILITY_FLOOR).ln())
        .sum();
    total / truth.len() as f64
}

/// Expected calibration error over `bins` equal-width confidence bins; 0 for no
/// examples. `bins` of 0 counts as 1.
pub fn expected_calibration_error(truth: &[usize], probabilities: &[Vec<f64>], bins: usize) -> f64 {
    let bins = bins.max(1);
    let mut count = vec![0usize; bins];
    let mut correct = vec![0usize; bins];
    let mut confidence_sum = vec![0.0; bins];
    for (&t, row) in truth.iter().zip(probabilities) {
        let (best, confidence) = top(row);
        let bin = ((confidence * bins as f64) as usize).min(bins - 1);
        count[bin] += 1;
        confidence_sum[bin] += confidence;
        correct[bin] += usize::from(best == t);
    }
    let n = truth.len().min(probabilities.len());
    if n == 0 {
        return 0.0;
    }
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| {
            let accuracy = correct[b] as f64 / count[b] as f64;
            let mean_confidence = confidence_sum[b] / count[b] as f64;
            count[b] as f64 / n as f64 * (accuracy - mean_confidence).abs()
        })
        .sum()
}

/// Returns the index and value of the largest probability; the first wins a tie.
fn top(row: &[f64]) -> (usize, f64) {
    row.iter().enumerate().fold((0, f64::NEG_INFINITY), |best, (i, &p)| if p > best.1 { (i, p) } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_loss_of_known_values() {
        let truth = [0, 1];
        let rows = vec![vec![0.8, 0.2], vec![0.4, 0.6]];
        let expected = -(0.8f64.ln() + 0.6f64.ln()) / 2.0;
        assert!((log_loss(&truth, &rows) - expected).abs() < 1e-12);
    }

    #[test]
    fn log_loss_is_finite_for_a_zero_probability() {
        let value = log_loss(&[1], &[vec![1.0, 0.0]]);
        assert!((value - (-PROBABILITY_FLOOR.ln())).abs() < 1e-9, "{value}");
    }

    #[test]
    fn perfectly_calibrated_predictions_have_zero_ece() {
        // Four predictions at 0.75 confidence, three of them right.
        let truth = [0, 0, 0, 1];
        let rows = vec![vec![0.75, 0.25]; 4];
        assert!(expected_calibration_error(&truth, &rows, 10).abs() < 1e-12);
    }

    #[test]
    fn overconfident_predictions_have_the_gap_as_ece() {
        // Two predictions at 0.9 confidence (bin 9), one right: gap 0.4. Two at 0.6
        // (bin 6), both right: gap 0.4. Each bin contains half the examples.
        let truth = [0, 1, 0, 0];
        let rows = vec![vec![0.9, 0.1], vec![0.9, 0.1], vec![0.6, 0.4], vec![0.6, 0.4]];
        let ece = expected_calibration_error(&truth, &rows, 10);
        assert!((ece - 0.4).abs() < 1e-12, "{ece}");
        // With one bin the gaps cancel: accuracy 0.75, mean confidence 0.75.
        assert!(expected_calibration_error(&truth, &rows, 1).abs() < 1e-12);
    }

    #[test]
    fn confidence_one_falls_in_the_last_bin() {
        let ece = expected_calibration_error(&[0], &[vec![1.0, 0.0]], 10);
        assert_eq!(ece, 0.0);
    }
}
