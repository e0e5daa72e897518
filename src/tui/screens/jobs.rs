//! The jobs screen: start training, evaluation or prediction as a detached process,
//! follow every job of the project from the store, read a job's log, cancel it, and
//! open its result.
//!
//! Jobs run as their own processes (see [`crate::jobs::launch`]), so closing or killing
//! the TUI leaves them running. The screen is only a view of the `jobs` table, read
//! again on the poll tick.

use crate::core::keys::KeyAction;
use crate::core::sanitize;
use crate::i18n::catalogue::jobs as msg;
use crate::i18n::catalogue::polish as pol;
use crate::i18n::catalogue::review as review_msg;
use crate::i18n::catalogue::tui as tui_msg;
use crate::jobs::display::kind_word;
use crate::jobs::launch::{launch, worker_program};
use crate::jobs::liveness::{fail_lost_jobs, list_jobs};
use crate::jobs::params::{JobParams, LabelChoice};
use crate::ml::{EvalReport, LearningCurve};
use crate::store::{JobLogLine, JobRecord, JobState};
use crate::tui::app::{App, Notice};
use crate::tui::fit;
use crate::tui::screens::popup_area;
use crate::tui::theme;
use crate::tui::widgets::eval_view::{self, EvalPanel};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, LineGauge, Padding, Paragraph, Row, Table, Wrap};
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

/// How often the store is read again while the jobs screen is open, and while it is
/// closed (for the one-line gauge of a running job on the annotation screen, which may
/// have been started from another terminal).
const REFRESH_OPEN: Duration = Duration::from_millis(500);
const REFRESH_CLOSED: Duration = Duration::from_secs(2);

/// Jobs listed, newest first.
const LISTED_JOBS: usize = 20;

/// Log lines kept for the selected job.
const LOG_LINES: usize = 50;

/// A menu row, named after the kind of job it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MenuEntry {
    Train,
    Evaluate,
    Predict,
}

const MENU: [MenuEntry; 3] = [MenuEntry::Train, MenuEntry::Evaluate, MenuEntry::Predict];

impl MenuEntry {
    fn label(self) -> &'static str {
        match self {
            MenuEntry::Train => msg::JOB_MENU_TRAIN.text(),
            MenuEntry::Evaluate => msg::JOB_MENU_EVALUATE.text(),
            MenuEntry::Predict => msg::JOB_MENU_PREDICT.text(),
        }
    }

    fn params(self) -> JobParams {
        match self {
            MenuEntry::Train => {
                JobParams::Train { labels_from: LabelChoice::Auto, with_eval: false, soft_labels: false }
            }
            MenuEntry::Evaluate => {
                JobParams::Evaluate { labels_from: LabelChoice::Auto, folds: None, soft_labels: false }
            }
            MenuEntry::Predict => JobParams::Predict { run: None, all: false, out: None, apply_order: false },
        }
    }
}

/// The jobs screen's state: the jobs read from the store and the selection.
#[derive(Default)]
pub struct JobsState {
    /// Rows `0..MENU.len()` are the menu; later rows are `jobs`.
    selected: usize,
    jobs: Vec<JobRecord>,
    /// The selected job's last log lines.
    log: Vec<JobLogLine>,
    /// The job whose result is shown in place of its log.
    result_of: Option<i64>,
    /// The panel of an evaluation result drawn where the whole result does not fit.
    eval_panel: EvalPanel,
    refreshed_at: Option<Instant>,
    /// The program started as a job worker; this executable unless set.
    program: Option<PathBuf>,
    /// Worker processes started from this screen, reaped when they end so that they do
    /// not stay zombies while the TUI runs.
    children: Vec<Child>,
}

impl JobsState {
    /// True while any listed job is queued or running.
    pub fn any_running(&self) -> bool {
        self.jobs.iter().any(|job| !job.state.is_final())
    }

    pub fn move_selection(&mut self, delta: i32) {
        let last = (MENU.len() + self.jobs.len()) as i32 - 1;
        self.selected = (self.selected as i32 + delta).clamp(0, last.max(0)) as usize;
        self.result_of = None;
        self.eval_panel = EvalPanel::default();
        self.log.clear();
        // Read the new job's log at the next tick.
        self.refreshed_at = None;
    }

    /// Sets the program that job workers run, in place of this executable. Tests that
    /// drive the screen from a test binary point it at the `quorum` binary.
    pub fn set_worker_program(&mut self, program: PathBuf) {
        self.program = Some(program);
    }

    fn selected_job(&self) -> Option<&JobRecord> {
        self.selected.checked_sub(MENU.len()).and_then(|index| self.jobs.get(index))
    }
}

