//! Multinomial logistic regression fitted with linfa-logistic's L-BFGS solver.
//!
//! linfa runs the solver to the end in one call, so training runs it in rounds of
//! [`ROUND_ITERATIONS`] iterations, each warm-started from the last round's
//! coefficients. Between rounds the fit reports progress and checks for
//! cancellation. Each round restarts L-BFGS's curvature memory (10 pairs), so a fit may
//! need a few more iterations than one long run. The loss is convex, so both head for
//! the same minimum.

use crate::ml::error::MlError;
use linfa::DatasetBase;
use linfa::traits::Fit;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2, ArrayView2, Axis, concatenate};
use std::sync::atomic::{AtomicBool, Ordering};

/// Solver iterations between two progress reports and cancellation checks.
pub const ROUND_ITERATIONS: u64 = 25;

/// Largest coefficient change, relative to the largest coefficient, below which a
/// round counts as converged and no further round runs.
const CONVERGED_CHANGE: f64 = 1e-6;

/// Fitted coefficients; column `j` of `weights` and `intercept[j]` belong to class
/// `classes[j]`, an index into the caller's label list.
#[derive(Debug, Clone)]
pub struct LinearModel {
    pub weights: Array2<f64>,
    pub intercept: Array1<f64>,
    pub classes: Vec<usize>,
}

/// Fits the model on `x` (one row per example) and class indices `y`.
///
/// `progress` receives the fraction of the iteration budget spent so far. A budget of
/// 0 iterations counts as 1.
pub fn fit(
    x: ArrayView2<'_, f64>,
    y: &Array1<usize>,
    alpha: f64,
    max_iterations: u64,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<LinearModel, MlError> {
    let max_iterations = max_iterations.max(1);
    let mut spent = 0;
    let mut params: Option<Array2<f64>> = None;
    let mut fitted = None;

    while spent < max_iterations {
        if cancel.load(Ordering::Relaxed) {
            return Err(MlError::Cancelled);
        }
        let round = ROUND_ITERATIONS.min(max_iterations - spent);
        let mut solver = MultiLogisticRegression::default().alpha(alpha).max_iterations(round);
        if let Some(start) = &params {
            solver = solver.initial_params(start.clone());
        }
        let dataset = DatasetBase::new(x, y.clone());
        let model = solver.fit(&dataset).map_err(|e| MlError::Fit { reason: e.to_string() })?;

        let next = stack_params(model.params(), model.intercept())?;
        let converged = params.as_ref().is_some_and(|previous| has_converged(previous, &next));
        params = Some(next);
        fitted = Some(model);
        spent += round;
        progress(spent as f64 / max_iterations as f64);
        if converged {
            tracing::debug!(iterations = spent, "logistic regression converged");
            break;
        }
    }

    // At least one round runs because `max_iterations` is at least 1.
    let model = fitted.ok_or_else(|| MlError::Fit { reason: "no solver round ran".to_string() })?;
    Ok(LinearModel {
        weights: model.params().clone(),
        intercept: model.intercept().clone(),
        classes: model.classes().to_vec(),
    })
}

/// Stacks weights and intercept into the `(n_features + 1) × n_classes` layout that
/// `initial_params` expects.
fn stack_params(weights: &Array2<f64>, intercept: &Array1<f64>) -> Result<Array2<f64>, MlError> {
    concatenate(Axis(0), &[weights.view(), intercept.view().insert_axis(Axis(0))])
        .map_err(|e| MlError::Fit { reason: e.to_string() })
}

fn has_converged(previous: &Array2<f64>, next: &Array2<f64>) -> bool {
    let scale = next.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1.0);
    let change = previous.iter().zip(next).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    change <= CONVERGED_CHANGE * scale
}

impl LinearModel {
    /// Computes softmax probabilities for one sparse row, in the order of `classes`.
    pub fn probabilities(&self, row: &[(usize, f64)]) -> Vec<f64> {
        let mut scores = self.intercept.to_vec();
        for &(column, value) in row {
            if column < self.weights.nrows() {
                for (score, w) in scores.iter_mut().zip(self.weights.row(column)) {
                    *score += value * w;
                }
            }
        }
        softmax(&mut scores);
        scores
    }
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
    use ndarray::array;

    #[test]
    fn separable_classes_learned() {
        let x = array![[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9], [0.5, 0.5], [0.6, 0.4]];
        let y = Array1::from(vec![0, 0, 1, 1, 2, 2]);
        let model = fit(x.view(), &y, 1e-3, 200, &|_| {}, &AtomicBool::new(false)).expect("fit");
        assert_eq!(model.classes, vec![0, 1, 2]);
        let p = model.probabilities(&[(0, 1.0)]);
        assert!(p[0] > p[1], "{p:?}");
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn cancel_stops_before_fitting() {
        let x = array![[1.0], [0.0]];
        let y = Array1::from(vec![0, 1]);
        let result = fit(x.view(), &y, 1e-3, 100, &|_| {}, &AtomicBool::new(true));
        assert!(matches!(result, Err(MlError::Cancelled)));
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut s = vec![1000.0, 1001.0, 999.0];
        softmax(&mut s);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(s[1] > s[0], "{s:?}");
        assert!(s[0] > s[2], "{s:?}");
    }
}
