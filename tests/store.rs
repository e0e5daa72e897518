//! Store behaviour on real SQLite files: the log, undo, leases and assignment.

use quorum::core::assignment::Order;
use quorum::core::ids::ItemId;
use quorum::store::{AnswerOutcome, Store};

fn store_with_items(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("quorum.db")).unwrap();
    let mut import = store.begin_import("items.csv", Order::Sequential).unwrap();
    for i in 0..n {
        let fields = vec![("id".to_string(), format!("i{i}")), ("text".to_string(), format!("text {i}"))];
        import.insert(&format!("i{i}"), &fields, None, None, i as u64 + 2).unwrap();
    }
    import.commit().unwrap();
    (dir, store)
}

#[test]
fn answer_undo_relabel_keeps_log() {
    let (_dir, mut store) = store_with_items(3);
    let first = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(first.key, "i0");
    store.record_answer(first.id, "ann", "a", Some(100), 2).unwrap();
    let second = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(second.key, "i1");
    store.record_answer(second.id, "ann", "b", Some(100), 2).unwrap();

    let (reopened, withdrawn) = store.undo_last_answer("ann", 60).unwrap().unwrap();
    assert_eq!(reopened.key, "i1");
    assert_eq!(withdrawn, "b");
    assert_eq!(store.current_answer(second.id, "ann").unwrap(), None);

    // The reopened item is the one handed out next, because the undo leased it back.
    let again = store.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(again.key, "i1");
    store.record_answer(again.id, "ann", "c", Some(100), 2).unwrap();

    assert_eq!(store.current_answer(second.id, "ann").unwrap().as_deref(), Some("c"));
    let counts = store.counts().unwrap();
    assert_eq!(counts.n_annotations, 2);
    assert_eq!(counts.n_log_rows, 4, "answer, answer, undo, answer");
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn undo_with_nothing_answered_is_none() {
    let (_dir, mut store) = store_with_items(1);
    assert!(store.undo_last_answer("ann", 60).unwrap().is_none());
}

#[test]
fn redundancy_one_gives_distinct_items() {
    let (_dir, mut store) = store_with_items(4);
    let a = store.next_item("alice", 1, 60).unwrap().unwrap();
    let b = store.next_item("bob", 1, 60).unwrap().unwrap();
    assert_ne!(a.id, b.id, "a leased item must not be handed to a second annotator");
}

#[test]
fn same_annotator_never_gets_item_twice() {
    let (_dir, mut store) = store_with_items(2);
    let mut seen = Vec::new();
    while let Some(item) = store.next_item("ann", 3, 60).unwrap() {
        assert!(!seen.contains(&item.id), "item {} handed out twice", item.key);
        seen.push(item.id);
        store.record_answer(item.id, "ann", "x", None, 3).unwrap();
    }
    assert_eq!(seen.len(), 2);
}

#[test]
fn expired_lease_returns_item_to_queue() {
    let (_dir, mut store) = store_with_items(1);
    // A lease of zero seconds has expired by the next call.
    let a = store.next_item("alice", 1, 0).unwrap().unwrap();
    let b = store.next_item("bob", 1, 60).unwrap().unwrap();
    assert_eq!(a.id, b.id);
}

#[test]
fn unexpired_lease_blocks_others() {
    let (_dir, mut store) = store_with_items(1);
    store.next_item("alice", 1, 60).unwrap().unwrap();
    assert!(store.next_item("bob", 1, 60).unwrap().is_none());
}

#[test]
fn answer_after_lost_lease_is_rejected_when_full() {
    let (_dir, mut store) = store_with_items(1);
    let a = store.next_item("alice", 1, 0).unwrap().unwrap();
    let b = store.next_item("bob", 1, 60).unwrap().unwrap();
    assert!(matches!(store.record_answer(b.id, "bob", "x", None, 1).unwrap(), AnswerOutcome::Recorded { .. }));
    assert_eq!(store.record_answer(a.id, "alice", "y", None, 1).unwrap(), AnswerOutcome::ItemFull);
    assert_eq!(store.max_answers_per_item().unwrap(), 1);
}

#[test]
fn skipped_item_not_offered_again() {
    let (_dir, mut store) = store_with_items(2);
    let first = store.next_item("ann", 1, 60).unwrap().unwrap();
    store.record_skip(first.id, "ann").unwrap();
    let next = store.next_item("ann", 1, 60).unwrap().unwrap();
    assert_ne!(next.id, first.id);
}

#[test]
fn resume_returns_held_item() {
    let (dir, mut store) = store_with_items(3);
    let shown = store.next_item("ann", 2, 60).unwrap().unwrap();
    drop(store);
    // A new process (connection) for the same annotator gets the same item back.
    let mut reopened = Store::open(&dir.path().join("quorum.db")).unwrap();
    let resumed = reopened.next_item("ann", 2, 60).unwrap().unwrap();
    assert_eq!(resumed.id, shown.id);
}

#[test]
fn changes_since_reports_before_and_after() {
    let (_dir, mut store) = store_with_items(2);
    let item = ItemId(1);
    store.record_answer(item, "alice", "a", None, 3).unwrap();
    let mark = store.max_seq().unwrap();
    store.record_answer(item, "bob", "b", None, 3).unwrap();
    store.record_answer(item, "alice", "c", None, 3).unwrap();

    let (upto, changes) = store.changes_since(mark).unwrap();
    assert_eq!(upto, store.max_seq().unwrap());
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].before, vec![("alice".to_string(), "a".to_string())]);
    assert_eq!(changes[0].after, vec![("alice".to_string(), "c".to_string()), ("bob".to_string(), "b".to_string())]);

    let (_, none) = store.changes_since(upto).unwrap();
    assert!(none.is_empty());
}