/// Reads the jobs (and the selected job's log) from the store when they are due, or
/// at once with `force`.
pub fn refresh(app: &mut App, force: bool) {
    app.jobs.children.retain_mut(|child| matches!(child.try_wait(), Ok(None)));

    let open = matches!(app.overlay, crate::tui::app::Overlay::Jobs);
    let interval = if open { REFRESH_OPEN } else { REFRESH_CLOSED };
    let due = app.jobs.refreshed_at.is_none_or(|at| at.elapsed() >= interval);
    if !force && !due {
        return;
    }
    app.jobs.refreshed_at = Some(Instant::now());

    let jobs = match list_jobs(&mut app.store, LISTED_JOBS) {
        Ok(jobs) => jobs,
        Err(err) => {
            tracing::warn!(error = %err, "cannot read jobs");
            return;
        }
    };
    let log = match app.jobs.selected_job().map(|job| job.id) {
        Some(id) if open => app.store.job_log(id, LOG_LINES).unwrap_or_default(),
        _ => Vec::new(),
    };
    if jobs != app.jobs.jobs || log != app.jobs.log {
        announce_endings(app, &jobs, open);
        app.jobs.jobs = jobs;
        app.jobs.log = log;
        app.jobs.selected = app.jobs.selected.min(MENU.len() + app.jobs.jobs.len() - 1);
        app.needs_redraw = true;
    }
}

/// Shows a notice for each job that was active at the last refresh and has ended now.
/// With the jobs screen open, the notice points at the job's row instead of the key
/// that opens the screen.
fn announce_endings(app: &mut App, jobs: &[JobRecord], screen_open: bool) {
    for job in jobs {
        let before = app.jobs.jobs.iter().find(|old| old.id == job.id);
        let Some(before) = before.filter(|old| !old.state.is_final()) else { continue };
        if !job.state.is_final() || before.state == job.state {
            continue;
        }
        let jobs_key = sanitize::sanitize_plain(&app.spec().keys.key(KeyAction::Jobs).to_string());
        let fields: [(&str, &dyn std::fmt::Display); 3] = [("id", &job.id), ("kind", &job.kind), ("jobs", &jobs_key)];
        app.notice = Some(match (job.state, screen_open) {
            (JobState::Done, false) => Notice::info(msg::JOB_TUI_DONE.fmt(&fields)),
            (JobState::Done, true) => Notice::info(msg::JOB_TUI_DONE_HERE.fmt(&fields)),
            (JobState::Cancelled, _) => Notice::warning(msg::JOB_TUI_CANCELLED.fmt(&fields)),
            (_, false) => Notice::error(msg::JOB_TUI_FAILED.fmt(&fields)),
            (_, true) => Notice::error(msg::JOB_TUI_FAILED_HERE.fmt(&fields)),
        });
    }
}

/// Enter: on a menu row, starts that job as a detached process; on a job row, shows
/// or hides its result.
pub fn start_selected(app: &mut App) {
    if let Some(job) = app.jobs.selected_job() {
        let id = job.id;
        app.jobs.result_of = if app.jobs.result_of == Some(id) { None } else { Some(id) };
        app.jobs.eval_panel = EvalPanel::default();
        return;
    }
    let entry = MENU[app.jobs.selected];
    let params = entry.params();
    if app.jobs.jobs.iter().any(|job| job.kind == params.kind() && !job.state.is_final()) {
        app.notice = Some(Notice::warning(msg::JOB_TUI_ALREADY_RUNNING.fmt(&[("kind", &entry.label())])));
        return;
    }
    let program = match app.jobs.program.clone().map_or_else(worker_program, Ok) {
        Ok(program) => program,
        Err(err) => {
            app.notice = Some(Notice::error(sanitize::sanitize_plain(&format!("{err:#}"))));
            return;
        }
    };
    match launch(&app.project, &params, &app.login, &program) {
        Ok((id, child)) => {
            app.jobs.children.push(child);
            app.notice = Some(Notice::info(msg::JOB_TUI_STARTED.fmt(&[("id", &id), ("kind", &entry.label())])));
            refresh(app, true);
            // The new job is the newest, so it is the first job row.
            app.jobs.selected = MENU.len();
        }
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "cannot start a job");
            app.notice = Some(Notice::error(sanitize::sanitize_plain(&format!("{err:#}"))));
        }
    }
}

