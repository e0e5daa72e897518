//! Work spread over the machine's cores, with results returned in task order.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_task_order() {
        let tasks: Vec<usize> = (0..7).collect();
        for threads in 1..=8 {
            assert_eq!(run_in_order(threads, tasks.clone(), |t| t * 10), vec![0, 10, 20, 30, 40, 50, 60]);
        }
    }
}
