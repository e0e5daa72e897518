//! `quorum train` and `quorum eval`: model jobs in the foreground with a progress bar,
//! or detached with `--detach`. Either way the job is recorded in the store.

use super::output::outln;
use super::output::{print_json, print_rows};
use super::question_arg::QuestionArg;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::jobs as job_msg;
use crate::i18n::catalogue::ml as ml_msg;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::review as review_msg;
use crate::jobs::execute::check_folds;
use crate::jobs::launch::{launch, run_foreground, worker_program};
use crate::jobs::params::{JobParams, LabelChoice};
use crate::project::{Project, login_name};
use anyhow::Result;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Which labels to train on.
    #[arg(long, value_enum, default_value = "auto")]
    pub labels_from: LabelSourceArg,
    /// Cross-validate first and store the metrics with the run.
    #[arg(long)]
    pub with_eval: bool,
    /// Train towards each item's Dawid–Skene label distribution.
    #[arg(long)]
    pub soft_labels: bool,
    /// Start the job in the background, print its id and return.
    #[arg(long)]
    pub detach: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Number of cross-validation folds (default: `model.folds` in quorum.toml).
    #[arg(long, value_name = "K")]
    pub folds: Option<u32>,
    /// Which labels to evaluate on.
    #[arg(long, value_enum, default_value = "auto")]
    pub labels_from: LabelSourceArg,
    /// Evaluate on each item's most probable Dawid–Skene label.
    #[arg(long)]
    pub soft_labels: bool,
    /// Start the job in the background, print its id and return.
    #[arg(long)]
    pub detach: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LabelSourceArg {
    /// Majority-vote labels where annotators answered, else gold.
    Auto,
    /// The gold column.
    Gold,
    /// Majority vote over the annotators' answers.
    Majority,
    /// Dawid–Skene: a confusion matrix per annotator.
    DawidSkene,
    /// Majority vote weighted by agreement with the plain vote.
    Wawa,
    /// GLAD: annotator ability and item difficulty.
    Glad,
    /// MACE: annotator competence and spamming.
    Mace,
    /// Dawid–Skene with one accuracy per annotator.
    OneCoin,
}

impl From<LabelSourceArg> for LabelChoice {
    fn from(arg: LabelSourceArg) -> Self {
        match arg {
            LabelSourceArg::Auto => LabelChoice::Auto,
            LabelSourceArg::Gold => LabelChoice::Gold,
            LabelSourceArg::Majority => LabelChoice::Majority,
            LabelSourceArg::DawidSkene => LabelChoice::DawidSkene,
            LabelSourceArg::Wawa => LabelChoice::Wawa,
            LabelSourceArg::Glad => LabelChoice::Glad,
            LabelSourceArg::Mace => LabelChoice::Mace,
            LabelSourceArg::OneCoin => LabelChoice::OneCoin,
        }
    }
}