/// Starts one detached `retrain` job (train, predict, apply the uncertainty order)
/// unless a `retrain` job from any annotator is already queued or running. Returns the
/// new job's id, or `None` when one was already queued or running.
// NOTE: two annotators who reach the count at the same moment can both see no retrain
// job and start one each; the second refresh is redundant, not harmful.
pub fn start_retrain(app: &mut App) -> anyhow::Result<Option<i64>> {
    fail_lost_jobs(&mut app.store)?;
    let mut active = app.store.jobs_in_state(JobState::Queued)?;
    active.extend(app.store.jobs_in_state(JobState::Running)?);
    let params = JobParams::Retrain { labels_from: LabelChoice::Auto };
    if active.iter().any(|job| job.kind == params.kind()) {
        return Ok(None);
    }
    let program = app.jobs.program.clone().map_or_else(worker_program, Ok)?;
    let (id, child) = launch(&app.project, &params, &app.login, &program)?;
    app.jobs.children.push(child);
    // The gauge on the annotation screen shows the job from the next tick on.
    app.jobs.refreshed_at = None;
    Ok(Some(id))
}

/// Tab and the arrow keys: shows the next (`step` 1) or previous (-1) panel of the
/// evaluation result on screen, where it is drawn one panel at a time.
pub fn switch_result_panel(app: &mut App, step: i32) {
    let Some(job) = app.jobs.selected_job().filter(|job| app.jobs.result_of == Some(job.id)) else { return };
    let Some((_, curve)) = evaluation_of(job) else { return };
    app.jobs.eval_panel = app.jobs.eval_panel.step(step, curve.is_some_and(|c| !c.points.is_empty()));
}

/// Reads the report and learning curve from a finished evaluation job's result.
/// Evaluations stored before curves were computed have no curve.
fn evaluation_of(job: &JobRecord) -> Option<(EvalReport, Option<LearningCurve>)> {
    if job.state != JobState::Done || job.kind != "evaluate" {
        return None;
    }
    let result = job.result.as_ref()?;
    let report = serde_json::from_value::<EvalReport>(result["report"].clone()).ok()?;
    let curve = serde_json::from_value::<LearningCurve>(result["learning_curve"].clone()).ok();
    Some((report, curve))
}

/// `c`: requests that the selected job stop.
pub fn cancel_selected(app: &mut App) {
    let Some(job) = app.jobs.selected_job() else {
        app.notice = Some(Notice::warning(msg::JOB_TUI_SELECT_A_JOB.text()));
        return;
    };
    let id = job.id;
    if job.state.is_final() {
        app.notice = Some(Notice::warning(msg::JOB_TUI_NOT_ACTIVE.fmt(&[("id", &id)])));
        return;
    }
    match app.store.request_job_cancel(id) {
        Ok(_) => app.notice = Some(Notice::info(msg::JOB_CANCEL_REQUESTED.fmt(&[("id", &id)]))),
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
    refresh(app, true);
}

/// Called every tick.
pub fn poll(app: &mut App) {
    refresh(app, false);
}

fn state_span(state: JobState) -> Span<'static> {
    let word = crate::jobs::display::state_word(state);
    let style = match state {
        JobState::Queued => theme::muted(),
        JobState::Running | JobState::Cancelled => theme::warning(),
        JobState::Done => theme::good(),
        JobState::Failed => theme::error(),
    };
    Span::styled(word, style)
}

/// Renders a text progress bar `width` cells wide.
fn bar(fraction: f64, width: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Draws the one-line gauge that the annotation screen shows while a job runs.
pub fn render_job_line(app: &App, frame: &mut Frame, area: Rect) {
    let Some(job) = app.jobs.jobs.iter().find(|job| job.state == JobState::Running) else { return };
    let stage = job.stage.as_deref().unwrap_or_default();
    let label = fit(
        &format!("#{} {} · {stage} {:.0}%", job.id, kind_word(&job.kind), job.progress * 100.0),
        usize::from(area.width / 2),
    );
    let gauge = LineGauge::default().ratio(job.progress.clamp(0.0, 1.0)).label(label).filled_style(theme::chart());
    frame.render_widget(gauge, area);
}

const POPUP_WIDTH: u16 = 110;
const POPUP_HEIGHT: u16 = 32;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let popup = popup_area(area, POPUP_WIDTH, POPUP_HEIGHT);
    let mut block =
        Block::bordered().title(format!(" {} ", tui_msg::JOBS_TITLE.text())).padding(Padding::horizontal(1));
    let inner = block.inner(popup);

    let list_rows = u16::try_from(app.jobs.jobs.len().clamp(1, 8)).unwrap_or(8);
    let [menu, jobs, detail, hints] = Layout::vertical([
        Constraint::Length(MENU.len() as u16 + 1),
        Constraint::Length(list_rows + 2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);

    // An evaluation result that does not fit below the list takes the whole popup.
    let shown_result = app.jobs.selected_job().filter(|job| app.jobs.result_of == Some(job.id));
    let evaluation = shown_result.and_then(|job| Some((job.id, evaluation_of(job)?)));
    if let Some((id, (report, curve))) = evaluation
        && !eval_view::fits_whole(detail, &report, curve.as_ref())
    {
        let title = pol::POL_JOB_RESULT_TITLE.fmt(&[("id", &id)]);
        block = block.title(format!(" {title} "));
        frame.render_widget(Clear, popup);
        frame.render_widget(block, popup);
        render_evaluation_alone(app, frame, inner, &report, curve.as_ref());
        return;
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);

    let rows: Vec<Line> = MENU
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let marker = if index == app.jobs.selected { "▶ " } else { "  " };
            let name = Span::from(format!("{marker}{}", entry.label()));
            if index == app.jobs.selected { Line::from(name.style(theme::title())) } else { Line::from(name) }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), menu);

    render_list(app, frame, jobs);
    render_detail(app, frame, detail);
    // `c` cancels unless the project's key map gave it to another action.
    let keys = &app.spec().keys;
    let hint_msg = if keys.action_for('c').is_some() { msg::JOB_TUI_HINTS_NO_CANCEL } else { msg::JOB_TUI_HINTS };
    let hint = crate::tui::with_keys(hint_msg, keys);
    frame.render_widget(Paragraph::new(fit(&hint, usize::from(hints.width))).style(theme::muted()), hints);
}

