//! Application state and the single `update` function that changes it.

use crate::core::roles::Permission;
use crate::core::task::TaskSpec;
use crate::i18n::catalogue::tui as msg;
use crate::project::Project;
use crate::store::{Progress, Store, StoreError};
use crate::tui::action::Action;
use crate::tui::live::{LiveMessage, LiveSnapshot};
use crate::tui::report::ReportMessage;
use crate::tui::screens::annotators::Figures;
use crate::tui::screens::{agreement, annotate, annotators, help, jobs, review};
use anyhow::Result;
use ratatui::layout::Rect;
use ratatui_image::picker::Picker;
use std::collections::VecDeque;
use std::time::Instant;

/// Alpha values kept for the agreement-over-time sparkline.
pub const ALPHA_HISTORY_LEN: usize = 100;

/// The overlay drawn on top of the annotation screen, which takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Instructions,
    Help,
    Jobs,
    /// Per-annotator quality (leads and reviewers).
    Annotators,
    /// The review queue of disagreements (leads and reviewers).
    Review,
    /// The full agreement statistics.
    Agreement,
}

/// The severity of a notice, which sets its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

/// A one-line message in the status line, already in the current language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into() }
    }

    pub fn warning(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Warning, text: text.into() }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Error, text: text.into() }
    }

    /// Builds the notice for a store error in the catalogue's words.
    pub fn store(err: &StoreError) -> Notice {
        tracing::error!(error = %err, "store operation failed");
        let text = match err {
            StoreError::Busy { .. } => msg::TUI_STORE_BUSY.text().to_string(),
            other => msg::STORE_FAILED.fmt(&[("error", &crate::core::sanitize::sanitize_plain(&other.to_string()))]),
        };
        Notice::error(text)
    }
}

/// The live agreement figures as last received.
#[derive(Debug, Clone, Default)]
pub struct LiveView {
    pub snapshot: Option<LiveSnapshot>,
    /// The poller's last error, cleared by the next snapshot.
    pub error: Option<String>,
    pub panel_hidden: bool,
    /// Krippendorff's alpha after each live change that moved it, oldest first, at most
    /// [`ALPHA_HISTORY_LEN`] values.
    pub alpha_history: VecDeque<f64>,
}

/// Everything the screen shows and the connections it works through.
pub struct App {
    pub(crate) project: Project,
    pub(crate) annotator: String,
    /// The login name of the person at the terminal, which roles are checked against.
    /// It differs from `annotator` when a lead annotates under another name with `--as`.
    pub(crate) login: String,
    pub(crate) store: Store,
    pub(crate) picker: Picker,
    /// The whole terminal area.
    pub(crate) area: Rect,
    pub(crate) overlay: Overlay,
    pub(crate) annotate: annotate::AnnotateState,
    pub(crate) jobs: jobs::JobsState,
    pub(crate) annotators: annotators::AnnotatorsState,
    pub(crate) review: review::ReviewState,
    pub(crate) agreement: agreement::AgreementState,
    pub(crate) live: LiveView,
    pub(crate) progress: Option<Progress>,
    pub(crate) notice: Option<Notice>,
    /// Rows the help overlay is scrolled down by.
    pub(crate) help_scroll: u16,
    /// The screen the help overlay describes, drawn under it and shown again when it
    /// closes: `Overlay::None` for the annotation screen, or `Overlay::Review`.
    pub(crate) help_over: Overlay,
    pub(crate) should_quit: bool,
    /// Whether the state changed since the last draw. Idle ticks draw nothing, so an
    /// idle screen sends no bytes over the link.
    pub(crate) needs_redraw: bool,
}

impl App {
    /// Opens a store connection for `annotator`, leases the first item and shows the
    /// task instructions. `width` x `height` is the terminal size. Roles are checked
    /// against the login name ([`crate::project::login_name`]).
    pub fn new(project: &Project, annotator: &str, width: u16, height: u16) -> Result<App> {
        App::with_login(project, annotator, &crate::project::login_name(), width, height)
    }

