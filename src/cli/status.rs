//! `quorum status`: what the project holds and how far the work is.

use super::output::outln;
use super::output::{print_json, print_rows};
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::questions as qmsg;
use crate::project::{Project, login_name};
use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(project: &Project, args: StatusArgs) -> Result<ExitCode> {
    let store = project.store()?;
    let counts = store.counts()?;
    let progress = store.progress(&login_name(), project.spec.redundancy)?;

    if args.json {
        print_json(&json!({
            "project": project.spec.name,
            "root": project.root.display().to_string(),
            "n_items": counts.n_items,
            "n_annotations": counts.n_annotations,
            "n_annotators": counts.n_annotators,
            "n_gold": counts.n_gold,
            "n_log_rows": counts.n_log_rows,
            "redundancy": project.spec.redundancy,
            "answers_needed": progress.answers_needed,
        }))?;
    } else {
        outln!("{}", msg::STATUS_HEADER.fmt(&[("name", &project.spec.name), ("root", &project.root.display())]));
        // With several questions the two counts have different units: every question's
        // answer counts once, while an annotator finishes an item by answering them all.
        let (annotations_label, needed_label) = if project.spec.has_several_questions() {
            let n = project.spec.questions.len();
            (qmsg::QUESTIONS_STATUS_ANSWERS.fmt(&[("n", &n)]), qmsg::QUESTIONS_STATUS_NEEDED.text().to_string())
        } else {
            (msg::STATUS_ANNOTATIONS.text().to_string(), msg::STATUS_NEEDED.text().to_string())
        };
        print_rows(&[
            (msg::STATUS_ITEMS.text().to_string(), counts.n_items.to_string()),
            (msg::STATUS_GOLD.text().to_string(), counts.n_gold.to_string()),
            (annotations_label, counts.n_annotations.to_string()),
            (msg::STATUS_ANNOTATORS.text().to_string(), counts.n_annotators.to_string()),
            (msg::STATUS_REDUNDANCY.text().to_string(), project.spec.redundancy.to_string()),
            (needed_label, progress.answers_needed.to_string()),
        ]);
    }
    Ok(ExitCode::SUCCESS)
}
