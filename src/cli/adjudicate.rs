//! `quorum adjudicate ITEM LABEL` and `quorum adjudicate --list`: settle disagreements.

use super::annotators::require_review;
use super::output::outln;
use super::question_arg::QuestionArg;
use crate::core::sanitize;
use crate::i18n::catalogue::cli as msg;
use crate::project::Project;
use anyhow::{Result, bail};
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AdjudicateArgs {
    /// External id of the item.
    #[arg(required_unless_present = "list")]
    pub item: Option<String>,
    /// The final label.
    #[arg(required_unless_present = "list")]
    pub label: Option<String>,
    /// List the items the annotators disagree on, worst first, instead.
    #[arg(long, conflicts_with_all = ["item", "label"])]
    pub list: bool,
    /// With --list: how many items to print.
    #[arg(long, default_value_t = 20)]
    pub limit: u64,
    /// With --list: how many items to pass over first.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// With --list: print JSON Lines, one item per line.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

pub fn run(project: &Project, args: AdjudicateArgs) -> Result<ExitCode> {
    let reviewer = require_review(project)?;
    let project = args.question.select(project)?;
    let question = project.question();
    let mut store = project.store()?;

    if args.list {
        let page = store.disagreements(args.offset, args.limit, false)?;
        if page.is_empty() && !args.json {
            outln!("{}", msg::ADJUDICATE_NONE.text());
        }
        // Keys padded to the widest on the page, so the shares line up.
        let key_width = page.iter().map(|item| sanitize::display_width(&item.key)).max().unwrap_or(0);
        for item in &page {
            if args.json {
                let mut value = serde_json::to_value(item)?;
                value["question"] = serde_json::Value::from(question.id.as_str());
                outln!("{}", serde_json::to_string(&value)?);
                continue;
            }
            let counts: Vec<String> = item.label_counts.iter().map(|(label, n)| format!("{label}×{n}")).collect();
            let padding = " ".repeat(key_width - sanitize::display_width(&item.key));
            outln!("{}{padding}  {:>3.0}%  {}", item.key, item.majority_share * 100.0, counts.join(" "));
        }
        return Ok(ExitCode::SUCCESS);
    }

    let (Some(key), Some(label)) = (args.item, args.label) else {
        bail!(msg::ADJUDICATE_MISSING.text());
    };
    if !question.has_label(&label) {
        let labels = question.label_values().join(", ");
        bail!(msg::ADJUDICATE_BAD_LABEL.fmt(&[("label", &label), ("labels", &labels)]));
    }
    let Some(item) = store.item_by_key(&key)? else {
        bail!(msg::ADJUDICATE_NO_ITEM.fmt(&[("item", &key)]));
    };
    store.adjudicate(item.id, &label, &reviewer)?;
    outln!("{}", msg::ADJUDICATE_DONE.fmt(&[("item", &key), ("label", &label), ("name", &reviewer)]));
    Ok(ExitCode::SUCCESS)
}
