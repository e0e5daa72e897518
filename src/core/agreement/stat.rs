//! A statistic's value, or the reason the data leave it undefined.

use std::fmt;

use crate::i18n::catalogue::stats as msg;

/// The value of an agreement statistic, or why the data cannot define it.
#[derive(Debug, Clone, PartialEq)]
pub enum Stat {
    Value(f64),
    Undefined(Undefined),
}

impl Stat {
    pub fn value(&self) -> Option<f64> {
        match self {
            Stat::Value(v) => Some(*v),
            Stat::Undefined(_) => None,
        }
    }

    pub fn undefined_reason(&self) -> Option<&Undefined> {
        match self {
            Stat::Value(_) => None,
            Stat::Undefined(reason) => Some(reason),
        }
    }
}

/// Four decimals, or the localized word "undefined" with the reason.
impl fmt::Display for Stat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stat::Value(v) => write!(f, "{v:.4}"),
            Stat::Undefined(reason) => f.write_str(&msg::STAT_UNDEFINED.fmt(&[("reason", &reason.message())])),
        }
    }
}

/// Reason an agreement statistic has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undefined {
    /// The table contains no answers.
    NoAnnotations,
    /// Every answer comes from the same annotator.
    SingleAnnotator,
    /// No item has answers from two or more annotators.
    NoPairableItems,
    /// Expected (chance) disagreement is zero, which happens when all pairable answers
    /// carry one label.
    NoVariation,
    /// No two annotators answered a common item.
    NoSharedItems,
    /// An interval or ratio metric met a label that does not parse as a number.
    NonNumericLabel { label: String },
    /// The ratio metric met a negative value.
    NegativeRatioValue { label: String },
    /// The rating scale has fewer than two labels.
    SingleCategory,
    /// A per-label statistic met a label that no pairable answer uses.
    LabelNotUsed { label: String },
    /// Alpha is undefined on every bootstrap resample.
    NoDefinedResample,
    /// A correlation has fewer than two pairs, or one side does not vary.
    NoCorrelation,
}

impl Undefined {
    /// The reason in the current language.
    pub fn message(&self) -> String {
        match self {
            Undefined::NoAnnotations => msg::UNDEFINED_NO_ANNOTATIONS.text().to_string(),
            Undefined::SingleAnnotator => msg::UNDEFINED_SINGLE_ANNOTATOR.text().to_string(),
            Undefined::NoPairableItems => msg::UNDEFINED_NO_PAIRABLE_ITEMS.text().to_string(),
            Undefined::NoVariation => msg::UNDEFINED_NO_VARIATION.text().to_string(),
            Undefined::NoSharedItems => msg::UNDEFINED_NO_SHARED_ITEMS.text().to_string(),
            Undefined::NonNumericLabel { label } => msg::UNDEFINED_NON_NUMERIC_LABEL.fmt(&[("label", label)]),
            Undefined::NegativeRatioValue { label } => msg::UNDEFINED_NEGATIVE_RATIO_VALUE.fmt(&[("label", label)]),
            Undefined::SingleCategory => msg::UNDEFINED_SINGLE_CATEGORY.text().to_string(),
            Undefined::LabelNotUsed { label } => msg::UNDEFINED_LABEL_NOT_USED.fmt(&[("label", label)]),
            Undefined::NoDefinedResample => msg::UNDEFINED_NO_DEFINED_RESAMPLE.text().to_string(),
            Undefined::NoCorrelation => msg::UNDEFINED_NO_CORRELATION.text().to_string(),
        }
    }
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Caller errors in the input to an agreement function.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgreementError {
    #[error("{}", msg::INVALID_RESAMPLES.text())]
    InvalidResamples,
    #[error("{}", msg::INVALID_CONFIDENCE.fmt(&[("value", value)]))]
    InvalidConfidence { value: f64 },
    #[error("{}", msg::TABLE_NOT_SQUARE.fmt(&[("row", &(*row + 1)), ("len", len), ("rows", rows)]))]
    TableNotSquare {
        /// Zero-based row index; the message shows it one-based.
        row: usize,
        len: usize,
        rows: usize,
    },
    #[error("{}", msg::UNKNOWN_ANNOTATOR.fmt(&[("annotator", annotator)]))]
    UnknownAnnotator { annotator: String },
}

/// Checks the order of reasons shared by every statistic on a whole table: no answers
/// first, then a single annotator.
pub(crate) fn table_precondition(n_annotations: usize, n_annotators: usize) -> Option<Undefined> {
    if n_annotations == 0 {
        Some(Undefined::NoAnnotations)
    } else if n_annotators < 2 {
        Some(Undefined::SingleAnnotator)
    } else {
        None
    }
}
