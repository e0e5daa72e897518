//! The lead's screens (annotators, review, agreement), roles and blind mode, drawn into
//! ratatui's `TestBackend` against real projects answered by simulated annotators.

mod common;

use common::{draw, import_items, init_sample_project, item_reader, key, lock_lang};
use crossterm::event::KeyCode;
use quorum::dataset::LabelSource;
use quorum::i18n::Lang;
use quorum::project::Project;
use quorum::simulate::SimulatedAnnotator;
use quorum::tui::event::to_action;
use quorum::tui::live::{LiveMessage, LiveState};
use quorum::tui::{Action, App, NoticeKind, Overlay, update};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Settings written into the sample task's `quorum.toml`.
#[derive(Clone, Copy)]
struct Settings {
    gold_feedback: bool,
    show_agreement_to_annotators: bool,
}

const DEFAULT_SETTINGS: Settings = Settings { gold_feedback: false, show_agreement_to_annotators: true };

/// Creates a fortune-topics project with lead `lead`, reviewer `rita`, the given
/// settings and every `step`-th item, so the items cover every label.
fn team_project(step: usize, settings: Settings) -> (TempDir, Project) {
    let (dir, initial, items) = init_sample_project("fortune-topics");
    let root = initial.root;

    let spec_path = root.join("quorum.toml");
    let text = std::fs::read_to_string(&spec_path).unwrap();
    let text = text.split("\n[roles]").next().unwrap().to_string();
    let task_settings = format!(
        "seed = 1\ngold_feedback = {}\nshow_agreement_to_annotators = {}\n",
        settings.gold_feedback, settings.show_agreement_to_annotators
    );
    let text = text.replacen("seed = 1\n", &task_settings, 1);
    std::fs::write(&spec_path, format!("{text}\n[roles]\nleads = [\"lead\"]\nreviewers = [\"rita\"]\n")).unwrap();
    let project = Project::open(&root).unwrap();
    assert_eq!(project.spec.roles.leads, vec!["lead".to_string()]);

    import_items(&project, "items.csv", item_reader(&project, &items).step_by(step));
    (dir, project)
}

/// Three simulated annotators take turns until every item has two answers, and `dave`
/// answers the first 24 items "computers" in 0.2 s each, which earns both quality flags.
fn simulate_team(project: &Project) {
    let mut store = project.store().unwrap();
    let n_labels = project.spec.question().labels.len();
    let mut team = [
        SimulatedAnnotator::new("alice", 0.9, 1, n_labels),
        SimulatedAnnotator::new("bob", 0.75, 2, n_labels),
        SimulatedAnnotator::new("carol", 0.5, 3, n_labels),
    ];
    loop {
        let mut recorded = 0;
        for annotator in &mut team {
            recorded += annotator.work(&mut store, &project.spec, 1).unwrap();
        }
        if recorded == 0 {
            break;
        }
    }
    let mut ids = Vec::new();
    store
        .for_each_item(|item| {
            ids.push(item.id);
            Ok::<(), quorum::store::StoreError>(())
        })
        .unwrap();
    for id in ids.into_iter().take(24) {
        store.record_answer(id, "dave", "computers", Some(200), 4).unwrap();
    }
}

fn open_app(project: &Project, login: &str) -> App {
    let mut app = App::with_login(project, login, login, 80, 24).unwrap();
    update(&mut app, Action::Dismiss);
    app
}

fn snapshot_both_sizes(name: &str, app: &mut App) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40));
}

/// Ticks until the open annotators or agreement screen has its figures, or panics
/// after 120 s.
fn wait_for_report(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !app.report_ready() {
        assert!(Instant::now() < deadline, "the report did not arrive in time");
        std::thread::sleep(Duration::from_millis(20));
        update(app, Action::Tick(Instant::now()));
    }
}

