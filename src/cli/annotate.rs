//! `quorum annotate [--as NAME]`: open the annotation screen.

use crate::project::{Project, login_name};
use crate::tui::{TuiOptions, run_annotate};
use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Annotator name (default: the login name).
    #[arg(long = "as", value_name = "NAME")]
    pub annotator: Option<String>,
}

pub fn run(project: &Project, args: AnnotateArgs) -> Result<ExitCode> {
    let _log = crate::logging::init_file_logging(&project.log_dir());
    let annotator = args.annotator.unwrap_or_else(login_name);
    run_annotate(project, TuiOptions { annotator })?;
    Ok(ExitCode::SUCCESS)
}
