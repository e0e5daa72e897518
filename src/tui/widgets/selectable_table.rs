//! The table the lead's screens use for a list with one selected row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{HighlightSpacing, Row, Table, TableState};

/// Draws `rows` under `header` with the row at `selected` reversed and marked by `▸`.
pub fn render_selectable_table<'a>(
    frame: &mut Frame,
    area: Rect,
    header: Row<'a>,
    rows: Vec<Row<'a>>,
    widths: impl IntoIterator<Item = Constraint>,
    selected: usize,
) {
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(crate::tui::theme::selected())
        .highlight_symbol("▸ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}
