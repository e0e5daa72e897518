//! Multinomial naive Bayes on non-negative CSR rows (term weights or pixel values).
//!
//! This is our own small implementation rather than linfa-bayes 0.8.1, whose
//! `MultinomialNb::fit` writes debug output to stderr. Jobs run inside the TUI's
//! process, so that output would garble the screen.
//!
//! With smoothing `a`, per-class feature totals `N_kj` and `F` features, the fit stores
//! `ln P(j | k) = ln((N_kj + a) / (Σ_j N_kj + a·F))` as weights and the class shares
//! `ln P(k)` as intercepts, like scikit-learn's `MultinomialNB(alpha=a)`.

use crate::ml::error::MlError;
use crate::ml::linear::LinearModel;
use crate::ml::softmax::{check_inputs, compact_classes};
use crate::ml::sparse::CsrMatrix;
use linfa::traits::Fit;
use linfa::{DatasetBase, ParamGuard};
use ndarray::{Array1, Array2};

/// Hyperparameters of [`ValidNaiveBayesParams`], not yet checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NaiveBayesParams(ValidNaiveBayesParams);

/// Checked hyperparameters of multinomial naive Bayes.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidNaiveBayesParams {
    smoothing: f64,
}

impl Default for NaiveBayesParams {
    /// Laplace smoothing (1.0), scikit-learn's default.
    fn default() -> Self {
        NaiveBayesParams(ValidNaiveBayesParams { smoothing: 1.0 })
    }
}

impl NaiveBayesParams {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the additive (Lidstone) smoothing added to every feature total.
    pub fn smoothing(mut self, smoothing: f64) -> Self {
        self.0.smoothing = smoothing;
        self
    }
}

impl ParamGuard for NaiveBayesParams {
    type Checked = ValidNaiveBayesParams;
    type Error = MlError;

    fn check_ref(&self) -> Result<&ValidNaiveBayesParams, MlError> {
        let smoothing = self.0.smoothing;
        if !(smoothing.is_finite() && smoothing > 0.0) {
            return Err(MlError::invalid_parameter("smoothing", smoothing, true));
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<ValidNaiveBayesParams, MlError> {
        self.check_ref()?;
        Ok(self.0)
    }
}

impl ValidNaiveBayesParams {
    /// Fits the model on non-negative rows `x` and class indices `y`.
    pub fn fit_rows(&self, x: &CsrMatrix, y: &[usize]) -> Result<LinearModel, MlError> {
        check_inputs(x, y)?;
        if !x.is_non_negative() {
            return Err(MlError::NegativeFeature);
        }
        let (classes, compact) = compact_classes(y)?;
        let (n_features, n_classes) = (x.n_cols(), classes.len());

        let mut totals = Array2::<f64>::zeros((n_features, n_classes));
        let mut class_counts = vec![0usize; n_classes];
        for (i, &class) in compact.iter().enumerate() {
            class_counts[class] += 1;
            let (columns, values) = x.row(i);
            for (&j, &v) in columns.iter().zip(values) {
                totals[[j, class]] += v;
            }
        }

        let mut weights = totals;
        for mut column in weights.columns_mut() {
            let denominator = (column.sum() + self.smoothing * n_features as f64).ln();
            column.mapv_inplace(|total| (total + self.smoothing).ln() - denominator);
        }
        let n = y.len() as f64;
        let intercept = class_counts.iter().map(|&count| (count as f64 / n).ln()).collect::<Array1<f64>>();
        Ok(LinearModel { weights, intercept, classes, iterations: 0, converged: true })
    }
}

impl Fit<CsrMatrix, Array1<usize>, MlError> for ValidNaiveBayesParams {
    type Object = LinearModel;

    fn fit(&self, dataset: &DatasetBase<CsrMatrix, Array1<usize>>) -> Result<LinearModel, MlError> {
        self.fit_rows(&dataset.records, &dataset.targets.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_probabilities() {
        // Class 0 has totals (2, 0), class 1 has (0, 1); smoothing 1 over 2 features.
        let x = CsrMatrix::from_rows(&[vec![(0, 2.0)], vec![(1, 1.0)]], 2);
        let model = NaiveBayesParams::new().check().expect("valid").fit_rows(&x, &[0, 1]).expect("fit");
        assert!((model.weights[[0, 0]] - (3.0f64 / 4.0).ln()).abs() < 1e-12);
        assert!((model.weights[[1, 0]] - (1.0f64 / 4.0).ln()).abs() < 1e-12);
        assert!((model.weights[[0, 1]] - (1.0f64 / 3.0).ln()).abs() < 1e-12);
        assert!((model.intercept[0] - 0.5f64.ln()).abs() < 1e-12);
        // P(0 | x = (1, 0)) = (0.5 · 3/4) / (0.5 · 3/4 + 0.5 · 1/3).
        let p = model.probabilities(&[(0, 1.0)]);
        let expected = 0.375 / (0.375 + 0.5 / 3.0);
        assert!((p[0] - expected).abs() < 1e-12, "{p:?}");
    }

    #[test]
    fn negative_features_rejected() {
        let x = CsrMatrix::from_rows(&[vec![(0, -1.0)], vec![(0, 1.0)]], 1);
        let err = NaiveBayesParams::new().check().expect("valid").fit_rows(&x, &[0, 1]).unwrap_err();
        assert!(matches!(err, MlError::NegativeFeature), "{err:?}");
    }

    #[test]
    fn zero_smoothing_rejected() {
        let err = NaiveBayesParams::new().smoothing(0.0).check().unwrap_err();
        assert!(matches!(err, MlError::InvalidParameter { .. }), "{err:?}");
    }
}
