//! The run registry: one row per trained model, with what it was trained on.
//!
//! Exactly one run is active at a time (the unique partial index `runs_one_active`).
//! A new run becomes active when it is registered, unless a person pinned a run with
//! [`Store::pin_run`]; the pin is kept in `meta` under [`PINNED_RUN_KEY`].

use super::{Store, StoreError};
use rusqlite::{OptionalExtension, Row, params};

/// The `meta` key that contains the id of the run a person activated by hand.
pub const PINNED_RUN_KEY: &str = "runs.pinned";

/// A run to register.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRun {
    pub job_id: Option<i64>,
    /// `linfa` or `torch`.
    pub backend: String,
    /// `logistic`, `naive-bayes`, ...
    pub model_kind: String,
    /// The label source: `gold`, `majority`, or an aggregation method.
    pub label_source: String,
    /// SHA-256 (hex) of the labelled snapshot and the settings.
    pub data_hash: String,
    pub n_examples: u64,
    /// Features and hyper-parameters.
    pub params: serde_json::Value,
    pub seed: u64,
    pub metrics: Option<serde_json::Value>,
}

/// One row of the `runs` table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RunRecord {
    pub id: i64,
    pub job_id: Option<i64>,
    pub created_at: String,
    pub backend: String,
    pub model_kind: String,
    pub label_source: String,
    pub data_hash: String,
    pub n_examples: u64,
    pub params: serde_json::Value,
    pub seed: u64,
    pub metrics: Option<serde_json::Value>,
    /// Relative to the project directory.
    pub model_path: String,
    pub active: bool,
    /// Id of the question whose labels the run trained on.
    pub question: String,
}

const RUN_COLUMNS: &str = "id, job_id, created_at, backend, model_kind, label_source, data_hash, n_examples, \
                           params, seed, metrics, model_path, active, question";

fn run_from_row(row: &Row<'_>) -> rusqlite::Result<RunRecord> {
    let params: String = row.get(8)?;
    let metrics: Option<String> = row.get(10)?;
    Ok(RunRecord {
        id: row.get(0)?,
        job_id: row.get(1)?,
        created_at: row.get(2)?,
        backend: row.get(3)?,
        model_kind: row.get(4)?,
        label_source: row.get(5)?,
        data_hash: row.get(6)?,
        n_examples: row.get::<_, i64>(7)?.max(0) as u64,
        // Both JSON columns are written only by this module, from serde values.
        params: serde_json::from_str(&params).unwrap_or(serde_json::Value::Null),
        seed: row.get::<_, i64>(9)? as u64,
        metrics: metrics.and_then(|text| serde_json::from_str(&text).ok()),
        model_path: row.get(11)?,
        active: row.get::<_, i64>(12)? != 0,
        question: row.get(13)?,
    })
}

impl Store {
    /// Inserts an inactive run for the selected question whose model path is
    /// `model_path(id)`, and returns the id.
    /// The caller writes the model there and then calls [`Store::activate_new_run`], so
    /// that no run becomes active before its files exist.
    pub fn insert_run(&mut self, run: &NewRun, model_path: &dyn Fn(i64) -> String) -> Result<i64, StoreError> {
        let question = self.question.clone();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO runs (job_id, created_at, backend, model_kind, label_source, data_hash, n_examples,
                               params, seed, metrics, model_path, active, question)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '', 0, ?11)",
            params![
                run.job_id,
                Store::now_rfc3339(),
                run.backend,
                run.model_kind,
                run.label_source,
                run.data_hash,
                run.n_examples as i64,
                run.params.to_string(),
                run.seed as i64,
                run.metrics.as_ref().map(|m| m.to_string()),
                question,
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute("UPDATE runs SET model_path = ?2 WHERE id = ?1", params![id, model_path(id)])?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes a run that was inserted but whose files could not be written.
    pub fn delete_run(&mut self, id: i64) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM predictions WHERE run_id = ?1", params![id])?;
        tx.execute("DELETE FROM runs WHERE id = ?1", params![id])?;
        tx.commit()?;
        Ok(())
    }

    /// Makes a newly registered run active unless a pinned run exists. Returns whether
    /// run `id` is now active.
    pub fn activate_new_run(&mut self, id: i64) -> Result<bool, StoreError> {
        let tx = self.write_tx()?;
        let pinned: Option<i64> = tx
            .query_row(
                "SELECT r.id FROM meta m JOIN runs r ON r.id = CAST(m.value AS INTEGER) WHERE m.key = ?1",
                params![PINNED_RUN_KEY],
                |row| row.get(0),
            )
            .optional()?;
        let activate = pinned.is_none();
        if activate {
            tx.execute("UPDATE runs SET active = 0 WHERE active = 1", [])?;
            tx.execute("UPDATE runs SET active = 1 WHERE id = ?1", params![id])?;
        }
        tx.commit()?;
        Ok(activate)
    }

