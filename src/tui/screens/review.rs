//! The review screen: items the annotators disagree on, worst first, where a lead or
//! reviewer sets the final label with one label key.
//!
//! The queue is read one page at a time with [`crate::store::Store::disagreements`], so
//! only one page of items is held. Adjudicated items leave the queue.
//!
//! Leads (and everyone when roles are off) see annotator names. Reviewers see "annotator
//! 1, 2, …" numbered per item, unless `task.show_names_to_reviewers` is set.

use crate::core::roles::Role;
use crate::core::sanitize;
use crate::core::task::Question;
use crate::i18n::catalogue::polish as pol;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::tui as msg;
use crate::store::{Adjudication, Disagreement};
use crate::tui::app::{App, Notice, Overlay};
use crate::tui::fit;
use crate::tui::screens::annotate::{label_display, label_lines};
use crate::tui::screens::annotators::percent_or_dash;
use crate::tui::screens::{column_width, render_footer};
use crate::tui::theme;
use crate::tui::widgets::item_text::{ItemText, TextPosition};
use crate::tui::widgets::key_hints::{self, KeyHint};
use crate::tui::widgets::selectable_table::render_selectable_table;
use crate::tui::widgets::wrap::wrap_mixed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Padding, Paragraph, Row};

/// Items read from the store per page of the queue.
pub const PAGE_SIZE: u64 = 50;
/// From this width on, the queue and the selected item sit side by side.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;
/// Rows the footer's key hints and notices may take.
const FOOTER_MAX_ROWS: usize = 2;

/// The selected item with its text and every current answer.
pub struct ReviewDetail {
    pub key: String,
    text: ItemText,
    /// `(annotator, label)`, by annotator name.
    pub answers: Vec<(String, String)>,
    pub adjudication: Option<Adjudication>,
}

/// State of the review screen.
#[derive(Default)]
pub struct ReviewState {
    pub page: Vec<Disagreement>,
    /// Position of the page's first item in the whole queue.
    pub offset: u64,
    /// Items in the whole queue.
    pub total: u64,
    pub selected: usize,
    pub detail: Option<ReviewDetail>,
    /// Index in the task's questions of the question under review.
    pub(crate) question: usize,
}

impl ReviewState {
    pub fn selected_key(&self) -> Option<&str> {
        self.page.get(self.selected).map(|d| d.key.as_str())
    }
}

/// Returns the question under review: the primary one until the `question` key moves on.
pub fn review_question(app: &App) -> &Question {
    let questions = &app.spec().questions;
    &questions[app.review.question.min(questions.len() - 1)]
}

/// Moves the screen to the next question, after the last back to the first, and reads
/// the first page of its queue. A task with one question has nothing to switch to.
pub fn next_question(app: &mut App) {
    let n_questions = app.spec().questions.len();
    if n_questions < 2 {
        return;
    }
    app.review.question = (app.review.question + 1) % n_questions;
    app.review.offset = 0;
    app.review.selected = 0;
    load_page(app);
}

/// Opens the screen on the first page of the queue.
pub fn open(app: &mut App) {
    app.overlay = Overlay::Review;
    app.review.offset = 0;
    app.review.selected = 0;
    load_page(app);
}

