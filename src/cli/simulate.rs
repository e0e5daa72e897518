//! `quorum simulate --as NAME`: a simulated annotator answering through the store.

use super::output::outln;
use crate::i18n::catalogue::cli as msg;
use crate::project::Project;
use crate::simulate::SimulatedAnnotator;
use anyhow::{Result, bail};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Annotator name the answers are recorded under.
    #[arg(long = "as", value_name = "NAME")]
    pub annotator: String,
    /// Probability of answering the gold label, from 0 to 1.
    #[arg(long, default_value_t = 0.85)]
    pub accuracy: f64,
    /// Maximum number of answers to record.
    #[arg(long, default_value_t = 100)]
    pub count: usize,
    /// Seed of the annotator's random choices.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print `ACK ITEM ANNOTATOR LABEL SEQ` on stdout after each answer is committed.
    #[arg(long)]
    pub ack: bool,
}

pub fn run(project: &Project, args: SimulateArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.accuracy) {
        bail!(msg::SIMULATE_BAD_ACCURACY.fmt(&[("value", &args.accuracy)]));
    }
    let mut store = project.store()?;
    let n_labels = project.spec.question().labels.len();
    let mut annotator = SimulatedAnnotator::new(&args.annotator, args.accuracy, args.seed, n_labels);
    let recorded = if args.ack {
        let mut stdout = std::io::stdout().lock();
        annotator.work_reporting(&mut store, &project.spec, args.count, |item, label, seq| {
            // Written and flushed only after the commit, so every ACK names a durable answer.
            writeln!(stdout, "ACK {} {} {label} {seq}", item.key, args.annotator)?;
            stdout.flush()?;
            Ok::<(), anyhow::Error>(())
        })?
    } else {
        annotator.work(&mut store, &project.spec, args.count)?
    };
    outln!("{}", msg::SIMULATE_DONE.fmt(&[("name", &args.annotator), ("n", &recorded)]));
    Ok(ExitCode::SUCCESS)
}
