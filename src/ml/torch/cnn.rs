//! A small convolutional network for grey images: two 3×3 convolution layers, each followed
//! by ReLU and 2×2 max pooling, then one hidden layer and one output head per question.
//!
//! The input row contains the `side × side` pixels of the feature space in row-major order, so
//! the network reads the same features as the linear models. The 8×8 digits become 4×4 after
//! the first pooling and 2×2 after the second.

use tch::Tensor;
use tch::nn::{self, Module};

/// Channels of the two convolution layers.
const CHANNELS: (i64, i64) = (16, 32);

/// Smallest image side that survives two 2×2 poolings.
pub const MIN_SIDE: usize = 4;

#[derive(Debug)]
pub struct Cnn {
    side: i64,
    conv1: nn::Conv2D,
    conv2: nn::Conv2D,
    hidden: nn::Linear,
    heads: Vec<nn::Linear>,
    dropout: f64,
}

impl Cnn {
    /// Creates the layers under `path` for `side × side` images; `side` must be at least
    /// [`MIN_SIDE`].
    pub fn new(path: &nn::Path, side: usize, hidden: usize, dropout: f64, heads: &[(String, usize)]) -> Self {
        let padded = nn::ConvConfig { padding: 1, ..Default::default() };
        let conv1 = nn::conv2d(path / "conv1", 1, CHANNELS.0, 3, padded);
        let conv2 = nn::conv2d(path / "conv2", CHANNELS.0, CHANNELS.1, 3, padded);
        let pooled = (side / 4) as i64;
        let hidden_layer = nn::linear(path / "hidden", CHANNELS.1 * pooled * pooled, hidden as i64, Default::default());
        let heads = heads
            .iter()
            .enumerate()
            .map(|(index, (_, n_classes))| {
                nn::linear(path / format!("head{index}"), hidden as i64, *n_classes as i64, Default::default())
            })
            .collect();
        Cnn { side: side as i64, conv1, conv2, hidden: hidden_layer, heads, dropout }
    }

    /// Returns the logits of every head for a `[batch, side * side]` float tensor.
    pub fn forward_t(&self, xs: &Tensor, train: bool) -> Vec<Tensor> {
        let hidden = xs
            .view([-1, 1, self.side, self.side])
            .apply(&self.conv1)
            .relu()
            .max_pool2d_default(2)
            .apply(&self.conv2)
            .relu()
            .max_pool2d_default(2)
            .flatten(1, -1)
            .apply(&self.hidden)
            .relu()
            .dropout(self.dropout, train);
        self.heads.iter().map(|head| head.forward(&hidden)).collect()
    }
}
