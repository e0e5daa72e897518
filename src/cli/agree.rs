//! `quorum agree`: agreement statistics for a project or a long-format label file.

use super::output::{print_json, print_rows};
use crate::core::agreement::{self, AgreementSummary};
use crate::crowd_file;
use crate::i18n::catalogue::cli as msg;
use crate::project::Project;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Long-format label file (item,worker,label) to use instead of the current project.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AgreeArgs, find: impl FnOnce() -> Result<Project>) -> Result<ExitCode> {
    let ratings = match &args.labels {
        Some(path) => crowd_file::read_ratings(path, None)?,
        None => {
            let project = find()?;
            project.ratings(&project.store()?)?
        }
    };
    let summary = agreement::summary(&ratings);
    if args.json {
        print_json(&summary.to_json())?;
    } else {
        print_summary(&summary);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn print_summary(summary: &AgreementSummary) {
    println!(
        "{}",
        msg::AGREE_HEADER.fmt(&[
            ("items", &summary.n_items),
            ("annotators", &summary.n_annotators),
            ("annotations", &summary.n_annotations),
        ])
    );
    let rows = [
        (msg::STAT_PERCENT_AGREEMENT, &summary.percent_agreement),
        (msg::STAT_COHEN_KAPPA_MEAN, &summary.cohen_kappa_mean),
        (msg::STAT_FLEISS_KAPPA, &summary.fleiss_kappa),
        (msg::STAT_KRIPPENDORFF_ALPHA, &summary.krippendorff_alpha),
    ];
    let rows: Vec<(String, String)> = rows.iter().map(|(name, stat)| (name.text().to_string(), stat.to_string())).collect();
    print_rows(&rows);
}
