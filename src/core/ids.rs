//! Typed identifiers, so that an item id cannot be passed where an annotator is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The store's row id of an item. Stable for the life of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemId(pub i64);

/// The name of an annotator, as typed after `--as` or taken from the login name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AnnotatorId(pub String);

impl AnnotatorId {
    pub fn new(name: impl Into<String>) -> Self {
        AnnotatorId(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for AnnotatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
