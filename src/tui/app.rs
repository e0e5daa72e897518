//! Application state and the single `update` function that changes it.

use crate::core::task::TaskSpec;
use crate::i18n::catalogue::tui as msg;
use crate::project::Project;
use crate::store::{Progress, Store, StoreError};
use crate::tui::action::Action;
use crate::tui::live::{LiveMessage, LiveSnapshot};
use crate::tui::screens::{annotate, help, jobs};
use anyhow::Result;
use ratatui::layout::Rect;
use ratatui_image::picker::Picker;
use std::time::Instant;

/// The overlay drawn on top of the annotation screen, which takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Instructions,
    Help,
    Jobs,
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
}

/// Everything the screen shows and the connections it works through.
pub struct App {
    pub(crate) project: Project,
    pub(crate) annotator: String,
    pub(crate) store: Store,
    pub(crate) picker: Picker,
    /// The whole terminal area.
    pub(crate) area: Rect,
    pub(crate) overlay: Overlay,
    pub(crate) annotate: annotate::AnnotateState,
    pub(crate) jobs: jobs::JobsState,
    pub(crate) live: LiveView,
    pub(crate) progress: Option<Progress>,
    pub(crate) notice: Option<Notice>,
    pub(crate) should_quit: bool,
    /// Whether the state changed since the last draw. Idle ticks draw nothing, so an
    /// idle screen sends no bytes over the link.
    pub(crate) needs_redraw: bool,
}

impl App {
    /// Opens a store connection for `annotator`, leases the first item and shows the
    /// task instructions. `width` x `height` is the terminal size.
    pub fn new(project: &Project, annotator: &str, width: u16, height: u16) -> Result<App> {
        let store = project.store()?;
        let mut app = App {
            project: project.clone(),
            annotator: annotator.to_string(),
            store,
            picker: Picker::halfblocks(),
            area: Rect::new(0, 0, width, height),
            overlay: Overlay::Instructions,
            annotate: annotate::AnnotateState::default(),
            jobs: jobs::JobsState::default(),
            live: LiveView::default(),
            progress: None,
            notice: None,
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

    /// Returns the external id of the item on screen, if any.
    pub fn current_item_key(&self) -> Option<&str> {
        self.annotate.current.as_ref().map(|shown| shown.item.key.as_str())
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

    /// Gives back the shown item's lease and cancels running jobs; called on every exit.
    pub fn shut_down(&mut self) {
        annotate::release_current(self);
        self.jobs.cancel_all();
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
        }
        Action::Resize(width, height) => {
            app.area = Rect::new(0, 0, width, height);
            annotate::fit_to_area(app);
        }
        Action::Quit => app.shut_down(),
        Action::Dismiss => {
            if app.overlay == Overlay::Instructions {
                // Time spent on an item starts when the annotator can see it.
                annotate::restart_timer(app, Instant::now());
            }
            app.overlay = Overlay::None;
        }
        Action::ShowHelp => app.overlay = Overlay::Help,
        Action::ShowInstructions => app.overlay = Overlay::Instructions,
        Action::ShowJobs => app.overlay = Overlay::Jobs,
        Action::ToggleAgreementPanel => {
            app.live.panel_hidden = !app.live.panel_hidden;
            annotate::fit_to_area(app);
        }
        Action::Answer(index) => annotate::answer(app, index, Instant::now()),
        Action::Skip => annotate::skip(app, Instant::now()),
        Action::Undo => annotate::undo(app, Instant::now()),
        Action::Scroll(step) => annotate::scroll(app, step),
        Action::MoveJobSelection(delta) => app.jobs.move_selection(delta),
        Action::StartSelectedJob => jobs::start_selected(app),
        Action::CancelSelectedJob => jobs::cancel_selected(app),
        Action::Job(kind, event) => jobs::apply_event(app, kind, event),
        Action::Live(message) => apply_live(app, message),
    }
}

fn is_keypress(action: &Action) -> bool {
    !matches!(action, Action::Tick(_) | Action::Resize(..) | Action::Live(_) | Action::Job(..))
}

fn apply_live(app: &mut App, message: LiveMessage) {
    match message {
        LiveMessage::Snapshot(snapshot) => {
            app.live.snapshot = Some(snapshot);
            app.live.error = None;
            // Someone answered; the count of answers still needed has moved.
            app.refresh_progress();
        }
        LiveMessage::Failed(error) => app.live.error = Some(error),
    }
}

/// Draws the whole screen from the state; reads nothing else.
pub fn view(app: &App, frame: &mut ratatui::Frame) {
    let area = frame.area();
    if area.width < annotate::MIN_WIDTH || area.height < annotate::MIN_HEIGHT {
        annotate::render_too_small(frame, area);
        return;
    }
    annotate::render(app, frame, area);
    match app.overlay {
        Overlay::None => {}
        Overlay::Instructions => help::render_instructions(app, frame, area),
        Overlay::Help => help::render_help(app, frame, area),
        Overlay::Jobs => jobs::render(app, frame, area),
    }
}
