//! `quorum simulate-learning`: replays the gold labels to compare active-learning
//! strategies on the current project (see [`crate::ml::active`]).

use super::out_file::OutFile;
use super::output::{outln, print_json};
use crate::dataset::LabelSource;
use crate::i18n::catalogue::files;
use crate::i18n::catalogue::learning as msg;
use crate::ml::{self, SimulationReport, SimulationSettings, Strategy};
use crate::project::Project;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Args)]
pub struct SimulateLearningArgs {
    /// Labels to replay; only the gold column is supported.
    #[arg(long, value_enum, default_value = "gold")]
    pub labels_from: ReplayArg,
    /// Strategy to replay, or all of them.
    #[arg(long, value_enum, default_value = "all")]
    pub strategy: StrategyArg,
    /// Seed of the held-out split and the first batch (default: `model.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Labels in the first, random batch.
    #[arg(long, default_value_t = 20)]
    pub start: usize,
    /// Labels added per round.
    #[arg(long, default_value_t = 20)]
    pub step: usize,
    /// Macro-F1 to reach.
    #[arg(long, default_value_t = 0.5)]
    pub target_f1: f64,
    /// Stop after this many labels (default: the whole pool).
    #[arg(long)]
    pub max_labels: Option<usize>,
    /// Write the whole curve to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReplayArg {
    /// The gold column.
    Gold,
    /// Majority vote (not supported: a replay needs known answers).
    Majority,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StrategyArg {
    Random,
    LeastConfidence,
    Margin,
    Entropy,
    All,
}

impl StrategyArg {
    fn strategies(self) -> Vec<Strategy> {
        let name = match self {
            StrategyArg::All => return Strategy::ALL.to_vec(),
            StrategyArg::Random => "random",
            StrategyArg::LeastConfidence => "least-confidence",
            StrategyArg::Margin => "margin",
            StrategyArg::Entropy => "entropy",
        };
        Strategy::from_name(name).into_iter().collect()
    }
}

pub fn run(project: &Project, args: SimulateLearningArgs) -> Result<ExitCode> {
    if matches!(args.labels_from, ReplayArg::Majority) {
        bail!(msg::LEARN_SIM_ONLY_GOLD.text());
    }
    for (name, value, min) in [("start", args.start, 2), ("step", args.step, 1)] {
        if value < min {
            bail!(msg::LEARN_SIM_BAD_NUMBER.fmt(&[("name", &name), ("min", &min), ("value", &value)]));
        }
    }
    if !(args.target_f1.is_finite() && (0.0..=1.0).contains(&args.target_f1)) {
        bail!(msg::LEARN_SIM_BAD_TARGET.fmt(&[("value", &args.target_f1)]));
    }
    let (examples, _) = project.load_examples(LabelSource::Gold)?;
    let simulation = SimulationSettings {
        seed: args.seed.unwrap_or(project.spec.model.seed),
        start: args.start,
        step: args.step,
        max_labels: args.max_labels,
        target_f1: args.target_f1,
    };

    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
    let progress = |strategy: Strategy, n: usize| {
        bar.set_message(msg::LEARN_SIM_ROUND.fmt(&[("strategy", &strategy.name()), ("n", &n)]));
        bar.tick();
    };
    let cancel = AtomicBool::new(false);
    let strategies = args.strategy.strategies();
    let report = ml::simulate_learning(&examples, &project.spec.model, &strategies, &simulation, &progress, &cancel)?;
    bar.finish_and_clear();

    if let Some(path) = &args.out {
        write_curve_csv(path, &report)?;
    }
    if args.json {
        print_json(&serde_json::to_value(&report)?)?;
    } else {
        print_summary(&report);
        if let Some(path) = &args.out {
            outln!("{}", msg::LEARN_SIM_CURVE_WRITTEN.fmt(&[("path", &path.display())]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(report: &SimulationReport) {
    outln!(
        "{}",
        msg::LEARN_SIM_HEADER.fmt(&[("pool", &report.pool), ("held_out", &report.held_out), ("seed", &report.seed)])
    );
    let target = format!("{:.2}", report.target_f1);
    let header = [
        msg::LEARN_SIM_STRATEGY.text().to_string(),
        msg::LEARN_SIM_LABELS_NEEDED.fmt(&[("target", &target)]),
        msg::LEARN_SIM_FINAL_F1.text().to_string(),
    ];
    let mut rows = vec![header.to_vec()];
    for curve in &report.curves {
        let needed =
            curve.labels_to_target.map_or_else(|| msg::LEARN_SIM_NOT_REACHED.text().to_string(), |n| n.to_string());
        let last = curve.points.last().map_or(0.0, |p| p.macro_f1);
        rows.push(vec![curve.strategy.to_string(), needed, format!("{last:.3}")]);
    }
    let widths: Vec<usize> = (0..3).map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0)).collect();
    for row in rows {
        let cells: Vec<String> =
            row.iter().zip(&widths).map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.width()))).collect();
        outln!("  {}", cells.join("  ").trim_end());
    }
}

/// Writes `strategy,n_labels,macro_f1,accuracy` rows through a temporary file, so that an
/// interrupted run leaves no half-written curve at `path`.
fn write_curve_csv(path: &Path, report: &SimulationReport) -> Result<()> {
    let out_file = OutFile::plan(path);
    let temporary = out_file.write_path.clone();
    let cannot_write = || files::FILE_CANNOT_CREATE.fmt(&[("path", &temporary.display())]);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&temporary).with_context(cannot_write)?);
    writeln!(file, "strategy,n_labels,macro_f1,accuracy").with_context(cannot_write)?;
    for curve in &report.curves {
        for point in &curve.points {
            writeln!(file, "{},{},{:.6},{:.6}", curve.strategy, point.n_labels, point.macro_f1, point.accuracy)
                .with_context(cannot_write)?;
        }
    }
    let file = file.into_inner().map_err(|e| e.into_error()).with_context(cannot_write)?;
    // A pipe or device cannot be synced (fsync fails with EINVAL), and has nothing to keep.
    if file.metadata().with_context(cannot_write)?.is_file() {
        file.sync_all().with_context(cannot_write)?;
    }
    if let Some((from, to)) = out_file.pending_rename() {
        std::fs::rename(from, to)
            .with_context(|| files::FILE_CANNOT_MOVE.fmt(&[("from", &from.display()), ("to", &to.display())]))?;
    }
    Ok(())
}
