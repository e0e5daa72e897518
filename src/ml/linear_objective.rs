//! The steps that every linear model's objective shares: scoring a sparse row, adding a
//! row's residuals to the gradient, and the L2 penalty with the mean over examples.
//!
//! Weights are laid out feature-major: the `k` class weights of feature `j` are
//! `weights[j * k..(j + 1) * k]`, followed by the `k` intercepts.

/// Writes `intercept + x·W` for one sparse row into `scores`.
pub(crate) fn score_row(columns: &[usize], values: &[f64], weights: &[f64], intercept: &[f64], scores: &mut [f64]) {
    let k = scores.len();
    scores.copy_from_slice(intercept);
    for (&j, &v) in columns.iter().zip(values) {
        for (s, w) in scores.iter_mut().zip(&weights[j * k..(j + 1) * k]) {
            *s += v * w;
        }
    }
}

/// Adds the gradient of one row, given d(loss)/d(score) per class in `residual`.
pub(crate) fn add_row_gradient(gradient: &mut [f64], columns: &[usize], values: &[f64], residual: &[f64]) {
    let k = residual.len();
    let n_weights = gradient.len() - k;
    for (&j, &v) in columns.iter().zip(values) {
        for (g, r) in gradient[j * k..(j + 1) * k].iter_mut().zip(residual) {
            *g += v * r;
        }
    }
    for (g, r) in gradient[n_weights..].iter_mut().zip(residual) {
        *g += r;
    }
}

/// Adds `(alpha / 2)·‖W‖²` (intercepts unpenalised) and divides loss and gradient by
/// the number of examples, so that the solver's tolerances do not depend on it.
pub(crate) fn penalise_and_average(
    loss: f64,
    mut gradient: Vec<f64>,
    weights: &[f64],
    alpha: f64,
    n_examples: usize,
) -> (f64, Vec<f64>) {
    let squared_norm: f64 = weights.iter().map(|w| w * w).sum();
    for (g, w) in gradient[..weights.len()].iter_mut().zip(weights) {
        *g += alpha * w;
    }
    let n = n_examples.max(1) as f64;
    gradient.iter_mut().for_each(|g| *g /= n);
    ((loss + 0.5 * alpha * squared_norm) / n, gradient)
}
