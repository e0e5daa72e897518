//! `quorum export`: write answers, aggregated labels or the full history to a file.

use super::output::outln;
use super::aggregate::run_method;
use crate::core::aggregation::{Method, TieRule};
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::files;
use crate::project::Project;
use crate::store::apply_adjudications;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
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
    /// Output file; written whole to a temporary file first, then renamed into place.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
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
}

/// Writes rows as CSV (with a header) or JSON Lines (one object per row).
struct RowWriter {
    columns: Vec<&'static str>,
    sink: Sink,
    rows: u64,
}

enum Sink {
    Csv(Box<csv::Writer<File>>),
    Jsonl(BufWriter<File>),
}

impl RowWriter {
    fn new(path: &Path, format: ExportFormat, columns: Vec<&'static str>) -> Result<RowWriter> {
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
                    self.columns.iter().map(|c| c.to_string()).zip(values.iter().cloned()).collect();
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
        file.sync_all()?;
        Ok(self.rows)
    }
}

pub fn run(project: &Project, args: ExportArgs) -> Result<ExitCode> {
    let store = project.store()?;
    let temporary = args.out.with_extension("partial");
    let rows = match args.what {
        ExportWhat::Annotations => {
            let mut writer = RowWriter::new(&temporary, args.format, vec!["item", "annotator", "label"])?;
            store.for_each_current_answer(|item, annotator, label| {
                writer.write(&[item.into(), annotator.into(), label.into()])
            })?;
            writer.finish()?
        }
        ExportWhat::Labels => {
            let ratings = project.ratings(&store)?;
            let mut result = run_method(Method::Majority, &ratings, TieRule::SmallestLabel)?;
            apply_adjudications(&mut result, &store.adjudicated_labels()?);
            let mut writer = RowWriter::new(&temporary, args.format, vec!["item", "label", "confidence"])?;
            for inferred in &result.items {
                writer.write(&[inferred.item.clone().into(), inferred.label.clone().into(), inferred.confidence.into()])?;
            }
            writer.finish()?
        }
        ExportWhat::History => {
            let columns = vec!["seq", "item", "annotator", "action", "label", "created_at", "time_spent_ms"];
            let mut writer = RowWriter::new(&temporary, args.format, columns)?;
            store.for_each_history_row(|row| {
                writer
                    .write(&[
                        row.seq.into(),
                        row.item.into(),
                        row.annotator.into(),
                        row.action.into(),
                        row.label.into(),
                        row.created_at.into(),
                        row.time_spent_ms.into(),
                    ])
                    
            })?;
            writer.finish()?
        }
    };
    std::fs::rename(&temporary, &args.out)
        .with_context(|| files::FILE_CANNOT_MOVE.fmt(&[("from", &temporary.display()), ("to", &args.out.display())]))?;
    outln!("{}", msg::EXPORT_DONE.fmt(&[("n", &rows), ("file", &args.out.display())]));
    Ok(ExitCode::SUCCESS)
}
