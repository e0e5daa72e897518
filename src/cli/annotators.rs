//! `quorum annotators [--json]`: per-annotator quality for leads and reviewers.

use super::output::outln;
use super::output::{print_json, print_rows};
use super::question_arg::QuestionArg;
use crate::core::quality::{AnnotatorQuality, QualityFlag, QualityThresholds};
use crate::core::task::Permission;
use crate::i18n::catalogue::cli as msg;
use crate::project::{Project, login_name};
use anyhow::{Result, bail};
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct AnnotatorsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

pub fn run(project: &Project, args: AnnotatorsArgs) -> Result<ExitCode> {
    require_review(project)?;
    let project = args.question.select(project)?;
    let store = project.store()?;
    let team = store.annotator_quality(&QualityThresholds::default())?;

    if args.json {
        let mut value = serde_json::to_value(&team)?;
        value["question"] = serde_json::Value::from(project.question().id.as_str());
        print_json(&value)?;
        return Ok(ExitCode::SUCCESS);
    }
    if team.annotators.is_empty() {
        outln!("{}", msg::ANNOTATORS_NONE.text());
        return Ok(ExitCode::SUCCESS);
    }
    let team_median = team.team_median_ms.map(seconds).unwrap_or_else(|| "-".to_string());
    outln!("{}", msg::ANNOTATORS_HEADER.fmt(&[("n", &team.annotators.len()), ("median", &team_median)]));
    for annotator in &team.annotators {
        outln!();
        outln!("{}", annotator.annotator);
        print_rows(&rows(annotator));
    }
    Ok(ExitCode::SUCCESS)
}

/// Fails unless the person running the command is a lead or reviewer.
pub(super) fn require_review(project: &Project) -> Result<String> {
    let user = login_name();
    if !project.spec.permits(&user, Permission::Review) {
        bail!(msg::ROLE_REVIEW_REQUIRED.fmt(&[("name", &user)]));
    }
    Ok(user)
}

fn rows(quality: &AnnotatorQuality) -> Vec<(String, String)> {
    let share = |value: Option<f64>, of: u64| match value {
        Some(v) => msg::ANNOTATORS_SHARE_OF.fmt(&[("share", &format!("{:.1}%", v * 100.0)), ("n", &of)]),
        None => "-".to_string(),
    };
    let top = match &quality.top_label {
        Some((label, share)) => format!("{label} ({:.0}%)", share * 100.0),
        None => "-".to_string(),
    };
    let flags: Vec<&str> = quality
        .flags
        .iter()
        .map(|flag| match flag {
            QualityFlag::SuspiciousSpeed => msg::FLAG_SUSPICIOUS_SPEED.text(),
            QualityFlag::ConstantAnswers => msg::FLAG_CONSTANT_ANSWERS.text(),
        })
        .collect();
    vec![
        (msg::ANNOTATORS_DONE.text().to_string(), quality.items_done.to_string()),
        (msg::ANNOTATORS_GOLD.text().to_string(), share(quality.gold_accuracy, quality.gold_answered)),
        (msg::ANNOTATORS_CONSENSUS.text().to_string(), share(quality.consensus_agreement, quality.consensus_items)),
        (msg::ANNOTATORS_MEDIAN.text().to_string(), quality.median_ms.map(seconds).unwrap_or_else(|| "-".to_string())),
        (msg::ANNOTATORS_TOP_LABEL.text().to_string(), top),
        (msg::ANNOTATORS_FLAGS.text().to_string(), if flags.is_empty() { "-".to_string() } else { flags.join(", ") }),
    ]
}

fn seconds(ms: i64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}
