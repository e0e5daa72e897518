//! The jobs menu: train or evaluate a model in the background, with progress and results.
//!
//! At most one job of each kind runs at a time. The menu can be closed while a job
//! runs; the annotation screen then shows a one-line gauge until it finishes.

use crate::core::sanitize;
use crate::i18n::catalogue::tui as msg;
use crate::jobs::{self, JobEvent, JobHandle, JobKind};
use crate::ml::{EvalReport, TrainSummary};
use crate::tui::app::{App, Notice};
use crate::tui::fit;
use crate::tui::screens::popup_area;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Gauge, LineGauge, Padding, Paragraph, Row, Table};

/// The state of one kind of job.
#[derive(Default)]
pub enum JobStatus {
    #[default]
    Idle,
    Running {
        fraction: f64,
        stage: String,
    },
    Trained(TrainSummary),
    Evaluated(EvalReport),
    Failed(String),
    Cancelled,
}

/// One row of the menu: a kind of job, its handle while it runs, and its last status.
#[derive(Default)]
pub struct JobSlot {
    handle: Option<JobHandle>,
    pub status: JobStatus,
}

/// The two rows of the jobs menu and the selection.
#[derive(Default)]
pub struct JobsState {
    /// 0 is training, 1 is evaluation.
    selected: usize,
    slots: [JobSlot; 2],
}

fn kind_at(index: usize) -> JobKind {
    match index {
        0 => JobKind::Train,
        _ => JobKind::Evaluate,
    }
}

fn slot_index(kind: &JobKind) -> usize {
    match kind {
        JobKind::Train => 0,
        JobKind::Evaluate => 1,
    }
}

fn kind_name(index: usize) -> &'static str {
    match index {
        0 => msg::JOB_TRAIN.text(),
        _ => msg::JOB_EVALUATE.text(),
    }
}

impl JobsState {
    pub fn any_running(&self) -> bool {
        self.slots.iter().any(|slot| matches!(slot.status, JobStatus::Running { .. }))
    }

    pub fn move_selection(&mut self, delta: i32) {
        let last = self.slots.len() as i32 - 1;
        self.selected = (self.selected as i32 + delta).clamp(0, last) as usize;
    }

    pub fn status(&self, kind: &JobKind) -> &JobStatus {
        &self.slots[slot_index(kind)].status
    }

    /// Asks every running job to stop; used on quit.
    pub fn cancel_all(&mut self) {
        for slot in &self.slots {
            if let Some(handle) = &slot.handle {
                handle.cancel();
            }
        }
    }
}

pub fn start_selected(app: &mut App) {
    let index = app.jobs.selected;
    if matches!(app.jobs.slots[index].status, JobStatus::Running { .. }) {
        app.notice = Some(Notice::warning(msg::JOB_ALREADY_RUNNING.fmt(&[("job", &kind_name(index))])));
        return;
    }
    let kind = kind_at(index);
    // The job writes the trained model there and does not create the directory itself.
    let model_dir = app.project.model_dir();
    if let Err(err) = std::fs::create_dir_all(&model_dir) {
        tracing::error!(dir = %model_dir.display(), error = %err, "cannot create the model directory");
        let path = sanitize::sanitize_plain(&model_dir.display().to_string());
        let error = err.to_string();
        app.notice = Some(Notice::error(msg::MODEL_DIR_FAILED.fmt(&[("dir", &path), ("error", &error)])));
        return;
    }
    let loader = app.project.examples_loader();
    let handle = jobs::spawn(kind, loader, app.spec().model.clone(), app.project.model_path());
    tracing::info!(job = kind_name(index), "job started");
    let slot = &mut app.jobs.slots[index];
    slot.handle = Some(handle);
    slot.status = JobStatus::Running { fraction: 0.0, stage: msg::JOB_STARTING.text().to_string() };
}

pub fn cancel_selected(app: &mut App) {
    let slot = &app.jobs.slots[app.jobs.selected];
    match &slot.handle {
        Some(handle) if matches!(slot.status, JobStatus::Running { .. }) => handle.cancel(),
        _ => app.notice = Some(Notice::warning(msg::JOB_NOT_RUNNING.text())),
    }
}

/// Collects the events of running jobs; called every tick.
pub fn poll(app: &mut App) {
    for index in 0..app.jobs.slots.len() {
        let Some(handle) = app.jobs.slots[index].handle.as_mut() else { continue };
        let events = handle.poll();
        let finished = handle.is_finished();
        for event in events {
            apply_event(app, kind_at(index), event);
        }
        if finished {
            app.jobs.slots[index].handle = None;
        }
    }
}

