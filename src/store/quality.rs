//! Store queries behind the per-annotator quality figures.

use super::{Store, StoreError};
use crate::core::quality::{ItemAnswer, QualityAccumulator, QualityThresholds, TeamQuality};

impl Store {
    /// Computes every annotator's quality figures from their current answers to the
    /// selected question, streaming the answers item by item. Times come from each
    /// answer's log row.
    pub fn annotator_quality(&self, thresholds: &QualityThresholds) -> Result<TeamQuality, StoreError> {
        let sql = format!(
            "SELECT c.item_id, {gold}, c.annotator, c.label, a.time_spent_ms
             FROM current_answers c
             JOIN items i ON i.id = c.item_id
             JOIN annotations a ON a.seq = c.seq
             WHERE c.question = ?1
             ORDER BY c.item_id",
            gold = self.gold_sql("i")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([&self.question])?;
        let mut accumulator = QualityAccumulator::new();
        let mut current: Option<(i64, Option<String>)> = None;
        let mut answers: Vec<(String, String, Option<i64>)> = Vec::new();
        let mut flush = |gold: Option<&str>, answers: &mut Vec<(String, String, Option<i64>)>| {
            let borrowed: Vec<ItemAnswer<'_>> = answers
                .iter()
                .map(|(annotator, label, ms)| ItemAnswer { annotator, label, time_spent_ms: *ms })
                .collect();
            accumulator.add_item(gold, &borrowed);
            answers.clear();
        };
        while let Some(row) = rows.next()? {
            let item: i64 = row.get(0)?;
            if let Some((previous, gold)) = &current
                && *previous != item
            {
                flush(gold.as_deref(), &mut answers);
            }
            if current.as_ref().is_none_or(|(previous, _)| *previous != item) {
                current = Some((item, row.get(1)?));
            }
            answers.push((row.get(2)?, row.get(3)?, row.get(4)?));
        }
        if let Some((_, gold)) = &current {
            flush(gold.as_deref(), &mut answers);
        }
        Ok(accumulator.finish(thresholds))
    }
}