    /// Like [`App::new`], with roles checked against `login` in place of the login name.
    pub fn with_login(project: &Project, annotator: &str, login: &str, width: u16, height: u16) -> Result<App> {
        let store = project.store()?;
        let mut app = App {
            project: project.clone(),
            annotator: annotator.to_string(),
            login: login.to_string(),
            store,
            picker: Picker::halfblocks(),
            area: Rect::new(0, 0, width, height),
            overlay: Overlay::Instructions,
            annotate: annotate::AnnotateState::default(),
            jobs: jobs::JobsState::default(),
            annotators: annotators::AnnotatorsState::default(),
            review: review::ReviewState::default(),
            agreement: agreement::AgreementState::default(),
            live: LiveView::default(),
            progress: None,
            notice: None,
            help_scroll: 0,
            help_over: Overlay::None,
            should_quit: false,
            needs_redraw: true,
        };
        annotate::load_next(&mut app, Instant::now());
        app.refresh_progress();
        Ok(app)
    }

    pub fn spec(&self) -> &TaskSpec {
        &self.project.spec
    }

    pub fn annotator(&self) -> &str {
        &self.annotator
    }

    /// Returns whether the application has finished and the terminal can be restored.
    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    /// Returns whether the screen must be drawn again, and clears the flag.
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.needs_redraw)
    }

    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    /// Returns the screen that the help overlay describes and returns to when it closes.
    pub fn help_over(&self) -> Overlay {
        self.help_over
    }

    /// Draws images with `picker` from now on, and redraws the shown one with it.
    pub fn set_picker(&mut self, picker: Picker) {
        self.picker = picker;
        if let Some(image) = self.annotate.current.as_mut().and_then(|shown| shown.image.as_mut()) {
            image.forget_drawing();
        }
        annotate::fit_to_area(self);
        self.needs_redraw = true;
    }

    /// Returns the external id of the item on screen, if any.
    pub fn current_item_key(&self) -> Option<&str> {
        self.annotate.current.as_ref().map(|shown| shown.item.key.as_str())
    }

    pub fn login(&self) -> &str {
        &self.login
    }

    /// Returns whether the person at the terminal may do `what` in this project.
    pub fn permits(&self, what: Permission) -> bool {
        self.project.spec.permits(&self.login, what)
    }

    /// Returns whether the annotation screen shows live agreement: the panel is not
    /// hidden with `a`, and the person may see agreement (blind mode hides it from
    /// annotators when `show_agreement_to_annotators` is off).
    pub fn agreement_panel_shown(&self) -> bool {
        !self.live.panel_hidden && self.permits(Permission::SeeAgreement)
    }

    /// Returns the external id of the item selected in the review queue, if any.
    pub fn review_selected_key(&self) -> Option<&str> {
        self.review.selected_key()
    }

    /// Returns how many items the review queue holds over all pages.
    pub fn review_total(&self) -> u64 {
        self.review.total
    }

    /// Returns whether the figures of the open annotators or agreement screen are ready.
    pub fn report_ready(&self) -> bool {
        match self.overlay {
            Overlay::Annotators => {
                matches!(self.annotators.figures, Figures::Ready(_)) && self.annotators.task.is_none()
            }
            Overlay::Agreement => matches!(self.agreement.figures, Figures::Ready(_)) && self.agreement.task.is_none(),
            _ => false,
        }
    }

    /// Sets the program that jobs started from the jobs screen run, in place of this
    /// executable; a test binary that drives the screen points it at `quorum`.
    pub fn set_job_worker(&mut self, program: std::path::PathBuf) {
        self.jobs.set_worker_program(program);
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Returns the store connection the screen writes through.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn refresh_progress(&mut self) {
        let redundancy = self.project.spec.redundancy;
        match self.store.progress(&self.annotator, redundancy) {
            Ok(progress) => self.progress = Some(progress),
            Err(err) => self.notice = Some(Notice::store(&err)),
        }
    }

    /// Gives back the shown item's lease; called on every exit. Jobs run on.
    pub fn shut_down(&mut self) {
        annotate::release_current(self);
        self.should_quit = true;
    }
}

