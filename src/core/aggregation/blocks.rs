//! Items cut into blocks that the EM methods can process on several threads.
//!
//! The cut depends on the data alone, never on the machine: each block sums into its
//! own buffers and the buffers are added in block order, so a run gives the same bits
//! on one core or on sixty-four.

use std::ops::Range;

use crate::core::parallel::{available_threads, balanced_ranges};

/// Blocks made once the data hold this many answers. Below it, a thread costs more than
/// it saves, and one block keeps small runs summing in plain item order.
const PARALLEL_MIN_ANSWERS: usize = 1 << 16;

/// Number of blocks of a large run. More blocks than cores leave the work unevenly
/// spread, and each block after the first needs its own count buffers.
const LARGE_RUN_BLOCKS: usize = 4;

/// Contiguous ranges of item indices with about the same number of answers each.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blocks {
    pub(crate) ranges: Vec<Range<usize>>,
    /// Threads to run the blocks on: at most one per block and per available core.
    pub(crate) threads: usize,
}

impl Blocks {
    /// Cuts the items delimited by `offsets` (item i spans `offsets[i]..offsets[i + 1]`
    /// in the answer array) into blocks.
    pub(crate) fn new(offsets: &[usize]) -> Blocks {
        let n_answers = offsets.last().copied().unwrap_or(0);
        let n_blocks = if n_answers >= PARALLEL_MIN_ANSWERS { LARGE_RUN_BLOCKS } else { 1 };
        let ranges = balanced_ranges(offsets, n_blocks);
        Blocks { threads: available_threads().min(n_blocks), ranges }
    }

    /// Number of blocks.
    pub(crate) fn len(&self) -> usize {
        self.ranges.len()
    }
}

/// Adds a block's sums to the totals, element by element.
pub(crate) fn add_into(totals: &mut [f64], parts: &[f64]) {
    for (total, part) in totals.iter_mut().zip(parts) {
        *total += part;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_runs_stay_in_one_block() {
        let blocks = Blocks::new(&[0, 3, 5, 9]);
        assert_eq!(blocks.ranges, vec![0..3]);
        assert_eq!(blocks.threads, 1);
    }

    #[test]
    fn large_runs_split_by_answer_count() {
        // 40,000 items with 1 answer, then 10,000 items with 4: 80,000 answers.
        let mut offsets = vec![0];
        for item in 0..50_000 {
            let answers = if item < 40_000 { 1 } else { 4 };
            offsets.push(offsets.last().unwrap() + answers);
        }
        let blocks = Blocks::new(&offsets);
        assert_eq!(blocks.len(), LARGE_RUN_BLOCKS);
        assert_eq!(blocks.ranges.first().unwrap().start, 0);
        assert_eq!(blocks.ranges.last().unwrap().end, 50_000);
        for pair in blocks.ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        // The 20,000 answers of the first block are the first 20,000 items.
        assert_eq!(blocks.ranges[0], 0..20_000);
        assert_eq!(blocks.ranges[2], 40_000..45_000);
    }
}
