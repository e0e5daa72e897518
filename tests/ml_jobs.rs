//! Background training and evaluation jobs: events, progress, cancellation and failures.

use quorum::core::task::ModelSettings;
use quorum::jobs::{self, JobEvent, JobHandle, JobKind};
use quorum::ml::{LabelledExample, TrainedModel};
use std::time::{Duration, Instant};

fn examples() -> Vec<LabelledExample> {
    let texts = [
        ("apple pear juice", "fruit"),
        ("ripe apple", "fruit"),
        ("pear and plum", "fruit"),
        ("plum juice", "fruit"),
        ("rust compiler error", "code"),
        ("compiler warning", "code"),
        ("cargo build error", "code"),
        ("rust cargo", "code"),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, (text, label))| LabelledExample {
            key: format!("k{i}"),
            text: text.to_string(),
            image: None,
            label: label.to_string(),
        })
        .collect()
}

fn settings() -> ModelSettings {
    ModelSettings { folds: 2, word_ngrams: (1, 1), max_iterations: 50, ..ModelSettings::default() }
}

/// Polls until the job reports its final event, failing after 60 s.
fn drain(handle: &mut JobHandle) -> Vec<JobEvent> {
    let started = Instant::now();
    let mut events = Vec::new();
    while !handle.is_finished() {
        assert!(started.elapsed() < Duration::from_secs(60), "job did not finish; events so far {events:?}");
        events.extend(handle.poll());
        std::thread::sleep(Duration::from_millis(5));
    }
    events.extend(handle.poll());
    events
}

fn fractions(events: &[JobEvent]) -> Vec<f64> {
    events
        .iter()
        .filter_map(|e| match e {
            JobEvent::Progress { fraction, .. } => Some(*fraction),
            _ => None,
        })
        .collect()
}

#[test]
fn train_job_saves_model() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.json");
    let mut handle = jobs::spawn(JobKind::Train, Box::new(|| Ok(examples())), settings(), path.clone());
    assert_eq!(handle.kind(), JobKind::Train);

    let events = drain(&mut handle);

    let progress = fractions(&events);
    assert!(!progress.is_empty(), "{events:?}");
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "progress went back: {progress:?}");
    let Some(JobEvent::Trained(summary)) = events.last() else {
        panic!("last event is not Trained: {events:?}");
    };
    assert_eq!(summary.n_examples, 8);
    let saved = TrainedModel::load(&path).expect("model file written");
    assert_eq!(saved.summary(), summary);
}

#[test]
fn evaluate_job_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut handle = jobs::spawn(JobKind::Evaluate, Box::new(|| Ok(examples())), settings(), dir.path().join("m.json"));

    let events = drain(&mut handle);

    let progress = fractions(&events);
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "progress went back: {progress:?}");
    let Some(JobEvent::Evaluated(report)) = events.last() else {
        panic!("last event is not Evaluated: {events:?}");
    };
    assert_eq!(report.folds, 2);
    assert_eq!(report.n_examples, 8);
    assert!(!dir.path().join("m.json").exists(), "evaluation must not write a model");
}

#[test]
fn cancel_before_training_ends_job() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (release, gate) = std::sync::mpsc::channel::<()>();
    // The loader waits until the test has cancelled, so the cancel lands before training.
    let load = Box::new(move || {
        gate.recv().ok();
        Ok(examples())
    });
    let mut handle = jobs::spawn(JobKind::Train, load, settings(), dir.path().join("m.json"));
    handle.cancel();
    release.send(()).expect("job thread waiting");

    let events = drain(&mut handle);

    assert_eq!(events.last(), Some(&JobEvent::Cancelled), "{events:?}");
    assert!(!dir.path().join("m.json").exists());
}

#[test]
fn load_error_fails_job() {
    let dir = tempfile::tempdir().expect("temp dir");
    let load = Box::new(|| Err(anyhow::anyhow!("store is locked")));
    let mut handle = jobs::spawn(JobKind::Train, load, settings(), dir.path().join("m.json"));

    let events = drain(&mut handle);

    let Some(JobEvent::Failed(message)) = events.last() else {
        panic!("last event is not Failed: {events:?}");
    };
    assert!(message.contains("store is locked"), "{message}");
}

#[test]
fn single_class_fails_job() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one_class: Vec<_> = examples().into_iter().filter(|e| e.label == "code").collect();
    let mut handle =
        jobs::spawn(JobKind::Evaluate, Box::new(move || Ok(one_class)), settings(), dir.path().join("m.json"));

    let events = drain(&mut handle);

    let Some(JobEvent::Failed(message)) = events.last() else {
        panic!("last event is not Failed: {events:?}");
    };
    assert!(message.contains("at least 2 classes"), "{message}");
}

#[test]
fn panicking_loader_reported_as_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let load = Box::new(|| -> anyhow::Result<Vec<LabelledExample>> { panic!("loader bug") });
    let mut handle = jobs::spawn(JobKind::Train, load, settings(), dir.path().join("m.json"));

    let events = drain(&mut handle);

    assert!(matches!(events.last(), Some(JobEvent::Failed(_))), "{events:?}");
}
