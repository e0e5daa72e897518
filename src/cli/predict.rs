//! `quorum predict`: score items with a run's model and store the predictions.

use super::output::{outln, print_json};
use super::question_arg::QuestionArg;
use super::train::{run_with_bar, start_detached};
use crate::i18n::catalogue::jobs as msg;
use crate::jobs::params::JobParams;
use crate::project::Project;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct PredictArgs {
    /// Run whose model scores the items (default: the active run).
    #[arg(long, value_name = "ID")]
    pub run: Option<i64>,
    /// Score every item, not only those without answers or an adjudicated label.
    #[arg(long)]
    pub all: bool,
    /// Also write item,label,confidence,margin,entropy rows to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Then order the items so the most uncertain come first.
    #[arg(long)]
    pub apply_order: bool,
    /// Start the job in the background, print its id and return.
    #[arg(long)]
    pub detach: bool,
    /// Print JSON instead of a message.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

pub fn run(project: &Project, args: PredictArgs) -> Result<ExitCode> {
    let project = &select_question(project, &args)?;
    // The worker runs in the project directory, so a relative path is made absolute
    // from the directory the command was typed in.
    let out = match args.out {
        Some(path) if path.is_relative() => Some(std::env::current_dir()?.join(path)),
        other => other,
    };
    let params = JobParams::Predict { run: args.run, all: args.all, out, apply_order: args.apply_order };
    if args.detach {
        return start_detached(project, &params, args.json);
    }
    let (id, finished) = run_with_bar(project, &params)?;
    if args.json {
        let mut value = finished.result.clone();
        value["job_id"] = serde_json::Value::from(id);
        value["question"] = serde_json::Value::from(project.question().id.as_str());
        print_json(&value)?;
    } else {
        let result = &finished.result;
        outln!("{}", msg::JOB_PREDICTED.fmt(&[("n", &result["n_items"]), ("run", &result["run_id"])]));
        if let Some(out) = result["out"].as_str() {
            outln!("{}", msg::JOB_PREDICTIONS_WRITTEN.fmt(&[("path", &out)]));
        }
        if let Some(rule) = result["uncertainty"].as_str() {
            outln!("{}", msg::JOB_ORDER_APPLIED.fmt(&[("n", &result["ranked"]), ("rule", &rule)]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Selects `--question`, or else the question of the run that will score the items, so
/// that its predictions are stored for the question its model was trained on.
fn select_question(project: &Project, args: &PredictArgs) -> Result<Project> {
    if args.question.question.is_some() {
        return args.question.select(project);
    }
    let store = project.store()?;
    let run = match args.run {
        Some(id) => store.run(id)?,
        None => store.active_run()?,
    };
    let mut project = project.clone();
    // A missing run is reported by the job itself, with the message it always gave.
    if let Some(run) = run {
        project.select_question(Some(&run.question))?;
    }
    Ok(project)
}
