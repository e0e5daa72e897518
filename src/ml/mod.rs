//! Models trained on the labels: features, training, prediction and cross-validation.
//!
//! - [`text`] and [`tfidf`]: TF-IDF over word and character n-grams.
//! - [`image`]: grey pixel features.
//! - [`features`]: the fitted feature space that combines them.
//! - [`logistic`]: multinomial logistic regression through linfa-logistic.
//! - [`train`], [`model`]: training and the saved model.
//! - [`evaluate`], [`report`]: stratified k-fold cross-validation and its report.
//!
//! Nothing here writes to the terminal; progress goes to a callback and logs to `tracing`.

pub mod error;
pub mod evaluate;
pub mod features;
pub mod image;
pub mod logistic;
pub mod model;
pub mod report;
pub mod text;
pub mod tfidf;
pub mod train;

pub use error::MlError;
pub use evaluate::{evaluate, evaluate_with_options, stratified_folds};
pub use features::FeatureOptions;
pub use model::{Prediction, TrainSummary, TrainedModel};
pub use report::{ClassScores, EvalReport};
pub use train::{train, train_with_options};

use std::path::PathBuf;

/// One labelled item as the models see it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledExample {
    /// The item id, used in messages and logs.
    pub key: String,
    /// The training text; may be empty for image tasks.
    pub text: String,
    /// Path of the item's image, already resolved against the project directory.
    pub image: Option<PathBuf>,
    pub label: String,
}
