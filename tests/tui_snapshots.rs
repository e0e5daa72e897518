//! The annotation screen rendered into ratatui's `TestBackend` against real projects
//! made from the sample tasks, plus key-driven flows checked against the store.

mod common;

use common::{draw, import_items, init_sample_project, item_reader, key, lock_lang, open_app};
use crossterm::event::KeyCode;
use quorum::core::assignment::Order;
use quorum::i18n::Lang;
use quorum::project::Project;
use quorum::tui::event::to_action;
use quorum::tui::live::{LiveMessage, LiveState};
use quorum::tui::{Action, App, Overlay, Scroll, update};
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Creates a project from `sample_tasks/NAME` and imports its first `n` items.
fn sample_project(name: &str, n: usize) -> (TempDir, Project) {
    let (dir, project, items) = init_sample_project(name);
    import_items(&project, "items.csv", item_reader(&project, &items).take(n));
    (dir, project)
}

/// Creates a project from `sample_tasks/NAME` and imports every `step`-th item, so that
/// the items cover every label of a file sorted by label.
fn spread_project(name: &str, step: usize) -> (TempDir, Project) {
    let (dir, project, items) = init_sample_project(name);
    import_items(&project, "items.csv", item_reader(&project, &items).step_by(step));
    (dir, project)
}

/// Ticks until the jobs list at 100x40 shows the row of job `id` (`#N`) with `word`,
/// or panics after 120 s.
fn wait_for_job(app: &mut App, id: &str, word: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        update(app, Action::Tick(Instant::now()));
        let screen = draw(app, 100, 40);
        if screen.lines().any(|line| line.contains(&format!("{id} ")) && line.contains(word)) {
            return screen;
        }
        assert!(Instant::now() < deadline, "job did not show {word:?} in time:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An item written by hand: its id, its `(column, value)` fields and its image path.
type CustomItem<'a> = (&'a str, Vec<(&'a str, &'a str)>, Option<&'a str>);

/// Creates a project from a sample task's spec with hand-made items.
fn custom_project(sample: &str, items: &[CustomItem<'_>]) -> (TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let (project, _) = Project::init(&root, Some(&Path::new("sample_tasks").join(sample))).unwrap();
    let mut store = project.store().unwrap();
    let mut inserter = store.begin_import("custom.csv", quorum::core::assignment::Order::Sequential).unwrap();
    for (line, (key, fields, image)) in items.iter().enumerate() {
        let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        inserter.insert(key, &fields, *image, None, line as u64 + 2).unwrap();
    }
    inserter.commit().unwrap();
    (dir, project)
}

fn snapshot_both_sizes(name: &str, app: &mut App) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40));
}

#[test]
fn english_item() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 5);
    let mut app = open_app(&project, "alice");
    assert_eq!(app.current_item_key(), Some("computers-0"));
    snapshot_both_sizes("english_item", &mut app);
}

#[test]
fn long_item_scrolls() {
    let _lang = lock_lang(Lang::En);
    let mut text: Vec<String> = (1..=60).map(|i| format!("{i:>2}. line number {i}")).collect();
    text.push("A last paragraph long enough to wrap: ".repeat(6));
    let text = text.join("\n");
    let (_dir, project) = custom_project("fortune-topics", &[("long-1", vec![("text", text.as_str())], None)]);
    let mut app = open_app(&project, "alice");
    insta::assert_snapshot!("long_item_top_80x24", draw(&mut app, 80, 24));
    update(&mut app, Action::Scroll(Scroll::PageDown));
    insta::assert_snapshot!("long_item_page_down_80x24", draw(&mut app, 80, 24));
    update(&mut app, Action::Scroll(Scroll::Bottom));
    let bottom = draw(&mut app, 80, 24);
    assert!(bottom.contains(" end "), "{bottom}");
    insta::assert_snapshot!("long_item_bottom_80x24", bottom);
    update(&mut app, Action::Scroll(Scroll::Top));
    let top = draw(&mut app, 80, 24);
    assert!(top.contains(" 1. line number 1 "), "{top}");
}

