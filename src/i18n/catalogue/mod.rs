//! Message constants, one module per area of the product.
//!
//! Each module owns its messages; keys must be unique across modules because the
//! catalogue test checks them together.

pub mod cli;
pub mod common;
pub mod files;
pub mod import;
pub mod ml;
pub mod stats;
pub mod store;
pub mod task;
pub mod torch;
pub mod tui;

/// Every message in every module.
pub fn all() -> impl Iterator<Item = &'static crate::i18n::Msg> {
    [cli::ALL, common::ALL, files::ALL, import::ALL, ml::ALL, stats::ALL, store::ALL, task::ALL, torch::ALL, tui::ALL]
        .into_iter()
        .flatten()
}
