//! A multilayer perceptron with one shared hidden layer (the trunk) and one linear output
//! head per question, and the loss that trains all heads at once.
//!
//! An example may be labelled for some questions only. Its missing labels are written as
//! [`MISSING`] and take no part in the loss, so each head learns from the examples that
//! answer its question while the trunk learns from all of them.

use tch::nn::{self, Module};
use tch::{Kind, Tensor};

/// Target value of an example that has no label for a head.
pub const MISSING: i64 = -1;

/// Shared trunk and per-question heads.
#[derive(Debug)]
pub struct MultiTaskMlp {
    trunk: nn::Linear,
    heads: Vec<(String, nn::Linear)>,
    dropout: f64,
}

impl MultiTaskMlp {
    /// Creates the layers under `path`: `n_inputs → hidden` (ReLU, dropout), then one
    /// `hidden → n_classes` head for each `(question_name, n_classes)`.
    pub fn new(path: &nn::Path, n_inputs: usize, hidden: usize, dropout: f64, heads: &[(String, usize)]) -> Self {
        let trunk = nn::linear(path / "trunk", n_inputs as i64, hidden as i64, Default::default());
        let heads = heads
            .iter()
            .enumerate()
            .map(|(index, (name, n_classes))| {
                // Variable names by position: question names may hold characters that
                // libtorch does not allow in a variable path.
                let layer =
                    nn::linear(path / format!("head{index}"), hidden as i64, *n_classes as i64, Default::default());
                (name.clone(), layer)
            })
            .collect();
        MultiTaskMlp { trunk, heads, dropout }
    }

    /// Question names of the heads, in output order.
    pub fn head_names(&self) -> impl Iterator<Item = &str> {
        self.heads.iter().map(|(name, _)| name.as_str())
    }

    /// Returns the logits of every head for a `[batch, n_inputs]` float tensor. Dropout is
    /// applied only when `train` is true.
    pub fn forward_t(&self, xs: &Tensor, train: bool) -> Vec<Tensor> {
        let hidden = self.trunk.forward(xs).relu().dropout(self.dropout, train);
        self.heads.iter().map(|(_, head)| head.forward(&hidden)).collect()
    }
}

/// Mean cross-entropy over the examples whose target is not [`MISSING`]; 0 when a batch has
/// no labelled example for this head, so that such a batch still trains the other heads.
pub fn masked_cross_entropy(logits: &Tensor, targets: &Tensor) -> Tensor {
    let labelled = targets.ge(0);
    let weight = labelled.to_kind(Kind::Float);
    // Missing targets index class 0 here; their weight of 0 removes them from the sum.
    let safe_targets = targets.clamp_min(0).unsqueeze(1);
    let picked = logits.log_softmax(-1, Kind::Float).gather(1, &safe_targets, false).squeeze_dim(1);
    let count = weight.sum(Kind::Float).clamp_min(1.0);
    -(picked * &weight).sum(Kind::Float) / count
}

/// Sum of the heads' masked cross-entropies; `targets[h]` contains head `h`'s class indices.
pub fn multitask_loss(logits: &[Tensor], targets: &[Tensor]) -> Tensor {
    logits
        .iter()
        .zip(targets)
        .map(|(head, target)| masked_cross_entropy(head, target))
        .reduce(|sum, loss| sum + loss)
        .unwrap_or_else(|| Tensor::from(0.0f32))
}
