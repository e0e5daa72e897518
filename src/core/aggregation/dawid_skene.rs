//! Dawid and Skene (1979), "Maximum Likelihood Estimation of Observer Error-Rates Using
//! the EM Algorithm": one confusion matrix per annotator, fitted by EM in log space.

use super::majority::pick_labels;
use super::method::{AggregationError, Method, OptionRule, TieRule};
use super::parameters::Parameters;
use super::{Aggregation, majority_vote};
use crate::core::agreement::Ratings;

/// Settings of [`dawid_skene`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DawidSkeneOptions {
    /// EM iterations allowed before [`AggregationError::NotConverged`].
    pub max_iterations: usize,
    /// Convergence threshold on the change in log-likelihood per answer between two
    /// iterations.
    pub tolerance: f64,
    /// Pseudo-count added to every confusion-matrix cell and class prior in the M-step,
    /// so that no probability is zero and no logarithm is infinite.
    pub smoothing: f64,
    /// Rule for the rare item whose posterior has exactly tied maxima.
    pub tie: TieRule,
}

impl Default for DawidSkeneOptions {
    /// Tolerance 1e-7 runs EM until few labels still move: on the D_Product reference
    /// data, accuracy rounds to the published 0.940 at tolerances from 1e-6 to 1e-8 but
    /// to 0.939 at 1e-5 (see `tests/aggregation_reference.rs`). The smoothing of 1e-10
    /// keeps the estimates practically unsmoothed.
    fn default() -> Self {
        DawidSkeneOptions {
            max_iterations: 1000,
            tolerance: 1e-7,
            smoothing: 1e-10,
            tie: TieRule::SmallestLabel,
        }
    }
}

/// Dawid–Skene truth inference, initialised from majority-vote shares.
///
/// Each iteration runs the M-step (class priors and, per annotator, the probability
/// of answering label k when the true label is c) and then the E-step (each item's
/// posterior over true labels). EM stops when the log-likelihood per answer changes by
/// at most `tolerance`. Returns [`AggregationError::NotConverged`] when that takes more
/// than `max_iterations`.
pub fn dawid_skene(
    ratings: &Ratings,
    options: &DawidSkeneOptions,
) -> Result<Aggregation, AggregationError> {
    OptionRule::Positive.check("tolerance", options.tolerance)?;
    OptionRule::Positive.check("smoothing", options.smoothing)?;
    let n_answers = ratings.n_annotations().max(1) as f64;

    let majority = majority_vote(ratings, options.tie);
    let mut posteriors: Vec<Vec<f64>> =
        majority.items.iter().map(|i| i.posterior.clone()).collect();
    let mut previous: Option<f64> = None;
    let mut change = f64::INFINITY;
    for iteration in 1..=options.max_iterations {
        let model = Model::fit(ratings, &posteriors, options.smoothing);
        let log_likelihood = model.infer(ratings, &mut posteriors);
        if let Some(previous) = previous {
            change = (log_likelihood - previous).abs() / n_answers;
            if change <= options.tolerance {
                return Ok(Aggregation {
                    method: Method::DawidSkene,
                    labels: ratings.labels().to_vec(),
                    items: pick_labels(ratings, &posteriors, options.tie),
                    iterations: iteration,
                    converged: true,
                    parameters: Parameters::Confusion(model.confusion_matrices()),
                });
            }
        }
        previous = Some(log_likelihood);
    }
    Err(AggregationError::NotConverged {
        method: Method::DawidSkene,
        iterations: options.max_iterations,
        change,
    })
}

/// Log-probabilities estimated in the M-step.
struct Model {
    n_labels: usize,
    log_prior: Vec<f64>,
    /// Per annotator, `log P(answer k | true c)` at `[c * n_labels + k]`.
    log_confusion: Vec<Vec<f64>>,
}

impl Model {
    /// M-step: expected counts from the current posteriors, plus `smoothing`, normalised.
    fn fit(ratings: &Ratings, posteriors: &[Vec<f64>], smoothing: f64) -> Model {
        let n_labels = ratings.labels().len();
        let mut prior = vec![smoothing; n_labels];
        let mut confusion = vec![vec![smoothing; n_labels * n_labels]; ratings.n_annotators()];
        for (item, posterior) in posteriors.iter().enumerate() {
            for (c, p) in posterior.iter().enumerate() {
                prior[c] += p;
            }
            for &(annotator, k) in ratings.item_answers(item) {
                for (c, p) in posterior.iter().enumerate() {
                    confusion[annotator][c * n_labels + k] += p;
                }
            }
        }

        let log_prior = log_normalised(&prior);
        let log_confusion = confusion
            .iter()
            .map(|matrix| matrix.chunks(n_labels).flat_map(log_normalised).collect())
            .collect();
        Model {
            n_labels,
            log_prior,
            log_confusion,
        }
    }

    /// E-step: writes each item's posterior and returns the data log-likelihood.
    fn infer(&self, ratings: &Ratings, posteriors: &mut [Vec<f64>]) -> f64 {
        let mut log_likelihood = 0.0;
        for (item, posterior) in posteriors.iter_mut().enumerate() {
            let mut log_joint = self.log_prior.clone();
            for &(annotator, k) in ratings.item_answers(item) {
                let matrix = &self.log_confusion[annotator];
                for (c, value) in log_joint.iter_mut().enumerate() {
                    *value += matrix[c * self.n_labels + k];
                }
            }
            // Log-sum-exp around the maximum keeps the exponentials in range.
            let max = log_joint.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = log_joint.iter().map(|v| (v - max).exp()).sum();
            let log_evidence = max + sum.ln();
            for (p, v) in posterior.iter_mut().zip(&log_joint) {
                *p = (v - log_evidence).exp();
            }
            log_likelihood += log_evidence;
        }
        log_likelihood
    }
}

impl Model {
    /// Per annotator, `P(answer k | true c)` as `[c][k]`.
    fn confusion_matrices(&self) -> Vec<Vec<Vec<f64>>> {
        self.log_confusion
            .iter()
            .map(|matrix| {
                matrix
                    .chunks(self.n_labels.max(1))
                    .map(|row| row.iter().map(|v| v.exp()).collect())
                    .collect()
            })
            .collect()
    }
}

/// Logarithms of `values` divided by their sum; a zero value gives negative infinity.
fn log_normalised(values: &[f64]) -> Vec<f64> {
    let log_total = values.iter().sum::<f64>().ln();
    values.iter().map(|v| v.ln() - log_total).collect()
}
