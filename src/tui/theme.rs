//! The one place that decides how the screens look: every style a screen uses comes
//! from a function here, named after what the style marks (a key, an error, the
//! selected row), never after a colour.
//!
//! Two themes exist. `Colour` uses the terminal's default foreground with bold,
//! underline and reverse for emphasis, plus a few mid-tone accents from the 256-colour
//! palette that read on dark and light backgrounds alike; it never sets white or black
//! text. `Mono` sets no colour at all and marks emphasis with modifiers only, which
//! is what `NO_COLOR` asks for. The theme is process-wide, like the language, because
//! drawing code deep inside widgets should not have to thread it through.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use std::sync::atomic::{AtomicU8, Ordering};

/// How the screens are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Colour,
    /// No colours; emphasis by bold, underline and reverse only.
    Mono,
}

/// The theme asked for on the command line or in `QUORUM_THEME`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeChoice {
    // Colour unless `NO_COLOR` is set. A plain comment, because clap would print a doc
    // comment in English whatever the language.
    Auto,
    Mono,
}

impl Theme {
    /// Picks the theme: `mono` wins; otherwise any non-empty `NO_COLOR` value turns
    /// colour off, as the no-color.org convention asks.
    pub fn choose(choice: Option<ThemeChoice>, no_color: Option<&str>) -> Theme {
        let no_color = no_color.is_some_and(|value| !value.is_empty());
        match choice {
            Some(ThemeChoice::Mono) => Theme::Mono,
            _ if no_color => Theme::Mono,
            _ => Theme::Colour,
        }
    }

    /// Picks the theme from `choice` and the `NO_COLOR` variable of this process.
    pub fn detect(choice: Option<ThemeChoice>) -> Theme {
        Theme::choose(choice, std::env::var("NO_COLOR").ok().as_deref())
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the theme for every screen drawn from now on.
pub fn set_theme(theme: Theme) {
    CURRENT.store(theme as u8, Ordering::Relaxed);
}

pub fn theme() -> Theme {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Theme::Mono,
        _ => Theme::Colour,
    }
}

// Mid-tone accents from the xterm 256-colour cube: dark enough for a white
// background, light enough for a black one.
const ACCENT: Color = Color::Indexed(32);
const GOOD: Color = Color::Indexed(35);
const CAUTION: Color = Color::Indexed(172);
const BAD: Color = Color::Indexed(167);

/// `base` in the colour theme, or `mono` with no colour in the monochrome one.
fn pick(base: Style, mono: Style) -> Style {
    match theme() {
        Theme::Colour => base,
        Theme::Mono => mono,
    }
}

/// A key the person can press, such as `[1]` or `u` in the help.
pub fn key() -> Style {
    pick(Style::new().fg(ACCENT).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
}

/// A title or heading: bold in the default colour.
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// A heading line inside an item's text.
pub fn text_heading() -> Style {
    pick(
        Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

/// A figure or value that the eye should land on.
pub fn value() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Secondary text: hints, names of figures, notes.
pub fn muted() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// The selected row of a table or list.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A good outcome: a saved answer, a finished job, the final label.
pub fn good() -> Style {
    pick(Style::new().fg(GOOD), Style::new().add_modifier(Modifier::BOLD))
}

/// Something to look at: a flagged annotator, a stale figure, a notice that warns.
pub fn warning() -> Style {
    pick(Style::new().fg(CAUTION), Style::new().add_modifier(Modifier::BOLD))
}

/// Something that went wrong.
pub fn error() -> Style {
    pick(
        Style::new().fg(BAD).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

/// Bars and sparklines: the accent colour, or the default colour in mono.
pub fn chart() -> Style {
    pick(Style::new().fg(ACCENT), Style::new())
}

/// The current label: the one an item already carries.
pub fn current_label() -> Style {
    pick(
        Style::new().fg(GOOD).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

/// Removes every colour from `area` of `buffer` except inside `keep` (an image, whose
/// colours are its content). Under the mono theme this runs after each draw, so a
/// widget's built-in colour cannot leak past `NO_COLOR`.
pub fn strip_colours(buffer: &mut Buffer, area: Rect, keep: Option<Rect>) {
    if theme() != Theme::Mono {
        return;
    }
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if keep.is_some_and(|image| image.contains(ratatui::layout::Position { x, y })) {
                continue;
            }
            let cell = &mut buffer[(x, y)];
            cell.set_fg(Color::Reset);
            cell.set_bg(Color::Reset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_with_any_value_turns_colour_off() {
        assert_eq!(Theme::choose(None, Some("1")), Theme::Mono);
        assert_eq!(Theme::choose(Some(ThemeChoice::Auto), Some("false")), Theme::Mono);
        assert_eq!(Theme::choose(None, Some("")), Theme::Colour);
        assert_eq!(Theme::choose(None, None), Theme::Colour);
        assert_eq!(Theme::choose(Some(ThemeChoice::Mono), None), Theme::Mono);
    }
}
