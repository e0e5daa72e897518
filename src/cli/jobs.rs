//! `quorum jobs`: list jobs, print a job's log or result, cancel a job; and the hidden
//! `quorum job-run ID` that a detached job's worker process runs.

use super::output::{outln, print_json};
use crate::i18n::catalogue::jobs as msg;
use crate::jobs::display::{kind_word, state_word};
use crate::jobs::liveness::list_jobs;
use crate::project::Project;
use crate::store::{JobRecord, JobState};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Args)]
pub struct JobsArgs {
    #[command(subcommand)]
    pub action: Option<JobsAction>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Number of jobs to list, newest first.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, Subcommand)]
pub enum JobsAction {
    /// Print a job's log.
    Log {
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Ask a job to stop.
    Cancel { id: i64 },
    /// Print a job with its result as JSON.
    Show { id: i64 },
}

#[derive(Debug, Args)]
pub struct JobRunArgs {
    /// The job to run.
    pub id: i64,
}

/// Localises the help of the `jobs` subcommands, which the top-level table of help
/// texts does not reach.
pub fn localize_help(command: clap::Command, lang: crate::i18n::Lang) -> clap::Command {
    command.mut_subcommand("jobs", |jobs| {
        jobs.mut_arg("limit", |arg| arg.help(msg::JOB_ARG_LIMIT.text_in(lang)))
            .mut_subcommand("log", |sub| {
                sub.about(msg::JOB_CMD_LOG.text_in(lang))
                    .mut_arg("id", |arg| arg.help(msg::JOB_ARG_ID.text_in(lang)))
                    .mut_arg("json", |arg| arg.help(msg::JOB_ARG_JSON.text_in(lang)))
            })
            .mut_subcommand("cancel", |sub| {
                sub.about(msg::JOB_CMD_CANCEL.text_in(lang))
                    .mut_arg("id", |arg| arg.help(msg::JOB_ARG_ID.text_in(lang)))
            })
            .mut_subcommand("show", |sub| {
                sub.about(msg::JOB_CMD_SHOW.text_in(lang)).mut_arg("id", |arg| arg.help(msg::JOB_ARG_ID.text_in(lang)))
            })
    })
}

pub fn run(project: &Project, args: JobsArgs) -> Result<ExitCode> {
    match args.action {
        None => list(project, args.json, args.limit),
        Some(JobsAction::Log { id, json }) => log(project, id, json),
        Some(JobsAction::Cancel { id }) => cancel(project, id),
        Some(JobsAction::Show { id }) => show(project, id),
    }
}

/// Runs the worker for job `id`; see [`crate::jobs::worker`].
pub fn run_worker(project: &Project, args: JobRunArgs) -> Result<ExitCode> {
    crate::jobs::worker::run_worker(project, args.id)?;
    Ok(ExitCode::SUCCESS)
}

fn list(project: &Project, json: bool, limit: usize) -> Result<ExitCode> {
    let mut store = project.store()?;
    let jobs = list_jobs(&mut store, limit)?;
    if json {
        print_json(&serde_json::to_value(&jobs)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if jobs.is_empty() {
        outln!("{}", msg::JOB_NONE.text());
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        msg::JOB_COL_ID.text().to_string(),
        msg::JOB_COL_KIND.text().to_string(),
        msg::JOB_COL_STATE.text().to_string(),
        msg::JOB_COL_PROGRESS.text().to_string(),
        msg::JOB_COL_CREATED.text().to_string(),
        msg::JOB_COL_WHO.text().to_string(),
    ];
    let mut rows = vec![header.to_vec()];
    rows.extend(jobs.iter().map(job_row));
    print_table(&rows);
    Ok(ExitCode::SUCCESS)
}

fn job_row(job: &JobRecord) -> Vec<String> {
    vec![
        job.id.to_string(),
        kind_word(&job.kind).to_string(),
        state_word(job.state).to_string(),
        format!("{:.0}%", job.progress * 100.0),
        job.created_at.clone(),
        job.created_by.clone(),
    ]
}

/// Prints rows with columns padded by display width, two spaces apart.
pub fn print_table(rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0)).collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.width())))
            .collect();
        outln!("{}", cells.join("  ").trim_end());
    }
}

fn find(project: &Project, id: i64) -> Result<JobRecord> {
    let mut store = project.store()?;
    crate::jobs::liveness::fail_lost_jobs(&mut store)?;
    match store.job(id)? {
        Some(job) => Ok(job),
        None => bail!(msg::JOB_NOT_FOUND.fmt(&[("id", &id)])),
    }
}

fn log(project: &Project, id: i64, json: bool) -> Result<ExitCode> {
    find(project, id)?;
    let lines = project.store()?.job_log(id, usize::MAX)?;
    if json {
        print_json(&serde_json::to_value(&lines)?)?;
    } else {
        for line in &lines {
            outln!("{}  {}", line.at, crate::core::sanitize::sanitize_plain(&line.line));
        }
        // Only detached jobs have a worker log file; foreground jobs print to the terminal.
        let file = project.job_log_path(id);
        if file.is_file() {
            outln!("{}", msg::JOB_LOG_FILE_AT.fmt(&[("path", &file.display())]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cancel(project: &Project, id: i64) -> Result<ExitCode> {
    let job = find(project, id)?;
    if job.state.is_final() {
        bail!(msg::JOB_ALREADY_ENDED.fmt(&[("id", &id), ("state", &state_word(job.state))]));
    }
    match project.store()?.request_job_cancel(id)? {
        Some(JobState::Cancelled) => outln!("{}", msg::JOB_CANCELLED_NOW.fmt(&[("id", &id)])),
        Some(JobState::Running) => outln!("{}", msg::JOB_CANCEL_REQUESTED.fmt(&[("id", &id)])),
        Some(state) => outln!("{}", msg::JOB_ALREADY_ENDED.fmt(&[("id", &id), ("state", &state_word(state))])),
        None => bail!(msg::JOB_NOT_FOUND.fmt(&[("id", &id)])),
    }
    Ok(ExitCode::SUCCESS)
}

fn show(project: &Project, id: i64) -> Result<ExitCode> {
    let job = find(project, id)?;
    print_json(&serde_json::to_value(&job)?)?;
    Ok(ExitCode::SUCCESS)
}
