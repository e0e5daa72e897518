//! `quorum annotate [--as NAME]`: open the annotation screen.

use crate::project::{Project, login_name};
use crate::tui::{TuiOptions, run_annotate};
use crate::core::task::Permission;
use crate::i18n::catalogue::cli as msg;
use anyhow::{Result, bail};
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Annotator name (default: the login name); only leads may name someone else.
    #[arg(long = "as", value_name = "NAME")]
    pub annotator: Option<String>,
}

pub fn run(project: &Project, args: AnnotateArgs) -> Result<ExitCode> {
    let _log = crate::logging::init_file_logging(&project.log_dir());
    let user = login_name();
    let annotator = match args.annotator {
        Some(other) if other != user && !project.spec.permits(&user, Permission::ActAsOther) => {
            bail!(msg::ROLE_ACT_AS_REQUIRED.fmt(&[("name", &user), ("other", &other)]));
        }
        Some(other) => other,
        None => user,
    };
    run_annotate(project, TuiOptions { annotator })?;
    Ok(ExitCode::SUCCESS)
}
