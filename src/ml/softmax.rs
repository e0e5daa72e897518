//! Multinomial (softmax) logistic regression with an L2 penalty, on CSR rows.
//!
//! [`SoftmaxLoss`](crate::ml::softmax_loss) computes the objective and its gradient
//! over the stored entries only, and argmin's L-BFGS with a More-Thuente line search
//! (the solver that linfa-logistic 0.8 uses) minimises it. A fit costs
//! `O(stored entries × classes)` per evaluation, whether the rows come from TF-IDF
//! or from dense pixels.
//!
//! The parameters follow linfa's pattern: [`SoftmaxParams`] is checked into
//! [`ValidSoftmaxParams`], whose `fit` returns a [`LinearModel`].

use crate::ml::error::MlError;
use crate::ml::linear::LinearModel;
use crate::ml::linear_objective::{SolverSettings, minimise};
use crate::ml::softmax_loss::SoftmaxLoss;
use crate::ml::sparse::CsrMatrix;
use linfa::DatasetBase;
use linfa::ParamGuard;
use linfa::traits::Fit;
use ndarray::Array1;
use std::sync::atomic::AtomicBool;

/// Hyperparameters of [`ValidSoftmaxParams`], not yet checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxParams(ValidSoftmaxParams);

/// Checked hyperparameters of the softmax regression.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSoftmaxParams {
    alpha: f64,
    max_iterations: u64,
    gradient_tolerance: f64,
}

/// Progress report and cancel flag for a fit.
pub struct FitMonitor<'a> {
    /// Receives the fraction of the iteration budget spent, in `[0, 1]`.
    pub progress: &'a dyn Fn(f64),
    /// Checked before each objective evaluation; when set, the fit returns
    /// [`MlError::Cancelled`].
    pub cancel: &'a AtomicBool,
}

impl Default for SoftmaxParams {
    fn default() -> Self {
        SoftmaxParams(ValidSoftmaxParams { alpha: 1.0, max_iterations: 200, gradient_tolerance: 1e-4 })
    }
}

impl SoftmaxParams {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the L2 penalty on the summed loss: scikit-learn's `1 / C`.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.0.alpha = alpha;
        self
    }

    /// Sets the L-BFGS iteration budget.
    pub fn max_iterations(mut self, max_iterations: u64) -> Self {
        self.0.max_iterations = max_iterations;
        self
    }

    /// Sets the L2 norm of the gradient of the mean objective below which the fit
    /// counts as converged.
    pub fn gradient_tolerance(mut self, tolerance: f64) -> Self {
        self.0.gradient_tolerance = tolerance;
        self
    }
}

impl ParamGuard for SoftmaxParams {
    type Checked = ValidSoftmaxParams;
    type Error = MlError;

    fn check_ref(&self) -> Result<&ValidSoftmaxParams, MlError> {
        let p = &self.0;
        if !(p.alpha.is_finite() && p.alpha >= 0.0) {
            return Err(MlError::invalid_parameter("alpha", p.alpha, false));
        }
        if p.max_iterations == 0 {
            return Err(MlError::invalid_parameter("max_iterations", 0, true));
        }
        if !(p.gradient_tolerance.is_finite() && p.gradient_tolerance > 0.0) {
            return Err(MlError::invalid_parameter("gradient_tolerance", p.gradient_tolerance, true));
        }
        Ok(p)
    }

    fn check(self) -> Result<ValidSoftmaxParams, MlError> {
        self.check_ref()?;
        Ok(self.0)
    }
}

impl ValidSoftmaxParams {
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    pub fn max_iterations(&self) -> u64 {
        self.max_iterations
    }

    /// Fits the model on rows `x` and class indices `y`, reporting to `monitor`.
    ///
    /// Classes are the distinct values of `y`; a class index with no row gets no
    /// column. The result's `converged` is false when the iteration budget ran out
    /// first, and the fit logs a warning then.
    pub fn fit_monitored(&self, x: &CsrMatrix, y: &[usize], monitor: &FitMonitor<'_>) -> Result<LinearModel, MlError> {
        check_inputs(x, y)?;
        let (classes, compact) = compact_classes(y)?;
        self.fit_compact(x, &compact, None, classes, monitor)
    }

