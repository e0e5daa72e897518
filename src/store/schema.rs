//! Schema migrations, append-only: a released step is never edited, only followed.

use super::StoreError;
use rusqlite::Connection;

/// Each entry upgrades the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // Version 1: items, the annotation log and its derived tables, leases.
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    -- One row per import, so that items carry their provenance in two integers.
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        source_file TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );

    CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        fields TEXT NOT NULL,           -- JSON array of [column, value] pairs, as imported
        image TEXT,
        gold TEXT,
        ord INTEGER NOT NULL,           -- position in the assignment order
        n_answers INTEGER NOT NULL DEFAULT 0,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        source_line INTEGER NOT NULL
    );
    CREATE INDEX items_by_ord ON items(ord);

    CREATE TABLE annotations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id INTEGER NOT NULL REFERENCES items(id),
        annotator TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('answer', 'undo', 'skip')),
        label TEXT,
        created_at TEXT NOT NULL,
        time_spent_ms INTEGER
    );
    CREATE INDEX annotations_by_item ON annotations(item_id, annotator, seq);

    CREATE TABLE current_answers (
        item_id INTEGER NOT NULL REFERENCES items(id),
        annotator TEXT NOT NULL,
        label TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (item_id, annotator)
    ) WITHOUT ROWID;
    CREATE INDEX current_by_annotator ON current_answers(annotator, seq);

    CREATE TABLE skips (
        item_id INTEGER NOT NULL REFERENCES items(id),
        annotator TEXT NOT NULL,
        PRIMARY KEY (item_id, annotator)
    ) WITHOUT ROWID;

    CREATE TABLE leases (
        item_id INTEGER NOT NULL REFERENCES items(id),
        annotator TEXT NOT NULL,
        expires_at INTEGER NOT NULL,    -- Unix milliseconds
        PRIMARY KEY (item_id, annotator)
    ) WITHOUT ROWID;
    CREATE INDEX leases_by_annotator ON leases(annotator);
    "#,
    // Version 2: priority order, gold mixing, adjudication and per-annotator queries.
    r#"
    ALTER TABLE items ADD COLUMN priority REAL;     -- higher first; NULL sorts last
    -- Assignment seeks the first free item per answer count, so full items are never scanned.
    CREATE INDEX items_open_by_ord ON items(n_answers, ord, id);
    CREATE INDEX items_open_by_priority ON items(n_answers, priority DESC, ord, id);
    CREATE INDEX items_open_gold_by_ord ON items(n_answers, ord, id) WHERE gold IS NOT NULL;
    CREATE INDEX items_open_regular_by_ord ON items(n_answers, ord, id) WHERE gold IS NULL;

    CREATE TABLE adjudications (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id INTEGER NOT NULL REFERENCES items(id),
        label TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX adjudications_by_item ON adjudications(item_id, seq);
    "#,
    // Version 3: how many items have each number of answers, kept exact by triggers,
    // so that "answers still needed" costs a few rows instead of a scan of every item.
    r#"
    CREATE TABLE answer_histogram (
        n_answers INTEGER PRIMARY KEY,
        n_items INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO answer_histogram (n_answers, n_items) SELECT n_answers, count(*) FROM items GROUP BY n_answers;

    CREATE TRIGGER items_histogram_insert AFTER INSERT ON items BEGIN
        INSERT INTO answer_histogram (n_answers, n_items) VALUES (NEW.n_answers, 1)
            ON CONFLICT(n_answers) DO UPDATE SET n_items = n_items + 1;
    END;
    CREATE TRIGGER items_histogram_update AFTER UPDATE OF n_answers ON items
    WHEN OLD.n_answers != NEW.n_answers BEGIN
        UPDATE answer_histogram SET n_items = n_items - 1 WHERE n_answers = OLD.n_answers;
        INSERT INTO answer_histogram (n_answers, n_items) VALUES (NEW.n_answers, 1)
            ON CONFLICT(n_answers) DO UPDATE SET n_items = n_items + 1;
    END;
    CREATE TRIGGER items_histogram_delete AFTER DELETE ON items BEGIN
        UPDATE answer_histogram SET n_items = n_items - 1 WHERE n_answers = OLD.n_answers;
    END;
    "#,
    // Version 4: the model loop. Jobs run as their own processes and report here; every
    // training run is registered with what it trained on; predictions feed suggestions
    // and the uncertainty order; an answer records the suggestion the annotator saw.
    r#"
    CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,             -- train, evaluate, predict, import
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        params TEXT NOT NULL,           -- JSON: everything the worker needs to run the job
        progress REAL NOT NULL DEFAULT 0,
        stage TEXT,
        pid INTEGER,                    -- the worker process, while it runs
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        result TEXT,                    -- JSON, when done
        error TEXT,                     -- message, when failed
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
    );
    CREATE INDEX jobs_by_state ON jobs(state, id);

    CREATE TABLE job_log (
        job_id INTEGER NOT NULL REFERENCES jobs(id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        line TEXT NOT NULL,
        PRIMARY KEY (job_id, seq)
    ) WITHOUT ROWID;

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id INTEGER REFERENCES jobs(id),
        created_at TEXT NOT NULL,
        backend TEXT NOT NULL,          -- linfa, torch
        model_kind TEXT NOT NULL,       -- logistic, naive-bayes, ...
        label_source TEXT NOT NULL,     -- gold, majority, dawid-skene, adjudicated, ...
        data_hash TEXT NOT NULL,        -- SHA-256 of the labelled snapshot
        n_examples INTEGER NOT NULL,
        params TEXT NOT NULL,           -- JSON: features and hyper-parameters
        seed INTEGER NOT NULL,
        metrics TEXT,                   -- JSON: cross-validation or held-out metrics
        model_path TEXT NOT NULL,       -- relative to the project directory
        active INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX runs_one_active ON runs(active) WHERE active = 1;

    CREATE TABLE predictions (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        item_id INTEGER NOT NULL REFERENCES items(id),
        label TEXT NOT NULL,            -- the most probable label
        confidence REAL NOT NULL,       -- its probability
        margin REAL NOT NULL,           -- top probability minus the second
        entropy REAL NOT NULL,          -- in nats
        probabilities TEXT NOT NULL,    -- JSON object label -> probability
        PRIMARY KEY (run_id, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX predictions_by_item ON predictions(item_id, run_id);

    ALTER TABLE annotations ADD COLUMN suggested TEXT;  -- the label suggested on screen, if any
    "#,
    // Version 5: several questions per item. Answers, adjudications, predictions and runs
    // name their question; rows written before it belong to the one question a task could
    // then have, whose id is `DEFAULT_QUESTION_ID` ("label"). Gold labels of the questions
    // after the first get a table of their own, because `items.gold` stays the primary one.
    r#"
    ALTER TABLE annotations ADD COLUMN question TEXT;   -- NULL on skips, which cover the whole item
    UPDATE annotations SET question = 'label' WHERE action != 'skip';

    CREATE TABLE current_answers_v5 (
        item_id INTEGER NOT NULL REFERENCES items(id),
        annotator TEXT NOT NULL,
        question TEXT NOT NULL,
        label TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (item_id, annotator, question)
    ) WITHOUT ROWID;
    INSERT INTO current_answers_v5 (item_id, annotator, question, label, seq)
        SELECT item_id, annotator, 'label', label, seq FROM current_answers;
    DROP TABLE current_answers;
    ALTER TABLE current_answers_v5 RENAME TO current_answers;
    CREATE INDEX current_by_annotator ON current_answers(annotator, seq);
    CREATE INDEX current_by_question ON current_answers(question, item_id);

    ALTER TABLE adjudications ADD COLUMN question TEXT NOT NULL DEFAULT 'label';
    DROP INDEX adjudications_by_item;
    CREATE INDEX adjudications_by_item ON adjudications(item_id, question, seq);

    CREATE TABLE item_gold (
        item_id INTEGER NOT NULL REFERENCES items(id),
        question TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (item_id, question)
    ) WITHOUT ROWID;

    ALTER TABLE runs ADD COLUMN question TEXT NOT NULL DEFAULT 'label';

    CREATE TABLE predictions_v5 (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        item_id INTEGER NOT NULL REFERENCES items(id),
        question TEXT NOT NULL,
        label TEXT NOT NULL,
        confidence REAL NOT NULL,
        margin REAL NOT NULL,
        entropy REAL NOT NULL,
        probabilities TEXT NOT NULL,
        PRIMARY KEY (run_id, question, item_id)
    ) WITHOUT ROWID;
    INSERT INTO predictions_v5 (run_id, item_id, question, label, confidence, margin, entropy, probabilities)
        SELECT run_id, item_id, 'label', label, confidence, margin, entropy, probabilities FROM predictions;
    DROP TABLE predictions;
    ALTER TABLE predictions_v5 RENAME TO predictions;
    CREATE INDEX predictions_by_item ON predictions(item_id, question, run_id);
    "#,
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration newer than the store's `user_version`, each in its own
/// transaction, so that a crash mid-upgrade leaves a store at a whole version.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies the migrations up to version `target` only, so that tests can build a store
/// file as an older release left it.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    let steps = MIGRATIONS.iter().enumerate().take(target.clamp(0, SCHEMA_VERSION) as usize);
    for (index, sql) in steps.skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while this one waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if now > index as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))?;
        tx.commit()?;
        tracing::info!(version = index + 1, "store schema migrated");
    }
    Ok(())
}
