//! `quorum export`: write answers, aggregated labels, the full history, items, annotator
//! quality or pairwise agreement to a file, optionally with redacted text and
//! pseudonymised names.

use super::aggregate::run_method;
use super::annotators::require_review;
use super::out_file::OutFile;
use super::output::outln;
use super::pseudonym::Pseudonymiser;
use super::question_arg::QuestionArg;
use crate::core::aggregation::{Method, TieRule};
use crate::core::agreement::{Ratings, Weights, cohen_kappa_pair};
use crate::core::quality::QualityThresholds;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::files;
use crate::i18n::catalogue::privacy as privacy_msg;
use crate::project::Project;
use crate::store::{Store, apply_adjudications};
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// What to export.
    #[arg(long, value_enum, default_value = "annotations")]
    pub what: ExportWhat,
    /// Output file; a regular file is written whole to a temporary file first, then renamed into place.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Apply the [redaction] rules to the item text written (items export).
    #[arg(long)]
    pub redact: bool,
    /// Replace annotator names by pseudonyms such as `ann-3f9a1c2b`.
    #[arg(long)]
    pub pseudonymise: bool,
    #[command(flatten)]
    pub question: QuestionArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// Each annotator's current answer to each item.
    Annotations,
    /// One majority-vote label per item, with its confidence; adjudicated items carry the
    /// adjudicated label at confidence 1.
    Labels,
    /// Every answer, undo and skip, with time (UTC, RFC 3339) and time spent, then every
    /// adjudication.
    History,
    /// Every item with its stored fields, one column per field.
    Items,
    /// Per-annotator quality, as `quorum annotators` shows it (leads and reviewers only).
    Annotators,
    /// Cohen's kappa for every pair of annotators, on the items both answered (leads and
    /// reviewers only).
    Agreement,
}

/// Writes rows as CSV (with a header) or JSON Lines (one object per row).
struct RowWriter {
    columns: Vec<String>,
    sink: Sink,
    rows: u64,
}

enum Sink {
    Csv(Box<csv::Writer<File>>),
    Jsonl(BufWriter<File>),
}

impl RowWriter {
    fn new(path: &Path, format: ExportFormat, columns: Vec<String>) -> Result<RowWriter> {
        let file = File::create(path).with_context(|| files::FILE_CANNOT_CREATE.fmt(&[("path", &path.display())]))?;
        let sink = match format {
            ExportFormat::Csv => {
                let mut writer = csv::Writer::from_writer(file);
                writer.write_record(&columns)?;
                Sink::Csv(Box::new(writer))
            }
            ExportFormat::Jsonl => Sink::Jsonl(BufWriter::new(file)),
        };
        Ok(RowWriter { columns, sink, rows: 0 })
    }

    fn write(&mut self, values: &[serde_json::Value]) -> Result<()> {
        self.rows += 1;
        match &mut self.sink {
            Sink::Csv(writer) => {
                let cells = values.iter().map(|v| match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                });
                writer.write_record(cells)?;
            }
            Sink::Jsonl(out) => {
                let object: serde_json::Map<String, serde_json::Value> =
                    self.columns.iter().cloned().zip(values.iter().cloned()).collect();
                serde_json::to_writer(&mut *out, &object)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Flushes and syncs the file, so that the rename that follows publishes whole data.
    fn finish(self) -> Result<u64> {
        let file = match self.sink {
            Sink::Csv(writer) => writer.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))?,
            Sink::Jsonl(out) => out.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))?,
        };
        // A pipe or device cannot be synced (fsync fails with EINVAL), and has nothing to keep.
        if file.metadata()?.is_file() {
            file.sync_all()?;
        }
        Ok(self.rows)
    }
}

/// Turns a list of column names into owned strings.
fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Writes annotator names as they are, or as pseudonyms.
enum Names {
    Plain,
    Pseudonyms(Box<Pseudonymiser>),
}

impl Names {
    fn show(&mut self, name: &str) -> serde_json::Value {
        match self {
            Names::Plain => name.into(),
            Names::Pseudonyms(pseudonymiser) => pseudonymiser.pseudonym(name).into(),
        }
    }
}

