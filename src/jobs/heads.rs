//! The parts of training and prediction jobs that serve a torch network with one output
//! head per question of the task.

use super::params::LabelChoice;
use super::report::JobReporter;
use crate::core::item::Item;
use crate::core::task::Backend;
use crate::ml::{self, TrainedModel};
use crate::project::Project;
use crate::store::ItemPrediction;
use anyhow::Result;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

/// Returns whether a hard-label training job trains one network over every question,
/// which the torch backend does on a task with several questions.
pub fn trains_every_question(project: &Project, soft: bool) -> bool {
    project.spec.model.backend == Backend::Torch && project.spec.has_several_questions() && !soft
}

/// Trains one torch network with a head per question, the selected question's head first,
/// on every item labelled for at least one question.
pub fn train_every_question(
    project: &Project,
    labels_from: LabelChoice,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<TrainedModel> {
    let (examples, questions) = project.load_question_targets(labels_from.into())?;
    // A cancellation stays an `MlError` inside the `anyhow::Error`, where the job finds it.
    Ok(ml::train::train_multitask(&examples, &questions, &project.spec.model, progress, cancel)?)
}

/// Scores `items` for every question other than the selected one that `model` has a head
/// for, and stores those predictions under their questions for run `run_id`. Returns how
/// many predictions were stored; 0 for a model with a single head.
pub fn predict_other_questions(
    project: &Project,
    model: &TrainedModel,
    run_id: i64,
    items: &[Item],
    reporter: &JobReporter<'_>,
) -> Result<u64> {
    let examples: Vec<_> = items.iter().map(|item| project.example(item, "")).collect();
    let mut stored = 0;
    for question in project.spec.questions.iter().filter(|q| q.id != project.question().id) {
        let Some(scored) = model.predict_question(&examples, &question.id) else { continue };
        let predictions: Vec<ItemPrediction> = items
            .iter()
            .zip(scored)
            .filter_map(|(item, prediction)| {
                let labels = question.label_values();
                let distribution: BTreeMap<String, f64> = labels.into_iter().zip(prediction.probabilities).collect();
                ItemPrediction::from_probabilities(item.id, distribution)
            })
            .collect();
        stored += reporter.with_store(|store| {
            let selected = store.question().to_string();
            store.select_question(&question.id);
            let saved = store.save_predictions(run_id, &predictions);
            store.select_question(&selected);
            saved
        })?;
    }
    Ok(stored)
}
