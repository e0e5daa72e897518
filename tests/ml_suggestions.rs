//! Model suggestions on the annotation screen, the suggestion kept with each answer, and
//! the retrain trigger of the uncertainty order, against real project stores.

use quorum::core::ids::ItemId;
use quorum::i18n::{Lang, set_lang};
use quorum::import::{ImportOptions, ItemReader};
use quorum::project::Project;
use quorum::store::{ItemPrediction, Store, StoreError, due_for_retrain};
use quorum::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use tempfile::TempDir;

/// The language is process-wide, so tests that draw take turns.
static SCREEN: Mutex<()> = Mutex::new(());

fn lock_lang(lang: Lang) -> MutexGuard<'static, ()> {
    let guard = SCREEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    set_lang(lang);
    guard
}

/// A fortune-topics project with its first `n` items, in file order, with
/// `task.suggestions` set as given.
fn project(n: usize, suggestions: bool) -> (TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let (project, items) = Project::init(&root, Some(&Path::new("sample_tasks").join("fortune-topics"))).unwrap();
    let toml_path = root.join("quorum.toml");
    let text = std::fs::read_to_string(&toml_path).unwrap();
    let text = text.replace("order = \"random\"\n", &format!("order = \"sequential\"\nsuggestions = {suggestions}\n"));
    std::fs::write(&toml_path, text).unwrap();
    let project = Project::open(&project.root).unwrap();
    assert_eq!(project.spec.suggestions, suggestions);

    let reader = ItemReader::open(&items.unwrap(), &project.spec.fields, &ImportOptions::default()).unwrap();
    let mut store = project.store().unwrap();
    let mut inserter = store.begin_import("items.csv", project.spec.order).unwrap();
    for item in reader.take(n) {
        let item = item.unwrap();
        inserter.insert(&item.key, &item.fields, item.image.as_deref(), item.gold.as_deref(), item.line).unwrap();
    }
    inserter.commit().unwrap();
    (dir, project)
}

/// Registers a run (active or not) straight in the store file and returns its id.
fn add_run(project: &Project, active: bool) -> i64 {
    let conn = rusqlite::Connection::open(project.store_path()).unwrap();
    if active {
        conn.execute("UPDATE runs SET active = 0", []).unwrap();
    }
    conn.execute(
        "INSERT INTO runs (created_at, backend, model_kind, label_source, data_hash, n_examples, params, seed,
                           model_path, active)
         VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'linfa', 'logistic', 'gold', 'h', 5, '{}', 0, 'm.json', ?1)",
        [i64::from(active)],
    )
    .unwrap();
    conn.last_insert_rowid()
}

fn predict(store: &mut Store, run: i64, key: &str, probabilities: &[(&str, f64)]) {
    let item = store.item_by_key(key).unwrap().unwrap().id;
    let map = probabilities.iter().map(|(l, p)| (l.to_string(), *p)).collect();
    let prediction = ItemPrediction::from_probabilities(item, map).unwrap();
    store.save_predictions(run, &[prediction]).unwrap();
}

fn draw(app: &mut App, width: u16, height: u16) -> String {
    update(app, Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view(app, frame)).unwrap();
    terminal.backend().to_string()
}

fn open_app(project: &Project) -> App {
    let mut app = App::new(project, "alice", 80, 24).unwrap();
    update(&mut app, Action::Dismiss);
    app
}

/// The `(label, suggested)` of every answer in the history, oldest first.
fn answers(store: &Store) -> Vec<(String, Option<String>)> {
    let mut rows = Vec::new();
    store
        .for_each_history_row(|row| {
            if row.action == "answer" {
                rows.push((row.label.unwrap_or_default(), row.suggested));
            }
            Ok::<(), StoreError>(())
        })
        .unwrap();
    rows
}

#[test]
fn suggestion_shown_and_recorded_with_the_answer() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = project(3, true);
    let run = add_run(&project, true);
    let mut store = project.store().unwrap();
    predict(&mut store, run, "computers-0", &[("computers", 0.83), ("law", 0.17)]);

    let mut app = open_app(&project);
    assert_eq!(app.current_item_key(), Some("computers-0"));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Suggested: computers (83%)"), "{screen}");
    insta::assert_snapshot!("suggestion_en_80x24", screen);
    insta::assert_snapshot!("suggestion_en_120x40", draw(&mut app, 120, 40));

    // Pressing another label's key records that label, with the suggestion beside it.
    update(&mut app, Action::Answer(3));
    assert_eq!(app.current_item_key(), Some("computers-1"));
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains("Suggested"), "computers-1 has no prediction:\n{screen}");
    update(&mut app, Action::Answer(0));

    assert_eq!(
        answers(app.store()),
        [("law".to_string(), Some("computers".to_string())), ("computers".to_string(), None)]
    );
}

