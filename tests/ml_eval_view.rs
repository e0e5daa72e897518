//! The evaluation widgets drawn into ratatui's `TestBackend`, and the calibration
//! figures of real evaluations.

mod common;

use common::lock_lang;
use quorum::core::task::ModelSettings;
use quorum::i18n::Lang;
use quorum::ml::{self, CurvePoint, FeatureOptions, LabelledExample, LearningCurve};
use quorum::tui::widgets::eval_view::{self, EvalPanel};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::atomic::AtomicBool;

fn curve() -> LearningCurve {
    let points = [(20, 0.31, 0.40), (40, 0.45, 0.52), (80, 0.58, 0.63), (160, 0.69, 0.72), (320, 0.74, 0.76)]
        .iter()
        .map(|&(n_labels, macro_f1, accuracy)| CurvePoint { n_labels, macro_f1, accuracy })
        .collect();
    LearningCurve { held_out: 100, points }
}

fn draw(width: u16, height: u16, curve: Option<&LearningCurve>) -> String {
    draw_panel(width, height, curve, EvalPanel::default())
}

/// Draws the view with `panel` as the one shown where the whole result does not fit.
fn draw_panel(width: u16, height: u16, curve: Option<&LearningCurve>, panel: EvalPanel) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let report = common::eval_report("法律", 0.6132, 0.0815);
    terminal.draw(|frame| eval_view::render(frame, frame.area(), &report, curve, panel)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn english_views() {
    let _lang = lock_lang(Lang::En);
    let curve = curve();
    let small = draw(80, 24, Some(&curve));
    assert!(small.contains("macro-F1 0.741"), "{small}");
    assert!(small.contains("log loss 0.613"), "{small}");
    assert!(small.contains("18█"), "the diagonal count and its full shade:\n{small}");
    insta::assert_snapshot!("eval_view_en_80x24", small);
    insta::assert_snapshot!("eval_view_en_120x40", draw(120, 40, Some(&curve)));
    insta::assert_snapshot!("eval_view_no_curve_en_80x24", draw(80, 24, None));
}

#[test]
fn chinese_views() {
    let _lang = lock_lang(Lang::ZhCn);
    let curve = curve();
    let small = draw(80, 24, Some(&curve));
    assert!(small.contains("学习曲线"), "{small}");
    insta::assert_snapshot!("eval_view_zh_80x24", small);
    insta::assert_snapshot!("eval_view_zh_120x40", draw(120, 40, Some(&curve)));
}

#[test]
fn tiny_area_shows_a_notice() {
    let _lang = lock_lang(Lang::En);
    let screen = draw(29, 5, None);
    assert!(screen.contains("Too small"), "{screen}");
}

fn example(key: &str, text: &str, label: &str) -> LabelledExample {
    LabelledExample { key: key.into(), text: text.into(), image: None, label: label.into() }
}

fn topics() -> Vec<LabelledExample> {
    let mut examples = Vec::new();
    for i in 0..12 {
        examples.push(example(&format!("f{i}"), &format!("apple pear juice {i}"), "fruit"));
        examples.push(example(&format!("c{i}"), &format!("compiler rust code {i}"), "code"));
    }
    // Two texts that share words with the other topic, so the model is not always sure.
    examples.push(example("x1", "apple code", "fruit"));
    examples.push(example("x2", "juice compiler", "code"));
    examples
}

#[test]
fn cross_validation_reports_calibration() {
    let settings = ModelSettings { word_ngrams: (1, 1), max_iterations: 100, ..ModelSettings::default() };
    let report = ml::evaluate(&topics(), &settings, 3, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert!(report.log_loss > 0.0 && report.log_loss < 2f64.ln(), "better than a coin: {}", report.log_loss);
    assert!((0.0..=1.0).contains(&report.ece), "{}", report.ece);
    assert_eq!(report.ece_bins, 10);
    let json = report.to_json();
    assert_eq!(json["ece_bins"], 10);
    assert!(json["log_loss"].as_f64().is_some());
    assert!(report.to_table_in(Lang::En).contains("expected calibration error"));
}

#[test]
fn held_out_evaluation_scores_the_other_set() {
    // Other tests here switch the process-wide language; the table below is read in English.
    let _lang = lock_lang(Lang::En);
    let settings = ModelSettings { word_ngrams: (1, 1), max_iterations: 100, ..ModelSettings::default() };
    let train = topics();
    let gold = vec![
        example("g1", "pear juice", "fruit"),
        example("g2", "rust compiler", "code"),
        example("g3", "a poem", "poetry"),
    ];
    let options = FeatureOptions::default();
    let report =
        ml::evaluate_held_out(&train, &gold, &settings, &options, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(report.folds, 0);
    assert_eq!(report.n_examples, 3);
    assert_eq!(report.labels, ["code", "fruit", "poetry"]);
    // The unseen label can only be missed.
    assert_eq!(report.per_class[2].recall, 0.0);
    assert!((report.accuracy - 2.0 / 3.0).abs() < 1e-12, "{report:?}");
    assert!(report.to_table_in(Lang::En).starts_with("Held-out evaluation on 3 examples"));

    let err = ml::evaluate_held_out(&train, &[], &settings, &options, &|_, _| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(err.to_string().contains("gold"), "{err}");
}

#[test]
fn short_area_replaces_curve_with_note() {
    let _lang = lock_lang(Lang::En);
    let curve = curve();

    // 2 summary rows, the panel names and a blank row leave the curve 5 rows: too few
    // to draw the axes.
    let screen = draw_panel(80, 9, Some(&curve), EvalPanel::Curve);
    assert!(screen.contains("enlarge the terminal"), "{screen}");
    assert!(!screen.contains("0.5│"), "the y labels would overlap:\n{screen}");
}

#[test]
fn short_area_shows_one_panel() {
    let _lang = lock_lang(Lang::En);
    let curve = curve();

    let matrix = draw_panel(80, 13, Some(&curve), EvalPanel::Matrix);
    assert!(matrix.contains("[Confusion matrix]"), "{matrix}");
    for row in ["computers    18█", "food          3░", "2░    5░   13▓"] {
        assert!(matrix.contains(row), "every label keeps its row:\n{matrix}");
    }
    assert!(!matrix.contains("0.5│"), "{matrix}");

    let classes = draw_panel(80, 13, Some(&curve), EvalPanel::Classes);
    assert!(classes.contains("[Per class]"), "{classes}");
    assert!(classes.contains("P ████████"), "the bars get the whole width:\n{classes}");
    assert!(!classes.contains("18█"), "{classes}");

    let chart = draw_panel(80, 13, Some(&curve), EvalPanel::Curve);
    assert!(chart.contains("[Learning curve]"), "{chart}");
    for label in ["1  │", "0.5│", "0  │"] {
        assert!(chart.contains(label), "{chart}");
    }
}

#[test]
fn panels_cycle_with_and_without_curve() {
    assert_eq!(EvalPanel::Matrix.step(1, true), EvalPanel::Classes);
    assert_eq!(EvalPanel::Classes.step(1, true), EvalPanel::Curve);
    assert_eq!(EvalPanel::Curve.step(1, true), EvalPanel::Matrix);
    assert_eq!(EvalPanel::Matrix.step(-1, true), EvalPanel::Curve);
    assert_eq!(EvalPanel::Classes.step(1, false), EvalPanel::Matrix);
    assert_eq!(EvalPanel::Matrix.step(-1, false), EvalPanel::Classes);
}
