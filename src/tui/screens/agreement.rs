//! The agreement screen: Krippendorff's alpha with a bootstrap interval, mean Cohen's
//! kappa, percent agreement, agreement per label, alpha over time and each annotator's
//! agreement with the consensus.
//!
//! The figures are computed on a report thread when the screen opens, on `r`, and
//! after every [`AUTO_REFRESH_CHANGES`] live updates while the screen is open.

use crate::core::agreement::Stat;
use crate::core::roles::Permission;
use crate::core::sanitize::{display_width, sanitize_plain};
use crate::core::task::Question;
use crate::i18n::catalogue::common::UNDEFINED;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::terminal as term;
use crate::i18n::catalogue::tui as msg;
use crate::tui::app::{App, Notice, Overlay};
use crate::tui::fit;
use crate::tui::report::{AgreementReport, ReportKind, ReportTask};
use crate::tui::screens::annotators::{Figures, percent_or_dash};
use crate::tui::screens::{column_width, render_status_line};
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Padding, Paragraph, Row, Sparkline, Table, Wrap};

/// Live updates after which an open agreement screen recomputes its figures.
pub const AUTO_REFRESH_CHANGES: u32 = 25;
/// From this width on, the statistics and the tables sit side by side.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;

/// State of the agreement screen.
#[derive(Default)]
pub struct AgreementState {
    pub figures: Figures<Box<AgreementReport>>,
    pub(crate) task: Option<ReportTask>,
    /// Live updates received since the figures were last requested.
    pub(crate) changes_since_request: u32,
    /// The first per-label row shown, so that a table cut by a small terminal scrolls.
    pub(crate) label_offset: usize,
    /// Index in the task's questions of the question whose figures are shown.
    pub(crate) question: usize,
}

/// Returns the question whose figures the screen shows.
fn shown_question(app: &App) -> &Question {
    let questions = &app.spec().questions;
    &questions[app.agreement.question.min(questions.len() - 1)]
}

/// Moves the screen to the next question, after the last back to the first, and starts
/// computing its figures. A task with one question has nothing to switch to.
pub fn next_question(app: &mut App) {
    let n_questions = app.spec().questions.len();
    if n_questions < 2 {
        return;
    }
    app.agreement.question = (app.agreement.question + 1) % n_questions;
    app.agreement.label_offset = 0;
    app.agreement.figures = Figures::Loading;
    // A report of the previous question still running is dropped with its receiver.
    app.agreement.task = None;
    refresh(app);
}

/// Scrolls the per-label table by `delta` rows, within the labels there are.
pub fn move_selection(app: &mut App, delta: i32) {
    let Figures::Ready(report) = &app.agreement.figures else { return };
    let last = report.summary.categories.len().saturating_sub(1);
    let moved = app.agreement.label_offset as i64 + i64::from(delta);
    app.agreement.label_offset = usize::try_from(moved.clamp(0, last as i64)).unwrap_or(0);
}

/// Opens the screen and starts computing the figures.
pub fn open(app: &mut App) {
    app.overlay = Overlay::Agreement;
    refresh(app);
}

/// Starts a new computation unless one is already running.
pub fn refresh(app: &mut App) {
    if app.agreement.task.is_some() {
        return;
    }
    app.agreement.changes_since_request = 0;
    let mut project = app.project.clone();
    if let Err(err) = project.select_question(Some(&shown_question(app).id)) {
        app.notice = Some(Notice::error(format!("{err:#}")));
        return;
    }
    match ReportTask::spawn(&project, ReportKind::Agreement) {
        Ok(task) => {
            app.agreement.task = Some(task);
            if !matches!(app.agreement.figures, Figures::Ready(_)) {
                app.agreement.figures = Figures::Loading;
            }
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot start the report thread");
            app.notice = Some(Notice::error(msg::REPORT_THREAD_FAILED.fmt(&[("error", &err)])));
        }
    }
}

/// Counts a live update, and recomputes after enough of them while the screen is open.
pub fn on_live_change(app: &mut App) {
    if app.overlay != Overlay::Agreement {
        return;
    }
    app.agreement.changes_since_request += 1;
    if app.agreement.changes_since_request >= AUTO_REFRESH_CHANGES {
        refresh(app);
    }
}

