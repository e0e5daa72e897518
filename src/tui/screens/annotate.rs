//! The annotation screen: one item, the question, the label keys, progress and agreement.
//!
//! A task with several questions asks them one after another about the same item: an
//! answer moves to the item's next open question, and the next item comes once every
//! question has an answer.

use crate::core::ids::ItemId;
use crate::core::item::Item;
use crate::core::sanitize;
use crate::core::task::Question;
use crate::i18n::catalogue::jobs as jobs_msg;
use crate::i18n::catalogue::learning;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::terminal as term;
use crate::i18n::catalogue::tui as msg;
use crate::store::{AnswerOutcome, ItemPrediction, NewAnswer};
use crate::tui::action::Scroll;
use crate::tui::app::{App, Notice};
use crate::tui::theme;
use crate::tui::widgets::agreement_panel;
use crate::tui::widgets::image::{ImageView, render_image};
use crate::tui::widgets::item_text::{ItemText, TextPosition};
use crate::tui::widgets::progress;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
use std::time::{Duration, Instant};

/// Below this size the layout cannot fit, and a notice is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on, the agreement panel sits beside the item.
const PANEL_MIN_WIDTH: u16 = 100;
const PANEL_WIDTH: u16 = 30;
/// How often an empty queue is asked again, since other annotators' leases expire.
const QUEUE_RETRY: Duration = Duration::from_secs(5);

/// The item on screen.
pub struct ShownItem {
    pub item: Item,
    text: ItemText,
    pub(crate) image: Option<ImageView>,
    position: TextPosition,
    /// The wrapped rows in the window, computed in `update` so drawing stays cheap.
    visible: Vec<Line<'static>>,
    at_end: bool,
    /// When the current question was put on screen; an answer's time is counted from it.
    shown_at: Instant,
    lease_renewed_at: Instant,
    /// The active model's guess for the current question, read when the question is
    /// shown if `task.suggestions` is on.
    suggestion: Option<ItemPrediction>,
    /// Index in the task's questions of the question being asked.
    question: usize,
}

/// State of the annotation screen.
#[derive(Default)]
pub struct AnnotateState {
    pub current: Option<ShownItem>,
    queue_checked_at: Option<Instant>,
}

/// The areas of the parts of the screen.
struct ScreenLayout {
    item: Rect,
    panel: Option<Rect>,
    /// The dim line with the model's suggestion, when one is shown.
    suggestion: Option<Rect>,
    prompt: Rect,
    labels: Rect,
    progress: Rect,
    /// The one-line agreement figures, when the side panel does not fit.
    agreement_line: Option<Rect>,
    job: Option<Rect>,
    status: Rect,
}

fn layout(app: &App, area: Rect) -> ScreenLayout {
    let label_rows = label_lines(current_question(app), area.width).len() as u16;
    let job_rows = u16::from(app.jobs.any_running());
    let shown = app.agreement_panel_shown();
    let side_panel = shown && area.width >= PANEL_MIN_WIDTH;
    let agreement_rows = u16::from(shown && !side_panel);
    let suggestion_rows = u16::from(app.annotate.current.as_ref().is_some_and(|s| s.suggestion.is_some()));
    let [body, suggestion, prompt, labels, progress_row, agreement_line, job, status] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(suggestion_rows),
        Constraint::Length(1),
        Constraint::Length(label_rows),
        Constraint::Length(1),
        Constraint::Length(agreement_rows),
        Constraint::Length(job_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let (item, panel) = if side_panel {
        let [item, panel] = Layout::horizontal([Constraint::Min(40), Constraint::Length(PANEL_WIDTH)]).areas(body);
        (item, Some(panel))
    } else {
        (body, None)
    };
    ScreenLayout {
        item,
        panel,
        suggestion: (suggestion_rows > 0).then_some(suggestion),
        prompt,
        labels,
        progress: progress_row,
        agreement_line: (agreement_rows > 0).then_some(agreement_line),
        job: (job_rows > 0).then_some(job),
        status,
    }
}

fn item_block(app: &App) -> Block<'static> {
    let task = crate::tui::fit(&app.spec().name, 24);
    let mut title = vec![Span::from(format!(" {task} ")).bold()];
    if let Some(shown) = &app.annotate.current {
        title.push(Span::from(format!("· {} ", crate::tui::fit(&shown.item.key, 30))));
    }
    let annotator = crate::tui::fit(&app.annotator, 20);
    Block::bordered()
        .title(Line::from(title))
        .title(Line::from(format!(" {annotator} ")).right_aligned())
        .padding(Padding::horizontal(1))
}

