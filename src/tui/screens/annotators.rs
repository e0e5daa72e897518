//! The annotators screen: one row of quality figures per annotator, for leads and
//! reviewers.
//!
//! The figures come from [`crate::store::Store::annotator_quality`], computed on a
//! report thread when the screen opens or on `r`.

use crate::core::quality::{AnnotatorQuality, QualityFlag, TeamQuality};
use crate::core::task::Question;
use crate::i18n::catalogue::tui as msg;
use crate::tui::app::{App, Notice, Overlay};
use crate::tui::fit;
use crate::tui::report::{QualityReport, ReportKind, ReportTask};
use crate::tui::screens::annotate::label_display;
use crate::tui::screens::{column_width, render_status_line, wrapped_height};
use crate::tui::theme;
use crate::tui::widgets::selectable_table::render_selectable_table;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Padding, Paragraph, Row, Wrap};
use unicode_width::UnicodeWidthStr;

/// The figures on the screen and how far they are.
#[derive(Debug, Default)]
pub enum Figures<T> {
    #[default]
    NotLoaded,
    Loading,
    Ready(T),
    Failed(String),
}

/// State of the annotators screen.
#[derive(Default)]
pub struct AnnotatorsState {
    pub figures: Figures<Box<QualityReport>>,
    pub(crate) task: Option<ReportTask>,
    pub selected: usize,
}

/// Opens the screen and starts computing the figures.
pub fn open(app: &mut App) {
    app.overlay = Overlay::Annotators;
    refresh(app);
}

/// Starts a new computation unless one is already running.
pub fn refresh(app: &mut App) {
    if app.annotators.task.is_some() {
        return;
    }
    match ReportTask::spawn(&app.project, ReportKind::Quality) {
        Ok(task) => {
            app.annotators.task = Some(task);
            if !matches!(app.annotators.figures, Figures::Ready(_)) {
                app.annotators.figures = Figures::Loading;
            }
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot start the report thread");
            app.notice = Some(Notice::error(msg::REPORT_THREAD_FAILED.fmt(&[("error", &err)])));
        }
    }
}

pub fn move_selection(app: &mut App, delta: i32) {
    let Figures::Ready(report) = &app.annotators.figures else { return };
    let last = report.team.annotators.len().saturating_sub(1) as i64;
    app.annotators.selected = (app.annotators.selected as i64 + i64::from(delta)).clamp(0, last) as usize;
}

/// Applies finished figures. The selection keeps its row number where the table allows.
pub fn apply(app: &mut App, figures: Figures<Box<QualityReport>>) {
    app.annotators.task = None;
    if let Figures::Ready(report) = &figures {
        app.annotators.selected = app.annotators.selected.min(report.team.annotators.len().saturating_sub(1));
    }
    app.annotators.figures = figures;
}

/// Formats a share as a percentage, or a dash without data.
pub fn percent_or_dash(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_string(), |share| format!("{:.1}%", share * 100.0))
}

/// Formats milliseconds as seconds with one decimal, or a dash without data.
fn seconds_or_dash(ms: Option<i64>) -> String {
    ms.map_or_else(|| "–".to_string(), |ms| format!("{:.1} s", ms as f64 / 1000.0))
}

fn flag_words(flags: &[QualityFlag]) -> String {
    let words: Vec<&str> = flags
        .iter()
        .map(|flag| match flag {
            QualityFlag::SuspiciousSpeed => msg::FLAG_FAST.text(),
            QualityFlag::ConstantAnswers => msg::FLAG_CONSTANT.text(),
        })
        .collect();
    words.join(", ")
}

fn annotator_row(quality: &AnnotatorQuality, model_accuracy: Option<f64>) -> Row<'static> {
    let gold = match quality.gold_accuracy {
        Some(_) => format!("{} ({})", percent_or_dash(quality.gold_accuracy), quality.gold_answered),
        None => "–".to_string(),
    };
    let consensus = match quality.consensus_agreement {
        Some(_) => format!("{} ({})", percent_or_dash(quality.consensus_agreement), quality.consensus_items),
        None => "–".to_string(),
    };
    let row = Row::new(vec![
        Cell::from(fit(&quality.annotator, 20)),
        Cell::from(Line::from(quality.items_done.to_string()).right_aligned()),
        Cell::from(Line::from(gold).right_aligned()),
        Cell::from(Line::from(consensus).right_aligned()),
        Cell::from(Line::from(seconds_or_dash(quality.median_ms)).right_aligned()),
        Cell::from(Line::from(percent_or_dash(model_accuracy)).right_aligned()),
        Cell::from(flag_words(&quality.flags)),
    ]);
    if quality.flags.is_empty() {
        row
    } else {
        row.style(theme::warning().add_modifier(ratatui::style::Modifier::BOLD))
    }
}

