//! Helpers shared by the screen tests: drawing into ratatui's `TestBackend`, taking
//! turns on the process-wide language and theme, and making projects. The submodules
//! run the real binary (`binary`) and drive it in a terminal (`tmux`).

// Each test binary that declares `mod common;` uses only some of these helpers.
#![allow(dead_code)]

pub mod binary;
pub mod tmux;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quorum::core::assignment::Order;
use quorum::i18n::{Lang, set_lang};
use quorum::import::{ImportError, ImportOptions, ImportedItem, ItemReader};
use quorum::ml::{ClassScores, EvalReport};
use quorum::project::Project;
use quorum::tui::theme::{Theme, set_theme};
use quorum::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tempfile::TempDir;

/// The language and the theme are process-wide, so tests that draw take turns.
static SCREEN: Mutex<()> = Mutex::new(());

/// Takes the screen for one test, in `lang` and the colour theme.
pub fn lock_lang(lang: Lang) -> MutexGuard<'static, ()> {
    lock_screen(lang, Theme::Colour)
}

pub fn lock_screen(lang: Lang, theme: Theme) -> MutexGuard<'static, ()> {
    let guard = SCREEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    set_lang(lang);
    set_theme(theme);
    guard
}

/// Draws the app at `width` x `height` and returns the buffer with its styles.
pub fn draw_buffer(app: &mut App, width: u16, height: u16) -> Buffer {
    update(app, Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view(app, frame)).unwrap();
    terminal.backend().buffer().clone()
}

/// Draws the app at `width` x `height` and returns the screen as text.
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    update(app, Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view(app, frame)).unwrap();
    let text = terminal.backend().to_string();
    assert!(!text.contains('\u{1b}'), "raw escape byte reached the screen:\n{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "control character on screen:\n{text}");
    text
}

/// Opens the annotation screen for `annotator` at 80x24, past the instructions.
pub fn open_app(project: &Project, annotator: &str) -> App {
    let mut app = App::new(project, annotator, 80, 24).unwrap();
    update(&mut app, Action::Dismiss);
    app
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Creates a project from `sample_tasks/SAMPLE` (its spec only) or the default spec,
/// with `spec_edit` applied to the `quorum.toml` text, and imports `items` (a CSV under
/// tests/fixtures) when given.
pub fn project_with(
    sample: Option<&str>,
    spec_edit: impl Fn(String) -> String,
    items: Option<&str>,
) -> (TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let sample = sample.map(|name| Path::new("sample_tasks").join(name));
    Project::init(&root, sample.as_deref()).unwrap();
    let toml_path = root.join("quorum.toml");
    let text = std::fs::read_to_string(&toml_path).unwrap();
    std::fs::write(&toml_path, spec_edit(text)).unwrap();
    let project = Project::open(&root).unwrap();
    if let Some(items) = items {
        import_items(&project, items, item_reader(&project, &Path::new("tests/fixtures").join(items)));
    }
    (dir, project)
}

/// Creates a project from `sample_tasks/NAME` in a new temporary directory without
/// importing anything, and returns the items file that the sample task ships.
pub fn init_sample_project(name: &str) -> (TempDir, Project, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let (project, items) = Project::init(&root, Some(&Path::new("sample_tasks").join(name))).unwrap();
    let items = items.expect("sample tasks ship an items file");
    (dir, project, items)
}

/// Opens the item file `path` with the project's field mapping and the default options.
pub fn item_reader(project: &Project, path: &Path) -> ItemReader {
    ItemReader::open(path, &project.spec.fields, &ImportOptions::default()).unwrap()
}

/// Inserts `items` into the project's store in one import named `source`, in
/// sequential order, and fails the test on the first item that cannot be read.
pub fn import_items(project: &Project, source: &str, items: impl Iterator<Item = Result<ImportedItem, ImportError>>) {
    let mut store = project.store().unwrap();
    let mut inserter = store.begin_import(source, Order::Sequential).unwrap();
    for item in items {
        let item = item.unwrap();
        inserter.insert(&item.key, &item.fields, item.image.as_deref(), item.gold.as_deref(), item.line).unwrap();
    }
    inserter.commit().unwrap();
}

/// Builds a 5-fold report over three labels, `computers`, `food` and `third`, with fixed
/// scores and confusion counts and the given calibration figures.
pub fn eval_report(third: &str, log_loss: f64, ece: f64) -> EvalReport {
    let labels: Vec<String> = ["computers", "food", third].iter().map(|s| s.to_string()).collect();
    let scores = |label: &str, precision, recall, f1, support| ClassScores {
        label: label.to_string(),
        precision,
        recall,
        f1,
        support,
    };
    EvalReport {
        folds: 5,
        n_examples: 60,
        labels,
        accuracy: 0.75,
        macro_f1: 0.7412,
        log_loss,
        ece,
        ece_bins: 10,
        per_class: vec![
            scores("computers", 0.8, 0.9, 0.847, 20),
            scores("food", 0.7, 0.7, 0.7, 20),
            scores(third, 0.75, 0.65, 0.696, 20),
        ],
        confusion: vec![vec![18, 1, 1], vec![3, 14, 3], vec![2, 5, 13]],
        soft: None,
    }
}
