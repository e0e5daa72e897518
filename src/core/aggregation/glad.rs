//! GLAD: Whitehill, Ruvolo, Wu, Bergsma and Movellan (2009), "Whose Vote Should Count
//! More: Optimal Integration of Labels from Labelers of Unknown Expertise", NIPS 22.

use std::ops::Range;

use super::Aggregation;
use super::blocks::{Blocks, add_into};
use super::em::{Convergence, EmOptions, exp, ln_1p_from, normalise_log, softplus};
use super::method::{AggregationError, Method, OptionRule, TieRule};
use super::parameters::Parameters;
use crate::core::agreement::Ratings;
use crate::core::parallel::run_in_order;

/// Settings of [`glad`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GladOptions {
    pub em: EmOptions,
    /// Gradient steps on the expected log-posterior in each M-step.
    pub m_step_iterations: usize,
    /// Mean of the unit-variance Gaussian priors on every `α_j` and `β_i`.
    pub prior_mean: f64,
    pub tie: TieRule,
}

impl Default for GladOptions {
    /// The prior mean of 1 for ability and log inverse difficulty matches crowd-kit
    /// 1.4.2's GLAD defaults, so that the two fit the same model.
    fn default() -> Self {
        GladOptions {
            em: EmOptions { max_iterations: 1000, tolerance: 1e-7 },
            m_step_iterations: 25,
            prior_mean: 1.0,
            tie: TieRule::SmallestLabel,
        }
    }
}

/// GLAD truth inference, fitted by EM in log space.
///
/// Annotator j answers item i correctly with probability `σ(α_j exp(β_i))`, where `α_j`
/// is the ability and `exp(β_i) > 0` the item's inverse difficulty; a wrong answer is
/// any of the other `K − 1` labels with equal probability. The class prior is uniform,
/// and `α_j` and `β_i` have independent Gaussian priors with mean `prior_mean` and
/// variance 1, so the model is a MAP estimate.
///
/// Starting from every `α_j = β_i = prior_mean`, each iteration runs the E-step (item
/// posteriors from log-probabilities) and then the M-step: up to `m_step_iterations`
/// gradient-ascent steps on the expected log-posterior, each scaled per parameter by the
/// inverse of its Gauss–Newton curvature and shortened by backtracking until the
/// objective rises. The M-step ends early once a step gains less than 1 % of the EM
/// tolerance per answer. EM stops when the log-posterior of the data per answer changes by at
/// most `em.tolerance`.
pub fn glad(ratings: &Ratings, options: &GladOptions) -> Result<Aggregation, AggregationError> {
    OptionRule::Positive.check("tolerance", options.em.tolerance)?;
    OptionRule::Finite.check("prior_mean", options.prior_mean)?;
    let mut model = Model::new(ratings, options.prior_mean);
    let mut posteriors = vec![vec![0.0; ratings.labels().len()]; ratings.n_items()];
    model.e_step(&mut posteriors);
    let mut convergence = Convergence::new(Method::Glad, options.em, ratings.n_annotations());
    for iteration in 1..=options.em.max_iterations {
        // M-step gains far below the EM tolerance cannot change convergence.
        let min_gain = 0.01 * options.em.tolerance * ratings.n_annotations() as f64;
        model.m_step(&posteriors, options.m_step_iterations, min_gain);
        let objective = model.e_step(&mut posteriors) + model.log_prior_density();
        if convergence.converged(objective) {
            return Ok(Aggregation {
                iterations: iteration,
                parameters: Parameters::Glad { ability: model.ability, log_inverse_difficulty: model.beta },
                ..Aggregation::from_scores(Method::Glad, ratings, posteriors.concat(), options.tie)
            });
        }
    }
    Err(convergence.not_converged())
}

struct Model<'a> {
    ratings: &'a Ratings,
    /// `ln(K − 1)`, the log of the number of wrong labels.
    log_wrong: f64,
    prior_mean: f64,
    ability: Vec<f64>,
    beta: Vec<f64>,
}

impl<'a> Model<'a> {
    fn new(ratings: &'a Ratings, prior_mean: f64) -> Self {
        Model {
            ratings,
            log_wrong: ((ratings.labels().len().max(2) - 1) as f64).ln(),
            prior_mean,
            ability: vec![prior_mean; ratings.n_annotators()],
            beta: vec![prior_mean; ratings.n_items()],
        }
    }

