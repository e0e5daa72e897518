//! The annotation screen of a task with two questions per item, drawn into ratatui's
//! `TestBackend` and driven by actions against a real project store.

mod common;

use common::{draw, import_items, init_sample_project, item_reader, key, lock_lang, open_app};
use crossterm::event::KeyCode;
use quorum::i18n::Lang;
use quorum::project::Project;
use quorum::simulate::SimulatedAnnotator;
use quorum::tui::event::to_action;
use quorum::tui::{Action, App, Overlay, update};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Creates a project from `sample_tasks/fortune-questions` and imports its first `n`
/// items in file order.
fn two_question_project(n: usize) -> (TempDir, Project) {
    let (dir, project, items) = init_sample_project("fortune-questions");
    import_items(&project, "items.csv", item_reader(&project, &items).take(n));
    (dir, project)
}

/// The current answers of `annotator` to item `key` as `(question, label)`.
fn answers_of(app: &App, key: &str, annotator: &str) -> Vec<(String, String)> {
    let item = app.store().item_by_key(key).unwrap().unwrap();
    app.store().item_answers_of(item.id, annotator).unwrap()
}

fn pair(question: &str, label: &str) -> (String, String) {
    (question.to_string(), label.to_string())
}

#[test]
fn first_question_shows_progress() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "alice");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Which topic is this text about?"), "{screen}");
    assert!(screen.contains("question 1 of 2"), "{screen}");
    assert!(screen.contains("[0] pets"), "{screen}");
}

#[test]
fn second_question_english() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::Answer(0));
    assert_eq!(app.current_item_key(), Some("computers-0"), "the item stays for its second question");
    insta::assert_snapshot!("second_question_en_80x24", draw(&mut app, 80, 24));
}

#[test]
fn second_question_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "李白");
    update(&mut app, Action::Answer(0));
    insta::assert_snapshot!("second_question_zh_80x24", draw(&mut app, 80, 24));
}

#[test]
fn answers_move_through_questions_then_items() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "alice");

    update(&mut app, Action::Answer(0));
    assert_eq!(app.current_item_key(), Some("computers-0"));
    assert_eq!(app.store().progress("alice", 2).unwrap().done_by_annotator, 0, "one question is still open");

    update(&mut app, Action::Answer(1));
    assert_eq!(app.current_item_key(), Some("computers-1"), "both questions answered: next item");
    assert_eq!(answers_of(&app, "computers-0", "alice"), vec![pair("topic", "computers"), pair("joke", "serious")]);
    assert_eq!(app.store().progress("alice", 2).unwrap().done_by_annotator, 1);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("question 1 of 2"), "a new item starts at its first question:\n{screen}");
}

#[test]
fn undo_steps_back_one_question() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::Answer(2));
    update(&mut app, Action::Answer(0));
    assert_eq!(app.current_item_key(), Some("computers-1"));

    update(&mut app, Action::Undo);
    assert_eq!(app.current_item_key(), Some("computers-0"), "undo crosses back to the previous item");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("question 2 of 2"), "{screen}");
    assert_eq!(answers_of(&app, "computers-0", "alice"), vec![pair("topic", "science")]);

    update(&mut app, Action::Undo);
    assert_eq!(app.current_item_key(), Some("computers-0"));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("question 1 of 2"), "{screen}");
    assert_eq!(answers_of(&app, "computers-0", "alice"), vec![]);

    update(&mut app, Action::Answer(3));
    update(&mut app, Action::Answer(2));
    assert_eq!(answers_of(&app, "computers-0", "alice"), vec![pair("topic", "law"), pair("joke", "unsure")]);
    assert!(app.store().check_consistency().unwrap().is_consistent());
}

#[test]
fn reopened_app_resumes_at_open_question() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    {
        let mut app = open_app(&project, "alice");
        update(&mut app, Action::Answer(0));
    }
    let mut app = open_app(&project, "alice");
    assert_eq!(app.current_item_key(), Some("computers-0"));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Is this text meant as a joke?"), "{screen}");
    assert!(screen.contains("question 2 of 2"), "{screen}");
}

