//! Several annotator processes on one project at once, as on a shared server.

use quorum::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn quorum_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quorum"));
    command.current_dir(dir).env("QUORUM_LANG", "en").env_remove("QUORUM_PROJECT");
    command
}

/// A fortune-topics project whose redundancy is set to `redundancy`.
fn project_with_redundancy(redundancy: u32) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_tasks/fortune-topics");
    let status = quorum_command(temp.path())
        .args(["init", dir.to_str().unwrap(), "--from", sample.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let spec = std::fs::read_to_string(dir.join("quorum.toml")).unwrap();
    let spec = spec.replace("redundancy = 2", &format!("redundancy = {redundancy}"));
    std::fs::write(dir.join("quorum.toml"), spec).unwrap();
    (temp, dir)
}

fn spawn_annotator(dir: &Path, name: &str, count: usize, seed: u64) -> Child {
    quorum_command(dir)
        .args(["simulate", "--as", name, "--count", &count.to_string(), "--seed", &seed.to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("annotator process starts")
}

#[test]
fn two_processes_redundancy_one_never_share_item() {
    let (_temp, dir) = project_with_redundancy(1);
    let children = [spawn_annotator(&dir, "alice", 300, 1), spawn_annotator(&dir, "bob", 300, 2)];
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.max_answers_per_item().unwrap(), 1, "an item was answered by two annotators");
    let counts = store.counts().unwrap();
    assert_eq!(counts.n_annotations, 600, "each process recorded its 300 answers on distinct items");
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn four_processes_respect_redundancy_two() {
    let (_temp, dir) = project_with_redundancy(2);
    let children: Vec<Child> = (0..4).map(|i| spawn_annotator(&dir, &format!("ann-{i}"), 150, i as u64 + 10)).collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert!(store.max_answers_per_item().unwrap() <= 2);
    assert_eq!(store.counts().unwrap().n_annotations, 600);
    assert!(store.integrity_check().unwrap().is_empty());
}

/// A store with one item, and a second raw connection holding the write lock.
fn store_and_blocker() -> (tempfile::TempDir, Store, rusqlite::Connection, quorum::core::ids::ItemId) {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("quorum.db");
    let mut store = Store::create(&path).unwrap();
    let mut import = store.begin_import("items.csv", quorum::core::assignment::Order::Sequential).unwrap();
    import.insert("i0", &[("text".to_string(), "t".to_string())], None, None, 2).unwrap();
    import.commit().unwrap();
    let item = store.item_by_key("i0").unwrap().unwrap().id;

    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE; UPDATE items SET n_answers = n_answers;").unwrap();
    (temp, store, blocker, item)
}

#[test]
fn blocked_writer_waits_then_succeeds() {
    let (_temp, mut store, blocker, item) = store_and_blocker();
    store.set_write_wait(Duration::from_secs(10)).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        blocker.execute_batch("COMMIT").unwrap();
    });

    let started = Instant::now();
    let outcome = store.record_answer(item, "ann", "a", None, 2).unwrap();
    assert!(matches!(outcome, quorum::store::AnswerOutcome::Recorded { .. }));
    assert!(started.elapsed() >= Duration::from_millis(300), "the write did not wait for the lock");
    release.join().unwrap();
    assert_eq!(store.counts().unwrap().n_annotations, 1);
}

#[test]
fn blocked_writer_gives_up_with_busy() {
    let (_temp, mut store, blocker, item) = store_and_blocker();
    store.set_write_wait(Duration::from_millis(600)).unwrap();

    let started = Instant::now();
    let err = store.record_answer(item, "ann", "a", None, 2).unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, quorum::store::StoreError::Busy { .. }), "{err:?}");
    assert!(waited >= Duration::from_millis(550), "gave up after {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}, past the bound");
    let message = err.to_string();
    assert!(message.contains("busy"), "{message}");
    assert!(message.contains("nothing was saved"), "{message}");
    assert!(message.contains("try again"), "{message}");

    blocker.execute_batch("COMMIT").unwrap();
    assert!(store.record_answer(item, "ann", "a", None, 2).is_ok(), "the store works once the lock is free");
    assert_eq!(store.counts().unwrap().n_annotations, 1);
}
