//! The items × annotators table of answers that every agreement statistic reads.

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::ops::Range;

use crate::core::parallel::{available_threads, balanced_ranges, run_in_order};

/// A sparse items × annotators table of categorical answers.
///
/// Items, annotators and labels keep their strings and are addressed by index: items and
/// annotators in order of first appearance, labels in [`Ratings::labels`] order. Each
/// (item, annotator) pair holds at most one label, see [`RatingsBuilder::add`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ratings {
    labels: Vec<String>,
    /// Item names, kept inline up to 24 bytes: a file can hold hundreds of thousands of
    /// items, and one allocation per name cost a tenth of reading a million answers.
    items: Vec<CompactString>,
    annotators: Vec<String>,
    /// Every `(annotator index, label index)` answer, grouped by item and sorted by
    /// annotator within an item. One flat array instead of one vector per item, because
    /// the EM methods walk all answers many times and a flat walk stays in cache.
    answers: Vec<(usize, usize)>,
    /// Item i's answers are `answers[offsets[i]..offsets[i + 1]]`; empty when there are
    /// no items.
    offsets: Vec<usize>,
    /// Answers replaced by a later answer of the same annotator on the same item.
    replaced: usize,
}

impl Ratings {
    pub fn builder() -> RatingsBuilder {
        RatingsBuilder::default()
    }

    /// Number of items with at least one answer.
    pub fn n_items(&self) -> usize {
        self.items.len()
    }

    /// Number of annotators with at least one answer.
    pub fn n_annotators(&self) -> usize {
        self.annotators.len()
    }

    /// Number of distinct (item, annotator) answers after repeated pairs are collapsed.
    pub fn n_annotations(&self) -> usize {
        self.answers.len()
    }

    /// Number of answers that a later answer of the same annotator on the same item
    /// replaced, as when an annotator edits an answer or a file repeats a row.
    pub fn n_replaced(&self) -> usize {
        self.replaced
    }

    /// Category names in index order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Item names in index order.
    pub fn items(&self) -> &[CompactString] {
        &self.items
    }

    /// Annotator names in index order.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// The answers on one item as `(annotator index, label index)`, sorted by annotator.
    pub fn item_answers(&self, item: usize) -> &[(usize, usize)] {
        &self.answers[self.offsets[item]..self.offsets[item + 1]]
    }

    /// Every answer as `(annotator index, label index)`, item by item in item order and
    /// by annotator within an item; [`Ratings::item_offsets`] marks where items start.
    pub fn all_answers(&self) -> &[(usize, usize)] {
        &self.answers
    }

    /// Where each item's answers start in [`Ratings::all_answers`], plus the total at
    /// the end, so item i spans `offsets[i]..offsets[i + 1]`. Empty when there are no items.
    pub fn item_offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// Number of answers per label index on one item.
    pub fn item_label_counts(&self, item: usize) -> Vec<u64> {
        let mut counts = vec![0; self.labels.len()];
        for &(_, label) in self.item_answers(item) {
            counts[label] += 1;
        }
        counts
    }

    /// Index of an annotator by name.
    pub fn annotator_index(&self, name: &str) -> Option<usize> {
        self.annotators.iter().position(|a| a == name)
    }
}

/// Collects answers for a [`Ratings`] table.
#[derive(Debug, Clone, Default)]
pub struct RatingsBuilder {
    declared: Vec<String>,
    used_labels: Names,
    items: Names,
    annotators: Names,
    /// `(item, annotator, index into used_labels)` in the order added; a repeated
    /// annotator's last entry on an item wins in [`RatingsBuilder::build`]. Indices are
    /// 32-bit to halve the memory this takes on large files.
    answers: Vec<(u32, u32, u32)>,
}

impl RatingsBuilder {
    /// Fixes the order of label indices: declared labels come first in the given order,
    /// and labels that are used but not declared follow in order of first use.
    /// Declared labels that no answer uses stay in [`Ratings::labels`].
    pub fn declare_labels(&mut self, labels: &[String]) {
        for label in labels {
            if !self.declared.contains(label) {
                self.declared.push(label.clone());
            }
        }
    }

    /// Records one answer. When the same (item, annotator) pair is added again, the last
    /// label replaces the earlier one, as when an annotator edits an answer. So every
    /// statistic counts an annotator as one rater per item.
    pub fn add(&mut self, item: &str, annotator: &str, label: &str) {
        let item = self.items.intern(item);
        let annotator = self.annotators.intern(annotator);
        let label = self.used_labels.intern(label);
        self.answers.push((to_u32(item), to_u32(annotator), to_u32(label)));
    }

