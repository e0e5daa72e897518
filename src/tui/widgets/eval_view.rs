//! The results of an evaluation drawn for the terminal: the confusion matrix as a heat
//! map, per-class precision/recall/F1 bars and, when there is one, the learning curve.
//!
//! Where the whole result fits, every panel is drawn at once. Where it does not, as in
//! the jobs screen of an 80x24 terminal, the summary stays on top and one panel at a
//! time gets the room below it. The caller picks that panel.
//!
//! Every figure can be read without colour: heat-map cells print their count and a shade
//! glyph (` ░▒▓█`, from the row-normalised share), and the bars carry their value.

use crate::core::sanitize;
use crate::i18n::catalogue::learning as msg;
use crate::i18n::catalogue::polish as pol;
use crate::i18n::catalogue::review as review_msg;
use crate::ml::{EvalReport, LearningCurve};
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};

/// Width of the label column of the matrix and the bars.
const LABEL_COLUMN: usize = 10;
/// Width of one heat-map cell: a count of up to 4 digits and a shade glyph.
const CELL: usize = 6;
/// Below this size nothing useful fits, and a notice is drawn instead.
const MIN_WIDTH: u16 = 30;
const MIN_HEIGHT: u16 = 6;
/// Rows the learning curve needs: its title, three plot rows for the `0`, `0.5` and `1`
/// labels, the x axis and its labels. With fewer, ratatui draws the y labels over each
/// other (`0.5` and `1` read as `1.5`), so a note replaces the chart.
const MIN_CURVE_ROWS: u16 = 6;
/// Shade glyphs from an empty to a full row share.
const SHADES: [char; 5] = [' ', '░', '▒', '▓', '█'];
/// Cells of a per-class bar below which the bars are hard to compare, so the tables
/// are stacked or drawn one at a time instead of squeezed side by side.
const MIN_BAR_CELLS: usize = 6;
/// Rows of the learning curve, below which the result is drawn one panel at a time.
const MIN_WHOLE_CURVE_ROWS: u16 = 8;

/// One part of the result, drawn alone where the whole result does not fit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EvalPanel {
    #[default]
    Matrix,
    Classes,
    Curve,
}

impl EvalPanel {
    /// Returns the panel `step` places after this one, wrapping around at the ends. The
    /// curve counts only when the evaluation has one.
    pub fn step(self, step: i32, has_curve: bool) -> EvalPanel {
        let panels: &[EvalPanel] = if has_curve {
            &[EvalPanel::Matrix, EvalPanel::Classes, EvalPanel::Curve]
        } else {
            &[EvalPanel::Matrix, EvalPanel::Classes]
        };
        let position = panels.iter().position(|panel| *panel == self).unwrap_or(0) as i32;
        let count = panels.len() as i32;
        panels[(position + step).rem_euclid(count) as usize]
    }

    fn name(self) -> &'static str {
        match self {
            EvalPanel::Matrix => pol::POL_EVAL_PANEL_MATRIX.text(),
            EvalPanel::Classes => pol::POL_EVAL_PANEL_CLASSES.text(),
            EvalPanel::Curve => pol::POL_EVAL_PANEL_CURVE.text(),
        }
    }
}

/// Width of the confusion matrix: the label column and one cell per label.
fn matrix_width(report: &EvalReport) -> u16 {
    u16::try_from(LABEL_COLUMN + 1 + CELL * report.labels.len()).unwrap_or(u16::MAX)
}

/// Width the per-class bars need for bars of [`MIN_BAR_CELLS`]: the label column and
/// three times "P " + bar + " 0.00 ".
fn min_bars_width() -> u16 {
    (LABEL_COLUMN + 1 + 3 * (MIN_BAR_CELLS + 8)) as u16
}

/// Rows of each table: a title row, a header or blank row, and one row per label.
fn table_rows(report: &EvalReport) -> u16 {
    u16::try_from(report.labels.len() + 2).unwrap_or(u16::MAX)
}

fn side_by_side(width: u16, report: &EvalReport) -> bool {
    width >= matrix_width(report).saturating_add(2).saturating_add(min_bars_width())
}

/// Returns whether the whole result fits in `area` at once: both tables with a row for
/// every label and bars of at least [`MIN_BAR_CELLS`], and a learning curve (if there
/// is one) of at least [`MIN_WHOLE_CURVE_ROWS`] rows.
pub fn fits_whole(area: Rect, report: &EvalReport, curve: Option<&LearningCurve>) -> bool {
    let curve = curve.filter(|c| !c.points.is_empty());
    if area.width < MIN_WIDTH || area.width < matrix_width(report).max(min_bars_width()) {
        return false;
    }
    let tables = if side_by_side(area.width, report) { table_rows(report) } else { table_rows(report) * 2 };
    let chart = if curve.is_some() { 1 + MIN_WHOLE_CURVE_ROWS } else { 0 };
    2 + tables + chart <= area.height
}

