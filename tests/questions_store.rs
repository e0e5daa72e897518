//! Store behaviour with several questions per item, and the upgrade of a store written
//! before questions had ids.

use quorum::core::assignment::Order;
use quorum::core::task::DEFAULT_QUESTION_ID;
use quorum::store::{AnswerOutcome, NewAnswer, Store, migrate_schema_to};

fn store_with_items(n: usize, questions: &[&str]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("quorum.db")).unwrap();
    store.set_questions(questions.iter().map(|q| q.to_string()).collect());
    let mut import = store.begin_import("items.csv", Order::Sequential).unwrap();
    for i in 0..n {
        let fields = vec![("id".to_string(), format!("i{i}")), ("text".to_string(), format!("text {i}"))];
        let gold = (i == 0).then_some("a");
        import.insert(&format!("i{i}"), &fields, None, gold, i as u64 + 2).unwrap();
        if i == 0 {
            import.insert_question_gold("funny", "yes").unwrap();
        }
    }
    import.commit().unwrap();
    (dir, store)
}

fn answer(store: &mut Store, item: quorum::core::ids::ItemId, annotator: &str, question: &str, label: &str) {
    let new = NewAnswer { item, question, label, time_spent_ms: Some(50), suggested: None };
    let outcome = store.record_question_answer(annotator, new, 2).unwrap();
    assert!(matches!(outcome, AnswerOutcome::Recorded { .. }), "{outcome:?}");
}

#[test]
fn item_stays_leased_until_every_question_answered() {
    let (_dir, mut store) = store_with_items(2, &["topic", "funny"]);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    answer(&mut store, item.id, "ann", "topic", "a");

    let again = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(again.key, item.key, "a half-answered item is handed back first");
    assert_eq!(store.progress("ann", 2).unwrap().done_by_annotator, 0);

    answer(&mut store, item.id, "ann", "funny", "yes");
    assert_eq!(store.progress("ann", 2).unwrap().done_by_annotator, 1);
    let next = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_ne!(next.key, item.key, "a finished item is not handed out again");
    assert!(store.check_consistency().unwrap().is_consistent());
}

#[test]
fn half_answered_item_returns_after_lease_expires() {
    let (_dir, mut store) = store_with_items(3, &["topic", "funny"]);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    answer(&mut store, item.id, "ann", "topic", "a");
    store.release_lease(item.id, "ann").unwrap();

    let again = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(again.key, item.key);
}

#[test]
fn annotator_counts_once_towards_redundancy() {
    let (_dir, mut store) = store_with_items(1, &["topic", "funny"]);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    answer(&mut store, item.id, "ann", "topic", "a");
    answer(&mut store, item.id, "ann", "funny", "no");
    assert_eq!(store.max_answers_per_item().unwrap(), 1);
    assert_eq!(store.progress("bob", 2).unwrap().answers_needed, 1);
    assert!(store.check_consistency().unwrap().is_consistent());
}

#[test]
fn undo_steps_back_one_question() {
    let (_dir, mut store) = store_with_items(2, &["topic", "funny"]);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    answer(&mut store, item.id, "ann", "topic", "a");
    answer(&mut store, item.id, "ann", "funny", "yes");

    let undone = store.undo_last_question_answer("ann", 60).unwrap().unwrap();
    assert_eq!((undone.question.as_str(), undone.label.as_str()), ("funny", "yes"));
    assert_eq!(store.item_answers_of(item.id, "ann").unwrap(), vec![("topic".to_string(), "a".to_string())]);
    assert_eq!(store.max_answers_per_item().unwrap(), 1, "the topic answer still counts the annotator");

    let undone = store.undo_last_question_answer("ann", 60).unwrap().unwrap();
    assert_eq!(undone.question, "topic");
    assert_eq!(store.max_answers_per_item().unwrap(), 0);
    assert!(store.check_consistency().unwrap().is_consistent(), "{:?}", store.check_consistency());
}

