//! `quorum train` and `quorum eval`: the model jobs, in the foreground with a progress bar.

use super::output::outln;
use super::output::{print_json, print_rows};
use crate::dataset::LabelSource;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::files;
use crate::ml;
use crate::project::Project;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Which labels to train on.
    #[arg(long, value_enum, default_value = "auto")]
    pub labels_from: LabelSourceArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Number of cross-validation folds (default: `model.folds` in quorum.toml).
    #[arg(long, value_name = "K")]
    pub folds: Option<u32>,
    /// Which labels to evaluate on.
    #[arg(long, value_enum, default_value = "auto")]
    pub labels_from: LabelSourceArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LabelSourceArg {
    /// Majority-vote labels where annotators answered, else gold.
    Auto,
    /// The gold column.
    Gold,
    /// Majority vote over the annotators' answers.
    Majority,
}

impl From<LabelSourceArg> for LabelSource {
    fn from(arg: LabelSourceArg) -> Self {
        match arg {
            LabelSourceArg::Auto => LabelSource::Auto,
            LabelSourceArg::Gold => LabelSource::Gold,
            LabelSourceArg::Majority => LabelSource::Majority,
        }
    }
}

pub fn run_train(project: &Project, args: TrainArgs) -> Result<ExitCode> {
    let (examples, source) = project.load_examples(args.labels_from.into())?;
    let bar = progress_bar();
    let cancel = AtomicBool::new(false);
    let report = |fraction: f64, stage: &str| update_bar(&bar, fraction, stage);
    let model = ml::train(&examples, &project.spec.model, &report, &cancel)?;
    bar.finish_and_clear();

    std::fs::create_dir_all(project.model_dir())
        .with_context(|| files::FILE_CANNOT_CREATE.fmt(&[("path", &project.model_dir().display())]))?;
    model.save(&project.model_path())?;

    let summary = model.summary();
    if args.json {
        let mut value = serde_json::to_value(summary)?;
        value["labels_from"] = serde_json::Value::from(source.name());
        value["model_path"] = serde_json::Value::from(project.model_path().display().to_string());
        print_json(&value)?;
    } else {
        print_rows(&[
            (msg::TRAIN_LABELS_FROM.text().to_string(), source.name().to_string()),
            (msg::TRAIN_EXAMPLES.text().to_string(), summary.n_examples.to_string()),
            (msg::TRAIN_FEATURES.text().to_string(), summary.n_features.to_string()),
            (msg::TRAIN_ACCURACY.text().to_string(), format!("{:.4}", summary.train_accuracy)),
            (msg::TRAIN_SECONDS.text().to_string(), format!("{:.2}", summary.seconds)),
            (msg::TRAIN_SAVED.text().to_string(), project.model_path().display().to_string()),
        ]);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_eval(project: &Project, args: EvalArgs) -> Result<ExitCode> {
    let (examples, source) = project.load_examples(args.labels_from.into())?;
    let folds = args.folds.unwrap_or(project.spec.model.folds);
    if !(2..=50).contains(&folds) {
        anyhow::bail!(msg::EVAL_BAD_FOLDS.fmt(&[("value", &folds)]));
    }
    let folds = folds as usize;
    let bar = progress_bar();
    let cancel = AtomicBool::new(false);
    let report = |fraction: f64, stage: &str| update_bar(&bar, fraction, stage);
    let result = ml::evaluate(&examples, &project.spec.model, folds, &report, &cancel)?;
    bar.finish_and_clear();

    if args.json {
        let mut value = result.to_json();
        value["labels_from"] = serde_json::Value::from(source.name());
        print_json(&value)?;
    } else {
        outln!("{}", msg::EVAL_HEADER.fmt(&[("folds", &folds), ("n", &result.n_examples), ("source", &source.name())]));
        outln!("{}", result.to_table());
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