/// Draws an evaluation result over the whole popup body, with the keys that switch its
/// panels when it still does not fit at once.
fn render_evaluation_alone(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    report: &EvalReport,
    curve: Option<&LearningCurve>,
) {
    let [body, hints] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    eval_view::render(frame, body, report, curve, app.jobs.eval_panel);
    let hint_msg = if eval_view::fits_whole(body, report, curve) {
        pol::POL_JOB_RESULT_BACK_HINTS
    } else {
        pol::POL_JOB_RESULT_HINTS
    };
    let hint = crate::tui::with_keys(hint_msg, &app.spec().keys);
    frame.render_widget(Paragraph::new(fit(&hint, usize::from(hints.width))).style(theme::muted()), hints);
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    if app.jobs.jobs.is_empty() {
        frame.render_widget(Paragraph::new(msg::JOB_TUI_NO_JOBS.text()).style(theme::muted()), area);
        return;
    }
    let header = Row::new([
        Cell::from(""),
        Cell::from(msg::JOB_COL_ID.text()),
        Cell::from(msg::JOB_COL_KIND.text()),
        Cell::from(msg::JOB_COL_STATE.text()),
        Cell::from(msg::JOB_COL_PROGRESS.text()),
        Cell::from(msg::JOB_COL_STAGE.text()),
        Cell::from(msg::JOB_COL_WHO.text()),
    ])
    .style(theme::title());
    // Keep the selected job in view when the list is longer than the area.
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let selected_row = app.jobs.selected.checked_sub(MENU.len());
    let first = selected_row.map_or(0, |row| row.saturating_sub(visible - 1));
    let rows = app.jobs.jobs.iter().enumerate().skip(first).take(visible).map(|(row, job)| {
        let selected = selected_row == Some(row);
        let stage = match job.state {
            JobState::Failed => job.error.clone().unwrap_or_default(),
            _ => job.stage.clone().unwrap_or_default(),
        };
        let cells = vec![
            Cell::from(if selected { "▶" } else { " " }),
            Cell::from(format!("#{}", job.id)),
            Cell::from(fit(kind_word(&job.kind), 10)),
            Cell::from(Line::from(state_span(job.state))),
            Cell::from(format!("{} {:>3.0}%", bar(job.progress, 10), job.progress * 100.0)),
            Cell::from(fit(&stage, 40)),
            Cell::from(fit(&job.created_by, 10)),
        ];
        if selected { Row::new(cells).style(theme::title()) } else { Row::new(cells) }
    });
    let widths = [
        Constraint::Length(1),
        Constraint::Length(6),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(15),
        Constraint::Min(10),
        Constraint::Length(10),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), area);
}

fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let Some(job) = app.jobs.selected_job() else {
        frame.render_widget(
            Paragraph::new(msg::JOB_TUI_INTRO.text()).style(theme::muted()).wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    if app.jobs.result_of == Some(job.id) {
        render_result(frame, area, job, app.jobs.eval_panel);
        return;
    }
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(msg::JOB_TUI_LOG_TITLE.fmt(&[("id", &job.id)])).style(theme::title()), title);
    let width = usize::from(body.width);
    let shown = usize::from(body.height);
    let mut lines: Vec<Line> = app
        .jobs
        .log
        .iter()
        .skip(app.jobs.log.len().saturating_sub(shown))
        .map(|line| Line::from(fit(&line.line, width)))
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(msg::JOB_TUI_LOG_EMPTY.text()).style(theme::muted()));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

