//! `quorum models`: the run registry, with metrics, and which run is active.

use super::jobs::print_table;
use super::output::{outln, print_json};
use crate::i18n::catalogue::jobs as msg;
use crate::i18n::catalogue::questions as qmsg;
use crate::project::Project;
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub action: Option<ModelsAction>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ModelsAction {
    /// Make a run active and keep it active when later runs are trained.
    Activate { id: i64 },
    /// Let the newest run become active again after each training.
    Unpin,
}

/// Localises the help of the `models` subcommands.
pub fn localize_help(command: clap::Command, lang: crate::i18n::Lang) -> clap::Command {
    command.mut_subcommand("models", |models| {
        models
            .mut_subcommand("activate", |sub| {
                sub.about(msg::JOB_CMD_ACTIVATE.text_in(lang))
                    .mut_arg("id", |arg| arg.help(msg::JOB_ARG_RUN.text_in(lang)))
            })
            .mut_subcommand("unpin", |sub| sub.about(msg::JOB_CMD_UNPIN.text_in(lang)))
    })
}

pub fn run(project: &Project, args: ModelsArgs) -> Result<ExitCode> {
    match args.action {
        None => list(project, args.json),
        Some(ModelsAction::Activate { id }) => {
            if !project.store()?.pin_run(id)? {
                bail!(msg::JOB_RUN_NOT_FOUND.fmt(&[("run", &id)]));
            }
            outln!("{}", msg::JOB_RUN_ACTIVATED.fmt(&[("run", &id)]));
            Ok(ExitCode::SUCCESS)
        }
        Some(ModelsAction::Unpin) => {
            project.store()?.unpin_run()?;
            outln!("{}", msg::JOB_RUN_UNPINNED.text());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(project: &Project, json: bool) -> Result<ExitCode> {
    let store = project.store()?;
    let runs = store.runs()?;
    let pinned = store.pinned_run()?;
    if json {
        let value = serde_json::json!({ "pinned": pinned, "runs": runs });
        print_json(&value)?;
        return Ok(ExitCode::SUCCESS);
    }
    if runs.is_empty() {
        outln!("{}", msg::JOB_NO_RUNS.text());
        return Ok(ExitCode::SUCCESS);
    }
    // Runs of different questions share one registry, so a task with several questions
    // lists which one each run learned.
    let several = project.spec.has_several_questions();
    let mut header = vec![
        String::new(),
        msg::JOB_COL_RUN.text().to_string(),
        msg::JOB_COL_CREATED.text().to_string(),
        msg::JOB_COL_MODEL.text().to_string(),
        msg::JOB_COL_LABELS.text().to_string(),
        msg::JOB_COL_EXAMPLES.text().to_string(),
        msg::JOB_COL_ACCURACY.text().to_string(),
        msg::JOB_COL_MACRO_F1.text().to_string(),
        msg::JOB_COL_DATA.text().to_string(),
    ];
    if several {
        header.insert(4, qmsg::QUESTIONS_ROW.text().to_string());
    }
    let mut rows = vec![header];
    for run in &runs {
        let metric = |key: &str| {
            run.metrics.as_ref().and_then(|m| m[key].as_f64()).map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
        };
        let marker = match (run.active, pinned == Some(run.id)) {
            (true, true) => "*!",
            (true, false) => "*",
            _ => "",
        };
        let mut row = vec![
            marker.to_string(),
            run.id.to_string(),
            run.created_at.clone(),
            run.model_kind.clone(),
            run.label_source.clone(),
            run.n_examples.to_string(),
            metric("accuracy"),
            metric("macro_f1"),
            run.data_hash.chars().take(12).collect(),
        ];
        if several {
            row.insert(4, run.question.clone());
        }
        rows.push(row);
    }
    print_table(&rows);
    outln!("{}", msg::JOB_RUNS_LEGEND.text());
    Ok(ExitCode::SUCCESS)
}
