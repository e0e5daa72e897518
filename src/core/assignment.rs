//! Assignment order: the position each item takes in the queue.
//!
//! The position is fixed when the item is imported. For the random order it is a seeded
//! hash of the item's id rather than a shuffle, so that an import can stream millions of
//! rows without holding them, and the same file and seed always give the same order.

/// How items are ordered in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// In the order of the imported files.
    Sequential,
    /// A seeded pseudo-random order.
    Random { seed: u64 },
    /// Highest `priority` first, as set later by a model (`Store::set_priorities`);
    /// items without a priority follow, in file order.
    Priority,
}

/// The queue position of an item: `index` is its running number in the import.
pub fn order_key(order: Order, item_key: &str, index: i64) -> i64 {
    match order {
        // Priority order sorts on a separate column; file order breaks its ties.
        Order::Sequential | Order::Priority => index,
        // 62 bits keep the value positive in SQLite's signed 64-bit integers.
        Order::Random { seed } => (mix(fnv1a(item_key.as_bytes()) ^ seed) >> 2) as i64,
    }
}

/// FNV-1a, a fast non-cryptographic hash of the id bytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The SplitMix64 finaliser, which spreads nearby inputs over the whole range.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_keeps_file_order() {
        assert_eq!(order_key(Order::Sequential, "b", 7), 7);
    }

    #[test]
    fn priority_falls_back_to_file_order() {
        assert_eq!(order_key(Order::Priority, "b", 7), 7);
    }

    #[test]
    fn random_order_is_seeded_and_positive() {
        let a = order_key(Order::Random { seed: 1 }, "item-1", 0);
        assert_eq!(a, order_key(Order::Random { seed: 1 }, "item-1", 99), "the index does not matter");
        assert_ne!(a, order_key(Order::Random { seed: 2 }, "item-1", 0));
        assert!(a >= 0);
    }

    #[test]
    fn random_order_mixes_sorted_ids() {
        // Ids sorted by topic must not stay in runs: count how often neighbours stay in order.
        let keys: Vec<String> = (0..1000).map(|i| format!("computers-{i}")).collect();
        let positions: Vec<i64> = keys.iter().map(|k| order_key(Order::Random { seed: 3 }, k, 0)).collect();
        let rising = positions.windows(2).filter(|w| w[0] < w[1]).count();
        assert!((400..600).contains(&rising), "{rising} of 999 neighbours in order");
    }
}
