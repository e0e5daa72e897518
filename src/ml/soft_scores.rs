//! Scores of predicted probabilities against soft labels: a label distribution per
//! item, such as the Dawid–Skene posterior, in place of one true label.
//!
//! With `q_i` the target distribution of item `i`, `p_i` the predicted one and `ŷ_i`
//! the label with the highest predicted probability:
//!
//! - soft log loss = `(1/n) · Σ_i Σ_k −q_ik · ln p_ik`, the cross-entropy from the
//!   targets to the predictions. Probabilities are clipped to at least
//!   [`PROBABILITY_FLOOR`] as in the hard log loss, and terms with `q_ik = 0` add
//!   nothing. With one-hot targets it equals the hard log loss.
//! - expected accuracy = `(1/n) · Σ_i q_i(ŷ_i)`, the accuracy to expect if each item's
//!   true label were drawn from its target distribution.

use crate::ml::calibration::PROBABILITY_FLOOR;
use crate::ml::evaluate::argmax;
use serde::{Deserialize, Serialize};

/// Soft log loss and expected accuracy of one evaluation; see the module notes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SoftScores {
    /// Mean cross-entropy from the target distributions to the predicted ones.
    pub log_loss: f64,
    /// Mean target probability of the predicted label.
    pub expected_accuracy: f64,
}

/// Scores `probabilities` against `targets`, row by row. Each target row sums to 1 and
/// uses the columns of its probability row. A target row may be longer: its extra
/// entries are mass on labels that the model has no column for, and they count as
/// predicted probability 0. No rows score 0 on both.
pub fn soft_scores(targets: &[Vec<f64>], probabilities: &[Vec<f64>]) -> SoftScores {
    let n = targets.len().min(probabilities.len());
    if n == 0 {
        return SoftScores { log_loss: 0.0, expected_accuracy: 0.0 };
    }

    let mut log_loss = 0.0;
    let mut expected_accuracy = 0.0;
    for (q, p) in targets.iter().zip(probabilities) {
        for (k, &mass) in q.iter().enumerate() {
            if mass > 0.0 {
                let predicted = p.get(k).copied().unwrap_or(0.0).max(PROBABILITY_FLOOR);
                log_loss -= mass * predicted.ln();
            }
        }
        expected_accuracy += q.get(argmax(p)).copied().unwrap_or(0.0);
    }
    SoftScores { log_loss: log_loss / n as f64, expected_accuracy: expected_accuracy / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ml::calibration::log_loss;

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-9
    }

    #[test]
    fn two_items_by_hand() {
        // Item 1: −(0.6·ln 0.8 + 0.4·ln 0.2) = 0.7776613, predicted label 0 with q = 0.6.
        // Item 2: −ln 0.75 = 0.2876821, predicted label 1 with q = 1.
        let targets = vec![vec![0.6, 0.4], vec![0.0, 1.0]];
        let probabilities = vec![vec![0.8, 0.2], vec![0.25, 0.75]];
        let scores = soft_scores(&targets, &probabilities);
        let expected_loss = (-(0.6 * 0.8f64.ln() + 0.4 * 0.2f64.ln()) - 0.75f64.ln()) / 2.0;
        assert!(close(scores.log_loss, expected_loss), "{scores:?}");
        assert!(close(scores.log_loss, 0.532_671_684_106_973_4), "{scores:?}");
        assert!(close(scores.expected_accuracy, 0.8), "{scores:?}");
    }

    #[test]
    fn mass_without_column_counts_as_floor() {
        // Half the mass is on a label the model has no column for: −0.5·ln 1e-15 = 17.269.
        let scores = soft_scores(&[vec![0.5, 0.0, 0.5]], &[vec![1.0, 0.0]]);
        assert!(close(scores.log_loss, -0.5 * PROBABILITY_FLOOR.ln()), "{scores:?}");
        assert!(close(scores.log_loss, 17.269_388_197_455_342), "{scores:?}");
        assert!(close(scores.expected_accuracy, 0.5), "{scores:?}");
    }

    #[test]
    fn one_hot_targets_give_hard_scores() {
        let truth = [2, 0, 1];
        let probabilities = vec![vec![0.1, 0.2, 0.7], vec![0.3, 0.6, 0.1], vec![0.0, 1.0, 0.0]];
        let one_hot: Vec<Vec<f64>> =
            truth.iter().map(|&t| (0..3).map(|k| if k == t { 1.0 } else { 0.0 }).collect()).collect();
        let scores = soft_scores(&one_hot, &probabilities);
        assert!(close(scores.log_loss, log_loss(&truth, &probabilities)), "{scores:?}");
        // Items 1 and 3 are right and item 2 is wrong.
        assert!(close(scores.expected_accuracy, 2.0 / 3.0), "{scores:?}");
    }

    #[test]
    fn no_rows_score_zero() {
        assert_eq!(soft_scores(&[], &[]), SoftScores { log_loss: 0.0, expected_accuracy: 0.0 });
    }
}
