//! The steps that every linear model's objective shares: scoring a sparse row, adding a
//! row's residuals to the gradient, the L2 penalty with the mean over examples, and the
//! minimisation by argmin's L-BFGS with progress reports and a cancel flag ([`minimise`]).
//!
//! Weights are laid out feature-major: the `k` class weights of feature `j` are
//! `weights[j * k..(j + 1) * k]`, followed by the `k` intercepts.

use crate::ml::error::MlError;
use crate::ml::linear::LinearModel;
use crate::ml::softmax::FitMonitor;
use argmin::core::{CostFunction, Error, Executor, Gradient, State, TerminationReason};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use ndarray::{Array1, Array2};
use std::cell::{Cell, RefCell};
use std::sync::atomic::Ordering;

/// Gradient pairs that L-BFGS keeps, as in scikit-learn's and SciPy's default.
const LBFGS_MEMORY: usize = 10;

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

/// An objective over the flat parameter vector laid out as in the module notes.
pub(crate) trait Objective {
    fn n_params(&self) -> usize;

    /// Computes the value and the gradient at `params`.
    fn value_and_gradient(&self, params: &[f64]) -> (f64, Vec<f64>);
}

/// The error an evaluation returns once the cancel flag is set; argmin stops on it.
#[derive(Debug, thiserror::Error)]
#[error("fit cancelled")]
pub(crate) struct FitCancelled;

/// The argmin problem around an [`Objective`]: each evaluation first reads the cancel
/// flag, then reports the share of the iteration budget spent.
pub(crate) struct Monitored<'a, O> {
    objective: O,
    monitor: &'a FitMonitor<'a>,
    max_iterations: u64,
    evaluations: Cell<u64>,
    /// The last point evaluated, with its value and gradient. The line search requests
    /// the cost and then the gradient at the same point, and one pass computes both.
    last: RefCell<Option<Evaluation>>,
}

/// The objective's value and gradient at one point.
struct Evaluation {
    point: Array1<f64>,
    value: f64,
    gradient: Array1<f64>,
}

impl<'a, O: Objective> Monitored<'a, O> {
    pub(crate) fn new(objective: O, monitor: &'a FitMonitor<'a>, max_iterations: u64) -> Self {
        Monitored { objective, monitor, max_iterations, evaluations: Cell::new(0), last: RefCell::new(None) }
    }

    /// Evaluates at `params` unless it is the point evaluated last.
    fn evaluate(&self, params: &Array1<f64>) -> Result<(f64, Array1<f64>), Error> {
        if let Some(last) = self.last.borrow().as_ref()
            && last.point == *params
        {
            return Ok((last.value, last.gradient.clone()));
        }
        if self.monitor.cancel.load(Ordering::Relaxed) {
            return Err(FitCancelled.into());
        }

        let flat = params.as_slice().map_or_else(|| params.to_vec(), <[f64]>::to_vec);
        let (value, gradient) = self.objective.value_and_gradient(&flat);
        let gradient = Array1::from(gradient);
        *self.last.borrow_mut() = Some(Evaluation { point: params.clone(), value, gradient: gradient.clone() });

        let evaluations = self.evaluations.get() + 1;
        self.evaluations.set(evaluations);
        (self.monitor.progress)((evaluations as f64 / self.max_iterations as f64).min(1.0));
        Ok((value, gradient))
    }
}

impl<O: Objective> CostFunction for Monitored<'_, O> {
    type Param = Array1<f64>;
    type Output = f64;

    fn cost(&self, params: &Self::Param) -> Result<f64, Error> {
        self.evaluate(params).map(|(value, _)| value)
    }
}

impl<O: Objective> Gradient for Monitored<'_, O> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;

    fn gradient(&self, params: &Self::Param) -> Result<Array1<f64>, Error> {
        self.evaluate(params).map(|(_, gradient)| gradient)
    }
}

/// Settings of [`minimise`].
pub(crate) struct SolverSettings<'a> {
    pub max_iterations: u64,
    /// Norm of the mean objective's gradient below which the fit counts as converged.
    pub gradient_tolerance: f64,
    /// The model's name in the warning logged when the budget runs out first.
    pub model: &'static str,
    pub monitor: &'a FitMonitor<'a>,
}