/// Splits the inside of the item box between the image and the text.
fn item_parts(app: &App, inner: Rect) -> (Option<Rect>, Rect) {
    let Some(shown) = &app.annotate.current else { return (None, inner) };
    match (&shown.image, shown.text.is_empty()) {
        (None, _) => (None, inner),
        (Some(_), true) => (Some(inner), Rect { height: 0, ..inner }),
        (Some(_), false) => {
            let [image, text] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(inner);
            (Some(image), text)
        }
    }
}

/// Re-wraps the visible text and refits the image after a resize or a new item.
pub fn fit_to_area(app: &mut App) {
    let area = app.area;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return;
    }
    let inner = item_block(app).inner(layout(app, area).item);
    let (image_area, text_area) = item_parts(app, inner);
    let picker = app.picker.clone();
    let Some(shown) = app.annotate.current.as_mut() else { return };
    if let (Some(image), Some(image_area)) = (shown.image.as_mut(), image_area) {
        let picture_rows = image_area.height.saturating_sub(crate::tui::widgets::image::CAPTION_ROWS);
        image.fit_to(&picker, Size::new(image_area.width, picture_rows));
    }
    refresh_visible(shown, text_area);
}

fn refresh_visible(shown: &mut ShownItem, text_area: Rect) {
    let width = usize::from(text_area.width);
    let height = usize::from(text_area.height);
    shown.visible = shown.text.rows(shown.position, width, height);
    shown.at_end = shown.text.reaches_end(shown.position, width, height);
}

fn text_area(app: &App) -> Rect {
    let inner = item_block(app).inner(layout(app, app.area).item);
    item_parts(app, inner).1
}

pub fn scroll(app: &mut App, step: Scroll) {
    let area = text_area(app);
    let Some(shown) = app.annotate.current.as_mut() else { return };
    shown.position = shown.text.scroll(shown.position, step, usize::from(area.width), usize::from(area.height));
    refresh_visible(shown, area);
}

/// Leases and shows the next item, or records that the queue is empty.
pub fn load_next(app: &mut App, now: Instant) {
    let spec = app.spec();
    let (redundancy, lease) = (spec.redundancy, spec.lease_seconds);
    match app.store.next_item(&app.annotator, redundancy, lease) {
        Ok(Some(item)) => {
            let question = first_open_question(app, &item).unwrap_or(0);
            show(app, item, question, now);
        }
        Ok(None) => {
            app.annotate.current = None;
            app.annotate.queue_checked_at = Some(now);
        }
        Err(err) => {
            app.annotate.current = None;
            app.annotate.queue_checked_at = Some(now);
            app.notice = Some(Notice::store(&err));
        }
    }
}

/// Returns the index of the first question of `item` that the annotator has not
/// answered, or `None` when every one has an answer. A task with one question needs no
/// query: its item is always open at question 0 when shown.
fn first_open_question(app: &App, item: &Item) -> Option<usize> {
    let spec = app.spec();
    if !spec.has_several_questions() {
        return Some(0);
    }
    match app.store.item_answers_of(item.id, &app.annotator) {
        Ok(answered) => spec.questions.iter().position(|q| !answered.iter().any(|(id, _)| *id == q.id)),
        Err(err) => {
            tracing::warn!(item = %item.key, error = %err, "cannot read the item's answers; asking the first question");
            Some(0)
        }
    }
}

/// Returns the question being asked: that of the shown item, else the primary one.
pub fn current_question(app: &App) -> &Question {
    let index = app.annotate.current.as_ref().map_or(0, |shown| shown.question);
    &app.spec().questions[index]
}

