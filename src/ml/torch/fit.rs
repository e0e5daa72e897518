//! Mini-batch training of a [`Network`] with Adam.
//!
//! Feature rows stay sparse in memory and are packed into a dense tensor one mini-batch at a
//! time, so a large vocabulary costs `batch_size × n_features` floats, not the whole matrix.

use super::multitask::multitask_loss;
use super::net::{Network, dense_batch};
use super::spec::NetSpec;
use crate::core::rng::SplitMix64;
use crate::core::task::{ModelSettings, TorchDevice};
use crate::ml::error::MlError;
use crate::ml::features::SparseRow;
use crate::ml::train::check_cancel;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::AtomicBool;
use tch::nn::OptimizerConfig;
use tch::{Device, Tensor, nn};

/// Picks the device of `model.device`.
pub fn pick_device(setting: TorchDevice) -> Result<Device, MlError> {
    match setting {
        TorchDevice::Auto => Ok(Device::cuda_if_available()),
        TorchDevice::Cpu => Ok(Device::Cpu),
        TorchDevice::Cuda if tch::Cuda::is_available() => Ok(Device::Cuda(0)),
        TorchDevice::Cuda => Err(MlError::TorchNoCuda),
    }
}

/// Builds the network of `spec` and trains it on `rows`.
///
/// `targets[h][i]` is the class of example `i` for head `h`, or
/// [`MISSING`](super::multitask::MISSING). Initial weights, dropout and the order of the
/// examples all follow `settings.seed`. `progress` gets the share of epochs done.
pub fn train_network(
    spec: &NetSpec,
    rows: &[SparseRow],
    targets: &[Vec<i64>],
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<Network, MlError> {
    if targets.len() != spec.heads.len() || targets.iter().any(|t| t.len() != rows.len()) {
        let n_targets = targets.iter().map(Vec::len).find(|&n| n != rows.len()).unwrap_or(targets.len());
        return Err(MlError::ShapeMismatch { rows: rows.len(), targets: n_targets });
    }
    let device = pick_device(settings.device)?;

    // tch reports libtorch errors by panicking; turn them into an error so that a failed job
    // fails alone instead of taking the program down.
    catch_unwind(AssertUnwindSafe(|| {
        tch::manual_seed(settings.seed as i64);
        let net = Network::new(spec, device);
        run_epochs(&net, rows, targets, settings, progress, cancel)?;
        Ok(net)
    }))
    .unwrap_or_else(|payload| Err(MlError::Torch { reason: panic_text(payload.as_ref()) }))
}

fn run_epochs(
    net: &Network,
    rows: &[SparseRow],
    targets: &[Vec<i64>],
    settings: &ModelSettings,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<(), MlError> {
    let torch_error = |e: tch::TchError| MlError::Torch { reason: e.to_string() };
    let mut optimizer = nn::Adam::default().build(net.var_store(), settings.learning_rate).map_err(torch_error)?;
    let mut rng = SplitMix64::new(settings.seed);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let n_inputs = net.spec().n_inputs;

    for epoch in 0..settings.epochs {
        rng.shuffle(&mut order);
        let mut loss_sum = 0.0;
        for batch in order.chunks(settings.batch_size) {
            check_cancel(cancel)?;
            let batch_rows: Vec<&SparseRow> = batch.iter().map(|&i| &rows[i]).collect();
            let xs = dense_batch(&batch_rows, n_inputs, net.device());
            let ys: Vec<Tensor> = targets
                .iter()
                .map(|head| {
                    let values: Vec<i64> = batch.iter().map(|&i| head[i]).collect();
                    Tensor::from_slice(&values).to_device(net.device())
                })
                .collect();
            let loss = multitask_loss(&net.forward_t(&xs, true), &ys);
            optimizer.backward_step(&loss);
            loss_sum += loss.double_value(&[]) * batch.len() as f64;
        }
        let mean_loss = loss_sum / rows.len().max(1) as f64;
        if !mean_loss.is_finite() {
            return Err(MlError::NotFinite);
        }
        tracing::debug!(epoch, mean_loss, "torch epoch done");
        progress((epoch + 1) as f64 / settings.epochs as f64);
    }
    Ok(())
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else {
        "unknown libtorch failure".to_string()
    }
}
