//! A trained model: its feature space, labels and coefficients, saved as JSON.

use crate::core::task::ModelKind;
use crate::i18n::catalogue::polish::POL_MODEL_COEFFICIENTS;
use crate::i18n::decoders::json_reason;
use crate::ml::LabelledExample;
use crate::ml::error::MlError;
use crate::ml::features::{FeatureSpace, SparseRow};
use crate::ml::linear::{LinearModel, softmax};
use crate::ml::torch::TorchModel;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Version of the model file layout; [`TrainedModel::load`] rejects other versions.
/// Version 2 added the model kind, the solver's iteration count and convergence.
const FORMAT_VERSION: u32 = 2;

/// Summary of a training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainSummary {
    pub n_examples: usize,
    pub n_features: usize,
    /// Class labels in sorted order, which is also the order of
    /// [`Prediction::probabilities`].
    pub labels: Vec<String>,
    /// Accuracy of the model on its own training examples.
    pub train_accuracy: f64,
    /// Wall-clock time of feature extraction and fitting.
    pub seconds: f64,
}

/// How the classifier of a [`TrainedModel`] was fitted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitInfo {
    pub kind: ModelKind,
    /// Solver iterations; 0 for naive Bayes, which is fitted in closed form.
    pub iterations: u64,
    /// False when the solver stopped at `model.max_iterations` before converging.
    pub converged: bool,
}

/// The predicted label of one example.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    pub label: String,
    /// Probability of `label`.
    pub confidence: f64,
    /// Probability of every label, in the order of [`TrainSummary::labels`].
    pub probabilities: Vec<f64>,
}

/// A model ready to predict: feature space, labels and coefficients. Both model
/// kinds score a row as `intercept + row · weights` and take the softmax.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainedModel {
    format_version: u32,
    features: FeatureSpace,
    /// `n_features × n_labels` weights, stored row by row.
    weights: Vec<f64>,
    intercept: Vec<f64>,
    fit: FitInfo,
    summary: TrainSummary,
    /// The network of a model trained with `model.backend = "torch"`, whose `weights` and
    /// `intercept` are then empty. Absent from the files of the linear models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    torch: Option<TorchModel>,
}

/// The version field alone, read before the rest of a model file.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u64,
}

impl TrainedModel {
    /// Assembles a model from a fit whose classes are indices into `summary.labels`.
    pub(crate) fn new(
        features: FeatureSpace,
        kind: ModelKind,
        fit: &LinearModel,
        summary: TrainSummary,
    ) -> TrainedModel {
        let n_features = fit.weights.nrows();
        let n_labels = summary.labels.len();
        let mut weights = vec![0.0; n_features * n_labels];
        let mut intercept = vec![f64::MIN; n_labels];
        for (column, &class) in fit.classes.iter().enumerate() {
            intercept[class] = fit.intercept[column];
            for feature in 0..n_features {
                weights[feature * n_labels + class] = fit.weights[[feature, column]];
            }
        }
        let info = FitInfo { kind, iterations: fit.iterations, converged: fit.converged };
        TrainedModel { format_version: FORMAT_VERSION, features, weights, intercept, fit: info, summary, torch: None }
    }

    /// Assembles a model of the torch backend.
    #[cfg_attr(not(feature = "torch"), allow(dead_code))]
    pub(crate) fn from_torch(features: FeatureSpace, torch: TorchModel, fit: FitInfo, summary: TrainSummary) -> Self {
        let (weights, intercept) = (Vec::new(), Vec::new());
        TrainedModel { format_version: FORMAT_VERSION, features, weights, intercept, fit, summary, torch: Some(torch) }
    }

    /// Predicts each example. An example whose image is missing or unreadable is scored
    /// on its text features alone, with every pixel as 0, and a warning is logged.
    /// [`TrainedModel::try_predict`] returns the error instead.
    pub fn predict(&self, examples: &[LabelledExample]) -> Vec<Prediction> {
        examples
            .iter()
            .map(|example| {
                let row = self.features.transform_one(example).unwrap_or_else(|err| {
                    tracing::warn!(key = %example.key, error = %err, "predicting without image features");
                    self.features.transform_text_only(example)
                });
                self.predict_row(&row)
            })
            .collect()
    }

    /// Predicts `question` for each example with the head of that question, when the model
    /// is a torch network with one head per question. Any other model returns `None`. Examples
    /// whose image cannot be read are scored as [`TrainedModel::predict`] scores them.
    pub fn predict_question(&self, examples: &[LabelledExample], question: &str) -> Option<Vec<Prediction>> {
        let torch = self.torch.as_ref()?;
        let (head, labels) = torch.head_of(question)?;
        let predictions = examples
            .iter()
            .map(|example| {
                let row = self.features.transform_one(example).unwrap_or_else(|err| {
                    tracing::warn!(key = %example.key, error = %err, "predicting without image features");
                    self.features.transform_text_only(example)
                });
                let scores = torch.head_probabilities(&row, head);
                let best = (0..scores.len()).fold(0, |best, j| if scores[j] > scores[best] { j } else { best });
                Prediction {
                    label: labels.get(best).cloned().unwrap_or_default(),
                    confidence: scores.get(best).copied().unwrap_or(0.0),
                    probabilities: scores,
                }
            })
            .collect();
        Some(predictions)
    }

