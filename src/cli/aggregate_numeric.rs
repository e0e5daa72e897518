//! `quorum aggregate --method mean|median`: numeric answers such as ratings, summarised
//! per item, with the Pearson correlation to gold values.

use super::aggregate::{AggregateArgs, load_ratings, write_csv};
use super::output::{outln, print_json, print_rows};
use crate::core::aggregation::{NumericEstimate, NumericMethod, numeric_aggregate, pearson};
use crate::core::agreement::{Stat, numeric_value};
use crate::crowd_file;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::review::REV_GOLD_NO_MATCH;
use crate::i18n::catalogue::stats as stats_msg;
use crate::project::Project;
use anyhow::{Result, bail};
use rustc_hash::FxHashMap;
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

pub fn run(method: NumericMethod, args: &AggregateArgs, find: impl FnOnce() -> Result<Project>) -> Result<ExitCode> {
    let (ratings, project_gold, question) = load_ratings(args, find)?;
    // A label file's path leads the message, as for every other problem in the file.
    let estimates = numeric_aggregate(&ratings, method).map_err(|error| match &args.labels {
        Some(path) => anyhow::anyhow!("{}: {error}", path.display()),
        None => error.into(),
    })?;

    // Gold values by item: the gold file's last row of an item counts, as for the
    // categorical methods, and a project's gold column otherwise.
    let gold_text: FxHashMap<String, String> = match &args.gold {
        Some(path) => {
            let mut rows = FxHashMap::default();
            crowd_file::visit_gold(path, |item, label| {
                rows.insert(item.to_string(), label.to_string());
            })?;
            rows
        }
        None => project_gold,
    };
    let pairs = gold_pairs(&estimates, &gold_text, args.gold.as_deref())?;
    if let Some(path) = &args.gold
        && pairs.is_empty()
    {
        eprintln!("{}", REV_GOLD_NO_MATCH.fmt(&[("path", &path.display()), ("items", &estimates.len())]));
    }
    let correlation = pearson(&pairs);

    if let Some(path) = &args.out {
        write_estimates(path, &estimates)?;
    }

    if args.json {
        let mut value = json!({
            "method": method.name(),
            "n_items": estimates.len(),
            "pearson_r": correlation.value(),
            "n_gold_scored": pairs.len(),
            "undefined_reasons": {},
        });
        if let Some(question) = &question {
            value["question"] = json!(question);
        }
        if !gold_text.is_empty()
            && let Some(reason) = correlation.undefined_reason()
        {
            value["undefined_reasons"]["pearson_r"] = json!(reason.message());
        }
        print_json(&value)?;
    } else {
        let mut rows = vec![
            (msg::AGG_METHOD.text().to_string(), method.name().to_string()),
            (msg::AGG_ITEMS.text().to_string(), estimates.len().to_string()),
        ];
        if !gold_text.is_empty() {
            let correlation_text = match &correlation {
                Stat::Value(r) => {
                    stats_msg::NUMERIC_PEARSON_VALUE.fmt(&[("r", &format!("{r:.4}")), ("n", &pairs.len())])
                }
                undefined => stats_msg::NUMERIC_PEARSON_UNDEFINED.fmt(&[("n", &pairs.len()), ("reason", undefined)]),
            };
            rows.push((stats_msg::NUMERIC_PEARSON.text().to_string(), correlation_text));
        }
        print_rows(&rows);
        match &args.out {
            Some(path) => outln!("{}", msg::EXPORT_DONE.fmt(&[("n", &estimates.len()), ("file", &path.display())])),
            None => outln!("{}", stats_msg::NUMERIC_HINT_OUT.text()),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Pairs each estimated item that has a gold value with that value. A gold
/// value that is not a number stops the command with its item, since a correlation
/// that silently left items out would mislead.
fn gold_pairs(
    estimates: &[NumericEstimate],
    gold: &FxHashMap<String, String>,
    gold_file: Option<&Path>,
) -> Result<Vec<(f64, f64)>> {
    let mut pairs = Vec::new();
    for estimate in estimates {
        let Some(text) = gold.get(estimate.item.as_str()) else {
            continue;
        };
        let Some(value) = numeric_value(text) else {
            let source = gold_file
                .map_or_else(|| stats_msg::NUMERIC_PROJECT_GOLD.text().to_string(), |p| p.display().to_string());
            bail!(stats_msg::NUMERIC_GOLD_NOT_A_NUMBER.fmt(&[
                ("source", &source),
                ("item", &estimate.item),
                ("value", text),
            ]));
        };
        pairs.push((estimate.value, value));
    }
    Ok(pairs)
}

/// Writes `item,value,answers` rows: each item's mean or median and the number of
/// answers behind it.
fn write_estimates(path: &Path, estimates: &[NumericEstimate]) -> Result<()> {
    write_csv(path, &["item", "value", "answers"], |writer| {
        for estimate in estimates {
            writer.write_record([
                estimate.item.as_str(),
                &estimate.value.to_string(),
                &estimate.answers.to_string(),
            ])?;
        }
        Ok(())
    })
}
