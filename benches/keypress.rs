//! Keypress-to-next-item time in process: one label key through `update` (which commits
//! the answer with `synchronous=FULL` and leases the next item) and a full `view` into a
//! ratatui `TestBackend` at 120x40.
//!
//! The project holds `QUORUM_BENCH_ITEMS` generated items (default 1,000,000), so the
//! figure includes assignment on a large store. Run with `cargo bench --bench keypress`.

use criterion::{Criterion, criterion_group, criterion_main};
use quorum::core::assignment::Order;
use quorum::project::Project;
use quorum::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn project_with_items(n: usize) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (project, _) = Project::init(&dir.path().join("project"), None).expect("project created");
    let mut store = project.store().expect("store opens");
    let mut import = store.begin_import("generated.csv", Order::Sequential).expect("import starts");
    for i in 0..n {
        let key = format!("item-{i}");
        let fields = vec![("id".to_string(), key.clone()), ("text".to_string(), format!("generated text number {i}"))];
        import.insert(&key, &fields, None, None, i as u64 + 2).expect("item inserted");
    }
    import.commit().expect("import committed");
    (dir, project)
}

fn keypress(c: &mut Criterion) {
    let n: usize = std::env::var("QUORUM_BENCH_ITEMS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let (_dir, project) = project_with_items(n);
    let mut app = App::new(&project, "bench", 120, 40).expect("app opens");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    update(&mut app, Action::Dismiss);

    let mut group = c.benchmark_group("keypress");
    group.sample_size(50).measurement_time(Duration::from_secs(10));
    group.bench_function(format!("answer_and_draw_{n}_items"), |b| {
        b.iter_custom(|iterations| {
            let start = Instant::now();
            for _ in 0..iterations {
                update(&mut app, Action::Answer(0));
                terminal.draw(|frame| view(&app, frame)).expect("draw");
            }
            start.elapsed()
        })
    });
    group.finish();
}

criterion_group!(benches, keypress);
criterion_main!(benches);