pub fn run(project: &Project, args: ExportArgs) -> Result<ExitCode> {
    // Without `--question`, the answers, labels and history of a task with several
    // questions cover every question; the other exports are of one question.
    let every_question = project.spec.has_several_questions() && args.question.question.is_none();
    let project = &args.question.select(project)?;
    let store = project.store()?;
    if args.redact && project.spec.redaction.redactor.is_empty() {
        bail!(privacy_msg::PRIV_REDACT_NEEDS_RULES.text());
    }
    let mut names = if args.pseudonymise || project.spec.pseudonymise_exports {
        Names::Pseudonyms(Box::new(Pseudonymiser::for_project(project)?))
    } else {
        Names::Plain
    };

    let out_file = OutFile::plan(&args.out);
    let temporary = out_file.write_path.clone();
    let rows = match args.what {
        ExportWhat::Annotations if every_question => {
            let header = columns(&["item", "annotator", "question", "label"]);
            let mut writer = RowWriter::new(&temporary, args.format, header)?;
            store.for_each_question_answer(|item, annotator, question, label| {
                writer.write(&[item.into(), names.show(annotator), question.into(), label.into()])
            })?;
            writer.finish()?
        }
        ExportWhat::Labels if every_question => export_question_labels(project, &temporary, args.format)?,
        ExportWhat::Annotations => {
            let mut writer = RowWriter::new(&temporary, args.format, columns(&["item", "annotator", "label"]))?;
            store.for_each_current_answer(|item, annotator, label| {
                writer.write(&[item.into(), names.show(annotator), label.into()])
            })?;
            writer.finish()?
        }
        ExportWhat::Labels => {
            let ratings = project.ratings(&store)?;
            let mut result = run_method(Method::Majority, &ratings, TieRule::SmallestLabel)?;
            apply_adjudications(&mut result, &store.adjudicated_labels()?);
            let mut writer = RowWriter::new(&temporary, args.format, columns(&["item", "label", "confidence"]))?;
            for inferred in &result.items {
                writer.write(&[
                    inferred.item.as_str().into(),
                    inferred.label.as_str().into(),
                    inferred.confidence.into(),
                ])?;
            }
            writer.finish()?
        }
        ExportWhat::History => {
            let several = project.spec.has_several_questions();
            let mut names_of_columns =
                columns(&["seq", "item", "annotator", "action", "label", "created_at", "time_spent_ms", "suggested"]);
            if several {
                names_of_columns.push("question".to_string());
            }
            let mut writer = RowWriter::new(&temporary, args.format, names_of_columns)?;
            store.for_each_history_row(|row| {
                let mut values = vec![
                    row.seq.into(),
                    row.item.into(),
                    names.show(&row.annotator),
                    row.action.into(),
                    row.label.into(),
                    row.created_at.into(),
                    row.time_spent_ms.into(),
                    row.suggested.into(),
                ];
                if several {
                    values.push(row.question.into());
                }
                writer.write(&values)
            })?;
            writer.finish()?
        }
        ExportWhat::Items => export_items(project, &store, &temporary, args.format, args.redact)?,
        ExportWhat::Annotators => {
            require_review(project)?;
            export_annotators(&store, &temporary, args.format, &mut names)?
        }
        ExportWhat::Agreement => {
            require_review(project)?;
            export_pair_agreement(&project.ratings(&store)?, &temporary, args.format, &mut names)?
        }
    };
    if let Some((from, to)) = out_file.pending_rename() {
        std::fs::rename(from, to)
            .with_context(|| files::FILE_CANNOT_MOVE.fmt(&[("from", &from.display()), ("to", &to.display())]))?;
    }
    outln!("{}", msg::EXPORT_DONE.fmt(&[("n", &rows), ("file", &args.out.display())]));
    Ok(ExitCode::SUCCESS)
}

/// Writes one row per item with, for each question, its majority-vote label (the
/// adjudicated one where there is one) in a column named by the question id and that
/// label's confidence in `ID_confidence`. A question without answers on an item leaves
/// both cells empty. Items are listed in the order the primary question's labels give,
/// then items only the later questions have answers for.
fn export_question_labels(project: &Project, path: &Path, format: ExportFormat) -> Result<u64> {
    let mut order: Vec<String> = Vec::new();
    let mut per_question: Vec<HashMap<String, (String, f64)>> = Vec::new();
    for question in &project.spec.questions {
        let mut project = project.clone();
        project.select_question(Some(&question.id))?;
        let store = project.store()?;
        let ratings = project.ratings(&store)?;
        let mut result = run_method(Method::Majority, &ratings, TieRule::SmallestLabel)?;
        apply_adjudications(&mut result, &store.adjudicated_labels()?);
        let mut labels = HashMap::with_capacity(result.items.len());
        for inferred in result.items {
            let item = inferred.item.as_str();
            if !labels.contains_key(item) && !per_question.iter().any(|seen| seen.contains_key(item)) {
                order.push(item.to_string());
            }
            labels.insert(item.to_string(), (inferred.label.to_string(), inferred.confidence));
        }
        per_question.push(labels);
    }

    let mut header = columns(&["item"]);
    for question in &project.spec.questions {
        header.push(question.id.clone());
        header.push(format!("{}_confidence", question.id));
    }
    let mut writer = RowWriter::new(path, format, header)?;
    for item in &order {
        let mut row: Vec<serde_json::Value> = vec![item.clone().into()];
        for labels in &per_question {
            match labels.get(item) {
                Some((label, confidence)) => row.extend([label.clone().into(), (*confidence).into()]),
                None => row.extend([serde_json::Value::Null, serde_json::Value::Null]),
            }
        }
        writer.write(&row)?;
    }
    writer.finish()
}