/// Draws `report` (and `curve`, if given) into `area`: the whole result where it fits,
/// and otherwise the summary and `panel`.
pub fn render(frame: &mut Frame, area: Rect, report: &EvalReport, curve: Option<&LearningCurve>, panel: EvalPanel) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(Paragraph::new(msg::LEARN_VIEW_TOO_SMALL.text()).dim(), area);
        return;
    }
    let curve = curve.filter(|c| !c.points.is_empty());
    if fits_whole(area, report, curve) {
        render_whole(frame, area, report, curve);
    } else {
        render_one_panel(frame, area, report, curve, panel);
    }
}

/// Draws the summary, both tables with every label, and the curve in the rows left below.
fn render_whole(frame: &mut Frame, area: Rect, report: &EvalReport, curve: Option<&LearningCurve>) {
    let matrix_width = matrix_width(report);
    let side_by_side = side_by_side(area.width, report);
    let body_rows = if side_by_side { table_rows(report) } else { table_rows(report) * 2 };
    let [summary, body, chart] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(body_rows), Constraint::Min(0)]).areas(area);
    render_summary(frame, summary, report);

    if side_by_side {
        let [left, _, right] =
            Layout::horizontal([Constraint::Length(matrix_width), Constraint::Length(2), Constraint::Min(0)])
                .areas(body);
        render_heat_map(frame, left, report);
        render_bars(frame, right, report);
    } else {
        let [top, bottom] = Layout::vertical([Constraint::Length(table_rows(report)), Constraint::Min(0)]).areas(body);
        render_heat_map(frame, top, report);
        render_bars(frame, bottom, report);
    }
    if let Some(curve) = curve {
        // The chart's first row stays empty to set it apart from the bars.
        let curve_area = Rect { y: chart.y + 1, height: chart.height.saturating_sub(1), ..chart };
        render_curve_or_note(frame, curve_area, curve);
    }
}

/// Draws the summary, a row naming the panels with `panel` marked, and `panel` below
/// them. Without a curve, the curve panel falls back to the matrix.
fn render_one_panel(
    frame: &mut Frame,
    area: Rect,
    report: &EvalReport,
    curve: Option<&LearningCurve>,
    panel: EvalPanel,
) {
    let panel = if panel == EvalPanel::Curve && curve.is_none() { EvalPanel::Matrix } else { panel };
    let [summary, tabs, _, body] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)])
            .areas(area);
    render_summary(frame, summary, report);
    render_tabs(frame, tabs, panel, curve.is_some());
    match (panel, curve) {
        (EvalPanel::Curve, Some(curve)) => render_curve_or_note(frame, body, curve),
        (EvalPanel::Classes, _) => render_bars(frame, body, report),
        _ => render_heat_map(frame, body, report),
    }
}