pub fn apply(app: &mut App, figures: Figures<Box<AgreementReport>>) {
    app.agreement.task = None;
    app.agreement.figures = figures;
}

/// Formats a statistic with three decimals, or the localized word for undefined.
fn stat_text(stat: &Stat) -> String {
    match stat.value() {
        Some(value) => format!("{value:.3}"),
        None => UNDEFINED.text().to_string(),
    }
}

fn stat_percent(stat: &Stat) -> String {
    match stat.value() {
        Some(value) => format!("{:.1}%", value * 100.0),
        None => UNDEFINED.text().to_string(),
    }
}

/// One statistic as `name  value`, then its reason when undefined.
fn stat_lines(name: &str, name_width: usize, value: String, stat: &Stat) -> Vec<Line<'static>> {
    let pad = " ".repeat(name_width.saturating_sub(display_width(name)) + 2);
    let mut lines = vec![Line::from(vec![Span::from(format!("{name}{pad}")).dim(), Span::from(value).bold()])];
    if let Stat::Undefined(reason) = stat {
        lines.push(Line::from(format!("  {}", sanitize_plain(&reason.message()))).italic());
    }
    lines
}

fn summary_lines(report: &AgreementReport) -> Vec<Line<'static>> {
    let summary = &report.summary;
    let interval = &report.interval;
    let names = [msg::KRIPPENDORFF_ALPHA.text(), msg::COHEN_KAPPA_MEAN.text(), msg::PERCENT_AGREEMENT.text()];
    let name_width = names.iter().map(|name| display_width(name)).max().unwrap_or(0);

    let mut lines = vec![
        Line::from(msg::TABLE_SIZE.fmt(&[
            ("items", &summary.n_items),
            ("annotators", &summary.n_annotators),
            ("answers", &summary.n_annotations),
        ]))
        .dim(),
        Line::default(),
    ];
    lines.extend(stat_lines(names[0], name_width, stat_text(&summary.krippendorff_alpha), &summary.krippendorff_alpha));
    if let (Some(lower), Some(upper)) = (interval.lower.value(), interval.upper.value()) {
        let confidence = format!("{:.0}", interval.confidence * 100.0);
        lines.push(Line::from(format!(
            "  {}",
            msg::ALPHA_INTERVAL.fmt(&[
                ("confidence", &confidence),
                ("lower", &format!("{lower:.3}")),
                ("upper", &format!("{upper:.3}")),
                ("resamples", &interval.defined_resamples),
            ])
        )));
    } else if summary.krippendorff_alpha.value().is_some()
        && let Stat::Undefined(reason) = &interval.lower
    {
        let reason = sanitize_plain(&reason.message());
        lines.push(Line::from(format!("  {}", msg::ALPHA_INTERVAL_UNDEFINED.fmt(&[("reason", &reason)]))).italic());
    }
    lines.extend(stat_lines(names[1], name_width, stat_text(&summary.cohen_kappa_mean), &summary.cohen_kappa_mean));
    lines.extend(stat_lines(
        names[2],
        name_width,
        stat_percent(&summary.percent_agreement),
        &summary.percent_agreement,
    ));
    if summary.shows_kappa_paradox() {
        lines.push(Line::default());
        let text = match summary.dominant_label() {
            Some((label, share)) => {
                msg::KAPPA_PARADOX.fmt(&[("label", &sanitize_plain(label)), ("share", &percent_or_dash(Some(share)))])
            }
            None => msg::KAPPA_PARADOX_SHORT.text().to_string(),
        };
        lines.push(Line::styled(text, theme::warning()));
    }
    lines
}

