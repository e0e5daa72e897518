//! Answers: appending to the annotation log and reading the current answers back.

use super::{Store, StoreError};
use crate::core::ids::ItemId;
use crate::core::item::Item;
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

/// What became of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerOutcome {
    /// Committed to the store, at this position in the log.
    Recorded { seq: i64 },
    /// Rejected: the item already has its `redundancy` distinct annotators, because this
    /// annotator's lease ran out and others answered meanwhile. Nothing was written.
    ItemFull,
}

/// One item whose current answers changed, as `(annotator, label)` pairs before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub item: ItemId,
    pub before: Vec<(String, String)>,
    pub after: Vec<(String, String)>,
}

/// The expected answer to a gold item, for the screen to show after an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldFeedback {
    pub expected: String,
    pub correct: bool,
}

/// One row of the history, for `quorum export --what history`: every row of the
/// annotation log in `seq` order, then every adjudication in its own `seq` order (action
/// `adjudicate`, with the reviewer as annotator).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryRow {
    /// Position in the annotation log, or in the adjudication log for adjudications.
    pub seq: i64,
    pub item: String,
    pub annotator: String,
    pub action: String,
    pub label: Option<String>,
    pub created_at: String,
    pub time_spent_ms: Option<i64>,
}

impl Store {
    /// Records `annotator`'s answer to `item`. Answering again after an undo, or
    /// changing an answer, replaces the current answer without counting a second
    /// annotator. The lease on the item is released.
    pub fn record_answer(
        &mut self,
        item: ItemId,
        annotator: &str,
        label: &str,
        time_spent_ms: Option<i64>,
        redundancy: u32,
    ) -> Result<AnswerOutcome, StoreError> {
        let tx = self.write_tx()?;

        let already: bool = tx
            .query_row(
                "SELECT 1 FROM current_answers WHERE item_id = ?1 AND annotator = ?2",
                params![item.0, annotator],
                |_| Ok(true),
            )
            .optional()?
            .unwrap_or(false);
        let n_answers: i64 = tx
            .query_row("SELECT n_answers FROM items WHERE id = ?1", [item.0], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NoSuchItem(item.0))?;

        if !already && n_answers >= i64::from(redundancy) {
            tx.execute("DELETE FROM leases WHERE item_id = ?1 AND annotator = ?2", params![item.0, annotator])?;
            tx.commit()?;
            return Ok(AnswerOutcome::ItemFull);
        }

        tx.execute(
            "INSERT INTO annotations (item_id, annotator, action, label, created_at, time_spent_ms)
             VALUES (?1, ?2, 'answer', ?3, ?4, ?5)",
            params![item.0, annotator, label, Store::now_rfc3339(), time_spent_ms],
        )?;
        let seq = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO current_answers (item_id, annotator, label, seq) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(item_id, annotator) DO UPDATE SET label = excluded.label, seq = excluded.seq",
            params![item.0, annotator, label, seq],
        )?;
        if !already {
            tx.execute("UPDATE items SET n_answers = n_answers + 1 WHERE id = ?1", [item.0])?;
        }
        tx.execute("DELETE FROM leases WHERE item_id = ?1 AND annotator = ?2", params![item.0, annotator])?;
        tx.execute("DELETE FROM skips WHERE item_id = ?1 AND annotator = ?2", params![item.0, annotator])?;
        tx.commit()?;
        Ok(AnswerOutcome::Recorded { seq })
    }

    /// Records that `annotator` skipped `item`: it is not handed to them again.
    pub fn record_skip(&mut self, item: ItemId, annotator: &str) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO annotations (item_id, annotator, action, label, created_at) VALUES (?1, ?2, 'skip', NULL, ?3)",
            params![item.0, annotator, Store::now_rfc3339()],
        )?;
        tx.execute("INSERT OR IGNORE INTO skips (item_id, annotator) VALUES (?1, ?2)", params![item.0, annotator])?;
        tx.execute("DELETE FROM leases WHERE item_id = ?1 AND annotator = ?2", params![item.0, annotator])?;
        tx.commit()?;
        Ok(())
    }

    /// Withdraws `annotator`'s most recent current answer and leases that item back to
    /// them, so the screen can reopen it. Returns the item and the withdrawn label, or
    /// `None` when the annotator has no answer left to undo. The log keeps both rows.
    pub fn undo_last_answer(
        &mut self,
        annotator: &str,
        lease_seconds: u64,
    ) -> Result<Option<(Item, String)>, StoreError> {
        let tx = self.write_tx()?;
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT item_id, label FROM current_answers WHERE annotator = ?1 ORDER BY seq DESC LIMIT 1",
                [annotator],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((item_id, label)) = last else {
            return Ok(None);
        };

        tx.execute(
            "INSERT INTO annotations (item_id, annotator, action, label, created_at) VALUES (?1, ?2, 'undo', NULL, ?3)",
            params![item_id, annotator, Store::now_rfc3339()],
        )?;
        tx.execute("DELETE FROM current_answers WHERE item_id = ?1 AND annotator = ?2", params![item_id, annotator])?;
        tx.execute("UPDATE items SET n_answers = n_answers - 1 WHERE id = ?1", [item_id])?;
        let expires = Store::now_millis() + (lease_seconds as i64) * 1000;
        let item = super::assignment::lease_item(&tx, item_id, annotator, expires)?;
        tx.commit()?;
        Ok(Some((item, label)))
    }

    /// Looks up the expected answer to `item` and whether `label` matches it. Returns
    /// `None` when gold feedback is off or the item has no gold label, so the screen
    /// shows nothing.
    pub fn gold_feedback(&self, item: ItemId, label: &str) -> Result<Option<GoldFeedback>, StoreError> {
        if !self.policy.gold_feedback {
            return Ok(None);
        }
        let gold: Option<String> = self
            .conn
            .query_row("SELECT gold FROM items WHERE id = ?1", [item.0], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NoSuchItem(item.0))?;
        Ok(gold.map(|expected| GoldFeedback { correct: expected == label, expected }))
    }

    /// The position of the newest row in the annotation log (0 for an empty log).
    pub fn max_seq(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT coalesce(max(seq), 0) FROM annotations", [], |r| r.get(0))?)
    }

    /// The current answer of `annotator` to `item`, if any.
    pub fn current_answer(&self, item: ItemId, annotator: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT label FROM current_answers WHERE item_id = ?1 AND annotator = ?2",
                params![item.0, annotator],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Calls `visit(item_key, annotator, label)` for every current answer, grouped by item.
    pub fn for_each_current_answer<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(&str, &str, &str) -> Result<(), E>,
    ) -> Result<(), E> {
        self.visit_current_answers(&mut visit)
    }

    fn visit_current_answers<E: From<StoreError>>(
        &self,
        visit: &mut impl FnMut(&str, &str, &str) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = "SELECT i.key, c.annotator, c.label FROM current_answers c JOIN items i ON i.id = c.item_id
                   ORDER BY c.item_id, c.annotator";
        let mut stmt = self.conn.prepare(sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let read = |i| row.get::<_, String>(i).map_err(StoreError::from);
            let (item, annotator, label) = (read(0)?, read(1)?, read(2)?);
            visit(&item, &annotator, &label)?;
        }
        Ok(())
    }

    /// Reads a consistent snapshot for the live statistics: every item's current
    /// answers, and the log position the snapshot stands at. Later changes come from
    /// [`Store::changes_since`] with that position.
    pub fn answer_snapshot(
        &mut self,
        mut visit: impl FnMut(ItemId, &[(String, String)]),
    ) -> Result<i64, StoreError> {
        let tx = self.conn.transaction()?;
        let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM annotations", [], |r| r.get(0))?;
        {
            let mut stmt = tx.prepare("SELECT item_id, annotator, label FROM current_answers ORDER BY item_id")?;
            let mut rows = stmt.query([])?;
            let mut current: Option<ItemId> = None;
            let mut answers: Vec<(String, String)> = Vec::new();
            while let Some(row) = rows.next()? {
                let item = ItemId(row.get(0)?);
                if current.is_some_and(|c| c != item) {
                    visit(current.expect("checked above"), &answers);
                    answers.clear();
                }
                current = Some(item);
                answers.push((row.get(1)?, row.get(2)?));
            }
            if let Some(item) = current {
                visit(item, &answers);
            }
        }
        tx.commit()?;
        Ok(seq)
    }

    /// Lists how each item's current answers changed after log position `since`, and
    /// returns the position the result is complete up to. The work is proportional to
    /// the answers on the changed items, not to the size of the project.
    pub fn changes_since(&mut self, since: i64) -> Result<(i64, Vec<ItemChange>), StoreError> {
        let tx = self.conn.transaction()?;
        let upto: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM annotations", [], |r| r.get(0))?;
        if upto <= since {
            return Ok((since, Vec::new()));
        }

        // Which annotators touched which items in (since, upto].
        let mut touched: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT item_id, annotator FROM annotations WHERE seq > ?1 AND seq <= ?2 AND action != 'skip'",
            )?;
            let rows = stmt.query_map(params![since, upto], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (item, annotator) = row?;
                touched.entry(item).or_default().push(annotator);
            }
        }

        let mut changes = Vec::with_capacity(touched.len());
        {
            let mut current_stmt =
                tx.prepare_cached("SELECT annotator, label FROM current_answers WHERE item_id = ?1 ORDER BY annotator")?;
            let mut previous_stmt = tx.prepare_cached(
                "SELECT action, label FROM annotations
                 WHERE item_id = ?1 AND annotator = ?2 AND seq <= ?3 AND action != 'skip'
                 ORDER BY seq DESC LIMIT 1",
            )?;
            for (item, annotators) in touched {
                let after: Vec<(String, String)> = current_stmt
                    .query_map([item], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                let mut before: Vec<(String, String)> =
                    after.iter().filter(|(a, _)| !annotators.contains(a)).cloned().collect();
                for annotator in &annotators {
                    let previous: Option<(String, Option<String>)> = previous_stmt
                        .query_row(params![item, annotator, since], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?;
                    if let Some((action, Some(label))) = previous
                        && action == "answer"
                    {
                        before.push((annotator.clone(), label));
                    }
                }
                before.sort();
                changes.push(ItemChange { item: ItemId(item), before, after });
            }
        }
        tx.commit()?;
        Ok((upto, changes))
    }

    /// Calls `visit` for every row of the annotation log, oldest first.
    pub fn for_each_history_row<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(HistoryRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = "SELECT a.seq, i.key, a.annotator, a.action, a.label, a.created_at, a.time_spent_ms
                   FROM annotations a JOIN items i ON i.id = a.item_id ORDER BY a.seq";
        let mut stmt = self.conn.prepare(sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            visit(history_row(row).map_err(StoreError::from)?)?;
        }
        self.visit_adjudication_history(&mut visit)
    }
}

pub(super) fn history_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryRow> {
    Ok(HistoryRow {
        seq: row.get(0)?,
        item: row.get(1)?,
        annotator: row.get(2)?,
        action: row.get(3)?,
        label: row.get(4)?,
        created_at: row.get(5)?,
        time_spent_ms: row.get(6)?,
    })
}