#[test]
fn chinese_item_english_screen() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("shici-dynasty", 3);
    let mut app = open_app(&project, "alice");
    snapshot_both_sizes("shici_en", &mut app);
}

#[test]
fn chinese_item_chinese_screen() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = sample_project("shici-dynasty", 3);
    let mut app = open_app(&project, "李白");
    snapshot_both_sizes("shici_zh", &mut app);
    update(&mut app, Action::ShowHelp);
    insta::assert_snapshot!("help_zh_80x24", draw(&mut app, 80, 24));
}

#[test]
fn escapes_in_fields_are_visible_stand_ins() {
    let _lang = lock_lang(Lang::En);
    let hostile = "before\u{1b}[2Jafter\u{7}\u{1b}]0;title\u{7}end";
    let (_dir, project) = custom_project("fortune-topics", &[("hostile\u{1b}[31m", vec![("text", hostile)], None)]);
    let mut app = open_app(&project, "mallory\u{1b}[1m");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("␛[2J"), "{screen}");
    assert!(screen.contains("before"), "{screen}");
    assert!(screen.contains("end"), "{screen}");
}

#[test]
fn image_item_half_blocks() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("digits", 3);
    let mut app = open_app(&project, "alice");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("digits/0000.png"), "{screen}");
    assert!(screen.contains("8×8 px"), "{screen}");
    assert!(screen.contains('▀') || screen.contains('▄'), "half-blocks drawn:\n{screen}");
    snapshot_both_sizes("digit_image", &mut app);
}

#[test]
fn missing_image_placeholder() {
    let _lang = lock_lang(Lang::En);
    let items = [
        ("gone", vec![("image", "digits/does-not-exist.png")], Some("digits/does-not-exist.png")),
        ("escape", vec![("image", "../../etc/passwd")], Some("../../etc/passwd")),
    ];
    let (_dir, project) = custom_project("digits", &items);
    let mut app = open_app(&project, "alice");
    snapshot_both_sizes("missing_image", &mut app);
    update(&mut app, Action::Answer(3));
    assert_eq!(app.current_item_key(), Some("escape"), "a broken image can still be answered");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("outside the project"), "{screen}");
}

#[test]
fn help_overlay() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::ShowHelp);
    snapshot_both_sizes("help", &mut app);
}

#[test]
fn instructions_screen() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = App::new(&project, "alice", 80, 24).unwrap();
    assert_eq!(app.overlay(), Overlay::Instructions);
    snapshot_both_sizes("instructions", &mut app);
}

#[test]
fn too_small_terminal() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_app(&project, "alice");
    insta::assert_snapshot!("too_small_39x11", draw(&mut app, 39, 11));
    let screen = draw(&mut app, 40, 12);
    assert!(!screen.contains("too small"), "40x12 is large enough:\n{screen}");
}

/// Inserts a job row as a worker would leave it; a running job gets this test process's
/// pid, so that the screen sees a live process.
fn seed_job(project: &Project, kind: &str, state: &str, progress: f64, stage: &str, result: serde_json::Value) -> i64 {
    let mut store = project.store().unwrap();
    let id = store.create_job(kind, &serde_json::json!({ "kind": kind }), "alice").unwrap();
    if state != "queued" {
        store.start_job(id, std::process::id()).unwrap();
        store.set_job_progress(id, progress, stage).unwrap();
        store.append_job_log(id, "Loading labels").unwrap();
        store.append_job_log(id, stage).unwrap();
    }
    match state {
        "done" => store.finish_job(id, &result).unwrap(),
        "failed" => store.fail_job(id, "Only 1 class has labels").unwrap(),
        _ => {}
    }
    id
}

