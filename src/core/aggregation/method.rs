//! Names of the aggregation methods, tie rules and aggregation errors.

use std::fmt;
use std::str::FromStr;

use crate::i18n::catalogue::stats as msg;

/// A truth-inference method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Majority vote: the label with the most answers.
    Majority,
    /// Worker Agreement with Aggregate: majority vote weighted by each annotator's
    /// agreement with the plain majority vote.
    Wawa,
    /// Majority vote weighted by each annotator's smoothed accuracy on gold items.
    GoldWeighted,
    /// Dawid and Skene (1979): EM over one confusion matrix per annotator.
    DawidSkene,
    /// Dawid–Skene with a single accuracy per annotator.
    OneCoin,
    /// Whitehill et al. (2009): annotator ability and item difficulty.
    Glad,
    /// Hovy et al. (2013): annotator competence and spamming strategy.
    Mace,
}

impl Method {
    /// Every method that [`Method::from_str`] accepts.
    pub const ALL: &'static [Method] = &[
        Method::Majority,
        Method::GoldWeighted,
        Method::Wawa,
        Method::DawidSkene,
        Method::OneCoin,
        Method::Glad,
        Method::Mace,
    ];

    /// The name accepted by [`Method::from_str`].
    pub fn name(self) -> &'static str {
        match self {
            Method::Majority => "majority",
            Method::Wawa => "wawa",
            Method::GoldWeighted => "wmv",
            Method::DawidSkene => "dawid-skene",
            Method::OneCoin => "one-coin",
            Method::Glad => "glad",
            Method::Mace => "mace",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = AggregationError;

    /// Parses a method name, ignoring ASCII case and surrounding whitespace.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let requested = text.trim().to_ascii_lowercase();
        Method::ALL
            .iter()
            .copied()
            .find(|m| m.name() == requested)
            .ok_or_else(|| AggregationError::UnknownMethod { name: text.to_string() })
    }
}

/// How to choose among labels that share the highest score on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// The smallest tied label: by numeric value when every label of the table parses as
    /// a number, otherwise by string (Unicode code point) order. crowd-kit's MajorityVote
    /// (source at commit 058233a) picks the same label, because it takes pandas'
    /// `idxmax`, the first maximum, over label columns sorted by value.
    SmallestLabel,
    /// A label drawn uniformly from the tied ones with SplitMix64 seeded by `seed`. One
    /// draw is made per tied item, in the table's item order, so a seed reproduces the
    /// same choices for the same table.
    Random { seed: u64 },
}

/// Errors from aggregation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AggregationError {
    #[error("{}", msg::UNKNOWN_METHOD.fmt(&[("name", name), ("expected", &method_names())]))]
    UnknownMethod { name: String },
    #[error("{}", msg::NOT_CONVERGED.fmt(&[("method", method), ("iterations", iterations), ("change", change)]))]
    NotConverged {
        method: Method,
        iterations: usize,
        /// Change of the method's objective (log-likelihood, or log-posterior for GLAD)
        /// per answer at the last iteration.
        change: f64,
    },
    #[error("{}", msg::INVALID_OPTION.fmt(&[("name", name), ("value", value), ("expected", &rule.message())]))]
    InvalidOption { name: &'static str, value: f64, rule: OptionRule },
    #[error("{}", msg::MISSING_GOLD.text())]
    MissingGold,
    #[error("{}", msg::NON_NUMERIC_ANSWER.fmt(&[("label", label), ("item", item), ("annotator", annotator)]))]
    NonNumericLabel { label: String, item: String, annotator: String },
}

/// The range a numeric option must fall in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionRule {
    Positive,
    NonNegative,
    /// Any finite number.
    Finite,
}

impl OptionRule {
    /// Checks `value` against the rule; NaN and infinities never pass.
    pub fn check(self, name: &'static str, value: f64) -> Result<(), AggregationError> {
        let valid = value.is_finite()
            && match self {
                OptionRule::Positive => value > 0.0,
                OptionRule::NonNegative => value >= 0.0,
                OptionRule::Finite => true,
            };
        if valid { Ok(()) } else { Err(AggregationError::InvalidOption { name, value, rule: self }) }
    }

    fn message(self) -> &'static str {
        match self {
            OptionRule::Positive => msg::EXPECTED_POSITIVE.text(),
            OptionRule::NonNegative => msg::EXPECTED_NON_NEGATIVE.text(),
            OptionRule::Finite => msg::EXPECTED_FINITE.text(),
        }
    }
}

fn method_names() -> String {
    let categorical = Method::ALL.iter().map(|m| m.name());
    let numeric = super::numeric::NumericMethod::ALL.into_iter().map(|m| m.name());
    categorical.chain(numeric).collect::<Vec<_>>().join(", ")
}