fn show(app: &mut App, item: Item, question: usize, now: Instant) {
    let spec = app.spec();
    let text = ItemText::for_item(&item.fields, &spec.fields, &spec.redaction.redactor);
    let image = spec.fields.image.as_ref().map(|_| ImageView::load(&app.project.root, item.image.as_deref()));
    tracing::debug!(item = %item.key, question, "showing item");
    let suggestion = if spec.suggestions { read_suggestion(app, &item, &spec.questions[question]) } else { None };
    app.annotate.current = Some(ShownItem {
        item,
        text,
        image,
        position: TextPosition::default(),
        visible: Vec::new(),
        at_end: true,
        shown_at: now,
        lease_renewed_at: now,
        suggestion,
        question,
    });
    fit_to_area(app);
}

/// Moves the shown item on to its question `question`, keeping the text where it is.
fn ask_question(app: &mut App, question: usize, now: Instant) {
    let spec = app.spec();
    let Some(shown) = app.annotate.current.as_ref() else { return };
    let suggestion = if spec.suggestions { read_suggestion(app, &shown.item, &spec.questions[question]) } else { None };
    let Some(shown) = app.annotate.current.as_mut() else { return };
    shown.question = question;
    shown.suggestion = suggestion;
    shown.shown_at = now;
    // A suggestion line appearing or going changes the height of the text box.
    fit_to_area(app);
}

/// The active run's prediction for `item` under `question`, when its label is one the
/// question offers. A store error only hides the suggestion: annotating goes on without it.
fn read_suggestion(app: &App, item: &Item, question: &Question) -> Option<ItemPrediction> {
    match app.store.active_prediction_for(item.id, &question.id) {
        Ok(prediction) => prediction.filter(|p| question.has_label(&p.label)),
        Err(err) => {
            tracing::warn!(item = %item.key, error = %err, "cannot read the suggestion");
            None
        }
    }
}

/// The muted "Suggested: label (83%)" line.
fn suggestion_line(question: &Question, prediction: &ItemPrediction, width: usize) -> Line<'static> {
    let percent = (prediction.confidence * 100.0).round().clamp(0.0, 100.0) as u32;
    let text =
        learning::LEARN_SUGGESTED.fmt(&[("label", &label_display(question, &prediction.label)), ("percent", &percent)]);
    Line::from(crate::tui::fit(&text, width)).style(theme::muted())
}

/// Returns the sanitised display text of a stored label value, or the value itself if
/// the question has no such label.
pub fn label_display(question: &Question, value: &str) -> String {
    let text = question.labels.iter().find(|l| l.value == value).map_or(value, |l| l.display.current());
    sanitize::sanitize_plain(text)
}

