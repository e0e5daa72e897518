//! Logging to a file with `tracing`, never to the screen the TUI owns.
//!
//! The level comes from `QUORUM_LOG` (an `EnvFilter` directive such as `debug` or
//! `quorum::store=trace`), `info` by default. A log directory that cannot be created is
//! not fatal: the program runs without a log rather than refusing to start.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts logging to `dir/quorum.log`. Keep the guard alive until exit: dropping it
/// flushes the log.
pub fn init_file_logging(dir: &Path) -> Option<WorkerGuard> {
    if std::fs::create_dir_all(dir).is_err() {
        return None;
    }
    let appender = tracing_appender::rolling::never(dir, "quorum.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("QUORUM_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let installed =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).try_init().is_ok();
    installed.then_some(guard)
}