/// Minimises `objective` from all zeros with L-BFGS (memory [`LBFGS_MEMORY`]) and a
/// More-Thuente line search, and returns the fitted linear model for `classes` over
/// `n_features` features. A set cancel flag returns [`MlError::Cancelled`].
pub(crate) fn minimise<O: Objective>(
    objective: O,
    n_features: usize,
    classes: Vec<usize>,
    settings: &SolverSettings<'_>,
) -> Result<LinearModel, MlError> {
    let n_classes = classes.len();
    let start = Array1::zeros(objective.n_params());
    let problem = Monitored::new(objective, settings.monitor, settings.max_iterations);
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), LBFGS_MEMORY)
        .with_tolerance_grad(settings.gradient_tolerance)
        .and_then(|s| s.with_tolerance_cost(0.0))
        .map_err(|e| MlError::Fit { reason: e.to_string() })?;
    let result = Executor::new(problem, solver)
        .configure(|state| state.param(start).max_iters(settings.max_iterations))
        .timer(false)
        .run();
    // argmin 0.11 does not pass every evaluation error on (an error inside the line
    // search can end the run with Ok), so the flag decides, not the result.
    if settings.monitor.cancel.load(Ordering::Relaxed) {
        return Err(MlError::Cancelled);
    }
    let result = result.map_err(|e| {
        if e.downcast_ref::<FitCancelled>().is_some() {
            MlError::Cancelled
        } else {
            MlError::Fit { reason: e.to_string() }
        }
    })?;

    let state = result.state();
    let iterations = state.get_iter();
    let converged = matches!(state.get_termination_reason(), Some(TerminationReason::SolverConverged));
    if !converged {
        tracing::warn!(
            model = settings.model,
            iterations,
            reason = ?state.get_termination_reason(),
            "the solver stopped before converging; raise model.max_iterations"
        );
    }
    let params = state
        .get_best_param()
        .ok_or_else(|| MlError::Fit { reason: "the solver returned no parameters".to_string() })?
        .to_vec();
    let n_weights = n_features * n_classes;
    let weights = Array2::from_shape_vec((n_features, n_classes), params[..n_weights].to_vec())
        .map_err(|e| MlError::Fit { reason: e.to_string() })?;
    let intercept = Array1::from(params[n_weights..].to_vec());
    Ok(LinearModel { weights, intercept, classes, iterations, converged })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    /// `(p₀ − 1)² + (p₁ + 2)²`, with its minimum at (1, −2).
    struct Bowl;

    impl Objective for Bowl {
        fn n_params(&self) -> usize {
            2
        }

        fn value_and_gradient(&self, params: &[f64]) -> (f64, Vec<f64>) {
            let (a, b) = (params[0] - 1.0, params[1] + 2.0);
            (a * a + b * b, vec![2.0 * a, 2.0 * b])
        }
    }

    #[test]
    fn cancelled_evaluation_fails() {
        let cancel = AtomicBool::new(true);
        let monitor = FitMonitor { progress: &|_| {}, cancel: &cancel };
        let problem = Monitored::new(Bowl, &monitor, 10);
        let err = problem.cost(&Array1::zeros(2)).unwrap_err();
        assert!(err.downcast_ref::<FitCancelled>().is_some(), "{err}");
    }

    #[test]
    fn repeated_point_evaluated_once() {
        let cancel = AtomicBool::new(false);
        let reported = RefCell::new(Vec::new());
        let progress = |fraction: f64| reported.borrow_mut().push(fraction);
        let monitor = FitMonitor { progress: &progress, cancel: &cancel };
        let problem = Monitored::new(Bowl, &monitor, 4);
        let point = Array1::from(vec![0.0, 0.0]);
        assert_eq!(problem.cost(&point).unwrap(), 5.0);
        assert_eq!(problem.gradient(&point).unwrap(), Array1::from(vec![-2.0, 4.0]));
        assert_eq!(*reported.borrow(), [0.25], "one evaluation for cost and gradient at one point");
    }

    #[test]
    fn minimise_finds_the_bowl_bottom() {
        // One feature and one class give the two parameters (weight, intercept).
        let cancel = AtomicBool::new(false);
        let monitor = FitMonitor { progress: &|_| {}, cancel: &cancel };
        let settings =
            SolverSettings { max_iterations: 50, gradient_tolerance: 1e-8, model: "bowl", monitor: &monitor };
        let model = minimise(Bowl, 1, vec![0], &settings).unwrap();
        assert!(model.converged, "stopped after {} iterations", model.iterations);
        assert!((model.weights[[0, 0]] - 1.0).abs() < 1e-6, "{:?}", model.weights);
        assert!((model.intercept[0] + 2.0).abs() < 1e-6, "{:?}", model.intercept);

        let cancelled = AtomicBool::new(true);
        let monitor = FitMonitor { progress: &|_| {}, cancel: &cancelled };
        let settings = SolverSettings { monitor: &monitor, ..settings };
        assert!(matches!(minimise(Bowl, 1, vec![0], &settings), Err(MlError::Cancelled)));
    }
}
