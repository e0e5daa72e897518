//! MACE: Hovy, Berg-Kirkpatrick, Vaswani and Hovy (2013), "Learning Whom to Trust with
//! MACE", NAACL-HLT, fitted by variational Bayes.

use super::Aggregation;
use super::em::{Convergence, EmOptions, digamma, normalise_log};
use super::method::{AggregationError, Method, OptionRule, TieRule};
use super::parameters::Parameters;
use crate::core::agreement::Ratings;

/// Settings of [`mace`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaceOptions {
    pub em: EmOptions,
    /// Beta prior pseudo-count on spamming.
    pub spam_prior: f64,
    /// Beta prior pseudo-count on knowing the answer.
    pub knowing_prior: f64,
    /// Symmetric Dirichlet pseudo-count on each label of the spamming strategy.
    pub strategy_prior: f64,
    pub tie: TieRule,
    /// Reproduces crowd-kit 1.4.2's MACE, which gives each annotator the spamming
    /// strategy of the annotator at the same position in sorted-name order. That is not
    /// the model as published, but it is how the Crowd-Kit paper's MACE figures were
    /// computed, so a researcher can check them. Off by default.
    pub crowd_kit_strategy_order: bool,
}

impl Default for MaceOptions {
    /// The priors Beta(0.5, 0.5) and Dirichlet(10, …, 10) are crowd-kit 1.4.2's MACE
    /// defaults, so that the two fit the same model.
    fn default() -> Self {
        MaceOptions {
            em: EmOptions { max_iterations: 1000, tolerance: 1e-7 },
            spam_prior: 0.5,
            knowing_prior: 0.5,
            strategy_prior: 10.0,
            tie: TieRule::SmallestLabel,
            crowd_kit_strategy_order: false,
        }
    }
}

/// MACE truth inference with variational-Bayes updates.
///
/// The true label of each item is uniform over the K labels. Annotator j knows the answer
/// with probability `θ_j` and then gives the true label; otherwise they spam and draw a
/// label from their strategy `ξ_j`. So `P(answer l | true z) = (1 − θ_j) ξ_j(l) + θ_j [l = z]`.
///
/// The E-step computes each item's posterior and the expected numbers of knowing and
/// spamming answers per annotator and of spammed labels. The variational M-step replaces
/// each probability by `exp(ψ(count + prior) − ψ(total + prior total))` (ψ: digamma),
/// the mean-field update under Beta and Dirichlet priors (Hovy et al. 2013, section 2.2).
/// There are no random restarts: EM starts once from `θ_j = 0.5` and uniform `ξ_j`,
/// whose first E-step gives majority-vote-like posteriors, and stops when the log
/// marginal likelihood per answer changes by at most `em.tolerance`.
///
/// The returned competence is the posterior mean of `θ_j`, and the strategy the
/// posterior mean of `ξ_j`.
pub fn mace(ratings: &Ratings, options: &MaceOptions) -> Result<Aggregation, AggregationError> {
    OptionRule::Positive.check("tolerance", options.em.tolerance)?;
    OptionRule::Positive.check("spam_prior", options.spam_prior)?;
    OptionRule::Positive.check("knowing_prior", options.knowing_prior)?;
    OptionRule::Positive.check("strategy_prior", options.strategy_prior)?;
    let n_labels = ratings.labels().len();
    let n_annotators = ratings.n_annotators();
    let mut model = Model {
        spam: vec![0.5; n_annotators],
        knowing: vec![0.5; n_annotators],
        strategy: vec![vec![1.0 / n_labels as f64; n_labels]; n_annotators],
    };
    let mut posteriors = vec![vec![0.0; n_labels]; ratings.n_items()];
    let mut counts = model.e_step(ratings, &mut posteriors);
    let mut convergence = Convergence::new(Method::Mace, options.em, ratings.n_annotations());
    let strategy_source = options.crowd_kit_strategy_order.then(|| sorted_name_order(ratings.annotators()));
    for iteration in 1..=options.em.max_iterations {
        model = Model::variational_update(&counts, options);
        if let Some(source) = &strategy_source {
            model.strategy = source.iter().map(|&annotator| model.strategy[annotator].clone()).collect();
        }
        counts = model.e_step(ratings, &mut posteriors);
        if convergence.converged(counts.log_likelihood) {
            let (competence, strategy) = counts.posterior_means(options);
            return Ok(Aggregation {
                iterations: iteration,
                parameters: Parameters::Mace { competence, strategy },
                ..Aggregation::from_scores(Method::Mace, ratings, posteriors.concat(), options.tie)
            });
        }
    }
    Err(convergence.not_converged())
}

