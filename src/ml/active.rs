//! Learning curves and the active-learning simulation.
//!
//! Both answer "how good is the model with n labels?" on a fixed held-out split:
//!
//! - [`learning_curve`] trains on growing random subsets of the rest.
//! - [`simulate_learning`] replays known labels as an annotator would give them. It
//!   starts from a seeded random batch, and each round trains, scores the held-out
//!   split, and then "asks" for the next `step` items: at random, or those the current
//!   model is least sure of (an [`Uncertainty`] rule). Comparing the strategies shows
//!   how many labels the uncertainty order saves.
//!
//! The held-out split is one stratified fold out of 4 (a quarter of the items, class
//! shares kept), seeded, and the same for every strategy. The feature space (vocabulary
//! and idf) is fitted once on the text of the pool, without labels, as a project can
//! do with all its items; the held-out items are transformed with it and never trained
//! on. Every strategy of one run starts from the same first batch.

use crate::core::metrics;
use crate::core::rng::SplitMix64;
use crate::core::task::ModelSettings;
use crate::ml::LabelledExample;
use crate::ml::error::MlError;
use crate::ml::evaluate::{argmax, label_probabilities, stratified_folds};
use crate::ml::features::{FeatureOptions, FeatureSpace, SparseRow};
use crate::ml::train::{check_cancel, fit_rows, label_indices, label_set};
use crate::store::Uncertainty;
use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;

/// The held-out split is one fold out of this many.
const HELD_OUT_FOLDS: usize = 4;

/// The rule by which the simulation picks the next items to label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Strategy {
    /// Uniformly at random (seeded): the baseline.
    Random,
    /// The most uncertain items by this rule first.
    Uncertain(Uncertainty),
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [
        Strategy::Random,
        Strategy::Uncertain(Uncertainty::LeastConfidence),
        Strategy::Uncertain(Uncertainty::Margin),
        Strategy::Uncertain(Uncertainty::Entropy),
    ];

    /// The name used on the command line and in the curve CSV.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Random => "random",
            Strategy::Uncertain(rule) => rule.name(),
        }
    }

    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// One point of a curve: scores on the held-out split after training on `n_labels`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub n_labels: usize,
    pub macro_f1: f64,
    pub accuracy: f64,
}

/// Held-out scores against the number of labelled training items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningCurve {
    /// Items in the held-out split that every point is scored on.
    pub held_out: usize,
    pub points: Vec<CurvePoint>,
}

/// Parameters of [`simulate_learning`].
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationSettings {
    /// Seeds the held-out split, the first batch and the random strategy.
    pub seed: u64,
    /// Size of the first, random batch.
    pub start: usize,
    /// Labels added per round.
    pub step: usize,
    /// Stop once this many items are labelled; `None` runs until the pool is used up.
    pub max_labels: Option<usize>,
    /// The macro-F1 whose first crossing is reported per strategy.
    pub target_f1: f64,
}

/// The curve of one strategy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyCurve {
    pub strategy: &'static str,
    pub points: Vec<CurvePoint>,
    /// Labels at the first point whose macro-F1 reached the target, if any did.
    pub labels_to_target: Option<usize>,
}

/// The result of [`simulate_learning`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationReport {
    pub seed: u64,
    /// Items the strategies could ask for.
    pub pool: usize,
    pub held_out: usize,
    pub target_f1: f64,
    pub curves: Vec<StrategyCurve>,
}

/// The examples cut into a held-out split and a pool, with features fitted on the pool.
struct Prepared {
    n_labels: usize,
    n_features: usize,
    pool_rows: Vec<SparseRow>,
    pool_targets: Vec<usize>,
    test_rows: Vec<SparseRow>,
    test_targets: Vec<usize>,
}

impl Prepared {
    fn new(examples: &[LabelledExample], settings: &ModelSettings, seed: u64) -> Result<Prepared, MlError> {
        let labels = label_set(examples)?;
        let targets = label_indices(examples, &labels);
        let fold_of = stratified_folds(&targets, HELD_OUT_FOLDS, seed);
        let (test, pool): (Vec<usize>, Vec<usize>) = (0..examples.len()).partition(|&i| fold_of[i] == 0);
        if test.is_empty() {
            return Err(MlError::NoHeldOut);
        }
        let pool_examples: Vec<LabelledExample> = pool.iter().map(|&i| examples[i].clone()).collect();
        let test_examples: Vec<LabelledExample> = test.iter().map(|&i| examples[i].clone()).collect();
        let (features, pool_rows) = FeatureSpace::fit(&pool_examples, settings, &FeatureOptions::default())?;
        let test_rows = features.transform(&test_examples)?;
        Ok(Prepared {
            n_labels: labels.len(),
            n_features: features.n_features(),
            pool_rows,
            pool_targets: pool.iter().map(|&i| targets[i]).collect(),
            test_rows,
            test_targets: test.iter().map(|&i| targets[i]).collect(),
        })
    }

    /// Trains on the pool items `chosen` and returns the fit with its held-out point.
    fn score(
        &self,
        chosen: &[usize],
        settings: &ModelSettings,
        cancel: &AtomicBool,
    ) -> Result<(crate::ml::LinearModel, CurvePoint), MlError> {
        let rows: Vec<SparseRow> = chosen.iter().map(|&i| self.pool_rows[i].clone()).collect();
        let targets: Vec<usize> = chosen.iter().map(|&i| self.pool_targets[i]).collect();
        let fit = fit_rows(&rows, self.n_features, &targets, settings, &|_| {}, cancel)?;
        let predicted: Vec<usize> =
            label_probabilities(&fit, &self.test_rows, self.n_labels).iter().map(|row| argmax(row)).collect();
        let confusion = metrics::confusion_matrix(&self.test_targets, &predicted, self.n_labels);
        let point = CurvePoint {
            n_labels: chosen.len(),
            macro_f1: metrics::macro_f1(&metrics::per_class(&confusion)),
            accuracy: metrics::accuracy(&confusion),
        };
        Ok((fit, point))
    }

