//! One-coin Dawid–Skene: one accuracy per annotator, errors spread evenly.

use super::em::{Convergence, EmOptions, normalise_log};
use super::method::{AggregationError, Method, OptionRule, TieRule};
use super::parameters::Parameters;
use super::{Aggregation, majority_vote};
use crate::core::agreement::Ratings;

/// Settings of [`one_coin_dawid_skene`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OneCoinOptions {
    pub em: EmOptions,
    /// Skills are clipped to `[clip, 1 − clip]` so that no logarithm is infinite.
    pub clip: f64,
    pub tie: TieRule,
}

impl Default for OneCoinOptions {
    fn default() -> Self {
        OneCoinOptions {
            em: EmOptions { max_iterations: 1000, tolerance: 1e-7 },
            clip: 1e-10,
            tie: TieRule::SmallestLabel,
        }
    }
}

/// One-coin (homogeneous) Dawid–Skene truth inference, initialised from majority-vote
/// shares.
///
/// Each annotator j has one skill `s_j`: they give the true label with probability
/// `s_j` and each of the other `K − 1` labels with probability `(1 − s_j) / (K − 1)`.
/// The M-step sets `s_j` to the mean posterior probability of the labels j gave and the
/// class prior to the mean posterior; the E-step computes each item's posterior. EM
/// stops when the log-likelihood per answer changes by at most `em.tolerance`.
pub fn one_coin_dawid_skene(ratings: &Ratings, options: &OneCoinOptions) -> Result<Aggregation, AggregationError> {
    OptionRule::Positive.check("tolerance", options.em.tolerance)?;
    OptionRule::NonNegative.check("clip", options.clip)?;
    let n_labels = ratings.labels().len();
    let wrong_share = (n_labels.max(2) - 1) as f64;
    let majority = majority_vote(ratings, options.tie);
    let mut posteriors: Vec<Vec<f64>> = (0..majority.items.len()).map(|i| majority.posterior(i).to_vec()).collect();
    let mut convergence = Convergence::new(Method::OneCoin, options.em, ratings.n_annotations());

    for iteration in 1..=options.em.max_iterations {
        // M-step.
        let mut prior = vec![0.0; n_labels];
        let mut correct = vec![0.0; ratings.n_annotators()];
        let mut answered = vec![0.0; ratings.n_annotators()];
        for (item, posterior) in posteriors.iter().enumerate() {
            for (p, q) in prior.iter_mut().zip(posterior) {
                *p += q;
            }
            for &(annotator, label) in ratings.item_answers(item) {
                correct[annotator] += posterior[label];
                answered[annotator] += 1.0;
            }
        }
        let n_items = posteriors.len().max(1) as f64;
        let log_prior: Vec<f64> = prior.iter().map(|p| (p / n_items).ln()).collect();
        let skills: Vec<f64> =
            correct.iter().zip(&answered).map(|(c, n)| (c / n).clamp(options.clip, 1.0 - options.clip)).collect();

        // E-step, with each annotator's two log-probabilities computed once.
        let log_right: Vec<f64> = skills.iter().map(|s| s.ln()).collect();
        let log_wrong: Vec<f64> = skills.iter().map(|s| ((1.0 - s) / wrong_share).ln()).collect();
        let mut log_likelihood = 0.0;
        for (item, posterior) in posteriors.iter_mut().enumerate() {
            let mut base = 0.0;
            posterior.fill(0.0);
            for &(annotator, label) in ratings.item_answers(item) {
                base += log_wrong[annotator];
                posterior[label] += log_right[annotator] - log_wrong[annotator];
            }
            for (value, prior) in posterior.iter_mut().zip(&log_prior) {
                *value += base + prior;
            }
            log_likelihood += normalise_log(posterior);
        }

        if convergence.converged(log_likelihood) {
            return Ok(Aggregation {
                iterations: iteration,
                parameters: Parameters::Skill(skills),
                ..Aggregation::from_scores(Method::OneCoin, ratings, posteriors.concat(), options.tie)
            });
        }
    }
    Err(convergence.not_converged())
}
