//! Assignment: handing each annotator the next item, under leases.
//!
//! An item may be handed to annotator A when A has neither answered nor skipped it and
//! its current answers plus the unexpired leases of other annotators stay below the
//! redundancy. Handing it out writes a lease; a lease that is not renewed expires, and
//! the item goes back to the queue. All of it happens in one `BEGIN IMMEDIATE`
//! transaction, so two processes can never both take the last free place on an item.
//!
//! With a gold rate set, each pick first decides between the next gold item and the next
//! regular item (see [`prefers_gold`]), falling back to the other kind when one runs out.
//! Gold items count toward the redundancy like any other item, so that the gold answers
//! also measure agreement and every item ends with the same number of answers.

use super::items::row_to_item;
use super::{Store, StoreError};
use crate::core::assignment::{Order, order_key};
use crate::core::ids::ItemId;
use crate::core::item::Item;
use rusqlite::{OptionalExtension, Transaction, params};

/// Where an annotator and the project stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Items this annotator has answered every question of.
    pub done_by_annotator: u64,
    /// Answers the project still needs to reach `redundancy` on every item.
    pub answers_needed: u64,
    pub n_items: u64,
}

impl Store {
    /// Leases the next item to `annotator` and returns it, or `None` when nothing is left
    /// for them. An unexpired lease the annotator already holds (an item shown before a
    /// crash, or reopened by undo) is returned first, so work resumes where it stopped.
    pub fn next_item(
        &mut self,
        annotator: &str,
        redundancy: u32,
        lease_seconds: u64,
    ) -> Result<Option<Item>, StoreError> {
        let now = Store::now_millis();
        let expires = now + (lease_seconds as i64) * 1000;
        let policy = self.policy;
        let n_questions = self.questions.len() as i64;
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM leases WHERE expires_at <= ?1", [now])?;

        let held: Option<i64> = tx
            .query_row(
                "SELECT l.item_id FROM leases l JOIN items i ON i.id = l.item_id
                 WHERE l.annotator = ?1
                   AND (SELECT count(*) FROM current_answers c WHERE c.item_id = l.item_id AND c.annotator = ?1) < ?2
                 ORDER BY i.ord, i.id LIMIT 1",
                params![annotator, n_questions],
                |r| r.get(0),
            )
            .optional()?;

        let chosen = match held {
            Some(id) => Some(id),
            None => match unfinished_item(&tx, annotator, n_questions)? {
                Some(id) => Some(id),
                None => choose_free_item(&tx, annotator, redundancy, policy)?,
            },
        };
        let Some(item_id) = chosen else {
            tx.commit()?;
            return Ok(None);
        };

        let item = lease_item(&tx, item_id, annotator, expires)?;
        tx.commit()?;
        Ok(Some(item))
    }

