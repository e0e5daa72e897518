//! The agreement figures shown together for one table of answers.

use serde_json::{Map, Value, json};

use super::cohen::cohen_kappa_mean;
use super::fleiss::fleiss_kappa;
use super::krippendorff::{Level, krippendorff_alpha};
use super::percent::percent_agreement;
use super::ratings::Ratings;
use super::stat::Stat;

/// Table sizes and the four agreement statistics (alpha at the nominal level).
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementSummary {
    pub n_items: usize,
    pub n_annotators: usize,
    pub n_annotations: usize,
    pub percent_agreement: Stat,
    pub cohen_kappa_mean: Stat,
    pub fleiss_kappa: Stat,
    pub krippendorff_alpha: Stat,
}

impl AgreementSummary {
    /// The summary as JSON: each statistic is a number, or `null` with its reason in the
    /// current language under `"undefined_reasons"` keyed by the statistic's field name.
    pub fn to_json(&self) -> Value {
        let stats = [
            ("percent_agreement", &self.percent_agreement),
            ("cohen_kappa_mean", &self.cohen_kappa_mean),
            ("fleiss_kappa", &self.fleiss_kappa),
            ("krippendorff_alpha", &self.krippendorff_alpha),
        ];
        let mut object = Map::new();
        object.insert("n_items".into(), json!(self.n_items));
        object.insert("n_annotators".into(), json!(self.n_annotators));
        object.insert("n_annotations".into(), json!(self.n_annotations));
        let mut reasons = Map::new();
        for (name, stat) in stats {
            match stat {
                Stat::Value(v) => object.insert(name.into(), json!(v)),
                Stat::Undefined(reason) => {
                    reasons.insert(name.into(), json!(reason.message()));
                    object.insert(name.into(), Value::Null)
                }
            };
        }
        object.insert("undefined_reasons".into(), Value::Object(reasons));
        Value::Object(object)
    }
}

/// Computes every statistic of [`AgreementSummary`] on `ratings`.
pub fn summary(ratings: &Ratings) -> AgreementSummary {
    AgreementSummary {
        n_items: ratings.n_items(),
        n_annotators: ratings.n_annotators(),
        n_annotations: ratings.n_annotations(),
        percent_agreement: percent_agreement(ratings),
        cohen_kappa_mean: cohen_kappa_mean(ratings),
        fleiss_kappa: fleiss_kappa(ratings),
        krippendorff_alpha: krippendorff_alpha(ratings, Level::Nominal),
    }
}