/// Feeds the app one live snapshot after each of `steps` simulated answers, so the
/// agreement-over-time history has values.
fn feed_live_history(app: &mut App, project: &Project, steps: usize) {
    let mut store = project.store().unwrap();
    let mut reader = project.store().unwrap();
    let n_labels = project.spec.question().labels.len();
    let mut erin = SimulatedAnnotator::new("erin", 0.8, 9, n_labels);
    let mut state = LiveState::load(&mut reader, &project.spec.question().label_values()).unwrap();
    update(app, Action::Live(LiveMessage::Snapshot(state.snapshot())));
    for _ in 0..steps {
        let mut spec = project.spec.clone();
        spec.redundancy = 3;
        erin.work(&mut store, &spec, 1).unwrap();
        state.refresh(&mut reader).unwrap();
        update(app, Action::Live(LiveMessage::Snapshot(state.snapshot())));
    }
}

#[test]
fn annotators_screen_english() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    assert!(matches!(to_action(&app, &key(KeyCode::Char('A'))), Some(Action::ShowAnnotators)));
    update(&mut app, Action::ShowAnnotators);
    assert_eq!(app.overlay(), Overlay::Annotators);
    wait_for_report(&mut app);
    update(&mut app, Action::MoveSelection(3));
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("fast, constant"), "dave is flagged:\n{screen}");
    assert!(screen.contains("Suspicious speed"), "the selected row explains its flags:\n{screen}");
    snapshot_both_sizes("annotators_en", &mut app);

    assert!(matches!(to_action(&app, &key(KeyCode::Esc)), Some(Action::Dismiss)));
    update(&mut app, Action::Dismiss);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn annotators_screen_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowAnnotators);
    wait_for_report(&mut app);
    insta::assert_snapshot!("annotators_zh_80x24", draw(&mut app, 80, 24));
}

#[test]
fn review_screen_english() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    assert!(matches!(to_action(&app, &key(KeyCode::Char('R'))), Some(Action::ShowReview)));
    update(&mut app, Action::ShowReview);
    assert_eq!(app.overlay(), Overlay::Review);
    assert!(app.review_total() > 0, "the simulated team disagrees somewhere");
    let screen = draw(&mut app, 120, 40);
    assert!(
        screen.contains("alice") || screen.contains("bob") || screen.contains("carol"),
        "a lead sees names:\n{screen}"
    );
    snapshot_both_sizes("review_en", &mut app);
}

#[test]
fn review_screen_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowReview);
    insta::assert_snapshot!("review_zh_120x40", draw(&mut app, 120, 40));
}

#[test]
fn reviewer_sees_numbered_annotators() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "rita");
    update(&mut app, Action::ShowReview);
    assert_eq!(app.overlay(), Overlay::Review, "reviewers may review");
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("annotator 1:"), "{screen}");
    for name in ["alice:", "bob:", "carol:", "dave:"] {
        assert!(!screen.contains(name), "{name} is hidden from a reviewer:\n{screen}");
    }
}

#[test]
fn reviewer_sees_names_when_project_allows() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    let spec_path = project.root.join("quorum.toml");
    let text = std::fs::read_to_string(&spec_path).unwrap().replacen(
        "seed = 1\n",
        "seed = 1\nshow_names_to_reviewers = true\n",
        1,
    );
    std::fs::write(&spec_path, text).unwrap();
    let project = Project::open(&project.root).unwrap();
    assert!(project.spec.show_names_to_reviewers);
    simulate_team(&project);

    let mut app = open_app(&project, "rita");
    update(&mut app, Action::ShowReview);
    let screen = draw(&mut app, 120, 40);
    assert!(!screen.contains("annotator 1:"), "{screen}");
    assert!(["alice:", "bob:", "carol:", "dave:"].iter().any(|name| screen.contains(name)), "{screen}");
}

