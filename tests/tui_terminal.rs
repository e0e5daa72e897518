//! Terminal craft on real projects: the monochrome theme, keys moved in `[keys]`, the
//! help overlay's scrolling, and the annotation screen over a matrix of widths and
//! languages with hostile text, checked for straight borders.

mod common;

use common::{draw, draw_buffer, key, lock_lang, lock_screen, project_with};
use crossterm::event::KeyCode;
use quorum::core::sanitize::display_width;
use quorum::i18n::Lang;
use quorum::tui::event::to_action;
use quorum::tui::theme::Theme;
use quorum::tui::{Action, App, Overlay, update};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn open_app(project: &quorum::project::Project) -> App {
    let mut app = App::new(project, "tester", 80, 24).unwrap();
    update(&mut app, Action::Dismiss);
    app
}

/// Presses `code` the way the event loop does: through the key map, then `update`.
fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = to_action(app, &key(code)) {
        update(app, action);
    }
}

/// Every cell whose foreground or background is not the terminal's default.
fn coloured_cells(buffer: &Buffer) -> Vec<(u16, u16, Color, Color)> {
    let area = buffer.area;
    let mut found = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if cell.fg != Color::Reset || cell.bg != Color::Reset {
                found.push((x, y, cell.fg, cell.bg));
            }
        }
    }
    found
}

#[test]
fn mono_theme_draws_no_colour_and_keeps_emphasis() {
    let _screen = lock_screen(Lang::En, Theme::Mono);
    let (_dir, project) = project_with(Some("fortune-topics"), no_gold, Some("cases/wide-unicode.csv"));
    let mut app = open_app(&project);

    let screen = draw_buffer(&mut app, 80, 24);
    assert_eq!(coloured_cells(&screen), vec![], "colour drawn under the mono theme");
    insta::assert_debug_snapshot!("mono_annotate_80x24", screen);

    // The label keys stay emphasised without colour.
    let row = (0..24).find(|y| (0..80).any(|x| screen[(x, *y)].symbol() == "[")).expect("a label chip row");
    let chip = (0..80).find(|x| screen[(*x, row)].symbol() == "[").unwrap();
    assert!(screen[(chip, row)].modifier.contains(Modifier::BOLD), "label key not bold in mono");

    // The overlays too: help, and a notice in the status line.
    update(&mut app, Action::ShowHelp);
    assert_eq!(coloured_cells(&draw_buffer(&mut app, 80, 24)), vec![]);
    update(&mut app, Action::Dismiss);
    press(&mut app, KeyCode::Char('u'));
    let notice = draw_buffer(&mut app, 80, 24);
    assert_eq!(coloured_cells(&notice), vec![]);
}

#[test]
fn colour_theme_does_colour() {
    // The control for the mono test: the same screen in colour has coloured cells.
    let _screen = lock_screen(Lang::En, Theme::Colour);
    let (_dir, project) = project_with(Some("fortune-topics"), no_gold, Some("cases/wide-unicode.csv"));
    let mut app = open_app(&project);
    let coloured = coloured_cells(&draw_buffer(&mut app, 80, 24));
    assert!(!coloured.is_empty());
    // Readable on dark and light backgrounds: never white or black text.
    for (x, y, fg, _) in coloured {
        assert!(!matches!(fg, Color::White | Color::Black | Color::Gray | Color::DarkGray), "{fg:?} at {x},{y}");
    }
}

/// Drops the gold column from the fortune-topics spec, since the case files lack it.
fn no_gold(toml: String) -> String {
    toml.replace("gold = \"gold\"\n", "")
}

fn with_moved_keys(toml: String) -> String {
    let toml = no_gold(toml);
    format!("{toml}\n[keys]\nundo = \"z\"\nskip = \"x\"\nnext = \"n\"\nprev = \"p\"\nhelp = \"h\"\n")
}

#[test]
fn moved_keys_work_and_show_in_help() {
    let _screen = lock_lang(Lang::En);
    let (_dir, project) = project_with(Some("fortune-topics"), with_moved_keys, Some("cases/wide-unicode.csv"));
    let mut app = open_app(&project);

    // The old keys do nothing now; the new ones act.
    assert!(to_action(&app, &key(KeyCode::Char('u'))).is_none());
    assert!(to_action(&app, &key(KeyCode::Char('s'))).is_none());
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.store().counts().unwrap().n_annotations, 1);
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.store().counts().unwrap().n_annotations, 0, "z did not undo");
    let before = app.current_item_key().map(str::to_string);
    press(&mut app, KeyCode::Char('x'));
    assert_ne!(app.current_item_key().map(str::to_string), before, "x did not skip");

    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.overlay(), Overlay::Help);
    let help = draw(&mut app, 80, 30);
    assert!(help.contains("z  Backspace"), "{help}");
    assert!(help.contains("n p  ↓ ↑"), "{help}");
    insta::assert_snapshot!("help_moved_keys_80x30", help);
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.overlay(), Overlay::None);

    // The status line names the moved keys.
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("z undo · x skip · h help"), "{screen}");
}

