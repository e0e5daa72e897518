//! The work of each job kind, shared by the worker process and the foreground CLI.

use super::files::run_model_relative;
use super::params::{JobParams, LabelChoice};
use super::registry;
use super::report::JobReporter;
use crate::dataset::LabelSource;
use crate::i18n::catalogue::jobs as msg;
use crate::i18n::catalogue::ml as ml_msg;
use crate::i18n::catalogue::mlpolish as mlp_msg;
use crate::ml::tensorboard::{self, Scalar};
use crate::ml::{self, EvalReport, LabelledExample, MlError, TrainedModel};
use crate::project::Project;
use crate::store::{ItemPrediction, NewRun, Store, Uncertainty};
use anyhow::{Context, Result, bail};
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Items scored per batch, between progress reports and cancel checks.
const PREDICT_BATCH: usize = 256;

/// The output of a finished job.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The result stored in `jobs.result`.
    pub result: serde_json::Value,
    /// The cross-validation report, for evaluations and `train --with-eval`.
    pub report: Option<EvalReport>,
}

/// The ending of a job that did not finish.
#[derive(Debug)]
pub enum Stopped {
    Cancelled,
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Stopped {
    fn from(err: anyhow::Error) -> Self {
        if matches!(err.downcast_ref::<MlError>(), Some(MlError::Cancelled)) {
            Stopped::Cancelled
        } else {
            Stopped::Failed(err)
        }
    }
}

impl From<MlError> for Stopped {
    fn from(err: MlError) -> Self {
        Stopped::from(anyhow::Error::from(err))
    }
}

fn check_cancel(cancel: &AtomicBool) -> Result<(), Stopped> {
    if cancel.load(Ordering::Relaxed) { Err(Stopped::Cancelled) } else { Ok(()) }
}

/// Runs the job described by `params`, reporting through `reporter` and stopping at
/// the next check after `cancel` is set.
pub fn execute(
    project: &Project,
    params: &JobParams,
    reporter: &JobReporter<'_>,
    cancel: &AtomicBool,
) -> Result<Finished, Stopped> {
    check_cancel(cancel)?;
    match params {
        JobParams::Train { labels_from, with_eval, soft_labels } => {
            train(project, *labels_from, *with_eval, *soft_labels, reporter, cancel)
        }
        JobParams::Evaluate { labels_from, folds, soft_labels } => {
            evaluate(project, *labels_from, *folds, *soft_labels, reporter, cancel)
        }
        JobParams::Predict { run, all, out, apply_order } => {
            predict(project, *run, *all, out.as_deref(), *apply_order, reporter, cancel)
        }
        JobParams::Retrain { labels_from } => retrain(project, *labels_from, reporter, cancel),
        JobParams::Import { file, format, delimiter, encoding } => {
            import(project, file, format.as_deref(), *delimiter, encoding.clone(), reporter)
        }
    }
}

/// Checks a fold count against the range `quorum eval` accepts.
pub fn check_folds(folds: u32) -> Result<usize> {
    if !(2..=50).contains(&folds) {
        bail!(crate::i18n::catalogue::cli::EVAL_BAD_FOLDS.fmt(&[("value", &folds)]));
    }
    Ok(folds as usize)
}

/// The label source recorded for training on the Dawid–Skene posterior.
pub const SOFT_LABEL_SOURCE: &str = "dawid-skene (soft)";

/// Learning-curve points an evaluation computes, at 10%, 20%, ... of the labelled pool.
const CURVE_POINTS: usize = 10;
/// Labels of the largest curve point, so that the curve costs about as much as a few
/// folds of the evaluation on big projects.
const CURVE_MAX_LABELS: usize = 5_000;

/// The training data of a job.
struct Loaded {
    examples: Vec<LabelledExample>,
    /// A label distribution per example when training on soft labels.
    targets: Option<Vec<BTreeMap<String, f64>>>,
    /// The name recorded in the job result and the run registry.
    source_name: String,
}

/// Loads the examples: the Dawid–Skene posterior with `soft`, else the labels of
/// `labels_from`.
fn load(project: &Project, labels_from: LabelChoice, soft: bool, reporter: &JobReporter<'_>) -> Result<Loaded> {
    reporter.progress(0.0, ml_msg::ML_STAGE_LOADING.text());
    let loaded = if soft {
        let (examples, targets) = project.load_soft_examples()?;
        Loaded { examples, targets: Some(targets), source_name: SOFT_LABEL_SOURCE.to_string() }
    } else {
        let (examples, source) = project.load_examples(labels_from.into())?;
        let source_name = label_source_name(source, &examples, reporter)?;
        Loaded { examples, targets: None, source_name }
    };
    let fields: [(&str, &dyn std::fmt::Display); 2] = [("n", &loaded.examples.len()), ("source", &loaded.source_name)];
    reporter.log(&msg::JOB_LOG_LOADED.fmt(&fields));
    Ok(loaded)
}

/// Returns the settings JSON of the snapshot hash. Soft-label training is marked, so its
/// runs never share a hash with hard-label runs on the same most probable labels.
fn snapshot_settings(settings: &crate::core::task::ModelSettings, soft: bool) -> serde_json::Value {
    let mut params = registry::settings_json(settings);
    if soft {
        params["soft_labels"] = json!(true);
    }
    params
}

fn train(
    project: &Project,
    labels_from: LabelChoice,
    with_eval: bool,
    soft_labels: bool,
    reporter: &JobReporter<'_>,
    cancel: &AtomicBool,
) -> Result<Finished, Stopped> {
    let settings = &project.spec.model;
    let soft = soft_labels || settings.soft_labels;
    let Loaded { examples, targets, source_name: label_source, .. } = load(project, labels_from, soft, reporter)?;
    let params = snapshot_settings(settings, soft);
    let data_hash = registry::snapshot_hash(&examples, &params);

    // With an evaluation, it takes the first 60% of the bar and training the rest.
    let eval_share = if with_eval { 0.6 } else { 0.0 };
    let report = if with_eval {
        let folds = check_folds(settings.folds)?;
        let scaled = |f: f64, stage: &str| reporter.progress(eval_share * f, stage);
        Some(cross_validate(&examples, targets.as_deref(), settings, folds, &scaled, cancel)?)
    } else {
        None
    };
    check_cancel(cancel)?;

    let scaled = |f: f64, stage: &str| reporter.progress(eval_share + (1.0 - eval_share) * f, stage);
    let model = match &targets {
        Some(targets) => ml::train_soft(&examples, targets, settings, &scaled, cancel)?,
        None if super::heads::trains_every_question(project, soft) => {
            super::heads::train_every_question(project, labels_from, &scaled, cancel)?
        }
        None => ml::train(&examples, settings, &scaled, cancel)?,
    };
    check_cancel(cancel)?;
    reporter.progress(1.0, ml_msg::ML_STAGE_SAVING.text());

    // Metrics come from this job's evaluation, else from an earlier evaluation of the
    // same snapshot.
    let earlier = match &report {
        Some(_) => None,
        None => reporter.with_store(|store| store.evaluation_of_snapshot(&data_hash)).map_err(anyhow::Error::from)?,
    };
    let metrics = match (&report, &earlier) {
        (Some(report), _) => Some(registry::metrics_json(report)),
        (None, Some(result)) => {
            let mut copied = json!({
                "folds": result["folds"],
                "n_examples": result["n_examples"],
                "accuracy": result["accuracy"],
                "macro_f1": result["macro_f1"],
                "evaluation_job": result["job_id"],
            });
            for key in ["soft_log_loss", "soft_expected_accuracy"] {
                if !result[key].is_null() {
                    copied[key] = result[key].clone();
                }
            }
            Some(copied)
        }
        (None, None) => None,
    };
    let (backend, model_kind) = model.registry_names();
    let run = NewRun {
        job_id: Some(reporter.job_id()),
        backend: backend.to_string(),
        model_kind,
        label_source: label_source.clone(),
        data_hash: data_hash.clone(),
        n_examples: examples.len() as u64,
        params,
        seed: settings.seed,
        metrics: metrics.clone(),
    };
    let earlier_report: Option<EvalReport> =
        earlier.as_ref().and_then(|result| serde_json::from_value(result["report"].clone()).ok());
    let (run_id, active) = register_run(project, reporter, &run, &model, report.as_ref().or(earlier_report.as_ref()))?;

    let summary = model.summary();
    let result = json!({
        "run_id": run_id,
        "active": active,
        "labels_from": label_source,
        "n_examples": summary.n_examples,
        "n_features": summary.n_features,
        "labels": summary.labels,
        "train_accuracy": summary.train_accuracy,
        "seconds": summary.seconds,
        "model_path": run_model_relative(run_id),
        "data_hash": data_hash,
        "metrics": metrics,
    });
    reporter.log(&msg::JOB_LOG_RUN_REGISTERED.fmt(&[("run", &run_id), ("path", &run_model_relative(run_id))]));
    Ok(Finished { result, report })
}

/// Names where the labels came from: `gold`, an aggregation method such as `majority`
/// or `dawid-skene`, or that name with `+adjudicated` when a reviewer's adjudicated label
/// replaced the inferred one on at least one example.
fn label_source_name(source: LabelSource, examples: &[LabelledExample], reporter: &JobReporter<'_>) -> Result<String> {
    if !source.is_inferred() {
        return Ok(source.name().to_string());
    }
    let adjudicated = reporter.with_store(|store| store.adjudicated_labels())?;
    let any = examples.iter().any(|example| adjudicated.contains_key(&example.key));
    Ok(if any { format!("{}+adjudicated", source.name()) } else { source.name().to_string() })
}

/// Inserts the run, writes its model and metrics files, then activates it; a run whose
/// files could not be written is removed again. Returns the run id and whether it is active.
fn register_run(
    project: &Project,
    reporter: &JobReporter<'_>,
    run: &NewRun,
    model: &TrainedModel,
    report: Option<&EvalReport>,
) -> Result<(i64, bool)> {
    let run_id = reporter.with_store(|store| store.insert_run(run, &run_model_relative))?;
    let written = write_run_files(project, run_id, model, report);
    if let Err(err) = written {
        if let Err(cleanup) = reporter.with_store(|store| store.delete_run(run_id)) {
            tracing::error!(run = run_id, error = %cleanup, "could not remove the run whose files failed");
        }
        return Err(err);
    }
    let mut scalars = vec![Scalar::new("train/accuracy", run.n_examples as i64, model.summary().train_accuracy)];
    if let Some(report) = report {
        scalars.extend(tensorboard::report_scalars(report, report.n_examples as i64));
    }
    write_run_events(project, reporter, run_id, &scalars);
    let active = reporter.with_store(|store| store.activate_new_run(run_id))?;

    // `models/latest.json` keeps pointing at the active model for scripts that read it.
    if active {
        let latest = project.model_path();
        let copied = std::fs::create_dir_all(project.model_dir())
            .and_then(|()| std::fs::copy(project.root.join(run_model_relative(run_id)), &latest));
        if let Err(err) = copied {
            reporter.log(&msg::JOB_LOG_LATEST_FAILED.fmt(&[("path", &latest.display()), ("error", &err)]));
        }
    }
    Ok((run_id, active))
}

/// Appends `scalars` to run `run_id`'s TensorBoard event file. A failure goes to the job
/// log and does not fail the job, because the run's model and metrics files are written.
fn write_run_events(project: &Project, reporter: &JobReporter<'_>, run_id: i64, scalars: &[Scalar]) {
    let dir = project.run_dir(run_id);
    if let Err(err) = tensorboard::append_scalars(&dir, scalars) {
        tracing::warn!(run = run_id, error = %err, "could not write the TensorBoard event file");
        reporter.log(&mlp_msg::MLP_LOG_EVENTS_FAILED.fmt(&[("dir", &dir.display()), ("error", &err)]));
    }
}

fn write_run_files(project: &Project, run_id: i64, model: &TrainedModel, report: Option<&EvalReport>) -> Result<()> {
    let dir = project.run_dir(run_id);
    std::fs::create_dir_all(&dir)
        .with_context(|| crate::i18n::catalogue::files::FILE_CANNOT_CREATE.fmt(&[("path", &dir.display())]))?;
    model.save(&project.root.join(run_model_relative(run_id)))?;
    if let Some(report) = report {
        registry::write_metrics_files(&dir, report)?;
    }
    Ok(())
}

/// Cross-validates on the examples' labels, and with soft-label `targets` also scores
/// the folds against those distributions.
fn cross_validate(
    examples: &[LabelledExample],
    targets: Option<&[BTreeMap<String, f64>]>,
    settings: &crate::core::task::ModelSettings,
    folds: usize,
    progress: &dyn Fn(f64, &str),
    cancel: &AtomicBool,
) -> Result<EvalReport, MlError> {
    match targets {
        Some(targets) => ml::evaluate_soft(examples, targets, settings, folds, progress, cancel),
        None => ml::evaluate(examples, settings, folds, progress, cancel),
    }
}

// NOTE: with soft labels each fold's model is trained on the most probable label of
// each item, because `ml::evaluate_soft` has no soft-label training. Accuracy and F1
// score those labels, and the report's soft scores compare with the distributions.
fn evaluate(
    project: &Project,
    labels_from: LabelChoice,
    folds: Option<u32>,
    soft_labels: bool,
    reporter: &JobReporter<'_>,
    cancel: &AtomicBool,
) -> Result<Finished, Stopped> {
    let settings = &project.spec.model;
    let folds = check_folds(folds.unwrap_or(settings.folds))?;
    let soft = soft_labels || settings.soft_labels;
    let Loaded { examples, targets, source_name } = load(project, labels_from, soft, reporter)?;
    let data_hash = registry::snapshot_hash(&examples, &snapshot_settings(settings, soft));

    // The folds take most of the bar and the learning curve the rest.
    reporter.set_span(0.0, 0.8);
    let progress = |f: f64, stage: &str| reporter.progress(f, stage);
    let report = cross_validate(&examples, targets.as_deref(), settings, folds, &progress, cancel)?;
    check_cancel(cancel)?;
    reporter.set_span(0.8, 1.0);
    reporter.progress(0.0, msg::JOB_STAGE_CURVE.text());
    let curve = curve_of(&examples, settings, reporter, cancel)?;
    reporter.set_span(0.0, 1.0);

    // Runs trained on this snapshot before any evaluation get these metrics now.
    let metrics = registry::metrics_json(&report);
    let mut metrics_with_job = metrics.clone();
    metrics_with_job["evaluation_job"] = json!(reporter.job_id());
    let filled = reporter.with_store(|store| store.fill_run_metrics(&data_hash, &metrics_with_job));
    let mut scalars = tensorboard::report_scalars(&report, report.n_examples as i64);
    scalars.extend(curve.as_ref().map(tensorboard::curve_scalars).unwrap_or_default());
    for run_id in filled.map_err(anyhow::Error::from)? {
        registry::write_metrics_files(&project.run_dir(run_id), &report)?;
        write_run_events(project, reporter, run_id, &scalars);
    }

    let mut result = metrics;
    result["job_id"] = json!(reporter.job_id());
    result["labels_from"] = json!(source_name);
    result["data_hash"] = json!(data_hash);
    result["report"] = report.to_json();
    result["learning_curve"] = curve.map_or(serde_json::Value::Null, |curve| json!(curve));
    Ok(Finished { result, report: Some(report) })
}

/// Held-out scores after training on 10%, 20%, ..., 100% of the labelled pool (at most
/// [`CURVE_MAX_LABELS`]). A project too small for a curve gets none and a log line,
/// and the evaluation still succeeds. A cancel request stops the curve within one fit
/// and ends the job cancelled.
fn curve_of(
    examples: &[LabelledExample],
    settings: &crate::core::task::ModelSettings,
    reporter: &JobReporter<'_>,
    cancel: &AtomicBool,
) -> Result<Option<ml::LearningCurve>, Stopped> {
    let sizes_for = |pool: usize| -> Vec<usize> {
        let top = pool.min(CURVE_MAX_LABELS);
        let mut sizes: Vec<usize> =
            (1..=CURVE_POINTS).map(|step| top * step / CURVE_POINTS).filter(|&n| n >= 2).collect();
        sizes.dedup();
        sizes
    };
    // The pool is the examples outside the held-out split, whose size the curve
    // reports when the first guess does not fit it.
    let mut sizes = sizes_for(examples.len() - examples.len() / 4);
    if sizes.is_empty() {
        return Ok(None);
    }
    let stage = msg::JOB_STAGE_CURVE.text();
    let progress = |fraction: f64| reporter.progress(fraction, stage);
    for _ in 0..2 {
        match ml::learning_curve(examples, settings, &sizes, settings.seed, &progress, cancel) {
            Ok(curve) => return Ok(Some(curve)),
            Err(MlError::Cancelled) => return Err(Stopped::Cancelled),
            Err(MlError::InvalidCurveSize { n, .. }) if !sizes_for(n).is_empty() => sizes = sizes_for(n),
            Err(err) => {
                reporter.log(&msg::JOB_LOG_NO_CURVE.fmt(&[("reason", &err)]));
                return Ok(None);
            }
        }
    }
    Ok(None)
}

fn predict(
    project: &Project,
    run_id: Option<i64>,
    all: bool,
    out: Option<&Path>,
    apply_order: bool,
    reporter: &JobReporter<'_>,
    cancel: &AtomicBool,
) -> Result<Finished, Stopped> {
    let run = reporter.with_store(|store| match run_id {
        Some(id) => store.run(id),
        None => store.active_run(),
    });
    let run = match (run.map_err(anyhow::Error::from)?, run_id) {
        (Some(run), _) => run,
        (None, Some(id)) => return Err(Stopped::Failed(anyhow::anyhow!(msg::JOB_RUN_NOT_FOUND.fmt(&[("run", &id)])))),
        (None, None) => return Err(Stopped::Failed(anyhow::anyhow!(msg::JOB_NO_ACTIVE_RUN.text()))),
    };
    let model = TrainedModel::load(&project.root.join(&run.model_path))?;
    let labels = model.summary().labels.clone();

    reporter.progress(0.0, msg::JOB_STAGE_READING_ITEMS.text());
    let items = reporter.with_store(|store| unscored_items(store, all)).map_err(anyhow::Error::from)?;
    reporter.log(&msg::JOB_LOG_SCORING.fmt(&[("n", &items.len()), ("run", &run.id)]));

    let mut predictions = Vec::with_capacity(items.len());
    let stage = msg::JOB_STAGE_SCORING.text();
    for (done, batch) in items.chunks(PREDICT_BATCH).enumerate() {
        check_cancel(cancel)?;
        reporter.progress((done * PREDICT_BATCH) as f64 / items.len().max(1) as f64 * 0.9, stage);
        let examples: Vec<LabelledExample> = batch.iter().map(|item| project.example(item, "")).collect();
        for (item, scored) in batch.iter().zip(model.predict(&examples)) {
            let distribution: BTreeMap<String, f64> = labels.iter().cloned().zip(scored.probabilities).collect();
            predictions.extend(ItemPrediction::from_probabilities(item.id, distribution));
        }
    }
    check_cancel(cancel)?;

    reporter.progress(0.9, msg::JOB_STAGE_SAVING_PREDICTIONS.text());
    reporter.with_store(|store| store.save_predictions(run.id, &predictions)).map_err(anyhow::Error::from)?;
    super::heads::predict_other_questions(project, &model, run.id, &items, reporter)?;
    if let Some(out) = out {
        write_predictions_csv(project, out, &items, &predictions)?;
    }
    let mut result = json!({
        "run_id": run.id,
        "n_items": predictions.len(),
        "all": all,
        "out": out.map(|p| p.display().to_string()),
    });
    if apply_order {
        let (rule, ranked) = apply_uncertainty_order(project, run.id, reporter)?;
        result["uncertainty"] = json!(rule.name());
        result["ranked"] = json!(ranked);
    }
    Ok(Finished { result, report: None })
}

/// Sets the item priorities from run `run_id`'s predictions with the task's uncertainty
/// rule (margin when the task names none). Returns the rule and the items ranked.
fn apply_uncertainty_order(
    project: &Project,
    run_id: i64,
    reporter: &JobReporter<'_>,
) -> Result<(Uncertainty, u64), Stopped> {
    let rule = project.spec.uncertainty.unwrap_or(Uncertainty::Margin);
    reporter.progress(0.95, msg::JOB_STAGE_ORDERING.text());
    let ranked =
        reporter.with_store(|store| store.apply_uncertainty_order(run_id, rule)).map_err(anyhow::Error::from)?;
    reporter.log(&msg::JOB_LOG_ORDERED.fmt(&[("n", &ranked), ("rule", &rule.name()), ("run", &run_id)]));
    Ok((rule, ranked))
}

/// Trains a run, scores the unlabelled items with it and applies the uncertainty order,
/// as one job so that the whole refresh finishes even when the TUI that started it closes.
fn retrain(
    project: &Project,
    labels_from: LabelChoice,
    reporter: &JobReporter<'_>,
    cancel: &AtomicBool,
) -> Result<Finished, Stopped> {
    reporter.set_span(0.0, 0.7);
    let trained = train(project, labels_from, false, false, reporter, cancel)?;
    let run_id = trained.result["run_id"].as_i64().unwrap_or_default();
    check_cancel(cancel)?;

    reporter.set_span(0.7, 1.0);
    let predicted = predict(project, Some(run_id), false, None, true, reporter, cancel)?;
    reporter.set_span(0.0, 1.0);
    let result = json!({
        "run_id": run_id,
        "active": trained.result["active"],
        "labels_from": trained.result["labels_from"],
        "n_examples": trained.result["n_examples"],
        "train_accuracy": trained.result["train_accuracy"],
        "n_items": predicted.result["n_items"],
        "uncertainty": predicted.result["uncertainty"],
        "ranked": predicted.result["ranked"],
    });
    Ok(Finished { result, report: None })
}

/// The items to score: every item with `all`, else those with neither an annotator's
/// answer nor an adjudicated label.
fn unscored_items(store: &Store, all: bool) -> Result<Vec<crate::core::item::Item>, crate::store::StoreError> {
    let mut labelled: HashSet<String> = HashSet::new();
    if !all {
        store.for_each_current_answer(|item, _, _| {
            labelled.insert(item.to_string());
            Ok::<(), crate::store::StoreError>(())
        })?;
        labelled.extend(store.adjudicated_labels()?.into_keys());
    }
    let mut items = Vec::new();
    store.for_each_item(|item| {
        if !labelled.contains(&item.key) {
            items.push(item);
        }
        Ok(())
    })?;
    Ok(items)
}

fn write_predictions_csv(
    project: &Project,
    out: &Path,
    items: &[crate::core::item::Item],
    predictions: &[ItemPrediction],
) -> Result<()> {
    // The CLI stores an absolute path; a relative one is taken from the project directory.
    let path = if out.is_absolute() { out.to_path_buf() } else { project.root.join(out) };
    let cannot_write = || crate::i18n::catalogue::files::FILE_CANNOT_WRITE.fmt(&[("path", &path.display())]);
    let keys: std::collections::HashMap<_, _> = items.iter().map(|item| (item.id, item.key.as_str())).collect();
    let mut writer = csv::Writer::from_path(&path).with_context(cannot_write)?;
    writer.write_record(["item", "label", "confidence", "margin", "entropy"]).with_context(cannot_write)?;
    for p in predictions {
        let key = keys.get(&p.item).copied().unwrap_or_default();
        writer
            .write_record([key, &p.label, &p.confidence.to_string(), &p.margin.to_string(), &p.entropy.to_string()])
            .with_context(cannot_write)?;
    }
    writer.flush().with_context(cannot_write)?;
    Ok(())
}

// NOTE: an import runs in one transaction and checks the cancel flag only before it
// starts; cancelling a running import waits for it to commit.
fn import(
    project: &Project,
    file: &Path,
    format: Option<&str>,
    delimiter: Option<char>,
    encoding: Option<String>,
    reporter: &JobReporter<'_>,
) -> Result<Finished, Stopped> {
    use crate::import::{Format, ImportOptions};
    let format = match format {
        None => None,
        Some("csv") => Some(Format::Csv),
        Some("tsv") => Some(Format::Tsv),
        Some("jsonl") => Some(Format::Jsonl),
        Some(other) => return Err(Stopped::Failed(anyhow::anyhow!(msg::JOB_BAD_FORMAT.fmt(&[("value", &other)])))),
    };
    let delimiter = match delimiter {
        Some(c) if c.is_ascii() => Some(c as u8),
        Some(c) => {
            return Err(Stopped::Failed(anyhow::anyhow!(
                crate::i18n::catalogue::cli::CLI_BAD_DELIMITER.fmt(&[("value", &c)])
            )));
        }
        None => None,
    };
    let options = ImportOptions { format, delimiter, encoding };
    reporter.progress(0.0, msg::JOB_STAGE_IMPORTING.text());
    let summary = crate::cli::import::import_into_store(project, file, &options)?;
    for warning in &summary.warnings {
        reporter.log(&warning.to_string());
    }
    let result = json!({ "n_items": summary.n_items, "file": file.display().to_string() });
    Ok(Finished { result, report: None })
}
