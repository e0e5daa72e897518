//! Errors of training, evaluation and model files. Each message, from the catalogue in
//! the current language, names the value at fault and what to do next.

use crate::i18n::catalogue::learning as learn;
use crate::i18n::catalogue::ml as msg;
use std::path::PathBuf;
use thiserror::Error;

/// A failure of feature extraction, training, evaluation or model file handling.
#[derive(Debug, Error)]
pub enum MlError {
    #[error("{}", msg::ML_ERR_NO_EXAMPLES.text())]
    NoExamples,
    #[error("{}", msg::ML_ERR_ONE_CLASS.fmt(&[("label", label)]))]
    OneClass { label: String },
    #[error("{}", msg::ML_ERR_FOLDS.fmt(&[("folds", folds), ("n", n_examples)]))]
    InvalidFolds { folds: usize, n_examples: usize },
    #[error("{}", msg::ML_ERR_FOLD_ONE_CLASS.fmt(&[("fold", fold), ("label", label)]))]
    FoldOneClass { fold: usize, label: String },
    #[error("{}", msg::ML_ERR_NO_FEATURES.text())]
    NoFeatures,
    #[error("{}", msg::ML_ERR_MIXED_IMAGES.fmt(&[("key", key)]))]
    MissingImage { key: String },
    #[error("{}", msg::ML_ERR_IMAGE.fmt(&[("path", &path.display()), ("reason", reason)]))]
    Image { path: PathBuf, reason: String },
    #[error("{}", msg::ML_ERR_FIT.fmt(&[("reason", reason)]))]
    Fit { reason: String },
    #[error("{}", msg::ML_ERR_CANCELLED.text())]
    Cancelled,
    #[error("{}", msg::ML_ERR_IO.fmt(&[("path", &path.display()), ("reason", source)]))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}", msg::ML_ERR_MODEL_FILE.fmt(&[("path", &path.display()), ("reason", reason)]))]
    ModelFile { path: PathBuf, reason: String },
    #[error("{}", msg::ML_ERR_MODEL_VERSION.fmt(&[("path", &path.display()), ("found", found), ("expected", expected)]))]
    ModelVersion { path: PathBuf, found: u64, expected: u32 },
    /// A hyperparameter out of range; `positive` is true when 0 is rejected too.
    #[error("{}", invalid_parameter_message(name, value, *positive))]
    InvalidParameter { name: &'static str, value: String, positive: bool },
    #[error("{}", msg::ML_ERR_SHAPE.fmt(&[("rows", rows), ("targets", targets)]))]
    ShapeMismatch { rows: usize, targets: usize },
    #[error("{}", msg::ML_ERR_NOT_FINITE.text())]
    NotFinite,
    #[error("{}", msg::ML_ERR_NEGATIVE_FEATURE.text())]
    NegativeFeature,
    #[error("{}", learn::LEARN_ERR_NO_GOLD_TEST.text())]
    NoHeldOut,
    #[error("{}", learn::LEARN_ERR_CURVE_SIZES.fmt(&[("n", n), ("value", value)]))]
    InvalidCurveSize { value: usize, n: usize },
    #[error("{}", learn::LEARN_SIM_TOO_FEW.fmt(&[("n", n), ("start", start), ("needed", needed)]))]
    TooFewToSimulate { n: usize, start: usize, needed: usize },
    /// `model.backend = "torch"` in a build without the `torch` feature.
    #[error("{}", crate::i18n::catalogue::torch::TORCH_ERR_NOT_BUILT.text())]
    TorchNotBuilt,
    /// A failure reported by libtorch.
    #[error("{}", crate::i18n::catalogue::torch::TORCH_ERR_LIBTORCH.fmt(&[("reason", reason)]))]
    Torch { reason: String },
    /// `model.device = "cuda"` where libtorch sees no CUDA device.
    #[error("{}", crate::i18n::catalogue::torch::TORCH_ERR_NO_CUDA.text())]
    TorchNoCuda,
    /// The weights file of a torch model is missing or does not fit its model file.
    #[error("{}", crate::i18n::catalogue::torch::TORCH_ERR_WEIGHTS.fmt(&[("path", &path.display()), ("reason", reason)]))]
    TorchWeights { path: PathBuf, reason: String },
}

impl MlError {
    pub(crate) fn invalid_parameter(name: &'static str, value: impl std::fmt::Display, positive: bool) -> MlError {
        MlError::InvalidParameter { name, value: value.to_string(), positive }
    }
}

fn invalid_parameter_message(name: &str, value: &str, positive: bool) -> String {
    let template = if positive { &msg::ML_ERR_PARAM_POSITIVE } else { &msg::ML_ERR_PARAM_NON_NEGATIVE };
    template.fmt(&[("name", &name), ("value", &value)])
}

/// linfa's `Fit` trait requires this conversion; linfa's own errors surface as fit
/// failures.
impl From<linfa::Error> for MlError {
    fn from(err: linfa::Error) -> Self {
        MlError::Fit { reason: err.to_string() }
    }
}