#[test]
fn duplicate_key_across_imports_rejected() {
    let (_dir, mut store) = store_with_items(1);
    let mut import = store.begin_import("more.csv", Order::Sequential).unwrap();
    let err = import.insert("i0", &[], None, None, 2).unwrap_err().to_string();
    assert!(err.contains("`i0`"), "{err}");
    assert!(err.contains("items.csv, line 2"), "{err}");
    drop(import);
    assert_eq!(store.counts().unwrap().n_items, 1, "the failed import rolled back");
}

#[test]
fn progress_counts_needed_answers() {
    let (_dir, mut store) = store_with_items(3);
    let item = store.next_item("ann", 2, 60).unwrap().unwrap();
    store.record_answer(item.id, "ann", "a", None, 2).unwrap();
    let progress = store.progress("ann", 2).unwrap();
    assert_eq!(progress.done_by_annotator, 1);
    assert_eq!(progress.answers_needed, 5);
    assert_eq!(progress.n_items, 3);
}

#[test]
fn full_database_rolls_back_answer() {
    let (_dir, mut store) = store_with_items(40);
    let cap = store.page_count().unwrap() + 4;
    assert_eq!(store.set_max_pages(cap).unwrap(), cap);

    // Labels of 3 KB fill about a page each, so the cap is reached within a few answers.
    let label = "x".repeat(3000);
    let mut recorded = 0;
    let err = loop {
        let item = store.item_by_key(&format!("i{recorded}")).unwrap().unwrap();
        match store.record_answer(item.id, "ann", &label, Some(10), 2) {
            Ok(_) => recorded += 1,
            Err(err) => break err,
        }
        assert!(recorded < 40, "the page cap never filled the store");
    };

    assert!(matches!(err, quorum::store::StoreError::Full(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("full"), "{message}");
    assert!(message.contains("rolled back"), "{message}");
    assert!(message.contains("free disk space"), "{message}");

    assert_eq!(store.counts().unwrap().n_annotations, recorded);
    assert_eq!(store.counts().unwrap().n_log_rows, recorded, "no log row of the failed answer");
    assert!(store.check_consistency().unwrap().is_consistent());
    assert!(store.integrity_check().unwrap().is_empty());

    store.set_max_pages(1_000_000).unwrap();
    let item = store.item_by_key(&format!("i{recorded}")).unwrap().unwrap();
    assert!(matches!(store.record_answer(item.id, "ann", "a", None, 2).unwrap(), AnswerOutcome::Recorded { .. }));
}

#[test]
fn consistency_holds_after_undo_and_skip() {
    let (_dir, mut store) = store_with_items(4);
    for _ in 0..3 {
        let item = store.next_item("ann", 2, 60).unwrap().unwrap();
        store.record_answer(item.id, "ann", "a", Some(5), 2).unwrap();
    }
    store.undo_last_answer("ann", 60).unwrap().unwrap();
    let skipped = store.next_item("bob", 2, 60).unwrap().unwrap();
    store.record_skip(skipped.id, "bob").unwrap();
    let report = store.check_consistency().unwrap();
    assert!(report.is_consistent(), "{report:?}");
}

#[test]
fn version_one_store_upgrades_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quorum.db");
    {
        // The tables exactly as schema version 1 created them that the later steps touch,
        // holding one imported item.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE imports (id INTEGER PRIMARY KEY, source_file TEXT NOT NULL, imported_at TEXT NOT NULL);
             CREATE TABLE items (
                 id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, fields TEXT NOT NULL, image TEXT, gold TEXT,
                 ord INTEGER NOT NULL, n_answers INTEGER NOT NULL DEFAULT 0,
                 import_id INTEGER NOT NULL REFERENCES imports(id), source_line INTEGER NOT NULL);
             CREATE TABLE annotations (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id INTEGER NOT NULL REFERENCES items(id),
                 annotator TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('answer', 'undo', 'skip')),
                 label TEXT, created_at TEXT NOT NULL, time_spent_ms INTEGER);
             CREATE TABLE current_answers (
                 item_id INTEGER NOT NULL REFERENCES items(id), annotator TEXT NOT NULL, label TEXT NOT NULL,
                 seq INTEGER NOT NULL, PRIMARY KEY (item_id, annotator)) WITHOUT ROWID;
             INSERT INTO imports (source_file, imported_at) VALUES ('items.csv', '2026-01-01T00:00:00.000Z');
             INSERT INTO items (key, fields, ord, import_id, source_line)
                 VALUES ('old', '[[\"text\",\"kept\"]]', 0, 1, 2);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }

    let mut store = Store::open(&path).unwrap();
    let version: i64 =
        rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 5);
    let item = store.item_by_key("old").unwrap().expect("the item survives the upgrade");
    assert_eq!(item.fields, vec![("text".to_string(), "kept".to_string())]);
    assert_eq!(store.set_priorities(vec![(item.id, 1.5)]).unwrap(), 1);
    assert_eq!(store.adjudicated_labels().unwrap().len(), 0);
    let histogram: (i64, i64) = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT n_answers, n_items FROM answer_histogram", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(histogram, (0, 1), "the upgrade counts the item already there");
}