/// The per-label table and one line per distinct reason behind its undefined cells.
/// The per-label table, scrolled to the state's offset, with labels by display name.
fn render_categories(app: &App, report: &AgreementReport, frame: &mut Frame, area: Rect) {
    let labels = &shown_question(app).labels;
    let display = |value: &str| -> String {
        labels.iter().find(|label| label.value == value).map_or(value, |label| label.display.current()).to_string()
    };
    let mut reasons: Vec<String> = Vec::new();
    let mut cell = |stat: &Stat| {
        if let Stat::Undefined(reason) = stat {
            let reason = sanitize_plain(&reason.message());
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        Cell::from(Line::from(stat_text(stat)).right_aligned())
    };
    let rows: Vec<Row> = report
        .summary
        .categories
        .iter()
        .map(|category| {
            Row::new(vec![
                Cell::from(fit(&display(&category.label), 20)),
                Cell::from(Line::from(percent_or_dash(Some(category.share))).right_aligned()),
                cell(&category.fleiss_kappa),
                cell(&category.specific_agreement),
            ])
        })
        .collect();
    let header = Row::new(vec![
        Cell::from(msg::COL_LABEL.text()),
        Cell::from(Line::from(msg::COL_SHARE.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_LABEL_KAPPA.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_SPECIFIC.text()).right_aligned()),
    ])
    .bold()
    .underlined();
    let widths = [
        Constraint::Fill(1),
        column_width(msg::COL_SHARE.text(), 6),
        column_width(msg::COL_LABEL_KAPPA.text(), 9),
        column_width(msg::COL_SPECIFIC.text(), 9),
    ];
    let notes: Vec<Line> =
        reasons.iter().map(|reason| Line::from(format!("{}: {reason}", UNDEFINED.text())).italic()).collect();
    let mut block =
        Block::bordered().title(format!(" {} ", msg::PER_LABEL_TITLE.text())).padding(Padding::horizontal(1));
    let total = rows.len();
    let note_rows = (notes.len() as u16).min(block.inner(area).height.saturating_sub(2));
    // Rows that fit under the header; a cut table says which rows it shows.
    let fit_rows = usize::from(block.inner(area).height.saturating_sub(note_rows + 1)).max(1);
    let first = app.agreement.label_offset.min(total.saturating_sub(fit_rows));
    let last = (first + fit_rows).min(total);
    if first > 0 || last < total {
        let position = term::TERM_LIST_POSITION.fmt(&[("first", &(first + 1)), ("last", &last), ("total", &total)]);
        block = block.title_bottom(Line::styled(format!(" {position} "), theme::muted()).right_aligned());
    }
    let rows: Vec<Row> = rows.into_iter().skip(first).collect();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, notes_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(note_rows)]).areas(inner);
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), table_area);
    frame.render_widget(Paragraph::new(notes), notes_area);
}

fn render_annotators(report: &AgreementReport, frame: &mut Frame, area: Rect) {
    let header = Row::new(vec![
        Cell::from(msg::COL_ANNOTATOR.text()),
        Cell::from(Line::from(msg::COL_CONSENSUS.text()).right_aligned()),
    ])
    .bold()
    .underlined();
    let rows: Vec<Row> = report
        .quality
        .annotators
        .iter()
        .map(|quality| {
            let consensus = match quality.consensus_agreement {
                Some(_) => format!("{} ({})", percent_or_dash(quality.consensus_agreement), quality.consensus_items),
                None => "–".to_string(),
            };
            Row::new(vec![Cell::from(fit(&quality.annotator, 20)), Cell::from(Line::from(consensus).right_aligned())])
        })
        .collect();
    let widths = [Constraint::Fill(1), column_width(msg::COL_CONSENSUS.text(), 11)];
    let block =
        Block::bordered().title(format!(" {} ", msg::PER_ANNOTATOR_TITLE.text())).padding(Padding::horizontal(1));
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1).block(block), area);
}

