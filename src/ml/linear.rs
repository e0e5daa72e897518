//! Fitted linear classifiers: one weight column and intercept per class, turned into
//! class probabilities with the softmax function.
//!
//! Both models produce this form. For logistic regression the scores are the logits.
//! For multinomial naive Bayes they are the joint log-likelihoods `ln P(c) + Σ x_j ln
//! P(j | c)`, whose softmax is the posterior `P(c | x)`.

use crate::ml::sparse::CsrMatrix;
use linfa::traits::PredictInplace;
use ndarray::{Array1, Array2};

/// Fitted coefficients. Column `j` of `weights` and `intercept[j]` belong to class
/// `classes[j]`, an index into the caller's label list.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// `n_features × classes.len()` weights.
    pub weights: Array2<f64>,
    pub intercept: Array1<f64>,
    pub classes: Vec<usize>,
    /// Solver iterations spent; 0 for models fitted in closed form.
    pub iterations: u64,
    /// False when the solver stopped at its iteration budget before meeting its
    /// tolerance, so the coefficients are not the optimum.
    pub converged: bool,
}

impl LinearModel {
    /// Computes the score of each class for one row, in the order of `classes`.
    /// Columns past the fitted width are ignored.
    pub fn scores(&self, columns: &[usize], values: &[f64]) -> Vec<f64> {
        let mut scores = self.intercept.to_vec();
        for (&column, &value) in columns.iter().zip(values) {
            if column < self.weights.nrows() {
                for (score, w) in scores.iter_mut().zip(self.weights.row(column)) {
                    *score += value * w;
                }
            }
        }
        scores
    }

    /// Computes class probabilities for one sparse row, in the order of `classes`.
    pub fn probabilities(&self, row: &[(usize, f64)]) -> Vec<f64> {
        let (columns, values): (Vec<usize>, Vec<f64>) = row.iter().copied().unzip();
        let mut scores = self.scores(&columns, &values);
        softmax(&mut scores);
        scores
    }

    /// Computes the `n_rows × classes.len()` matrix of class probabilities.
    pub fn predict_proba(&self, x: &CsrMatrix) -> Array2<f64> {
        let mut probabilities = Array2::zeros((x.n_rows(), self.classes.len()));
        for (i, mut out) in probabilities.rows_mut().into_iter().enumerate() {
            let (columns, values) = x.row(i);
            let mut scores = self.scores(columns, values);
            softmax(&mut scores);
            out.iter_mut().zip(scores).for_each(|(o, p)| *o = p);
        }
        probabilities
    }

    /// Returns the class with the highest score for one row; the first wins a tie.
    pub fn predict_row(&self, columns: &[usize], values: &[f64]) -> usize {
        let scores = self.scores(columns, values);
        let best = (0..scores.len()).fold(0, |best, j| if scores[j] > scores[best] { j } else { best });
        self.classes.get(best).copied().unwrap_or(0)
    }
}

impl PredictInplace<CsrMatrix, Array1<usize>> for LinearModel {
    /// Writes the predicted class of each row of `x` into `y`.
    ///
    /// # Panics
    /// When `y` does not have one entry per row of `x`, as linfa's other models do.
    fn predict_inplace(&self, x: &CsrMatrix, y: &mut Array1<usize>) {
        assert_eq!(x.n_rows(), y.len(), "one target per row of the feature matrix");
        for (i, target) in y.iter_mut().enumerate() {
            let (columns, values) = x.row(i);
            *target = self.predict_row(columns, values);
        }
    }

    fn default_target(&self, x: &CsrMatrix) -> Array1<usize> {
        Array1::zeros(x.n_rows())
    }
}

/// Returns `ln Σ exp(s)`, shifted by the maximum so that no term overflows.
pub fn log_sum_exp(scores: &[f64]) -> f64 {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + scores.iter().map(|s| (s - max).exp()).sum::<f64>().ln()
}

/// Turns scores into probabilities in place, shifted by the maximum for stability.
pub fn softmax(scores: &mut [f64]) {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut total = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        total += *s;
    }
    if total > 0.0 {
        scores.iter_mut().for_each(|s| *s /= total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one() {
        let mut s = vec![1000.0, 1001.0, 999.0];
        softmax(&mut s);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(s[1] > s[0], "{s:?}");
        assert!(s[0] > s[2], "{s:?}");
    }

    #[test]
    fn log_sum_exp_large_scores() {
        let value = log_sum_exp(&[1000.0, 1000.0]);
        assert!((value - (1000.0 + 2f64.ln())).abs() < 1e-9, "{value}");
        assert_eq!(log_sum_exp(&[f64::NEG_INFINITY, 0.0]), 0.0);
    }
}