    /// Writes each item's posterior and returns the log-likelihood of the answers.
    fn e_step(&self, posteriors: &mut [Vec<f64>]) -> f64 {
        let n_labels = self.ratings.labels().len() as f64;
        let mut log_likelihood = 0.0;
        for (item, posterior) in posteriors.iter_mut().enumerate() {
            let inverse_difficulty = self.beta[item].exp();
            let mut base = -n_labels.ln();
            posterior.fill(0.0);
            for &(annotator, label) in self.ratings.item_answers(item) {
                let x = self.ability[annotator] * inverse_difficulty;
                // log σ(x) = x − softplus(x) and log(1 − σ(x)) = −softplus(x).
                let softplus_x = softplus(x);
                let log_right = x - softplus_x;
                let log_wrong = -softplus_x - self.log_wrong;
                base += log_wrong;
                posterior[label] += log_right - log_wrong;
            }
            for value in posterior.iter_mut() {
                *value += base;
            }
            log_likelihood += normalise_log(posterior);
        }
        log_likelihood
    }

    /// Log-density of the Gaussian priors, without the constant.
    fn log_prior_density(&self) -> f64 {
        let squares = |values: &[f64]| -> f64 { values.iter().map(|v| (v - self.prior_mean).powi(2)).sum() };
        -0.5 * (squares(&self.ability) + squares(&self.beta))
    }

    /// Runs up to `steps` gradient steps, stopping early once a step gains less than
    /// `min_gain` in the expected log-posterior.
    ///
    /// Each pass over the answers computes the objective and its gradient together,
    /// because both need the same exponential per answer. The gradient of a rejected
    /// line-search candidate goes unused; an accepted candidate's is the next step's.
    fn m_step(&mut self, posteriors: &[Vec<f64>], steps: usize, min_gain: f64) {
        let pass = Pass::new(self.ratings, posteriors, self.log_wrong, self.prior_mean);
        let mut current = pass.evaluate(&self.ability, &self.beta);
        for _ in 0..steps {
            let (step_ability, step_beta, slope) = current.scaled_gradient();
            if slope <= 1e-12 {
                break;
            }
            let mut scale = 1.0;
            let mut accepted = false;
            for _ in 0..30 {
                let ability: Vec<f64> = self.ability.iter().zip(&step_ability).map(|(a, d)| a + scale * d).collect();
                let beta: Vec<f64> = self.beta.iter().zip(&step_beta).map(|(b, d)| b + scale * d).collect();
                let candidate = pass.evaluate(&ability, &beta);
                // Armijo condition: the rise must be a fair share of the linear prediction.
                if candidate.objective >= current.objective + 1e-4 * scale * slope {
                    self.ability = ability;
                    self.beta = beta;
                    accepted = candidate.objective - current.objective >= min_gain;
                    current = candidate;
                    break;
                }
                scale *= 0.5;
            }
            if !accepted {
                break;
            }
        }
    }
}

/// The data of one M-step: every answer with the posterior probability that its label
/// is the true one, in flat arrays that a pass reads front to back.
struct Pass<'a> {
    offsets: &'a [usize],
    /// Blocks of items whose terms are summed on separate threads.
    blocks: Blocks,
    annotators: Vec<usize>,
    /// Per answer, the current posterior of the label it gives.
    right: Vec<f64>,
    log_wrong: f64,
    prior_mean: f64,
}

/// The expected log-posterior at one point, with its gradient and Gauss–Newton
/// curvature.
struct Evaluation {
    objective: f64,
    grad_ability: Vec<f64>,
    curve_ability: Vec<f64>,
    grad_beta: Vec<f64>,
    curve_beta: Vec<f64>,
}

impl<'a> Pass<'a> {
    fn new(ratings: &'a Ratings, posteriors: &[Vec<f64>], log_wrong: f64, prior_mean: f64) -> Self {
        let offsets = ratings.item_offsets();
        let answers = ratings.all_answers();
        let mut right = Vec::with_capacity(answers.len());
        for (item, posterior) in posteriors.iter().enumerate() {
            right.extend(answers[offsets[item]..offsets[item + 1]].iter().map(|&(_, label)| posterior[label]));
        }
        Pass {
            offsets,
            blocks: Blocks::new(offsets),
            annotators: answers.iter().map(|&(annotator, _)| annotator).collect(),
            right,
            log_wrong,
            prior_mean,
        }
    }

