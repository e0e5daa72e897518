//! The `quorum` command line: argument parsing and one module per subcommand.
//!
//! Arguments are parsed by clap, with every help text taken from the message catalogue
//! so that `--help` speaks the user's language. The language must therefore be known
//! before parsing: [`pre_scan_lang`] reads `--lang` from the raw arguments first.

mod adjudicate;
mod aggregate;
mod aggregate_numeric;
mod agree;
mod annotate;
mod annotators;
mod clap_words;
mod demo;
mod export;
mod help_text;
pub(crate) mod import;
mod init;
mod jobs;
mod models;
mod order;
mod os_error;
mod out_file;
mod output;
mod predict;
mod pseudonym;
mod question_arg;
mod redact;
mod simulate;
mod simulate_learning;
mod status;
mod synth;
mod train;

use crate::i18n::{self, catalogue::cli as msg};
use crate::project::Project;
use anyhow::Result;
use clap::{Args, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "quorum", version)]
pub struct Cli {
    /// Project directory (default: the nearest directory above with a quorum.toml).
    #[arg(long, global = true, env = "QUORUM_PROJECT", value_name = "DIR")]
    pub project: Option<PathBuf>,

    /// Language of screens and messages: en or zh-CN.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// Colours of the screens: auto (colour unless NO_COLOR is set) or mono.
    #[arg(long, global = true, env = "QUORUM_THEME", value_name = "THEME", value_enum)]
    pub theme: Option<crate::tui::theme::ThemeChoice>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Import(import::ImportArgs),
    Annotate(annotate::AnnotateArgs),
    Agree(agree::AgreeArgs),
    Aggregate(aggregate::AggregateArgs),
    Train(train::TrainArgs),
    Eval(train::EvalArgs),
    Export(export::ExportArgs),
    Status(status::StatusArgs),
    Simulate(simulate::SimulateArgs),
    Demo(demo::DemoArgs),
    Annotators(annotators::AnnotatorsArgs),
    Adjudicate(adjudicate::AdjudicateArgs),
    Redact(redact::RedactArgs),
    Synth(synth::SynthArgs),
    Predict(predict::PredictArgs),
    Jobs(jobs::JobsArgs),
    Models(models::ModelsArgs),
    /// Runs one queued job; started by the commands that detach a job.
    #[command(hide = true)]
    JobRun(jobs::JobRunArgs),
    Order(order::OrderArgs),
    SimulateLearning(simulate_learning::SimulateLearningArgs),
    /// Times live agreement updates on the synthetic data (for benchmarks).
    #[command(hide = true)]
    LiveBench(synth::LiveBenchArgs),
}

/// Options shared by commands that can print JSON.
#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}

/// Runs the program and maps errors to an exit code, printing the whole error chain.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    i18n::set_lang(i18n::detect(pre_scan_lang(&args).as_deref()));

    let matches = match help_text::localized_command().try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) => match clap_words::error_text(&err, i18n::lang()) {
            Some(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
            None => err.exit(),
        },
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };

    crate::tui::theme::set_theme(crate::tui::theme::Theme::detect(cli.theme));
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A job cancelled with Ctrl-C is what the user asked for, not an error.
            if let Some(cancelled) = err.downcast_ref::<crate::jobs::launch::ForegroundCancelled>() {
                eprintln!("{cancelled}");
                return ExitCode::from(crate::jobs::launch::CANCELLED_EXIT_CODE);
            }
            let lang = i18n::lang();
            let mut printed = os_error::localize(&err.to_string(), &err, lang);
            eprintln!("{}: {printed}", crate::i18n::catalogue::common::ERROR_PREFIX.text());
            // Many errors already quote their cause; print only what adds something.
            for cause in err.chain().skip(1) {
                let text = os_error::localize(&cause.to_string(), &err, lang);
                if !printed.contains(&text) {
                    eprintln!("  {}: {text}", msg::CAUSED_BY.text());
                    printed.push_str(&text);
                }
            }
            ExitCode::FAILURE
        }
    }
}

/// Finds `--lang X` or `--lang=X` before clap runs, so help text can be localised.
fn pre_scan_lang(args: &[String]) -> Option<String> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            return iter.next().cloned();
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}

fn run(cli: Cli) -> Result<ExitCode> {
    let find = || -> Result<Project> {
        let cwd = std::env::current_dir()?;
        Project::discover(cli.project.as_deref(), &cwd)
    };
    match cli.command {
        Command::Init(args) => init::run(args),
        Command::Import(args) => import::run(&find()?, args),
        Command::Annotate(args) => annotate::run(&find()?, args),
        Command::Agree(args) => agree::run(args, find),
        Command::Aggregate(args) => aggregate::run(args, find),
        Command::Train(args) => train::run_train(&find()?, args),
        Command::Eval(args) => train::run_eval(&find()?, args),
        Command::Export(args) => export::run(&find()?, args),
        Command::Status(args) => status::run(&find()?, args),
        Command::Simulate(args) => simulate::run(&find()?, args),
        Command::Demo(args) => demo::run(args),
        Command::Annotators(args) => annotators::run(&find()?, args),
        Command::Adjudicate(args) => adjudicate::run(&find()?, args),
        Command::Redact(args) => redact::run(&find()?, args),
        Command::Synth(args) => synth::run(args),
        Command::Predict(args) => predict::run(&find()?, args),
        Command::Jobs(args) => jobs::run(&find()?, args),
        Command::Models(args) => models::run(&find()?, args),
        Command::JobRun(args) => jobs::run_worker(&find()?, args),
        Command::Order(args) => order::run(&find()?, args),
        Command::SimulateLearning(args) => simulate_learning::run(&find()?, args),
        Command::LiveBench(args) => synth::run_live_bench(args),
    }
}
