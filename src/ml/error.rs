//! Errors of training, evaluation and model files. Each message, from the catalogue in
//! the current language, names the value at fault and what to do next.

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
}