#[test]
fn reads_follow_selected_question() {
    let (_dir, mut store) = store_with_items(2, &["topic", "funny"]);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    answer(&mut store, item.id, "ann", "topic", "a");
    answer(&mut store, item.id, "ann", "funny", "yes");
    answer(&mut store, item.id, "bob", "topic", "b");
    answer(&mut store, item.id, "bob", "funny", "yes");

    assert_eq!(store.question(), "topic");
    assert_eq!(store.current_answer(item.id, "ann").unwrap().as_deref(), Some("a"));
    assert_eq!(store.count_disagreements(true).unwrap(), 1, "topic answers differ");
    assert_eq!(store.gold_labels().unwrap().get("i0").map(String::as_str), Some("a"));

    store.select_question("funny");
    assert_eq!(store.current_answer(item.id, "ann").unwrap().as_deref(), Some("yes"));
    assert_eq!(store.count_disagreements(true).unwrap(), 0, "funny answers agree");
    assert_eq!(store.gold_labels().unwrap().get("i0").map(String::as_str), Some("yes"));
    let mut seen = Vec::new();
    store
        .for_each_current_answer::<quorum::store::StoreError>(|_, annotator, label| {
            seen.push((annotator.to_string(), label.to_string()));
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, vec![("ann".to_string(), "yes".to_string()), ("bob".to_string(), "yes".to_string())]);
}

#[test]
fn adjudication_is_per_question() {
    let (_dir, mut store) = store_with_items(1, &["topic", "funny"]);
    let item = store.item_by_key("i0").unwrap().unwrap();
    store.adjudicate(item.id, "b", "lead").unwrap();
    assert_eq!(store.adjudication(item.id).unwrap().map(|a| a.label).as_deref(), Some("b"));

    store.select_question("funny");
    assert_eq!(store.adjudication(item.id).unwrap(), None);
    store.adjudicate(item.id, "no", "lead").unwrap();
    assert_eq!(store.adjudicated_labels().unwrap().get("i0").map(String::as_str), Some("no"));
}

#[test]
fn history_names_question_of_each_row() {
    let (_dir, mut store) = store_with_items(1, &["topic", "funny"]);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    answer(&mut store, item.id, "ann", "topic", "a");
    answer(&mut store, item.id, "ann", "funny", "no");
    let mut questions = Vec::new();
    store
        .for_each_history_row::<quorum::store::StoreError>(|row| {
            questions.push(row.question);
            Ok(())
        })
        .unwrap();
    assert_eq!(questions, vec![Some("topic".to_string()), Some("funny".to_string())]);
}

/// Builds a store file at schema version 4 holding one item with a gold label, two
/// answers, an undo, a skip, an adjudication, a run and its prediction.
fn write_version_four_store(path: &std::path::Path) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    migrate_schema_to(&mut conn, 4).unwrap();
    conn.execute_batch(
        "INSERT INTO imports (source_file, imported_at) VALUES ('items.csv', '2026-01-01T00:00:00.000Z');
         INSERT INTO items (key, fields, gold, ord, import_id, source_line)
             VALUES ('old', '[[\"text\",\"kept\"]]', 'a', 0, 1, 2),
                    ('other', '[[\"text\",\"second\"]]', NULL, 1, 1, 3);
         INSERT INTO annotations (item_id, annotator, action, label, created_at, time_spent_ms, suggested)
             VALUES (1, 'ann', 'answer', 'a', '2026-01-01T00:00:01.000Z', 900, NULL),
                    (1, 'bob', 'answer', 'b', '2026-01-01T00:00:02.000Z', 800, 'a'),
                    (2, 'ann', 'answer', 'a', '2026-01-01T00:00:03.000Z', 700, NULL),
                    (2, 'ann', 'undo', NULL, '2026-01-01T00:00:04.000Z', NULL, NULL),
                    (2, 'bob', 'skip', NULL, '2026-01-01T00:00:05.000Z', NULL, NULL);
         INSERT INTO current_answers (item_id, annotator, label, seq) VALUES (1, 'ann', 'a', 1), (1, 'bob', 'b', 2);
         INSERT INTO skips (item_id, annotator) VALUES (2, 'bob');
         UPDATE items SET n_answers = 2 WHERE id = 1;
         INSERT INTO adjudications (item_id, label, reviewer, created_at)
             VALUES (1, 'b', 'lead', '2026-01-01T00:00:06.000Z');
         INSERT INTO runs (created_at, backend, model_kind, label_source, data_hash, n_examples, params, seed,
                           model_path, active)
             VALUES ('2026-01-01T00:00:07.000Z', 'linfa', 'logistic', 'gold', 'h', 1, '{}', 0, 'm.json', 1);
         INSERT INTO predictions (run_id, item_id, label, confidence, margin, entropy, probabilities)
             VALUES (1, 2, 'a', 0.75, 0.5, 0.56, '{\"a\":0.75,\"b\":0.25}');",
    )
    .unwrap();
}

