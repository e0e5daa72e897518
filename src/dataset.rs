//! Training data: the project's items joined with their labels, as model examples.
//!
//! Labels come from the gold column or from majority vote over the annotators' current
//! answers, where an adjudicated label replaces the vote. Examples carry only the columns named in `fields.train`, so that a column
//! that gives the answer away (the Song poets' life dates in an author line, say) can be
//! shown to annotators but kept from the model.

use crate::core::agreement::Ratings;
use crate::core::aggregation::{TieRule, majority_vote};
use crate::core::item::Item;
use crate::ml::LabelledExample;
use crate::project::Project;
use crate::store::{Store, StoreError};
use anyhow::{Result, bail};
use std::collections::HashMap;

/// Where training labels come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSource {
    /// Majority vote when any item has answers, else the gold column.
    Auto,
    Gold,
    Majority,
}

impl LabelSource {
    pub fn name(self) -> &'static str {
        match self {
            LabelSource::Auto => "auto",
            LabelSource::Gold => "gold",
            LabelSource::Majority => "majority",
        }
    }
}

/// A closure that loads the training examples, to run on a job's own thread.
pub type ExamplesLoader = Box<dyn FnOnce() -> Result<Vec<LabelledExample>> + Send>;

impl Project {
    /// Reads every current answer into [`Ratings`], with the task's labels declared in order.
    pub fn ratings(&self, store: &Store) -> Result<Ratings> {
        let mut builder = Ratings::builder();
        builder.declare_labels(&self.spec.question.label_values());
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
        let labels: HashMap<String, String> = match resolved {
            LabelSource::Majority => {
                let result = majority_vote(&self.ratings(&store)?, TieRule::SmallestLabel);
                let mut labels: HashMap<String, String> =
                    result.items.into_iter().map(|inferred| (inferred.item, inferred.label)).collect();
                // A reviewer's adjudicated label overrides the vote.
                labels.extend(store.adjudicated_labels()?);
                labels
            }
            _ => store.gold_labels()?,
        };
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
