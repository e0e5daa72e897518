//! The `--question ID` option of the commands that work on one question of the task.

use crate::i18n::Lang;
use crate::i18n::catalogue::questions as qmsg;
use crate::project::Project;
use anyhow::Result;
use clap::Args;

/// Subcommands that take `--question`; their help text is set in [`localize_help`].
const COMMANDS: &[&str] = &["agree", "aggregate", "annotators", "adjudicate", "export", "train", "eval"];

#[derive(Debug, Args, Clone, Default)]
pub struct QuestionArg {
    /// Id of the question to work on (default: the first question in quorum.toml).
    #[arg(long, value_name = "ID")]
    pub question: Option<String>,
}

impl QuestionArg {
    /// Returns a copy of `project` with this question selected; an unknown id is an
    /// error that lists the task's question ids.
    pub fn select(&self, project: &Project) -> Result<Project> {
        let mut project = project.clone();
        project.select_question(self.question.as_deref())?;
        Ok(project)
    }
}

/// Sets the localised help of `--question` on every subcommand that has it.
pub fn localize_help(mut command: clap::Command, lang: Lang) -> clap::Command {
    for name in COMMANDS {
        command = command
            .mut_subcommand(*name, |sub| sub.mut_arg("question", |arg| arg.help(qmsg::QUESTIONS_ARG.text_in(lang))));
    }
    // `predict` stores its predictions for the question its run was trained on.
    command.mut_subcommand("predict", |sub| {
        sub.mut_arg("question", |arg| arg.help(qmsg::QUESTIONS_ARG_PREDICT.text_in(lang)))
    })
}