#[test]
fn pick_order_spans_answer_counts() {
    let (_dir, mut store) = store_with_items(4);
    // i1 and i3 already have an answer, so the free items sit in two answer-count groups.
    for key in ["i1", "i3"] {
        let item = store.item_by_key(key).unwrap().unwrap();
        store.record_answer(item.id, "bob", "a", None, 3).unwrap();
    }
    let mut order = Vec::new();
    while let Some(item) = store.next_item("alice", 3, 60).unwrap() {
        order.push(item.key.clone());
        store.record_answer(item.id, "alice", "a", None, 3).unwrap();
    }
    assert_eq!(order, vec!["i0", "i1", "i2", "i3"], "queue order, whatever the answer counts");
}

#[test]
fn priority_order_spans_answer_counts() {
    let (_dir, mut store) = store_with_items(4);
    store.set_policy(quorum::store::AssignmentPolicy { priority_order: true, ..Default::default() });
    let id = |store: &Store, key: &str| store.item_by_key(key).unwrap().unwrap().id;
    let (i1, i2, i3) = (id(&store, "i1"), id(&store, "i2"), id(&store, "i3"));
    store.set_priorities(vec![(i2, 0.5), (i3, 0.9)]).unwrap();
    store.record_answer(i3, "bob", "a", None, 3).unwrap();
    store.record_answer(i1, "bob", "a", None, 3).unwrap();

    let mut order = Vec::new();
    while let Some(item) = store.next_item("alice", 3, 60).unwrap() {
        order.push(item.key.clone());
        store.record_answer(item.id, "alice", "a", None, 3).unwrap();
    }
    assert_eq!(order, vec!["i3", "i2", "i0", "i1"]);
}

#[test]
fn answer_histogram_follows_answers_and_undo() {
    let (_dir, mut store) = store_with_items(4);
    for annotator in ["a", "b"] {
        let item = store.next_item(annotator, 2, 60).unwrap().unwrap();
        store.record_answer(item.id, annotator, "x", None, 2).unwrap();
    }
    store.undo_last_answer("b", 60).unwrap();
    let progress = store.progress("a", 2).unwrap();
    assert_eq!(progress.answers_needed, 7, "8 places, 1 answer left after the undo");
    let report = store.check_consistency().unwrap();
    assert_eq!(report.histogram_rows_wrong, 0, "{report:?}");
    assert!(report.is_consistent());
}