    /// Extends `annotator`'s lease on `item`; the screen calls this while the item is shown.
    pub fn renew_lease(&mut self, item: ItemId, annotator: &str, lease_seconds: u64) -> Result<(), StoreError> {
        let expires = Store::now_millis() + (lease_seconds as i64) * 1000;
        let tx = self.write_tx()?;
        tx.execute(
            "UPDATE leases SET expires_at = ?3 WHERE item_id = ?1 AND annotator = ?2",
            params![item.0, annotator, expires],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Gives `item` back to the queue at once, e.g. when the annotator quits.
    pub fn release_lease(&mut self, item: ItemId, annotator: &str) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM leases WHERE item_id = ?1 AND annotator = ?2", params![item.0, annotator])?;
        tx.commit()?;
        Ok(())
    }

    pub fn progress(&self, annotator: &str, redundancy: u32) -> Result<Progress, StoreError> {
        let done: i64 = self.conn.query_row(
            "SELECT count(*) FROM (
                 SELECT item_id FROM current_answers WHERE annotator = ?1 GROUP BY item_id HAVING count(*) >= ?2
             )",
            params![annotator, self.questions.len() as i64],
            |r| r.get(0),
        )?;
        // The histogram has one row per distinct answer count, so this reads a handful of rows.
        let (needed, n_items): (i64, i64) = self.conn.query_row(
            "SELECT coalesce(sum(max(0, ?1 - n_answers) * n_items), 0), coalesce(sum(n_items), 0) FROM answer_histogram",
            [i64::from(redundancy)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Progress { done_by_annotator: done as u64, answers_needed: needed as u64, n_items: n_items as u64 })
    }

    /// Sets the priority of items for `order = "priority"`: higher is handed out first,
    /// and items never given one come after all others. All or nothing: an unknown item
    /// or a non-finite value rolls the whole call back. Returns how many were set.
    pub fn set_priorities(&mut self, priorities: impl IntoIterator<Item = (ItemId, f64)>) -> Result<u64, StoreError> {
        let tx = self.write_tx()?;
        let mut set = 0;
        {
            let mut stmt = tx.prepare_cached("UPDATE items SET priority = ?2 WHERE id = ?1")?;
            for (item, priority) in priorities {
                if !priority.is_finite() {
                    return Err(StoreError::InvalidPriority { item: item.0, value: priority });
                }
                if stmt.execute(params![item.0, priority])? == 0 {
                    return Err(StoreError::NoSuchItem(item.0));
                }
                set += 1;
            }
        }
        tx.commit()?;
        Ok(set)
    }

    /// The largest number of distinct annotators with a current answer on any item; a
    /// check that assignment never went over the redundancy.
    pub fn max_answers_per_item(&self) -> Result<u64, StoreError> {
        let max: i64 = self.conn.query_row(
            "SELECT coalesce(max(n), 0) FROM (SELECT count(DISTINCT annotator) AS n FROM current_answers GROUP BY item_id)",
            [],
            |r| r.get(0),
        )?;
        Ok(max as u64)
    }
}

/// Finds an item that `annotator` answered some but not all questions of, and has not
/// skipped, so that an expired lease does not strand a half-answered item. A task with
/// one question has no such items, so the query is not run.
fn unfinished_item(tx: &Transaction<'_>, annotator: &str, n_questions: i64) -> Result<Option<i64>, StoreError> {
    if n_questions <= 1 {
        return Ok(None);
    }
    Ok(tx
        .query_row(
            "SELECT c.item_id FROM current_answers c JOIN items i ON i.id = c.item_id
             WHERE c.annotator = ?1
               AND NOT EXISTS (SELECT 1 FROM skips s WHERE s.item_id = c.item_id AND s.annotator = ?1)
             GROUP BY c.item_id HAVING count(*) < ?2
             ORDER BY min(i.ord), c.item_id LIMIT 1",
            params![annotator, n_questions],
            |r| r.get(0),
        )
        .optional()?)
}

/// Which items a candidate search considers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Any,
    Gold,
    Regular,
}

/// Picks the next free item for `annotator` under `policy`.
fn choose_free_item(
    tx: &Transaction<'_>,
    annotator: &str,
    redundancy: u32,
    policy: super::AssignmentPolicy,
) -> Result<Option<i64>, StoreError> {
    let Some(rate) = policy.gold_rate else {
        return find_free_item(tx, annotator, redundancy, Kind::Any, policy.priority_order);
    };
    let (first, second) =
        if prefers_gold(tx, annotator, rate)? { (Kind::Gold, Kind::Regular) } else { (Kind::Regular, Kind::Gold) };
    match find_free_item(tx, annotator, redundancy, first, policy.priority_order)? {
        Some(id) => Ok(Some(id)),
        None => find_free_item(tx, annotator, redundancy, second, policy.priority_order),
    }
}

