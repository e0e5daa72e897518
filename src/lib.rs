//! Quorum: a terminal workbench for human-in-the-loop microtask annotation.
//!
//! The crate is layered so that every part below the user interface can be used from a
//! script that never opens a terminal:
//!
//! - [`core`]: the pure domain (task spec, items, agreement, aggregation, metrics). No I/O.
//! - [`store`]: the SQLite store, an append-only log of annotations with leases.
//! - [`import`]: streaming parsers for CSV, TSV and JSONL item files.
//! - [`project`]: finding and opening a project directory (`quorum.toml` + store).
//! - [`ml`]: features, training and evaluation of models on the labels.
//! - [`jobs`]: background jobs (training, evaluation) that report progress over channels.
//! - [`simulate`]: seeded simulated annotators for the demo and for tests.
//! - [`tui`] and [`cli`]: the two user interfaces, thin layers over the above.
//! - [`i18n`]: the message catalogue in English and Simplified Chinese.

pub mod cli;
pub mod core;
pub mod crowd_file;
pub mod dataset;
pub mod i18n;
pub mod import;
pub mod jobs;
pub mod logging;
pub mod ml;
pub mod project;
pub mod simulate;
pub mod store;
pub mod tui;