#[test]
fn jobs_menu_running() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    seed_job(&project, "train", "failed", 0.1, "Extracting features", serde_json::Value::Null);
    seed_job(&project, "evaluate", "running", 0.4, "fold 2 of 5", serde_json::Value::Null);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::ShowJobs);
    // The menu has three rows; the fourth row is the newest job.
    update(&mut app, Action::MoveJobSelection(3));
    update(&mut app, Action::Tick(Instant::now()));
    snapshot_both_sizes("jobs_running", &mut app);
    update(&mut app, Action::Dismiss);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("fold 2 of 5"), "gauge stays on the annotation screen:\n{screen}");
}

#[test]
fn jobs_menu_results() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_app(&project, "alice");
    let trained = serde_json::json!({
        "run_id": 1,
        "model_path": ".quorum/runs/1/model.json",
        "n_examples": 60,
        "n_features": 1234,
        "train_accuracy": 0.9833,
        "seconds": 1.25,
    });
    seed_job(&project, "train", "done", 1.0, "Saving the model", trained);
    let evaluated =
        serde_json::json!({ "report": serde_json::to_value(common::eval_report("law", 0.61, 0.08)).unwrap() });
    seed_job(&project, "evaluate", "done", 1.0, "Done", evaluated);
    update(&mut app, Action::ShowJobs);
    update(&mut app, Action::MoveJobSelection(3));
    update(&mut app, Action::StartSelectedJob);
    snapshot_both_sizes("jobs_evaluated", &mut app);

    update(&mut app, Action::MoveJobSelection(1));
    update(&mut app, Action::StartSelectedJob);
    insta::assert_snapshot!("jobs_trained_80x24", draw(&mut app, 80, 24));
}

/// An evaluation result as the evaluation job stores it, learning curve included.
fn evaluated_with_curve() -> serde_json::Value {
    let points: Vec<serde_json::Value> = [(5, 0.31, 0.40), (10, 0.45, 0.52), (20, 0.58, 0.63), (40, 0.69, 0.72)]
        .iter()
        .map(|(n, f1, acc)| serde_json::json!({ "n_labels": n, "macro_f1": f1, "accuracy": acc }))
        .collect();
    serde_json::json!({
        "report": serde_json::to_value(common::eval_report("law", 0.61, 0.08)).unwrap(),
        "learning_curve": { "held_out": 12, "points": points },
    })
}

fn open_evaluation_result(project: &Project) -> App {
    seed_job(project, "evaluate", "done", 1.0, "Done", evaluated_with_curve());
    let mut app = open_app(project, "alice");
    update(&mut app, Action::ShowJobs);
    update(&mut app, Action::MoveJobSelection(3));
    update(&mut app, Action::StartSelectedJob);
    app
}

#[test]
fn jobs_result_view_with_learning_curve() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_evaluation_result(&project);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("Learning curve"), "{screen}");
    insta::assert_snapshot!("jobs_result_view_en_120x40", screen);
}

#[test]
fn jobs_result_view_in_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_evaluation_result(&project);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("学习曲线"), "{screen}");
    insta::assert_snapshot!("jobs_result_view_zh_120x40", screen);
}

/// Checks the jobs screen's evaluation result at 80x24, one panel at a time switched
/// with Tab, and at 200x50, where every panel shows below the job list.
fn check_result_view_sizes(lang: Lang) {
    let tag = lang.tag();
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_evaluation_result(&project);

    let matrix = draw(&mut app, 80, 24);
    assert!(matrix.contains("#1"), "the popup names the job:\n{matrix}");
    for row in ["computers    18█", "food          3░", "law           2░"] {
        assert!(matrix.contains(row), "every label keeps its row:\n{matrix}");
    }
    assert!(!matrix.contains("0.5│"), "one panel at a time:\n{matrix}");
    insta::assert_snapshot!(format!("jobs_result_matrix_{tag}_80x24"), matrix);

    assert!(matches!(to_action(&app, &key(KeyCode::Tab)), Some(Action::SwitchResultPanel(1))));
    update(&mut app, Action::SwitchResultPanel(1));
    let classes = draw(&mut app, 80, 24);
    assert!(classes.contains("P ████████"), "the bars get the popup's width:\n{classes}");
    insta::assert_snapshot!(format!("jobs_result_classes_{tag}_80x24"), classes);

    update(&mut app, Action::SwitchResultPanel(1));
    let curve = draw(&mut app, 80, 24);
    for label in ["1  │", "0.5│", "0  │"] {
        assert!(curve.contains(label), "the curve has its axes:\n{curve}");
    }
    insta::assert_snapshot!(format!("jobs_result_curve_{tag}_80x24"), curve);

    assert!(matches!(to_action(&app, &key(KeyCode::Left)), Some(Action::SwitchResultPanel(-1))));
    update(&mut app, Action::SwitchResultPanel(1));
    assert_eq!(draw(&mut app, 80, 24), matrix, "after the last panel comes the first");

    let wide = draw(&mut app, 200, 50);
    assert!(wide.contains("18█"), "the matrix shows:\n{wide}");
    assert!(wide.contains("P ███"), "the bars show:\n{wide}");
    assert!(wide.contains("0.5│"), "the curve shows:\n{wide}");
    assert!(wide.contains("#1 "), "the job list stays:\n{wide}");
    insta::assert_snapshot!(format!("jobs_result_view_{tag}_200x50"), wide);
}