    /// Makes run `id` active and pins it, so that later runs do not replace it. Returns
    /// false, changing nothing, when no run has this id.
    pub fn pin_run(&mut self, id: i64) -> Result<bool, StoreError> {
        let tx = self.write_tx()?;
        let exists: Option<i64> =
            tx.query_row("SELECT id FROM runs WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
        if exists.is_none() {
            return Ok(false);
        }
        tx.execute("UPDATE runs SET active = 0 WHERE active = 1", [])?;
        tx.execute("UPDATE runs SET active = 1 WHERE id = ?1", params![id])?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![PINNED_RUN_KEY, id.to_string()],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Removes the pin, so that the next registered run becomes active again.
    pub fn unpin_run(&mut self) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM meta WHERE key = ?1", params![PINNED_RUN_KEY])?;
        tx.commit()?;
        Ok(())
    }

    /// The pinned run's id, if a person pinned one that still exists.
    pub fn pinned_run(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.id FROM meta m JOIN runs r ON r.id = CAST(m.value AS INTEGER) WHERE m.key = ?1",
                params![PINNED_RUN_KEY],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Sets the metrics of every run of snapshot `data_hash` that has none yet, and
    /// returns their ids.
    pub fn fill_run_metrics(&mut self, data_hash: &str, metrics: &serde_json::Value) -> Result<Vec<i64>, StoreError> {
        let tx = self.write_tx()?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM runs WHERE data_hash = ?1 AND metrics IS NULL")?;
            stmt.query_map(params![data_hash], |row| row.get(0))?.collect::<Result<_, _>>()?
        };
        tx.execute(
            "UPDATE runs SET metrics = ?2 WHERE data_hash = ?1 AND metrics IS NULL",
            params![data_hash, metrics.to_string()],
        )?;
        tx.commit()?;
        Ok(ids)
    }

    /// The result of the newest finished evaluation job whose result names snapshot
    /// `data_hash`.
    pub fn evaluation_of_snapshot(&self, data_hash: &str) -> Result<Option<serde_json::Value>, StoreError> {
        let result: Option<String> = self
            .conn
            .query_row(
                "SELECT result FROM jobs
                 WHERE kind = 'evaluate' AND state = 'done' AND json_extract(result, '$.data_hash') = ?1
                 ORDER BY id DESC LIMIT 1",
                params![data_hash],
                |row| row.get(0),
            )
            .optional()?;
        Ok(result.and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Every run, newest first.
    pub fn runs(&self) -> Result<Vec<RunRecord>, StoreError> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs ORDER BY id DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], run_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn run(&self, id: i64) -> Result<Option<RunRecord>, StoreError> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1");
        Ok(self.conn.query_row(&sql, params![id], run_from_row).optional()?)
    }

    pub fn active_run(&self) -> Result<Option<RunRecord>, StoreError> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE active = 1");
        Ok(self.conn.query_row(&sql, [], run_from_row).optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn new_run(hash: &str) -> NewRun {
        NewRun {
            job_id: None,
            backend: "linfa".into(),
            model_kind: "logistic".into(),
            label_source: "gold".into(),
            data_hash: hash.into(),
            n_examples: 10,
            params: json!({"alpha": 0.01}),
            seed: 7,
            metrics: None,
        }
    }

    fn path(id: i64) -> String {
        format!(".quorum/runs/{id}/model.json")
    }

    #[test]
    fn newest_run_becomes_active() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store.insert_run(&new_run("a"), &path).unwrap();
        assert_eq!(store.active_run().unwrap(), None, "an inserted run waits for its files");
        assert!(store.activate_new_run(first).unwrap());
        let second = store.insert_run(&new_run("b"), &path).unwrap();
        assert!(store.activate_new_run(second).unwrap());

        let active = store.active_run().unwrap().unwrap();
        assert_eq!(active.id, second);
        assert_eq!(active.model_path, path(second));
        assert_eq!(active.seed, 7);
        let runs = store.runs().unwrap();
        assert_eq!(runs.iter().filter(|r| r.active).count(), 1);
        assert_eq!(runs[0].id, second, "newest first");
    }

    #[test]
    fn pinned_run_stays_active() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store.insert_run(&new_run("a"), &path).unwrap();
        store.activate_new_run(first).unwrap();
        assert!(store.pin_run(first).unwrap());
        assert!(!store.pin_run(99).unwrap());

        let second = store.insert_run(&new_run("b"), &path).unwrap();
        assert!(!store.activate_new_run(second).unwrap());
        assert_eq!(store.active_run().unwrap().unwrap().id, first);
        assert_eq!(store.pinned_run().unwrap(), Some(first));

        store.unpin_run().unwrap();
        let third = store.insert_run(&new_run("c"), &path).unwrap();
        assert!(store.activate_new_run(third).unwrap());
    }

    #[test]
    fn metrics_fill_runs_of_the_same_snapshot() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.insert_run(&new_run("a"), &path).unwrap();
        store.insert_run(&new_run("b"), &path).unwrap();
        assert_eq!(store.fill_run_metrics("a", &json!({"accuracy": 0.5})).unwrap(), vec![a]);
        assert_eq!(store.run(a).unwrap().unwrap().metrics, Some(json!({"accuracy": 0.5})));
        assert!(store.fill_run_metrics("a", &json!({"accuracy": 0.9})).unwrap().is_empty(), "kept once set");

        let job = store.create_job("evaluate", &json!({}), "alice").unwrap();
        store.start_job(job, 1).unwrap();
        store.finish_job(job, &json!({"data_hash": "b", "accuracy": 0.7})).unwrap();
        assert_eq!(store.evaluation_of_snapshot("b").unwrap().unwrap()["accuracy"], json!(0.7));
        assert_eq!(store.evaluation_of_snapshot("a").unwrap(), None);
    }
}
