//! Independent jobs on the machine's threads, results in the jobs' order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `work` applied to each of `jobs`, spread over the available threads:
/// the heaviest jobs (by `weight`) start first, so that one large job does
/// not start last and leave the other threads idle. The results come back in
/// the order of `jobs`, whatever the number of threads.
pub fn map_heaviest_first<J: Sync, R: Send>(
    jobs: &[J],
    weight: impl Fn(&J) -> usize,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(work).collect();
    }
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(weight(&jobs[index])));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    let worker = || {
        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let result = work(&jobs[index]);
            if let Ok(mut results) = results.lock() {
                results[index] = Some(result);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(worker);
        }
        // This thread works too: it reuses the memory it freed before.
        worker();
    });
    let results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.into_iter().map(|result| result.expect("every job ran")).collect()
}

#[cfg(test)]
mod tests {
    use super::map_heaviest_first;

    #[test]
    fn results_keep_the_order_of_the_jobs() {
        let jobs: Vec<usize> = (0..100).collect();
        let squares = map_heaviest_first(&jobs, |&job| job % 7, |&job| job * job);
        assert_eq!(squares, jobs.iter().map(|job| job * job).collect::<Vec<_>>());
    }
}
