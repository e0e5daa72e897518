//! Team features on real project directories: leases across connections, gold mixing,
//! annotator quality, blind mode, roles and adjudication.

use quorum::core::assignment::Order;
use quorum::core::ids::ItemId;
use quorum::core::quality::QualityThresholds;
use quorum::core::task::Permission;
use quorum::dataset::LabelSource;
use quorum::project::Project;
use quorum::store::{AnswerOutcome, AssignmentPolicy, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A project with labels `a`, `b`, `c`, the given extra `[task]` lines and `[roles]`
/// table, and `items` as `(id, gold)`.
fn project(task_lines: &str, roles: &str, items: &[(String, Option<&str>)]) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = format!(
        "[task]\nname = \"team\"\nredundancy = 3\n{task_lines}\n\
         [fields]\nid = \"id\"\nshow = [\"text\"]\ngold = \"gold\"\n\
         [question]\nprompt = \"Which?\"\nlabels = [\"a\", \"b\", \"c\"]\n{roles}\n"
    );
    std::fs::write(dir.join("quorum.toml"), spec).unwrap();
    let mut store = Store::create(&dir.join("quorum.db")).unwrap();
    let mut import = store.begin_import("items.csv", Order::Sequential).unwrap();
    for (line, (key, gold)) in items.iter().enumerate() {
        let fields = vec![("id".to_string(), key.clone()), ("text".to_string(), format!("text of {key}"))];
        import.insert(key, &fields, None, *gold, line as u64 + 2).unwrap();
    }
    import.commit().unwrap();
    (temp, dir)
}

fn plain_items(n: usize) -> Vec<(String, Option<&'static str>)> {
    (0..n).map(|i| (format!("i{i}"), None)).collect()
}

