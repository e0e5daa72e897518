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
        Convergence { method, options, n_answers: n_answers.max(1) as f64, previous: None, change: f64::INFINITY }
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
/// subtracting the maximum first keeps the exponentials in range. Each exponential is
/// taken once and the shares divided by their sum, because this runs for every item in
/// every EM iteration.
#[inline]
pub(crate) fn normalise_log(scores: &mut [f64]) -> f64 {
    let (max, sum) = normalise_log_parts(scores);
    max + sum.ln()
}

/// [`normalise_log`] returning the maximum and the sum of exponentials instead of the
/// log of their sum, so that a caller summing many items can multiply the sums and take
/// one logarithm for several items. The sum is at least 1 for a finite row.
#[inline]
pub(crate) fn normalise_log_parts(scores: &mut [f64]) -> (f64, f64) {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for value in scores.iter_mut() {
        // An all-infinite row gives NaN here, as `f64::exp` would.
        *value = exp(*value - max);
        sum += *value;
    }
    for value in scores.iter_mut() {
        *value /= sum;
    }
    (max, sum)
}

/// `e^x` within a few ulps of `f64::exp`, inlined.
///
/// The library call and its error-handling wrapper took a sixth of a Dawid–Skene run
/// on a million answers, which takes one exponential per item and label in every
/// iteration. Writing x = k ln 2 + r with |r| ≤ ln 2 / 2 leaves e^r, which a Taylor
/// polynomial of degree 12 gives to about 2e-16, and 2^k, which is exact. `e^0` is
/// exactly 1. Arguments outside the range where 2^k is a normal number, and NaN, go to
/// `f64::exp`.
#[inline]
pub(crate) fn exp(x: f64) -> f64 {
    if !(-708.0..=709.0).contains(&x) {
        return x.exp();
    }
    // ln 2 split in a high part with trailing zero bits, so that k · LN2_HI is exact
    // for every k here, and the rest.
    const LN2_HI: f64 = 0.693_147_180_369_123_8;
    const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
    // Adding and subtracting 1.5 · 2^52 rounds to the nearest integer: `f64::round` is
    // a library call on x86-64 builds without SSE4.1.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let k = (x * std::f64::consts::LOG2_E + ROUND) - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;

    // Horner form of the sum of r^n / n! for n up to 12. Plain products and sums, not
    // `mul_add`, which is a library call on x86-64 builds without the FMA feature.
    let mut p = 1.0 / 479_001_600.0;
    for factorial in [39_916_800.0, 3_628_800.0, 362_880.0, 40_320.0, 5_040.0, 720.0, 120.0, 24.0, 6.0, 2.0, 1.0, 1.0] {
        p = p * r + 1.0 / factorial;
    }
    let scale = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    p * scale
}

/// `ln(1 + e^x)` without overflow.
pub(crate) fn softplus(x: f64) -> f64 {
    let t = (-x.abs()).exp();
    if x > 0.0 { x + ln_1p_from(t, 1.0 + t) } else { ln_1p_from(t, 1.0 + t) }
}

/// `ln(1 + t)` for `t ≥ 0`, given `u = 1 + t` as rounded in floating point.
///
/// glibc's `log1p` took several times as long as its `log` in a profile of GLAD, which
/// calls this once per answer in every gradient step. `ln(u)` alone loses the low bits
/// of a small `t` to the rounding of `u`; scaling it by `t / (u − 1)`, the rounding error
/// that `u` made, restores them to within a few ulps of `log1p`, as the test below checks.
#[inline]
pub(crate) fn ln_1p_from(t: f64, u: f64) -> f64 {
    if u == 1.0 { t } else { u.ln() * (t / (u - 1.0)) }
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
    let series =
        inv2 * (1.0 / 12.0 - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 / 132.0))));
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
    fn ln_1p_from_matches_log1p() {
        for t in [0.0, 1e-300, 1e-17, 3e-9, 1e-5, 0.1, 0.5, 0.999, 1.0] {
            let expected = f64::ln_1p(t);
            let got = ln_1p_from(t, 1.0 + t);
            assert!((got - expected).abs() <= 4.0 * f64::EPSILON * expected, "t = {t}: {got} against {expected}");
        }
    }

    #[test]
    fn exp_matches_library() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
        let mut x: f64 = -720.0;
        while x <= 720.0 {
            let expected = x.exp();
            let got = exp(x);
            let close = got == expected || (got - expected).abs() <= 4.0 * f64::EPSILON * expected;
            assert!(close, "x = {x}: {got} against {expected}");
            x += 0.0137;
        }
    }

    #[test]
    fn softplus_is_stable() {
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-15);
        assert_eq!(softplus(800.0), 800.0);
        assert!(softplus(-800.0) >= 0.0);
    }
}
