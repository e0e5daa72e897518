//! `quorum init DIR [--from SAMPLE]`: create a project.

use super::output::outln;
use super::import::import_into_store;
use crate::i18n::catalogue::cli as msg;
use crate::import::ImportOptions;
use crate::project::Project;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to create the project in.
    pub dir: PathBuf,
    /// Sample task directory to copy and import, e.g. sample_tasks/fortune-topics.
    #[arg(long, value_name = "SAMPLE_DIR")]
    pub from: Option<PathBuf>,
}

pub fn run(args: InitArgs) -> Result<ExitCode> {
    let (project, items) = Project::init(&args.dir, args.from.as_deref())?;
    outln!("{}", msg::INIT_CREATED.fmt(&[("dir", &project.root.display()), ("name", &project.spec.name)]));

    if let Some(items) = items {
        let summary = import_into_store(&project, &items, &ImportOptions::default())?;
        outln!("{}", msg::IMPORT_DONE.fmt(&[("n", &summary.n_items), ("file", &items.display())]));
    } else {
        outln!("{}", msg::INIT_NEXT_STEPS.fmt(&[("toml", &project.root.join("quorum.toml").display())]));
    }
    Ok(ExitCode::SUCCESS)
}
