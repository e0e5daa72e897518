//! Crash safety under load: eight `quorum simulate` processes answer the same project as
//! fast as they can while a killer sends SIGKILL to random ones and restarts them.
//!
//! Each simulator prints `ACK ITEM ANNOTATOR LABEL SEQ` only after the answer's commit.
//! Afterwards every acknowledged answer must be in the log, no item may have more than
//! `redundancy` annotators, no annotator may have answered an item twice, and SQLite's
//! integrity check must pass.
//!
//! The defaults keep the run short in a debug build. `benches/stress.sh` runs a long
//! version in release through these variables: `QUORUM_STRESS_ANSWERS` (answers per
//! annotator), `QUORUM_STRESS_ITEMS`, `QUORUM_STRESS_KILL_MS` (mean pause between kills)
//! and `QUORUM_STRESS_DEADLINE_S`.

use quorum::core::assignment::Order;
use quorum::store::Store;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const PROCESSES: usize = 8;
const REDUNDANCY: u32 = 3;

/// One acknowledged answer, as printed by a simulator.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ack {
    item: String,
    annotator: String,
    label: String,
    seq: i64,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn make_project(n_items: u64) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = format!(
        "[task]\nname = \"stress\"\nredundancy = {REDUNDANCY}\nlease_seconds = 30\n\
         [question]\nprompt = \"Which?\"\nlabels = [\"a\", \"b\", \"c\"]\n"
    );
    std::fs::write(dir.join("quorum.toml"), spec).unwrap();
    let mut store = Store::create(&dir.join("quorum.db")).unwrap();
    let mut import = store.begin_import("items.csv", Order::Sequential).unwrap();
    for i in 0..n_items {
        let key = format!("i{i}");
        let fields = vec![("id".to_string(), key.clone()), ("text".to_string(), format!("text {i}"))];
        import.insert(&key, &fields, None, None, i + 2).unwrap();
    }
    import.commit().unwrap();
    (temp, dir)
}

/// A running simulator and the thread collecting its ACK lines.
struct Simulator {
    child: Child,
    reader: JoinHandle<()>,
}

fn spawn(dir: &Path, annotator: &str, count: u64, seed: u64, acks: &Arc<Mutex<Vec<Ack>>>) -> Simulator {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["simulate", "--as", annotator, "--count", &count.to_string(), "--seed", &seed.to_string(), "--ack"])
        .current_dir(dir)
        .env("QUORUM_LANG", "en")
        .env_remove("QUORUM_PROJECT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the simulator starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let acks = Arc::clone(acks);
    let reader = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            // A line cut off by SIGKILL has no newline and acknowledges nothing.
            if line.last() != Some(&b'\n') {
                break;
            }
            if let Some(ack) = parse_ack(&String::from_utf8_lossy(&line)) {
                acks.lock().unwrap().push(ack);
            }
        }
    });
    Simulator { child, reader }
}

fn parse_ack(line: &str) -> Option<Ack> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    match parts.as_slice() {
        ["ACK", item, annotator, label, seq] => Some(Ack {
            item: item.to_string(),
            annotator: annotator.to_string(),
            label: label.to_string(),
            seq: seq.parse().ok()?,
        }),
        _ => None,
    }
}

/// A small deterministic generator for the killer's choices.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Figures of one run, printed for `benches/stress.sh`.
struct RunReport {
    acks: Vec<Ack>,
    kills: u64,
    elapsed: Duration,
    /// The largest size of `quorum.db-wal` seen between kills.
    max_wal_bytes: u64,
}

fn run_with_kills(dir: &Path, answers_each: u64, kill_ms: u64, deadline: Duration) -> RunReport {
    let acks = Arc::new(Mutex::new(Vec::new()));
    let names: Vec<String> = (0..PROCESSES).map(|i| format!("sim{i}")).collect();
    let mut running: Vec<Option<Simulator>> =
        names.iter().enumerate().map(|(i, name)| Some(spawn(dir, name, answers_each, i as u64 + 1, &acks))).collect();
    let mut rng = Lcg(42);
    let mut kills = 0u64;
    let mut restarts = 0u64;
    let mut max_wal_bytes = 0u64;
    let started = Instant::now();

    loop {
        // Reap simulators that finished their answers.
        for slot in running.iter_mut() {
            if let Some(sim) = slot
                && let Some(status) = sim.child.try_wait().unwrap()
            {
                assert!(status.success(), "a simulator failed on its own: {status}");
                if let Some(sim) = slot.take() {
                    sim.reader.join().unwrap();
                }
            }
        }
        let alive: Vec<usize> = (0..PROCESSES).filter(|i| running[*i].is_some()).collect();
        if alive.is_empty() {
            break;
        }
        if started.elapsed() > deadline {
            for sim in running.iter_mut().flatten() {
                let _ = sim.child.kill();
                let _ = sim.child.wait();
            }
            panic!("the simulators did not finish within {deadline:?}");
        }

        std::thread::sleep(Duration::from_millis(kill_ms / 2 + rng.below(kill_ms.max(1))));
        let wal_bytes = std::fs::metadata(dir.join("quorum.db-wal")).map(|m| m.len()).unwrap_or(0);
        max_wal_bytes = max_wal_bytes.max(wal_bytes);
        let victim = alive[rng.below(alive.len() as u64) as usize];
        let Some(mut sim) = running[victim].take() else { continue };
        let pid = sim.child.id().to_string();
        // SIGKILL through kill(1), only ever to a child this test spawned and has not reaped.
        let killed = Command::new("kill").args(["-9", &pid]).status().unwrap();
        let status = sim.child.wait().unwrap();
        sim.reader.join().unwrap();
        if killed.success() && status.code().is_none() {
            kills += 1;
        } else {
            assert!(status.success(), "a simulator failed on its own: {status}");
        }

        // Restart it for the answers it still owes, counted from the store.
        let store = Store::open(&dir.join("quorum.db")).unwrap();
        let done = store.progress(&names[victim], REDUNDANCY).unwrap().done_by_annotator;
        if done < answers_each {
            restarts += 1;
            let seed = 1000 + restarts;
            running[victim] = Some(spawn(dir, &names[victim], answers_each - done, seed, &acks));
        }
    }

    let elapsed = started.elapsed();
    let acks = Arc::try_unwrap(acks).map(|m| m.into_inner().unwrap()).unwrap_or_default();
    RunReport { acks, kills, elapsed, max_wal_bytes }
}

