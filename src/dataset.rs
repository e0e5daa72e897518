//! Training data: the project's items joined with their labels, as model examples.
//!
//! Labels come from the gold column or from an aggregation method (majority vote,
//! Dawid–Skene and the others of [`crate::core::aggregation`]) over the annotators'
//! current answers, where an adjudicated label replaces the inferred one. Examples carry only the columns named in `fields.train`, so that a column
//! that gives the answer away (the Song poets' life dates in an author line, say) can be
//! shown to annotators but kept from the model.

use crate::core::aggregation::{
    self, AggregateOptions, DawidSkeneOptions, Method, TieRule, dawid_skene, majority_vote,
};
use crate::core::agreement::Ratings;
use crate::core::item::Item;
use crate::ml::LabelledExample;
use crate::ml::torch::QuestionTargets;
use crate::project::Project;
use crate::store::{Store, StoreError};
use anyhow::{Result, bail};
use std::collections::{BTreeMap, HashMap};

/// Where training labels come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSource {
    /// Majority vote when any item has answers, else the gold column.
    Auto,
    Gold,
    Majority,
    /// The labels an aggregation method infers from the answers.
    Aggregated(Method),
}

impl LabelSource {
    pub fn name(self) -> &'static str {
        match self {
            LabelSource::Auto => "auto",
            LabelSource::Gold => "gold",
            LabelSource::Majority => "majority",
            LabelSource::Aggregated(method) => method.name(),
        }
    }

    /// True when the labels come from the annotators' answers, so an adjudicated label
    /// replaces the inferred one.
    pub fn is_inferred(self) -> bool {
        matches!(self, LabelSource::Majority | LabelSource::Aggregated(_))
    }
}

/// Examples with a label distribution each, from [`Project::load_soft_examples`].
pub type SoftExamples = (Vec<LabelledExample>, Vec<BTreeMap<String, f64>>);

/// A closure that loads the training examples, to run on a job's own thread.
pub type ExamplesLoader = Box<dyn FnOnce() -> Result<Vec<LabelledExample>> + Send>;

impl Project {
    /// Reads every current answer to the store's selected question into [`Ratings`], with
    /// that question's labels declared in order.
    pub fn ratings(&self, store: &Store) -> Result<Ratings> {
        let question = self.spec.find_question(Some(store.question())).map_err(anyhow::Error::msg)?;
        let mut builder = Ratings::builder();
        builder.declare_labels(&question.label_values());
        store.for_each_current_answer(|item, annotator, label| {
            builder.add(item, annotator, label);
            Ok::<(), StoreError>(())
        })?;
        Ok(builder.build())
    }

    /// Loads the labelled examples and says which source `Auto` resolved to.
    pub fn load_examples(&self, source: LabelSource) -> Result<(Vec<LabelledExample>, LabelSource)> {
        let store = self.store()?;
        let resolved = match source {
            LabelSource::Auto if store.counts()?.n_annotations > 0 => LabelSource::Majority,
            LabelSource::Auto => LabelSource::Gold,
            other => other,
        };
        let labels = self.labels_by_item(&store, resolved)?;
        if labels.is_empty() {
            bail!(crate::i18n::catalogue::cli::NO_LABELS.fmt(&[("source", &resolved.name())]));
        }

        let mut examples = Vec::with_capacity(labels.len());
        store.for_each_item(|item| {
            if let Some(label) = labels.get(&item.key) {
                examples.push(self.example(&item, label));
            }
            Ok::<(), StoreError>(())
        })?;
        Ok((examples, resolved))
    }

