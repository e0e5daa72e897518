//! `quorum order`: ranks the queue by the active run's predictions, most uncertain first.

use super::output::{outln, print_json};
use crate::i18n::catalogue::learning as msg;
use crate::project::Project;
use crate::store::Uncertainty;
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct OrderArgs {
    /// Uncertainty rule (default: `task.uncertainty`, else margin).
    #[arg(long, value_enum)]
    pub by: Option<RuleArg>,
    /// Print JSON instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RuleArg {
    /// Smallest gap between the two most probable labels first.
    Margin,
    /// Lowest top probability first.
    LeastConfidence,
    /// Highest entropy first.
    Entropy,
}

impl From<RuleArg> for Uncertainty {
    fn from(arg: RuleArg) -> Self {
        match arg {
            RuleArg::Margin => Uncertainty::Margin,
            RuleArg::LeastConfidence => Uncertainty::LeastConfidence,
            RuleArg::Entropy => Uncertainty::Entropy,
        }
    }
}

pub fn run(project: &Project, args: OrderArgs) -> Result<ExitCode> {
    let rule = args.by.map(Uncertainty::from).or(project.spec.uncertainty).unwrap_or(Uncertainty::Margin);
    let Some(active) = project.store()?.active_run()? else {
        bail!(msg::LEARN_ORDER_NO_ACTIVE_RUN.text());
    };
    let run = active.id;

    // `quorum predict` stores a run's predictions under the question the run was trained
    // on, so the store must read that question, not the task's first one.
    let mut project = project.clone();
    project.select_question(Some(&active.question))?;
    let mut store = project.store()?;
    let ranked = store.apply_uncertainty_order(run, rule)?;
    if ranked == 0 {
        bail!(msg::LEARN_ORDER_NO_ACTIVE_RUN.text());
    }
    let queue_uses_it = project.spec.order == crate::core::assignment::Order::Priority;

    if args.json {
        print_json(
            &json!({ "run": run, "rule": rule.name(), "ranked": ranked, "queue_uses_priorities": queue_uses_it }),
        )?;
    } else {
        outln!("{}", msg::LEARN_ORDER_APPLIED.fmt(&[("n", &ranked), ("rule", &rule.name()), ("run", &run)]));
        if !queue_uses_it {
            outln!("{}", msg::LEARN_ORDER_NOT_PRIORITY.text());
        }
    }
    Ok(ExitCode::SUCCESS)
}
