//! Seeded simulated annotators, for the demo, load tests and multi-process tests.
//!
//! A simulated annotator answers the gold label with probability `accuracy`. Its errors
//! are not uniform: half of them go to one favourite label of its own, the way real
//! annotators over-use a catch-all class, and the rest are spread over the other labels.
//! Items without gold get a uniformly random label.

use crate::core::item::Item;
use crate::core::rng::SplitMix64;
use crate::core::task::TaskSpec;
use crate::store::{AnswerOutcome, NewAnswer, Store, StoreError};

/// One simulated annotator with its own random stream.
#[derive(Debug, Clone)]
pub struct SimulatedAnnotator {
    pub name: String,
    pub accuracy: f64,
    favourite: usize,
    rng: SplitMix64,
}

impl SimulatedAnnotator {
    pub fn new(name: &str, accuracy: f64, seed: u64, n_labels: usize) -> Self {
        let mut rng = SplitMix64::new(seed);
        let favourite = rng.below(n_labels.max(1));
        SimulatedAnnotator { name: name.to_string(), accuracy: accuracy.clamp(0.0, 1.0), favourite, rng }
    }

    /// Picks a label index for an item whose gold label index is `gold`.
    pub fn answer(&mut self, gold: Option<usize>, n_labels: usize) -> usize {
        let Some(truth) = gold else {
            return self.rng.below(n_labels);
        };
        if n_labels < 2 || self.rng.uniform() < self.accuracy {
            return truth;
        }
        if self.favourite != truth && self.rng.uniform() < 0.5 {
            return self.favourite;
        }
        // Any label but the truth, uniformly.
        (truth + 1 + self.rng.below(n_labels - 1)) % n_labels
    }

    /// Answers up to `max_answers` items of the project through the store, the way an
    /// annotator process would: lease, answer, commit. Returns how many were recorded.
    pub fn work(&mut self, store: &mut Store, spec: &TaskSpec, max_answers: usize) -> Result<usize, StoreError> {
        self.work_reporting(store, spec, max_answers, |_, _, _| Ok::<(), StoreError>(()))
    }

    /// Like [`SimulatedAnnotator::work`], but calls `on_recorded(item, label, seq)` after
    /// each answer is committed, so a caller can acknowledge only durable answers.
    pub fn work_reporting<E: From<StoreError>>(
        &mut self,
        store: &mut Store,
        spec: &TaskSpec,
        max_answers: usize,
        mut on_recorded: impl FnMut(&Item, &str, i64) -> Result<(), E>,
    ) -> Result<usize, E> {
        let labels = spec.question().label_values();
        let mut recorded = 0;
        while recorded < max_answers {
            let Some(item) = store.next_item(&self.name, spec.redundancy, spec.lease_seconds)? else {
                break;
            };
            let gold = item.gold.as_deref().and_then(|g| labels.iter().position(|l| l == g));
            let choice = self.answer(gold, labels.len());
            let outcome = store.record_answer(item.id, &self.name, &labels[choice], Some(1500), spec.redundancy)?;
            if let AnswerOutcome::Recorded { seq } = outcome {
                self.answer_later_questions(store, spec, &item)?;
                recorded += 1;
                on_recorded(&item, &labels[choice], seq)?;
            }
        }
        Ok(recorded)
    }
}

impl SimulatedAnnotator {
    /// Answers the questions after the first of `item`, which have no gold labels to be
    /// right or wrong about, with uniformly drawn labels, so that the item is finished
    /// and assignment moves on.
    fn answer_later_questions(&mut self, store: &mut Store, spec: &TaskSpec, item: &Item) -> Result<(), StoreError> {
        for question in spec.questions.iter().skip(1) {
            let choice = self.answer(None, question.labels.len());
            let label = &question.labels[choice].value;
            let new =
                NewAnswer { item: item.id, question: &question.id, label, time_spent_ms: Some(1500), suggested: None };
            store.record_question_answer(&self.name, new, spec.redundancy)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accuracy_matches_setting() {
        let mut sim = SimulatedAnnotator::new("sim", 0.8, 7, 10);
        let n = 20_000;
        let correct = (0..n).filter(|i| sim.answer(Some(i % 10), 10) == i % 10).count();
        let observed = correct as f64 / n as f64;
        assert!((observed - 0.8).abs() < 0.02, "observed accuracy {observed}");
    }

    #[test]
    fn same_seed_same_answers() {
        let mut a = SimulatedAnnotator::new("a", 0.7, 3, 5);
        let mut b = SimulatedAnnotator::new("b", 0.7, 3, 5);
        for i in 0..100 {
            assert_eq!(a.answer(Some(i % 5), 5), b.answer(Some(i % 5), 5));
        }
    }
}