/// Alpha after each live change, clamped to 0..1 because a sparkline has no negative bars.
/// The live figures follow the primary question, so on a task with several questions the
/// title names it.
fn render_history(app: &App, frame: &mut Frame, area: Rect) {
    let history = &app.live.alpha_history;
    let mut title = msg::ALPHA_HISTORY_TITLE.fmt(&[("n", &history.len())]);
    if app.spec().has_several_questions() {
        let primary = fit(&app.spec().question().id, 32);
        title = format!("{title} · {}", qmsg::QUESTIONS_PRIMARY_ONLY.fmt(&[("id", &primary)]));
    }
    let block = Block::bordered().title(format!(" {title} ")).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if history.is_empty() {
        frame.render_widget(Paragraph::new(msg::ALPHA_HISTORY_EMPTY.text()).dim(), inner);
        return;
    }
    // Only the newest values that fit the width are drawn, so older ones scroll off.
    let skip = history.len().saturating_sub(usize::from(inner.width));
    let data: Vec<u64> =
        history.iter().skip(skip).map(|alpha| (alpha.clamp(0.0, 1.0) * 100.0).round() as u64).collect();
    frame.render_widget(Sparkline::default().data(&data).max(100).style(theme::chart()), inner);
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let [body, hints] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let several = app.spec().has_several_questions();
    let mut hint_text = crate::tui::with_keys(term::TERM_AGREEMENT_HINTS, &app.spec().keys);
    let mut title = msg::AGREEMENT_SCREEN_TITLE.text().to_string();
    if several {
        let keys = &app.spec().keys;
        hint_text = format!("{} · {hint_text}", crate::tui::with_keys(qmsg::QUESTIONS_NEXT_HINT, keys));
        let n = app.agreement.question.min(app.spec().questions.len() - 1) + 1;
        let question = qmsg::QUESTIONS_SCREEN_TITLE.fmt(&[
            ("id", &fit(&shown_question(app).id, 32)),
            ("n", &n),
            ("total", &app.spec().questions.len()),
        ]);
        title = format!("{title} · {question}");
    }
    render_status_line(app, frame, hints, &hint_text);

    let mut block = Block::bordered().title(Line::from(format!(" {title} ")).bold()).padding(Padding::horizontal(1));
    if app.agreement.task.is_some() && matches!(app.agreement.figures, Figures::Ready(_)) {
        block = block.title(Line::from(format!(" {} ", msg::REPORT_UPDATING.text())).right_aligned().dim());
    }
    let inner = block.inner(body);
    frame.render_widget(block, body);

    let report = match &app.agreement.figures {
        Figures::Ready(report) => report,
        Figures::NotLoaded | Figures::Loading => {
            frame.render_widget(Paragraph::new(msg::REPORT_LOADING.text()).dim(), inner);
            return;
        }
        Figures::Failed(error) => {
            let text = msg::REPORT_FAILED.fmt(&[("error", &sanitize_plain(error))]);
            frame.render_widget(Paragraph::new(text).style(theme::error()).wrap(Wrap { trim: true }), inner);
            return;
        }
    };

    let summary = summary_lines(report);
    let with_annotators = app.spec().permits(&app.login, Permission::Review);
    let label_rows = report.summary.categories.len() as u16 + 3;
    if inner.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).spacing(1).areas(inner);
        let summary_rows = crate::tui::screens::wrapped_height(&summary, left.width);
        let [stats, history, _] =
            Layout::vertical([Constraint::Length(summary_rows), Constraint::Length(6), Constraint::Min(0)]).areas(left);
        frame.render_widget(Paragraph::new(summary).wrap(Wrap { trim: false }), stats);
        render_history(app, frame, history);
        if with_annotators {
            let [labels, annotators] =
                Layout::vertical([Constraint::Length(label_rows + 2), Constraint::Min(4)]).areas(right);
            render_categories(app, report, frame, labels);
            render_annotators(report, frame, annotators);
        } else {
            render_categories(app, report, frame, right);
        }
        return;
    }

    let summary_rows = crate::tui::screens::wrapped_height(&summary, inner.width);
    let [stats, history, tables] =
        Layout::vertical([Constraint::Length(summary_rows), Constraint::Length(4), Constraint::Min(4)]).areas(inner);
    frame.render_widget(Paragraph::new(summary).wrap(Wrap { trim: false }), stats);
    render_history(app, frame, history);
    if with_annotators {
        let [labels, annotators] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).spacing(1).areas(tables);
        render_categories(app, report, frame, labels);
        render_annotators(report, frame, annotators);
    } else {
        render_categories(app, report, frame, tables);
    }
}