/// Applies one job event to the slot of its kind.
pub fn apply_event(app: &mut App, kind: JobKind, event: JobEvent) {
    app.needs_redraw = true;
    let index = slot_index(&kind);
    let name = kind_name(index);
    let status = match event {
        JobEvent::Progress { fraction, stage } => JobStatus::Running { fraction: fraction.clamp(0.0, 1.0), stage },
        JobEvent::Trained(summary) => {
            app.notice = Some(Notice::info(msg::JOB_FINISHED.fmt(&[("job", &name)])));
            JobStatus::Trained(summary)
        }
        JobEvent::Evaluated(report) => {
            app.notice = Some(Notice::info(msg::JOB_FINISHED.fmt(&[("job", &name)])));
            JobStatus::Evaluated(report)
        }
        JobEvent::Failed(error) => {
            tracing::error!(job = name, error = %error, "job failed");
            app.notice = Some(Notice::error(
                msg::JOB_FAILED.fmt(&[("job", &name), ("error", &sanitize::sanitize_plain(&error))]),
            ));
            JobStatus::Failed(error)
        }
        JobEvent::Cancelled => {
            app.notice = Some(Notice::warning(msg::JOB_CANCELLED.fmt(&[("job", &name)])));
            JobStatus::Cancelled
        }
    };
    app.jobs.slots[index].status = status;
}

fn status_word(status: &JobStatus) -> Span<'static> {
    match status {
        JobStatus::Idle => Span::from(msg::JOB_IDLE.text()).dim(),
        JobStatus::Running { fraction, .. } => {
            Span::from(format!("{} {:.0}%", msg::JOB_RUNNING.text(), fraction * 100.0)).yellow()
        }
        JobStatus::Trained(_) | JobStatus::Evaluated(_) => Span::from(msg::JOB_DONE.text()).green(),
        JobStatus::Failed(_) => Span::from(msg::JOB_FAILED_WORD.text()).red(),
        JobStatus::Cancelled => Span::from(msg::JOB_CANCELLED_WORD.text()).yellow(),
    }
}

/// Draws the one-line gauge that the annotation screen shows while a job runs.
pub fn render_job_line(app: &App, frame: &mut Frame, area: Rect) {
    let running = app.jobs.slots.iter().enumerate().find_map(|(index, slot)| match &slot.status {
        JobStatus::Running { fraction, stage } => Some((index, *fraction, stage)),
        _ => None,
    });
    let Some((index, fraction, stage)) = running else { return };
    let label = fit(&format!("{} · {stage} {:.0}%", kind_name(index), fraction * 100.0), usize::from(area.width / 2));
    let gauge = LineGauge::default().ratio(fraction).label(label).filled_style(Style::new().cyan());
    frame.render_widget(gauge, area);
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let selected = &app.jobs.slots[app.jobs.selected].status;
    let popup = popup_area(area, POPUP_WIDTH, 7 + result_height(selected, POPUP_WIDTH.min(area.width) - 4));
    let block = Block::bordered().title(format!(" {} ", msg::JOBS_TITLE.text())).padding(Padding::horizontal(1));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);

    let [menu, gauge, result, hints] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(2), Constraint::Min(0), Constraint::Length(1)])
            .areas(inner);

    let rows: Vec<Line> = (0..app.jobs.slots.len())
        .map(|index| {
            let marker = if index == app.jobs.selected { "▶ " } else { "  " };
            let name = Span::from(format!("{marker}{}", kind_name(index)));
            let name = if index == app.jobs.selected { name.bold() } else { name };
            Line::from(vec![name, Span::raw("  "), status_word(&app.jobs.slots[index].status)])
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), menu);

    if let JobStatus::Running { fraction, stage } = selected {
        let label = fit(&format!("{stage} · {:.0}%", fraction * 100.0), usize::from(gauge.width));
        let bar = Rect { height: 1, ..gauge };
        frame.render_widget(Gauge::default().ratio(*fraction).label(label).gauge_style(Style::new().cyan()), bar);
    }
    render_result(frame, result, selected);
    frame.render_widget(Paragraph::new(fit(msg::JOBS_HINTS.text(), usize::from(hints.width))).dim(), hints);
}

const POPUP_WIDTH: u16 = 110;