    /// Fits on rows `x` towards a target distribution per row: `soft[i][c]` is the
    /// probability of class index `c` for row `i`. The loss is the cross-entropy to
    /// these distributions; one-hot rows give the same model as [`Self::fit_monitored`].
    ///
    /// Classes are those with any probability mass, and a row's most probable class
    /// counts as its class for the checks.
    pub fn fit_soft_monitored(
        &self,
        x: &CsrMatrix,
        soft: &[Vec<f64>],
        monitor: &FitMonitor<'_>,
    ) -> Result<LinearModel, MlError> {
        let y: Vec<usize> = soft.iter().map(|row| crate::ml::evaluate::argmax(row)).collect();
        check_inputs(x, &y)?;
        if soft.iter().flatten().any(|p| !(p.is_finite() && *p >= 0.0)) {
            return Err(MlError::NotFinite);
        }
        let width = soft.iter().map(Vec::len).max().unwrap_or(0);
        let mut classes: Vec<usize> =
            (0..width).filter(|&c| soft.iter().any(|row| row.get(c).is_some_and(|p| *p > 0.0))).collect();
        classes.extend(y.iter().copied());
        classes.sort_unstable();
        classes.dedup();
        match classes.first() {
            None => return Err(MlError::NoExamples),
            Some(only) if classes.len() == 1 => return Err(MlError::OneClass { label: only.to_string() }),
            Some(_) => {}
        }
        let compact: Vec<usize> = y.iter().map(|c| classes.binary_search(c).unwrap_or(0)).collect();
        // Each row's distribution over the fitted classes only, renormalised to sum to 1.
        let targets: Vec<Vec<f64>> = soft
            .iter()
            .map(|row| {
                let mut q: Vec<f64> = classes.iter().map(|&c| row.get(c).copied().unwrap_or(0.0)).collect();
                let total: f64 = q.iter().sum();
                if total > 0.0 {
                    q.iter_mut().for_each(|p| *p /= total);
                }
                q
            })
            .collect();
        self.fit_compact(x, &compact, Some(&targets), classes, monitor)
    }

    /// Fits with classes already mapped to `0..classes.len()`.
    fn fit_compact(
        &self,
        x: &CsrMatrix,
        compact: &[usize],
        soft: Option<&[Vec<f64>]>,
        classes: Vec<usize>,
        monitor: &FitMonitor<'_>,
    ) -> Result<LinearModel, MlError> {
        let mut objective = SoftmaxLoss::new(x, compact, classes.len(), self.alpha);
        if let Some(soft) = soft {
            objective = objective.with_soft_targets(soft);
        }
        let settings = SolverSettings {
            max_iterations: self.max_iterations,
            gradient_tolerance: self.gradient_tolerance,
            model: "logistic regression",
            monitor,
        };
        minimise(objective, x.n_cols(), classes, &settings)
    }
}

impl Fit<CsrMatrix, Array1<usize>, MlError> for ValidSoftmaxParams {
    type Object = LinearModel;

    /// Fits without progress reports or cancellation; see
    /// [`ValidSoftmaxParams::fit_monitored`].
    fn fit(&self, dataset: &DatasetBase<CsrMatrix, Array1<usize>>) -> Result<LinearModel, MlError> {
        let cancel = AtomicBool::new(false);
        let monitor = FitMonitor { progress: &|_| {}, cancel: &cancel };
        let targets = dataset.targets.to_vec();
        self.fit_monitored(&dataset.records, &targets, &monitor)
    }
}

/// Rejects a target count that differs from the row count, and non-finite features.
pub(crate) fn check_inputs(x: &CsrMatrix, y: &[usize]) -> Result<(), MlError> {
    if x.n_rows() != y.len() {
        return Err(MlError::ShapeMismatch { rows: x.n_rows(), targets: y.len() });
    }
    if !x.is_finite() {
        return Err(MlError::NotFinite);
    }
    Ok(())
}

