//! Run records: the snapshot hash, the settings, and the metrics files.

use crate::core::task::{Backend, ModelSettings};
use crate::ml::{EvalReport, LabelledExample};
use anyhow::{Context, Result};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The feature and model settings that change what training produces, as JSON.
/// `folds` is left out because it changes only how a model is evaluated.
/// A torch run also records the network's hyper-parameters and device setting.
pub fn settings_json(settings: &ModelSettings) -> serde_json::Value {
    let mut json = json!({
        "model_kind": settings.kind.name(),
        "word_ngrams": [settings.word_ngrams.0, settings.word_ngrams.1],
        "char_ngrams": [settings.char_ngrams.0, settings.char_ngrams.1],
        "max_features": settings.max_features,
        "alpha": settings.alpha,
        "max_iterations": settings.max_iterations,
        "seed": settings.seed,
    });
    if settings.backend == Backend::Torch {
        json["backend"] = json!("torch");
        json["device"] = json!(settings.device);
        json["hidden"] = json!(settings.hidden);
        json["epochs"] = json!(settings.epochs);
        json["batch_size"] = json!(settings.batch_size);
        json["learning_rate"] = json!(settings.learning_rate);
        json["dropout"] = json!(settings.dropout);
    }
    json
}

/// SHA-256 (hex) of the labelled snapshot: the `(item key, label)` pairs sorted by key,
/// then the settings JSON. Two trainings with the same hash saw the same data.
pub fn snapshot_hash(examples: &[LabelledExample], settings: &serde_json::Value) -> String {
    let mut pairs: Vec<(&str, &str)> = examples.iter().map(|e| (e.key.as_str(), e.label.as_str())).collect();
    pairs.sort_unstable();

    let mut hasher = Sha256::new();
    for (key, label) in pairs {
        // Lengths first, so that no key or label can run into the next one.
        hasher.update((key.len() as u64).to_le_bytes());
        hasher.update(key.as_bytes());
        hasher.update((label.len() as u64).to_le_bytes());
        hasher.update(label.as_bytes());
    }
    hasher.update(settings.to_string().as_bytes());
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The summary metrics stored in `runs.metrics`.
/// A soft-label evaluation adds `soft_log_loss` and `soft_expected_accuracy`.
pub fn metrics_json(report: &EvalReport) -> serde_json::Value {
    let mut metrics = json!({
        "folds": report.folds,
        "n_examples": report.n_examples,
        "accuracy": report.accuracy,
        "macro_f1": report.macro_f1,
    });
    if let Some(soft) = &report.soft {
        metrics["soft_log_loss"] = json!(soft.log_loss);
        metrics["soft_expected_accuracy"] = json!(soft.expected_accuracy);
    }
    metrics
}

/// Writes `metrics.json` (the whole report), `per_class.csv` and `confusion.csv` into `dir`.
pub fn write_metrics_files(dir: &Path, report: &EvalReport) -> Result<()> {
    let cannot_write = |path: &Path| crate::i18n::catalogue::files::FILE_CANNOT_WRITE.fmt(&[("path", &path.display())]);
    std::fs::create_dir_all(dir).with_context(|| cannot_write(dir))?;

    let metrics = dir.join("metrics.json");
    let text = serde_json::to_string_pretty(&report.to_json())?;
    std::fs::write(&metrics, text).with_context(|| cannot_write(&metrics))?;

    let per_class = dir.join("per_class.csv");
    let mut writer = csv::Writer::from_path(&per_class).with_context(|| cannot_write(&per_class))?;
    writer.write_record(["label", "precision", "recall", "f1", "support"])?;
    for class in &report.per_class {
        writer.write_record([
            class.label.clone(),
            class.precision.to_string(),
            class.recall.to_string(),
            class.f1.to_string(),
            class.support.to_string(),
        ])?;
    }
    writer.flush().with_context(|| cannot_write(&per_class))?;

    // Rows are true labels and columns predicted labels, as in the report.
    let confusion = dir.join("confusion.csv");
    let mut writer = csv::Writer::from_path(&confusion).with_context(|| cannot_write(&confusion))?;
    let mut header = vec!["true\\predicted".to_string()];
    header.extend(report.labels.iter().cloned());
    writer.write_record(&header)?;
    for (label, counts) in report.labels.iter().zip(&report.confusion) {
        let mut row = vec![label.clone()];
        row.extend(counts.iter().map(|count| count.to_string()));
        writer.write_record(&row)?;
    }
    writer.flush().with_context(|| cannot_write(&confusion))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(key: &str, label: &str) -> LabelledExample {
        LabelledExample { key: key.into(), text: String::new(), image: None, label: label.into() }
    }

    #[test]
    fn hash_ignores_order_but_not_labels_or_settings() {
        let settings = settings_json(&ModelSettings::default());
        let a = snapshot_hash(&[example("1", "x"), example("2", "y")], &settings);
        let b = snapshot_hash(&[example("2", "y"), example("1", "x")], &settings);
        assert_eq!(a, b);
        assert_eq!(a.len(), 64);

        let relabelled = snapshot_hash(&[example("1", "x"), example("2", "x")], &settings);
        assert_ne!(a, relabelled);

        let other = ModelSettings { alpha: 1.0, ..ModelSettings::default() };
        assert_ne!(a, snapshot_hash(&[example("1", "x"), example("2", "y")], &settings_json(&other)));
    }

    #[test]
    fn hash_separates_keys_from_labels() {
        let settings = settings_json(&ModelSettings::default());
        assert_ne!(snapshot_hash(&[example("ab", "c")], &settings), snapshot_hash(&[example("a", "bc")], &settings));
    }
}
