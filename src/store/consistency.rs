//! Checks that the derived tables still match the annotation log.

use super::{Store, StoreError};

/// Counts of rows where derived state and the log disagree; all zero in a sound store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ConsistencyReport {
    /// Items whose `n_answers` differs from their number of annotators with a current answer.
    pub items_with_wrong_count: u64,
    /// Current answers whose log row is missing or is not the same answer.
    pub answers_without_log_row: u64,
    /// `(item, annotator, question)` triples whose newest answer or undo in the log
    /// disagrees with whether a current answer exists.
    pub pairs_out_of_step: u64,
    /// Answer counts whose number of items in `answer_histogram` differs from `items`.
    pub histogram_rows_wrong: u64,
}

impl ConsistencyReport {
    pub fn is_consistent(&self) -> bool {
        *self == ConsistencyReport::default()
    }
}

impl Store {
    /// Compares `items.n_answers` and `current_answers` with the annotation log. Reads
    /// the whole log, so it is for tests and repair tools, not for every request.
    pub fn check_consistency(&self) -> Result<ConsistencyReport, StoreError> {
        let count =
            |sql: &str| -> Result<u64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(ConsistencyReport {
            items_with_wrong_count: count(
                "SELECT count(*) FROM items i
                 WHERE i.n_answers != (SELECT count(DISTINCT c.annotator) FROM current_answers c WHERE c.item_id = i.id)",
            )?,
            answers_without_log_row: count(
                "SELECT count(*) FROM current_answers c LEFT JOIN annotations a ON a.seq = c.seq
                 WHERE a.seq IS NULL OR a.action != 'answer' OR a.label != c.label
                    OR a.item_id != c.item_id OR a.annotator != c.annotator OR a.question IS NOT c.question",
            )?,
            pairs_out_of_step: count(
                "SELECT count(*) FROM (
                     SELECT item_id, annotator, question, max(seq) AS last FROM annotations
                     WHERE action != 'skip' GROUP BY item_id, annotator, question
                 ) l JOIN annotations a ON a.seq = l.last
                 WHERE (a.action = 'answer') != EXISTS (
                     SELECT 1 FROM current_answers c
                     WHERE c.item_id = l.item_id AND c.annotator = l.annotator AND c.question = l.question
                       AND c.seq = l.last)",
            )?,
            histogram_rows_wrong: count(
                "SELECT count(*) FROM (
                     SELECT n_answers, count(*) AS n FROM items GROUP BY n_answers
                 ) actual FULL OUTER JOIN (
                     SELECT n_answers, n_items AS n FROM answer_histogram WHERE n_items != 0
                 ) kept ON kept.n_answers = actual.n_answers
                 WHERE actual.n IS NOT kept.n",
            )?,
        })
    }
}