#[test]
fn label_keys_follow_question_on_screen() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::Answer(0));
    let help_before = draw(&mut app, 80, 24);
    assert!(help_before.contains("[3] cannot tell"), "{help_before}");
    assert!(!help_before.contains("[0] pets"), "the topic labels are gone:\n{help_before}");
}

/// Ticks until the open agreement screen's figures have arrived, or panics after 120 s.
fn wait_for_report(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !app.report_ready() {
        assert!(Instant::now() < deadline, "the report did not arrive in time");
        std::thread::sleep(Duration::from_millis(20));
        update(app, Action::Tick(Instant::now()));
    }
}

#[test]
fn agreement_screen_cycles_questions() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(12);
    let mut store = project.store().unwrap();
    for (name, seed) in [("ann", 1), ("bob", 2)] {
        let n_labels = project.spec.question().labels.len();
        SimulatedAnnotator::new(name, 0.8, seed, n_labels).work(&mut store, &project.spec, 12).unwrap();
    }

    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowAgreement);
    wait_for_report(&mut app);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("question topic (1 of 2)"), "{screen}");
    assert!(screen.contains("N next question"), "the footer names the key:\n{screen}");
    assert!(screen.contains("computers"), "{screen}");

    let action = to_action(&app, &key(KeyCode::Char('N')));
    assert!(matches!(action, Some(Action::NextQuestion)), "{action:?}");
    update(&mut app, Action::NextQuestion);
    assert_eq!(app.overlay(), Overlay::Agreement);
    wait_for_report(&mut app);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("question joke (2 of 2)"), "{screen}");
    assert!(screen.contains("no, serious"), "labels by display name:\n{screen}");
    assert!(!screen.contains("computers"), "{screen}");
    assert!(screen.contains("changes (0 to 1) · question topic"), "the live chart names its question:\n{screen}");

    update(&mut app, Action::NextQuestion);
    wait_for_report(&mut app);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("question topic (1 of 2)"), "after the last question comes the first:\n{screen}");
}

#[test]
fn help_lists_question_key() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowHelp);
    let help = draw(&mut app, 80, 40);
    assert!(help.contains("next question on the agreement and review screens"), "{help}");
}

#[test]
fn review_screen_adjudicates_second_question() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = two_question_project(3);
    let mut store = project.store().unwrap();
    let item = store.item_by_key("computers-0").unwrap().unwrap();
    for (annotator, topic, joke) in [("ann", "computers", "joke"), ("bob", "computers", "serious")] {
        for (question, label) in [("topic", topic), ("joke", joke)] {
            let new = quorum::store::NewAnswer { item: item.id, question, label, time_spent_ms: None, suggested: None };
            store.record_question_answer(annotator, new, 2).unwrap();
        }
    }

    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowReview);
    assert_eq!(app.overlay(), Overlay::Review);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("question topic (1 of 2)"), "{screen}");
    assert!(!screen.contains("computers-0"), "the topic answers agree:\n{screen}");

    let action = to_action(&app, &key(KeyCode::Char('N')));
    assert!(matches!(action, Some(Action::NextQuestion)), "{action:?}");
    update(&mut app, Action::NextQuestion);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("question joke (2 of 2)"), "{screen}");
    assert!(screen.contains("computers-0"), "the joke answers differ:\n{screen}");
    assert!(screen.contains("[2] no, serious"), "the joke labels are offered:\n{screen}");

    let action = to_action(&app, &key(KeyCode::Char('2')));
    assert!(matches!(action, Some(Action::Adjudicate(1))), "{action:?}");
    update(&mut app, Action::Adjudicate(1));
    store.select_question("joke");
    assert_eq!(store.adjudication(item.id).unwrap().map(|a| a.label).as_deref(), Some("serious"));
    store.select_question("topic");
    assert_eq!(store.adjudication(item.id).unwrap(), None, "the topic question is not adjudicated");
}
