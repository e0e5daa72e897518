//! `quorum import FILE`: add items from CSV, TSV or JSONL in one transaction.

use super::output::outln;
use crate::core::task::TaskSpec;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::privacy as privacy_msg;
use crate::i18n::catalogue::questions as qmsg;
use crate::import::{self, Format, ImportOptions, ImportSummary, ImportedItem};
use crate::project::Project;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// File to import (.csv, .tsv or .jsonl).
    pub file: PathBuf,
    /// File format, when the extension does not tell.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Field delimiter for CSV, e.g. ';' (detected from the header by default).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,
    /// Text encoding of the file, e.g. GBK, GB18030, Big5, Shift_JIS, windows-1252 (UTF-8 by default).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Import in a background job, print its id and return.
    #[arg(long)]
    pub detach: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Tsv,
    Jsonl,
}

pub fn run(project: &Project, args: ImportArgs) -> Result<ExitCode> {
    if args.detach {
        return run_detached(project, args);
    }
    let delimiter = match args.delimiter {
        Some(c) if c.is_ascii() => Some(c as u8),
        Some(c) => bail!(msg::CLI_BAD_DELIMITER.fmt(&[("value", &c)])),
        None => None,
    };
    let options = ImportOptions {
        format: args.format.map(|f| match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Tsv => Format::Tsv,
            FormatArg::Jsonl => Format::Jsonl,
        }),
        delimiter,
        encoding: args.encoding,
    };
    let summary = import_into_store(project, &args.file, &options)?;
    for warning in &summary.warnings {
        eprintln!("{warning}");
    }
    for (rule, n) in &summary.redactions {
        outln!("{}", privacy_msg::PRIV_IMPORT_REDACTED.fmt(&[("n", n), ("rule", rule)]));
    }
    outln!("{}", msg::IMPORT_DONE.fmt(&[("n", &summary.n_items), ("file", &args.file.display())]));
    Ok(ExitCode::SUCCESS)
}

/// Starts the import as a job; the worker runs in the project directory, so the file
/// path is made absolute first.
fn run_detached(project: &Project, args: ImportArgs) -> Result<ExitCode> {
    let file = if args.file.is_relative() { std::env::current_dir()?.join(&args.file) } else { args.file };
    let format = args.format.map(|f| match f {
        FormatArg::Csv => "csv".to_string(),
        FormatArg::Tsv => "tsv".to_string(),
        FormatArg::Jsonl => "jsonl".to_string(),
    });
    let params =
        crate::jobs::params::JobParams::Import { file, format, delimiter: args.delimiter, encoding: args.encoding };
    super::train::start_detached(project, &params, false)
}

/// Streams `file` into the project's store inside one transaction: on any error the
/// transaction is dropped and nothing is imported.
pub fn import_into_store(project: &Project, file: &Path, options: &ImportOptions) -> Result<ImportSummary> {
    let mut store = project.store()?;
    let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut inserter = store.begin_import(&source, project.spec.order)?;
    let allowed_gold = project.spec.question().label_values();

    // With `at_import` the text is redacted before it reaches the store, so the original is never stored.
    let redaction = &project.spec.redaction;
    let redactor = redaction.at_import.then_some(&redaction.redactor);
    let mut counts = vec![0; redaction.redactor.rule_names().count()];

    let mut summary =
        import::stream_items(file, &project.spec.fields, options, Some(&allowed_gold), &mut |mut item| {
            if let Some(redactor) = redactor {
                import::redact_item(&mut item, redactor, &project.spec.fields, &mut counts);
            }
            inserter.insert(&item.key, &item.fields, item.image.as_deref(), item.gold.as_deref(), item.line)?;
            for (question, label) in question_gold(&project.spec, &item)? {
                inserter.insert_question_gold(question, label)?;
            }
            Ok(())
        })?;
    if redactor.is_some() {
        summary.redactions = redaction.redactor.rule_names().map(str::to_string).zip(counts).collect();
    }

    let committed = inserter.commit().context(msg::IMPORT_COMMIT_FAILED.text())?;
    debug_assert_eq!(committed, summary.n_items);
    tracing::info!(file = %file.display(), items = committed, "import committed");
    Ok(summary)
}

/// Reads the gold labels of the questions after the first from `item`, as
/// `(question id, label)`. A value that is not one of its question's labels is an error,
/// which rolls the whole import back.
fn question_gold<'a>(spec: &'a TaskSpec, item: &'a ImportedItem) -> Result<Vec<(&'a str, &'a str)>> {
    let mut found = Vec::new();
    for (question_id, column) in &spec.fields.question_gold {
        let value = item.fields.iter().find(|(name, _)| name == column).map(|(_, value)| value.trim());
        let Some(label) = value.filter(|v| !v.is_empty()) else { continue };
        let question = spec.find_question(Some(question_id)).map_err(anyhow::Error::msg)?;
        if !question.has_label(label) {
            bail!(qmsg::QUESTIONS_GOLD_NOT_LABEL.fmt(&[
                ("column", column),
                ("value", &label),
                ("question", question_id),
                ("labels", &question.label_values().join(", ")),
            ]));
        }
        found.push((question_id.as_str(), label));
    }
    Ok(found)
}
