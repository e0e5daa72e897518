//! Model predictions per item: the source of on-screen suggestions and of the
//! uncertainty order.
//!
//! A prediction belongs to one training run (`runs.id`). Readers take the prediction of
//! the active run, so that activating another run switches every suggestion at once.

use super::{Store, StoreError};
use crate::core::ids::ItemId;
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

/// A model's prediction for one item.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ItemPrediction {
    pub item: ItemId,
    /// The most probable label.
    pub label: String,
    /// The probability of `label`.
    pub confidence: f64,
    /// `label`'s probability minus the runner-up's.
    pub margin: f64,
    /// Shannon entropy of the distribution, in nats.
    pub entropy: f64,
    pub probabilities: BTreeMap<String, f64>,
}

impl ItemPrediction {
    /// Builds the summary numbers from a probability per label. Returns `None` for an
    /// empty distribution.
    pub fn from_probabilities(item: ItemId, probabilities: BTreeMap<String, f64>) -> Option<ItemPrediction> {
        let mut ranked: Vec<(&String, f64)> = probabilities.iter().map(|(label, &p)| (label, p)).collect();
        // Highest first; equal probabilities keep label order so the choice is stable.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let (label, confidence) = ranked.first().map(|(l, p)| ((*l).clone(), *p))?;
        let runner_up = ranked.get(1).map_or(0.0, |(_, p)| *p);
        let entropy = probabilities.values().filter(|&&p| p > 0.0).map(|&p| -p * p.ln()).sum();
        Some(ItemPrediction { item, label, confidence, margin: confidence - runner_up, entropy, probabilities })
    }
}

/// Ranking rule of the uncertainty order, which puts the most uncertain items first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Uncertainty {
    /// Lowest top probability first.
    LeastConfidence,
    /// Smallest gap between the two most probable labels first.
    Margin,
    /// Highest entropy first.
    Entropy,
}

impl Uncertainty {
    pub const ALL: [Uncertainty; 3] = [Uncertainty::LeastConfidence, Uncertainty::Margin, Uncertainty::Entropy];

    /// Returns the name written in `quorum.toml` and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Uncertainty::LeastConfidence => "least-confidence",
            Uncertainty::Margin => "margin",
            Uncertainty::Entropy => "entropy",
        }
    }

    /// Reads a name written by [`Uncertainty::name`].
    pub fn from_name(name: &str) -> Option<Uncertainty> {
        Uncertainty::ALL.into_iter().find(|rule| rule.name() == name)
    }

    /// Returns a priority for [`Store::set_priorities`], where higher means the item is handed out sooner.
    pub fn priority(self, prediction: &ItemPrediction) -> f64 {
        self.rank(prediction.confidence, prediction.margin, prediction.entropy)
    }

    /// Computes the priority of [`Uncertainty::priority`] from a bare distribution.
    pub fn priority_of(self, probabilities: &[f64]) -> f64 {
        let (mut first, mut second) = (0.0f64, 0.0f64);
        for &p in probabilities {
            if p > first {
                second = first;
                first = p;
            } else if p > second {
                second = p;
            }
        }
        let entropy = probabilities.iter().filter(|&&p| p > 0.0).map(|&p| -p * p.ln()).sum();
        self.rank(first, first - second, entropy)
    }

    fn rank(self, confidence: f64, margin: f64, entropy: f64) -> f64 {
        match self {
            Uncertainty::LeastConfidence => 1.0 - confidence,
            Uncertainty::Margin => 1.0 - margin,
            Uncertainty::Entropy => entropy,
        }
    }
}