/// Returns the sorted distinct classes of `y` and each target's position among them,
/// or an error when fewer than 2 classes are present.
pub(crate) fn compact_classes(y: &[usize]) -> Result<(Vec<usize>, Vec<usize>), MlError> {
    let mut classes = y.to_vec();
    classes.sort_unstable();
    classes.dedup();
    match classes.len() {
        0 => return Err(MlError::NoExamples),
        1 => {
            return Err(MlError::OneClass { label: classes[0].to_string() });
        }
        _ => {}
    }
    let compact = y.iter().map(|c| classes.binary_search(c).unwrap_or(0)).collect();
    Ok((classes, compact))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn fit(x: &CsrMatrix, y: &[usize], params: SoftmaxParams) -> Result<LinearModel, MlError> {
        let cancel = AtomicBool::new(false);
        params.check()?.fit_monitored(x, y, &FitMonitor { progress: &|_| {}, cancel: &cancel })
    }

    #[test]
    fn separable_set_fitted() {
        let dense = array![[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9], [-1.0, -1.0], [-0.9, -1.1]];
        let x = CsrMatrix::from_dense(dense.view());
        let y = [0, 0, 1, 1, 2, 2];
        let model = fit(&x, &y, SoftmaxParams::new().alpha(0.01)).expect("fit");
        assert!(model.converged, "stopped after {} iterations", model.iterations);
        assert_eq!(model.classes, [0, 1, 2]);
        for (i, &class) in y.iter().enumerate() {
            let (columns, values) = x.row(i);
            assert_eq!(model.predict_row(columns, values), class, "row {i}");
        }
        let p = model.predict_proba(&x);
        assert!(p[[0, 0]] > 0.9, "{p:?}");
    }

    #[test]
    fn missing_class_index_gets_no_column() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(1, 1.0)]], 2);
        let model = fit(&x, &[1, 4], SoftmaxParams::new()).expect("fit");
        assert_eq!(model.classes, [1, 4]);
        assert_eq!(model.weights.dim(), (2, 2));
    }

    #[test]
    fn tiny_budget_reports_not_converged() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(1, 1.0)], vec![(0, 1.0), (1, 0.5)]], 2);
        let model = fit(&x, &[0, 1, 0], SoftmaxParams::new().alpha(1e-4).max_iterations(1)).expect("fit");
        assert!(!model.converged);
        assert_eq!(model.iterations, 1);
    }

    #[test]
    fn invalid_parameters_rejected() {
        for params in [
            SoftmaxParams::new().alpha(-1.0),
            SoftmaxParams::new().alpha(f64::NAN),
            SoftmaxParams::new().max_iterations(0),
            SoftmaxParams::new().gradient_tolerance(0.0),
        ] {
            let err = params.check().unwrap_err();
            assert!(matches!(err, MlError::InvalidParameter { .. }), "{err:?}");
        }
    }

    #[test]
    fn mismatched_targets_rejected() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)]], 1);
        let err = fit(&x, &[0, 1], SoftmaxParams::new()).unwrap_err();
        assert!(matches!(err, MlError::ShapeMismatch { rows: 1, targets: 2 }), "{err:?}");
    }

    #[test]
    fn single_class_rejected() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(0, 2.0)]], 1);
        let err = fit(&x, &[3, 3], SoftmaxParams::new()).unwrap_err();
        assert!(matches!(err, MlError::OneClass { .. }), "{err:?}");
    }

    #[test]
    fn linfa_fit_trait_works() {
        let x = CsrMatrix::from_rows(&[vec![(0, 1.0)], vec![(1, 1.0)], vec![(0, 0.8)], vec![(1, 0.9)]], 2);
        let dataset = DatasetBase::new(x.clone(), array![0usize, 1, 0, 1]);
        let model: LinearModel = SoftmaxParams::new().fit(&dataset).expect("fit");
        let predicted: Array1<usize> = linfa::traits::Predict::predict(&model, &dataset);
        assert_eq!(predicted, array![0usize, 1, 0, 1]);
    }
}