/// Draws the names of the panels on one row, the selected one in brackets and bold.
fn render_tabs(frame: &mut Frame, area: Rect, selected: EvalPanel, has_curve: bool) {
    let panels: &[EvalPanel] = if has_curve {
        &[EvalPanel::Matrix, EvalPanel::Classes, EvalPanel::Curve]
    } else {
        &[EvalPanel::Matrix, EvalPanel::Classes]
    };
    let mut spans = Vec::with_capacity(panels.len() * 2);
    for panel in panels {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        if *panel == selected {
            spans.push(Span::styled(format!("[{}]", panel.name()), theme::title()));
        } else {
            spans.push(Span::styled(format!(" {} ", panel.name()), theme::muted()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Draws the learning curve, or a note where `area` has too few rows for its axes.
fn render_curve_or_note(frame: &mut Frame, area: Rect, curve: &LearningCurve) {
    if area.height >= MIN_CURVE_ROWS {
        render_curve(frame, area, curve);
    } else {
        let note = review_msg::REV_CURVE_NO_ROOM.text();
        frame.render_widget(Paragraph::new(fit(note, usize::from(area.width))).dim(), area);
    }
}

fn render_summary(frame: &mut Frame, area: Rect, report: &EvalReport) {
    let scores = msg::LEARN_VIEW_SUMMARY.fmt(&[
        ("accuracy", &format!("{:.3}", report.accuracy)),
        ("macro_f1", &format!("{:.3}", report.macro_f1)),
        ("n", &report.n_examples),
    ]);
    let calibration = msg::LEARN_TABLE_CALIBRATION.fmt(&[
        ("log_loss", &format!("{:.3}", report.log_loss)),
        ("ece", &format!("{:.3}", report.ece)),
        ("bins", &report.ece_bins),
    ]);
    let width = usize::from(area.width);
    let lines = vec![Line::from(fit(&scores, width)).bold(), Line::from(fit(&calibration, width)).dim()];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The confusion matrix, true labels down and predicted labels across, each cell shaded
/// by its share of the row.
fn render_heat_map(frame: &mut Frame, area: Rect, report: &EvalReport) {
    let mut lines = vec![Line::from(msg::LEARN_VIEW_CONFUSION.text()).bold()];
    let mut header = vec![Span::raw(" ".repeat(LABEL_COLUMN + 1))];
    header.extend(report.labels.iter().map(|label| Span::raw(pad_left(&fit(label, CELL - 1), CELL)).bold()));
    lines.push(Line::from(header));

    for (label, counts) in report.labels.iter().zip(&report.confusion) {
        let total: usize = counts.iter().sum();
        let mut spans = vec![Span::raw(pad_right(&fit(label, LABEL_COLUMN), LABEL_COLUMN + 1)).bold()];
        for &count in counts {
            let share = if total == 0 { 0.0 } else { count as f64 / total as f64 };
            spans.push(Span::styled(format!("{count:>4}{} ", shade(share)), heat_style(share)));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The glyph of a row share: blank for 0, then one step per quarter.
fn shade(share: f64) -> char {
    if share <= 0.0 { SHADES[0] } else { SHADES[((share * 4.0).ceil() as usize).clamp(1, 4)] }
}

/// A grey background from dark (0) to light (1), with the text colour kept readable.
fn heat_style(share: f64) -> Style {
    // The 24 greys of the 256-colour palette run from 232 (dark) to 255 (light).
    let grey = 232 + (share.clamp(0.0, 1.0) * 23.0).round() as u8;
    let text = if share > 0.5 { Color::Black } else { Color::White };
    Style::new().bg(Color::Indexed(grey)).fg(text)
}

/// Three bars per class (precision, recall, F1) on one row, each with its value.
fn render_bars(frame: &mut Frame, area: Rect, report: &EvalReport) {
    let mut lines = vec![
        Line::from(vec![
            Span::raw(msg::LEARN_VIEW_CLASSES.text()).bold(),
            Span::raw("  "),
            Span::raw(msg::LEARN_VIEW_LEGEND.text()).dim(),
        ]),
        Line::default(),
    ];
    // Each bar takes "P " + bar + " 0.00 ", after the label column.
    let per_bar = usize::from(area.width).saturating_sub(LABEL_COLUMN + 1) / 3;
    let bar_width = per_bar.saturating_sub(8).max(1);
    for class in &report.per_class {
        let mut spans = vec![Span::raw(pad_right(&fit(&class.label, LABEL_COLUMN), LABEL_COLUMN + 1)).bold()];
        for (letter, value, color) in
            [("P", class.precision, Color::Cyan), ("R", class.recall, Color::Magenta), ("F", class.f1, Color::Green)]
        {
            spans.push(Span::raw(format!("{letter} ")).dim());
            spans.push(Span::styled(bar(value, bar_width), Style::new().fg(color)));
            spans.push(Span::raw(format!(" {value:.2} ")));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A bar of `width` cells filled to `value` in [0, 1], in eighths of a cell.
fn bar(value: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (value.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut text: String = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        text.push(EIGHTHS[eighths % 8]);
    }
    let used = eighths.div_ceil(8);
    text.push_str(&"·".repeat(width.saturating_sub(used)));
    text
}

/// Macro-F1 and accuracy against the number of labels.
fn render_curve(frame: &mut Frame, area: Rect, curve: &LearningCurve) {
    let f1: Vec<(f64, f64)> = curve.points.iter().map(|p| (p.n_labels as f64, p.macro_f1)).collect();
    let accuracy: Vec<(f64, f64)> = curve.points.iter().map(|p| (p.n_labels as f64, p.accuracy)).collect();
    let first = f1.first().map_or(0.0, |p| p.0);
    let last = f1.last().map_or(1.0, |p| p.0).max(first + 1.0);
    let datasets = vec![
        Dataset::default()
            .name("macro-F1")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Green))
            .data(&f1),
        Dataset::default()
            .name("accuracy")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(Style::new().fg(Color::Cyan))
            .data(&accuracy),
    ];
    let x_axis = Axis::default()
        .title(msg::LEARN_VIEW_LABELS_AXIS.text())
        .bounds([first, last])
        .labels([format!("{first:.0}"), format!("{last:.0}")]);
    let y_axis = Axis::default().bounds([0.0, 1.0]).labels(["0", "0.5", "1"]);
    let chart = Chart::new(datasets)
        .block(Block::new().title(Line::from(msg::LEARN_VIEW_CURVE.text()).bold()))
        .x_axis(x_axis)
        .y_axis(y_axis);
    frame.render_widget(chart, area);
}

fn fit(text: &str, width: usize) -> String {
    crate::tui::fit(text, width)
}

/// Pads `text` with spaces on the right to `width` display columns.
fn pad_right(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(sanitize::display_width(text))))
}

/// Pads `text` with spaces on the left to `width` display columns.
fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(sanitize::display_width(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_step_by_quarters() {
        assert_eq!(shade(0.0), ' ');
        assert_eq!(shade(0.1), '░');
        assert_eq!(shade(0.5), '▒');
        assert_eq!(shade(0.6), '▓');
        assert_eq!(shade(1.0), '█');
    }

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(0.0, 4), "····");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 4), "██··");
        assert_eq!(bar(0.5 + 1.0 / 32.0, 4), "██▏·");
    }
}
