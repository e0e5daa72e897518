//! The result of cross-validation, as JSON for scripts and as a text table for people.

use crate::i18n::catalogue::learning as learn;
use crate::i18n::catalogue::ml as msg;
use crate::i18n::catalogue::mlpolish as soft_msg;
use crate::i18n::{Lang, fill};
use crate::ml::soft_scores::SoftScores;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Scores of one class, pooled over all folds.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ClassScores {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Number of examples whose true label is this class.
    pub support: usize,
}

/// Pooled cross-validation scores; see [`crate::core::metrics`] for how undefined
/// ratios are scored.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct EvalReport {
    /// Number of cross-validation folds; 0 for a held-out evaluation.
    pub folds: usize,
    pub n_examples: usize,
    /// Labels in sorted order, which is also the order of `per_class` and `confusion`.
    pub labels: Vec<String>,
    pub accuracy: f64,
    pub macro_f1: f64,
    /// Mean `−ln p(true label)` of the out-of-fold probabilities; see
    /// [`crate::ml::calibration`].
    pub log_loss: f64,
    /// Expected calibration error of the out-of-fold probabilities over `ece_bins`
    /// equal-width confidence bins.
    pub ece: f64,
    pub ece_bins: usize,
    pub per_class: Vec<ClassScores>,
    /// Counts indexed `[true label][predicted label]`.
    pub confusion: Vec<Vec<usize>>,
    /// Scores against the label distributions of a soft-label evaluation; absent
    /// otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft: Option<SoftScores>,
}

impl EvalReport {
    /// Returns the report as a JSON object with the field names of this struct.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Renders a summary line, a per-class table and the confusion matrix, with
    /// headers in the current language and columns aligned by display width.
    pub fn to_table(&self) -> String {
        self.to_table_in(crate::i18n::lang())
    }

    /// Renders the table of [`EvalReport::to_table`] in the given language.
    pub fn to_table_in(&self, lang: Lang) -> String {
        let template = if self.folds == 0 { learn::LEARN_TABLE_HELD_OUT } else { msg::ML_TABLE_SUMMARY };
        let summary = fill(
            template.text_in(lang),
            &[
                ("folds", &self.folds),
                ("n", &self.n_examples),
                ("accuracy", &format!("{:.3}", self.accuracy)),
                ("macro_f1", &format!("{:.3}", self.macro_f1)),
            ],
        );
        format!("{summary}\n{}", self.details_in(lang))
    }

    /// Renders everything of [`EvalReport::to_table_in`] below the summary line, for
    /// callers that print their own summary.
    pub fn details_in(&self, lang: Lang) -> String {
        let mut out = fill(
            learn::LEARN_TABLE_CALIBRATION.text_in(lang),
            &[
                ("log_loss", &format!("{:.3}", self.log_loss)),
                ("ece", &format!("{:.3}", self.ece)),
                ("bins", &self.ece_bins),
            ],
        );
        if let Some(soft) = &self.soft {
            out.push('\n');
            out.push_str(&fill(
                soft_msg::MLP_TABLE_SOFT.text_in(lang),
                &[
                    ("log_loss", &format!("{:.3}", soft.log_loss)),
                    ("expected_accuracy", &format!("{:.3}", soft.expected_accuracy)),
                ],
            ));
        }
        out.push_str("\n\n");
        out.push_str(&self.class_table(lang));
        out.push('\n');
        out.push_str(msg::ML_TABLE_CONFUSION.text_in(lang));
        out.push('\n');
        out.push_str(&self.confusion_table());
        out
    }

    fn class_table(&self, lang: Lang) -> String {
        let header = [
            msg::ML_TABLE_CLASS.text_in(lang),
            msg::ML_TABLE_PRECISION.text_in(lang),
            msg::ML_TABLE_RECALL.text_in(lang),
            msg::ML_TABLE_F1.text_in(lang),
            msg::ML_TABLE_SUPPORT.text_in(lang),
        ];
        let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
        for class in &self.per_class {
            rows.push(vec![
                class.label.clone(),
                format!("{:.3}", class.precision),
                format!("{:.3}", class.recall),
                format!("{:.3}", class.f1),
                class.support.to_string(),
            ]);
        }
        render(&rows)
    }

