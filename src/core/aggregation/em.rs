//! Numerical helpers shared by the EM methods.

use super::method::{AggregationError, Method};

/// Limits of an EM loop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmOptions {
    /// EM iterations allowed before [`AggregationError::NotConverged`].
    pub max_iterations: usize,
    /// Convergence threshold on the change of the method's objective per answer between
    /// two iterations.
    pub tolerance: f64,
}

/// Tracks the objective of an EM loop and decides when it has converged.
pub(crate) struct Convergence {
    method: Method,
    options: EmOptions,
    n_answers: f64,
    previous: Option<f64>,
    change: f64,
}

impl Convergence {
    pub(crate) fn new(method: Method, options: EmOptions, n_answers: usize) -> Self {
        Convergence {
            method,
            options,
            n_answers: n_answers.max(1) as f64,
            previous: None,
            change: f64::INFINITY,
        }
    }

    /// Records the objective after one iteration; true once the change per answer is at
    /// most the tolerance.
    pub(crate) fn converged(&mut self, objective: f64) -> bool {
        let done = match self.previous {
            Some(previous) => {
                self.change = (objective - previous).abs() / self.n_answers;
                self.change <= self.options.tolerance
            }
            None => false,
        };
        self.previous = Some(objective);
        done
    }

    /// The error for a loop that ran out of iterations.
    pub(crate) fn not_converged(&self) -> AggregationError {
        AggregationError::NotConverged {
            method: self.method,
            iterations: self.options.max_iterations,
            change: self.change,
        }
    }
}

/// Turns log-joint scores into probabilities in place and returns the log of their sum;
/// subtracting the maximum first keeps the exponentials in range.
pub(crate) fn normalise_log(scores: &mut [f64]) -> f64 {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = scores.iter().map(|v| (v - max).exp()).sum();
    let log_evidence = max + sum.ln();
    for value in scores.iter_mut() {
        *value = (*value - log_evidence).exp();
    }
    log_evidence
}

/// `ln(1 + e^x)` without overflow.
pub(crate) fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// The logistic function `1 / (1 + e^−x)`.
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// The digamma function ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to
/// x ≥ 10, then the asymptotic series, whose error there is below 1e-13.
pub(crate) fn digamma(mut x: f64) -> f64 {
    let mut result = 0.0;
    while x < 10.0 {
        result -= 1.0 / x;
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv2
        * (1.0 / 12.0
            - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 / 132.0))));
    result + x.ln() - 0.5 * inv - series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digamma_matches_known_values() {
        // ψ(1) = −γ (Euler–Mascheroni) and ψ(0.5) = −γ − 2 ln 2.
        let gamma = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + gamma).abs() < 1e-12);
        assert!((digamma(0.5) + gamma + 2.0 * 2f64.ln()).abs() < 1e-12);
        assert!((digamma(10.0) - 2.251_752_589_066_721).abs() < 1e-12);
    }

    #[test]
    fn softplus_is_stable() {
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-15);
        assert_eq!(softplus(800.0), 800.0);
        assert!(softplus(-800.0) >= 0.0);
    }
}
