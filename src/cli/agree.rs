//! `quorum agree`: agreement statistics for a project or a long-format label file.

use super::output::outln;
use super::output::{print_json, print_rows};
use super::question_arg::QuestionArg;
use crate::core::agreement::{
    self, AgreementSummary, AlphaInterval, BootstrapOptions, Level, PairKappa, Ratings, Stat,
};
use crate::crowd_file;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::review::{
    REV_LABEL_ORDER_MISSING, REV_ORDINAL_FIRST_APPEARANCE, REV_PAIRS_FIRST_APPEARANCE, REV_PAIRS_UNDEFINED,
};
use crate::i18n::catalogue::stats::{STAT_PAIRS_HEADER, STAT_PAIRS_NONE, STAT_PAIRS_ROW};
use crate::project::Project;
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Long-format label file (item,worker,label) to use instead of the current project.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Level of measurement for Krippendorff's alpha.
    #[arg(long, value_enum, default_value = "nominal")]
    pub level: LevelArg,
    /// Number of bootstrap resamples for a confidence interval on alpha (0: none).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub bootstrap: usize,
    /// Seed of the bootstrap resampling.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Labels of the `--labels` file in scale order, lowest first, for the ordinal level
    /// and the weighted kappas of `--pairs`.
    #[arg(long, value_name = "LABELS", value_delimiter = ',', requires = "labels")]
    pub label_order: Vec<String>,
    /// Also list Cohen's kappa of every annotator pair that shares an item: unweighted,
    /// and with linear and quadratic weights on the label ranks for ordinal labels.
    #[arg(long)]
    pub pairs: bool,
    /// Write each item's percent agreement to this CSV file, as `item,answers,percent_agreement`.
    #[arg(long, value_name = "FILE")]
    pub per_item: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    Nominal,
    Ordinal,
    Interval,
    Ratio,
}

impl From<LevelArg> for Level {
    fn from(level: LevelArg) -> Level {
        match level {
            LevelArg::Nominal => Level::Nominal,
            LevelArg::Ordinal => Level::Ordinal,
            LevelArg::Interval => Level::Interval,
            LevelArg::Ratio => Level::Ratio,
        }
    }
}

pub fn run(args: AgreeArgs, find: impl FnOnce() -> Result<Project>) -> Result<ExitCode> {
    if let Some(per_item) = &args.per_item {
        super::out_file::reject_input_as_output("--per-item", per_item, &[args.labels.as_deref()])?;
    }

    // The question is named in the text output only when the task has several.
    let (ratings, question, several) = match &args.labels {
        Some(path) => (read_label_file(path, &args.label_order, args.level, args.pairs)?, None, false),
        None => {
            let project = args.question.select(&find()?)?;
            let several = project.spec.has_several_questions();
            (project.ratings(&project.store()?)?, Some(project.question().id.clone()), several)
        }
    };
    let level = Level::from(args.level);
    let summary = agreement::summary_at(&ratings, level);
    let interval = if args.bootstrap > 0 {
        let options = BootstrapOptions { resamples: args.bootstrap, seed: args.seed, ..BootstrapOptions::default() };
        Some(agreement::alpha_bootstrap(&ratings, level, &options)?)
    } else {
        None
    };
    let pairs = if args.pairs { Some(agreement::cohen_kappa_pairs(&ratings)) } else { None };
    if let Some(path) = &args.per_item {
        write_per_item(path, &ratings)?;
    }

    if args.json {
        let mut value = summary.to_json();
        if let Some(question) = &question {
            value["question"] = json!(question);
        }
        if let Some(interval) = &interval {
            value["alpha_ci"] = json!({
                "lower": interval.lower.value(),
                "upper": interval.upper.value(),
                "confidence": interval.confidence,
                "resamples": interval.resamples,
                "defined_resamples": interval.defined_resamples,
                "seed": args.seed,
                "scheme": "item-level percentile bootstrap",
            });
            if let Some(reason) = interval.lower.undefined_reason() {
                value["undefined_reasons"]["alpha_ci"] = json!(reason.message());
            }
        }
        if let Some(pairs) = &pairs {
            value["pairs"] = pairs_json(&ratings, pairs, &mut value["undefined_reasons"]);
        }
        print_json(&value)?;
    } else {
        if let Some(question) = question.as_ref().filter(|_| several) {
            outln!("{}", crate::i18n::catalogue::review::REV_EVAL_QUESTION.fmt(&[("id", question)]));
        }
        print_summary(&summary, interval.as_ref());
        if let Some(pairs) = &pairs {
            print_pairs(&ratings, pairs);
        }
        // The JSON output stays one document, so only the table names the file written.
        if let Some(path) = &args.per_item {
            outln!("{}", msg::EXPORT_DONE.fmt(&[("n", &ratings.n_items()), ("file", &path.display())]));
        }
    }

    // The process exits next, and the operating system takes the memory back faster
    // than freeing the table's many small strings one at a time.
    std::mem::forget(ratings);
    Ok(ExitCode::SUCCESS)
}

