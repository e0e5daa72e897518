//! The agreement figures shown together for one table of answers.

use serde_json::{Map, Value, json};

use super::category::{CategoryAgreement, category_agreement};
use super::cohen::cohen_kappa_means;
use super::fleiss::fleiss_kappa;
use super::gwet::gwet_ac1;
use super::krippendorff::{Level, krippendorff_alpha};
use super::percent::percent_agreement;
use super::ratings::{Ratings, rank_order};
use super::scott::scott_pi;
use super::stat::Stat;

/// Percent agreement at or above which a chance-corrected statistic at or below
/// [`PARADOX_MAX_CHANCE_CORRECTED`] is flagged as the high-agreement, low-kappa paradox.
pub const PARADOX_MIN_PERCENT: f64 = 0.8;
/// See [`PARADOX_MIN_PERCENT`].
pub const PARADOX_MAX_CHANCE_CORRECTED: f64 = 0.2;

/// Table sizes and the agreement statistics, with Krippendorff's alpha at `level`.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementSummary {
    pub n_items: usize,
    pub n_annotators: usize,
    pub n_annotations: usize,
    pub percent_agreement: Stat,
    pub cohen_kappa_mean: Stat,
    /// Mean pairwise kappa weighted by the items each pair shares.
    pub cohen_kappa_shared_weighted: Stat,
    pub fleiss_kappa: Stat,
    pub scott_pi: Stat,
    pub gwet_ac1: Stat,
    pub level: Level,
    pub krippendorff_alpha: Stat,
    /// Per-label agreement, in [`Ratings::labels`] order.
    pub categories: Vec<CategoryAgreement>,
}

impl AgreementSummary {
    /// The summary as JSON: each statistic is a number, or `null` with its reason in the
    /// current language under `"undefined_reasons"` keyed by the statistic's field name.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("n_items".into(), json!(self.n_items));
        object.insert("n_annotators".into(), json!(self.n_annotators));
        object.insert("n_annotations".into(), json!(self.n_annotations));
        object.insert("level".into(), json!(self.level.name()));
        let mut reasons = Map::new();
        for (name, stat) in self.named_stats() {
            object.insert(name.into(), stat_json(stat));
            if let Stat::Undefined(reason) = stat {
                reasons.insert(name.into(), json!(reason.message()));
            }
        }
        // A per-label value that is undefined has its reason under
        // `categories.LABEL.KEY`, so that every `null` in the output has one.
        let mut category_reasons = Map::new();
        let categories: Vec<Value> = self
            .categories
            .iter()
            .map(|c| {
                let mut label_reasons = Map::new();
                for (key, stat) in [("fleiss_kappa", &c.fleiss_kappa), ("specific_agreement", &c.specific_agreement)] {
                    if let Stat::Undefined(reason) = stat {
                        label_reasons.insert(key.into(), json!(reason.message()));
                    }
                }
                if !label_reasons.is_empty() {
                    category_reasons.insert(c.label.clone(), Value::Object(label_reasons));
                }
                json!({
                    "label": c.label,
                    "share": c.share,
                    "fleiss_kappa": stat_json(&c.fleiss_kappa),
                    "specific_agreement": stat_json(&c.specific_agreement),
                })
            })
            .collect();
        if !category_reasons.is_empty() {
            reasons.insert("categories".into(), Value::Object(category_reasons));
        }
        object.insert("categories".into(), Value::Array(categories));
        object.insert("undefined_reasons".into(), Value::Object(reasons));
        Value::Object(object)
    }

    /// The whole-table statistics with their JSON field names.
    pub fn named_stats(&self) -> [(&'static str, &Stat); 7] {
        [
            ("percent_agreement", &self.percent_agreement),
            ("cohen_kappa_mean", &self.cohen_kappa_mean),
            ("cohen_kappa_shared_weighted", &self.cohen_kappa_shared_weighted),
            ("fleiss_kappa", &self.fleiss_kappa),
            ("scott_pi", &self.scott_pi),
            ("gwet_ac1", &self.gwet_ac1),
            ("krippendorff_alpha", &self.krippendorff_alpha),
        ]
    }

    /// True when percent agreement is at least [`PARADOX_MIN_PERCENT`] but Fleiss' kappa
    /// or nominal-level alpha is at most [`PARADOX_MAX_CHANCE_CORRECTED`]: the pattern
    /// of one label dominating, which makes chance agreement high (Feinstein and
    /// Cicchetti 1990, "High agreement but low kappa").
    pub fn shows_kappa_paradox(&self) -> bool {
        let high_percent = self.percent_agreement.value().is_some_and(|p| p >= PARADOX_MIN_PERCENT);
        let mut corrected = vec![&self.fleiss_kappa];
        if self.level == Level::Nominal {
            corrected.push(&self.krippendorff_alpha);
        }
        let low_corrected = corrected.iter().filter_map(|s| s.value()).any(|v| v <= PARADOX_MAX_CHANCE_CORRECTED);
        high_percent && low_corrected
    }

    /// Share of the most frequent label among answers on pairable items, with its name.
    pub fn dominant_label(&self) -> Option<(&str, f64)> {
        self.categories.iter().max_by(|a, b| a.share.total_cmp(&b.share)).map(|c| (c.label.as_str(), c.share))
    }
}

fn stat_json(stat: &Stat) -> Value {
    match stat {
        Stat::Value(v) => json!(v),
        Stat::Undefined(_) => Value::Null,
    }
}

/// Computes every statistic of [`AgreementSummary`] on `ratings`, with alpha at the
/// nominal level.
pub fn summary(ratings: &Ratings) -> AgreementSummary {
    summary_at(ratings, Level::Nominal)
}

/// Per-label agreement in the order a reader expects: numeric labels by value, others in
/// the table's label order. A label file numbers labels by first appearance, so without
/// this the labels 0 to 4 could be listed as 3, 0, 4, 1, 2.
fn categories_in_rank_order(ratings: &Ratings) -> Vec<CategoryAgreement> {
    let mut categories: Vec<Option<CategoryAgreement>> = category_agreement(ratings).into_iter().map(Some).collect();
    let all: Vec<usize> = (0..categories.len()).collect();
    rank_order(ratings.labels(), &all).into_iter().filter_map(|index| categories[index].take()).collect()
}

/// Computes every statistic of [`AgreementSummary`] on `ratings`, with alpha at `level`.
pub fn summary_at(ratings: &Ratings, level: Level) -> AgreementSummary {
    let (cohen_kappa_mean, cohen_kappa_shared_weighted) = cohen_kappa_means(ratings);
    AgreementSummary {
        n_items: ratings.n_items(),
        n_annotators: ratings.n_annotators(),
        n_annotations: ratings.n_annotations(),
        percent_agreement: percent_agreement(ratings),
        cohen_kappa_mean,
        cohen_kappa_shared_weighted,
        fleiss_kappa: fleiss_kappa(ratings),
        scott_pi: scott_pi(ratings),
        gwet_ac1: gwet_ac1(ratings),
        level,
        krippendorff_alpha: krippendorff_alpha(ratings, level),
        categories: categories_in_rank_order(ratings),
    }
}
