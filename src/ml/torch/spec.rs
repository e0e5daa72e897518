//! What a saved torch model records about its network, and where its weights live.

use crate::ml::error::MlError;
use crate::ml::features::SparseRow;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Shape of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetKind {
    /// One hidden layer over the feature row (text, or text and pixels).
    Mlp,
    /// Two convolution layers over a square grey image, then one hidden layer.
    Cnn,
}

/// Everything needed to rebuild a network before its weights are loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetSpec {
    pub kind: NetKind,
    /// Length of a feature row; for [`NetKind::Cnn`], the square of the image side.
    pub n_inputs: usize,
    pub hidden: usize,
    pub dropout: f64,
    /// Question name and number of classes of each output head, in output order.
    pub heads: Vec<(String, usize)>,
}

impl NetSpec {
    /// Side of the square image a [`NetKind::Cnn`] reads.
    pub fn image_side(&self) -> usize {
        (self.n_inputs as f64).sqrt().round() as usize
    }
}

/// The network part of a torch model: its [`NetSpec`], saved in the model's JSON, and the
/// network itself, whose weights are saved in a file next to it (see [`weights_path`]).
#[derive(Clone, Serialize, Deserialize)]
pub struct TorchModel {
    spec: NetSpec,
    /// Label values of each head, in head order, for a network with one head per question.
    /// Empty for a one-question network, whose labels are the model summary's.
    #[serde(default)]
    head_labels: Vec<Vec<String>>,
    /// The trained network. A mutex because libtorch tensors may move between threads but
    /// not be shared by them; prediction is short, so the lock costs little.
    #[cfg(feature = "torch")]
    #[serde(skip)]
    net: Option<std::sync::Arc<std::sync::Mutex<super::net::Network>>>,
}

impl std::fmt::Debug for TorchModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TorchModel").field("spec", &self.spec).finish_non_exhaustive()
    }
}

/// Path of the weights file of the model saved at `model_path`: the same name with the
/// extension `.safetensors`. tch picks the file format from the extension, and safetensors is
/// the one format it both writes and reads with the C++ API.
pub fn weights_path(model_path: &Path) -> PathBuf {
    let path = model_path.with_extension("safetensors");
    if path == model_path { model_path.with_extension("weights.safetensors") } else { path }
}

impl TorchModel {
    #[cfg(feature = "torch")]
    pub(crate) fn new(net: super::net::Network) -> TorchModel {
        let spec = net.spec().clone();
        TorchModel { spec, head_labels: Vec::new(), net: Some(std::sync::Arc::new(std::sync::Mutex::new(net))) }
    }

    /// Wraps a network with one head per question and the label values of each head.
    #[cfg(feature = "torch")]
    pub(crate) fn with_head_labels(net: super::net::Network, head_labels: Vec<Vec<String>>) -> TorchModel {
        TorchModel { head_labels, ..TorchModel::new(net) }
    }

    /// Returns the index and label values of the head of `question`, when the network has
    /// one head per question and one of them is `question`.
    pub fn head_of(&self, question: &str) -> Option<(usize, &[String])> {
        let index = self.spec.heads.iter().position(|(name, _)| name == question)?;
        Some((index, self.head_labels.get(index)?.as_slice()))
    }

    pub fn spec(&self) -> &NetSpec {
        &self.spec
    }

    /// Class probabilities of the first head for one feature row.
    pub(crate) fn probabilities(&self, row: &SparseRow) -> Vec<f64> {
        self.head_probabilities(row, 0)
    }

    /// Class probabilities of head `head` for one feature row.
    pub(crate) fn head_probabilities(&self, row: &SparseRow, head: usize) -> Vec<f64> {
        #[cfg(feature = "torch")]
        if let Some(net) = &self.net {
            let net = net.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(first) = net.head_probabilities(std::slice::from_ref(row), head).into_iter().next() {
                return first;
            }
        }

        // Only reachable for a model built by hand without loading its weights: every label
        // is as likely as the others.
        let _ = row;
        let n = self.spec.heads.get(head).map_or(1, |(_, n)| (*n).max(1));
        vec![1.0 / n as f64; n]
    }

    /// Writes the weights next to `model_path`, through a temporary file renamed into place.
    pub(crate) fn save_weights(&self, model_path: &Path) -> Result<(), MlError> {
        #[cfg(feature = "torch")]
        if let Some(net) = &self.net {
            let path = weights_path(model_path);
            // The temporary name keeps the extension, which selects the format.
            let temporary = path.with_extension("partial.safetensors");
            let weights_error = |reason: String| MlError::TorchWeights { path: path.clone(), reason };
            let net = net.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            net.save(&temporary).map_err(weights_error)?;
            return std::fs::rename(&temporary, &path).map_err(|e| weights_error(e.to_string()));
        }
        let _ = model_path;
        Err(MlError::TorchNotBuilt)
    }

    /// Reads the weights saved next to `model_path` into a network of this spec.
    pub(crate) fn load_weights(&mut self, model_path: &Path) -> Result<(), MlError> {
        #[cfg(feature = "torch")]
        {
            let path = weights_path(model_path);
            let net = super::net::Network::load(&self.spec, &path)
                .map_err(|reason| MlError::TorchWeights { path: path.clone(), reason })?;
            self.net = Some(std::sync::Arc::new(std::sync::Mutex::new(net)));
            Ok(())
        }
        #[cfg(not(feature = "torch"))]
        {
            let _ = model_path;
            Err(MlError::TorchNotBuilt)
        }
    }
}
