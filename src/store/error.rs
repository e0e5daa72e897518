//! Store errors, with messages that say what to do.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no store at {0}; run `quorum init` to create a project")]
    NotFound(PathBuf),
    #[error("a store already exists at {0}; open it instead of creating a new one")]
    AlreadyExists(PathBuf),
    #[error(
        "the store is busy: another quorum process held the write lock for over 15 seconds; \
         try again, and check for a stuck process with `quorum status`"
    )]
    Busy,
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
        // it gets a message of its own instead of "database is locked".
        if let rusqlite::Error::SqliteFailure(code, _) = &err
            && matches!(code.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        {
            return StoreError::Busy;
        }
        StoreError::Sqlite(err)
    }
}
