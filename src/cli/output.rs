//! Printing tables, JSON and messages to standard output.
//!
//! Rust ignores SIGPIPE, so writing to a pipe whose reader has gone (`quorum status
//! --json | head -1`) fails with `BrokenPipe`, and `println!` would panic on it. Every
//! line goes through [`write_line`] instead, which exits quietly in that case, the way
//! command-line tools usually behave.

use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// `println!` for the CLI: the same arguments, without the panic on a closed pipe.
macro_rules! outln {
    () => {
        $crate::cli::output::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::write_line(format_args!($($arg)*))
    };
}
pub(crate) use outln;

/// Writes one line to standard output. A reader that has gone ends the process with
/// status 0; any other write error ends it with status 1 and a message on stderr.
pub fn write_line(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(err) = writeln!(out, "{args}").and_then(|()| out.flush()) {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("{}: {err}", crate::i18n::catalogue::common::ERROR_PREFIX.text());
        std::process::exit(1);
    }
}

/// Prints `(name, value)` rows with the names padded to one column, by display width so
/// that Chinese names line up too.
pub fn print_rows(rows: &[(String, String)]) {
    let width = rows.iter().map(|(name, _)| name.width()).max().unwrap_or(0);
    for (name, value) in rows {
        let pad = width - name.width();
        outln!("  {name}{}  {value}", " ".repeat(pad));
    }
}

pub fn print_json(value: &serde_json::Value) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