#[test]
fn suggestion_in_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = project(2, true);
    let run = add_run(&project, true);
    let mut store = project.store().unwrap();
    predict(&mut store, run, "computers-0", &[("computers", 0.4), ("law", 0.6)]);

    let mut app = open_app(&project);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("模型建议：法律（60%）"), "{screen}");
    insta::assert_snapshot!("suggestion_zh_80x24", screen);
}

#[test]
fn suggestions_off_by_default_show_and_record_nothing() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = project(2, false);
    let run = add_run(&project, true);
    let mut store = project.store().unwrap();
    predict(&mut store, run, "computers-0", &[("computers", 0.9), ("law", 0.1)]);

    let mut app = open_app(&project);
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains("Suggested"), "{screen}");
    update(&mut app, Action::Answer(0));
    assert_eq!(answers(app.store()), [("computers".to_string(), None)]);
}

#[test]
fn inactive_run_suggests_nothing() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = project(2, true);
    let run = add_run(&project, false);
    let mut store = project.store().unwrap();
    predict(&mut store, run, "computers-0", &[("computers", 0.9), ("law", 0.1)]);

    let mut app = open_app(&project);
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains("Suggested"), "{screen}");
}

#[test]
fn store_keeps_the_suggested_label() {
    let (_dir, project) = project(3, false);
    let mut store = project.store().unwrap();
    let first = store.item_by_key("computers-0").unwrap().unwrap().id;
    let second = store.item_by_key("computers-1").unwrap().unwrap().id;
    store.record_suggested_answer(first, "ann", "law", Some(10), 2, Some("computers")).unwrap();
    store.record_answer(second, "ann", "science", Some(10), 2).unwrap();
    // Answering again keeps both rows of the log, each with its own suggestion.
    store.record_suggested_answer(first, "ann", "computers", Some(10), 2, Some("politics")).unwrap();

    assert_eq!(
        answers(&store),
        [
            ("law".to_string(), Some("computers".to_string())),
            ("science".to_string(), None),
            ("computers".to_string(), Some("politics".to_string())),
        ]
    );
    assert_eq!(store.current_answer(first, "ann").unwrap().as_deref(), Some("computers"));
}

#[test]
fn retrain_due_after_every_n_new_answers() {
    let (_dir, project) = project(6, false);
    let mut store = project.store().unwrap();
    let id = |store: &Store, key: &str| -> ItemId { store.item_by_key(key).unwrap().unwrap().id };

    assert!(!due_for_retrain(&store, 2).unwrap(), "no answers yet");
    store.record_answer(id(&store, "computers-0"), "ann", "computers", None, 2).unwrap();
    store.record_answer(id(&store, "computers-1"), "ann", "computers", None, 2).unwrap();
    assert!(due_for_retrain(&store, 2).unwrap(), "2 answers and no model yet");
    assert!(!due_for_retrain(&store, 3).unwrap());
    assert!(!due_for_retrain(&store, 0).unwrap(), "0 turns the trigger off");

    // A new active run resets the count; answers before it do not count.
    std::thread::sleep(std::time::Duration::from_millis(5));
    add_run(&project, true);
    assert_eq!(store.answers_since_active_run().unwrap(), 0);
    assert!(!due_for_retrain(&store, 2).unwrap());
    std::thread::sleep(std::time::Duration::from_millis(5));
    store.record_answer(id(&store, "computers-2"), "ann", "computers", None, 2).unwrap();
    assert!(!due_for_retrain(&store, 2).unwrap());
    store.record_answer(id(&store, "computers-3"), "ann", "computers", None, 2).unwrap();
    assert!(due_for_retrain(&store, 2).unwrap());
}

#[test]
fn history_export_carries_the_suggestion() {
    let (dir, project) = project(2, true);
    let mut store = project.store().unwrap();
    let first = store.item_by_key("computers-0").unwrap().unwrap().id;
    let second = store.item_by_key("computers-1").unwrap().unwrap().id;
    store.record_suggested_answer(first, "ann", "law", Some(10), 2, Some("computers")).unwrap();
    store.record_answer(second, "ann", "science", Some(10), 2).unwrap();

    let out_path = dir.path().join("history.csv");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["export", "--what", "history", "--out", out_path.to_str().unwrap()])
        .current_dir(&project.root)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let text = std::fs::read_to_string(&out_path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with(",time_spent_ms,suggested"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert!(rows[0].contains(",law,") && rows[0].ends_with(",computers"), "{text}");
    assert!(rows[1].contains(",science,") && rows[1].ends_with(','), "{text}");
}