/// Lines under the table about the selected annotator: their most used label, and
/// what each of their flags means.
fn detail_lines(team: &TeamQuality, selected: usize, question: &Question) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let Some(quality) = team.annotators.get(selected) else { return lines };
    let name = fit(&quality.annotator, 30);
    if let Some((label, share)) = &quality.top_label {
        let share = percent_or_dash(Some(*share));
        lines.push(Line::from(msg::ANNOTATOR_TOP_LABEL.fmt(&[
            ("name", &name),
            ("label", &fit(&label_display(question, label), 30)),
            ("share", &share),
        ])));
    }
    for flag in &quality.flags {
        let text = match flag {
            QualityFlag::SuspiciousSpeed => {
                msg::FLAG_FAST_DETAIL.fmt(&[("team", &seconds_or_dash(team.team_median_ms))])
            }
            QualityFlag::ConstantAnswers => msg::FLAG_CONSTANT_DETAIL.text().to_string(),
        };
        lines.push(Line::styled(text, theme::warning()));
    }
    lines
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let [body, hints] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    render_status_line(
        app,
        frame,
        hints,
        &crate::tui::with_keys(crate::i18n::catalogue::terminal::TERM_ANNOTATORS_HINTS, &app.spec().keys),
    );

    let mut block = Block::bordered()
        .title(Line::from(format!(" {} ", msg::ANNOTATORS_TITLE.text())).bold())
        .padding(Padding::horizontal(1));
    if app.annotators.task.is_some() && matches!(app.annotators.figures, Figures::Ready(_)) {
        block = block.title(Line::from(format!(" {} ", msg::REPORT_UPDATING.text())).right_aligned().dim());
    }
    let inner = block.inner(body);
    frame.render_widget(block, body);

    let (team, model) = match &app.annotators.figures {
        Figures::Ready(report) => (&report.team, report.dawid_skene_accuracy.as_ref()),
        Figures::NotLoaded | Figures::Loading => {
            frame.render_widget(Paragraph::new(msg::REPORT_LOADING.text()).dim(), inner);
            return;
        }
        Figures::Failed(error) => {
            let text = msg::REPORT_FAILED.fmt(&[("error", &crate::core::sanitize::sanitize_plain(error))]);
            frame.render_widget(Paragraph::new(text).style(theme::error()), inner);
            return;
        }
    };
    if team.annotators.is_empty() {
        frame.render_widget(Paragraph::new(msg::ANNOTATORS_SCREEN_EMPTY.text()).italic(), inner);
        return;
    }

    // The footnote is Chinese prose with figures in it, which word wrap alone breaks
    // badly, so it is wrapped here.
    let footnote = msg::TEAM_MEDIAN_TIME.fmt(&[("time", &seconds_or_dash(team.team_median_ms))]);
    let mut details = crate::tui::widgets::wrap::wrap_mixed(&footnote, inner.width, theme::muted());
    details.extend(detail_lines(team, app.annotators.selected, app.spec().question()));
    let detail_rows = wrapped_height(&details, inner.width);
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(detail_rows)]).areas(inner);
    let header = Row::new(vec![
        Cell::from(msg::COL_ANNOTATOR.text()),
        Cell::from(Line::from(msg::COL_DONE.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_GOLD.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_CONSENSUS.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_MEDIAN_TIME.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_MODEL_ACCURACY.text()).right_aligned()),
        Cell::from(msg::COL_FLAGS.text()),
    ])
    .bold()
    .underlined();
    let name_width = team.annotators.iter().map(|q| fit(&q.annotator, 20).width()).max().unwrap_or(0);
    let widths = [
        Constraint::Length(name_width.max(msg::COL_ANNOTATOR.text().width()) as u16),
        column_width(msg::COL_DONE.text(), 5),
        column_width(msg::COL_GOLD.text(), 11),
        column_width(msg::COL_CONSENSUS.text(), 11),
        column_width(msg::COL_MEDIAN_TIME.text(), 7),
        column_width(msg::COL_MODEL_ACCURACY.text(), 6),
        Constraint::Fill(1),
    ];
    let rows: Vec<Row> = team
        .annotators
        .iter()
        .map(|quality| annotator_row(quality, model.and_then(|m| m.get(&quality.annotator).copied())))
        .collect();
    render_selectable_table(frame, table_area, header, rows, widths, app.annotators.selected);

    frame.render_widget(Paragraph::new(details).wrap(Wrap { trim: true }), detail_area);
}