#[test]
fn adjudication_reaches_store_and_examples() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowReview);
    let total = app.review_total();
    update(&mut app, Action::MoveSelection(1));
    let key_before = app.review_selected_key().expect("an item is selected").to_string();

    let law = project.spec.question().labels.iter().position(|l| l.value == "law").unwrap();
    let law_key = project.spec.question().labels[law].key;
    assert!(matches!(to_action(&app, &key(KeyCode::Char(law_key))), Some(Action::Adjudicate(i)) if i == law));
    update(&mut app, Action::Adjudicate(law));

    let notice = app.notice().expect("adjudication acknowledged").clone();
    assert_eq!(notice.kind, NoticeKind::Info, "{}", notice.text);
    assert!(notice.text.contains(&key_before), "{}", notice.text);
    assert_eq!(app.review_total(), total - 1, "the adjudicated item leaves the queue");
    assert_ne!(app.review_selected_key(), Some(key_before.as_str()));

    let store = project.store().unwrap();
    let item = store.item_by_key(&key_before).unwrap().unwrap();
    let adjudication = store.adjudication(item.id).unwrap().expect("adjudication stored");
    assert_eq!(adjudication.label, "law");
    assert_eq!(adjudication.reviewer, "lead", "recorded under the login name");

    let (examples, source) = project.load_examples(LabelSource::Majority).unwrap();
    assert_eq!(source, LabelSource::Majority);
    let example = examples.iter().find(|e| e.key == key_before).expect("the item is a training example");
    assert_eq!(example.label, "law", "the final label overrides the vote");
}

#[test]
fn annotator_not_allowed_lead_screens() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "alice");
    for action in [Action::ShowAnnotators, Action::ShowReview] {
        update(&mut app, action);
        assert_eq!(app.overlay(), Overlay::None);
        let notice = app.notice().expect("refusal shown").clone();
        assert_eq!(notice.kind, NoticeKind::Warning);
        assert!(notice.text.contains("Not allowed"), "{}", notice.text);
    }
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Not allowed"), "{screen}");
}

#[test]
fn lead_annotating_as_other_keeps_rights() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    let mut as_alice = App::with_login(&project, "alice", "lead", 80, 24).unwrap();
    update(&mut as_alice, Action::Dismiss);
    update(&mut as_alice, Action::ShowReview);
    assert_eq!(as_alice.overlay(), Overlay::Review, "the login name, not --as, decides");

    let mut alice_as_lead = App::with_login(&project, "lead", "alice", 80, 24).unwrap();
    update(&mut alice_as_lead, Action::Dismiss);
    update(&mut alice_as_lead, Action::ShowReview);
    assert_eq!(alice_as_lead.overlay(), Overlay::None);
}

#[test]
fn blind_mode_hides_agreement() {
    let _lang = lock_lang(Lang::En);
    let blind = Settings { gold_feedback: false, show_agreement_to_annotators: false };
    let (_dir, project) = team_project(80, blind);
    simulate_team(&project);

    let mut annotator = open_app(&project, "erin");
    feed_live_history(&mut annotator, &project, 0);
    let screen = draw(&mut annotator, 120, 40);
    assert!(!screen.contains("Agreement"), "no panel for annotators:\n{screen}");
    assert!(!screen.contains("α"), "{screen}");
    let screen = draw(&mut annotator, 80, 24);
    assert!(!screen.contains("agreement"), "no agreement line for annotators:\n{screen}");
    for action in [Action::ToggleAgreementPanel, Action::ShowAgreement] {
        update(&mut annotator, action);
        assert_eq!(annotator.overlay(), Overlay::None);
        assert!(annotator.notice().is_some_and(|n| n.text.contains("Not allowed")));
    }
    update(&mut annotator, Action::ShowHelp);
    let help = draw(&mut annotator, 80, 24);
    assert!(!help.contains("agreement"), "help leaves out keys the annotator may not use:\n{help}");
    assert!(!help.contains("review"), "{help}");

    let mut lead = open_app(&project, "lead");
    feed_live_history(&mut lead, &project, 0);
    let screen = draw(&mut lead, 120, 40);
    assert!(screen.contains("Agreement (live)"), "leads still see the panel:\n{screen}");
}