    pub fn build(self) -> Ratings {
        Ratings::assemble(
            self.declared,
            self.used_labels.into_names(),
            self.items.into_names().into_iter().map(CompactString::from).collect(),
            self.annotators.into_names(),
            self.answers,
        )
    }
}

impl Ratings {
    /// Builds the table from numbered names and the answers `(item, annotator, index into
    /// used_labels)` in the order given; a repeated annotator's last entry on an item wins.
    /// `declared` labels come first in [`Ratings::labels`], as in
    /// [`RatingsBuilder::declare_labels`].
    pub(crate) fn assemble(
        declared: Vec<String>,
        used_labels: Vec<String>,
        items: Vec<CompactString>,
        annotators: Vec<String>,
        answers: Vec<(u32, u32, u32)>,
    ) -> Ratings {
        let threads = if answers.len() >= PARALLEL_MIN_ANSWERS { available_threads() } else { 1 };
        Ratings::assemble_on(declared, used_labels, items, annotators, answers, threads)
    }

    /// [`Ratings::assemble`] with the grouping by item cut into `threads` ranges.
    fn assemble_on(
        declared: Vec<String>,
        used_labels: Vec<String>,
        items: Vec<CompactString>,
        annotators: Vec<String>,
        answers: Vec<(u32, u32, u32)>,
        threads: usize,
    ) -> Ratings {
        let mut labels = declared;
        let mut remap = Vec::with_capacity(used_labels.len());
        for used in &used_labels {
            let index = match labels.iter().position(|l| l == used) {
                Some(index) => index,
                None => {
                    labels.push(used.clone());
                    labels.len() - 1
                }
            };
            remap.push(index);
        }

        // Count each item's answers to find where its group starts.
        let n_items = items.len();
        let mut starts = vec![0usize; n_items + 1];
        for &(item, _, _) in &answers {
            starts[item as usize + 1] += 1;
        }
        for item in 0..n_items {
            starts[item + 1] += starts[item];
        }

        // Each thread groups the items of one range into its own part of the table. The
        // parts are then joined in item order, so the table is the same on any number of
        // threads.
        let ranges = balanced_ranges(&starts, threads);
        let mut grouped = vec![(0usize, 0usize); answers.len()];
        let mut parts = Vec::with_capacity(ranges.len());
        let mut rest = grouped.as_mut_slice();
        for items in &ranges {
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(starts[items.end] - starts[items.start]);
            rest = tail;
            parts.push((items.clone(), part));
        }
        let ends = run_in_order(threads, parts, |(items, part)| group_items(&answers, &remap, &starts, items, part));
        drop(answers);

        // A part contains fewer answers than it was given when an annotator answered an item
        // twice; the next part then moves down to close the gap.
        let mut offsets = Vec::with_capacity(n_items + 1);
        offsets.push(0);
        let mut write = 0;
        for (items, ends) in ranges.iter().zip(ends) {
            let start = starts[items.start];
            let kept = ends.last().copied().unwrap_or(0);
            grouped.copy_within(start..start + kept, write);
            offsets.extend(ends.iter().map(|end| write + end));
            write += kept;
        }
        let replaced = grouped.len() - write;
        grouped.truncate(write);
        if n_items == 0 {
            offsets.clear();
        }
        Ratings { labels, items, annotators, answers: grouped, offsets, replaced }
    }
}

/// Answer tables from this size on are grouped by item on several threads.
const PARALLEL_MIN_ANSWERS: usize = 1 << 16;

/// Puts the answers on `items` into `part` as `(annotator, label)`, grouped by item,
/// sorted by annotator within an item and with one answer per annotator: the latest.
/// `starts` gives where each item's group starts in the whole table, whose slice from
/// `starts[items.start]` `part` is. Returns the end of each item's group in `part`.
fn group_items(
    answers: &[(u32, u32, u32)],
    remap: &[usize],
    starts: &[usize],
    items: Range<usize>,
    part: &mut [(usize, usize)],
) -> Vec<usize> {
    // A counting sort, which keeps each item's answers in the order added.
    let base = starts[items.start];
    let mut next: Vec<usize> = starts[items.clone()].iter().map(|start| start - base).collect();
    for &(item, annotator, label) in answers {
        let item = item as usize;
        if items.contains(&item) {
            let slot = &mut next[item - items.start];
            part[*slot] = (annotator as usize, remap[label as usize]);
            *slot += 1;
        }
    }

    // Sort each item by annotator and keep one answer per annotator, compacting in
    // place: the write position never passes the read position.
    let mut ends = Vec::with_capacity(items.len());
    let mut write = 0;
    for item in items {
        let group = starts[item] - base..starts[item + 1] - base;
        // A stable sort keeps each annotator's answers in the order added, so the last
        // of a run is the latest answer.
        sort_by_annotator(&mut part[group.clone()]);
        let first = write;
        for read in group {
            let (annotator, label) = part[read];
            if write > first && part[write - 1].0 == annotator {
                part[write - 1].1 = label;
            } else {
                part[write] = (annotator, label);
                write += 1;
            }
        }
        ends.push(write);
    }
    ends
}

