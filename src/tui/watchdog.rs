//! A last resort for a terminal that went away.
//!
//! When an SSH session drops, the annotation screen gets SIGHUP and its event loop
//! normally closes within one poll interval. But on a hung-up terminal crossterm's
//! `poll` can spin without returning, so the loop never looks at the signal flag and the
//! process would run on, burning CPU, for good. This thread ends the process if the loop
//! has not closed shortly after a signal, or once standard input stops being a terminal.
//! Exiting there loses nothing: every answer is committed before it is acknowledged, and
//! the shown item's lease, no longer renewed, expires and returns the item to the queue.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the watchdog looks at the signal flag and the terminal.
const CHECK_INTERVAL: Duration = Duration::from_millis(500);
/// Time the event loop gets to close on its own once the terminal is gone.
const GRACE: Duration = Duration::from_millis(1500);
/// Exit status after a hang-up: 128 + SIGHUP, as shells report it.
const EXIT_HANGUP: i32 = 129;

/// Starts the watchdog thread; it lives until the process exits.
pub fn spawn(signals: Arc<AtomicBool>) {
    // Only a terminal that was there at the start can go away.
    let watch_stdin = std::io::stdin().is_terminal();
    let started = std::thread::Builder::new().name("hangup-watchdog".to_string()).spawn(move || {
        loop {
            std::thread::sleep(CHECK_INTERVAL);
            let signalled = signals.load(Ordering::Relaxed);
            let detached = watch_stdin && !std::io::stdin().is_terminal();
            if signalled || detached {
                std::thread::sleep(GRACE);
                tracing::warn!(signalled, detached, "the screen did not close after its terminal went away; exiting");
                std::process::exit(EXIT_HANGUP);
            }
        }
    });
    if let Err(err) = started {
        tracing::warn!(%err, "cannot start the hang-up watchdog; a dropped session may leave this process running");
    }
}