#[test]
fn gold_feedback_after_answer() {
    let _lang = lock_lang(Lang::En);
    let feedback = Settings { gold_feedback: true, show_agreement_to_annotators: true };
    let (_dir, project) = team_project(80, feedback);
    let mut app = open_app(&project, "erin");
    let shown = app.current_item_key().expect("an item is shown").to_string();
    let gold = app.store().item_by_key(&shown).unwrap().unwrap().gold.expect("sample items carry gold");
    let wrong = project.spec.question().labels.iter().position(|l| l.value != gold).unwrap();
    update(&mut app, Action::Answer(wrong));
    let notice = app.notice().expect("answer acknowledged").clone();
    assert!(notice.text.contains("The expected answer was"), "{}", notice.text);
    assert_eq!(notice.kind, NoticeKind::Warning);

    let shown = app.current_item_key().expect("another item is shown").to_string();
    let gold = app.store().item_by_key(&shown).unwrap().unwrap().gold.unwrap();
    let right = project.spec.question().labels.iter().position(|l| l.value == gold).unwrap();
    update(&mut app, Action::Answer(right));
    let notice = app.notice().expect("answer acknowledged").clone();
    assert!(notice.text.contains("matches the expected answer"), "{}", notice.text);
}

#[test]
fn no_gold_feedback_when_off() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    let mut app = open_app(&project, "erin");
    update(&mut app, Action::Answer(0));
    let notice = app.notice().expect("answer acknowledged").text.clone();
    assert!(!notice.contains("expected answer"), "{notice}");
}

#[test]
fn agreement_screen_english() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    feed_live_history(&mut app, &project, 12);
    assert!(matches!(to_action(&app, &key(KeyCode::Char('G'))), Some(Action::ShowAgreement)));
    update(&mut app, Action::ShowAgreement);
    assert_eq!(app.overlay(), Overlay::Agreement);
    wait_for_report(&mut app);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("bootstrap interval"), "{screen}");
    assert!(screen.contains("Mean Cohen"), "{screen}");
    assert!(screen.contains("Per label"), "{screen}");
    assert!(screen.contains("Agreement with consensus"), "{screen}");
    snapshot_both_sizes("agreement_en", &mut app);
}

#[test]
fn agreement_screen_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    feed_live_history(&mut app, &project, 12);
    update(&mut app, Action::ShowAgreement);
    wait_for_report(&mut app);
    insta::assert_snapshot!("agreement_zh_80x24", draw(&mut app, 80, 24));
}

#[test]
fn agreement_undefined_shows_reason() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowAgreement);
    wait_for_report(&mut app);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("undefined"), "{screen}");
    assert!(!screen.contains("NaN"), "{screen}");
    insta::assert_snapshot!("agreement_undefined_120x40", screen);
}

#[test]
fn agreement_paradox_explained() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    let mut store = project.store().unwrap();
    let mut ids = Vec::new();
    store
        .for_each_item(|item| {
            ids.push(item.id);
            Ok::<(), quorum::store::StoreError>(())
        })
        .unwrap();
    // Twenty items: both annotators say "computers" on eighteen and split on two, so
    // percent agreement is 90% while chance-corrected agreement is near zero.
    for (index, id) in ids.into_iter().take(20).enumerate() {
        store.record_answer(id, "bob", "computers", Some(1000), 2).unwrap();
        let carol = if index < 2 { "law" } else { "computers" };
        store.record_answer(id, "carol", carol, Some(1000), 2).unwrap();
    }
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowAgreement);
    wait_for_report(&mut app);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("90.0%"), "{screen}");
    assert!(screen.contains("High agreement but low κ"), "{screen}");
    assert!(screen.contains("“computers” takes 95.0%"), "{screen}");
}

#[test]
fn review_queue_pages() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(20, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowReview);
    let total = app.review_total();
    assert!(total > 50, "more than one page of disagreements: {total}");
    let first = app.review_selected_key().unwrap().to_string();

    update(&mut app, Action::MovePage(1));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(&format!(" 51/{total} ")), "{screen}");
    let second_page = app.review_selected_key().unwrap().to_string();
    assert_ne!(second_page, first);

    update(&mut app, Action::MoveSelection(-1));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(&format!(" 50/{total} ")), "moving up from a page top crosses back:\n{screen}");
    update(&mut app, Action::MoveSelection(1));
    assert_eq!(app.review_selected_key(), Some(second_page.as_str()));

    update(&mut app, Action::MovePage(-1));
    assert_eq!(app.review_selected_key(), Some(first.as_str()));
    update(&mut app, Action::MovePage(-1));
    assert_eq!(app.review_selected_key(), Some(first.as_str()), "no page before the first");
}