    /// Loads the examples of a network with one head per question: every item labelled
    /// for at least one question, with each question's labels from `source`. An example's
    /// own label is that of the selected question, empty where it has none. The selected
    /// question comes first in the returned targets, then the others in task order. A
    /// question without labels yet still gets its head, with every target missing.
    pub fn load_question_targets(&self, source: LabelSource) -> Result<(Vec<LabelledExample>, Vec<QuestionTargets>)> {
        let (_, resolved) = self.load_examples(source)?;
        let mut order: Vec<&crate::core::task::Question> = vec![self.question()];
        order.extend(self.spec.questions.iter().filter(|q| q.id != self.question().id));

        let mut labels: Vec<HashMap<String, String>> = Vec::with_capacity(order.len());
        for question in &order {
            let mut project = self.clone();
            project.select_question(Some(&question.id))?;
            labels.push(project.labels_by_item(&project.store()?, resolved)?);
        }

        let store = self.store()?;
        let mut examples = Vec::new();
        let mut targets: Vec<Vec<Option<String>>> = vec![Vec::new(); order.len()];
        store.for_each_item(|item| {
            if labels.iter().any(|by_item| by_item.contains_key(&item.key)) {
                let own = labels[0].get(&item.key).map_or("", String::as_str);
                examples.push(self.example(&item, own));
                for (column, by_item) in targets.iter_mut().zip(&labels) {
                    column.push(by_item.get(&item.key).cloned());
                }
            }
            Ok::<(), StoreError>(())
        })?;
        let questions = order
            .iter()
            .zip(targets)
            .map(|(question, targets)| QuestionTargets {
                question: question.id.clone(),
                labels: question.label_values(),
                targets,
            })
            .collect();
        Ok((examples, questions))
    }

    /// Returns the label of every item labelled for the store's selected question by
    /// `source` (never `Auto`), keyed by item id; empty when there are none.
    fn labels_by_item(&self, store: &Store, resolved: LabelSource) -> Result<HashMap<String, String>> {
        let inferred = match resolved {
            LabelSource::Majority => Some(majority_vote(&self.ratings(store)?, TieRule::SmallestLabel)),
            LabelSource::Aggregated(method) => {
                // The gold-weighted vote is the one method that reads gold labels.
                let gold = if method == Method::GoldWeighted { store.gold_labels()? } else { HashMap::new() };
                let options = AggregateOptions { gold, ..AggregateOptions::default() };
                Some(aggregation::aggregate(method, &self.ratings(store)?, &options)?)
            }
            _ => None,
        };
        let labels: HashMap<String, String> = match inferred {
            Some(result) => {
                let mut labels: HashMap<String, String> =
                    result.items.into_iter().map(|inferred| (inferred.item.into(), inferred.label.into())).collect();
                // A reviewer's adjudicated label overrides the inferred one.
                labels.extend(store.adjudicated_labels()?);
                labels
            }
            None => store.gold_labels()?,
        };
        Ok(labels)
    }

    /// Loads the items with answers as examples with a label distribution each: the
    /// Dawid–Skene posterior over the annotators' current answers, for training with
    /// `model.soft_labels`. An adjudicated item gets its final label with probability 1.
    /// The example's label is the most probable one.
    pub fn load_soft_examples(&self) -> Result<SoftExamples> {
        let store = self.store()?;
        let ratings = self.ratings(&store)?;
        let result = dawid_skene(&ratings, &DawidSkeneOptions::default())?;
        let mut targets: HashMap<String, (String, BTreeMap<String, f64>)> = result
            .items
            .iter()
            .enumerate()
            .map(|(index, inferred)| {
                let posterior = result.labels.iter().cloned().zip(result.posterior(index).iter().copied()).collect();
                (inferred.item.to_string(), (inferred.label.to_string(), posterior))
            })
            .collect();
        for (item, label) in store.adjudicated_labels()? {
            let certain = BTreeMap::from([(label.clone(), 1.0)]);
            targets.insert(item, (label, certain));
        }
        if targets.is_empty() {
            bail!(crate::i18n::catalogue::cli::NO_LABELS.fmt(&[("source", &"dawid-skene")]));
        }

        let mut examples = Vec::with_capacity(targets.len());
        let mut distributions = Vec::with_capacity(targets.len());
        store.for_each_item(|item| {
            if let Some((label, distribution)) = targets.remove(&item.key) {
                examples.push(self.example(&item, &label));
                distributions.push(distribution);
            }
            Ok::<(), StoreError>(())
        })?;
        Ok((examples, distributions))
    }

    /// A loader for background jobs: it opens its own store connection when run.
    pub fn examples_loader(&self) -> ExamplesLoader {
        let project = self.clone();
        Box::new(move || Ok(project.load_examples(LabelSource::Auto)?.0))
    }

    pub(crate) fn example(&self, item: &Item, label: &str) -> LabelledExample {
        let text = self
            .spec
            .fields
            .train
            .iter()
            .filter_map(|column| item.fields.iter().find(|(name, _)| name == column).map(|(_, value)| value.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        LabelledExample {
            key: item.key.clone(),
            text,
            image: item.image.as_ref().map(|relative| self.root.join(relative)),
            label: label.to_string(),
        }
    }
}