#[test]
fn jobs_result_view_sizes_english() {
    let _lang = lock_lang(Lang::En);
    check_result_view_sizes(Lang::En);
}

#[test]
fn jobs_result_view_sizes_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    check_result_view_sizes(Lang::ZhCn);
}

#[test]
fn live_agreement_panel() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 4);
    let mut other = project.store().unwrap();
    for (key, bob, carol) in [("computers-0", "computers", "computers"), ("computers-1", "computers", "law")] {
        let item = other.item_by_key(key).unwrap().unwrap();
        other.record_answer(item.id, "bob", bob, None, 2).unwrap();
        other.record_answer(item.id, "carol", carol, None, 2).unwrap();
    }
    let mut app = open_app(&project, "alice");
    let mut reader = project.store().unwrap();
    let state = LiveState::load(&mut reader, &project.spec.question().label_values()).unwrap();
    update(&mut app, Action::Live(LiveMessage::Snapshot(state.snapshot())));
    snapshot_both_sizes("agreement_values", &mut app);
}

#[test]
fn undefined_agreement_shows_reason() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 3);
    let mut app = open_app(&project, "alice");
    let mut reader = project.store().unwrap();
    let state = LiveState::load(&mut reader, &project.spec.question().label_values()).unwrap();
    update(&mut app, Action::Live(LiveMessage::Snapshot(state.snapshot())));
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("undefined"), "{screen}");
    assert!(!screen.contains("NaN"), "{screen}");
    insta::assert_snapshot!("agreement_undefined_120x40", screen);
}

