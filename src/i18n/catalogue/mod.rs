//! Message constants, one module per area of the product.
//!
//! Each module owns its messages; keys must be unique across modules because the
//! catalogue test checks them together.

pub mod cli;
pub mod common;
pub mod files;
pub mod import;
pub mod jobs;
pub mod learning;
pub mod ml;
pub mod mlpolish;
pub mod outputs;
pub mod polish;
pub mod privacy;
pub mod questions;
pub mod review;
pub mod stats;
pub mod store;
pub mod task;
pub mod terminal;
pub mod torch;
pub mod tui;

/// Every message in every module.
pub fn all() -> impl Iterator<Item = &'static crate::i18n::Msg> {
    [
        cli::ALL,
        common::ALL,
        files::ALL,
        import::ALL,
        jobs::ALL,
        ml::ALL,
        mlpolish::ALL,
        outputs::ALL,
        polish::ALL,
        stats::ALL,
        store::ALL,
        terminal::ALL,
        torch::ALL,
        learning::ALL,
        privacy::ALL,
        questions::ALL,
        review::ALL,
        task::ALL,
        tui::ALL,
    ]
    .into_iter()
    .flatten()
}
