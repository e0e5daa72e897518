//! Per-annotator (and per-item) parameters that each method estimates.

use serde_json::{Value, json};

/// What a method learned about the annotators, indexed like
/// [`Ratings::annotators`](crate::core::agreement::Ratings::annotators); label
/// dimensions are indexed like [`super::Aggregation::labels`].
#[derive(Debug, Clone, PartialEq)]
pub enum Parameters {
    /// Majority vote estimates nothing.
    None,
    /// A vote weight per annotator: Wawa's agreement with the majority, or the gold
    /// accuracy of weighted majority vote.
    Weights(Vec<f64>),
    /// Dawid–Skene: per annotator, `confusion[true][answer]`, each row summing to 1.
    Confusion(Vec<Vec<Vec<f64>>>),
    /// One-coin Dawid–Skene: the probability that each annotator answers correctly.
    Skill(Vec<f64>),
    /// GLAD: ability `α_j` per annotator and `β_i` per item, where the item's inverse
    /// difficulty is `exp(β_i)` and `P(correct) = σ(α_j exp(β_i))`.
    Glad { ability: Vec<f64>, log_inverse_difficulty: Vec<f64> },
    /// MACE: the probability that each annotator knows the answer rather than spams,
    /// and the label distribution they draw from when spamming.
    Mace { competence: Vec<f64>, strategy: Vec<Vec<f64>> },
}

impl Parameters {
    /// The parameters as JSON objects keyed by annotator (and item for GLAD).
    pub fn to_json(&self, annotators: &[String], items: &[impl AsRef<str>]) -> Value {
        fn by_name(values: &[f64], names: &[impl AsRef<str>]) -> Value {
            names
                .iter()
                .zip(values)
                .map(|(name, v)| (name.as_ref().to_string(), json!(v)))
                .collect::<serde_json::Map<_, _>>()
                .into()
        }
        match self {
            Parameters::None => Value::Null,
            Parameters::Weights(w) => json!({ "weight": by_name(w, annotators) }),
            Parameters::Skill(s) => json!({ "skill": by_name(s, annotators) }),
            Parameters::Confusion(matrices) => {
                let map: serde_json::Map<_, _> =
                    annotators.iter().zip(matrices).map(|(name, m)| (name.clone(), json!(m))).collect();
                json!({ "confusion": map })
            }
            Parameters::Glad { ability, log_inverse_difficulty } => json!({
                "ability": by_name(ability, annotators),
                "log_inverse_difficulty": by_name(log_inverse_difficulty, items),
            }),
            Parameters::Mace { competence, strategy } => {
                let map: serde_json::Map<_, _> =
                    annotators.iter().zip(strategy).map(|(name, s)| (name.clone(), json!(s))).collect();
                json!({ "competence": by_name(competence, annotators), "strategy": map })
            }
        }
    }
}
