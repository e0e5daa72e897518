//! `quorum aggregate`: infer one label per item from the annotators' answers.

use super::out_file::OutFile;
use super::output::outln;
use super::output::{print_json, print_rows};
use super::question_arg::QuestionArg;
use crate::core::aggregation::{self, AggregateOptions, Aggregation, Method, NumericMethod, TieRule};
use crate::core::agreement::Ratings;
use crate::crowd_file;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::files;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::review::REV_GOLD_NO_MATCH;
use crate::project::Project;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rustc_hash::FxHashMap;
use serde_json::json;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Inference method: majority, wmv, wawa, dawid-skene, one-coin, glad or mace; mean
    /// or median for numeric labels.
    #[arg(long, default_value = "majority")]
    pub method: String,
    /// Long-format label file (item,worker,label) to use instead of the current project.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Gold file (item,label) to score against; a project uses its own gold column.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,
    /// Write item,label,confidence rows to this CSV file (item,value,answers for mean and median).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// How majority vote breaks ties.
    #[arg(long, value_enum, default_value = "smallest")]
    pub tie: TieArg,
    /// Seed for `--tie random`.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// With `--method mace`, reproduce crowd-kit 1.4.2, which gives each annotator the
    /// spamming strategy of the annotator at the same position in sorted-name order.
    #[arg(long)]
    pub crowd_kit_compat: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TieArg {
    Smallest,
    Random,
}

/// Rejects `--crowd-kit-compat` for a method other than MACE, named by `method` in the error.
fn reject_compat_without_mace(args: &AggregateArgs, method: &str) -> Result<()> {
    if args.crowd_kit_compat {
        anyhow::bail!(crate::i18n::catalogue::stats::STATS_COMPAT_MACE_ONLY.fmt(&[("method", &method)]));
    }
    Ok(())
}

pub fn run(args: AggregateArgs, find: impl FnOnce() -> Result<Project>) -> Result<ExitCode> {
    if let Some(out) = &args.out {
        super::out_file::reject_input_as_output("--out", out, &[args.labels.as_deref(), args.gold.as_deref()])?;
    }

    // The check comes before the numeric methods branch off, because mean and median
    // would otherwise ignore the option silently.
    if let Some(method) = NumericMethod::parse(&args.method) {
        reject_compat_without_mace(&args, method.name())?;
        return super::aggregate_numeric::run(method, &args, find);
    }
    let method: Method = args.method.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    if method != Method::Mace {
        reject_compat_without_mace(&args, method.name())?;
    }
    let tie = match args.tie {
        TieArg::Smallest => TieRule::SmallestLabel,
        TieArg::Random => TieRule::Random { seed: args.seed },
    };

    let (ratings, mut gold, question) = load_ratings(&args, find)?;
    // A gold file is scored row by row against the result, unless the method itself
    // reads gold labels: a map of owned names for every gold row took a tenth of a
    // majority vote on a million answers. It must open before the method runs, so that
    // a wrong path fails at once rather than after a long fit.
    let score_file = args.gold.as_deref().filter(|_| method != Method::GoldWeighted);
    if let Some(path) = &args.gold {
        if score_file.is_some() {
            File::open(path).with_context(|| files::FILE_CANNOT_OPEN.fmt(&[("path", &path.display())]))?;
        } else {
            gold = crowd_file::read_gold(path)?;
        }
    }

    // Only the gold-weighted vote reads gold labels, so the other methods get an empty
    // map rather than a copy of one that can hold hundreds of thousands of items.
    let method_gold = match method {
        Method::GoldWeighted => gold.iter().map(|(item, label)| (item.clone(), label.clone())).collect(),
        _ => HashMap::new(),
    };
    let mut options = AggregateOptions { tie, gold: method_gold, ..AggregateOptions::default() };
    options.mace.crowd_kit_strategy_order = args.crowd_kit_compat;
    let result = aggregation::aggregate(method, &ratings, &options)?;
    let accuracy = match score_file {
        Some(path) => score_gold_file(path, &result)?,
        None => aggregation::accuracy(&result, &gold),
    };
    // A gold file with other ids than the answers gives no accuracy at all, which is
    // easy to miss in the output, so stderr names the file. The JSON keeps `null`.
    if let (Some(path), None) = (&args.gold, accuracy) {
        eprintln!("{}", REV_GOLD_NO_MATCH.fmt(&[("path", &path.display()), ("items", &result.items.len())]));
    }
    if let Some(path) = &args.out {
        write_labels(path, &result)?;
    }

    if args.json {
        let mut value = json!({
            "method": method.name(),
            "n_items": result.items.len(),
            "accuracy": accuracy.map(|(a, _)| a),
            "n_gold_scored": accuracy.map(|(_, n)| n),
            "iterations": result.iterations,
            "converged": result.converged,
            "parameters": result.parameters.to_json(ratings.annotators(), ratings.items()),
        });
        // As in `quorum agree`, the question is named only for a project: a label file
        // has none.
        if let Some(question) = &question {
            value["question"] = json!(question);
        }
        print_json(&value)?;
    } else {
        let mut rows = vec![(msg::AGG_METHOD.text().to_string(), method.name().to_string())];
        if let Some(question) = &question {
            rows.push((qmsg::QUESTIONS_ROW.text().to_string(), question.clone()));
        }
        rows.push((msg::AGG_ITEMS.text().to_string(), result.items.len().to_string()));
        if let Some((acc, n)) = accuracy {
            rows.push((
                msg::AGG_ACCURACY.text().to_string(),
                msg::AGG_ACCURACY_VALUE.fmt(&[("acc", &format!("{acc:.4}")), ("n", &n)]),
            ));
        }
        print_rows(&rows);
        match &args.out {
            Some(path) => outln!("{}", msg::EXPORT_DONE.fmt(&[("n", &result.items.len()), ("file", &path.display())])),
            None => outln!("{}", msg::AGG_HINT_OUT.text()),
        }
    }

    // The process exits next. Freeing the table, the gold map and the result one small
    // allocation at a time took about a tenth of a run on a million answers in a perf
    // profile, and the operating system takes the memory back at exit anyway.
    std::mem::forget((ratings, gold, options, result));
    Ok(ExitCode::SUCCESS)
}

