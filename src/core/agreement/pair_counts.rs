//! Integer counts of ordered answer pairs within items, shared by batch and live
//! computation so that both give the same percent agreement and alpha.

use std::collections::BTreeMap;

/// Ordered pairs of answers (c, k) from different annotators on the same item, summed
/// over pairable items and grouped by the item's number of answers `m`.
///
/// Krippendorff's coincidence matrix weights each pair by `1 / (m - 1)`. Keeping the
/// integer counts per `m` and dividing only when a statistic is read means that adding
/// and removing items never accumulates rounding error, whatever the order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairCounts {
    n_labels: usize,
    by_size: BTreeMap<usize, SizeGroup>,
}

#[derive(Debug, Clone, PartialEq)]
struct SizeGroup {
    items: i64,
    /// `pairs[c][k]`: ordered pairs with labels c and k; the diagonal counts agreeing pairs.
    pairs: Vec<Vec<i64>>,
}

impl PairCounts {
    pub fn new(n_labels: usize) -> Self {
        PairCounts { n_labels, by_size: BTreeMap::new() }
    }

    /// Adds one item given its number of answers per label index. Items with fewer than
    /// two answers are not pairable and change nothing.
    pub fn add_item(&mut self, label_counts: &[u64]) {
        self.apply(label_counts, 1);
    }

    /// Removes an item that was added with the same label counts.
    pub fn remove_item(&mut self, label_counts: &[u64]) {
        self.apply(label_counts, -1);
    }

    /// Makes room for label indices up to `n_labels - 1`.
    pub fn grow(&mut self, n_labels: usize) {
        if n_labels <= self.n_labels {
            return;
        }
        for group in self.by_size.values_mut() {
            for row in &mut group.pairs {
                row.resize(n_labels, 0);
            }
            group.pairs.resize(n_labels, vec![0; n_labels]);
        }
        self.n_labels = n_labels;
    }

    fn apply(&mut self, label_counts: &[u64], sign: i64) {
        let m: u64 = label_counts.iter().sum();
        if m < 2 {
            return;
        }
        self.grow(label_counts.len());
        let n_labels = self.n_labels;
        let group = self
            .by_size
            .entry(m as usize)
            .or_insert_with(|| SizeGroup { items: 0, pairs: vec![vec![0; n_labels]; n_labels] });
        group.items += sign;
        for (c, &n_c) in label_counts.iter().enumerate() {
            for (k, &n_k) in label_counts.iter().enumerate() {
                let pairs = if c == k { n_c * n_c.saturating_sub(1) } else { n_c * n_k };
                group.pairs[c][k] += sign * pairs as i64;
            }
        }
        if group.items == 0 {
            self.by_size.remove(&(m as usize));
        }
    }

    pub fn n_labels(&self) -> usize {
        self.n_labels
    }

    /// Number of items with two or more answers.
    pub fn n_items_paired(&self) -> usize {
        self.by_size.values().map(|g| g.items.max(0) as usize).sum()
    }

    /// Mean over pairable items of the share of agreeing ordered answer pairs, or `None`
    /// when no item is pairable.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n_items = self.n_items_paired();
        if n_items == 0 {
            return None;
        }
        let mut total = 0.0;
        for (&m, group) in &self.by_size {
            let agreeing: i64 = (0..self.n_labels).map(|c| group.pairs[c][c]).sum();
            total += agreeing as f64 / (m * (m - 1)) as f64;
        }
        Some(total / n_items as f64)
    }

    /// Krippendorff's coincidence matrix `o[c][k]`: each ordered pair on an item with `m`
    /// answers counts `1 / (m - 1)`.
    pub fn coincidence_matrix(&self) -> Vec<Vec<f64>> {
        let mut o = vec![vec![0.0; self.n_labels]; self.n_labels];
        for (&m, group) in &self.by_size {
            let weight = (m - 1) as f64;
            for (c, row) in o.iter_mut().enumerate() {
                for (k, cell) in row.iter_mut().enumerate() {
                    *cell += group.pairs[c][k] as f64 / weight;
                }
            }
        }
        o
    }
}