impl Store {
    /// Stores the predictions of run `run_id` for the selected question, replacing any it
    /// had for the same items.
    pub fn save_predictions(&mut self, run_id: i64, predictions: &[ItemPrediction]) -> Result<u64, StoreError> {
        let question = self.question.clone();
        let tx = self.write_tx()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO predictions
                     (run_id, item_id, question, label, confidence, margin, entropy, probabilities)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for p in predictions {
                let probabilities = serde_json::to_string(&p.probabilities).expect("a map of floats serialises");
                let (label, confidence, margin, entropy) = (&p.label, p.confidence, p.margin, p.entropy);
                stmt.execute(params![run_id, p.item.0, question, label, confidence, margin, entropy, probabilities])?;
            }
        }
        tx.commit()?;
        Ok(predictions.len() as u64)
    }

    /// Returns the active run's prediction for `item` under the selected question, if it
    /// has one.
    pub fn active_prediction(&self, item: ItemId) -> Result<Option<ItemPrediction>, StoreError> {
        let question = self.question.clone();
        self.active_prediction_for(item, &question)
    }

    /// Returns the active run's prediction for `item` under `question`, if it has one.
    pub fn active_prediction_for(&self, item: ItemId, question: &str) -> Result<Option<ItemPrediction>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT p.label, p.confidence, p.margin, p.entropy, p.probabilities
                 FROM predictions p JOIN runs r ON r.id = p.run_id
                 WHERE r.active = 1 AND p.item_id = ?1 AND p.question = ?2",
                params![item.0, question],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, f64>(1)?,
                        r.get::<_, f64>(2)?,
                        r.get::<_, f64>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(label, confidence, margin, entropy, probabilities)| ItemPrediction {
            item,
            label,
            confidence,
            margin,
            entropy,
            // The column is written only by save_predictions, from a map.
            probabilities: serde_json::from_str(&probabilities).unwrap_or_default(),
        }))
    }

    /// Returns every prediction of run `run_id` for the selected question, in item order.
    pub fn predictions_of_run(&self, run_id: i64) -> Result<Vec<ItemPrediction>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT item_id, label, confidence, margin, entropy, probabilities
             FROM predictions WHERE run_id = ?1 AND question = ?2 ORDER BY item_id",
        )?;
        let rows = stmt.query_map(params![run_id, self.question], |r| {
            let probabilities: String = r.get(5)?;
            Ok(ItemPrediction {
                item: ItemId(r.get(0)?),
                label: r.get(1)?,
                confidence: r.get(2)?,
                margin: r.get(3)?,
                entropy: r.get(4)?,
                probabilities: serde_json::from_str(&probabilities).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Returns the id of the active run, if one is active.
    pub fn active_run_id(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.conn.query_row("SELECT id FROM runs WHERE active = 1", [], |r| r.get(0)).optional()?)
    }

    /// Counts the answers given after the active run was created (every answer when no
    /// run is active). Answers that were later undone still count: each one is a label
    /// the annotators spent time on, and the count never goes backwards.
    pub fn answers_since_active_run(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM annotations
             WHERE action = 'answer'
               AND created_at > coalesce((SELECT created_at FROM runs WHERE active = 1), '')",
            [],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Sets every predicted item's priority from run `run_id`, so that the priority order
    /// hands out the most uncertain items first. Returns how many items were ranked.
    pub fn apply_uncertainty_order(&mut self, run_id: i64, rule: Uncertainty) -> Result<u64, StoreError> {
        let ranked: Vec<(ItemId, f64)> =
            self.predictions_of_run(run_id)?.iter().map(|p| (p.item, rule.priority(p))).collect();
        self.set_priorities(ranked)
    }
}

/// Checks whether `every` new answers have come in since the active run was trained, so
/// that the uncertainty order should be refreshed by training and predicting again.
/// An `every` of 0 turns the trigger off.
pub fn due_for_retrain(store: &Store, every: u32) -> Result<bool, StoreError> {
    Ok(every > 0 && store.answers_since_active_run()? >= u64::from(every))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prediction(probabilities: &[(&str, f64)]) -> ItemPrediction {
        let map = probabilities.iter().map(|(l, p)| (l.to_string(), *p)).collect();
        ItemPrediction::from_probabilities(ItemId(1), map).unwrap()
    }

    #[test]
    fn summary_numbers_follow_the_distribution() {
        let p = prediction(&[("a", 0.7), ("b", 0.2), ("c", 0.1)]);
        assert_eq!(p.label, "a");
        assert!((p.confidence - 0.7).abs() < 1e-12);
        assert!((p.margin - 0.5).abs() < 1e-12);
        let expected = -(0.7f64 * 0.7f64.ln() + 0.2 * 0.2f64.ln() + 0.1 * 0.1f64.ln());
        assert!((p.entropy - expected).abs() < 1e-12);
    }

    #[test]
    fn a_flat_distribution_is_more_uncertain_than_a_peaked_one() {
        let flat = prediction(&[("a", 0.5), ("b", 0.5)]);
        let peaked = prediction(&[("a", 0.9), ("b", 0.1)]);
        for rule in [Uncertainty::LeastConfidence, Uncertainty::Margin, Uncertainty::Entropy] {
            assert!(rule.priority(&flat) > rule.priority(&peaked), "{rule:?}");
        }
    }

    #[test]
    fn suggestions_come_from_the_active_run_only() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO imports (id, source_file, imported_at) VALUES (1, 'x.csv', 't');
                 INSERT INTO items (id, key, fields, ord, import_id, source_line) VALUES (1, 'i1', '[]', 0, 1, 2);
                 INSERT INTO runs (id, created_at, backend, model_kind, label_source, data_hash, n_examples,
                                   params, seed, model_path, active)
                     VALUES (1, 't', 'linfa', 'logistic', 'gold', 'h', 1, '{}', 0, 'm1.json', 0),
                            (2, 't', 'linfa', 'logistic', 'gold', 'h', 1, '{}', 0, 'm2.json', 1);",
            )
            .unwrap();
        store.save_predictions(1, &[prediction(&[("a", 0.9), ("b", 0.1)])]).unwrap();
        assert_eq!(store.active_prediction(ItemId(1)).unwrap(), None, "run 1 is not active");

        store.save_predictions(2, &[prediction(&[("a", 0.4), ("b", 0.6)])]).unwrap();
        let active = store.active_prediction(ItemId(1)).unwrap().expect("run 2 is active");
        assert_eq!(active.label, "b");
        assert_eq!(active.probabilities.len(), 2);

        assert_eq!(store.apply_uncertainty_order(2, Uncertainty::Margin).unwrap(), 1);
        let priority: f64 = store.conn.query_row("SELECT priority FROM items WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert!((priority - 0.8).abs() < 1e-12);
    }

    #[test]
    fn an_empty_distribution_has_no_prediction() {
        assert!(ItemPrediction::from_probabilities(ItemId(1), BTreeMap::new()).is_none());
    }
}
