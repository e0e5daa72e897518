//! The objective that multinomial logistic regression minimises, over CSR rows.
//!
//! With `n` rows, `K` classes, weights `W` and intercepts `b`, the value is
//! `(1/n) · [Σ_i (ln Σ_k exp(s_ik) − s_i,y_i) + (α/2)·‖W‖²]` where `s_i = b + x_i·W`.
//! That is scikit-learn's `LogisticRegression` objective with `C = 1/α`, divided by
//! `n` so that its size, and the solver's tolerances, do not grow with the data. The
//! intercepts are not penalised.
//!
//! The parameter vector stores `W` row by row (feature `j`, class `k` at `j·K + k`),
//! then the `K` intercepts.

use crate::ml::linear::log_sum_exp;
use crate::ml::linear_objective::{Objective, add_row_gradient, penalise_and_average, score_row};
use crate::ml::sparse::CsrMatrix;

/// The objective over one training set, minimised by
/// [`minimise`](crate::ml::linear_objective::minimise).
pub(crate) struct SoftmaxLoss<'a> {
    x: &'a CsrMatrix,
    /// Class of each row, in `0..n_classes`.
    y: &'a [usize],
    /// A target distribution over the classes per row, replacing `y` in the loss when
    /// set: the loss is then the cross-entropy `lse(s_i) − Σ_k q_ik·s_ik`.
    soft: Option<&'a [Vec<f64>]>,
    n_classes: usize,
    alpha: f64,
}

impl<'a> SoftmaxLoss<'a> {
    pub(crate) fn new(x: &'a CsrMatrix, y: &'a [usize], n_classes: usize, alpha: f64) -> Self {
        SoftmaxLoss { x, y, soft: None, n_classes, alpha }
    }

    /// Trains towards a distribution per row (each of length `n_classes`, summing to 1)
    /// in place of the classes `y`.
    pub(crate) fn with_soft_targets(mut self, soft: &'a [Vec<f64>]) -> Self {
        self.soft = Some(soft);
        self
    }
}

impl Objective for SoftmaxLoss<'_> {
    fn n_params(&self) -> usize {
        (self.x.n_cols() + 1) * self.n_classes
    }

    fn value_and_gradient(&self, params: &[f64]) -> (f64, Vec<f64>) {
        let k = self.n_classes;
        let n_weights = self.x.n_cols() * k;
        let (weights, intercept) = params.split_at(n_weights);
        let mut gradient = vec![0.0; params.len()];
        let mut loss = 0.0;
        let mut scores = vec![0.0; k];

        for (i, &class) in self.y.iter().enumerate() {
            let (columns, values) = self.x.row(i);
            score_row(columns, values, weights, intercept, &mut scores);
            let lse = log_sum_exp(&scores);
            let target = self.soft.and_then(|soft| soft.get(i));
            match target {
                Some(q) => loss += lse - q.iter().zip(&scores).map(|(q, s)| q * s).sum::<f64>(),
                None => loss += lse - scores[class],
            }

            // Turn the scores into the residuals p_ik − q_ik, where q is one-hot on y_i
            // for hard targets.
            for s in scores.iter_mut() {
                *s = (*s - lse).exp();
            }
            match target {
                Some(q) => scores.iter_mut().zip(q).for_each(|(s, q)| *s -= q),
                None => scores[class] -= 1.0,
            }
            add_row_gradient(&mut gradient, columns, values, &scores);
        }

        penalise_and_average(loss, gradient, weights, self.alpha, self.y.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares the analytic gradient with central differences at a random-looking point.
    #[test]
    fn gradient_matches_finite_differences() {
        let rows = vec![
            vec![(0, 0.5), (2, 1.5)],
            vec![(1, -1.0)],
            vec![(0, 2.0), (1, 0.3), (3, -0.7)],
            vec![],
            vec![(3, 1.0)],
        ];
        let x = CsrMatrix::from_rows(&rows, 4);
        let y = [0, 1, 2, 1, 0];
        let loss = SoftmaxLoss::new(&x, &y, 3, 0.7);
        let params: Vec<f64> = (0..loss.n_params()).map(|i| ((i * 7919) % 13) as f64 / 6.0 - 1.0).collect();

        let (_, analytic) = loss.value_and_gradient(&params);
        let h = 1e-6;
        for p in 0..params.len() {
            let mut up = params.clone();
            up[p] += h;
            let mut down = params.clone();
            down[p] -= h;
            let numeric = (loss.value_and_gradient(&up).0 - loss.value_and_gradient(&down).0) / (2.0 * h);
            assert!((numeric - analytic[p]).abs() < 1e-7, "parameter {p}: analytic {} numeric {numeric}", analytic[p]);
        }
    }

    #[test]
    fn value_at_zero_is_log_classes() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(1, 1.0)]], 2);
        let loss = SoftmaxLoss::new(&x, &[0, 3], 4, 1.0);
        let (value, _) = loss.value_and_gradient(&vec![0.0; loss.n_params()]);
        assert!((value - 4f64.ln()).abs() < 1e-12, "{value}");
    }

    #[test]
    fn soft_gradient_matches_finite_differences() {
        let rows = vec![vec![(0, 0.5), (2, 1.5)], vec![(1, -1.0)], vec![(0, 2.0), (1, 0.3)]];
        let x = CsrMatrix::from_rows(&rows, 3);
        let soft = vec![vec![0.7, 0.2, 0.1], vec![0.0, 1.0, 0.0], vec![0.3, 0.3, 0.4]];
        let loss = SoftmaxLoss::new(&x, &[0, 1, 2], 3, 0.3).with_soft_targets(&soft);
        let params: Vec<f64> = (0..loss.n_params()).map(|i| ((i * 31) % 7) as f64 / 4.0 - 0.8).collect();
        let (_, gradient) = loss.value_and_gradient(&params);
        for (i, analytic) in gradient.iter().enumerate() {
            let h = 1e-6;
            let (mut up, mut down) = (params.clone(), params.clone());
            up[i] += h;
            down[i] -= h;
            let numeric = (loss.value_and_gradient(&up).0 - loss.value_and_gradient(&down).0) / (2.0 * h);
            assert!((numeric - analytic).abs() < 1e-6, "parameter {i}: {numeric} vs {analytic}");
        }
    }

    #[test]
    fn one_hot_soft_targets_give_the_hard_loss() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(1, 2.0)]], 2);
        let hard = SoftmaxLoss::new(&x, &[1, 0], 2, 0.5);
        let one_hot = vec![vec![0.0, 1.0], vec![1.0, 0.0]];
        let soft = SoftmaxLoss::new(&x, &[1, 0], 2, 0.5).with_soft_targets(&one_hot);
        let params = [0.3, -0.2, 0.8, 0.1, 0.05, -0.4];
        assert_eq!(hard.value_and_gradient(&params), soft.value_and_gradient(&params));
    }

    #[test]
    fn huge_scores_stay_finite() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(0, -1.0)]], 1);
        let loss = SoftmaxLoss::new(&x, &[0, 1], 2, 0.0);
        let (value, gradient) = loss.value_and_gradient(&[1e4, -1e4, 0.0, 0.0]);
        assert!(value.is_finite(), "{value}");
        assert!(gradient.iter().all(|g| g.is_finite()), "{gradient:?}");
    }
}
