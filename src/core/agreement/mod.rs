//! Inter-annotator agreement: percent agreement, Cohen's kappa, Fleiss' kappa and
//! Krippendorff's alpha, computed in batch from [`Ratings`] or kept live by
//! [`LiveAgreement`].
//!
//! A statistic that the data cannot define is a [`Stat::Undefined`] with its reason,
//! never NaN, 0 or 1. Statistics on a whole table first check for an empty table
//! ([`Undefined::NoAnnotations`]) and then for a single annotator
//! ([`Undefined::SingleAnnotator`]), before their own conditions.

mod cohen;
mod fleiss;
mod krippendorff;
mod live;
mod pair_counts;
mod percent;
mod ratings;
mod stat;
mod summary;

#[cfg(test)]
mod tests;

pub use cohen::{CohenKappa, Weights, cohen_kappa_mean, cohen_kappa_pair, cohen_kappa_table};
pub use fleiss::{FleissKappa, fleiss_kappa, fleiss_kappa_counts};
pub use krippendorff::{Level, alpha_from_coincidence, krippendorff_alpha, pair_counts};
pub use live::LiveAgreement;
pub use pair_counts::PairCounts;
pub use percent::percent_agreement;
pub use ratings::{Ratings, RatingsBuilder, numeric_value, rank_order};
pub use stat::{AgreementError, Stat, Undefined};
pub use summary::{AgreementSummary, summary};