    /// The expected complete-data log-posterior for fixed item posteriors, its gradient
    /// and curvature, at `ability` and `beta`.
    ///
    /// Each block of items sums its answers' terms into its own per-annotator sums, and
    /// the block sums are added in block order, so the result does not depend on the
    /// number of threads.
    fn evaluate(&self, ability: &[f64], beta: &[f64]) -> Evaluation {
        let parts = run_in_order(self.blocks.threads, self.blocks.ranges.clone(), |items| {
            self.evaluate_items(items, ability, beta)
        });

        let mut grad_ability: Vec<f64> = ability.iter().map(|a| self.prior_mean - a).collect();
        let mut curve_ability = vec![1.0; ability.len()];
        let mut grad_beta = Vec::with_capacity(beta.len());
        let mut curve_beta = Vec::with_capacity(beta.len());
        let mut total = 0.0;
        for part in parts {
            total += part.total;
            add_into(&mut grad_ability, &part.grad_ability);
            add_into(&mut curve_ability, &part.curve_ability);
            grad_beta.extend(part.grad_beta);
            curve_beta.extend(part.curve_beta);
        }
        let squares = |values: &[f64]| -> f64 { values.iter().map(|v| (v - self.prior_mean).powi(2)).sum() };
        Evaluation {
            objective: total - 0.5 * (squares(ability) + squares(beta)),
            grad_ability,
            curve_ability,
            grad_beta,
            curve_beta,
        }
    }

    /// The data terms of [`Pass::evaluate`] for one block of items: per-annotator sums
    /// over the block's answers, and the gradient and curvature of each of its items.
    fn evaluate_items(&self, items: Range<usize>, ability: &[f64], beta: &[f64]) -> BlockTerms {
        let mut grad_ability = vec![0.0; ability.len()];
        let mut curve_ability = vec![0.0; ability.len()];
        let mut grad_beta = Vec::with_capacity(items.len());
        let mut curve_beta = Vec::with_capacity(items.len());
        let mut total = 0.0;
        for item in items {
            let b = beta[item];
            let inverse_difficulty = b.exp();
            let mut item_grad = self.prior_mean - b;
            let mut item_curve = 1.0;
            let span = self.offsets[item]..self.offsets[item + 1];
            for (&annotator, &right) in self.annotators[span.clone()].iter().zip(&self.right[span]) {
                let x = ability[annotator] * inverse_difficulty;
                // One exponential gives both softplus(x) = ln(1 + e^x) and σ(x).
                let t = exp(-x.abs());
                let u = 1.0 + t;
                let softplus = if x > 0.0 { x + ln_1p_from(t, u) } else { ln_1p_from(t, u) };
                let p = if x >= 0.0 { 1.0 / u } else { t / u };
                total += right * x - softplus - (1.0 - right) * self.log_wrong;

                let residual = right - p;
                let weight = p * (1.0 - p);
                grad_ability[annotator] += residual * inverse_difficulty;
                curve_ability[annotator] += weight * inverse_difficulty * inverse_difficulty;
                item_grad += residual * x;
                item_curve += weight * x * x;
            }
            grad_beta.push(item_grad);
            curve_beta.push(item_curve);
        }
        BlockTerms { total, grad_ability, curve_ability, grad_beta, curve_beta }
    }
}

/// The sums of one block of items in [`Pass::evaluate`].
struct BlockTerms {
    total: f64,
    grad_ability: Vec<f64>,
    curve_ability: Vec<f64>,
    grad_beta: Vec<f64>,
    curve_beta: Vec<f64>,
}

impl Evaluation {
    /// The gradient divided elementwise by the Gauss–Newton curvature, and the slope
    /// (gradient · step) along it.
    fn scaled_gradient(&self) -> (Vec<f64>, Vec<f64>, f64) {
        let mut slope = 0.0;
        let step_ability: Vec<f64> = self
            .grad_ability
            .iter()
            .zip(&self.curve_ability)
            .map(|(g, h)| {
                slope += g * g / h;
                g / h
            })
            .collect();
        let step_beta: Vec<f64> = self
            .grad_beta
            .iter()
            .zip(&self.curve_beta)
            .map(|(g, h)| {
                slope += g * g / h;
                g / h
            })
            .collect();
        (step_ability, step_beta, slope)
    }
}