    /// Shuffles the pool with the seed. Then one item moves so that the first `start`
    /// items contain at least 2 classes, because a model needs 2.
    fn first_batch_order(&self, start: usize, seed: u64) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.pool_rows.len()).collect();
        SplitMix64::new(seed ^ 0x5EED_F1E5).shuffle(&mut order);
        let start = start.min(order.len());
        let first_class = self.pool_targets[order[0]];
        let mixed = order[..start].iter().any(|&i| self.pool_targets[i] != first_class);
        if !mixed && let Some(other) = order.iter().position(|&i| self.pool_targets[i] != first_class) {
            order.swap(start.saturating_sub(1), other);
        }
        order
    }
}

/// Trains on the first `n` items of one seeded shuffle of the pool for each `n` in
/// `sizes` (so each subset contains the smaller ones), and scores each on the held-out
/// split. Sizes must lie in `2..=pool size`.
///
/// `progress` receives the share of points done, in `[0, 1]`. The cancel flag is read
/// before each point and on every objective evaluation of its fit, so a cancel request
/// stops the curve within one fit and returns [`MlError::Cancelled`].
pub fn learning_curve(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    sizes: &[usize],
    seed: u64,
    progress: &dyn Fn(f64),
    cancel: &AtomicBool,
) -> Result<LearningCurve, MlError> {
    check_cancel(cancel)?;
    let prepared = Prepared::new(examples, settings, seed)?;
    let pool = prepared.pool_rows.len();
    if let Some(&bad) = sizes.iter().find(|&&n| !(2..=pool).contains(&n)) {
        return Err(MlError::InvalidCurveSize { value: bad, n: pool });
    }
    let order = prepared.first_batch_order(sizes.iter().copied().min().unwrap_or(2), seed);

    let mut points = Vec::with_capacity(sizes.len());
    for (done, &n) in sizes.iter().enumerate() {
        check_cancel(cancel)?;
        progress(done as f64 / sizes.len() as f64);
        points.push(prepared.score(&order[..n], settings, cancel)?.1);
    }
    progress(1.0);
    Ok(LearningCurve { held_out: prepared.test_rows.len(), points })
}

/// Replays the examples' labels under each strategy; see the module notes.
///
/// `progress` is called after each round with the strategy and the labels so far.
pub fn simulate_learning(
    examples: &[LabelledExample],
    settings: &ModelSettings,
    strategies: &[Strategy],
    simulation: &SimulationSettings,
    progress: &dyn Fn(Strategy, usize),
    cancel: &AtomicBool,
) -> Result<SimulationReport, MlError> {
    let prepared = Prepared::new(examples, settings, simulation.seed)?;
    let pool = prepared.pool_rows.len();
    let start = simulation.start.max(2);
    if pool < start + 1 {
        let needed = (start + 1) * HELD_OUT_FOLDS / (HELD_OUT_FOLDS - 1) + 1;
        return Err(MlError::TooFewToSimulate { n: examples.len(), start, needed });
    }
    let limit = simulation.max_labels.unwrap_or(pool).clamp(start, pool);
    let step = simulation.step.max(1);
    let first = prepared.first_batch_order(start, simulation.seed);

    let mut curves = Vec::with_capacity(strategies.len());
    for &strategy in strategies {
        let mut rng = SplitMix64::new(simulation.seed.wrapping_add(1));
        let mut chosen: Vec<usize> = first[..start].to_vec();
        let mut remaining: Vec<usize> = first[start..].to_vec();
        let mut points = Vec::new();
        loop {
            check_cancel(cancel)?;
            let (fit, point) = prepared.score(&chosen, settings, cancel)?;
            points.push(point);
            progress(strategy, chosen.len());
            if chosen.len() >= limit || remaining.is_empty() {
                break;
            }
            let take = step.min(limit - chosen.len()).min(remaining.len());
            match strategy {
                Strategy::Random => {
                    rng.shuffle(&mut remaining);
                }
                Strategy::Uncertain(rule) => {
                    let priority: Vec<f64> =
                        label_probabilities(&fit, &pool_rows(&prepared, &remaining), prepared.n_labels)
                            .iter()
                            .map(|row| rule.priority_of(row))
                            .collect();
                    // Most uncertain first; equal priorities keep their order, so runs repeat.
                    let mut ranked: Vec<(usize, f64)> = remaining.iter().copied().zip(priority).collect();
                    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
                    remaining = ranked.into_iter().map(|(i, _)| i).collect();
                }
            }
            chosen.extend(remaining.drain(..take));
        }
        let labels_to_target = points.iter().find(|p| p.macro_f1 >= simulation.target_f1).map(|p| p.n_labels);
        tracing::info!(strategy = strategy.name(), ?labels_to_target, "active-learning strategy replayed");
        curves.push(StrategyCurve { strategy: strategy.name(), points, labels_to_target });
    }
    Ok(SimulationReport {
        seed: simulation.seed,
        pool,
        held_out: prepared.test_rows.len(),
        target_f1: simulation.target_f1,
        curves,
    })
}

fn pool_rows(prepared: &Prepared, indices: &[usize]) -> Vec<SparseRow> {
    indices.iter().map(|&i| prepared.pool_rows[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategy_names_round_trip() {
        for strategy in Strategy::ALL {
            assert_eq!(Strategy::from_name(strategy.name()), Some(strategy));
        }
        assert_eq!(Strategy::from_name("all"), None);
    }
}