#[test]
fn poller_sees_answers_from_another_connection() {
    let (_dir, project) = sample_project("fortune-topics", 3);
    let poller =
        quorum::tui::live::LivePoller::spawn(&project.store_path(), project.spec.question().label_values()).unwrap();
    let mut other = project.store().unwrap();
    let item = other.item_by_key("computers-0").unwrap().unwrap();
    other.record_answer(item.id, "bob", "computers", None, 2).unwrap();
    other.record_answer(item.id, "carol", "computers", None, 2).unwrap();

    let deadline = Instant::now() + Duration::from_secs(5);
    let mut paired = 0;
    while Instant::now() < deadline && paired == 0 {
        for message in poller.drain() {
            if let LiveMessage::Snapshot(snapshot) = message {
                paired = snapshot.n_items_paired;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(paired, 1, "the poller reported the new pair within 5 s");
}

#[test]
fn answers_undo_and_relabel_reach_store() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 5);
    let mut app = open_app(&project, "alice");
    let id = |app: &App, key: &str| app.store().item_by_key(key).unwrap().unwrap().id;

    assert_eq!(app.current_item_key(), Some("computers-0"));
    update(&mut app, Action::Answer(0));
    assert_eq!(app.current_item_key(), Some("computers-1"));
    update(&mut app, Action::Answer(1));
    assert_eq!(app.current_item_key(), Some("computers-2"));

    update(&mut app, Action::Undo);
    assert_eq!(app.current_item_key(), Some("computers-1"), "undo reopens the last answered item");
    let notice = app.notice().expect("undo names the withdrawn label").text.clone();
    assert!(notice.contains("politics"), "{notice}");
    assert_eq!(app.store().current_answer(id(&app, "computers-1"), "alice").unwrap(), None);

    update(&mut app, Action::Answer(2));
    let notice = app.notice().expect("answer acknowledged").text.clone();
    assert!(notice.contains("science"), "{notice}");
    assert!(notice.contains("computers-1"), "{notice}");
    assert_eq!(app.current_item_key(), Some("computers-2"));

    let store = app.store();
    assert_eq!(store.current_answer(id(&app, "computers-0"), "alice").unwrap().as_deref(), Some("computers"));
    assert_eq!(store.current_answer(id(&app, "computers-1"), "alice").unwrap().as_deref(), Some("science"));
    assert_eq!(store.current_answer(id(&app, "computers-2"), "alice").unwrap(), None);
    assert_eq!(store.progress("alice", 2).unwrap().done_by_annotator, 2);

    let mut spent = Vec::new();
    store
        .for_each_history_row(|row| {
            if row.action == "answer" {
                spent.push(row.time_spent_ms);
            }
            Ok::<(), quorum::store::StoreError>(())
        })
        .unwrap();
    assert_eq!(spent.len(), 3);
    assert!(spent.iter().all(|ms| ms.is_some_and(|ms| ms >= 0)), "{spent:?}");
}

#[test]
fn lease_renewed_while_item_shown() {
    let _lang = lock_lang(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    Project::init(&root, None).unwrap();
    let spec_path = root.join("quorum.toml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let spec = spec.replace("lease_seconds = 120", "lease_seconds = 5").replace("redundancy = 2", "redundancy = 1");
    std::fs::write(&spec_path, spec).unwrap();
    let project = Project::open(&root).unwrap();
    assert_eq!(project.spec.lease_seconds, 5);
    let mut store = project.store().unwrap();
    let mut inserter = store.begin_import("one.csv", Order::Sequential).unwrap();
    inserter.insert("only", &[("text".to_string(), "hello".to_string())], None, None, 2).unwrap();
    inserter.commit().unwrap();

    let mut app = open_app(&project, "alice");
    assert_eq!(app.current_item_key(), Some("only"));
    // Tick past the 5 s lease; renewal every 5/3 s keeps the item reserved for alice.
    let until = Instant::now() + Duration::from_millis(6500);
    while Instant::now() < until {
        update(&mut app, Action::Tick(Instant::now()));
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(store.next_item("bob", 1, 5).unwrap().is_none(), "alice's lease was renewed");
    assert!(app.notice().is_none(), "{:?}", app.notice());
}

#[test]
fn full_item_is_not_recorded() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 3);
    let mut app = open_app(&project, "alice");
    let shown = app.store().item_by_key("computers-0").unwrap().unwrap();
    let mut other = project.store().unwrap();
    other.record_answer(shown.id, "bob", "law", None, 2).unwrap();
    other.record_answer(shown.id, "carol", "law", None, 2).unwrap();

    update(&mut app, Action::Answer(0));
    let notice = app.notice().expect("full item reported").text.clone();
    assert!(notice.contains("not recorded"), "{notice}");
    assert_eq!(app.store().current_answer(shown.id, "alice").unwrap(), None);
    assert_eq!(app.current_item_key(), Some("computers-1"));
}

#[test]
fn skip_moves_on_and_undo_with_nothing() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::Undo);
    assert!(app.notice().unwrap().text.contains("Nothing to undo"));
    update(&mut app, Action::Skip);
    assert_eq!(app.current_item_key(), Some("computers-1"));
    update(&mut app, Action::Skip);
    assert_eq!(app.current_item_key(), None);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Nothing left"), "{screen}");
}