/// Reads the page at the current offset, stepping back a page when it came back empty
/// (the last items of the last page were adjudicated), and the selected item.
pub fn load_page(app: &mut App) {
    // The screen reads and adjudicates through the store's selected question. The
    // annotation screen names its question in every call, so it is not affected.
    let question = review_question(app).id.clone();
    app.store.select_question(&question);
    let result = app.store.count_disagreements(false).and_then(|total| {
        let mut offset = app.review.offset.min(total.saturating_sub(1) / PAGE_SIZE * PAGE_SIZE);
        let mut page = app.store.disagreements(offset, PAGE_SIZE, false)?;
        if page.is_empty() && offset > 0 {
            offset = offset.saturating_sub(PAGE_SIZE);
            page = app.store.disagreements(offset, PAGE_SIZE, false)?;
        }
        Ok((total, offset, page))
    });
    match result {
        Ok((total, offset, page)) => {
            app.review.total = total;
            app.review.offset = offset;
            app.review.selected = app.review.selected.min(page.len().saturating_sub(1));
            app.review.page = page;
            load_detail(app);
        }
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
}

fn load_detail(app: &mut App) {
    app.review.detail = None;
    let Some(disagreement) = app.review.page.get(app.review.selected) else { return };
    let id = disagreement.item;
    let result = app.store.item(id).and_then(|item| {
        let answers = app.store.item_answers(id)?;
        let adjudication = app.store.adjudication(id)?;
        Ok((item, answers, adjudication))
    });
    match result {
        Ok((item, answers, adjudication)) => {
            let text = ItemText::for_item(&item.fields, &app.spec().fields, &app.spec().redaction.redactor);
            app.review.detail = Some(ReviewDetail { key: item.key, text, answers, adjudication });
        }
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
}

/// Moves the selection, crossing into the next or previous page at the ends.
pub fn move_selection(app: &mut App, delta: i32) {
    let review = &mut app.review;
    if review.page.is_empty() {
        return;
    }
    let target = review.selected as i64 + i64::from(delta);
    let last = review.page.len() as i64 - 1;
    if target > last && review.offset + (review.page.len() as u64) < review.total {
        review.offset += PAGE_SIZE;
        review.selected = 0;
        load_page(app);
    } else if target < 0 && review.offset > 0 {
        review.offset = review.offset.saturating_sub(PAGE_SIZE);
        review.selected = PAGE_SIZE as usize - 1;
        load_page(app);
    } else {
        review.selected = target.clamp(0, last) as usize;
        load_detail(app);
    }
}

/// Moves one page forward or back.
pub fn move_page(app: &mut App, delta: i32) {
    let review = &mut app.review;
    if delta > 0 && review.offset + PAGE_SIZE < review.total {
        review.offset += PAGE_SIZE;
    } else if delta < 0 && review.offset > 0 {
        review.offset = review.offset.saturating_sub(PAGE_SIZE);
    } else {
        return;
    }
    review.selected = 0;
    load_page(app);
}

/// Records the label at `index` as the selected item's final label, under the login
/// name of the person at the terminal, and reloads the queue.
// NOTE: like answers, the write runs on the UI thread and waits out a busy store.
pub fn adjudicate(app: &mut App, index: usize) {
    let Some(label) = review_question(app).labels.get(index).map(|l| l.value.clone()) else { return };
    let Some(disagreement) = app.review.page.get(app.review.selected) else {
        app.notice = Some(Notice::warning(msg::REVIEW_NOTHING_SELECTED.text()));
        return;
    };
    let (id, key) = (disagreement.item, sanitize::sanitize_plain(&disagreement.key));
    let reviewer = app.login.clone();
    match app.store.adjudicate(id, &label, &reviewer) {
        Ok(seq) => {
            tracing::info!(item = %key, %label, %reviewer, seq, "item adjudicated");
            let label_text = label_display(review_question(app), &label);
            app.notice = Some(Notice::info(msg::ADJUDICATED.fmt(&[("label", &label_text), ("item", &key)])));
            load_page(app);
        }
        Err(err) => app.notice = Some(Notice::store(&err)),
    }
}

/// Whether the person at the terminal sees annotator names in the review screen.
fn shows_names(app: &App) -> bool {
    let roles = &app.spec().roles;
    match roles.role_of(&app.login) {
        _ if !roles.is_enabled() => true,
        Role::Lead => true,
        Role::Reviewer => app.spec().show_names_to_reviewers,
        Role::Annotator => false,
    }
}

fn queue_table(app: &App, frame: &mut Frame, area: Rect) {
    let header = Row::new(vec![
        Cell::from(msg::COL_ITEM.text()),
        Cell::from(Line::from(msg::COL_ANSWERS.text()).right_aligned()),
        Cell::from(Line::from(msg::COL_MAJORITY.text()).right_aligned()),
    ])
    .bold()
    .underlined();
    let rows: Vec<Row> = app
        .review
        .page
        .iter()
        .map(|d| {
            Row::new(vec![
                Cell::from(fit(&d.key, 40)),
                Cell::from(Line::from(d.n_answers.to_string()).right_aligned()),
                Cell::from(Line::from(percent_or_dash(Some(d.majority_share))).right_aligned()),
            ])
        })
        .collect();
    let widths =
        [Constraint::Fill(1), column_width(msg::COL_ANSWERS.text(), 3), column_width(msg::COL_MAJORITY.text(), 6)];
    render_selectable_table(frame, area, header, rows, widths, app.review.selected);
}

fn answer_lines(app: &App, detail: &ReviewDetail, width: usize) -> Vec<Line<'static>> {
    let names = shows_names(app);
    let mut lines = Vec::with_capacity(detail.answers.len() + 1);
    for (number, (annotator, label)) in detail.answers.iter().enumerate() {
        let who = if names { fit(annotator, 20) } else { msg::ANNOTATOR_NUMBER.fmt(&[("n", &(number + 1))]) };
        let label = label_display(review_question(app), label);
        let text = fit(&format!("{who}: {label}"), width);
        lines.push(Line::from(text));
    }
    if let Some(adjudication) = &detail.adjudication {
        let label = label_display(review_question(app), &adjudication.label);
        let by = fit(&adjudication.reviewer, 20);
        lines.push(
            Line::from(fit(&msg::FINAL_LABEL.fmt(&[("label", &label), ("reviewer", &by)]), width))
                .style(theme::current_label()),
        );
    }
    lines
}

fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let Some(detail) = &app.review.detail else {
        frame.render_widget(Block::bordered(), area);
        return;
    };
    let inner_width = usize::from(area.width.saturating_sub(4));
    let answers = answer_lines(app, detail, inner_width);
    let answer_rows = answers.len() as u16 + 2;
    let [text_area, answers_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(answer_rows)]).areas(area);

    let text_block = Block::bordered()
        .title(Line::from(format!(" {} ", fit(&detail.key, 40))).bold())
        .padding(Padding::horizontal(1));
    let inner = text_block.inner(text_area);
    frame.render_widget(text_block, text_area);
    // NOTE: the review screen shows only the start of a long item; j/k move the queue
    // selection, so the text has no scroll keys here yet.
    let rows = detail.text.rows(TextPosition::default(), usize::from(inner.width), usize::from(inner.height));
    frame.render_widget(Paragraph::new(rows), inner);

    let answers_block =
        Block::bordered().title(format!(" {} ", msg::REVIEW_ANSWERS_TITLE.text())).padding(Padding::horizontal(1));
    frame.render_widget(Paragraph::new(answers).block(answers_block), answers_area);
}

