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
/// iteration. Writing x = (32m + j) ln 2 / 32 + r with 0 ≤ j < 32 and |r| ≤ ln 2 / 64
/// gives e^x = 2^m · 2^(j/32) · e^r. The second factor comes from a table, and a Taylor
/// polynomial of degree 6 gives e^r to about 1e-17, because r is so small. 2^m is
/// exact. Arguments outside the range where 2^m is a normal number, and NaN, go to
/// `f64::exp`.
#[inline]
pub(crate) fn exp(x: f64) -> f64 {
    if !(-708.0..=709.0).contains(&x) {
        return x.exp();
    }
    // ln 2 / 32 split in a high part with trailing zero bits, so that n · STEP_HI is
    // exact for every n here, and the rest.
    const STEP_HI: f64 = 0.693_147_180_369_123_8 / 32.0;
    const STEP_LO: f64 = 1.908_214_929_270_587_7e-10 / 32.0;
    // Adding and subtracting 1.5 · 2^52 rounds to the nearest integer: `f64::round` is
    // a library call on x86-64 builds without SSE4.1.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let n = (x * (32.0 * std::f64::consts::LOG2_E) + ROUND) - ROUND;
    let r = (x - n * STEP_HI) - n * STEP_LO;

    // Horner form of the sum of r^k / k! for k up to 6. Plain products and sums, not
    // `mul_add`, which is a library call on x86-64 builds without the FMA feature.
    let mut p = 1.0 / 720.0;
    for factorial in [120.0, 24.0, 6.0, 2.0, 1.0, 1.0] {
        p = p * r + 1.0 / factorial;
    }
    let n = n as i64;
    let scale = f64::from_bits((((n >> 5) + 1023) as u64) << 52);
    p * EXP2_32NDS[(n & 31) as usize] * scale
}

/// `2^(j/32)` for j from 0 to 31, each the double nearest to the exact value.
const EXP2_32NDS: [f64; 32] = [
    1.0,
    1.0218971486541166,
    1.0442737824274138,
    1.0671404006768237,
    1.0905077326652577,
    1.1143867425958924,
    1.1387886347566916,
    1.1637248587775775,
    1.189207115002721,
    1.215247359980469,
    1.241857812073484,
    1.2690509571917332,
    1.2968395546510096,
    1.3252366431597413,
    1.3542555469368927,
    1.383909881963832,
    std::f64::consts::SQRT_2,
    1.4451808069770467,
    1.4768261459394993,
    1.5091644275934228,
    1.5422108254079407,
    1.5759808451078865,
    1.6104903319492543,
    1.645755478153965,
    1.681792830507429,
    1.718619298122478,
    1.7562521603732995,
    1.7947090750031072,
    1.8340080864093424,
    1.8741676341103,
    1.9152065613971474,
    1.9571441241754002,
];

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
        // Finer steps where EM scores usually fall, crossing every table entry.
        let mut x: f64 = -40.0;
        while x <= 1.0 {
            let expected = x.exp();
            let got = exp(x);
            assert!((got - expected).abs() <= 2.0 * f64::EPSILON * expected, "x = {x}: {got} against {expected}");
            x += 0.000_731;
        }
    }

    #[test]
    fn exp2_table_matches_library() {
        for (j, &value) in EXP2_32NDS.iter().enumerate() {
            let expected = (j as f64 / 32.0).exp2();
            assert!((value - expected).abs() <= f64::EPSILON * expected, "j = {j}: {value} against {expected}");
        }
    }

    #[test]
    fn softplus_is_stable() {
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-15);
        assert_eq!(softplus(800.0), 800.0);
        assert!(softplus(-800.0) >= 0.0);
    }
}