/// Starts `params` as a detached job and prints its id (as JSON with `json`).
pub fn start_detached(project: &Project, params: &JobParams, json: bool) -> Result<ExitCode> {
    let (id, _child) = launch(project, params, &login_name(), &worker_program()?)?;
    if json {
        print_json(&serde_json::json!({ "job_id": id, "kind": params.kind() }))?;
    } else {
        outln!("{}", job_msg::JOB_DETACHED.fmt(&[("id", &id), ("kind", &params.kind())]));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `params` in the foreground with a progress bar; returns the job id and result.
pub fn run_with_bar(project: &Project, params: &JobParams) -> Result<(i64, crate::jobs::execute::Finished)> {
    let bar = progress_bar();
    let display = |fraction: f64, stage: &str| update_bar(&bar, fraction, stage);
    let outcome = run_foreground(project, params, &login_name(), &display);
    bar.finish_and_clear();
    outcome
}

pub fn run_train(project: &Project, args: TrainArgs) -> Result<ExitCode> {
    let project = &args.question.select(project)?;
    let params = JobParams::Train {
        labels_from: args.labels_from.into(),
        with_eval: args.with_eval,
        soft_labels: args.soft_labels,
    };
    if args.detach {
        return start_detached(project, &params, args.json);
    }
    let (id, finished) = run_with_bar(project, &params)?;
    let result = &finished.result;

    if args.json {
        let mut value = result.clone();
        value["job_id"] = serde_json::Value::from(id);
        value["question"] = serde_json::Value::from(project.question().id.as_str());
        print_json(&value)?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = |key: &str| match &result[key] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let number = |key: &str, digits: usize| result[key].as_f64().map_or_else(String::new, |v| format!("{v:.digits$}"));
    let mut rows = vec![
        (msg::TRAIN_LABELS_FROM.text().to_string(), text("labels_from")),
        (qmsg::QUESTIONS_ROW.text().to_string(), project.question().id.clone()),
        (msg::TRAIN_EXAMPLES.text().to_string(), text("n_examples")),
        (msg::TRAIN_FEATURES.text().to_string(), text("n_features")),
        (msg::TRAIN_ACCURACY.text().to_string(), number("train_accuracy", 4)),
        (msg::TRAIN_SECONDS.text().to_string(), number("seconds", 2)),
        (msg::TRAIN_SAVED.text().to_string(), project.root.join(text("model_path")).display().to_string()),
        (job_msg::JOB_ROW_RUN.text().to_string(), text("run_id")),
        (job_msg::JOB_ROW_JOB.text().to_string(), id.to_string()),
    ];
    if let Some(report) = &finished.report {
        rows.push((job_msg::JOB_ROW_CV_ACCURACY.text().to_string(), format!("{:.4}", report.accuracy)));
        rows.push((job_msg::JOB_ROW_CV_MACRO_F1.text().to_string(), format!("{:.4}", report.macro_f1)));
    }
    print_rows(&rows);
    if result["active"] == serde_json::Value::Bool(false) {
        outln!("{}", job_msg::JOB_RUN_NOT_ACTIVATED.fmt(&[("run", &text("run_id"))]));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_eval(project: &Project, args: EvalArgs) -> Result<ExitCode> {
    let project = &args.question.select(project)?;
    if let Some(folds) = args.folds {
        check_folds(folds)?;
    }
    let params =
        JobParams::Evaluate { labels_from: args.labels_from.into(), folds: args.folds, soft_labels: args.soft_labels };
    if args.detach {
        return start_detached(project, &params, args.json);
    }
    let (id, finished) = run_with_bar(project, &params)?;
    let Some(report) = finished.report else {
        anyhow::bail!(job_msg::JOB_NO_REPORT.fmt(&[("id", &id)]));
    };

    if args.json {
        let mut value = report.to_json();
        value["labels_from"] = finished.result["labels_from"].clone();
        value["job_id"] = serde_json::Value::from(id);
        value["question"] = serde_json::Value::from(project.question().id.as_str());
        print_json(&value)?;
    } else {
        let source = finished.result["labels_from"].as_str().unwrap_or_default().to_string();
        // One summary line that also names the label source; the table below it
        // would otherwise repeat the fold count, size and scores.
        let title = ml_msg::EVAL_TITLE.fmt(&[
            ("folds", &report.folds),
            ("n", &report.n_examples),
            ("source", &source),
            ("accuracy", &format!("{:.3}", report.accuracy)),
            ("macro_f1", &format!("{:.3}", report.macro_f1)),
        ]);
        // Evaluations of different questions print the same table, so a task with several
        // questions names the one evaluated first.
        if project.spec.has_several_questions() {
            outln!("{}", review_msg::REV_EVAL_QUESTION.fmt(&[("id", &project.question().id)]));
        }
        outln!("{title}");
        outln!("{}", report.details_in(crate::i18n::lang()));
    }
    Ok(ExitCode::SUCCESS)
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::new(1000);
    let style =
        ProgressStyle::with_template("{bar:40} {percent:>3}% {msg}").unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn update_bar(bar: &ProgressBar, fraction: f64, stage: &str) {
    bar.set_position((fraction.clamp(0.0, 1.0) * 1000.0) as u64);
    bar.set_message(stage.to_string());
}