fn check_store(dir: &Path, acks: &[Ack]) {
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert!(store.integrity_check().unwrap().is_empty(), "PRAGMA integrity_check failed");
    let report = store.check_consistency().unwrap();
    assert!(report.is_consistent(), "derived tables out of step with the log: {report:?}");
    assert!(store.max_answers_per_item().unwrap() <= u64::from(REDUNDANCY));

    let conn = rusqlite::Connection::open(dir.join("quorum.db")).unwrap();
    let mut lookup = conn
        .prepare(
            "SELECT i.key, a.annotator, a.label, a.action FROM annotations a JOIN items i ON i.id = a.item_id
             WHERE a.seq = ?1",
        )
        .unwrap();
    for ack in acks {
        let row: (String, String, String, String) = lookup
            .query_row([ack.seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap_or_else(|e| panic!("acknowledged answer {ack:?} is not in the log: {e}"));
        assert_eq!(
            row,
            (ack.item.clone(), ack.annotator.clone(), ack.label.clone(), "answer".to_string()),
            "seq {}",
            ack.seq
        );
    }

    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let twice = count(
        "SELECT count(*) FROM (SELECT 1 FROM annotations WHERE action = 'answer'
         GROUP BY item_id, annotator HAVING count(*) > 1)",
    );
    assert_eq!(twice, 0, "an annotator answered an item twice");
    let crowded = count(&format!(
        "SELECT count(*) FROM (SELECT 1 FROM annotations WHERE action = 'answer'
             GROUP BY item_id HAVING count(DISTINCT annotator) > {REDUNDANCY})"
    ));
    assert_eq!(crowded, 0, "an item has more than {REDUNDANCY} annotators in the log");
}

#[test]
fn kill_nine_loses_no_acknowledged_answer() {
    let answers_each = env_number("QUORUM_STRESS_ANSWERS", 250);
    let n_items = env_number("QUORUM_STRESS_ITEMS", 800);
    let kill_ms = env_number("QUORUM_STRESS_KILL_MS", 80);
    let deadline = Duration::from_secs(env_number("QUORUM_STRESS_DEADLINE_S", 120));
    assert!(
        answers_each * PROCESSES as u64 <= n_items * u64::from(REDUNDANCY),
        "QUORUM_STRESS_ITEMS too small for the answers asked"
    );
    let (_temp, dir) = make_project(n_items);

    let run = run_with_kills(&dir, answers_each, kill_ms, deadline);
    check_store(&dir, &run.acks);

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let total = store.counts().unwrap().n_annotations;
    let mut per_annotator: HashMap<&str, u64> = HashMap::new();
    for ack in &run.acks {
        *per_annotator.entry(ack.annotator.as_str()).or_default() += 1;
    }
    assert_eq!(total, answers_each * PROCESSES as u64, "every simulator finished its answers");
    for (annotator, n) in &per_annotator {
        assert!(*n <= answers_each, "{annotator} acknowledged {n} answers, more than {answers_each}");
    }
    assert!(run.acks.len() as u64 <= total);
    assert!(run.kills >= 10, "only {} kills; the run ended too early to test crashes", run.kills);
    eprintln!(
        "stress: {total} answers by {PROCESSES} processes in {:.2} s = {:.0} answers/s; \
         {} kills survived; {} ACKs checked; largest WAL file seen {:.1} MB",
        run.elapsed.as_secs_f64(),
        total as f64 / run.elapsed.as_secs_f64(),
        run.kills,
        run.acks.len(),
        run.max_wal_bytes as f64 / 1e6
    );
}
