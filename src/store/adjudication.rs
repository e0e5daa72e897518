//! Adjudication: a lead's or reviewer's final label for an item the annotators disagree on.
//!
//! The `adjudications` table is a log like `annotations`: rows are only appended, and the
//! newest row of an item is its adjudicated label. Aggregation, export and training use
//! that label in place of the one inferred from the answers.

use super::answers::HistoryRow;
use super::{Store, StoreError};
use crate::core::aggregation::Aggregation;
use crate::core::ids::ItemId;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// The adjudicated label of an item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Adjudication {
    pub seq: i64,
    pub label: String,
    pub reviewer: String,
    pub created_at: String,
}

/// An item whose current answers do not all agree, for the review queue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Disagreement {
    pub item: ItemId,
    pub key: String,
    /// Current answers on the item.
    pub n_answers: u64,
    pub distinct_labels: u64,
    /// Share of the answers that went to the most frequent label, from 0 to 1.
    pub majority_share: f64,
    /// `(label, answers)`, most frequent first, ties by label.
    pub label_counts: Vec<(String, u64)>,
    /// The newest adjudicated label, if the item has one.
    pub adjudicated: Option<String>,
}

impl Store {
    /// Appends `reviewer`'s final label for `item` under the selected question and returns
    /// its position in the adjudication log. A later call for the same item and question
    /// replaces it; both rows are kept. The caller checks that `label` is one of the
    /// question's labels.
    pub fn adjudicate(&mut self, item: ItemId, label: &str, reviewer: &str) -> Result<i64, StoreError> {
        let question = self.question.clone();
        let tx = self.write_tx()?;
        let exists = tx.query_row("SELECT 1 FROM items WHERE id = ?1", [item.0], |_| Ok(())).optional()?.is_some();
        if !exists {
            return Err(StoreError::NoSuchItem(item.0));
        }
        tx.execute(
            "INSERT INTO adjudications (item_id, label, reviewer, created_at, question) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![item.0, label, reviewer, Store::now_rfc3339(), question],
        )?;
        let seq = tx.last_insert_rowid();
        tx.commit()?;
        Ok(seq)
    }