/// Lists the footer's key hints in the project's keys. Paging and reloading are the
/// first to go when the width runs short, because the help overlay lists them too.
fn footer_hints(app: &App) -> Vec<KeyHint> {
    let keys = &app.spec().keys;
    let hint = |message, essential| KeyHint { text: crate::tui::with_keys(message, keys), essential };
    let mut hints = vec![
        hint(pol::POL_REVIEW_HINT_LABEL, true),
        hint(pol::POL_REVIEW_HINT_SELECT, true),
        hint(pol::POL_REVIEW_HINT_PAGE, false),
        hint(pol::POL_REVIEW_HINT_RELOAD, false),
    ];
    if app.spec().has_several_questions() {
        hints.push(hint(qmsg::QUESTIONS_NEXT_HINT, true));
    }
    hints.push(hint(pol::POL_REVIEW_HINT_HELP, true));
    hints.push(hint(pol::POL_REVIEW_HINT_BACK, true));
    hints
}

/// Packs the footer's key hints into rows and returns them with the footer's height:
/// the rows the hints or the wrapped notice take, at most [`FOOTER_MAX_ROWS`].
fn footer_rows(app: &App, width: u16) -> (Vec<String>, u16) {
    let hints = key_hints::pack(&footer_hints(app), usize::from(width), FOOTER_MAX_ROWS);
    let notice_rows = app
        .notice
        .as_ref()
        .map_or(0, |notice| wrap_mixed(&sanitize::sanitize_plain(&notice.text), width, Style::new()).len());
    let rows = hints.len().max(notice_rows).min(FOOTER_MAX_ROWS);
    (hints, u16::try_from(rows).unwrap_or(1))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let label_rows = label_lines(review_question(app), area.width).len() as u16;
    let (hint_rows, footer_height) = footer_rows(app, area.width);
    // The body gives way first on a short terminal, so that the label keys and the
    // footer always show in full.
    let [body, prompt, labels, hints] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(label_rows),
        Constraint::Length(footer_height),
    ])
    .areas(area);
    let mut title = msg::REVIEW_TITLE.text().to_string();
    if app.spec().has_several_questions() {
        let n = app.review.question.min(app.spec().questions.len() - 1) + 1;
        let question = qmsg::QUESTIONS_SCREEN_TITLE.fmt(&[
            ("id", &fit(&review_question(app).id, 32)),
            ("n", &n),
            ("total", &app.spec().questions.len()),
        ]);
        title = format!("{title} · {question}");
    }
    render_footer(app, frame, hints, &hint_rows);
    frame.render_widget(Paragraph::new(Line::from(msg::REVIEW_PROMPT.text()).bold()), prompt);
    frame.render_widget(Paragraph::new(label_lines(review_question(app), area.width)), labels);

    let review = &app.review;
    let position = if review.page.is_empty() {
        String::new()
    } else {
        format!(" {}/{} ", review.offset + review.selected as u64 + 1, review.total)
    };
    let block = Block::bordered()
        .title(Line::from(format!(" {title} ")).bold())
        .title(Line::from(position).right_aligned())
        .padding(Padding::horizontal(1));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if review.page.is_empty() {
        let lines = vec![
            Line::from(msg::REVIEW_EMPTY.text()).bold(),
            Line::from(Span::from(msg::REVIEW_EMPTY_HINT.text()).dim()),
        ];
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let (queue_area, detail_area) = if area.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let [queue, detail] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).spacing(1).areas(inner);
        (queue, detail)
    } else {
        let [queue, detail] = Layout::vertical([Constraint::Length(5), Constraint::Min(6)]).areas(inner);
        (queue, detail)
    };
    queue_table(app, frame, queue_area);
    render_detail(app, frame, detail_area);
}
