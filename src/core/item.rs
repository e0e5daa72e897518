//! An item: one unit of annotation work, as stored and shown.

use super::ids::ItemId;

/// One item with the fields the task shows. Field values are kept exactly as imported;
/// they are sanitised only when drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: ItemId,
    /// The external id from the imported file (the `id` column).
    pub key: String,
    /// `(column name, value)` for every imported column, in file order. Screens pick
    /// the columns the task shows.
    pub fields: Vec<(String, String)>,
    /// Image path relative to the project directory, for image tasks.
    pub image: Option<String>,
    /// The known true label, for gold items.
    pub gold: Option<String>,
}

/// One annotator's current answer to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub item: ItemId,
    pub annotator: String,
    pub label: String,
}