#[test]
fn empty_queue_hint_wraps_at_40() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 1);
    let mut app = open_app(&project, "alice");
    update(&mut app, Action::Skip);
    assert_eq!(app.current_item_key(), None);

    let screen = draw(&mut app, 40, 24);
    let text = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Nothing left"), "{screen}");
    assert!(text.contains("expire"), "the hint is cut off:\n{screen}");
    assert!(text.contains("quit."), "the hint is cut off:\n{screen}");
}

#[test]
fn quit_releases_lease() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 1);
    let mut app = open_app(&project, "alice");
    let mut other = project.store().unwrap();
    // With redundancy 2, bob may share the item; a third annotator may not while
    // alice holds a lease on it.
    assert!(other.next_item("bob", 2, 120).unwrap().is_some());
    assert!(other.next_item("carol", 2, 120).unwrap().is_none());
    update(&mut app, Action::Quit);
    assert!(app.should_quit());
    assert!(other.next_item("carol", 2, 120).unwrap().is_some(), "alice's lease was released");
}

#[test]
fn keys_map_to_actions() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use quorum::tui::event::to_action;
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = App::new(&project, "alice", 80, 24).unwrap();
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));

    assert!(matches!(to_action(&app, &key(KeyCode::Char('1'))), Some(Action::Dismiss)), "any key starts");
    update(&mut app, Action::Dismiss);
    assert!(matches!(to_action(&app, &key(KeyCode::Char('1'))), Some(Action::Answer(0))));
    assert!(matches!(to_action(&app, &key(KeyCode::Char('0'))), Some(Action::Answer(9))));
    assert!(matches!(to_action(&app, &key(KeyCode::Char('u'))), Some(Action::Undo)));
    assert!(matches!(to_action(&app, &key(KeyCode::Backspace)), Some(Action::Undo)));
    assert!(matches!(to_action(&app, &key(KeyCode::Char('s'))), Some(Action::Skip)));
    assert!(matches!(to_action(&app, &key(KeyCode::PageDown)), Some(Action::Scroll(Scroll::PageDown))));
    assert!(matches!(to_action(&app, &key(KeyCode::Char('?'))), Some(Action::ShowHelp)));
    assert!(matches!(to_action(&app, &key(KeyCode::Char('t'))), Some(Action::ShowJobs)));
    assert!(matches!(to_action(&app, &key(KeyCode::Char('q'))), Some(Action::Quit)));
    assert!(to_action(&app, &key(KeyCode::Char('z'))).is_none(), "unbound key does nothing");
    assert!(to_action(&app, &Event::Paste("123".to_string())).is_none(), "a paste answers nothing");
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Char('1'),
        KeyModifiers::NONE,
        crossterm::event::KeyEventKind::Release,
    ));
    assert!(to_action(&app, &release).is_none(), "a key release answers nothing");
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(matches!(to_action(&app, &ctrl_c), Some(Action::Quit)));

    update(&mut app, Action::ShowJobs);
    assert!(matches!(to_action(&app, &key(KeyCode::Esc)), Some(Action::Dismiss)));
    assert!(matches!(to_action(&app, &key(KeyCode::Enter)), Some(Action::StartSelectedJob)));
    assert!(to_action(&app, &key(KeyCode::Char('1'))).is_none(), "labels are inactive in the menu");
}