/// Commits the answer to the current question, and only then asks the item's next open
/// question or, when none is left, shows the next item.
// NOTE: store writes run on the UI thread, so while another process holds the write
// lock the screen freezes for up to the store's 15 s busy timeout before the notice.
pub fn answer(app: &mut App, index: usize, now: Instant) {
    let question = current_question(app).clone();
    let Some(label) = question.labels.get(index).cloned() else { return };
    let Some(shown) = &app.annotate.current else {
        app.notice = Some(Notice::warning(msg::NOTHING_TO_ANSWER.text()));
        return;
    };
    let (id, key) = (shown.item.id, sanitize::sanitize_plain(&shown.item.key));
    let spent_ms = i64::try_from(now.saturating_duration_since(shown.shown_at).as_millis()).unwrap_or(i64::MAX);
    let redundancy = app.spec().redundancy;
    let label_text = label_display(&question, &label.value);
    // The suggestion is recorded only; the answer is always the key the annotator pressed.
    let suggested = shown.suggestion.as_ref().map(|p| p.label.clone());
    let new = NewAnswer {
        item: id,
        question: &question.id,
        label: &label.value,
        time_spent_ms: Some(spent_ms),
        suggested: suggested.as_deref(),
    };
    let recorded = app.store.record_question_answer(&app.annotator, new, redundancy);
    match recorded {
        Ok(AnswerOutcome::Recorded { .. }) => {
            let mut notice = answer_notice(app, id, &question, &label.value, &label_text, &key);
            if let Some(started) = check_retrain(app) {
                notice.text = format!("{} {started}", notice.text);
            }
            app.notice = Some(notice);
            let item = app.annotate.current.as_ref().map(|shown| shown.item.clone());
            let open = match item {
                Some(item) if app.spec().has_several_questions() => first_open_question(app, &item),
                _ => None,
            };
            match open {
                Some(next) => ask_question(app, next, now),
                None => load_next(app, now),
            }
            app.refresh_progress();
        }
        Ok(AnswerOutcome::ItemFull) => {
            app.notice = Some(Notice::warning(msg::ITEM_FULL.fmt(&[("item", &key)])));
            load_next(app, now);
            app.refresh_progress();
        }
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
}

/// Returns the index of the question being asked, 0 when no item is shown.
fn current_question_index(app: &App) -> usize {
    app.annotate.current.as_ref().map_or(0, |shown| shown.question)
}

/// The notice after a recorded answer. On a gold item with feedback on, it tells the
/// annotator the expected answer; the item's other answers are never shown.
fn answer_notice(app: &App, id: ItemId, question: &Question, value: &str, label_text: &str, key: &str) -> Notice {
    let saved = msg::ANSWER_RECORDED.fmt(&[("label", &label_text), ("item", &key)]);
    match app.store.gold_feedback_for(id, &question.id, value) {
        Ok(None) => Notice::info(saved),
        Ok(Some(feedback)) if feedback.correct => Notice::info(format!("{saved} {}", msg::GOLD_CORRECT.text())),
        Ok(Some(feedback)) => {
            let expected = label_display(question, &feedback.expected);
            Notice::warning(format!("{saved} {}", msg::GOLD_EXPECTED.fmt(&[("label", &expected)])))
        }
        Err(err) => {
            // The answer is saved, so only the feedback is left out.
            tracing::warn!(error = %err, "cannot read gold feedback");
            Notice::info(saved)
        }
    }
}

/// With the uncertainty order and `task.retrain_every`, starts a detached `retrain` job
/// once enough new labels came in for the model and its priorities to be refreshed.
/// The job runs as its own process, so it finishes even if the TUI closes. Returns the
/// line to add to the answer's notice when a job started.
fn check_retrain(app: &mut App) -> Option<String> {
    let spec = app.spec();
    let (Some(_), Some(every)) = (spec.uncertainty, spec.retrain_every) else { return None };
    // A pinned run stays active, so the count of answers since it never resets and
    // every answer would start another retrain; someone chose that model on purpose.
    match app.store.pinned_run() {
        Ok(None) => {}
        Ok(Some(_)) => return None,
        Err(err) => {
            tracing::warn!(error = %err, "cannot read the pinned run");
            return None;
        }
    }
    match crate::store::due_for_retrain(&app.store, every) {
        Ok(true) => {}
        Ok(false) => return None,
        Err(err) => {
            tracing::warn!(error = %err, "cannot count labels since the last run");
            return None;
        }
    }
    match crate::tui::screens::jobs::start_retrain(app) {
        Ok(Some(id)) => {
            tracing::info!(job = id, every, "started a retrain job for the uncertainty order");
            Some(jobs_msg::JOB_RETRAIN_STARTED.fmt(&[("n", &every), ("id", &id)]))
        }
        Ok(None) => None,
        Err(err) => {
            // Annotation goes on with the current order; the next answer tries again.
            tracing::warn!(error = format!("{err:#}"), "cannot start the retrain job");
            None
        }
    }
}

pub fn skip(app: &mut App, now: Instant) {
    let Some(shown) = &app.annotate.current else {
        app.notice = Some(Notice::warning(msg::NOTHING_TO_SKIP.text()));
        return;
    };
    let (id, key) = (shown.item.id, sanitize::sanitize_plain(&shown.item.key));
    match app.store.record_skip(id, &app.annotator) {
        Ok(()) => {
            app.notice = Some(Notice::info(msg::ITEM_SKIPPED.fmt(&[("item", &key)])));
            load_next(app, now);
        }
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
}

/// Withdraws the annotator's last answer and asks that question of that item again.
pub fn undo(app: &mut App, now: Instant) {
    let lease = app.spec().lease_seconds;
    match app.store.undo_last_question_answer(&app.annotator, lease) {
        Ok(Some(undone)) => {
            let item = undone.item;
            let same_item = app.annotate.current.as_ref().is_some_and(|shown| shown.item.id == item.id);
            if app.annotate.current.is_some() && !same_item {
                release_current(app);
            }
            // An answer to a question the task no longer lists reopens the first question.
            let question = app.spec().questions.iter().position(|q| q.id == undone.question).unwrap_or(0);
            let label = label_display(&app.spec().questions[question], &undone.label);
            let text = msg::ANSWER_WITHDRAWN.fmt(&[("label", &label), ("item", &sanitize::sanitize_plain(&item.key))]);
            if same_item {
                ask_question(app, question, now);
            } else {
                show(app, item, question, now);
            }
            app.notice = Some(Notice::info(text));
            app.refresh_progress();
        }
        Ok(None) => app.notice = Some(Notice::warning(msg::NOTHING_TO_UNDO.text())),
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
}

/// Starts measuring the time spent on the shown item from `now`.
pub fn restart_timer(app: &mut App, now: Instant) {
    if let Some(shown) = app.annotate.current.as_mut() {
        shown.shown_at = now;
    }
}

/// Gives the shown item back to the queue.
pub fn release_current(app: &mut App) {
    let Some(shown) = &app.annotate.current else { return };
    if let Err(err) = app.store.release_lease(shown.item.id, &app.annotator) {
        tracing::warn!(item = %shown.item.key, error = %err, "cannot release lease");
    }
}

/// Renews the lease every third of its length, and retries an empty queue.
pub fn on_tick(app: &mut App, now: Instant) {
    let lease_seconds = app.spec().lease_seconds;
    let renew_every = Duration::from_secs(lease_seconds) / 3;
    if let Some(shown) = app.annotate.current.as_mut() {
        if now.saturating_duration_since(shown.lease_renewed_at) >= renew_every {
            shown.lease_renewed_at = now;
            let id = shown.item.id;
            if let Err(err) = app.store.renew_lease(id, &app.annotator, lease_seconds) {
                app.notice = Some(Notice::store(&err));
                app.needs_redraw = true;
            }
        }
        return;
    }
    let due = app.annotate.queue_checked_at.is_none_or(|checked| now.saturating_duration_since(checked) >= QUEUE_RETRY);
    if due {
        app.needs_redraw = true;
        load_next(app, now);
        if app.annotate.current.is_some() {
            app.refresh_progress();
        }
    }
}

/// Lays the label keys of `question` out as `[k] label` chips in rows of at most
/// `width` columns.
pub fn label_lines(question: &Question, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for label in &question.labels {
        let key = sanitize::sanitize_plain(&label.key.to_string());
        let key_text = format!("[{key}]");
        let text =
            crate::tui::fit(label.display.current(), width.saturating_sub(sanitize::display_width(&key_text) + 3));
        let chip = sanitize::display_width(&key_text) + 1 + sanitize::display_width(&text);
        let gap = if row.is_empty() { 0 } else { 2 };
        if !row.is_empty() && used + gap + chip > width {
            lines.push(Line::from(std::mem::take(&mut row)));
            used = 0;
        }
        if !row.is_empty() {
            row.push(Span::raw("  "));
            used += 2;
        }
        row.push(Span::styled(key_text, theme::key()));
        row.push(Span::raw(format!(" {text}")));
        used += chip;
    }
    if !row.is_empty() {
        lines.push(Line::from(row));
    }
    lines
}

pub fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = msg::TERMINAL_TOO_SMALL.fmt(&[
        ("width", &area.width),
        ("height", &area.height),
        ("min_width", &MIN_WIDTH),
        ("min_height", &MIN_HEIGHT),
    ]);
    let height = area.height.min(3);
    let middle = Rect { y: area.y + area.height.saturating_sub(height) / 2, height, ..area };
    frame.render_widget(Paragraph::new(text).centered().wrap(Wrap { trim: true }).style(theme::warning()), middle);
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let parts = layout(app, area);
    render_item(app, frame, parts.item);
    if let Some(panel) = parts.panel {
        agreement_panel::render_panel(frame, panel, &app.live);
    }

    let question = current_question(app);
    if let (Some(suggestion_area), Some(prediction)) =
        (parts.suggestion, app.annotate.current.as_ref().and_then(|s| s.suggestion.as_ref()))
    {
        let line = suggestion_line(question, prediction, usize::from(area.width));
        frame.render_widget(Paragraph::new(line), suggestion_area);
    }
    frame.render_widget(prompt_paragraph(app, usize::from(area.width)), parts.prompt);
    frame.render_widget(Paragraph::new(label_lines(question, area.width)), parts.labels);

    let line = progress::progress_line(app.progress.as_ref(), usize::from(parts.progress.width));
    frame.render_widget(Paragraph::new(line), parts.progress);
    if let Some(line_area) = parts.agreement_line {
        let line = agreement_panel::compact_line(&app.live, usize::from(line_area.width));
        frame.render_widget(Paragraph::new(line), line_area);
    }
    if let Some(job_area) = parts.job {
        crate::tui::screens::jobs::render_job_line(app, frame, job_area);
    }
    render_status(app, frame, parts.status);
}

/// The bold prompt of the current question, followed by "question 2 of 3" when the
/// task has several; the prompt is shortened first when the line is too narrow.
fn prompt_paragraph(app: &App, width: usize) -> Paragraph<'static> {
    let spec = app.spec();
    let prompt = current_question(app).prompt.current();
    if !spec.has_several_questions() {
        return Paragraph::new(crate::tui::fit(prompt, width)).bold();
    }
    let n = current_question_index(app) + 1;
    let position = qmsg::QUESTIONS_PROGRESS.fmt(&[("n", &n), ("total", &spec.questions.len())]);
    let tail = format!(" · {position}");
    let room = width.saturating_sub(sanitize::display_width(&tail));
    let line = Line::from(vec![Span::from(crate::tui::fit(prompt, room)).bold(), Span::styled(tail, theme::muted())]);
    Paragraph::new(line)
}

/// The rectangle the item's picture is drawn in, if the shown item has one.
pub fn image_area(app: &App, area: Rect) -> Option<Rect> {
    let shown = app.annotate.current.as_ref()?;
    shown.image.as_ref()?;
    let item = layout(app, area).item;
    item_parts(app, item_block(app).inner(item)).0
}

/// Rows that `text` takes when word-wrapped at `width` columns. A wrapped text gets one
/// spare row, because breaking at word boundaries can leave each row short of `width`.
fn wrapped_rows(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let columns = unicode_width::UnicodeWidthStr::width(text);
    if columns <= width { 1 } else { u16::try_from(columns.div_ceil(width) + 1).unwrap_or(u16::MAX) }
}

fn render_item(app: &App, frame: &mut Frame, area: Rect) {
    let mut block = item_block(app);
    let Some(shown) = &app.annotate.current else {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let keys = &app.spec().keys;
        let empty_project = app.progress.as_ref().is_some_and(|progress| progress.n_items == 0);
        let (head, hint) = if empty_project {
            (term::TERM_PROJECT_EMPTY.text(), crate::tui::with_keys(term::TERM_PROJECT_EMPTY_HINT, keys))
        } else {
            (msg::QUEUE_EMPTY.text(), crate::tui::with_keys(term::TERM_QUEUE_EMPTY_HINT, keys))
        };
        let height = (wrapped_rows(head, inner.width) + wrapped_rows(&hint, inner.width)).min(inner.height);
        let lines = vec![Line::styled(head, theme::title()), Line::from(hint)];
        let middle = Rect { y: inner.y + inner.height.saturating_sub(height) / 2, height, ..inner };
        frame.render_widget(Paragraph::new(lines).centered().wrap(Wrap { trim: true }), middle);
        return;
    };

    let scrollable = !(shown.position == TextPosition::default() && shown.at_end);
    if scrollable {
        let indicator = if shown.at_end {
            msg::SCROLL_END.text().to_string()
        } else {
            format!("{}%", shown.text.percent_above(shown.position))
        };
        block = block
            .title_bottom(Line::styled(
                format!(" {} ", crate::tui::with_keys(term::TERM_SCROLL_HINT, &app.spec().keys)),
                theme::muted(),
            ))
            .title_bottom(Line::from(format!(" {indicator} ")).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let (image_area, text_area) = item_parts(app, inner);
    if let (Some(image), Some(image_area)) = (&shown.image, image_area) {
        render_image(frame, image_area, image);
    }
    if text_area.height > 0 {
        frame.render_widget(Paragraph::new(shown.visible.clone()), text_area);
    }
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    crate::tui::screens::render_status_line(
        app,
        frame,
        area,
        &crate::tui::with_keys(term::TERM_KEY_HINTS, &app.spec().keys),
    );
}