/// Rows the result of `status` needs at `width` columns.
fn result_height(status: &JobStatus, width: u16) -> u16 {
    let rows = match status {
        JobStatus::Idle | JobStatus::Failed(_) => 3,
        JobStatus::Running { .. } | JobStatus::Cancelled => 0,
        JobStatus::Trained(_) => 4,
        JobStatus::Evaluated(report) => {
            let scores = report.per_class.len() + 1;
            let matrix = report.labels.len() + 1;
            if side_by_side(report, width) { 2 + scores.max(matrix) } else { 2 + scores + 1 + matrix }
        }
    };
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn scores_width() -> u16 {
    (LABEL_COLUMN + 4 * 10) as u16
}

fn matrix_width(report: &EvalReport) -> u16 {
    u16::try_from(LABEL_COLUMN + 1 + (COUNT_COLUMN + 1) * report.labels.len()).unwrap_or(u16::MAX)
}

fn side_by_side(report: &EvalReport, width: u16) -> bool {
    width >= scores_width().saturating_add(2).saturating_add(matrix_width(report))
}

fn render_result(frame: &mut Frame, area: Rect, status: &JobStatus) {
    match status {
        JobStatus::Trained(summary) => render_train(frame, area, summary),
        JobStatus::Evaluated(report) => render_evaluation(frame, area, report),
        JobStatus::Failed(error) => {
            let text = msg::JOB_ERROR_DETAIL.fmt(&[("error", &sanitize::sanitize_plain(error))]);
            frame.render_widget(Paragraph::new(text).red().wrap(ratatui::widgets::Wrap { trim: true }), area);
        }
        JobStatus::Idle => frame.render_widget(Paragraph::new(msg::JOBS_INTRO.text()).dim(), area),
        JobStatus::Running { .. } | JobStatus::Cancelled => {}
    }
}

fn render_train(frame: &mut Frame, area: Rect, summary: &TrainSummary) {
    let lines = vec![
        Line::from(msg::RESULT_EXAMPLES.fmt(&[("n", &summary.n_examples)])),
        Line::from(msg::RESULT_FEATURES.fmt(&[("n", &summary.n_features)])),
        Line::from(msg::RESULT_TRAIN_ACCURACY.fmt(&[("value", &format!("{:.1}%", summary.train_accuracy * 100.0))])),
        Line::from(msg::RESULT_SECONDS.fmt(&[("seconds", &format!("{:.1}", summary.seconds))])),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// Column width of a label in the tables: enough for short labels, never the whole row.
const LABEL_COLUMN: usize = 12;
const COUNT_COLUMN: usize = 6;

fn render_evaluation(frame: &mut Frame, area: Rect, report: &EvalReport) {
    let summary = Line::from(msg::EVAL_SUMMARY.fmt(&[
        ("folds", &report.folds),
        ("n", &report.n_examples),
        ("accuracy", &format!("{:.1}%", report.accuracy * 100.0)),
        ("macro_f1", &format!("{:.3}", report.macro_f1)),
    ]));
    let [top, tables] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(summary).bold(), top);

    if side_by_side(report, tables.width) {
        let [left, _, right] =
            Layout::horizontal([Constraint::Length(scores_width()), Constraint::Length(2), Constraint::Min(0)])
                .areas(tables);
        render_scores(frame, left, report);
        render_confusion(frame, right, report);
    } else {
        let score_rows = u16::try_from(report.per_class.len() + 2).unwrap_or(u16::MAX);
        let [left, right] = Layout::vertical([Constraint::Length(score_rows), Constraint::Min(0)]).areas(tables);
        render_scores(frame, left, report);
        render_confusion(frame, right, report);
    }
}

fn render_scores(frame: &mut Frame, area: Rect, report: &EvalReport) {
    let right = |text: &'static str| Cell::from(Line::from(text).right_aligned());
    let header = Row::new([
        Cell::from(msg::COLUMN_LABEL.text()),
        right(msg::COLUMN_PRECISION.text()),
        right(msg::COLUMN_RECALL.text()),
        right("F1"),
        right(msg::COLUMN_SUPPORT.text()),
    ])
    .bold();
    let rows = report.per_class.iter().map(|class| {
        Row::new([
            Cell::from(fit(&class.label, LABEL_COLUMN)),
            Cell::from(format!("{:>9.3}", class.precision)),
            Cell::from(format!("{:>9.3}", class.recall)),
            Cell::from(format!("{:>9.3}", class.f1)),
            Cell::from(format!("{:>9}", class.support)),
        ])
    });
    let widths = [
        Constraint::Length(LABEL_COLUMN as u16),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(9),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), area);
}

/// Draws the confusion matrix with true labels down and predicted labels across.
fn render_confusion(frame: &mut Frame, area: Rect, report: &EvalReport) {
    let mut header = vec![Cell::from(fit(msg::CONFUSION_CORNER.text(), LABEL_COLUMN)).dim()];
    header.extend(
        report.labels.iter().map(|label| Cell::from(Line::from(fit(label, COUNT_COLUMN)).right_aligned()).bold()),
    );
    let rows = report.labels.iter().zip(&report.confusion).enumerate().map(|(truth, (label, counts))| {
        let mut cells = vec![Cell::from(fit(label, LABEL_COLUMN)).bold()];
        cells.extend(counts.iter().enumerate().map(|(predicted, count)| {
            let cell = Cell::from(format!("{count:>COUNT_COLUMN$}"));
            if predicted == truth {
                cell.green()
            } else if *count > 0 {
                cell.red()
            } else {
                cell.dim()
            }
        }));
        Row::new(cells)
    });
    let mut widths = vec![Constraint::Length(LABEL_COLUMN as u16)];
    widths.extend(report.labels.iter().map(|_| Constraint::Length(COUNT_COLUMN as u16)));
    frame.render_widget(Table::new(rows, widths).header(Row::new(header)).column_spacing(1), area);
}
