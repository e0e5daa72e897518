//! Helpers for printing tables and JSON to the terminal.

use unicode_width::UnicodeWidthStr;

/// Prints `(name, value)` rows with the names padded to one column, by display width so
/// that Chinese names line up too.
pub fn print_rows(rows: &[(String, String)]) {
    let width = rows.iter().map(|(name, _)| name.width()).max().unwrap_or(0);
    for (name, value) in rows {
        let pad = width - name.width();
        println!("  {name}{}  {value}", " ".repeat(pad));
    }
}

pub fn print_json(value: &serde_json::Value) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