#[test]
fn version_four_store_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quorum.db");
    write_version_four_store(&path);

    let mut store = Store::open(&path).unwrap();
    let version: i64 =
        rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, quorum::store::SCHEMA_VERSION);
    assert_eq!(store.question(), DEFAULT_QUESTION_ID);

    let old = store.item_by_key("old").unwrap().unwrap();
    let other = store.item_by_key("other").unwrap().unwrap();
    assert_eq!(store.item_answers(old.id).unwrap(), vec![("ann".into(), "a".into()), ("bob".into(), "b".into())]);
    assert_eq!(store.item_answers(other.id).unwrap(), vec![]);
    assert_eq!(store.adjudication(old.id).unwrap().map(|a| a.label).as_deref(), Some("b"));
    assert_eq!(store.gold_labels().unwrap().get("old").map(String::as_str), Some("a"));
    let run = store.active_run().unwrap().expect("the run survives");
    assert_eq!(run.question, DEFAULT_QUESTION_ID);
    let prediction = store.active_prediction(other.id).unwrap().expect("the prediction survives");
    assert_eq!((prediction.label.as_str(), prediction.confidence), ("a", 0.75));

    let mut history = Vec::new();
    store
        .for_each_history_row::<quorum::store::StoreError>(|row| {
            history.push((row.action, row.question, row.suggested));
            Ok(())
        })
        .unwrap();
    let label = Some(DEFAULT_QUESTION_ID.to_string());
    assert_eq!(history.len(), 6, "five log rows and one adjudication");
    assert_eq!(history[1], ("answer".to_string(), label.clone(), Some("a".to_string())));
    assert_eq!(history[3], ("undo".to_string(), label.clone(), None));
    assert_eq!(history[4], ("skip".to_string(), None, None));
    assert_eq!(history[5], ("adjudicate".to_string(), label, None));

    let report = store.check_consistency().unwrap();
    assert!(report.is_consistent(), "{report:?}");
    assert_eq!(store.progress("ann", 2).unwrap().done_by_annotator, 1);
    assert_eq!(store.next_item("bob", 2, 60).unwrap(), None, "bob answered one item and skipped the other");
}

#[test]
fn upgraded_store_takes_second_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quorum.db");
    write_version_four_store(&path);

    let mut store = Store::open(&path).unwrap();
    store.set_questions(vec![DEFAULT_QUESTION_ID.to_string(), "funny".to_string()]);
    let old = store.item_by_key("old").unwrap().unwrap();
    assert_eq!(store.progress("ann", 2).unwrap().done_by_annotator, 0, "the second question is still open");
    let again = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(again.key, "old");
    answer(&mut store, old.id, "ann", "funny", "no");
    assert_eq!(store.progress("ann", 2).unwrap().done_by_annotator, 1);
    assert!(store.check_consistency().unwrap().is_consistent());
}

#[test]
fn unlisted_question_found_in_every_gap() {
    for (stray, expected) in [("a", Some("a")), ("c", Some("c")), ("e", Some("e")), ("b", None), ("d", None)] {
        let (_dir, mut store) = store_with_items(1, &["b", "d"]);
        let item = store.item_by_key("i0").unwrap().unwrap();
        store.set_questions(vec![stray.to_string()]);
        answer(&mut store, item.id, "ann", stray, "x");
        store.set_questions(vec!["d".to_string(), "b".to_string()]);
        assert_eq!(store.unlisted_answer_question().unwrap().as_deref(), expected, "answer under `{stray}`");
    }
}