fn quorum(dir: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(args)
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env("QUORUM_USER", user)
        .env_remove("QUORUM_PROJECT")
        .stdin(Stdio::null())
        .output()
        .expect("the quorum binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ROLES: &str = "[roles]\nleads = [\"lee\"]\nreviewers = [\"rev\"]\n";

#[test]
fn lease_resumes_on_new_connection() {
    let (_temp, dir) = project("", "", &plain_items(3));
    let path = dir.join("quorum.db");

    let mut first = Store::open(&path).unwrap();
    let shown = first.next_item("alice", 1, 60).unwrap().unwrap();
    drop(first); // the annotator's process goes away without answering

    let mut second = Store::open(&path).unwrap();
    let resumed = second.next_item("alice", 1, 60).unwrap().unwrap();
    assert_eq!(resumed.id, shown.id, "the held lease is handed back first");
}

#[test]
fn lease_expiry_frees_item() {
    let (_temp, dir) = project("", "", &plain_items(1));
    let path = dir.join("quorum.db");
    let mut alice = Store::open(&path).unwrap();
    let mut bob = Store::open(&path).unwrap();

    let item = alice.next_item("alice", 1, 1).unwrap().unwrap();
    assert!(bob.next_item("bob", 1, 60).unwrap().is_none(), "alice's lease still holds the only place");

    std::thread::sleep(Duration::from_millis(1100));
    let taken = bob.next_item("bob", 1, 60).unwrap().expect("the expired lease frees the item");
    assert_eq!(taken.id, item.id);
    assert!(matches!(bob.record_answer(taken.id, "bob", "a", None, 1).unwrap(), AnswerOutcome::Recorded { .. }));
    assert_eq!(alice.record_answer(item.id, "alice", "b", None, 1).unwrap(), AnswerOutcome::ItemFull);
}

/// Answers `n` items as `annotator` and returns how many of them were gold.
fn answer_and_count_gold(store: &mut Store, annotator: &str, n: usize) -> usize {
    let mut gold = 0;
    for _ in 0..n {
        let item = store.next_item(annotator, 3, 60).unwrap().expect("items left");
        gold += usize::from(item.gold.is_some());
        store.record_answer(item.id, annotator, "a", Some(1000), 3).unwrap();
    }
    gold
}

#[test]
fn gold_mixing_rate_within_tolerance() {
    // One item in four is gold, far more than the 10% wanted.
    let items: Vec<(String, Option<&str>)> =
        (0..400).map(|i| (format!("i{i}"), if i % 4 == 0 { Some("a") } else { None })).collect();
    let (_temp, dir) = project("gold_rate = 0.1", "", &items);
    let project = Project::open(&dir).unwrap();
    let mut store = project.store().unwrap();
    assert_eq!(store.policy().gold_rate, Some(0.1));

    for (annotator, n) in [("alice", 200), ("bob", 57)] {
        let gold = answer_and_count_gold(&mut store, annotator, n);
        let expected = 0.1 * n as f64;
        assert!((gold as f64 - expected).abs() <= 1.0, "{annotator}: {gold} gold of {n}, expected {expected}");
    }
}

#[test]
fn gold_mixing_off_keeps_queue_order() {
    let items: Vec<(String, Option<&str>)> =
        (0..40).map(|i| (format!("i{i}"), if i % 4 == 0 { Some("a") } else { None })).collect();
    let (_temp, dir) = project("", "", &items);
    let mut store = Project::open(&dir).unwrap().store().unwrap();
    assert_eq!(answer_and_count_gold(&mut store, "alice", 20), 5, "every fourth item of the first 20");
}

#[test]
fn gold_runs_out_then_regular_items() {
    let items: Vec<(String, Option<&str>)> = (0..10).map(|i| (format!("i{i}"), Some("a"))).collect();
    let (_temp, dir) = project("gold_rate = 0.1", "", &items);
    let mut store = Project::open(&dir).unwrap().store().unwrap();
    assert_eq!(answer_and_count_gold(&mut store, "alice", 10), 10, "with only gold items, gold is handed out");
}

#[test]
fn gold_feedback_only_when_enabled() {
    let items = vec![("g".to_string(), Some("b")), ("r".to_string(), None)];
    let (_temp, dir) = project("gold_feedback = true", "", &items);
    let store = Project::open(&dir).unwrap().store().unwrap();
    let gold = store.item_by_key("g").unwrap().unwrap();
    let regular = store.item_by_key("r").unwrap().unwrap();

    let feedback = store.gold_feedback(gold.id, "a").unwrap().expect("feedback on a gold item");
    assert_eq!(feedback.expected, "b");
    assert!(!feedback.correct);
    assert!(store.gold_feedback(gold.id, "b").unwrap().unwrap().correct);
    assert_eq!(store.gold_feedback(regular.id, "a").unwrap(), None);

    let mut quiet = Store::open(&dir.join("quorum.db")).unwrap();
    quiet.set_policy(AssignmentPolicy { gold_feedback: false, ..AssignmentPolicy::default() });
    assert_eq!(quiet.gold_feedback(gold.id, "a").unwrap(), None, "feedback is off by default");
}

#[test]
fn gold_accuracy_per_annotator() {
    let items: Vec<(String, Option<&str>)> =
        (0..30).map(|i| (format!("i{i}"), if i < 10 { Some("a") } else { None })).collect();
    let (_temp, dir) = project("", "", &items);
    let mut store = Store::open(&dir.join("quorum.db")).unwrap();

    for i in 0..30 {
        let item = store.item_by_key(&format!("i{i}")).unwrap().unwrap();
        // alice is always right on gold, bob right on 3 of the 10 gold items.
        store.record_answer(item.id, "alice", "a", Some(2000), 3).unwrap();
        let bob_label = if (3..10).contains(&i) { "b" } else { "a" };
        store.record_answer(item.id, "bob", bob_label, Some(2500), 3).unwrap();
    }
    let team = store.annotator_quality(&QualityThresholds::default()).unwrap();
    let alice = team.annotators.iter().find(|a| a.annotator == "alice").unwrap();
    let bob = team.annotators.iter().find(|a| a.annotator == "bob").unwrap();
    assert_eq!((alice.gold_answered, alice.gold_correct), (10, 10));
    assert_eq!(alice.gold_accuracy, Some(1.0));
    assert_eq!((bob.gold_answered, bob.gold_correct), (10, 3));
    assert_eq!(alice.items_done, 30);
    assert_eq!(alice.median_ms, Some(2000));
    assert_eq!(alice.consensus_items, 30, "bob alone is alice's consensus on every item");
    assert_eq!(alice.consensus_agreed, 23);
    assert!(alice.flags.contains(&quorum::core::quality::QualityFlag::ConstantAnswers), "alice always says a");
}

#[test]
fn blind_mode_setting_parsed() {
    let (_temp, dir) = project("show_agreement_to_annotators = false", ROLES, &plain_items(1));
    let project = Project::open(&dir).unwrap();
    assert!(!project.spec.show_agreement_to_annotators);
    assert!(!project.spec.permits("ann", Permission::SeeAgreement));
    assert!(project.spec.permits("rev", Permission::SeeAgreement));
    assert!(project.spec.permits("lee", Permission::SeeAgreement));
}

#[test]
fn annotator_cannot_use_as() {
    let (_temp, dir) = project("", ROLES, &plain_items(1));
    let out = quorum(&dir, "ann", &["annotate", "--as", "bob"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("ann may not annotate as bob"), "{}", stderr(&out));
    assert!(stderr(&out).contains("[roles] leads"), "the message names the setting: {}", stderr(&out));
}

/// Runs `quorum annotate --as bob` as `user` and returns its stderr. Without a terminal
/// the screen cannot open, so the command fails after the role check either way.
fn annotate_as_bob_stderr(dir: &Path, user: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["annotate", "--as", "bob"])
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env("QUORUM_USER", user)
        .env_remove("QUORUM_PROJECT")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    stderr(&out)
}

#[test]
fn lead_may_use_as() {
    let (_temp, dir) = project("", ROLES, &plain_items(1));
    let lead = annotate_as_bob_stderr(&dir, "lee");
    assert!(!lead.contains("may not annotate as"), "{lead}");
    let reviewer = annotate_as_bob_stderr(&dir, "rev");
    assert!(reviewer.contains("rev may not annotate as bob"), "{reviewer}");
}

#[test]
fn review_commands_need_lead_or_reviewer() {
    let (_temp, dir) = project("", ROLES, &plain_items(2));
    for command in [&["annotators"][..], &["adjudicate", "i0", "a"][..], &["adjudicate", "--list"][..]] {
        let out = quorum(&dir, "ann", command);
        assert!(!out.status.success(), "{command:?} ran for an annotator");
        assert!(stderr(&out).contains("not a lead or reviewer"), "{command:?}: {}", stderr(&out));
        let out = quorum(&dir, "rev", command);
        assert!(out.status.success(), "{command:?} failed for a reviewer: {}", stderr(&out));
    }
}

#[test]
fn roles_off_without_leads() {
    let (_temp, dir) = project("", "", &plain_items(1));
    let out = quorum(&dir, "anyone", &["annotators", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["annotators"].as_array().map(Vec::len), Some(0));
}

#[test]
fn init_makes_creator_lead() {
    let temp = tempfile::tempdir().unwrap();
    let out = quorum(temp.path(), "founder", &["init", "proj"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = Project::open(&temp.path().join("proj")).unwrap();
    assert_eq!(project.spec.roles.leads, vec!["founder".to_string()]);
}

/// Three annotators answer `i0` as a, a, b and `i1` as b, c, c.
fn answered_project() -> (tempfile::TempDir, PathBuf) {
    let (temp, dir) = project("", ROLES, &plain_items(3));
    let mut store = Store::open(&dir.join("quorum.db")).unwrap();
    for (key, labels) in [("i0", ["a", "a", "b"]), ("i1", ["b", "c", "c"])] {
        let item = store.item_by_key(key).unwrap().unwrap();
        for (annotator, label) in ["x", "y", "z"].iter().zip(labels) {
            store.record_answer(item.id, annotator, label, Some(1000), 3).unwrap();
        }
    }
    (temp, dir)
}

fn exported_labels(dir: &Path) -> Vec<(String, String, String)> {
    let out_file = dir.join("labels.csv");
    let out = quorum(dir, "lee", &["export", "--what", "labels", "--out", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_path(&out_file).unwrap();
    reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string(), r[2].to_string())).collect()
}

#[test]
fn adjudication_overrides_export_and_training() {
    let (_temp, dir) = answered_project();
    let before = exported_labels(&dir);
    assert!(before.iter().any(|(item, label, _)| item == "i0" && label == "a"));

    let out = quorum(&dir, "rev", &["adjudicate", "i0", "c"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = exported_labels(&dir);
    let i0 = after.iter().find(|(item, _, _)| item == "i0").unwrap();
    assert_eq!(i0.1, "c");
    assert_eq!(i0.2.parse::<f64>().unwrap(), 1.0, "an adjudicated label has confidence 1");
    let i1 = after.iter().find(|(item, _, _)| item == "i1").unwrap();
    assert_eq!(i1.1, "c", "an item without adjudication keeps its vote");

    let project = Project::open(&dir).unwrap();
    let (examples, _) = project.load_examples(LabelSource::Majority).unwrap();
    let example = examples.iter().find(|e| e.key == "i0").unwrap();
    assert_eq!(example.label, "c", "training uses the adjudicated label");
}

#[test]
fn latest_adjudication_wins_and_history_keeps_both() {
    let (_temp, dir) = answered_project();
    let mut store = Store::open(&dir.join("quorum.db")).unwrap();
    let item = store.item_by_key("i1").unwrap().unwrap();
    store.adjudicate(item.id, "a", "rev").unwrap();
    store.adjudicate(item.id, "b", "lee").unwrap();
    let latest = store.adjudication(item.id).unwrap().unwrap();
    assert_eq!((latest.label.as_str(), latest.reviewer.as_str()), ("b", "lee"));
    assert_eq!(store.adjudicated_labels().unwrap().get("i1").map(String::as_str), Some("b"));

    let mut actions = Vec::new();
    store
        .for_each_history_row(|row| {
            actions.push((row.action, row.label));
            Ok::<(), quorum::store::StoreError>(())
        })
        .unwrap();
    let adjudications: Vec<_> = actions.iter().filter(|(action, _)| action == "adjudicate").collect();
    assert_eq!(adjudications.len(), 2);
    assert_eq!(actions.len(), 8, "six answers, then two adjudications");
}

#[test]
fn adjudicate_rejects_unknown_label_and_item() {
    let (_temp, dir) = answered_project();
    let out = quorum(&dir, "lee", &["adjudicate", "i0", "zebra"]);
    assert!(stderr(&out).contains("`zebra` is not a label of this task; use one of: a, b, c"), "{}", stderr(&out));
    let out = quorum(&dir, "lee", &["adjudicate", "nope", "a"]);
    assert!(stderr(&out).contains("no item with id `nope`"), "{}", stderr(&out));
}

#[test]
fn disagreements_listed_worst_first_and_paged() {
    let (_temp, dir) = project("", "", &plain_items(4));
    let mut store = Store::open(&dir.join("quorum.db")).unwrap();
    let answers: [(&str, &[&str]); 4] =
        [("i0", &["a", "a", "a"]), ("i1", &["a", "a", "b"]), ("i2", &["a", "b", "c"]), ("i3", &["b", "b", "c"])];
    for (key, labels) in answers {
        let item = store.item_by_key(key).unwrap().unwrap();
        for (annotator, label) in ["x", "y", "z"].iter().zip(labels) {
            store.record_answer(item.id, annotator, label, None, 3).unwrap();
        }
    }

    assert_eq!(store.count_disagreements(false).unwrap(), 3, "i0 is unanimous");
    let first = store.disagreements(0, 1, false).unwrap();
    assert_eq!(first[0].key, "i2", "three distinct labels come first");
    assert_eq!(first[0].distinct_labels, 3);
    let rest = store.disagreements(1, 10, false).unwrap();
    let keys: Vec<&str> = rest.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, vec!["i1", "i3"], "equal shares fall back to item order");
    assert_eq!(rest[1].label_counts, vec![("b".to_string(), 2), ("c".to_string(), 1)]);

    let i2 = store.item_by_key("i2").unwrap().unwrap();
    store.adjudicate(i2.id, "c", "lee").unwrap();
    assert_eq!(store.count_disagreements(false).unwrap(), 2, "adjudicated items leave the queue");
    let all = store.disagreements(0, 10, true).unwrap();
    assert_eq!(all[0].adjudicated.as_deref(), Some("c"));
}

#[test]
fn priority_order_hands_out_highest_first() {
    let (_temp, dir) = project("order = \"priority\"", "", &plain_items(5));
    let project = Project::open(&dir).unwrap();
    let mut store = project.store().unwrap();
    let id = |store: &Store, key: &str| store.item_by_key(key).unwrap().unwrap().id;
    let priorities = vec![(id(&store, "i3"), 0.9), (id(&store, "i1"), 0.5), (id(&store, "i4"), -1.0)];
    assert_eq!(store.set_priorities(priorities).unwrap(), 3);

    let mut order = Vec::new();
    while let Some(item) = store.next_item("alice", 3, 60).unwrap() {
        order.push(item.key.clone());
        store.record_answer(item.id, "alice", "a", None, 3).unwrap();
    }
    assert_eq!(order, vec!["i3", "i1", "i4", "i0", "i2"], "items without a priority come last, in file order");
}

#[test]
fn set_priorities_is_all_or_nothing() {
    let (_temp, dir) = project("", "", &plain_items(2));
    let mut store = Store::open(&dir.join("quorum.db")).unwrap();
    let i0 = store.item_by_key("i0").unwrap().unwrap().id;
    let err = store.set_priorities(vec![(i0, 1.0), (ItemId(999), 2.0)]).unwrap_err();
    assert!(err.to_string().contains("999"), "{err}");
    let err = store.set_priorities(vec![(i0, f64::NAN)]).unwrap_err();
    assert!(err.to_string().contains("finite"), "{err}");
}
