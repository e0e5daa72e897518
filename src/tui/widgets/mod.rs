//! Widgets of the annotation screen.

pub mod agreement_panel;
pub mod eval_view;
pub mod image;
pub mod item_text;
pub mod key_hints;
pub mod progress;
pub mod selectable_table;
pub mod wrap;