/// Returns the pair kappas as JSON objects. An undefined kappa is `null`, and its reason goes
/// under `pairs.FIRST.SECOND.KIND` in `reasons`, the summary's `undefined_reasons`.
fn pairs_json(ratings: &Ratings, pairs: &[PairKappa], reasons: &mut serde_json::Value) -> serde_json::Value {
    let names = ratings.annotators();
    let rows: Vec<serde_json::Value> = pairs
        .iter()
        .map(|pair| {
            let (first, second) = (&names[pair.first], &names[pair.second]);
            for (kind, stat) in
                [("kappa", &pair.unweighted), ("kappa_linear", &pair.linear), ("kappa_quadratic", &pair.quadratic)]
            {
                if let Some(reason) = stat.undefined_reason() {
                    reasons["pairs"][first][second][kind] = json!(reason.message());
                }
            }
            json!({
                "first": first,
                "second": second,
                "shared_items": pair.shared_items,
                "kappa": pair.unweighted.value(),
                "kappa_linear": pair.linear.value(),
                "kappa_quadratic": pair.quadratic.value(),
            })
        })
        .collect();
    rows.into()
}

/// Writes `item,answers,percent_agreement` rows, the last empty for an item with one
/// answer, which has no pair to agree.
fn write_per_item(path: &Path, ratings: &Ratings) -> Result<()> {
    super::aggregate::write_csv(path, &["item", "answers", "percent_agreement"], |writer| {
        for item in 0..ratings.n_items() {
            let share = agreement::item_percent_agreement(ratings, item).map(|share| share.to_string());
            let answers = ratings.item_answers(item).len().to_string();
            writer.write_record([ratings.items()[item].as_str(), &answers, share.as_deref().unwrap_or("")])?;
        }
        Ok(())
    })
}

/// Prints one line per annotator pair with its shared items and its three kappas.
fn print_pairs(ratings: &Ratings, pairs: &[PairKappa]) {
    if pairs.is_empty() {
        outln!("{}", STAT_PAIRS_NONE.text());
        return;
    }
    outln!("{}", STAT_PAIRS_HEADER.text());
    let short = |stat: &Stat| stat.value().map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
    let names = ratings.annotators();
    let rows: Vec<(String, String)> = pairs
        .iter()
        .map(|pair| {
            let value = STAT_PAIRS_ROW.fmt(&[
                ("n", &pair.shared_items),
                ("kappa", &short(&pair.unweighted)),
                ("linear", &short(&pair.linear)),
                ("quadratic", &short(&pair.quadratic)),
            ]);
            (format!("{} - {}", names[pair.first], names[pair.second]), value)
        })
        .collect();
    print_rows(&rows);

    // The table shows an undefined kappa as a dash, so each distinct reason follows it
    // once, with the number of pairs it applies to.
    let mut reasons: Vec<(String, usize)> = Vec::new();
    for pair in pairs {
        let mut messages: Vec<String> = [&pair.unweighted, &pair.linear, &pair.quadratic]
            .iter()
            .filter_map(|stat| stat.undefined_reason().map(|reason| reason.message()))
            .collect();
        messages.sort_unstable();
        messages.dedup();
        for message in messages {
            match reasons.iter_mut().find(|(known, _)| *known == message) {
                Some((_, count)) => *count += 1,
                None => reasons.push((message, 1)),
            }
        }
    }
    for (reason, count) in &reasons {
        outln!("  {}", REV_PAIRS_UNDEFINED.fmt(&[("n", count), ("reason", reason)]));
    }
}

/// Reads a `--labels` file with `order` as the label order when given.
///
/// Without an order, text labels are ranked by their first appearance in the file, so
/// the ordinal level and the weighted pair kappas (`pairs`) would give other values for
/// the same answers in another row order. That case gets a warning when the file has
/// three or more labels, and an order that leaves out a label is rejected.
fn read_label_file(path: &Path, order: &[String], level: LevelArg, pairs: bool) -> Result<Ratings> {
    let ratings = read_label_file_in_order(path, order, level, pairs)?;
    if let Some(note) = crowd_file::replaced_note(path, &ratings) {
        eprintln!("{note}");
    }
    Ok(ratings)
}

