//! Linear support vector machine, one-vs-rest, with the squared hinge loss and an L2
//! penalty, on CSR rows.
//!
//! For each class `k` a separate linear score `s_ik = b_k + x_i·w_k` is trained to be at
//! least +1 on the class's rows and at most −1 on the others. With `t_ik = ±1`:
//!
//! `(1/n) · Σ_k [Σ_i max(0, 1 − t_ik·s_ik)² + (α/2)·‖w_k‖²]`
//!
//! This is scikit-learn's `LinearSVC(loss="squared_hinge")` objective with `C = 1/α`
//! (intercepts unpenalised), divided by `n`. The squared hinge has a continuous
//! gradient, so the same L-BFGS solver as the softmax model minimises all classes at
//! once (their terms do not interact).
//!
//! An SVM gives margins, not probabilities. [`crate::ml::model::TrainedModel`] takes the
//! softmax over the class margins, so suggestions and the uncertainty order have a
//! distribution to read. That distribution ranks classes like the margins do, but it is
//! not calibrated: compare the log loss and ECE of `quorum eval`.

use crate::ml::error::MlError;
use crate::ml::linear::LinearModel;
use crate::ml::linear_objective::{
    Objective, SolverSettings, add_row_gradient, minimise, penalise_and_average, score_row,
};
use crate::ml::softmax::{FitMonitor, check_inputs, compact_classes};
use crate::ml::sparse::CsrMatrix;

/// Norm of the mean objective's gradient below which the fit counts as converged.
const GRADIENT_TOLERANCE: f64 = 1e-4;

/// The objective of the one-vs-rest squared hinge.
struct HingeLoss<'a> {
    x: &'a CsrMatrix,
    /// Class of each row, in `0..n_classes`.
    y: &'a [usize],
    n_classes: usize,
    alpha: f64,
}

impl Objective for HingeLoss<'_> {
    fn n_params(&self) -> usize {
        (self.x.n_cols() + 1) * self.n_classes
    }

    fn value_and_gradient(&self, params: &[f64]) -> (f64, Vec<f64>) {
        let k = self.n_classes;
        let n_weights = self.x.n_cols() * k;
        let (weights, intercept) = params.split_at(n_weights);
        let mut gradient = vec![0.0; params.len()];
        let mut loss = 0.0;
        let mut residual = vec![0.0; k];
        let mut scores = vec![0.0; k];

        for (i, &class) in self.y.iter().enumerate() {
            let (columns, values) = self.x.row(i);
            score_row(columns, values, weights, intercept, &mut scores);
            // d/ds of max(0, 1 − t·s)² is −2·t·max(0, 1 − t·s).
            for (c, (s, r)) in scores.iter().zip(residual.iter_mut()).enumerate() {
                let t = if c == class { 1.0 } else { -1.0 };
                let slack = (1.0 - t * s).max(0.0);
                loss += slack * slack;
                *r = -2.0 * t * slack;
            }
            add_row_gradient(&mut gradient, columns, values, &residual);
        }

        penalise_and_average(loss, gradient, weights, self.alpha, self.y.len())
    }
}

/// Fits the one-vs-rest linear SVM on rows `x` and class indices `y`; `alpha` is the L2
/// penalty on the summed loss (scikit-learn's `1 / C`).
pub fn fit_linear_svm(
    x: &CsrMatrix,
    y: &[usize],
    alpha: f64,
    max_iterations: u64,
    monitor: &FitMonitor<'_>,
) -> Result<LinearModel, MlError> {
    if !(alpha.is_finite() && alpha >= 0.0) {
        return Err(MlError::invalid_parameter("alpha", alpha, false));
    }
    let max_iterations = max_iterations.max(1);
    check_inputs(x, y)?;
    let (classes, compact) = compact_classes(y)?;
    let objective = HingeLoss { x, y: &compact, n_classes: classes.len(), alpha };
    let settings =
        SolverSettings { max_iterations, gradient_tolerance: GRADIENT_TOLERANCE, model: "linear SVM", monitor };
    minimise(objective, x.n_cols(), classes, &settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn fit(x: &CsrMatrix, y: &[usize], alpha: f64) -> LinearModel {
        let cancel = AtomicBool::new(false);
        fit_linear_svm(x, y, alpha, 200, &FitMonitor { progress: &|_| {}, cancel: &cancel }).expect("fit")
    }

    #[test]
    fn separable_classes_get_margins_past_one() {
        let x = CsrMatrix::from_rows(
            &[vec![(0, 1.0)], vec![(0, 0.9)], vec![(1, 1.0)], vec![(1, 0.8)], vec![(2, 1.0)], vec![(2, 1.1)]],
            3,
        );
        let y = [0, 0, 1, 1, 2, 2];
        let model = fit(&x, &y, 1e-3);
        assert!(model.converged);
        for (i, &class) in y.iter().enumerate() {
            let (columns, values) = x.row(i);
            assert_eq!(model.predict_row(columns, values), class, "row {i}");
            let scores = model.scores(columns, values);
            assert!(scores[class] > 0.9, "row {i}: {scores:?}");
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let x = CsrMatrix::from_rows(&[vec![(0, 0.5), (1, 1.5)], vec![(1, -1.0)], vec![(0, 2.0)]], 2);
        let loss = HingeLoss { x: &x, y: &[0, 1, 2], n_classes: 3, alpha: 0.4 };
        let params: Vec<f64> = (0..9).map(|i| ((i * 5) % 7) as f64 / 5.0 - 0.6).collect();
        let (_, gradient) = loss.value_and_gradient(&params);
        for (i, analytic) in gradient.iter().enumerate() {
            let h = 1e-6;
            let (mut up, mut down) = (params.clone(), params.clone());
            up[i] += h;
            down[i] -= h;
            let numeric = (loss.value_and_gradient(&up).0 - loss.value_and_gradient(&down).0) / (2.0 * h);
            assert!((numeric - analytic).abs() < 1e-5, "parameter {i}: {numeric} vs {analytic}");
        }
    }
}
