//! A network with its variables: built from a [`NetSpec`], trained, saved and loaded.

use super::cnn::{Cnn, MIN_SIDE};
use super::multitask::MultiTaskMlp;
use super::spec::{NetKind, NetSpec};
use crate::ml::features::SparseRow;
use std::path::Path;
use tch::{Device, Kind, Tensor, nn};

/// Rows per forward pass when predicting, to bound memory on large item sets.
const PREDICT_BATCH: usize = 512;

enum Body {
    Mlp(MultiTaskMlp),
    Cnn(Box<Cnn>),
}

/// A network, its variables and the device they live on.
pub struct Network {
    spec: NetSpec,
    vs: nn::VarStore,
    body: Body,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network").field("spec", &self.spec).field("device", &self.vs.device()).finish()
    }
}

impl Network {
    /// Builds a freshly initialised network on `device`. A [`NetKind::Cnn`] spec whose image
    /// is smaller than the pooling needs falls back to the MLP, and the returned spec says so.
    pub fn new(spec: &NetSpec, device: Device) -> Network {
        let mut spec = spec.clone();
        if spec.kind == NetKind::Cnn && (spec.image_side() < MIN_SIDE || spec.image_side().pow(2) != spec.n_inputs) {
            spec.kind = NetKind::Mlp;
        }
        let vs = nn::VarStore::new(device);
        let root = vs.root();
        let body = match spec.kind {
            NetKind::Mlp => Body::Mlp(MultiTaskMlp::new(&root, spec.n_inputs, spec.hidden, spec.dropout, &spec.heads)),
            NetKind::Cnn => {
                Body::Cnn(Box::new(Cnn::new(&root, spec.image_side(), spec.hidden, spec.dropout, &spec.heads)))
            }
        };
        Network { spec, vs, body }
    }

    /// Builds the network of `spec` on the CPU and reads its weights from `path`.
    pub fn load(spec: &NetSpec, path: &Path) -> Result<Network, String> {
        let mut net = Network::new(spec, Device::Cpu);
        net.vs.load(path).map_err(|e| e.to_string())?;
        Ok(net)
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        self.vs.save(path).map_err(|e| e.to_string())
    }

    pub fn spec(&self) -> &NetSpec {
        &self.spec
    }

    pub fn device(&self) -> Device {
        self.vs.device()
    }

    pub fn var_store(&self) -> &nn::VarStore {
        &self.vs
    }

    /// Returns the logits of every head for a `[batch, n_inputs]` tensor on the network's device.
    pub fn forward_t(&self, xs: &Tensor, train: bool) -> Vec<Tensor> {
        match &self.body {
            Body::Mlp(mlp) => mlp.forward_t(xs, train),
            Body::Cnn(cnn) => cnn.forward_t(xs, train),
        }
    }

    /// Class probabilities of the first head for each row, in evaluation mode.
    pub fn probabilities(&self, rows: &[SparseRow]) -> Vec<Vec<f64>> {
        self.head_probabilities(rows, 0)
    }

    /// Class probabilities of head `head` for each row, in evaluation mode.
    pub fn head_probabilities(&self, rows: &[SparseRow], head: usize) -> Vec<Vec<f64>> {
        let _no_grad = tch::no_grad_guard();
        let mut out = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(PREDICT_BATCH) {
            let refs: Vec<&SparseRow> = chunk.iter().collect();
            let xs = dense_batch(&refs, self.spec.n_inputs, self.device());
            let Some(logits) = self.forward_t(&xs, false).into_iter().nth(head) else {
                return Vec::new();
            };
            let probs = logits.softmax(-1, Kind::Double).to_device(Device::Cpu).contiguous();
            let n_classes = probs.size().get(1).copied().unwrap_or(0) as usize;
            let flat = Vec::<f64>::try_from(probs.view([-1])).unwrap_or_default();
            out.extend(flat.chunks(n_classes.max(1)).map(<[f64]>::to_vec));
        }
        out
    }
}

/// Packs sparse rows into a dense `[rows, n_inputs]` float tensor on `device`. Columns at or
/// past `n_inputs` are dropped, as the linear models drop them.
pub fn dense_batch(rows: &[&SparseRow], n_inputs: usize, device: Device) -> Tensor {
    let mut values = vec![0f32; rows.len() * n_inputs];
    for (r, row) in rows.iter().enumerate() {
        for &(column, value) in row.iter().filter(|(column, _)| *column < n_inputs) {
            values[r * n_inputs + column] = value as f32;
        }
    }
    Tensor::from_slice(&values).view([rows.len() as i64, n_inputs as i64]).to_device(device)
}