/// Loads the answers to aggregate, the project's gold labels (empty for a `--labels` file) and
/// the project's question id, from `--labels` or else from the current project.
pub(super) fn load_ratings(
    args: &AggregateArgs,
    find: impl FnOnce() -> Result<Project>,
) -> Result<(Ratings, FxHashMap<String, String>, Option<String>)> {
    match &args.labels {
        Some(path) => {
            let ratings = crowd_file::read_ratings(path, None)?;
            if let Some(note) = crowd_file::replaced_note(path, &ratings) {
                eprintln!("{note}");
            }
            Ok((ratings, FxHashMap::default(), None))
        }
        None => {
            let project = args.question.select(&find()?)?;
            let store = project.store()?;
            let gold = store.gold_labels()?.into_iter().collect();
            Ok((project.ratings(&store)?, gold, Some(project.question().id.clone())))
        }
    }
}

/// Runs one inference method on the ratings with default options and no gold labels,
/// so [`Method::GoldWeighted`] fails here.
pub fn run_method(method: Method, ratings: &Ratings, tie: TieRule) -> Result<Aggregation> {
    let options = AggregateOptions { tie, ..AggregateOptions::default() };
    Ok(aggregation::aggregate(method, ratings, &options)?)
}

/// [`aggregation::accuracy`] against a gold file, with the same result: the gold label
/// that counts for an item is its last row in the file.
fn score_gold_file(path: &Path, result: &Aggregation) -> Result<Option<(f64, usize)>> {
    // The map from item name to position is built only when a gold row is out of order:
    // gold files written with the answers never need it.
    let mut index: Option<FxHashMap<&str, usize>> = None;
    let mut correct: Vec<Option<bool>> = vec![None; result.items.len()];
    // Gold files usually list items in the order of the answer file, so the item after
    // the last one found is tried before the hash map, which misses the cache.
    let mut next = 0;
    crowd_file::visit_gold(path, |item, label| {
        let found = match result.items.get(next) {
            Some(inferred) if inferred.item == item => Some(next),
            _ => index
                .get_or_insert_with(|| {
                    result.items.iter().enumerate().map(|(i, inferred)| (inferred.item.as_str(), i)).collect()
                })
                .get(item)
                .copied(),
        };
        if let Some(i) = found {
            correct[i] = Some(result.items[i].label == label);
            next = i + 1;
        }
    })?;
    let scored = correct.iter().filter(|c| c.is_some()).count();
    let right = correct.iter().filter(|c| **c == Some(true)).count();
    Ok((scored > 0).then(|| (right as f64 / scored as f64, scored)))
}

/// Writes `item,label,confidence` rows to `path`.
fn write_labels(path: &Path, result: &Aggregation) -> Result<()> {
    write_csv(path, &["item", "label", "confidence"], |writer| {
        for inferred in &result.items {
            writer.write_record([
                inferred.item.as_str(),
                inferred.label.as_str(),
                &format!("{:.6}", inferred.confidence),
            ])?;
        }
        Ok(())
    })
}

/// Writes a CSV file of `header` and the rows `write` adds. The rows go to a temporary
/// sibling that is then renamed, as exports do, so an interrupted run leaves an earlier
/// file whole.
pub(super) fn write_csv(
    path: &Path,
    header: &[&str],
    write: impl FnOnce(&mut csv::Writer<File>) -> Result<()>,
) -> Result<()> {
    let out_file = OutFile::plan(path);
    // `File::create` rather than `csv::Writer::from_path`, because the latter wraps the
    // I/O error in a csv error, which the error printer cannot translate.
    let file = File::create(&out_file.write_path)
        .with_context(|| files::FILE_CANNOT_CREATE.fmt(&[("path", &path.display())]))?;
    let mut writer = csv::Writer::from_writer(file);
    writer.write_record(header)?;
    write(&mut writer)?;
    writer.flush().with_context(|| files::FILE_CANNOT_WRITE.fmt(&[("path", &path.display())]))?;
    drop(writer);
    if let Some((from, to)) = out_file.pending_rename() {
        std::fs::rename(from, to)
            .with_context(|| files::FILE_CANNOT_MOVE.fmt(&[("from", &from.display()), ("to", &to.display())]))?;
    }
    Ok(())
}