/// The (possibly sub-normalised) probabilities used by the E-step.
struct Model {
    spam: Vec<f64>,
    knowing: Vec<f64>,
    strategy: Vec<Vec<f64>>,
}

/// Expected counts from one E-step.
struct Counts {
    spam: Vec<f64>,
    knowing: Vec<f64>,
    strategy: Vec<Vec<f64>>,
    log_likelihood: f64,
}

impl Model {
    fn e_step(&self, ratings: &Ratings, posteriors: &mut [Vec<f64>]) -> Counts {
        let n_labels = ratings.labels().len();
        let n_annotators = ratings.n_annotators();
        let mut counts = Counts {
            spam: vec![0.0; n_annotators],
            knowing: vec![0.0; n_annotators],
            strategy: Vec::new(),
            log_likelihood: 0.0,
        };
        // Per annotator and answered label, in flat tables at `[annotator * n_labels +
        // label]`: log P(spammed label), the log-ratio that the true label adds, and the
        // probability of the answer when it is the true label. Computed once here
        // instead of per answer.
        let mut log_spammed = vec![0.0; n_annotators * n_labels];
        let mut log_gain = vec![0.0; n_annotators * n_labels];
        let mut given_true = vec![0.0; n_annotators * n_labels];
        for annotator in 0..n_annotators {
            for label in 0..n_labels {
                let cell = annotator * n_labels + label;
                let spammed = self.spam[annotator] * self.strategy[annotator][label];
                log_spammed[cell] = spammed.ln();
                log_gain[cell] = (spammed + self.knowing[annotator]).ln() - spammed.ln();
                given_true[cell] = spammed + self.knowing[annotator];
            }
        }
        let mut strategy = vec![0.0; n_annotators * n_labels];
        for (item, posterior) in posteriors.iter_mut().enumerate() {
            let answers = ratings.item_answers(item);
            let mut base = -(n_labels as f64).ln();
            posterior.fill(0.0);
            for &(annotator, label) in answers {
                let cell = annotator * n_labels + label;
                base += log_spammed[cell];
                posterior[label] += log_gain[cell];
            }
            for value in posterior.iter_mut() {
                *value += base;
            }
            counts.log_likelihood += normalise_log(posterior);

            for &(annotator, label) in answers {
                let known = self.knowing[annotator];
                // When the true label is the answer, the answer was known with
                // probability known / (spammed + known); otherwise it was spammed.
                let knowing = posterior[label] * known / given_true[annotator * n_labels + label];
                counts.knowing[annotator] += knowing;
                counts.spam[annotator] += 1.0 - knowing;
                strategy[annotator * n_labels + label] += 1.0 - knowing;
            }
        }
        counts.strategy = strategy.chunks(n_labels.max(1)).map(<[f64]>::to_vec).collect();
        counts
    }

    fn variational_update(counts: &Counts, options: &MaceOptions) -> Model {
        let mut model = Model {
            spam: Vec::with_capacity(counts.spam.len()),
            knowing: Vec::with_capacity(counts.spam.len()),
            strategy: Vec::with_capacity(counts.spam.len()),
        };
        for annotator in 0..counts.spam.len() {
            let spam = counts.spam[annotator] + options.spam_prior;
            let knowing = counts.knowing[annotator] + options.knowing_prior;
            let total = digamma(spam + knowing);
            model.spam.push((digamma(spam) - total).exp());
            model.knowing.push((digamma(knowing) - total).exp());

            let row = &counts.strategy[annotator];
            let row_total: f64 = row.iter().map(|c| c + options.strategy_prior).sum();
            let log_total = digamma(row_total);
            model.strategy.push(row.iter().map(|c| (digamma(c + options.strategy_prior) - log_total).exp()).collect());
        }
        model
    }
}

/// Annotator indices in order of their names, as crowd-kit's pandas code orders workers:
/// position j is the annotator whose name sorts j-th.
fn sorted_name_order(names: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(&names[b]));
    order
}

impl Counts {
    /// Posterior means of the competence `θ_j` and the strategy `ξ_j`.
    fn posterior_means(&self, options: &MaceOptions) -> (Vec<f64>, Vec<Vec<f64>>) {
        let competence = self
            .knowing
            .iter()
            .zip(&self.spam)
            .map(|(k, s)| (k + options.knowing_prior) / (k + s + options.knowing_prior + options.spam_prior))
            .collect();
        let strategy = self
            .strategy
            .iter()
            .map(|row| {
                let total: f64 = row.iter().map(|c| c + options.strategy_prior).sum();
                row.iter().map(|c| (c + options.strategy_prior) / total).collect()
            })
            .collect();
        (competence, strategy)
    }
}