#[test]
fn review_help_lists_review_keys() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowReview);
    let selected = app.review_selected_key().unwrap().to_string();

    assert!(matches!(to_action(&app, &key(KeyCode::Char('?'))), Some(Action::ShowHelp)));
    update(&mut app, Action::ShowHelp);
    assert_eq!(app.overlay(), Overlay::Help);
    assert_eq!(app.help_over(), Overlay::Review);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Set the final label of the selected item"), "{screen}");
    assert!(screen.contains("select the next or previous item of the queue"), "{screen}");
    assert!(screen.contains("return to the annotation screen"), "{screen}");
    assert!(!screen.contains("skip this item"), "annotation keys are not listed:\n{screen}");
    assert!(to_action(&app, &key(KeyCode::Char('i'))).is_none(), "instructions open from the annotation help only");
    insta::assert_snapshot!("review_help_en_80x24", screen);

    assert!(matches!(to_action(&app, &key(KeyCode::Esc)), Some(Action::Dismiss)));
    update(&mut app, Action::Dismiss);
    assert_eq!(app.overlay(), Overlay::Review, "closing the help returns to the review screen");
    assert_eq!(app.review_selected_key(), Some(selected.as_str()), "the selection is kept");

    update(&mut app, Action::Dismiss);
    update(&mut app, Action::ShowHelp);
    assert_eq!(app.help_over(), Overlay::None, "the annotation screen's help is the usual one");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("skip this item"), "{screen}");
    update(&mut app, Action::Dismiss);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn review_help_in_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
    simulate_team(&project);
    let mut app = open_app(&project, "lead");
    update(&mut app, Action::ShowReview);
    update(&mut app, Action::ShowHelp);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("返回标注界面"), "{screen}");
    insta::assert_snapshot!("review_help_zh_80x24", screen);
}

/// Draws the review screen at `width` x `height` and returns it with its footer rows,
/// the rows after the label keys.
fn review_footer(app: &mut App, width: u16, height: u16) -> (String, Vec<String>) {
    let screen = draw(app, width, height);
    let rows: Vec<String> = screen.lines().map(str::to_string).collect();
    let labels_end =
        rows.iter().rposition(|row| row.contains("[0]")).unwrap_or_else(|| panic!("no label keys:\n{screen}"));
    (screen.clone(), rows[labels_end + 1..].to_vec())
}

#[test]
fn review_footer_fits_80_and_40() {
    for (lang, help, back) in [(Lang::En, "? help", "Esc back"), (Lang::ZhCn, "? 帮助", "Esc 返回")] {
        let _lang = lock_lang(lang);
        let (_dir, project) = team_project(80, DEFAULT_SETTINGS);
        simulate_team(&project);
        let mut app = open_app(&project, "lead");
        update(&mut app, Action::ShowReview);

        for (width, height) in [(80, 24), (40, 12)] {
            let (screen, footer) = review_footer(&mut app, width, height);
            let text = footer.join("\n");
            assert!(!footer.is_empty(), "{lang:?} {width}: no footer\n{screen}");
            assert!(footer.len() <= 2, "{lang:?} {width}: more than two footer rows\n{screen}");
            assert!(!text.contains('…'), "{lang:?} {width}: the footer is cut\n{screen}");
            assert!(text.contains(help), "{lang:?} {width}: the help key is named\n{screen}");
            assert!(text.contains(back), "{lang:?} {width}: the way back is named\n{screen}");
            let name = format!("review_footer_{}_{width}x{height}", lang.tag());
            insta::assert_snapshot!(name, screen);
        }
    }
}