#[test]
fn real_jobs_train_and_evaluate() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = spread_project("fortune-topics", 60);
    let mut app = open_app(&project, "alice");
    app.set_job_worker(env!("CARGO_BIN_EXE_quorum").into());
    update(&mut app, Action::ShowJobs);

    update(&mut app, Action::StartSelectedJob);
    let train_job = app.store().jobs(1).unwrap()[0].id;
    update(&mut app, Action::MoveJobSelection(-3));
    update(&mut app, Action::StartSelectedJob);
    let notice = app.notice().expect("a second job of one kind is rejected").text.clone();
    assert!(notice.contains("already queued or running"), "{notice}");
    wait_for_job(&mut app, &format!("#{train_job}"), "done");
    update(&mut app, Action::MoveJobSelection(3));
    update(&mut app, Action::StartSelectedJob);
    let trained = draw(&mut app, 100, 40);
    assert!(trained.contains("Training accuracy"), "{trained}");
    assert!(trained.contains("Examples: "), "{trained}");
    assert!(trained.contains("Features: "), "{trained}");

    update(&mut app, Action::MoveJobSelection(-2));
    update(&mut app, Action::StartSelectedJob);
    let eval_job = app.store().jobs(1).unwrap()[0].id;
    // The job reads its labels first; an answer given after that does not change them.
    let deadline = Instant::now() + Duration::from_secs(120);
    while !app.store().job_log(eval_job, 100).unwrap().iter().any(|line| line.line.starts_with("loaded")) {
        assert!(Instant::now() < deadline, "the evaluation never loaded its labels");
        std::thread::sleep(Duration::from_millis(50));
    }
    update(&mut app, Action::Dismiss);
    update(&mut app, Action::Answer(0));
    assert_eq!(app.notice().map(|n| n.kind), Some(quorum::tui::NoticeKind::Info), "annotating while a job runs");
    update(&mut app, Action::ShowJobs);
    wait_for_job(&mut app, &format!("#{eval_job}"), "done");
    update(&mut app, Action::MoveJobSelection(-10));
    update(&mut app, Action::MoveJobSelection(3));
    update(&mut app, Action::StartSelectedJob);
    let evaluated = draw(&mut app, 100, 40);
    assert!(evaluated.contains("macro-F1"), "{evaluated}");
    assert!(evaluated.contains("Confusion (row-normalised)"), "{evaluated}");
    // The evaluation job computed a learning curve, so the view draws it.
    assert!(evaluated.contains("Learning curve"), "{evaluated}");
}

#[test]
fn busy_store_answer_not_acknowledged() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let mut app = open_app(&project, "alice");
    let blocker = rusqlite::Connection::open(project.store_path()).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();

    // The store waits out its busy timeout (15 s) before reporting the lock.
    update(&mut app, Action::Answer(0));
    let notice = app.notice().expect("busy store reported").clone();
    assert_eq!(notice.kind, quorum::tui::NoticeKind::Error);
    assert!(notice.text.contains("busy"), "{}", notice.text);
    assert_eq!(app.current_item_key(), Some("computers-0"), "the item stays until its answer is saved");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("The store is busy"), "{screen}");

    blocker.execute_batch("ROLLBACK").unwrap();
    update(&mut app, Action::Answer(0));
    assert_eq!(app.current_item_key(), Some("computers-1"));
    let first = app.store().item_by_key("computers-0").unwrap().unwrap();
    assert_eq!(app.store().current_answer(first.id, "alice").unwrap().as_deref(), Some("computers"));
}

#[test]
fn ended_job_notice_fits_open_screen() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = sample_project("fortune-topics", 2);
    let on_screen = seed_job(&project, "train", "running", 0.5, "Training", serde_json::Value::Null);
    let elsewhere = seed_job(&project, "evaluate", "running", 0.5, "fold 1 of 5", serde_json::Value::Null);
    let mut app = open_app(&project, "alice");

    // With the jobs screen open, the notice points at the job's row.
    update(&mut app, Action::ShowJobs);
    project.store().unwrap().finish_job(on_screen, &serde_json::json!({ "run_id": 1 })).unwrap();
    quorum::tui::screens::jobs::refresh(&mut app, true);
    let notice = app.notice().expect("the ended job is announced").text.clone();
    assert!(notice.contains("press Enter on its row"), "{notice}");

    // Elsewhere, it names the key that opens the jobs screen.
    update(&mut app, Action::Dismiss);
    project.store().unwrap().finish_job(elsewhere, &serde_json::json!({ "folds": 5 })).unwrap();
    quorum::tui::screens::jobs::refresh(&mut app, true);
    let notice = app.notice().expect("the ended job is announced").text.clone();
    assert!(notice.contains("press t to see the result"), "{notice}");
}