    /// Predicts each example, failing on the first example whose features cannot be computed.
    pub fn try_predict(&self, examples: &[LabelledExample]) -> Result<Vec<Prediction>, MlError> {
        let rows = self.features.transform(examples)?;
        Ok(rows.iter().map(|row| self.predict_row(row)).collect())
    }

    pub(crate) fn predict_row(&self, row: &SparseRow) -> Prediction {
        let scores = match &self.torch {
            Some(torch) => torch.probabilities(row),
            None => self.linear_probabilities(row),
        };
        let n_labels = scores.len();

        let best = (0..n_labels).fold(0, |best, j| if scores[j] > scores[best] { j } else { best });
        Prediction {
            label: self.summary.labels.get(best).cloned().unwrap_or_default(),
            confidence: scores.get(best).copied().unwrap_or(0.0),
            probabilities: scores,
        }
    }

    fn linear_probabilities(&self, row: &SparseRow) -> Vec<f64> {
        let n_labels = self.intercept.len();
        let mut scores = self.intercept.clone();
        for &(feature, value) in row {
            let Some(weights) = self.weights.get(feature * n_labels..(feature + 1) * n_labels) else {
                continue;
            };
            for (score, w) in scores.iter_mut().zip(weights) {
                *score += value * w;
            }
        }
        softmax(&mut scores);
        scores
    }

    /// The network of a torch model; `None` for the linear models.
    pub fn torch(&self) -> Option<&TorchModel> {
        self.torch.as_ref()
    }

    pub fn summary(&self) -> &TrainSummary {
        &self.summary
    }

    /// Returns the library that fitted the model (`linfa` or `torch`) and the name of its
    /// model for the run registry: the linear kind, or the network's shape with the number
    /// of output heads when there are several, such as `mlp, 2 heads`.
    pub fn registry_names(&self) -> (&'static str, String) {
        let Some(torch) = &self.torch else { return ("linfa", self.fit.kind.name().to_string()) };
        let spec = torch.spec();
        let shape = match spec.kind {
            crate::ml::torch::NetKind::Mlp => "mlp",
            crate::ml::torch::NetKind::Cnn => "cnn",
        };
        match spec.heads.len() {
            0 | 1 => ("torch", shape.to_string()),
            heads => ("torch", format!("{shape}, {heads} heads")),
        }
    }

    /// Returns the model kind, the solver's iteration count and whether it converged.
    pub fn fit_info(&self) -> FitInfo {
        self.fit
    }

    /// Writes the model as JSON, through a temporary file renamed into place so that a
    /// crash never leaves half a model at `path`. A torch model writes its network weights
    /// first, to [`weights_path`](crate::ml::torch::weights_path) next to `path`.
    pub fn save(&self, path: &Path) -> Result<(), MlError> {
        if let Some(torch) = &self.torch {
            torch.save_weights(path)?;
        }
        let io_error = |source| MlError::Io { path: path.to_path_buf(), source };
        let json = serde_json::to_vec(self).map_err(|e| io_error(std::io::Error::other(e)))?;
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".tmp");
        std::fs::write(&temporary, json).map_err(io_error)?;
        std::fs::rename(&temporary, path).map_err(io_error)
    }

    /// Reads a model written by [`TrainedModel::save`].
    pub fn load(path: &Path) -> Result<TrainedModel, MlError> {
        let bytes = std::fs::read(path).map_err(|source| MlError::Io { path: path.to_path_buf(), source })?;
        let invalid = |reason: String| MlError::ModelFile { path: path.to_path_buf(), reason };

        // Check the version before the layout, so that a file of another version gets
        // a version error instead of a missing-field error.
        let probe: VersionProbe = serde_json::from_slice(&bytes).map_err(|e| invalid(json_reason(&e)))?;
        if probe.format_version != u64::from(FORMAT_VERSION) {
            return Err(MlError::ModelVersion {
                path: path.to_path_buf(),
                found: probe.format_version,
                expected: FORMAT_VERSION,
            });
        }
        let mut model: TrainedModel = serde_json::from_slice(&bytes).map_err(|e| invalid(json_reason(&e)))?;
        if let Some(torch) = &mut model.torch {
            torch.load_weights(path)?;
            return Ok(model);
        }
        let n_labels = model.summary.labels.len();
        if model.intercept.len() != n_labels || model.weights.len() != model.features.n_features() * n_labels {
            return Err(invalid(POL_MODEL_COEFFICIENTS.text().to_string()));
        }
        Ok(model)
    }
}