/// Sorts one item's answers by annotator, keeping the order of equal annotators.
///
/// Items usually have a handful of answers, and an insertion sort written out here
/// is faster on them than the library's stable sort, which was a tenth of grouping a
/// million answers.
#[inline]
fn sort_by_annotator(group: &mut [(usize, usize)]) {
    if group.len() > 16 {
        group.sort_by_key(|&(annotator, _)| annotator);
        return;
    }
    for i in 1..group.len() {
        let moving = group[i];
        let mut j = i;
        while j > 0 && group[j - 1].0 > moving.0 {
            group[j] = group[j - 1];
            j -= 1;
        }
        group[j] = moving;
    }
}

/// Distinct names, each numbered in order of first appearance.
///
/// The map uses FxHash rather than the standard SipHash: the names come from the user's
/// own file, and hashing a million short ids with SipHash took a large share of reading
/// a label file. Each name is stored once, as a key; the list in index order is built
/// once at the end.
///
/// The last name looked up is kept aside, because files usually list an item's answers
/// on consecutive rows and a string comparison is cheaper than a hash lookup.
#[derive(Debug, Clone, Default)]
struct Names {
    index: FxHashMap<String, usize>,
    last: Option<(String, usize)>,
}

impl Names {
    fn intern(&mut self, name: &str) -> usize {
        if let Some((last, i)) = &self.last
            && last == name
        {
            return *i;
        }
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                let next = self.index.len();
                self.index.insert(name.to_string(), next);
                next
            }
        };
        // Reuse the buffer of the previous name rather than allocate.
        let (last, last_index) = self.last.get_or_insert_with(|| (String::new(), i));
        last.clear();
        last.push_str(name);
        *last_index = i;
        i
    }

    /// The names in index order.
    fn into_names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.index.len()];
        for (name, i) in self.index {
            names[i] = name;
        }
        names
    }
}

/// A name index as 32 bits. Four billion distinct names would not fit in memory as
/// strings first, so this only fails on a broken invariant.
pub(crate) fn to_u32(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 distinct names")
}

/// Parses a label as a finite number, trimming surrounding whitespace.
pub fn numeric_value(label: &str) -> Option<f64> {
    label.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Orders the given label indices for ordinal and weighted statistics: by numeric value
/// when every one of these labels is a number, otherwise by label index.
pub fn rank_order(labels: &[String], indices: &[usize]) -> Vec<usize> {
    let mut order = indices.to_vec();
    let values: Option<Vec<f64>> = indices.iter().map(|&i| numeric_value(&labels[i])).collect();
    match values {
        Some(_) => order.sort_by(|&a, &b| {
            let (va, vb) = (numeric_value(&labels[a]), numeric_value(&labels[b]));
            va.partial_cmp(&vb).unwrap_or(Ordering::Equal).then(a.cmp(&b))
        }),
        None => order.sort_unstable(),
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_same_on_any_thread_count() {
        // Items in scattered order, with repeated answers that straddle the cuts
        // between the threads' ranges: each (item, annotator) pair is added up to twice.
        let n_items = 50u32;
        let mut answers = Vec::new();
        for round in 0..3u32 {
            for row in 0..400u32 {
                let item = (row * 7 + round) % n_items;
                let annotator = (row * 13 + round * 5) % 9;
                answers.push((item, annotator, (row + round) % 3));
            }
        }
        let assemble = |threads| {
            Ratings::assemble_on(
                vec![],
                vec!["a".into(), "b".into(), "c".into()],
                (0..n_items).map(|i| CompactString::from(format!("i{i}"))).collect(),
                (0..9).map(|a| format!("w{a}")).collect(),
                answers.clone(),
                threads,
            )
        };
        let one = assemble(1);
        assert!(one.n_annotations() < answers.len(), "repeated answers are merged");
        for threads in 2..=5 {
            assert_eq!(assemble(threads), one, "{threads} threads");
        }
    }
}
