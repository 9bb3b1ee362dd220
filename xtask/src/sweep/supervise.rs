//! The supervisor of a sweep: runs the specs in a worker process (this same
//! program, `xtask sweep-worker`), reads its events, and when the worker dies
//! (a stack overflow aborts it) runs each spec it was generating alone in a
//! new worker, so the one at fault is reported as a crash, then goes on with
//! the specs not started yet.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::isolate::Event;
use super::{sniff_version, Outcome, Progress, SpecResult};

/// How many lines of a dead worker's stderr are kept to explain its death.
const STDERR_LINES: usize = 5;

/// Generates every spec in worker processes; the results are in the order of `specs`.
pub fn sweep(root: &Path, specs: &[PathBuf], jobs: usize, timeout: Duration) -> Vec<SpecResult> {
    let progress = Progress::new(specs.len());
    let mut run = Run { root, specs, timeout, progress: &progress, results: vec![None; specs.len()] };
    let mut pending: Vec<usize> = (0..specs.len()).collect();
    while !pending.is_empty() {
        let death = run.worker(&pending, jobs);
        if let Some(Death { in_flight, .. }) = death {
            // Alone, a spec that kills its worker is the one at fault.
            for index in in_flight {
                if let Some(Death { message, .. }) = run.worker(&[index], 1) {
                    let version = std::fs::read_to_string(&specs[index])
                        .map_or_else(|_| "unknown".into(), |text| sniff_version(&text));
                    run.record(index, Outcome::Crash(message), version, Duration::ZERO);
                }
            }
        }
        let before = pending.len();
        pending.retain(|index| run.results[*index].is_none());
        if pending.len() == before {
            // Nothing was done: the worker cannot run at all.
            for index in std::mem::take(&mut pending) {
                let message = "the worker process ended before generating it".to_owned();
                run.record(index, Outcome::Crash(message), "unknown".to_owned(), Duration::ZERO);
            }
        }
    }
    progress.done();
    run.results.into_iter().flatten().collect()
}

/// A worker that ended without finishing: what it was generating, and why (its stderr).
struct Death {
    in_flight: BTreeSet<usize>,
    message: String,
}

struct Run<'a> {
    root: &'a Path,
    specs: &'a [PathBuf],
    timeout: Duration,
    progress: &'a Progress,
    results: Vec<Option<SpecResult>>,
}

impl Run<'_> {
    /// Runs the specs `indices` in one worker process with `jobs` threads.
    fn worker(&mut self, indices: &[usize], jobs: usize) -> Option<Death> {
        let spawned = Command::new(std::env::current_exe().unwrap_or_else(|_| PathBuf::from("xtask")))
            .args(["sweep-worker", &jobs.to_string(), &self.timeout.as_secs().to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(error) => {
                return Some(Death { in_flight: BTreeSet::new(), message: format!("cannot start a worker: {error}") })
            }
        };
        let list: String = indices.iter().map(|index| format!("{index}\t{}\n", self.specs[*index].display())).collect();
        let stdin = child.stdin.take();
        let stderr = child.stderr.take();
        // Fed and drained on threads of their own, so no pipe fills up while events are read.
        let feeder = std::thread::spawn(move || {
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(list.as_bytes());
            }
        });
        let drainer = std::thread::spawn(move || last_lines(stderr));
        let mut in_flight = BTreeSet::new();
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                match Event::parse(&line) {
                    Some(Event::Started(index)) if index < self.specs.len() => {
                        in_flight.insert(index);
                        self.progress.started(&self.name(index));
                    }
                    Some(Event::Finished { index, outcome, version, elapsed }) if index < self.specs.len() => {
                        in_flight.remove(&index);
                        self.record(index, outcome, version, elapsed);
                    }
                    _ => {}
                }
            }
        }
        let _ = feeder.join();
        let stderr = drainer.join().unwrap_or_default();
        let status = child.wait();
        match status {
            Ok(status) if status.success() && in_flight.is_empty() => None,
            Ok(status) => Some(Death { in_flight, message: format!("{} ({status})", stderr.join(" / ")) }),
            Err(error) => Some(Death { in_flight, message: format!("the worker was lost: {error}") }),
        }
    }

    fn name(&self, index: usize) -> String {
        let path = &self.specs[index];
        path.strip_prefix(self.root).unwrap_or(path).display().to_string()
    }

    fn record(&mut self, index: usize, outcome: Outcome, version: String, elapsed: Duration) {
        let result = SpecResult { name: self.name(index), path: self.specs[index].clone(), version, outcome, elapsed };
        self.progress.finished(&result);
        self.results[index] = Some(result);
    }
}

/// The last non-empty lines of a stream.
fn last_lines(stream: Option<impl std::io::Read>) -> Vec<String> {
    let Some(stream) = stream else { return Vec::new() };
    let mut lines = Vec::new();
    for line in BufReader::new(stream).lines().map_while(Result::ok) {
        if !line.trim().is_empty() {
            lines.push(line.trim().to_owned());
            if lines.len() > STDERR_LINES {
                lines.remove(0);
            }
        }
    }
    lines
}