/// [`read_label_file`] before the note on repeated rows.
fn read_label_file_in_order(path: &Path, order: &[String], level: LevelArg, pairs: bool) -> Result<Ratings> {
    let order: Vec<String> = order.iter().map(|label| label.trim().to_string()).filter(|l| !l.is_empty()).collect();
    if order.is_empty() {
        let ratings = crowd_file::read_ratings(path, None)?;
        let text_labels = ratings.labels().iter().any(|label| agreement::numeric_value(label).is_none());
        // With one or two labels every order is the scale or its reverse, which give the
        // same ordinal alpha and weighted kappas, so the order needs no warning.
        let order_matters = text_labels && ratings.labels().len() >= 3;
        let warning = match level {
            LevelArg::Ordinal => Some(&REV_ORDINAL_FIRST_APPEARANCE),
            _ if pairs => Some(&REV_PAIRS_FIRST_APPEARANCE),
            _ => None,
        };
        if let Some(warning) = warning.filter(|_| order_matters) {
            eprintln!("{}", warning.fmt(&[("path", &path.display()), ("order", &ratings.labels().join(" < "))]));
        }
        return Ok(ratings);
    }

    let ratings = crowd_file::read_ratings(path, Some(&order))?;
    // Declared labels come first in `labels()`, so any label after them is one that the
    // order left out.
    let n_declared = ratings.labels().iter().take_while(|label| order.contains(label)).count();
    if let Some(missing) = ratings.labels().get(n_declared) {
        bail!(REV_LABEL_ORDER_MISSING.fmt(&[
            ("path", &path.display()),
            ("label", missing),
            ("order", &order.join(", ")),
        ]));
    }
    // Ranks follow numeric value whenever every label is a number, so an order given for
    // numbers would be ignored without a word.
    if ratings.labels().iter().all(|label| agreement::numeric_value(label).is_some()) {
        bail!(crate::i18n::catalogue::stats::STATS_LABEL_ORDER_NUMERIC.fmt(&[("path", &path.display())]));
    }
    Ok(ratings)
}

/// Label count above which the text output leaves the per-label table to `--json`.
const MAX_CATEGORY_ROWS: usize = 20;

pub fn print_summary(summary: &AgreementSummary, interval: Option<&AlphaInterval>) {
    outln!(
        "{}",
        msg::AGREE_HEADER.fmt(&[
            ("items", &summary.n_items),
            ("annotators", &summary.n_annotators),
            ("annotations", &summary.n_annotations),
        ])
    );
    let mut alpha = summary.krippendorff_alpha.to_string();
    if let Some(interval) = interval {
        let bounds = match (&interval.lower, &interval.upper) {
            (Stat::Value(lower), Stat::Value(upper)) => msg::AGREE_ALPHA_CI.fmt(&[
                ("percent", &format!("{:.0}", interval.confidence * 100.0)),
                ("lower", &format!("{lower:.4}")),
                ("upper", &format!("{upper:.4}")),
                ("resamples", &interval.resamples),
            ]),
            (lower, _) => lower.to_string(),
        };
        alpha = format!("{alpha}  {bounds}");
    }
    let alpha_name = msg::STAT_KRIPPENDORFF_ALPHA_LEVEL.fmt(&[("level", &summary.level.name())]);
    let rows = vec![
        (msg::STAT_PERCENT_AGREEMENT.text().to_string(), summary.percent_agreement.to_string()),
        (msg::STAT_COHEN_KAPPA_MEAN.text().to_string(), summary.cohen_kappa_mean.to_string()),
        (
            crate::i18n::catalogue::stats::STAT_COHEN_KAPPA_SHARED_WEIGHTED.text().to_string(),
            summary.cohen_kappa_shared_weighted.to_string(),
        ),
        (msg::STAT_FLEISS_KAPPA.text().to_string(), summary.fleiss_kappa.to_string()),
        (msg::STAT_SCOTT_PI.text().to_string(), summary.scott_pi.to_string()),
        (msg::STAT_GWET_AC1.text().to_string(), summary.gwet_ac1.to_string()),
        (alpha_name, alpha),
    ];
    print_rows(&rows);

    if summary.shows_kappa_paradox()
        && let (Some(percent), Some((label, share))) = (summary.percent_agreement.value(), summary.dominant_label())
    {
        outln!(
            "{}",
            msg::AGREE_PARADOX_NOTE.fmt(&[
                ("percent", &format!("{percent:.4}")),
                ("label", &label),
                ("share", &format!("{:.0}", share * 100.0)),
            ])
        );
    }

    if summary.categories.len() > MAX_CATEGORY_ROWS {
        outln!("{}", msg::AGREE_CATEGORY_OMITTED.fmt(&[("n", &summary.categories.len())]));
    } else if !summary.categories.is_empty() {
        outln!("{}", msg::AGREE_CATEGORY_HEADER.text());
        let rows: Vec<(String, String)> = summary
            .categories
            .iter()
            .map(|c| {
                let value = msg::AGREE_CATEGORY_ROW.fmt(&[
                    ("share", &format!("{:.4}", c.share)),
                    ("kappa", &c.fleiss_kappa),
                    ("specific", &c.specific_agreement),
                ]);
                (c.label.clone(), value)
            })
            .collect();
        print_rows(&rows);
    }
}