    /// The newest adjudication of `item` under the selected question, if any.
    pub fn adjudication(&self, item: ItemId) -> Result<Option<Adjudication>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT seq, label, reviewer, created_at FROM adjudications WHERE item_id = ?1 AND question = ?2
                 ORDER BY seq DESC LIMIT 1",
                params![item.0, self.question],
                |r| Ok(Adjudication { seq: r.get(0)?, label: r.get(1)?, reviewer: r.get(2)?, created_at: r.get(3)? }),
            )
            .optional()?)
    }

    /// The adjudicated label of every item adjudicated under the selected question, keyed
    /// by external item id.
    pub fn adjudicated_labels(&self) -> Result<HashMap<String, String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT i.key, a.label FROM adjudications a JOIN items i ON i.id = a.item_id
             WHERE a.question = ?1
               AND a.seq = (SELECT max(b.seq) FROM adjudications b WHERE b.item_id = a.item_id AND b.question = ?1)",
        )?;
        let rows = stmt.query_map([&self.question], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The current answers on `item` to the selected question as `(annotator, label)`, by
    /// annotator.
    pub fn item_answers(&self, item: ItemId) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT annotator, label FROM current_answers WHERE item_id = ?1 AND question = ?2 ORDER BY annotator",
        )?;
        let rows = stmt.query_map(params![item.0, self.question], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One page of the items whose answers to the selected question disagree, worst
    /// first: the lowest majority share, then the most distinct labels, then the most
    /// answers. Adjudicated items are left out unless `include_adjudicated`.
    ///
    /// SQLite groups and sorts the answers itself, spilling to temporary files when
    /// large, so only the `limit` rows of the page reach memory here. Each page costs one
    /// pass over the current answers.
    pub fn disagreements(
        &self,
        offset: u64,
        limit: u64,
        include_adjudicated: bool,
    ) -> Result<Vec<Disagreement>, StoreError> {
        let sql = format!(
            "{items}
             SELECT p.item_id, i.key, p.top, p.total, p.distinct_labels,
                    (SELECT a.label FROM adjudications a WHERE a.item_id = p.item_id AND a.question = {question}
                     ORDER BY a.seq DESC LIMIT 1)
             FROM per_item p JOIN items i ON i.id = p.item_id
             WHERE ?3 OR NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = p.item_id AND a.question = {question})
             ORDER BY CAST(p.top AS REAL) / p.total ASC, p.distinct_labels DESC, p.total DESC, p.item_id
             LIMIT ?1 OFFSET ?2",
            items = self.disagreement_items_sql(),
            question = super::sql_literal(&self.question),
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![limit as i64, offset as i64, include_adjudicated], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let page: Vec<_> = rows.collect::<Result<_, _>>()?;

        let mut counts_stmt = self.conn.prepare_cached(
            "SELECT label, count(*) AS n FROM current_answers WHERE item_id = ?1 AND question = ?2
             GROUP BY label ORDER BY n DESC, label",
        )?;
        let mut result = Vec::with_capacity(page.len());
        for (item, key, top, total, distinct, adjudicated) in page {
            let label_counts = counts_stmt
                .query_map(params![item, self.question], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?
                .collect::<Result<_, _>>()?;
            result.push(Disagreement {
                item: ItemId(item),
                key,
                n_answers: total as u64,
                distinct_labels: distinct as u64,
                majority_share: top as f64 / total as f64,
                label_counts,
                adjudicated,
            });
        }
        Ok(result)
    }

    /// How many items [`Store::disagreements`] would list over all pages.
    pub fn count_disagreements(&self, include_adjudicated: bool) -> Result<u64, StoreError> {
        let sql = format!(
            "{items}
             SELECT count(*) FROM per_item p
             WHERE ?1 OR NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = p.item_id AND a.question = {question})",
            items = self.disagreement_items_sql(),
            question = super::sql_literal(&self.question),
        );
        Ok(self.conn.query_row(&sql, [include_adjudicated], |r| r.get::<_, i64>(0))? as u64)
    }

    pub(super) fn visit_adjudication_history<E: From<StoreError>>(
        &self,
        visit: &mut impl FnMut(HistoryRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = "SELECT a.seq, i.key, a.reviewer, a.label, a.created_at, a.question
                   FROM adjudications a JOIN items i ON i.id = a.item_id ORDER BY a.seq";
        let mut stmt = self.conn.prepare(sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let read = || -> rusqlite::Result<HistoryRow> {
                Ok(HistoryRow {
                    seq: row.get(0)?,
                    item: row.get(1)?,
                    annotator: row.get(2)?,
                    action: "adjudicate".to_string(),
                    label: row.get(3)?,
                    created_at: row.get(4)?,
                    time_spent_ms: None,
                    suggested: None,
                    question: row.get(5)?,
                })
            };
            visit(read().map_err(StoreError::from)?)?;
        }
        Ok(())
    }
}

/// Replaces the inferred label of every adjudicated item with its adjudicated label, at
/// confidence 1, and appends adjudicated items the method had no answers for.
pub fn apply_adjudications(result: &mut Aggregation, adjudicated: &HashMap<String, String>) {
    let mut seen = std::collections::HashSet::new();
    for index in 0..result.items.len() {
        if let Some((item, label)) = adjudicated.get_key_value(result.items[index].item.as_str()) {
            result.set_certain(index, label);
            seen.insert(item.as_str());
        }
    }
    let mut missing: Vec<(&String, &String)> =
        adjudicated.iter().filter(|(item, _)| !seen.contains(item.as_str())).collect();
    missing.sort();
    for (item, label) in missing {
        result.push_certain(item, label);
    }
}

impl Store {
    /// The per-item label statistics, under the selected question, of items with more
    /// than one distinct current label.
    fn disagreement_items_sql(&self) -> String {
        format!(
            "WITH label_counts AS (
                 SELECT item_id, label, count(*) AS n FROM current_answers WHERE question = {question}
                 GROUP BY item_id, label
             ), per_item AS (
                 SELECT item_id, max(n) AS top, sum(n) AS total, count(*) AS distinct_labels
                 FROM label_counts GROUP BY item_id HAVING count(*) > 1
             )",
            question = super::sql_literal(&self.question)
        )
    }
}