fn render_result(frame: &mut Frame, area: Rect, job: &JobRecord, panel: EvalPanel) {
    let text = |key: &str| match job.result.as_ref().map(|r| &r[key]) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    match (job.state, job.kind.as_str()) {
        (JobState::Done, "evaluate") => match evaluation_of(job) {
            Some((report, curve)) => eval_view::render(frame, area, &report, curve.as_ref(), panel),
            None => frame.render_widget(Paragraph::new(msg::JOB_TUI_NO_RESULT.text()), area),
        },
        (JobState::Done, "retrain") => {
            let line = msg::JOB_RETRAINED.fmt(&[
                ("run", &text("run_id")),
                ("n", &text("n_examples")),
                ("ranked", &text("ranked")),
                ("rule", &text("uncertainty")),
            ]);
            frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), area);
        }
        (JobState::Done, "train") => {
            let number = |key: &str| job.result.as_ref().and_then(|r| r[key].as_f64()).unwrap_or(0.0);
            let lines = vec![
                Line::from(msg::JOB_TUI_RUN.fmt(&[("run", &text("run_id")), ("path", &text("model_path"))])),
                Line::from(tui_msg::RESULT_EXAMPLES.fmt(&[("n", &text("n_examples"))])),
                Line::from(tui_msg::RESULT_FEATURES.fmt(&[("n", &text("n_features"))])),
                Line::from(
                    tui_msg::RESULT_TRAIN_ACCURACY
                        .fmt(&[("value", &format!("{:.1}%", number("train_accuracy") * 100.0))]),
                ),
                Line::from(tui_msg::RESULT_SECONDS.fmt(&[("seconds", &format!("{:.1}", number("seconds")))])),
            ];
            frame.render_widget(Paragraph::new(lines), area);
        }
        (JobState::Done, "predict") => {
            let line = msg::JOB_PREDICTED.fmt(&[("n", &text("n_items")), ("run", &text("run_id"))]);
            frame.render_widget(Paragraph::new(line), area);
        }
        (JobState::Done, _) => {
            let pretty = job.result.as_ref().and_then(|r| serde_json::to_string_pretty(r).ok()).unwrap_or_default();
            frame.render_widget(Paragraph::new(sanitize::sanitize_plain(&pretty)), area);
        }
        (JobState::Failed, _) => {
            let error = sanitize::sanitize_plain(job.error.as_deref().unwrap_or_default());
            let text = tui_msg::JOB_ERROR_DETAIL.fmt(&[("error", &error)]);
            frame.render_widget(Paragraph::new(text).style(theme::error()).wrap(Wrap { trim: true }), area);
        }
        (JobState::Cancelled, _) => {
            let text = review_msg::REV_JOB_CANCELLED_NO_RESULT.text();
            frame.render_widget(Paragraph::new(text).style(theme::muted()).wrap(Wrap { trim: true }), area);
        }
        _ => frame.render_widget(Paragraph::new(msg::JOB_TUI_NO_RESULT.text()).style(theme::muted()), area),
    }
}

#[cfg(test)]
mod result_tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn job(state: JobState) -> JobRecord {
        JobRecord {
            id: 1,
            kind: "evaluate".into(),
            state,
            params: serde_json::Value::Null,
            progress: 0.86,
            stage: None,
            pid: None,
            cancel_requested: true,
            result: None,
            error: None,
            created_by: "lead".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            started_at: None,
            finished_at: None,
        }
    }

    /// Draws the result pane wide enough that no message wraps.
    fn draw(job: &JobRecord) -> String {
        let mut terminal = Terminal::new(TestBackend::new(120, 3)).unwrap();
        terminal.draw(|frame| render_result(frame, frame.area(), job, EvalPanel::default())).unwrap();
        terminal.backend().to_string()
    }

    #[test]
    fn cancelled_job_says_why_no_result() {
        let screen = draw(&job(JobState::Cancelled));
        assert!(screen.contains(review_msg::REV_JOB_CANCELLED_NO_RESULT.text()), "{screen}");
        assert!(!screen.contains(msg::JOB_TUI_NO_RESULT.text()), "{screen}");
    }

    #[test]
    fn running_job_has_no_result_yet() {
        let screen = draw(&job(JobState::Running));
        assert!(screen.contains(msg::JOB_TUI_NO_RESULT.text()), "{screen}");
    }
}
