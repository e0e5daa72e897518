//! One entry point for every aggregation method.

use std::collections::HashMap;

use super::dawid_skene::{DawidSkeneOptions, dawid_skene};
use super::glad::{GladOptions, glad};
use super::mace::{MaceOptions, mace};
use super::method::{AggregationError, Method, TieRule};
use super::one_coin::{OneCoinOptions, one_coin_dawid_skene};
use super::wmv::gold_weighted_majority_vote;
use super::{Aggregation, majority_vote, wawa};
use crate::core::agreement::Ratings;

/// Settings of every method, read by [`aggregate`].
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateOptions {
    /// Tie rule of every method; it replaces the `tie` field of the per-method options.
    pub tie: TieRule,
    /// Gold labels by item name; [`Method::GoldWeighted`] needs some.
    pub gold: HashMap<String, String>,
    /// Laplace pseudo-count of the gold accuracies in [`Method::GoldWeighted`].
    pub wmv_smoothing: f64,
    pub dawid_skene: DawidSkeneOptions,
    pub one_coin: OneCoinOptions,
    pub glad: GladOptions,
    pub mace: MaceOptions,
}

impl Default for AggregateOptions {
    fn default() -> Self {
        AggregateOptions {
            tie: TieRule::SmallestLabel,
            gold: HashMap::new(),
            wmv_smoothing: 1.0,
            dawid_skene: DawidSkeneOptions::default(),
            one_coin: OneCoinOptions::default(),
            glad: GladOptions::default(),
            mace: MaceOptions::default(),
        }
    }
}

/// Runs `method` on `ratings`.
pub fn aggregate(
    method: Method,
    ratings: &Ratings,
    options: &AggregateOptions,
) -> Result<Aggregation, AggregationError> {
    let tie = options.tie;
    match method {
        Method::Majority => Ok(majority_vote(ratings, tie)),
        Method::Wawa => Ok(wawa(ratings, tie)),
        Method::GoldWeighted => gold_weighted_majority_vote(ratings, &options.gold, options.wmv_smoothing, tie),
        Method::DawidSkene => dawid_skene(ratings, &DawidSkeneOptions { tie, ..options.dawid_skene }),
        Method::OneCoin => one_coin_dawid_skene(ratings, &OneCoinOptions { tie, ..options.one_coin }),
        Method::Glad => glad(ratings, &GladOptions { tie, ..options.glad }),
        Method::Mace => mace(ratings, &MaceOptions { tie, ..options.mace }),
    }
}
