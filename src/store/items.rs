//! Items: bulk insertion for imports and lookup for display.

use super::{Store, StoreError};
use crate::core::assignment::{Order, order_key};
use crate::core::ids::ItemId;
use crate::core::item::Item;
use rusqlite::{OptionalExtension, Transaction, params};

/// Inserts items inside one import transaction. Dropping it without
/// [`ItemInserter::commit`] rolls the whole import back.
pub struct ItemInserter<'a> {
    tx: Transaction<'a>,
    import_id: i64,
    order: Order,
    next_index: i64,
    inserted: u64,
    /// Store id of the item the last `insert` added.
    last_item: Option<i64>,
}

impl Store {
    /// Starts an import from `source_file`. In sequential order the items are queued
    /// after those already in the store.
    pub fn begin_import(&mut self, source_file: &str, order: Order) -> Result<ItemInserter<'_>, StoreError> {
        // A bulk import inserts into the unique index on `key` in no useful order; a
        // 64 MiB page cache keeps that index in memory instead of re-reading pages.
        self.conn.execute_batch("PRAGMA cache_size = -65536")?;
        let tx = self.write_tx()?;
        let next_index: i64 = tx.query_row("SELECT coalesce(max(ord), -1) + 1 FROM items", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO imports (source_file, imported_at) VALUES (?1, ?2)",
            params![source_file, Store::now_rfc3339()],
        )?;
        let import_id = tx.last_insert_rowid();
        Ok(ItemInserter { tx, import_id, order, next_index, inserted: 0, last_item: None })
    }

    /// Looks an item up by its store id.
    pub fn item(&self, id: ItemId) -> Result<Item, StoreError> {
        self.conn
            .query_row("SELECT id, key, fields, image, gold FROM items WHERE id = ?1", [id.0], row_to_item)
            .optional()?
            .ok_or(StoreError::NoSuchItem(id.0))?
    }

    /// Looks an item up by its external id.
    pub fn item_by_key(&self, key: &str) -> Result<Option<Item>, StoreError> {
        self.conn
            .query_row("SELECT id, key, fields, image, gold FROM items WHERE key = ?1", [key], row_to_item)
            .optional()?
            .transpose()
    }

    /// Known true labels of the selected question, keyed by external item id.
    pub fn gold_labels(&self) -> Result<std::collections::HashMap<String, String>, StoreError> {
        let sql = format!(
            "SELECT key, gold FROM (SELECT i.key AS key, {} AS gold FROM items i) WHERE gold IS NOT NULL",
            self.gold_sql("i")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `visit` for every item in assignment order, without loading them all.
    pub fn for_each_item(&self, mut visit: impl FnMut(Item) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, key, fields, image, gold FROM items ORDER BY ord, id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            visit(row_to_item(row)??)?;
        }
        Ok(())
    }
}

impl ItemInserter<'_> {
    /// Inserts one item. A duplicate of an item already in the store is an error that
    /// names where the first copy came from.
    pub fn insert(
        &mut self,
        key: &str,
        fields: &[(String, String)],
        image: Option<&str>,
        gold: Option<&str>,
        line: u64,
    ) -> Result<(), StoreError> {
        let fields_json = serde_json::to_string(fields).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO items (key, fields, image, gold, ord, import_id, source_line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(key) DO NOTHING",
        )?;
        let changed = stmt.execute(params![
            key,
            fields_json,
            image,
            gold,
            order_key(self.order, key, self.next_index),
            self.import_id,
            line as i64
        ])?;
        if changed == 0 {
            let (file, first_line): (String, i64) = self.tx.query_row(
                "SELECT m.source_file, i.source_line FROM items i JOIN imports m ON m.id = i.import_id WHERE i.key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            return Err(StoreError::DuplicateItem(key.to_string(), format!("{file}, line {first_line}")));
        }
        self.next_index += 1;
        self.inserted += 1;
        self.last_item = Some(self.tx.last_insert_rowid());
        Ok(())
    }

    /// Stores the gold label of a question after the first for the item the last
    /// [`ItemInserter::insert`] added; the primary question's gold goes to `insert`.
    pub fn insert_question_gold(&mut self, question: &str, label: &str) -> Result<(), StoreError> {
        let item = self.last_item.ok_or_else(|| StoreError::Corrupt("question gold before any item".into()))?;
        self.tx.execute(
            "INSERT OR REPLACE INTO item_gold (item_id, question, label) VALUES (?1, ?2, ?3)",
            params![item, question, label],
        )?;
        Ok(())
    }

    pub fn inserted(&self) -> u64 {
        self.inserted
    }

    /// Commits the import; before this call nothing is visible to other processes.
    pub fn commit(self) -> Result<u64, StoreError> {
        let inserted = self.inserted;
        self.tx.commit()?;
        Ok(inserted)
    }
}

type FieldPairs = Vec<(String, String)>;

pub(super) fn row_to_item(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Item, StoreError>> {
    let fields_json: String = row.get(2)?;
    let item = serde_json::from_str::<FieldPairs>(&fields_json)
        .map_err(|e| StoreError::Corrupt(format!("fields of item {}: {e}", row.get::<_, i64>(0).unwrap_or(-1))))
        .and_then(|fields| {
            Ok(Item { id: ItemId(row.get(0)?), key: row.get(1)?, fields, image: row.get(3)?, gold: row.get(4)? })
        });
    Ok(item)
}