/// Whether the next item for `annotator` should be a gold one.
///
/// With `g` gold answers out of `t`, gold is chosen when `g + u < rate * (t + 1)`, where
/// `u` in [0, 1) is a hash of the annotator and `t`. So the gold count stays within one
/// item of `rate * t`, yet where the gold items fall is not a fixed pattern an annotator
/// could learn.
fn prefers_gold(tx: &Transaction<'_>, annotator: &str, rate: f64) -> Result<bool, StoreError> {
    // NOTE: this counts the annotator's answers on every pick. The cost grows with their
    // answer count, one items lookup per answer, and was not measured past a few hundred.
    let (gold, total): (i64, i64) = tx.query_row(
        "SELECT count(DISTINCT CASE WHEN i.gold IS NOT NULL THEN c.item_id END), count(DISTINCT c.item_id)
         FROM current_answers c JOIN items i ON i.id = c.item_id
         WHERE c.annotator = ?1",
        [annotator],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let jitter = order_key(Order::Random { seed: total as u64 }, annotator, 0) as f64 / (1u64 << 62) as f64;
    Ok((gold as f64) + jitter < rate * (total + 1) as f64)
}

/// The first item in assignment order of the given kind that `annotator` may take.
///
/// Full items are never scanned: for each answer count below the redundancy, an index on
/// `(n_answers, order)` yields that group's first eligible item, and the earliest of
/// those wins. So a pick costs one index seek per answer count, plus the items of each
/// group that `annotator` answered, skipped or finds leased to others.
fn find_free_item(
    tx: &Transaction<'_>,
    annotator: &str,
    redundancy: u32,
    kind: Kind,
    priority_order: bool,
) -> Result<Option<i64>, StoreError> {
    let kind_filter = match kind {
        Kind::Any => "",
        Kind::Gold => "AND i.gold IS NOT NULL",
        Kind::Regular => "AND i.gold IS NULL",
    };
    // SQLite sorts NULL below every number, so items without a priority come last.
    let order = if priority_order { "i.priority DESC, i.ord, i.id" } else { "i.ord, i.id" };
    let sql = format!(
        "SELECT i.id, i.priority, i.ord FROM items i
         WHERE i.n_answers = ?3 {kind_filter}
           AND NOT EXISTS (SELECT 1 FROM current_answers c WHERE c.item_id = i.id AND c.annotator = ?1)
           AND NOT EXISTS (SELECT 1 FROM skips s WHERE s.item_id = i.id AND s.annotator = ?1)
           AND i.n_answers + (SELECT count(*) FROM leases l WHERE l.item_id = i.id AND l.annotator != ?1) < ?2
         ORDER BY {order} LIMIT 1"
    );
    let mut stmt = tx.prepare_cached(&sql)?;

    let mut best: Option<Candidate> = None;
    for answers in 0..i64::from(redundancy) {
        let found = stmt
            .query_row(params![annotator, i64::from(redundancy), answers], |r| {
                Ok(Candidate { id: r.get(0)?, priority: r.get(1)?, ord: r.get(2)? })
            })
            .optional()?;
        if let Some(candidate) = found
            && best.as_ref().is_none_or(|b| candidate.comes_before(b, priority_order))
        {
            best = Some(candidate);
        }
    }
    Ok(best.map(|candidate| candidate.id))
}

/// A free item and the keys it is ordered by.
struct Candidate {
    id: i64,
    priority: Option<f64>,
    ord: i64,
}

impl Candidate {
    /// Whether `self` is handed out before `other`, matching the SQL `ORDER BY`.
    fn comes_before(&self, other: &Candidate, priority_order: bool) -> bool {
        if priority_order && self.priority != other.priority {
            // Higher first; an item without a priority after every item with one.
            return match (self.priority, other.priority) {
                (Some(a), Some(b)) => a > b,
                (Some(_), None) => true,
                _ => false,
            };
        }
        (self.ord, self.id) < (other.ord, other.id)
    }
}

/// Writes (or extends) `annotator`'s lease on an item inside `tx` and reads the item back.
pub(super) fn lease_item(
    tx: &Transaction<'_>,
    item_id: i64,
    annotator: &str,
    expires: i64,
) -> Result<Item, StoreError> {
    tx.execute(
        "INSERT INTO leases (item_id, annotator, expires_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(item_id, annotator) DO UPDATE SET expires_at = excluded.expires_at",
        params![item_id, annotator, expires],
    )?;
    tx.query_row("SELECT id, key, fields, image, gold FROM items WHERE id = ?1", [item_id], row_to_item)?
}
