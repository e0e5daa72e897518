//! Store errors, with messages that say what to do.

use crate::i18n::catalogue::store as msg;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no store at {0}; run `quorum init` to create a project")]
    NotFound(PathBuf),
    #[error("a store already exists at {0}; open it instead of creating a new one")]
    AlreadyExists(PathBuf),
    /// Another connection held the write lock for the whole bounded wait.
    #[error("{}", msg::STORE_BUSY.fmt(&[("seconds", &format!("{:.1}", *.waited_ms as f64 / 1000.0))]))]
    Busy { waited_ms: u64 },
    /// The disk, or the database file's page limit, is full; the transaction was rolled back.
    #[error("{}", msg::STORE_FULL.fmt(&[("detail", .0)]))]
    Full(String),
    #[error("{}", msg::STORE_BAD_PRIORITY.fmt(&[("value", .value), ("item", .item)]))]
    InvalidPriority { item: i64, value: f64 },
    #[error("the store's schema version {found} is newer than this quorum understands ({supported}); upgrade quorum")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("item `{0}` is already in the store (imported from {1}); ids must be unique across imports")]
    DuplicateItem(String, String),
    #[error("no item with id {0}")]
    NoSuchItem(i64),
    #[error("store data is invalid: {0}")]
    Corrupt(String),
    #[error("SQLite error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        // SQLITE_BUSY after the busy timeout is the only lock error users could see;
        // it gets a message of its own instead of "database is locked". The wait is not
        // known here; `Store::write_tx` reports the real one.
        if let rusqlite::Error::SqliteFailure(code, detail) = &err {
            match code.code {
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                    return StoreError::Busy { waited_ms: super::BUSY_TIMEOUT.as_millis() as u64 };
                }
                rusqlite::ErrorCode::DiskFull => {
                    return StoreError::Full(detail.clone().unwrap_or_else(|| code.to_string()));
                }
                _ => {}
            }
        }
        StoreError::Sqlite(err)
    }
}
