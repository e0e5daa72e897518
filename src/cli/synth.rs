//! `quorum synth`: write the seeded synthetic benchmark data set, and the hidden
//! `quorum live-bench` timing of live agreement updates on it.

use super::output::outln;
use super::output::print_json;
use crate::core::agreement::LiveAgreement;
use crate::core::synthetic::{self, SyntheticData, SyntheticSpec};
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::files;
use anyhow::{Context, Result};
use clap::Args;
use serde_json::json;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Directory to write synthetic_answers.csv and synthetic_gold.csv into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub spec: SpecArgs,
}

/// The generator settings that the command line exposes.
#[derive(Debug, Args)]
pub struct SpecArgs {
    /// Seed of the generator.
    #[arg(long, default_value_t = SyntheticSpec::default().seed)]
    pub seed: u64,
    /// Number of items; each gets five answers.
    #[arg(long, default_value_t = SyntheticSpec::default().n_items)]
    pub items: usize,
}

impl SpecArgs {
    fn spec(&self) -> SyntheticSpec {
        SyntheticSpec { seed: self.seed, n_items: self.items, ..SyntheticSpec::default() }
    }
}

pub fn run(args: SynthArgs) -> Result<ExitCode> {
    let data = synthetic::generate(&args.spec.spec())?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| files::FILE_CANNOT_CREATE.fmt(&[("path", &args.out.display())]))?;
    let answers = args.out.join("synthetic_answers.csv");
    let gold = args.out.join("synthetic_gold.csv");
    write_lines(&answers, data.answer_rows())?;
    write_lines(&gold, data.gold_rows())?;
    outln!(
        "{}",
        msg::SYNTH_DONE.fmt(&[
            ("answers", &data.answers.len()),
            ("items", &data.truth.len()),
            ("answers_file", &answers.display()),
            ("gold_file", &gold.display()),
        ])
    );
    Ok(ExitCode::SUCCESS)
}

fn write_lines(path: &Path, lines: impl Iterator<Item = String>) -> Result<()> {
    let file = File::create(path).with_context(|| files::FILE_CANNOT_CREATE.fmt(&[("path", &path.display())]))?;
    let mut writer = BufWriter::new(file);
    for line in lines {
        writer
            .write_all(line.as_bytes())
            .with_context(|| files::FILE_CANNOT_WRITE.fmt(&[("path", &path.display())]))?;
    }
    writer.flush().with_context(|| files::FILE_CANNOT_WRITE.fmt(&[("path", &path.display())]))?;
    Ok(())
}

#[derive(Debug, Args)]
pub struct LiveBenchArgs {
    /// Number of timed updates.
    #[arg(long, default_value_t = 100_000)]
    pub updates: usize,
    #[command(flatten)]
    pub spec: SpecArgs,
}

/// Loads the synthetic answers into a [`LiveAgreement`] item by item, then times
/// `updates` single-answer edits (one item's first answer changes label) each followed by
/// reading alpha, as the live panel does, and prints microseconds per update as JSON.
pub fn run_live_bench(args: LiveBenchArgs) -> Result<ExitCode> {
    let data = synthetic::generate(&args.spec.spec())?;
    let items = item_answers(&data);
    let labels: Vec<String> = (0..SyntheticSpec::default().n_classes).map(|c| c.to_string()).collect();
    let mut live = LiveAgreement::new(&labels);

    let load_start = Instant::now();
    for answers in &items {
        let after: Vec<(&str, &str)> = answers.iter().map(|(w, l)| (w.as_str(), l.as_str())).collect();
        live.update_item(&[], &after);
    }
    let load_seconds = load_start.elapsed().as_secs_f64();

    let mut checksum = 0.0;
    let start = Instant::now();
    for update in 0..args.updates {
        let answers = &items[update % items.len()];
        let before: Vec<(&str, &str)> = answers.iter().map(|(w, l)| (w.as_str(), l.as_str())).collect();
        let mut after = before.clone();
        let next = (update % labels.len() + 1) % labels.len();
        after[0].1 = labels[next].as_str();
        live.update_item(&before, &after);
        checksum += live.krippendorff_alpha().value().unwrap_or(0.0);
        live.update_item(&after, &before);
    }
    let seconds = start.elapsed().as_secs_f64();
    print_json(&json!({
        "state_annotations": data.answers.len(),
        "load_seconds": load_seconds,
        "updates": args.updates,
        "microseconds_per_update": seconds * 1e6 / args.updates.max(1) as f64,
        "note": "each update is one edit, one alpha read and the edit undone",
        "checksum": checksum,
    }))?;
    Ok(ExitCode::SUCCESS)
}

/// Per item, `(worker, label)` names in emission order.
fn item_answers(data: &SyntheticData) -> Vec<Vec<(String, String)>> {
    let mut items: Vec<Vec<(String, String)>> = vec![Vec::new(); data.truth.len()];
    for answer in &data.answers {
        items[answer.item as usize].push((answer.worker.to_string(), answer.label.to_string()));
    }
    items
}