    fn confusion_table(&self) -> String {
        let mut header = vec![String::new()];
        header.extend(self.labels.iter().cloned());
        let mut rows = vec![header];
        for (label, counts) in self.labels.iter().zip(&self.confusion) {
            let mut row = vec![label.clone()];
            row.extend(counts.iter().map(usize::to_string));
            rows.push(row);
        }
        render(&rows)
    }
}

/// Lays out cells in columns two spaces apart: the first column left-aligned, the rest
/// right-aligned, padded by terminal display width so that CJK labels line up.
fn render(rows: &[Vec<String>]) -> String {
    let n_columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n_columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|cell| cell.width()).max().unwrap_or(0))
        .collect();

    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(cell.width()));
            if c == 0 {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str("  ");
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> EvalReport {
        EvalReport {
            folds: 2,
            n_examples: 4,
            labels: vec!["唐".to_string(), "宋".to_string()],
            accuracy: 0.75,
            macro_f1: 0.733,
            log_loss: 0.5,
            ece: 0.125,
            ece_bins: 10,
            per_class: vec![
                ClassScores { label: "唐".into(), precision: 1.0, recall: 0.5, f1: 2.0 / 3.0, support: 2 },
                ClassScores { label: "宋".into(), precision: 2.0 / 3.0, recall: 1.0, f1: 0.8, support: 2 },
            ],
            confusion: vec![vec![1, 1], vec![0, 2]],
            soft: None,
        }
    }

    #[test]
    fn json_has_all_fields() {
        let json = sample().to_json();
        assert_eq!(json["folds"], 2);
        assert_eq!(json["confusion"][0][1], 1);
        assert_eq!(json["per_class"][1]["label"], "宋");
        assert_eq!(json["macro_f1"], 0.733);
    }

    #[test]
    fn table_in_both_languages() {
        let english = sample().to_table_in(Lang::En);
        assert!(english.contains("precision"), "{english}");
        assert!(english.contains("macro-F1 0.733"), "{english}");
        assert!(english.contains("0.667"), "{english}");
        assert!(english.contains("log loss 0.500, expected calibration error 0.125 (10 bins)"), "{english}");

        let chinese = sample().to_table_in(Lang::ZhCn);
        assert!(chinese.contains("精确率"), "{chinese}");
        assert!(chinese.contains("混淆矩阵"), "{chinese}");
    }

    #[test]
    fn soft_scores_shown_only_when_present() {
        let hard = sample();
        assert!(hard.to_json().get("soft").is_none(), "{}", hard.to_json());
        assert!(!hard.to_table_in(Lang::En).contains("soft labels"));

        let soft = EvalReport { soft: Some(SoftScores { log_loss: 0.6876, expected_accuracy: 0.8126 }), ..sample() };
        let json = soft.to_json();
        assert_eq!(json["soft"]["log_loss"], 0.6876);
        assert_eq!(json["soft"]["expected_accuracy"], 0.8126);
        let english = soft.to_table_in(Lang::En);
        assert!(english.contains("soft log loss 0.688"), "{english}");
        assert!(english.contains("expected accuracy 0.813"), "{english}");
        let chinese = soft.to_table_in(Lang::ZhCn);
        assert!(chinese.contains("0.688"), "{chinese}");

        let back: EvalReport = serde_json::from_value(hard.to_json()).unwrap();
        assert_eq!(back.soft, None, "a report without soft scores reads back");
    }

    #[test]
    fn cjk_columns_line_up() {
        let rows = vec![vec!["唐".to_string(), "1".to_string()], vec!["ab".to_string(), "10".to_string()]];
        let text = render(&rows);
        let widths: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
        assert_eq!(widths[0], widths[1], "{text}");
    }
}