/// Applies one action to the state. All I/O of the screen happens here, never in `view`.
pub fn update(app: &mut App, action: Action) {
    if is_keypress(&action) {
        app.notice = None;
    }
    if !matches!(action, Action::Tick(_)) {
        app.needs_redraw = true;
    }
    match action {
        Action::Tick(now) => {
            annotate::on_tick(app, now);
            jobs::poll(app);
            poll_reports(app);
        }
        Action::Resize(width, height) => {
            app.area = Rect::new(0, 0, width, height);
            annotate::fit_to_area(app);
        }
        Action::Quit => app.shut_down(),
        Action::Dismiss if app.overlay == Overlay::Help => {
            app.overlay = std::mem::replace(&mut app.help_over, Overlay::None);
        }
        Action::Dismiss => {
            if matches!(app.overlay, Overlay::Review | Overlay::Annotators | Overlay::Agreement) {
                // Answers may have arrived while the screen was open, so the progress
                // line catches up.
                app.refresh_progress();
            }
            if app.overlay == Overlay::Instructions {
                // Time spent on an item starts when the annotator can see it.
                annotate::restart_timer(app, Instant::now());
            }
            app.overlay = Overlay::None;
        }
        Action::ShowHelp => {
            // Only the review screen has a help of its own; elsewhere the help describes
            // the annotation screen.
            app.help_over = if app.overlay == Overlay::Review { Overlay::Review } else { Overlay::None };
            app.overlay = Overlay::Help;
            app.help_scroll = 0;
        }
        Action::ShowInstructions => app.overlay = Overlay::Instructions,
        Action::ShowJobs => {
            app.overlay = Overlay::Jobs;
            jobs::refresh(app, true);
        }
        Action::ToggleAgreementPanel => {
            if require(app, Permission::SeeAgreement) {
                app.live.panel_hidden = !app.live.panel_hidden;
                annotate::fit_to_area(app);
            }
        }
        Action::ShowAnnotators => {
            if require(app, Permission::Review) {
                annotators::open(app);
            }
        }
        Action::ShowReview => {
            if require(app, Permission::Review) {
                review::open(app);
            }
        }
        Action::ShowAgreement => {
            if require(app, Permission::SeeAgreement) {
                agreement::open(app);
            }
        }
        Action::MoveSelection(delta) => match app.overlay {
            Overlay::Annotators => annotators::move_selection(app, delta),
            Overlay::Review => review::move_selection(app, delta),
            Overlay::Agreement => agreement::move_selection(app, delta),
            Overlay::Help => {
                let moved = i64::from(app.help_scroll) + i64::from(delta);
                app.help_scroll = u16::try_from(moved.clamp(0, i64::from(help::max_scroll(app)))).unwrap_or(0);
            }
            _ => {}
        },
        Action::MovePage(delta) => {
            if app.overlay == Overlay::Review {
                review::move_page(app, delta);
            }
        }
        Action::Adjudicate(index) => {
            if app.overlay == Overlay::Review && require(app, Permission::Review) {
                review::adjudicate(app, index);
            }
        }
        Action::Refresh => match app.overlay {
            Overlay::Annotators => annotators::refresh(app),
            Overlay::Agreement => agreement::refresh(app),
            Overlay::Review => review::load_page(app),
            _ => {}
        },
        Action::NextQuestion => match app.overlay {
            Overlay::Agreement => agreement::next_question(app),
            Overlay::Review => review::next_question(app),
            _ => {}
        },
        Action::Report(message) => apply_report(app, message),
        Action::Answer(index) => annotate::answer(app, index, Instant::now()),
        Action::Skip => annotate::skip(app, Instant::now()),
        Action::Undo => annotate::undo(app, Instant::now()),
        Action::Scroll(step) => annotate::scroll(app, step),
        Action::MoveJobSelection(delta) => app.jobs.move_selection(delta),
        Action::StartSelectedJob => jobs::start_selected(app),
        Action::CancelSelectedJob => jobs::cancel_selected(app),
        Action::SwitchResultPanel(step) => jobs::switch_result_panel(app, step),
        Action::Live(message) => apply_live(app, message),
    }
}

