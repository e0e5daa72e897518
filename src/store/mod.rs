//! The SQLite store: items, the append-only log of annotations, leases and jobs.
//!
//! One file per project, opened by every annotator process at once. The settings that
//! make that safe are applied on every open:
//!
//! - WAL journal, so readers (the live agreement panel) never block the writer;
//! - `synchronous=FULL`, so a committed answer survives a power cut, not only a crash;
//! - a busy timeout plus `BEGIN IMMEDIATE` for every write, retried until a bounded total
//!   wait (15 s by default) has passed, so concurrent writers queue instead of failing,
//!   and a writer that still cannot get the lock reports [`StoreError::Busy`] with what
//!   to do.
//!
//! The `annotations` table is the source of truth and is only ever appended to: an undo
//! is a row of its own. `current_answers` and `items.n_answers` are derived from it in
//! the same transaction, so that assignment and statistics need not replay the log.

mod adjudication;
mod answers;
mod assignment;
mod consistency;
mod error;
mod items;
mod jobs;
mod predictions;
mod quality;
mod runs;
mod schema;

pub use adjudication::{Adjudication, Disagreement, apply_adjudications};
pub use answers::{AnswerOutcome, GoldFeedback, HistoryRow, ItemChange, NewAnswer, UndoneAnswer};
pub use assignment::Progress;
pub use consistency::ConsistencyReport;
pub use error::StoreError;
pub use items::ItemInserter;
pub use jobs::{JobLogLine, JobRecord, JobState};
pub use predictions::{ItemPrediction, Uncertainty, due_for_retrain};
pub use runs::{NewRun, PINNED_RUN_KEY, RunRecord};
pub use schema::{SCHEMA_VERSION, migrate_to as migrate_schema_to};

use crate::core::task::{DEFAULT_QUESTION_ID, TaskSpec};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for other processes' transactions before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// A connection is used from one thread at a time (rusqlite's `Connection` is not
/// `Sync`), so SQLite's own per-connection mutex is not needed.
const NO_MUTEX: OpenFlags = OpenFlags::SQLITE_OPEN_NO_MUTEX;

/// The task settings that change how the store hands out items and reports answers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AssignmentPolicy {
    /// Share of each annotator's answers to draw from gold items; `None` keeps gold
    /// items at their place in the queue.
    pub gold_rate: Option<f64>,
    /// Whether [`Store::gold_feedback`] reveals the expected answer.
    pub gold_feedback: bool,
    /// Hand out items by descending `priority` (see [`Store::set_priorities`]).
    pub priority_order: bool,
}

impl AssignmentPolicy {
    pub fn from_spec(spec: &TaskSpec) -> AssignmentPolicy {
        AssignmentPolicy {
            gold_rate: spec.gold_rate,
            gold_feedback: spec.gold_feedback,
            priority_order: spec.order == crate::core::assignment::Order::Priority,
        }
    }
}

/// An open project store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    policy: AssignmentPolicy,
    /// Ids of the task's questions, primary first. An annotator has finished an item
    /// once they answered every one of them.
    questions: Vec<String>,
    /// The question that answer, gold, adjudication and prediction queries read and
    /// write unless a method names another; the primary question unless selected.
    question: String,
    /// Total time a write waits for the lock, over all its retries.
    write_wait: Duration,
}