/// Writes one row per item: its id, gold label, image path and one column per stored
/// field, the union of the fields of all imports in first-seen order.
fn export_items(project: &Project, store: &Store, path: &Path, format: ExportFormat, redact: bool) -> Result<u64> {
    let mut field_names: Vec<String> = Vec::new();
    store.for_each_item(|item| {
        for (name, _) in &item.fields {
            if !field_names.contains(name) {
                field_names.push(name.clone());
            }
        }
        Ok(())
    })?;

    let mut header = columns(&["item", "gold", "image"]);
    header.extend(field_names.iter().map(|name| format!("field:{name}")));
    let mut writer = RowWriter::new(path, format, header)?;
    let redactor = &project.spec.redaction.redactor;
    let keep = project.spec.fields.non_text_columns();
    let mut failure = None;
    store.for_each_item(|item| {
        let fields = if redact { redactor.redact_fields(&item.fields, &keep) } else { item.fields.as_slice().into() };
        let mut row: Vec<serde_json::Value> =
            vec![item.key.clone().into(), item.gold.clone().into(), item.image.clone().into()];
        for name in &field_names {
            let value = fields.iter().find(|(column, _)| column == name).map(|(_, v)| v.clone());
            row.push(value.into());
        }
        if let Err(error) = writer.write(&row) {
            failure.get_or_insert(error);
        }
        Ok(())
    })?;
    if let Some(error) = failure {
        return Err(error);
    }
    writer.finish()
}

/// Writes Cohen's kappa for each pair of annotators: unweighted with its observed and
/// chance agreement, and with linear and quadratic weights on the label ranks. A pair
/// without shared items gets empty values.
fn export_pair_agreement(ratings: &Ratings, path: &Path, format: ExportFormat, names: &mut Names) -> Result<u64> {
    let header = columns(&[
        "first",
        "second",
        "kappa",
        "observed_agreement",
        "expected_agreement",
        "kappa_linear",
        "kappa_quadratic",
    ]);
    let mut writer = RowWriter::new(path, format, header)?;
    let annotators = ratings.annotators();
    for (index, first) in annotators.iter().enumerate() {
        for second in &annotators[index + 1..] {
            let pair = cohen_kappa_pair(ratings, first, second, Weights::Unweighted)?;
            let linear = cohen_kappa_pair(ratings, first, second, Weights::Linear)?;
            let quadratic = cohen_kappa_pair(ratings, first, second, Weights::Quadratic)?;
            writer.write(&[
                names.show(first),
                names.show(second),
                pair.kappa.value().into(),
                pair.observed_agreement.into(),
                pair.expected_agreement.into(),
                linear.kappa.value().into(),
                quadratic.kappa.value().into(),
            ])?;
        }
    }
    writer.finish()
}

/// Writes the per-annotator quality figures, one row per annotator.
fn export_annotators(store: &Store, path: &Path, format: ExportFormat, names: &mut Names) -> Result<u64> {
    let team = store.annotator_quality(&QualityThresholds::default())?;
    let header = columns(&[
        "annotator",
        "items_done",
        "gold_answered",
        "gold_correct",
        "gold_accuracy",
        "consensus_items",
        "consensus_agreed",
        "consensus_agreement",
        "median_ms",
        "top_label",
        "top_label_share",
        "flags",
    ]);
    let mut writer = RowWriter::new(path, format, header)?;
    for quality in &team.annotators {
        let flags: Vec<String> = quality
            .flags
            .iter()
            .filter_map(|flag| serde_json::to_value(flag).ok()?.as_str().map(str::to_string))
            .collect();
        writer.write(&[
            names.show(&quality.annotator),
            quality.items_done.into(),
            quality.gold_answered.into(),
            quality.gold_correct.into(),
            quality.gold_accuracy.into(),
            quality.consensus_items.into(),
            quality.consensus_agreed.into(),
            quality.consensus_agreement.into(),
            quality.median_ms.into(),
            quality.top_label.as_ref().map(|(label, _)| label.clone()).into(),
            quality.top_label.as_ref().map(|(_, share)| *share).into(),
            flags.join(" ").into(),
        ])?;
    }
    writer.finish()
}
