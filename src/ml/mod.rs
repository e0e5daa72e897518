//! Models trained on the labels: features, training, prediction and cross-validation.
//!
//! - [`text`] and [`tfidf`]: TF-IDF over word and character n-grams.
//! - [`image`]: grey pixel features.
//! - [`features`]: the fitted feature space that combines them.
//! - [`sparse`]: the CSR feature matrix that both models fit on.
//! - [`softmax`] (objective in `softmax_loss`): multinomial logistic regression with
//!   an L2 penalty, minimised by argmin's L-BFGS.
//! - [`naive_bayes`]: multinomial naive Bayes.
//! - [`svm`]: one-vs-rest linear SVM with the squared hinge loss.
//! - [`linear`]: the fitted form both models share, and the softmax function.
//! - [`train`], [`model`]: training and the saved model.
//! - [`evaluate`], [`report`]: stratified k-fold cross-validation, held-out evaluation
//!   and their report; [`calibration`]: log loss and expected calibration error;
//!   [`soft_scores`]: scores against soft labels.
//! - [`active`]: learning curves and the active-learning simulation.
//! - [`tensorboard`]: scalar summaries in TensorBoard's event file format.
//! - [`torch`]: neural networks on libtorch for `model.backend = "torch"` (`torch` feature).
//!
//! Nothing here writes to the terminal; progress goes to a callback and logs to `tracing`.

pub mod active;
pub mod calibration;
pub mod error;
pub mod evaluate;
pub mod features;
pub mod image;
pub mod linear;
mod linear_objective;
pub mod model;
pub mod naive_bayes;
pub mod report;
pub mod soft_scores;
pub mod softmax;
mod softmax_loss;
pub mod sparse;
pub mod svm;
pub mod tensorboard;
pub mod text;
pub mod tfidf;
pub mod torch;
pub mod train;

pub use active::{
    CurvePoint, LearningCurve, SimulationReport, SimulationSettings, Strategy, StrategyCurve, learning_curve,
    simulate_learning,
};
pub use error::MlError;
pub use evaluate::{evaluate, evaluate_held_out, evaluate_soft, evaluate_with_options, stratified_folds};
pub use features::FeatureOptions;
pub use linear::LinearModel;
pub use model::{FitInfo, Prediction, TrainSummary, TrainedModel};
pub use naive_bayes::{NaiveBayesParams, ValidNaiveBayesParams};
pub use report::{ClassScores, EvalReport};
pub use soft_scores::SoftScores;
pub use softmax::{FitMonitor, SoftmaxParams, ValidSoftmaxParams};
pub use sparse::CsrMatrix;
pub use train::{train, train_soft, train_with_options};

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
