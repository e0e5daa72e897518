//! Inter-annotator agreement: percent agreement, Cohen's kappa, Fleiss' kappa, Scott's
//! pi, Gwet's AC1, per-label agreement and Krippendorff's alpha with a bootstrap
//! interval, computed in batch from [`Ratings`] or kept live by [`LiveAgreement`].
//!
//! A statistic that the data cannot define is a [`Stat::Undefined`] with its reason,
//! never NaN, 0 or 1. Statistics on a whole table first check for an empty table
//! ([`Undefined::NoAnnotations`]) and then for a single annotator
//! ([`Undefined::SingleAnnotator`]), before their own conditions.

mod bootstrap;
mod category;
mod cohen;
mod fleiss;
mod gwet;
mod krippendorff;
mod live;
mod pair_counts;
mod percent;
mod ratings;
mod scott;
mod stat;
mod summary;

#[cfg(test)]
mod coefficient_tests;
#[cfg(test)]
mod tests;

pub use bootstrap::{AlphaInterval, BootstrapOptions, alpha_bootstrap};
pub use category::{CategoryAgreement, category_agreement};
pub use cohen::{
    CohenKappa, PairKappa, Weights, cohen_kappa_mean, cohen_kappa_means, cohen_kappa_pair, cohen_kappa_pairs,
    cohen_kappa_shared_weighted, cohen_kappa_table,
};
pub use fleiss::{FleissKappa, fleiss_kappa, fleiss_kappa_counts};
pub use gwet::gwet_ac1;
pub use krippendorff::{Level, alpha_from_coincidence, krippendorff_alpha, pair_counts};
pub use live::LiveAgreement;
pub use pair_counts::PairCounts;
pub use percent::{item_percent_agreement, percent_agreement};
pub(crate) use ratings::to_u32;
pub use ratings::{Ratings, RatingsBuilder, numeric_value, rank_order};
pub use scott::scott_pi;
pub use stat::{AgreementError, Stat, Undefined};
pub use summary::{AgreementSummary, PARADOX_MAX_CHANCE_CORRECTED, PARADOX_MIN_PERCENT, summary, summary_at};
