//! `quorum redact preview`: what the redaction rules match, before a lead turns them on.
//!
//! The preview reads the stored items, or an item file before it is imported, and prints
//! per rule the number of matches, the number of items with a match, and sample matches
//! in their context. It shows the very data the rules hide, so only leads may run it.

use super::output::{outln, print_json};
use crate::core::item::Item;
use crate::core::redact::Redactor;
use crate::core::sanitize::sanitize_plain;
use crate::core::task::Role;
use crate::i18n::catalogue::privacy as msg;
use crate::import::{ImportError, ImportOptions, ItemReader};
use crate::project::{Project, login_name};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Characters of context shown on each side of a sample match.
const CONTEXT_CHARS: usize = 24;

#[derive(Debug, Args)]
pub struct RedactArgs {
    #[command(subcommand)]
    pub command: RedactCommand,
}

#[derive(Debug, Subcommand)]
pub enum RedactCommand {
    Preview(PreviewArgs),
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Preview only the rule with this name.
    #[arg(long, value_name = "NAME")]
    pub rule: Option<String>,
    /// Sample matches to show per rule.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub limit: usize,
    /// Preview an item file before importing it, instead of the stored items.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The matches of one rule in a preview.
#[derive(Debug, Serialize)]
struct RulePreview {
    rule: String,
    matches: u64,
    items: u64,
    samples: Vec<Sample>,
}

/// One match with the text around it, sanitised for the terminal.
#[derive(Debug, Serialize)]
struct Sample {
    item: String,
    column: String,
    #[serde(rename = "match")]
    matched: String,
    context: String,
}

pub fn run(project: &Project, args: RedactArgs) -> Result<ExitCode> {
    match args.command {
        RedactCommand::Preview(preview) => run_preview(project, preview),
    }
}

/// Sets the help texts of `redact preview` in `lang`; the top-level help table cannot
/// reach a nested subcommand.
pub(super) fn localize_help(command: clap::Command, lang: crate::i18n::Lang) -> clap::Command {
    command.mut_subcommand("redact", |redact| {
        redact.mut_subcommand("preview", |preview| {
            preview
                .about(msg::PRIV_CMD_REDACT_PREVIEW.text_in(lang))
                .mut_arg("rule", |arg| arg.help(msg::PRIV_ARG_RULE.text_in(lang)))
                .mut_arg("limit", |arg| arg.help(msg::PRIV_ARG_LIMIT.text_in(lang)))
                .mut_arg("file", |arg| arg.help(msg::PRIV_ARG_FILE.text_in(lang)))
                .mut_arg("json", |arg| arg.help(msg::PRIV_ARG_JSON.text_in(lang)))
        })
    })
}

/// Fails unless the person running the command is a lead, or roles are off.
fn require_lead(project: &Project) -> Result<()> {
    let user = login_name();
    if project.spec.roles.is_enabled() && project.spec.roles.role_of(&user) != Role::Lead {
        bail!(msg::PRIV_LEAD_REQUIRED.fmt(&[("name", &user)]));
    }
    Ok(())
}

fn run_preview(project: &Project, args: PreviewArgs) -> Result<ExitCode> {
    require_lead(project)?;
    let redactor = &project.spec.redaction.redactor;
    if redactor.is_empty() {
        outln!("{}", msg::PRIV_NO_RULES.text());
        return Ok(ExitCode::SUCCESS);
    }
    let selected = match &args.rule {
        Some(name) => match redactor.rule_index(name) {
            Some(index) => Some(index),
            None => {
                let rules: Vec<&str> = redactor.rule_names().collect();
                bail!(msg::PRIV_UNKNOWN_RULE.fmt(&[("name", name), ("rules", &rules.join(", "))]));
            }
        },
        None => None,
    };

    let mut previews: Vec<RulePreview> = redactor
        .rule_names()
        .map(|name| RulePreview { rule: name.to_string(), matches: 0, items: 0, samples: Vec::new() })
        .collect();
    let keep = project.spec.fields.non_text_columns();
    let mut n_items: u64 = 0;
    let mut visit = |item: &Item| {
        n_items += 1;
        preview_item(redactor, item, &keep, args.limit, &mut previews);
    };
    let source = match &args.file {
        Some(file) => {
            visit_file(project, file, &mut visit)?;
            file.display().to_string()
        }
        None => {
            project.store()?.for_each_item(|item| {
                visit(&item);
                Ok(())
            })?;
            msg::PRIV_PREVIEW_STORE.text().to_string()
        }
    };
    if let Some(index) = selected {
        previews = previews.into_iter().skip(index).take(1).collect();
    }

    if args.json {
        let value = serde_json::json!({ "source": source, "items": n_items, "rules": previews });
        print_json(&value)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.file.is_none() && project.spec.redaction.at_import {
        outln!("{}", msg::PRIV_PREVIEW_AT_IMPORT.text());
    }
    outln!("{}", msg::PRIV_PREVIEW_HEADER.fmt(&[("n", &n_items), ("source", &source)]));
    for preview in &previews {
        outln!();
        outln!(
            "{}",
            msg::PRIV_PREVIEW_RULE.fmt(&[("rule", &preview.rule), ("n", &preview.matches), ("items", &preview.items)])
        );
        for sample in &preview.samples {
            let item = format!("{} ({})", sample.item, sample.column);
            outln!("{}", msg::PRIV_PREVIEW_SAMPLE.fmt(&[("item", &item), ("context", &sample.context)]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads an item file with the project's `[fields]`, passing over records with problems:
/// the preview is a look at the text, and `quorum import` reports those problems.
fn visit_file(project: &Project, file: &std::path::Path, visit: &mut dyn FnMut(&Item)) -> Result<()> {
    let reader = ItemReader::open(file, &project.spec.fields, &ImportOptions::default())?;
    for result in reader {
        match result {
            Ok(imported) => visit(&Item {
                id: crate::core::ids::ItemId(0),
                key: imported.key,
                fields: imported.fields,
                image: imported.image,
                gold: imported.gold,
            }),
            Err(ImportError::Row { .. }) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Ok(())
}

/// Adds the matches in one item's text columns to the per-rule previews.
fn preview_item(redactor: &Redactor, item: &Item, keep: &[&str], limit: usize, previews: &mut [RulePreview]) {
    let mut rules_in_item = vec![false; previews.len()];
    for (column, value) in &item.fields {
        if keep.contains(&column.as_str()) {
            continue;
        }
        for found in redactor.find(value) {
            let preview = &mut previews[found.rule];
            preview.matches += 1;
            rules_in_item[found.rule] = true;
            if preview.samples.len() < limit {
                preview.samples.push(Sample {
                    item: sanitize_plain(&item.key),
                    column: sanitize_plain(column),
                    matched: sanitize_plain(&value[found.range.clone()]),
                    context: context(value, found.range),
                });
            }
        }
    }
    for (preview, matched) in previews.iter_mut().zip(rules_in_item) {
        preview.items += u64::from(matched);
    }
}

/// Returns the match with up to [`CONTEXT_CHARS`] characters on each side, the match in
/// `[[...]]`, line breaks as spaces and control characters made visible.
fn context(text: &str, range: std::ops::Range<usize>) -> String {
    let before_start = text[..range.start].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let after_end = text[range.end..].char_indices().nth(CONTEXT_CHARS).map_or(text.len(), |(i, _)| range.end + i);
    let flat = |s: &str| sanitize_plain(&s.replace(['\n', '\r'], " "));
    let ellipsis_before = if before_start > 0 { "…" } else { "" };
    let ellipsis_after = if after_end < text.len() { "…" } else { "" };
    format!(
        "{ellipsis_before}{}[[{}]]{}{ellipsis_after}",
        flat(&text[before_start..range.start]),
        flat(&text[range.clone()]),
        flat(&text[range.end..after_end])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_match_and_trims() {
        let text = format!("{}联系 a@b.cn 谢谢", "x".repeat(40));
        let start = text.find("a@b").unwrap();
        let shown = context(&text, start..start + 6);
        assert!(shown.starts_with('…'), "{shown}");
        assert!(shown.contains("联系 [[a@b.cn]] 谢谢"), "{shown}");
        assert!(!shown.ends_with('…'), "{shown}");
    }
}
