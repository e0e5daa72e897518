//! Neural networks on libtorch, behind the `torch` cargo feature (`model.backend = "torch"`).
//!
//! - [`multitask`]: a multilayer perceptron with a shared hidden layer and one output head per
//!   question, and the cross-entropy loss that skips missing labels. A one-question project
//!   trains it with a single head, which is the plain MLP over TF-IDF features.
//! - [`cnn`]: a small convolutional network for items whose only features are grey pixels.
//! - [`net`]: the network of a saved model, rebuilt from its [`NetSpec`].
//! - [`fit`]: mini-batch training with Adam.
//!
//! A project with several questions trains one network with a head per question
//! ([`QuestionTargets`] holds each question's labels); the first head is the model's own,
//! and the others score their questions through [`TrainedModel::predict_question`].
//!
//! [`TrainedModel::predict_question`]: crate::ml::TrainedModel::predict_question
//!
//! The file format types ([`NetSpec`], [`TorchModel`]) are compiled in every build, so a build
//! without libtorch can read a model file and report what it needs instead of failing on its layout.

#[cfg(feature = "torch")]
pub mod cnn;
#[cfg(feature = "torch")]
pub mod fit;
#[cfg(feature = "torch")]
pub mod multitask;
#[cfg(feature = "torch")]
pub mod net;
mod spec;
mod training;

/// The tch crate, so that tests and tools use the version Quorum was built with.
#[cfg(feature = "torch")]
pub use tch;

pub use spec::{NetKind, NetSpec, TorchModel, weights_path};
pub use training::QuestionTargets;
pub(crate) use training::{ensure_available, fit_predict, train, train_multitask};