#[test]
fn help_scrolls_in_a_small_terminal() {
    let _screen = lock_lang(Lang::En);
    let (_dir, project) = project_with(Some("fortune-topics"), no_gold, Some("cases/wide-unicode.csv"));
    let mut app = open_app(&project);
    press(&mut app, KeyCode::Char('?'));
    let top = draw(&mut app, 40, 12);
    insta::assert_snapshot!("help_top_40x12", top);
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('j'));
    }
    let bottom = draw(&mut app, 40, 12);
    assert_ne!(top, bottom);
    assert!(bottom.contains("Ctrl-C"), "the last binding is reachable:\n{bottom}");
    insta::assert_snapshot!("help_bottom_40x12", bottom);
    press(&mut app, KeyCode::Up);
    assert_ne!(draw(&mut app, 40, 12), bottom, "k/Up scrolls back");
}

#[test]
fn empty_project_says_how_to_import() {
    for lang in [Lang::En, Lang::ZhCn] {
        let _screen = lock_lang(lang);
        let (_dir, project) = project_with(None, |t| t, None);
        let mut app = open_app(&project);
        let screen = draw(&mut app, 80, 24);
        assert!(screen.contains("quorum import FILE"), "{screen}");
    }
}

/// Walks a buffer row as a terminal would, advancing by each symbol's display width,
/// and returns the display columns of the box-drawing verticals and the row's width.
fn border_columns(buffer: &Buffer, y: u16) -> (Vec<usize>, usize) {
    let mut columns = Vec::new();
    let mut column = 0;
    let mut x = buffer.area.left();
    while x < buffer.area.right() {
        let symbol = buffer[(x, y)].symbol();
        let width = display_width(symbol).max(1);
        if matches!(symbol, "│" | "┌" | "┐" | "└" | "┘" | "├" | "┤") {
            columns.push(column);
        }
        column += width;
        x += u16::try_from(width).unwrap();
    }
    (columns, column)
}

/// Checks that the item box's two sides are at the same display columns on every row
/// from its top to its bottom border, and that no row is wider than the screen.
fn assert_borders_straight(buffer: &Buffer, what: &str) {
    let width = usize::from(buffer.area.width);
    let (top, _) = border_columns(buffer, 0);
    assert!(top.len() >= 2, "{what}: no box on the first row");
    let (left, right) = (top[0], top[1]);
    for y in 0..buffer.area.height {
        let (columns, row_width) = border_columns(buffer, y);
        assert_eq!(row_width, width, "{what}: row {y} is {row_width} columns wide");
        if y > 0 && columns.first() == Some(&left) && buffer[(0, y)].symbol() == "└" {
            assert!(columns.contains(&right), "{what}: bottom border misses column {right}");
            return;
        }
        assert!(columns.contains(&left), "{what}: row {y} has borders at {columns:?}");
        assert!(columns.contains(&right), "{what}: row {y} has borders at {columns:?}");
    }
    panic!("{what}: the item box has no bottom border");
}

#[test]
fn width_and_language_matrix_keeps_borders_straight() {
    for case in ["wide-unicode", "escape-sequences"] {
        for (lang, tag) in [(Lang::En, "en"), (Lang::ZhCn, "zh")] {
            let _screen = lock_lang(lang);
            for width in [40u16, 80, 200] {
                // A fresh project per width, so every item of the case file is shown.
                let (_dir, project) = project_with(Some("fortune-topics"), no_gold, Some(&format!("cases/{case}.csv")));
                let mut app = open_app(&project);
                insta::assert_snapshot!(format!("matrix_{case}_{tag}_{width}"), draw(&mut app, width, 24));

                let mut shown = 0;
                while let Some(item) = app.current_item_key().map(str::to_string) {
                    let buffer = draw_buffer(&mut app, width, 24);
                    assert_borders_straight(&buffer, &format!("{case} {tag} {width} {item}"));
                    update(&mut app, Action::Skip);
                    shown += 1;
                }
                assert!(shown >= 5, "{case}: only {shown} items shown");
            }
        }
    }
}
