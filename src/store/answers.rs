//! Answers: appending to the annotation log and reading the current answers back.

use super::{Store, StoreError};
use crate::core::ids::ItemId;
use crate::core::item::Item;
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

/// One answer to record: which item and question, the label, and what the screen knew.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewAnswer<'a> {
    pub item: ItemId,
    pub question: &'a str,
    pub label: &'a str,
    /// Time from showing the question to the answer, in milliseconds.
    pub time_spent_ms: Option<i64>,
    /// The label the screen suggested while the annotator chose, if any.
    pub suggested: Option<&'a str>,
}

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
    /// The label the screen suggested when this answer was given, if it showed one.
    pub suggested: Option<String>,
    /// The question answered, undone or adjudicated; `None` on a skip, which covers the
    /// whole item.
    pub question: Option<String>,
}

/// An answer withdrawn by [`Store::undo_last_question_answer`].
#[derive(Debug, Clone, PartialEq)]
pub struct UndoneAnswer {
    /// The item, leased back to the annotator.
    pub item: Item,
    pub question: String,
    pub label: String,
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
        self.record_suggested_answer(item, annotator, label, time_spent_ms, redundancy, None)
    }

    /// Records an answer as [`Store::record_answer`] does, with the label the screen
    /// suggested while the annotator chose (`None` when it showed no suggestion). The
    /// suggestion is kept in the log, so that anchoring on it can be measured later.
    pub fn record_suggested_answer(
        &mut self,
        item: ItemId,
        annotator: &str,
        label: &str,
        time_spent_ms: Option<i64>,
        redundancy: u32,
        suggested: Option<&str>,
    ) -> Result<AnswerOutcome, StoreError> {
        let question = self.question.clone();
        let answer = NewAnswer { item, question: &question, label, time_spent_ms, suggested };
        self.record_question_answer(annotator, answer, redundancy)
    }

    /// Records `annotator`'s answer to one question of an item. The item counts one
    /// annotator more towards `redundancy` at their first answer on it, whatever the
    /// question. The lease stays until the annotator has answered every question of the
    /// task, so that the rest of the item stays theirs.
    pub fn record_question_answer(
        &mut self,
        annotator: &str,
        answer: NewAnswer<'_>,
        redundancy: u32,
    ) -> Result<AnswerOutcome, StoreError> {
        let NewAnswer { item, question, label, time_spent_ms, suggested } = answer;
        let n_questions = self.questions.len() as i64;
        let tx = self.write_tx()?;

        let already: bool = tx
            .query_row(
                "SELECT 1 FROM current_answers WHERE item_id = ?1 AND annotator = ?2 LIMIT 1",
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
            "INSERT INTO annotations (item_id, annotator, action, label, created_at, time_spent_ms, suggested, question)
             VALUES (?1, ?2, 'answer', ?3, ?4, ?5, ?6, ?7)",
            params![item.0, annotator, label, Store::now_rfc3339(), time_spent_ms, suggested, question],
        )?;
        let seq = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO current_answers (item_id, annotator, question, label, seq) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(item_id, annotator, question) DO UPDATE SET label = excluded.label, seq = excluded.seq",
            params![item.0, annotator, question, label, seq],
        )?;
        if !already {
            tx.execute("UPDATE items SET n_answers = n_answers + 1 WHERE id = ?1", [item.0])?;
        }
        let answered: i64 = tx.query_row(
            "SELECT count(*) FROM current_answers WHERE item_id = ?1 AND annotator = ?2",
            params![item.0, annotator],
            |r| r.get(0),
        )?;
        if answered >= n_questions {
            tx.execute("DELETE FROM leases WHERE item_id = ?1 AND annotator = ?2", params![item.0, annotator])?;
        }
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
        Ok(self.undo_last_question_answer(annotator, lease_seconds)?.map(|undone| (undone.item, undone.label)))
    }

    /// Withdraws `annotator`'s most recent current answer, to whichever question, and
    /// leases that item back to them. The item stops counting the annotator towards its
    /// redundancy only when no answer of theirs to it is left. Returns `None` when the
    /// annotator has no answer left to undo. The log keeps both rows.
    pub fn undo_last_question_answer(
        &mut self,
        annotator: &str,
        lease_seconds: u64,
    ) -> Result<Option<UndoneAnswer>, StoreError> {
        let tx = self.write_tx()?;
        let last: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT item_id, question, label FROM current_answers WHERE annotator = ?1 ORDER BY seq DESC LIMIT 1",
                [annotator],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((item_id, question, label)) = last else {
            return Ok(None);
        };

        tx.execute(
            "INSERT INTO annotations (item_id, annotator, action, label, created_at, question)
             VALUES (?1, ?2, 'undo', NULL, ?3, ?4)",
            params![item_id, annotator, Store::now_rfc3339(), question],
        )?;
        tx.execute(
            "DELETE FROM current_answers WHERE item_id = ?1 AND annotator = ?2 AND question = ?3",
            params![item_id, annotator, question],
        )?;
        let others_left: bool = tx
            .query_row(
                "SELECT 1 FROM current_answers WHERE item_id = ?1 AND annotator = ?2 LIMIT 1",
                params![item_id, annotator],
                |_| Ok(true),
            )
            .optional()?
            .unwrap_or(false);
        if !others_left {
            tx.execute("UPDATE items SET n_answers = n_answers - 1 WHERE id = ?1", [item_id])?;
        }
        let expires = Store::now_millis() + (lease_seconds as i64) * 1000;
        let item = super::assignment::lease_item(&tx, item_id, annotator, expires)?;
        tx.commit()?;
        Ok(Some(UndoneAnswer { item, question, label }))
    }

    /// Looks up the expected answer to `item` and whether `label` matches it. Returns
    /// `None` when gold feedback is off or the item has no gold label, so the screen
    /// shows nothing.
    pub fn gold_feedback(&self, item: ItemId, label: &str) -> Result<Option<GoldFeedback>, StoreError> {
        self.gold_feedback_for(item, &self.question, label)
    }

    /// Looks up gold feedback as [`Store::gold_feedback`] does, for `question`.
    pub fn gold_feedback_for(
        &self,
        item: ItemId,
        question: &str,
        label: &str,
    ) -> Result<Option<GoldFeedback>, StoreError> {
        if !self.policy.gold_feedback {
            return Ok(None);
        }
        let sql = format!("SELECT {} FROM items i WHERE i.id = ?1", self.gold_sql_for("i", question));
        let gold: Option<String> =
            self.conn.query_row(&sql, [item.0], |r| r.get(0)).optional()?.ok_or(StoreError::NoSuchItem(item.0))?;
        Ok(gold.map(|expected| GoldFeedback { correct: expected == label, expected }))
    }

    /// The position of the newest row in the annotation log (0 for an empty log).
    pub fn max_seq(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT coalesce(max(seq), 0) FROM annotations", [], |r| r.get(0))?)
    }

    /// The current answer of `annotator` to `item` under the selected question, if any.
    pub fn current_answer(&self, item: ItemId, annotator: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT label FROM current_answers WHERE item_id = ?1 AND annotator = ?2 AND question = ?3",
                params![item.0, annotator, self.question],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The current answers of `annotator` to `item` as `(question, label)`, in the order
    /// they were given.
    pub fn item_answers_of(&self, item: ItemId, annotator: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT question, label FROM current_answers WHERE item_id = ?1 AND annotator = ?2 ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![item.0, annotator], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `visit(item_key, annotator, label)` for every current answer to the selected
    /// question, grouped by item.
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
                   WHERE c.question = ?1 ORDER BY c.item_id, c.annotator";
        let mut stmt = self.conn.prepare(sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([&self.question]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let read = |i| row.get::<_, String>(i).map_err(StoreError::from);
            let (item, annotator, label) = (read(0)?, read(1)?, read(2)?);
            visit(&item, &annotator, &label)?;
        }
        Ok(())
    }

    /// Returns the id of a question that current answers belong to but that is not one of
    /// the task's questions, if there is one. Each gap between the sorted ids costs one
    /// seek on the `(question, item_id)` index, so the check stays cheap on a large store.
    pub fn unlisted_answer_question(&self) -> Result<Option<String>, StoreError> {
        let mut ids: Vec<&str> = self.questions.iter().map(String::as_str).collect();
        ids.sort_unstable();
        let mut stmt = self.conn.prepare_cached(
            "SELECT question FROM current_answers
             WHERE (?1 IS NULL OR question > ?1) AND (?2 IS NULL OR question < ?2)
             ORDER BY question LIMIT 1",
        )?;
        let lower_bounds = std::iter::once(None).chain(ids.iter().copied().map(Some));
        let upper_bounds = ids.iter().copied().map(Some).chain(std::iter::once(None));
        for (lower, upper) in lower_bounds.zip(upper_bounds) {
            if let Some(found) = stmt.query_row(params![lower, upper], |r| r.get(0)).optional()? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// Calls `visit(item_key, annotator, question, label)` for every current answer to
    /// every question, by item and annotator, each annotator's answers in the order given.
    pub fn for_each_question_answer<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(&str, &str, &str, &str) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql =
            "SELECT i.key, c.annotator, c.question, c.label FROM current_answers c JOIN items i ON i.id = c.item_id
                   ORDER BY c.item_id, c.annotator, c.seq";
        let mut stmt = self.conn.prepare(sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let read = |i| row.get::<_, String>(i).map_err(StoreError::from);
            visit(&read(0)?, &read(1)?, &read(2)?, &read(3)?)?;
        }
        Ok(())
    }

    /// Reads a consistent snapshot for the live statistics: every item's current
    /// answers to the selected question, and the log position the snapshot stands at. Later changes come from
    /// [`Store::changes_since`] with that position.
    pub fn answer_snapshot(&mut self, mut visit: impl FnMut(ItemId, &[(String, String)])) -> Result<i64, StoreError> {
        let tx = self.conn.transaction()?;
        let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM annotations", [], |r| r.get(0))?;
        {
            let mut stmt = tx.prepare(
                "SELECT item_id, annotator, label FROM current_answers WHERE question = ?1 ORDER BY item_id, annotator",
            )?;
            let mut rows = stmt.query([&self.question])?;
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

    /// Lists how each item's current answers to the selected question changed after log
    /// position `since`, and
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
                "SELECT DISTINCT item_id, annotator FROM annotations
                 WHERE seq > ?1 AND seq <= ?2 AND action != 'skip' AND question = ?3",
            )?;
            let rows = stmt.query_map(params![since, upto, self.question], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (item, annotator) = row?;
                touched.entry(item).or_default().push(annotator);
            }
        }

        let mut changes = Vec::with_capacity(touched.len());
        {
            let mut current_stmt = tx.prepare_cached(
                "SELECT annotator, label FROM current_answers WHERE item_id = ?1 AND question = ?2 ORDER BY annotator",
            )?;
            let mut previous_stmt = tx.prepare_cached(
                "SELECT action, label FROM annotations
                 WHERE item_id = ?1 AND annotator = ?2 AND seq <= ?3 AND action != 'skip' AND question = ?4
                 ORDER BY seq DESC LIMIT 1",
            )?;
            for (item, annotators) in touched {
                let after: Vec<(String, String)> = current_stmt
                    .query_map(params![item, self.question], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                let mut before: Vec<(String, String)> =
                    after.iter().filter(|(a, _)| !annotators.contains(a)).cloned().collect();
                for annotator in &annotators {
                    let previous: Option<(String, Option<String>)> = previous_stmt
                        .query_row(params![item, annotator, since, self.question], |r| Ok((r.get(0)?, r.get(1)?)))
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
        let sql = "SELECT a.seq, i.key, a.annotator, a.action, a.label, a.created_at, a.time_spent_ms, a.suggested,
                          a.question
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
        suggested: row.get(7)?,
        question: row.get(8)?,
    })
}