fn is_keypress(action: &Action) -> bool {
    !matches!(action, Action::Tick(_) | Action::Resize(..) | Action::Live(_) | Action::Report(_))
}

/// Returns whether the person at the terminal may do `what`, and shows a notice if not.
fn require(app: &mut App, what: Permission) -> bool {
    if app.permits(what) {
        return true;
    }
    tracing::info!(login = %app.login, ?what, "action not permitted");
    let text = match what {
        Permission::SeeAgreement => msg::NOT_ALLOWED_AGREEMENT.text(),
        _ => msg::NOT_ALLOWED_REVIEW.text(),
    };
    app.notice = Some(Notice::warning(text));
    false
}

/// Collects finished reports of the annotators and agreement screens; called every tick.
fn poll_reports(app: &mut App) {
    let finished = [
        app.annotators.task.as_ref().and_then(|task| task.try_take()),
        app.agreement.task.as_ref().and_then(|task| task.try_take()),
    ];
    for message in finished.into_iter().flatten() {
        app.needs_redraw = true;
        apply_report(app, message);
    }
}

fn apply_report(app: &mut App, message: ReportMessage) {
    use crate::tui::report::ReportKind;
    match message {
        ReportMessage::Quality(report) => annotators::apply(app, Figures::Ready(report)),
        ReportMessage::Agreement(report) => agreement::apply(app, Figures::Ready(report)),
        ReportMessage::Failed(ReportKind::Quality, error) => annotators::apply(app, Figures::Failed(error)),
        ReportMessage::Failed(ReportKind::Agreement, error) => agreement::apply(app, Figures::Failed(error)),
    }
}

fn apply_live(app: &mut App, message: LiveMessage) {
    match message {
        LiveMessage::Snapshot(snapshot) => {
            record_alpha(&mut app.live, &snapshot);
            app.live.snapshot = Some(snapshot);
            agreement::on_live_change(app);
            app.live.error = None;
            // Someone answered; the count of answers still needed has moved.
            app.refresh_progress();
        }
        LiveMessage::Failed(error) => app.live.error = Some(error),
    }
}

/// Appends the snapshot's alpha to the history when it is defined and moved.
fn record_alpha(live: &mut LiveView, snapshot: &LiveSnapshot) {
    let crate::tui::live::StatView::Value(alpha) = snapshot.krippendorff_alpha else { return };
    if live.alpha_history.back() == Some(&alpha) {
        return;
    }
    if live.alpha_history.len() == ALPHA_HISTORY_LEN {
        live.alpha_history.pop_front();
    }
    live.alpha_history.push_back(alpha);
}

/// Draws the whole screen from the state; reads nothing else.
pub fn view(app: &App, frame: &mut ratatui::Frame) {
    let area = frame.area();
    if area.width < annotate::MIN_WIDTH || area.height < annotate::MIN_HEIGHT {
        annotate::render_too_small(frame, area);
        crate::tui::theme::strip_colours(frame.buffer_mut(), area, None);
        return;
    }
    annotate::render(app, frame, area);
    match app.overlay {
        Overlay::None => {}
        Overlay::Instructions => help::render_instructions(app, frame, area),
        Overlay::Help => {
            if app.help_over == Overlay::Review {
                review::render(app, frame, area);
            }
            help::render_help(app, frame, area);
        }
        Overlay::Jobs => jobs::render(app, frame, area),
        Overlay::Annotators => annotators::render(app, frame, area),
        Overlay::Review => review::render(app, frame, area),
        Overlay::Agreement => agreement::render(app, frame, area),
    }
    let picture = if app.overlay == Overlay::None { annotate::image_area(app, area) } else { None };
    crate::tui::theme::strip_colours(frame.buffer_mut(), area, picture);
}