impl Store {
    /// Creates a new store file; fails if one already exists at `path`.
    pub fn create(path: &Path) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | NO_MUTEX,
        )?;
        let mut store = Store::wrap(conn, path.to_path_buf());
        store.configure()?;
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Opens an existing store and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | NO_MUTEX)?;
        let mut store = Store::wrap(conn, path.to_path_buf());
        store.configure()?;
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Opens an in-memory store for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store::wrap(conn, PathBuf::from(":memory:"));
        store.configure()?;
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    fn wrap(conn: Connection, path: PathBuf) -> Store {
        let questions = vec![DEFAULT_QUESTION_ID.to_string()];
        let question = DEFAULT_QUESTION_ID.to_string();
        Store { conn, path, policy: AssignmentPolicy::default(), questions, question, write_wait: BUSY_TIMEOUT }
    }

    /// Sets the ids of the task's questions, primary first, and selects the primary one.
    /// A store starts with the single question `DEFAULT_QUESTION_ID`.
    ///
    /// # Panics
    /// When `ids` is empty, because a task always asks at least one question.
    pub fn set_questions(&mut self, ids: Vec<String>) {
        assert!(!ids.is_empty(), "a task asks at least one question");
        self.question = ids[0].clone();
        self.questions = ids;
    }

    /// Returns the ids of the task's questions, primary first.
    pub fn questions(&self) -> &[String] {
        &self.questions
    }

    /// Selects the question that later reads and writes use. The caller checks the id
    /// against the task (see `TaskSpec::find_question`).
    pub fn select_question(&mut self, id: &str) {
        self.question = id.to_string();
    }

    /// Returns the selected question's id.
    pub fn question(&self) -> &str {
        &self.question
    }

    /// Returns the primary question's id.
    pub fn primary_question(&self) -> &str {
        &self.questions[0]
    }

    /// An SQL expression for the gold label of the item aliased `item` under the selected
    /// question: `items.gold` for the primary question, the `item_gold` table otherwise.
    fn gold_sql(&self, item: &str) -> String {
        self.gold_sql_for(item, &self.question)
    }

    /// An SQL expression for the gold label of the item aliased `item` under `question`.
    fn gold_sql_for(&self, item: &str, question: &str) -> String {
        if question == self.questions[0] {
            format!("{item}.gold")
        } else {
            format!(
                "(SELECT g.label FROM item_gold g WHERE g.item_id = {item}.id AND g.question = {})",
                sql_literal(question)
            )
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sets how items are handed out and whether gold feedback is given; the default
    /// policy is plain queue order without gold mixing.
    pub fn set_policy(&mut self, policy: AssignmentPolicy) {
        self.policy = policy;
    }

    pub fn policy(&self) -> AssignmentPolicy {
        self.policy
    }

    /// Sets the total time a write may wait for the lock before [`StoreError::Busy`]
    /// (15 s unless changed).
    pub fn set_write_wait(&mut self, wait: Duration) -> Result<(), StoreError> {
        self.write_wait = wait;
        self.conn.busy_timeout(wait)?;
        Ok(())
    }

    /// Caps the database file at `pages` pages for this connection (SQLite's
    /// `max_page_count`) and returns the cap in force. A write past it fails with
    /// [`StoreError::Full`], the same as on a full disk, which is how tests exercise it.
    pub fn set_max_pages(&self, pages: u64) -> Result<u64, StoreError> {
        let sql = format!("PRAGMA max_page_count = {pages}");
        Ok(self.conn.query_row(&sql, [], |row| row.get::<_, i64>(0))? as u64)
    }

    /// The number of pages in the database file.
    pub fn page_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("PRAGMA page_count", [], |row| row.get::<_, i64>(0))? as u64)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // journal_mode returns a row, so it is read rather than executed.
        let mode: String = self.conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        if mode != "wal" && self.path != Path::new(":memory:") {
            tracing::warn!(mode, path = %self.path.display(), "store is not in WAL mode");
        }
        self.conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        Ok(())
    }

    /// Lets this connection's commits skip the fsync (`synchronous=NORMAL`). In WAL mode a
    /// commit may then be lost in a power cut, but the store never becomes inconsistent.
    /// Use it only for bulk work whose loss is harmless, such as the demo's simulated
    /// annotators.
    pub fn relax_durability(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("PRAGMA synchronous=NORMAL")?;
        Ok(())
    }

    /// Runs `PRAGMA integrity_check` and returns the problems it lists (empty when sound).
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    /// Starts a write transaction that takes the write lock at once, so that the
    /// read-then-write steps inside it cannot interleave with another process.
    ///
    /// SQLite's busy handler waits inside each attempt, but some lock conflicts return
    /// `SQLITE_BUSY` at once (a WAL file being recovered, say), so attempts are retried
    /// with a short pause until `write_wait` has passed in total.
    fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        let started = Instant::now();
        let mut attempts = 0u32;
        loop {
            let remaining = self.write_wait.saturating_sub(started.elapsed());
            self.conn.busy_timeout(remaining)?;
            attempts += 1;
            match rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate) {
                Ok(tx) => {
                    if attempts > 1 {
                        let waited_ms = started.elapsed().as_millis() as u64;
                        tracing::info!(attempts, waited_ms, "store write lock acquired after retries");
                    }
                    return Ok(tx);
                }
                Err(err) if is_busy(&err) => {
                    let waited = started.elapsed();
                    if waited >= self.write_wait {
                        tracing::warn!(
                            attempts,
                            waited_ms = waited.as_millis() as u64,
                            "store write lock not acquired"
                        );
                        self.conn.busy_timeout(self.write_wait)?;
                        return Err(StoreError::Busy { waited_ms: waited.as_millis() as u64 });
                    }
                    std::thread::sleep(Duration::from_millis(5 + u64::from(attempts.min(10)) * 5).min(remaining));
                }
                Err(err) => return Err(err.into()),
            }
        }
    }

    /// The current UTC time as RFC 3339 with milliseconds, the format of every timestamp.
    fn now_rfc3339() -> String {
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    fn now_millis() -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// Quotes `text` as an SQL string literal, for the question ids that queries built with
/// `format!` filter on.
fn sql_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(code, _)
            if matches!(code.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Counts for `quorum status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    pub n_items: u64,
    /// Current answers (one per annotator and item; undone answers do not count).
    pub n_annotations: u64,
    pub n_annotators: u64,
    pub n_gold: u64,
    /// Rows in the append-only log: answers, undos and skips.
    pub n_log_rows: u64,
}

impl Store {
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        let one =
            |sql: &str| -> Result<u64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(StoreCounts {
            n_items: one("SELECT count(*) FROM items")?,
            n_annotations: one("SELECT count(*) FROM current_answers")?,
            n_annotators: one("SELECT count(DISTINCT annotator) FROM current_answers")?,
            n_gold: one("SELECT count(*) FROM items WHERE gold IS NOT NULL")?,
            n_log_rows: one("SELECT count(*) FROM annotations")?,
        })
    }
}
