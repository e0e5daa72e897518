//! `quorum demo`: the one command a newcomer runs.
//!
//! It builds a throwaway project from the fortune-topics sample task (embedded in the
//! binary, so it works from any directory and offline), lets two seeded simulated
//! annotators label the first items so that agreement and training have data, and
//! opens the annotation screen. `--no-tui` runs the same pipeline headless and reports
//! alpha, majority-vote accuracy against gold and cross-validated macro-F1.

use super::import::import_into_store;
use super::output::outln;
use super::output::{print_json, print_rows};
use crate::core::aggregation::{self, TieRule};
use crate::core::agreement;
use crate::dataset::LabelSource;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::files;
use crate::import::ImportOptions;
use crate::ml;
use crate::project::{Project, SPEC_FILE, STORE_FILE, login_name};
use crate::simulate::SimulatedAnnotator;
use crate::store::Store;
use crate::tui::{TuiOptions, run_annotate};
use anyhow::{Context, Result, bail};
use clap::Args;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

const DEMO_SPEC: &str = include_str!("../../sample_tasks/fortune-topics/quorum.toml");
const DEMO_ITEMS: &str = include_str!("../../sample_tasks/fortune-topics/items.csv");

/// The two simulated annotators: a careful one and a hastier one.
const SIMULATED: [(&str, f64); 2] = [("sim-ada", 0.85), ("sim-grace", 0.72)];

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Run headless and print the figures instead of opening the annotation screen.
    #[arg(long)]
    pub no_tui: bool,
    /// With --no-tui, print JSON.
    #[arg(long)]
    pub json: bool,
    /// Keep the demo project in this new directory instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// How many items each simulated annotator labels.
    #[arg(long, default_value_t = 400)]
    pub items: usize,
    /// Seed of the simulated annotators.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// How images are drawn: auto (ask the terminal), kitty, iterm2, sixel or halfblocks.
    #[arg(long, value_enum, default_value_t, value_name = "PROTOCOL")]
    pub image_protocol: crate::tui::graphics::ImageProtocol,
}

pub fn run(args: DemoArgs) -> Result<ExitCode> {
    let temporary = match &args.dir {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("quorum-demo-").tempdir()?),
    };
    let root = match (&args.dir, &temporary) {
        (Some(dir), _) => dir.clone(),
        (None, Some(temp)) => temp.path().to_path_buf(),
        (None, None) => unreachable!("one of the two is set above"),
    };

    let project = build_project(&root)?;
    simulate_annotators(&project, args.items, args.seed)?;

    if args.no_tui {
        return report(&project, args.json);
    }

    // Keep the project after the screen closes, so the user can go on with it.
    let kept = temporary.map(|t| t.keep()).unwrap_or(root);
    let outcome = run_annotate(&project, TuiOptions { annotator: login_name(), image_protocol: args.image_protocol });
    outln!("{}", msg::DEMO_KEPT.fmt(&[("dir", &kept.display())]));
    outcome?;
    Ok(ExitCode::SUCCESS)
}

fn build_project(root: &Path) -> Result<Project> {
    if root.join(SPEC_FILE).exists() {
        bail!(msg::DEMO_DIR_EXISTS.fmt(&[("dir", &root.display())]));
    }
    std::fs::create_dir_all(root).with_context(|| files::FILE_CANNOT_CREATE.fmt(&[("path", &root.display())]))?;
    std::fs::write(root.join(SPEC_FILE), DEMO_SPEC)?;
    let items = root.join("items.csv");
    std::fs::write(&items, DEMO_ITEMS)?;

    let project = Project::open(root)?;
    Store::create(&root.join(STORE_FILE))?;
    import_into_store(&project, &items, &ImportOptions::default())?;
    Ok(project)
}

fn simulate_annotators(project: &Project, items: usize, seed: u64) -> Result<()> {
    let mut store = project.store()?;
    // Simulated answers are throwaway data: an fsync for each would make the demo wait on
    // the disk for most of its run.
    store.relax_durability()?;
    let n_labels = project.spec.question().labels.len();
    for (offset, (name, accuracy)) in SIMULATED.iter().enumerate() {
        let mut annotator = SimulatedAnnotator::new(name, *accuracy, seed + offset as u64, n_labels);
        annotator.work(&mut store, &project.spec, items)?;
    }
    Ok(())
}

fn report(project: &Project, as_json: bool) -> Result<ExitCode> {
    let store = project.store()?;
    let ratings = project.ratings(&store)?;
    let summary = agreement::summary(&ratings);
    let majority = aggregation::majority_vote(&ratings, TieRule::SmallestLabel);
    let majority_accuracy = aggregation::accuracy(&majority, &store.gold_labels()?).map(|(acc, _)| acc);

    let (examples, _) = project.load_examples(LabelSource::Majority)?;
    let cancel = AtomicBool::new(false);
    let evaluation =
        ml::evaluate(&examples, &project.spec.model, project.spec.model.folds as usize, &|_, _| {}, &cancel)?;

    let alpha = summary.krippendorff_alpha.value();
    if as_json {
        print_json(&json!({
            "krippendorff_alpha": alpha,
            "percent_agreement": summary.percent_agreement.value(),
            "majority_accuracy": majority_accuracy,
            "macro_f1": evaluation.macro_f1,
            "n_items_labelled": summary.n_items,
            "n_annotations": summary.n_annotations,
            "folds": evaluation.folds,
        }))?;
    } else {
        let fmt = |v: Option<f64>| {
            v.map(|x| format!("{x:.4}")).unwrap_or_else(|| crate::i18n::catalogue::common::UNDEFINED.text().to_string())
        };
        print_rows(&[
            (msg::DEMO_PERCENT_AGREEMENT.text().to_string(), summary.percent_agreement.to_string()),
            (msg::STAT_KRIPPENDORFF_ALPHA.text().to_string(), summary.krippendorff_alpha.to_string()),
            (msg::DEMO_MAJORITY_ACCURACY.text().to_string(), fmt(majority_accuracy)),
            (msg::DEMO_MACRO_F1.text().to_string(), format!("{:.4}", evaluation.macro_f1)),
        ]);
        outln!("{}", msg::DEMO_NOTE.fmt(&[("n", &summary.n_items)]));
    }
    Ok(ExitCode::SUCCESS)
}
