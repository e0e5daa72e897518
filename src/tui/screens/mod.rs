//! The screens: the annotation screen and the overlays drawn on top of it.

pub mod annotate;
pub mod help;
pub mod jobs;

use ratatui::layout::Rect;

/// Returns a rectangle of at most `max_width` x `max_height`, centred in `area` with a margin.
pub fn popup_area(area: Rect, max_width: u16, max_height: u16) -> Rect {
    let width = max_width.min(area.width.saturating_sub(4)).max(1);
    let height = max_height.min(area.height.saturating_sub(2)).max(1);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Rows that `lines` take when wrapped to `width` columns; an estimate that matches
/// ratatui's word wrapping except where a word is longer than the width.
pub fn wrapped_height(lines: &[ratatui::text::Line<'_>], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|line| line.width().div_ceil(width).max(1)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}
