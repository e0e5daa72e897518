//! Work spread over the machine's cores, with results returned in task order.

use std::ops::Range;

/// Returns the number of threads that can run at once for this process: its cores,
/// within any CPU affinity mask or cgroup quota, and 1 when the system does not report it.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Runs `work` on every task and returns the results in task order. The tasks are
/// split into contiguous groups over up to `threads` threads, and the calling thread
/// runs the first group.
pub fn run_in_order<T: Send, R: Send>(threads: usize, tasks: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || tasks.len() <= 1 {
        return tasks.into_iter().map(work).collect();
    }

    let per_thread = tasks.len().div_ceil(threads);
    let mut groups: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut tasks = tasks.into_iter().peekable();
    while tasks.peek().is_some() {
        groups.push(tasks.by_ref().take(per_thread).collect());
    }

    let work = &work;
    std::thread::scope(|scope| {
        let mut groups = groups.into_iter();
        let first = groups.next().unwrap_or_default();
        let others: Vec<_> =
            groups.map(|group| scope.spawn(move || group.into_iter().map(work).collect::<Vec<R>>())).collect();
        let mut results: Vec<R> = first.into_iter().map(work).collect();
        for handle in others {
            // A panic in a block is a bug; raise it here as if it had happened inline.
            match handle.join() {
                Ok(part) => results.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    })
}

/// Cuts the items delimited by `offsets` (item i spans `offsets[i]..offsets[i + 1]`)
/// into `pieces` contiguous ranges with about the same total span each. Each cut goes at
/// the first item starting at or after its share, so a range can be empty.
pub fn balanced_ranges(offsets: &[usize], pieces: usize) -> Vec<Range<usize>> {
    let n_items = offsets.len().saturating_sub(1);
    let total = offsets.last().copied().unwrap_or(0);
    let mut ranges = Vec::with_capacity(pieces);
    let mut start = 0;
    for piece in 1..=pieces {
        let end = if piece == pieces {
            n_items
        } else {
            let target = total * piece / pieces;
            offsets[..n_items].partition_point(|&offset| offset < target).max(start)
        };
        ranges.push(start..end);
        start = end;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_ranges_cover_every_item_once() {
        // One item of six answers, then three of one: the first item weighs most.
        let offsets = [0, 6, 7, 8, 9];
        assert_eq!(balanced_ranges(&offsets, 1), vec![0..4]);
        assert_eq!(balanced_ranges(&offsets, 2), vec![0..1, 1..4]);
        assert_eq!(balanced_ranges(&offsets, 3), vec![0..1, 1..1, 1..4]);
        assert_eq!(balanced_ranges(&[0], 3), vec![0..0, 0..0, 0..0]);
    }

    #[test]
    fn results_keep_task_order() {
        let tasks: Vec<usize> = (0..7).collect();
        for threads in 1..=8 {
            assert_eq!(run_in_order(threads, tasks.clone(), |t| t * 10), vec![0, 10, 20, 30, 40, 50, 60]);
        }
    }
}
