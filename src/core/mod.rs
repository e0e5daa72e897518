//! The pure core: the concepts of annotation work and their statistics, with no I/O.
//!
//! Nothing here touches a terminal, a file or a database, so every function can be unit-
//! and property-tested in isolation and reused by scripts.

pub mod aggregation;
pub mod agreement;
pub mod assignment;
pub mod ids;
pub mod item;
pub mod keys;
pub mod metrics;
pub mod parallel;
pub mod quality;
pub mod redact;
pub mod rng;
pub mod roles;
pub mod sanitize;
pub mod synthetic;
pub mod task;
