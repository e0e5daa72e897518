//! Jobs as real processes: the `quorum` binary starts detached workers that report
//! through a real store file, and the tests read that store.

mod common;

use common::binary::init_in;
use common::tmux::Tmux;
use quorum::store::{JobRecord, JobState, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Upper bound for a job to reach a state. Generous because the machine may be busy;
/// a test fails only when the state never comes.
const JOB_WAIT: Duration = Duration::from_secs(180);

fn quorum(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["--project", dir.to_str().unwrap(), "--lang", "en"])
        .args(args)
        .env("QUORUM_USER", "tester")
        .output()
        .unwrap()
}

fn quorum_ok(dir: &Path, args: &[&str]) -> String {
    let out = quorum(dir, args);
    assert!(out.status.success(), "quorum {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Creates a project with 31 short fortune texts of 9 topics, from tests/fixtures/jobs.
fn small_project() -> (tempfile::TempDir, PathBuf) {
    init_from(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jobs"))
}

/// Creates a project from the full fortune-topics sample, on which an evaluation takes long enough to be
/// cancelled or killed while it runs.
fn large_project() -> (tempfile::TempDir, PathBuf) {
    init_from(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_tasks/fortune-topics"))
}

fn init_from(sample: &Path) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = init_in(temp.path(), "proj", sample);
    (temp, dir)
}

/// Starts `args` with `--detach --json` and returns the job id it prints.
fn detach(dir: &Path, args: &[&str]) -> i64 {
    let mut all = args.to_vec();
    all.extend(["--detach", "--json"]);
    let printed: serde_json::Value = serde_json::from_str(&quorum_ok(dir, &all)).unwrap();
    printed["job_id"].as_i64().expect("--detach --json prints the job id")
}

fn job(dir: &Path, id: i64) -> JobRecord {
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    store.job(id).unwrap().expect("the job row exists")
}

/// Polls the store until job `id` satisfies `done`, failing after [`JOB_WAIT`].
fn wait_for_job(dir: &Path, id: i64, what: &str, done: impl Fn(&JobRecord) -> bool) -> JobRecord {
    let deadline = Instant::now() + JOB_WAIT;
    loop {
        let record = job(dir, id);
        if done(&record) {
            return record;
        }
        assert!(Instant::now() < deadline, "job {id} never became {what}: {record:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn listed_jobs(dir: &Path) -> Vec<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(&quorum_ok(dir, &["jobs", "--json"])).unwrap();
    value.as_array().expect("a JSON array of jobs").clone()
}

#[test]
fn detached_train_registers_run() {
    let (_temp, dir) = small_project();
    let id = detach(&dir, &["train"]);
    let finished = wait_for_job(&dir, id, "finished", |job| job.state.is_final());
    assert_eq!(finished.state, JobState::Done, "{finished:?}");
    assert_eq!(finished.created_by, "tester");
    assert_eq!(finished.progress, 1.0);

    let result = finished.result.expect("a done job has a result");
    let run_id = result["run_id"].as_i64().unwrap();
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let run = store.active_run().unwrap().expect("the new run is active");
    assert_eq!(run.id, run_id);
    assert_eq!(run.job_id, Some(id));
    assert_eq!(run.label_source, "gold");
    assert_eq!(run.n_examples, 31);
    assert_eq!(run.data_hash.len(), 64);
    assert!(dir.join(&run.model_path).is_file(), "model at {}", run.model_path);

    let log: Vec<String> = store.job_log(id, 100).unwrap().into_iter().map(|l| l.line).collect();
    assert!(log.iter().any(|l| l.contains("registered run")), "{log:?}");
    let log_file = std::fs::read_to_string(dir.join(format!(".quorum/jobs/{id}.log"))).unwrap();
    assert!(log_file.contains("registered run"), "{log_file}");

    let listed = listed_jobs(&dir);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["kind"], "train");
    assert_eq!(listed[0]["state"], "done");
}

#[test]
fn train_with_eval_writes_metrics_files() {
    let (_temp, dir) = small_project();
    let printed: serde_json::Value =
        serde_json::from_str(&quorum_ok(&dir, &["train", "--with-eval", "--json"])).unwrap();
    let run_id = printed["run_id"].as_i64().unwrap();
    assert!(printed["metrics"]["macro_f1"].is_number(), "{printed}");

    let run_dir = dir.join(format!(".quorum/runs/{run_id}"));
    let metrics: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run_dir.join("metrics.json")).unwrap()).unwrap();
    assert_eq!(metrics["n_examples"], 31);
    let per_class = std::fs::read_to_string(run_dir.join("per_class.csv")).unwrap();
    assert!(per_class.starts_with("label,precision,recall,f1,support\n"), "{per_class}");
    assert_eq!(per_class.lines().count(), 1 + 9, "a row per topic:\n{per_class}");
    let confusion = std::fs::read_to_string(run_dir.join("confusion.csv")).unwrap();
    assert_eq!(confusion.lines().count(), 1 + 9, "{confusion}");

    let models: serde_json::Value = serde_json::from_str(&quorum_ok(&dir, &["models", "--json"])).unwrap();
    assert_eq!(models["runs"][0]["id"], run_id);
    assert_eq!(models["runs"][0]["active"], true);
    assert!(models["runs"][0]["metrics"]["accuracy"].is_number());

    // The foreground command is recorded as a job too.
    let listed = listed_jobs(&dir);
    assert_eq!(listed[0]["state"], "done");
}

#[test]
fn eval_fills_metrics_of_earlier_run() {
    let (_temp, dir) = small_project();
    let trained: serde_json::Value = serde_json::from_str(&quorum_ok(&dir, &["train", "--json"])).unwrap();
    assert!(trained["metrics"].is_null(), "no evaluation yet: {trained}");
    quorum_ok(&dir, &["eval", "--json"]);

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let run = store.run(trained["run_id"].as_i64().unwrap()).unwrap().unwrap();
    let metrics = run.metrics.expect("the evaluation of the same snapshot filled the metrics");
    assert!(metrics["macro_f1"].is_number(), "{metrics}");
    assert!(dir.join(format!(".quorum/runs/{}/per_class.csv", run.id)).is_file());
}

#[test]
fn pinned_run_stays_active() {
    let (_temp, dir) = small_project();
    quorum_ok(&dir, &["train"]);
    quorum_ok(&dir, &["models", "activate", "1"]);
    let second = quorum_ok(&dir, &["train"]);
    assert!(second.contains("not activated"), "{second}");
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.active_run().unwrap().unwrap().id, 1);
    assert_eq!(store.runs().unwrap().len(), 2);

    let missing = quorum(&dir, &["models", "activate", "99"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("No run has id 99"));
}

#[test]
fn predict_stores_and_writes_csv() {
    let (temp, dir) = small_project();
    let none = quorum(&dir, &["predict"]);
    assert!(!none.status.success(), "no model yet");
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("quorum train"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );

    quorum_ok(&dir, &["train"]);
    let out = temp.path().join("predictions.csv");
    let printed: serde_json::Value =
        serde_json::from_str(&quorum_ok(&dir, &["predict", "--out", out.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(printed["n_items"], 31, "no item has answers, so every item is scored");

    let csv = std::fs::read_to_string(&out).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("item,label,confidence,margin,entropy"));
    assert_eq!(lines.count(), 31);

    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let run = store.active_run().unwrap().unwrap();
    let stored = store.predictions_of_run(run.id).unwrap();
    assert_eq!(stored.len(), 31);
    assert!(stored.iter().all(|p| p.confidence > 0.0 && p.confidence <= 1.0));
}

#[test]
fn detached_import_adds_items() {
    let (_temp, dir) = small_project();
    let extra = dir.join("extra.csv");
    std::fs::write(&extra, "id,text,gold,source\nnew-1,A brand new fortune,,test\nnew-2,Another one,,test\n").unwrap();
    let printed = quorum_ok(&dir, &["import", extra.to_str().unwrap(), "--detach"]);
    let id: i64 = printed
        .strip_prefix("Started job ")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no job id in {printed:?}"));
    let finished = wait_for_job(&dir, id, "finished", |job| job.state.is_final());
    assert_eq!(finished.state, JobState::Done, "{finished:?}");
    assert_eq!(finished.result.unwrap()["n_items"], 2);
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.counts().unwrap().n_items, 33);
}

#[test]
fn cancel_stops_running_job() {
    let (_temp, dir) = large_project();
    let id = detach(&dir, &["eval"]);
    wait_for_job(&dir, id, "running", |job| job.state == JobState::Running);

    let printed = quorum_ok(&dir, &["jobs", "cancel", &id.to_string()]);
    assert!(printed.contains(&format!("Asked job {id} to stop")), "{printed}");
    let ended = wait_for_job(&dir, id, "finished", |job| job.state.is_final());
    assert_eq!(ended.state, JobState::Cancelled, "{ended:?}");

    let again = quorum(&dir, &["jobs", "cancel", &id.to_string()]);
    assert!(!again.status.success(), "an ended job cannot be cancelled");
    let log = quorum_ok(&dir, &["jobs", "log", &id.to_string()]);
    assert!(log.contains("cancelled"), "{log}");
}

#[test]
fn ctrl_c_cancels_foreground_job() {
    let (_temp, dir) = large_project();
    let child = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(["--project", dir.to_str().unwrap(), "--lang", "en", "eval"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The foreground command creates the job row itself, so the row may not exist yet.
    let deadline = Instant::now() + JOB_WAIT;
    loop {
        let store = Store::open(&dir.join("quorum.db")).unwrap();
        if store.job(1).unwrap().is_some_and(|job| job.state == JobState::Running) {
            break;
        }
        assert!(Instant::now() < deadline, "the foreground job never started");
        std::thread::sleep(Duration::from_millis(50));
    }

    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    // 130 = 128 + SIGINT, what a shell reports for a command ended by Ctrl-C.
    assert_eq!(output.status.code(), Some(130), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Job 1 was cancelled"), "{stderr}");
    assert!(!stderr.contains("error"), "a cancellation is a notice, not an error: {stderr}");
    assert_eq!(job(&dir, 1).state, JobState::Cancelled);
}

#[test]
fn killed_worker_listed_as_failed() {
    let (_temp, dir) = large_project();
    let id = detach(&dir, &["eval"]);
    let running = wait_for_job(&dir, id, "running", |job| job.state == JobState::Running);
    let pid = running.pid.expect("a running job has a pid");
    let status = Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -9 {pid}");

    // The listing notices the dead process; the exit may take a moment to show.
    let deadline = Instant::now() + JOB_WAIT;
    loop {
        let listed = listed_jobs(&dir);
        if listed[0]["state"] == "failed" {
            let error = listed[0]["error"].as_str().unwrap();
            assert!(error.contains("ended without reporting"), "{error}");
            break;
        }
        assert!(Instant::now() < deadline, "job {id} was never marked failed: {}", listed[0]);
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(job(&dir, id).state, JobState::Failed, "the failure is stored, not only shown");
}

#[test]
fn unknown_job_is_reported() {
    let (_temp, dir) = small_project();
    for args in [["jobs", "log", "7"], ["jobs", "show", "7"], ["jobs", "cancel", "7"]] {
        let out = quorum(&dir, &args);
        assert!(!out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("No job has id 7"), "{args:?}");
    }
}

/// How long the TUI may take to show a screen. Detached workers share the machine with
/// it, so this is longer than `common::tmux::WAIT`.
const SCREEN_WAIT: Duration = Duration::from_secs(30);

#[test]
fn job_started_in_tui_survives_kill_9() {
    let (_temp, dir) = small_project();
    // `exec` makes the pane's process the TUI itself, so its pid is the one to kill.
    let command = format!(
        "exec env QUORUM_LANG=en {} --project {} annotate --as tester",
        env!("CARGO_BIN_EXE_quorum"),
        dir.display()
    );
    let tmux = Tmux::start("jobs", &command, 120, 40);
    tmux.wait_for_screen("fortune", SCREEN_WAIT, |screen| screen.contains("fortune"));
    tmux.send("Enter");
    tmux.send("t");
    tmux.wait_for_screen("Train a model", SCREEN_WAIT, |screen| screen.contains("Train a model"));
    tmux.send("Enter");
    tmux.wait_for_screen("Started job #1", SCREEN_WAIT, |screen| screen.contains("Started job #1"));

    let tui = tmux.pane_pid();
    let at_kill = job(&dir, 1).state;
    let status = Command::new("kill").args(["-9", &tui.to_string()]).status().unwrap();
    assert!(status.success(), "kill -9 {tui}");

    let finished = wait_for_job(&dir, 1, "finished", |job| job.state.is_final());
    assert_eq!(finished.state, JobState::Done, "state when the TUI was killed: {at_kill:?}; now {finished:?}");
    assert_ne!(finished.pid, Some(tui), "the job ran in its own process");
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let run = store.active_run().unwrap().expect("the job registered a run");
    assert_eq!(run.job_id, Some(1));
    assert!(dir.join(&run.model_path).is_file());
}

/// Creates the small project with `order = "uncertainty"` and `retrain_every = every`.
fn uncertainty_project(every: u32) -> (tempfile::TempDir, PathBuf) {
    let (temp, dir) = small_project();
    let spec_path = dir.join("quorum.toml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let spec = spec.replace("order = \"random\"", &format!("order = \"uncertainty\"\nretrain_every = {every}"));
    std::fs::write(&spec_path, spec).unwrap();
    (temp, dir)
}

/// Item keys with their priority, read from the store file.
fn priorities(dir: &Path) -> Vec<(String, Option<f64>)> {
    let conn = rusqlite::Connection::open(dir.join("quorum.db")).unwrap();
    let mut stmt = conn.prepare("SELECT key, priority FROM items ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

fn answered_items(dir: &Path) -> u64 {
    let conn = rusqlite::Connection::open(dir.join("quorum.db")).unwrap();
    conn.query_row("SELECT count(*) FROM items WHERE n_answers > 0", [], |r| r.get::<_, u32>(0)).map(u64::from).unwrap()
}

fn jobs_of_kind(dir: &Path, kind: &str) -> Vec<JobRecord> {
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    store.jobs(100).unwrap().into_iter().filter(|job| job.kind == kind).collect()
}

#[test]
fn retrain_job_reorders_queue() {
    use quorum::project::Project;
    use quorum::tui::{Action, App, update};

    let (_temp, dir) = uncertainty_project(12);
    // Ten answers from a simulated annotator who always gives the gold label.
    quorum_ok(&dir, &["simulate", "--as", "bob", "--accuracy", "1", "--count", "10"]);
    assert!(priorities(&dir).iter().all(|(_, p)| p.is_none()), "no priorities before any model");

    let project = Project::open(&dir).unwrap();
    let mut app = App::new(&project, "alice", 80, 24).unwrap();
    app.set_job_worker(PathBuf::from(env!("CARGO_BIN_EXE_quorum")));
    update(&mut app, Action::Dismiss);

    // The eleventh answer is one short of the twelve.
    update(&mut app, Action::Answer(0));
    assert!(jobs_of_kind(&dir, "retrain").is_empty(), "11 answers, 12 needed");

    // A retrain job that is still running (this test's own pid is alive) holds back a second one.
    let mut store = Store::open(&dir.join("quorum.db")).unwrap();
    let running =
        store.create_job("retrain", &serde_json::json!({"kind": "retrain", "labels_from": "auto"}), "x").unwrap();
    store.start_job(running, std::process::id()).unwrap();
    update(&mut app, Action::Answer(1));
    assert_eq!(jobs_of_kind(&dir, "retrain").len(), 1, "no second job while one runs");

    // Once it has ended, the next answer starts a real one.
    store.finish_job(running, &serde_json::json!({})).unwrap();
    update(&mut app, Action::Answer(2));
    let started = jobs_of_kind(&dir, "retrain");
    assert_eq!(started.len(), 2, "{started:?}");
    let id = started[0].id;
    assert_ne!(id, running);
    let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
    assert!(notice.contains(&format!("job #{id}")), "{notice}");

    let done = wait_for_job(&dir, id, "finished", |job| job.state.is_final());
    assert_eq!(done.state, JobState::Done, "{done:?}");
    let result = done.result.expect("a result");
    assert_eq!(result["uncertainty"], "margin");
    let answered = answered_items(&dir);
    assert_eq!(result["n_examples"], answered, "one example per answered item");
    assert_eq!(result["n_items"], 31 - answered, "every unanswered item is scored");
    assert_eq!(result["ranked"], 31 - answered);

    // The unanswered items now carry the margin priority of the new run.
    let run_id = result["run_id"].as_i64().unwrap();
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.active_run_id().unwrap(), Some(run_id));
    let ranked: Vec<(String, f64)> = priorities(&dir).into_iter().filter_map(|(key, p)| p.map(|p| (key, p))).collect();
    assert_eq!(ranked.len() as u64, 31 - answered);

    // A new annotator is handed the most uncertain item. Each item takes two answers, so
    // the item alice holds is still open to carol.
    let top = ranked.iter().map(|(_, p)| *p).fold(f64::NEG_INFINITY, f64::max);
    let carol = App::new(&project, "carol", 80, 24).unwrap();
    let next = carol.current_item_key().expect("carol gets an item").to_string();
    let next_priority = ranked.iter().find(|(key, _)| *key == next).map(|(_, p)| *p);
    let held = app.current_item_key();
    assert_eq!(next_priority, Some(top), "carol got {next}, alice holds {held:?}; priorities {ranked:?}");
}

#[test]
fn predict_apply_order_sets_priorities() {
    let (_temp, dir) = uncertainty_project(50);
    quorum_ok(&dir, &["simulate", "--as", "bob", "--accuracy", "1", "--count", "12"]);
    quorum_ok(&dir, &["train", "--labels-from", "majority"]);
    let out = quorum_ok(&dir, &["predict", "--apply-order"]);
    assert!(out.contains("Set the priority of 19 items by margin"), "{out}");
    let ranked = priorities(&dir).into_iter().filter(|(_, p)| p.is_some()).count();
    assert_eq!(ranked, 19);
}

#[test]
fn labels_from_an_aggregation_method_is_recorded() {
    let (_temp, dir) = small_project();
    quorum_ok(&dir, &["simulate", "--as", "bob", "--accuracy", "0.9", "--count", "20"]);
    quorum_ok(&dir, &["simulate", "--as", "dora", "--accuracy", "0.9", "--count", "20", "--seed", "2"]);
    let printed: serde_json::Value =
        serde_json::from_str(&quorum_ok(&dir, &["train", "--labels-from", "dawid-skene", "--json"])).unwrap();
    assert_eq!(printed["labels_from"], "dawid-skene");
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    assert_eq!(store.active_run().unwrap().unwrap().label_source, "dawid-skene");

    let out = quorum(&dir, &["train", "--labels-from", "nonsense"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("dawid-skene"), "the error lists the methods");
}

#[test]
fn soft_label_training_runs_as_a_detached_job() {
    let (_temp, dir) = small_project();
    quorum_ok(&dir, &["simulate", "--as", "bob", "--accuracy", "0.9", "--count", "20"]);
    quorum_ok(&dir, &["simulate", "--as", "dora", "--accuracy", "0.9", "--count", "20", "--seed", "2"]);
    let id = detach(&dir, &["train", "--soft-labels"]);
    let done = wait_for_job(&dir, id, "finished", |job| job.state.is_final());
    assert_eq!(done.state, JobState::Done, "{done:?}");
    assert_eq!(done.result.unwrap()["labels_from"], "dawid-skene (soft)");
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let run = store.active_run().unwrap().unwrap();
    assert_eq!(run.label_source, "dawid-skene (soft)");
    assert!(dir.join(&run.model_path).is_file());
}

#[test]
fn soft_label_evaluation_reports_soft_scores() {
    let (_temp, dir) = small_project();
    quorum_ok(&dir, &["simulate", "--as", "bob", "--accuracy", "0.9", "--count", "20"]);
    quorum_ok(&dir, &["simulate", "--as", "dora", "--accuracy", "0.6", "--count", "20", "--seed", "2"]);

    let printed: serde_json::Value =
        serde_json::from_str(&quorum_ok(&dir, &["train", "--soft-labels", "--with-eval", "--json"])).unwrap();
    let run_id = printed["run_id"].as_i64().unwrap();
    let soft_log_loss = printed["metrics"]["soft_log_loss"].as_f64().expect("soft log loss in the run metrics");
    assert!(soft_log_loss > 0.0, "{printed}");
    let expected_accuracy = printed["metrics"]["soft_expected_accuracy"].as_f64().expect("expected accuracy");
    assert!((0.0..=1.0).contains(&expected_accuracy), "{printed}");
    let metrics_file = dir.join(format!(".quorum/runs/{run_id}/metrics.json"));
    let metrics: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(metrics_file).unwrap()).unwrap();
    assert_eq!(metrics["soft"]["log_loss"].as_f64(), Some(soft_log_loss));
    assert_eq!(metrics["soft"]["expected_accuracy"].as_f64(), Some(expected_accuracy));

    let evaluated: serde_json::Value =
        serde_json::from_str(&quorum_ok(&dir, &["eval", "--soft-labels", "--folds", "3", "--json"])).unwrap();
    assert!(evaluated["soft"]["log_loss"].is_number(), "{evaluated}");
    assert!(evaluated["soft"]["expected_accuracy"].is_number(), "{evaluated}");
    let text = quorum_ok(&dir, &["eval", "--soft-labels", "--folds", "3"]);
    assert!(text.contains("soft log loss"), "{text}");
    assert!(text.contains("expected accuracy"), "{text}");

    let hard: serde_json::Value = serde_json::from_str(&quorum_ok(&dir, &["eval", "--folds", "3", "--json"])).unwrap();
    assert!(hard.get("soft").is_none(), "a hard-label evaluation has no soft scores: {hard}");
    assert!(!quorum_ok(&dir, &["eval", "--folds", "3"]).contains("soft log loss"));
}

/// A reader of TensorBoard event files written from the format description alone, to
/// check the files that runs write without sharing code with the writer.
mod event_file {
    /// One decoded `Event`: wall time, step, file version and summary values.
    #[derive(Debug, Default)]
    pub struct Event {
        pub wall_time: f64,
        pub step: i64,
        pub file_version: Option<String>,
        pub values: Vec<(String, f32)>,
    }

    /// CRC-32C bit by bit (reflected polynomial 0x82F63B78), then TFRecord's mask,
    /// spelled with shifts as the format describes it rather than as the writer does.
    #[allow(clippy::manual_rotate)]
    fn masked_crc(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                let low_bit = crc & 1;
                crc >>= 1;
                if low_bit == 1 {
                    crc ^= 0x82F6_3B78;
                }
            }
        }
        let crc = crc ^ 0xFFFF_FFFF;
        ((crc >> 15) | (crc << 17)).wrapping_add(0xA282_EAD8)
    }

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    /// Splits the file into record payloads, checking both CRCs of every record.
    pub fn records(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut payloads = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            assert!(bytes.len() - at >= 12, "truncated record header at byte {at}");
            let length_bytes = &bytes[at..at + 8];
            assert_eq!(u32_at(bytes, at + 8), masked_crc(length_bytes), "length CRC at byte {at}");
            let length = u64::from_le_bytes(length_bytes.try_into().unwrap()) as usize;
            let start = at + 12;
            assert!(bytes.len() >= start + length + 4, "truncated record at byte {at}");
            let payload = &bytes[start..start + length];
            assert_eq!(u32_at(bytes, start + length), masked_crc(payload), "payload CRC at byte {at}");
            payloads.push(payload.to_vec());
            at = start + length + 4;
        }
        payloads
    }

    fn varint(bytes: &[u8], at: &mut usize) -> u64 {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let byte = bytes[*at];
            *at += 1;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
            shift += 7;
        }
    }

    /// Splits a protobuf message into (field number, wire type, raw value) triples.
    fn fields(bytes: &[u8]) -> Vec<(u64, u64, Vec<u8>)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let key = varint(bytes, &mut at);
            let (field, wire_type) = (key >> 3, key & 7);
            let raw = match wire_type {
                0 => varint(bytes, &mut at).to_le_bytes().to_vec(),
                1 => {
                    at += 8;
                    bytes[at - 8..at].to_vec()
                }
                2 => {
                    let length = varint(bytes, &mut at) as usize;
                    at += length;
                    bytes[at - length..at].to_vec()
                }
                5 => {
                    at += 4;
                    bytes[at - 4..at].to_vec()
                }
                other => panic!("unexpected wire type {other} for field {field}"),
            };
            out.push((field, wire_type, raw));
        }
        out
    }

    pub fn event(payload: &[u8]) -> Event {
        let mut event = Event::default();
        for (field, wire_type, raw) in fields(payload) {
            match (field, wire_type) {
                (1, 1) => event.wall_time = f64::from_le_bytes(raw.try_into().unwrap()),
                (2, 0) => event.step = u64::from_le_bytes(raw.try_into().unwrap()) as i64,
                (3, 2) => event.file_version = Some(String::from_utf8(raw).unwrap()),
                (5, 2) => {
                    for (summary_field, _, value) in fields(&raw) {
                        assert_eq!(summary_field, 1, "Summary has only `value` entries");
                        let mut tag = String::new();
                        let mut simple_value = f32::NAN;
                        for (value_field, value_type, part) in fields(&value) {
                            match (value_field, value_type) {
                                (1, 2) => tag = String::from_utf8(part).unwrap(),
                                (2, 5) => simple_value = f32::from_le_bytes(part.try_into().unwrap()),
                                other => panic!("unexpected Summary.Value field {other:?}"),
                            }
                        }
                        event.values.push((tag, simple_value));
                    }
                }
                other => panic!("unexpected Event field {other:?}"),
            }
        }
        event
    }
}

#[test]
fn run_writes_tensorboard_event_file() {
    let (_temp, dir) = small_project();
    let trained: serde_json::Value = serde_json::from_str(&quorum_ok(&dir, &["train", "--json"])).unwrap();
    let run_id = trained["run_id"].as_i64().unwrap();
    let evaluated = detach(&dir, &["eval", "--folds", "3"]);
    let done = wait_for_job(&dir, evaluated, "finished", |job| job.state.is_final());
    assert_eq!(done.state, JobState::Done, "{done:?}");
    let result = done.result.unwrap();

    let run_dir = dir.join(format!(".quorum/runs/{run_id}"));
    let names: Vec<String> = std::fs::read_dir(&run_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tfevents"))
        .collect();
    assert_eq!(names.len(), 1, "one event file per run: {names:?}");
    assert!(names[0].starts_with("events.out.tfevents."), "{names:?}");
    assert!(names[0].ends_with(".quorum"), "{names:?}");
    let seconds: u64 = names[0]["events.out.tfevents.".len()..names[0].len() - ".quorum".len()].parse().unwrap();

    let bytes = std::fs::read(run_dir.join(&names[0])).unwrap();
    let events: Vec<event_file::Event> = event_file::records(&bytes).iter().map(|p| event_file::event(p)).collect();
    assert_eq!(events[0].file_version.as_deref(), Some("brain.Event:2"));
    assert!(events[0].values.is_empty());
    assert!(events.iter().all(|e| e.wall_time >= seconds as f64), "wall times after the file's creation");
    let scalar = |tag: &str| -> Vec<(i64, f32)> {
        events.iter().flat_map(|e| e.values.iter().filter(|(t, _)| t == tag).map(|(_, v)| (e.step, *v))).collect()
    };

    assert_eq!(scalar("train/accuracy"), [(31, trained["train_accuracy"].as_f64().unwrap() as f32)]);
    assert_eq!(scalar("eval/accuracy"), [(31, result["accuracy"].as_f64().unwrap() as f32)]);
    assert_eq!(scalar("eval/macro_f1"), [(31, result["macro_f1"].as_f64().unwrap() as f32)]);
    assert_eq!(scalar("eval/log_loss").len(), 1);
    assert_eq!(scalar("eval/ece").len(), 1);
    assert!(scalar("eval/soft_log_loss").is_empty(), "no soft scores without soft labels");
    let first_class = result["report"]["per_class"][0].clone();
    let tag = format!("eval_f1/{}", first_class["label"].as_str().unwrap());
    assert_eq!(scalar(&tag), [(31, first_class["f1"].as_f64().unwrap() as f32)]);

    let points = result["learning_curve"]["points"].as_array().expect("a curve").clone();
    let curve: Vec<(i64, f32)> =
        points.iter().map(|p| (p["n_labels"].as_i64().unwrap(), p["macro_f1"].as_f64().unwrap() as f32)).collect();
    assert_eq!(scalar("curve/macro_f1"), curve);
    assert_eq!(scalar("curve/accuracy").len(), points.len());
}

#[test]
fn evaluation_result_carries_a_learning_curve() {
    let (_temp, dir) = small_project();
    let id = detach(&dir, &["eval", "--folds", "3"]);
    let done = wait_for_job(&dir, id, "finished", |job| job.state.is_final());
    assert_eq!(done.state, JobState::Done, "{done:?}");
    let result = done.result.unwrap();
    let points = result["learning_curve"]["points"].as_array().expect("a curve").clone();
    assert!(points.len() >= 5, "{points:?}");
    let sizes: Vec<u64> = points.iter().map(|p| p["n_labels"].as_u64().unwrap()).collect();
    assert!(sizes.windows(2).all(|w| w[0] < w[1]), "growing sizes: {sizes:?}");
    assert!(*sizes.last().unwrap() <= 31);
}

#[test]
fn cancel_before_curve_ends_evaluation() {
    use quorum::jobs::execute::{Stopped, execute};
    use quorum::jobs::params::{JobParams, LabelChoice};
    use quorum::jobs::report::JobReporter;
    use quorum::project::Project;
    use std::sync::atomic::{AtomicBool, Ordering};

    let (_temp, dir) = small_project();
    let project = Project::open(&dir).unwrap();
    let params = JobParams::Evaluate { labels_from: LabelChoice::Auto, folds: Some(3), soft_labels: false };
    let mut store = project.store().unwrap();
    let id = store.create_job(params.kind(), &params.to_json(), "tester").unwrap();
    assert!(store.start_job(id, std::process::id()).unwrap());

    // The flag is set at the moment the curve stage begins, after every fold finished.
    let cancel = AtomicBool::new(false);
    let curve_stage = quorum::i18n::catalogue::jobs::JOB_STAGE_CURVE.text();
    let display = |_: f64, stage: &str| {
        if stage == curve_stage {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let reporter = JobReporter::new(store, id, Some(&display));
    let outcome = execute(&project, &params, &reporter, &cancel);
    assert!(cancel.load(Ordering::Relaxed), "the evaluation reached the curve stage");
    assert!(matches!(outcome, Err(Stopped::Cancelled)), "{outcome:?}");

    reporter.into_store().cancel_job_finished(id).unwrap();
    let ended = job(&dir, id);
    assert_eq!(ended.state, JobState::Cancelled, "{ended:?}");
    assert!(ended.result.is_none(), "a cancelled evaluation stores no curve: {:?}", ended.result);
}

#[test]
fn no_retrain_while_a_run_is_pinned() {
    use quorum::project::Project;
    use quorum::tui::{Action, App, update};

    let (_temp, dir) = uncertainty_project(1);
    quorum_ok(&dir, &["simulate", "--as", "bob", "--accuracy", "1", "--count", "8"]);
    quorum_ok(&dir, &["train"]);
    quorum_ok(&dir, &["models", "activate", "1"]);

    let project = Project::open(&dir).unwrap();
    let mut app = App::new(&project, "alice", 80, 24).unwrap();
    app.set_job_worker(PathBuf::from(env!("CARGO_BIN_EXE_quorum")));
    update(&mut app, Action::Dismiss);
    update(&mut app, Action::Answer(0));
    assert!(jobs_of_kind(&dir, "retrain").is_empty(), "the pinned run keeps its order");

    quorum_ok(&dir, &["models", "unpin"]);
    update(&mut app, Action::Answer(0));
    let started = jobs_of_kind(&dir, "retrain");
    assert_eq!(started.len(), 1, "{started:?}");
    let done = wait_for_job(&dir, started[0].id, "finished", |job| job.state.is_final());
    assert_eq!(done.state, JobState::Done, "{done:?}");
}

#[test]
fn eval_text_has_one_summary_line() {
    let (_temp, dir) = small_project();
    let printed = quorum_ok(&dir, &["eval", "--folds", "2"]);
    let summaries: Vec<&str> = printed.lines().filter(|line| line.contains("cross-validation on")).collect();
    assert_eq!(summaries.len(), 1, "{printed}");
    assert!(summaries[0].starts_with("Stratified 2-fold cross-validation on 31 examples (labels from"), "{printed}");
    assert!(summaries[0].contains("accuracy") && summaries[0].contains("macro-F1"), "{printed}");
}
