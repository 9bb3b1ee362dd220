//! The worker process of a sweep: generates the specs it is given on stdin,
//! each on a thread of its own (a panic is caught, a spec still running after
//! the timeout is abandoned), and writes a line per event on stdout for the
//! supervisor (`supervise`), which survives what no thread can catch here: a
//! stack overflow aborts this process.

use std::io::{BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use openapi_clientgen::{generate_crate, Config, Diagnostic, Failure};

use super::report::class_of;
use super::{sniff_version, Outcome};

/// Runs the worker: `index<TAB>path` lines on stdin, then events on stdout
/// (see [`Event`]) as specs start and finish, `jobs` at a time.
pub fn worker(jobs: usize, timeout: Duration) -> ExitCode {
    let specs: Vec<(usize, PathBuf)> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            let (index, path) = line.split_once('\t')?;
            Some((index.parse().ok()?, PathBuf::from(path)))
        })
        .collect();
    install_panic_hook();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                while let Some((index, path)) = specs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    emit(&Event::Started(*index));
                    let (outcome, version, elapsed) = run_one(path, timeout);
                    emit(&Event::Finished { index: *index, outcome, version, elapsed });
                }
            });
        }
    });
    ExitCode::SUCCESS
}

/// What a worker tells its supervisor, one line each.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `start<TAB>index`: the spec is being generated.
    Started(usize),
    /// `done<TAB>index<TAB>label<TAB>milliseconds<TAB>version<TAB>detail`; the
    /// detail is the message, or the warning classes separated by U+001F.
    Finished { index: usize, outcome: Outcome, version: String, elapsed: Duration },
}

impl Event {
    pub fn to_line(&self) -> String {
        match self {
            Self::Started(index) => format!("start\t{index}"),
            Self::Finished { index, outcome, version, elapsed } => {
                let detail = match outcome {
                    Outcome::Generated { warnings } => {
                        warnings.iter().map(|warning| one_field(warning)).collect::<Vec<_>>().join("\u{1f}")
                    }
                    Outcome::Error(message) | Outcome::Panic(message) | Outcome::Crash(message) => one_field(message),
                    Outcome::Timeout => String::new(),
                };
                let label = outcome.label();
                format!("done\t{index}\t{label}\t{}\t{}\t{detail}", elapsed.as_millis(), one_field(version))
            }
        }
    }

    pub fn parse(line: &str) -> Option<Self> {
        let mut fields = line.splitn(6, '\t');
        match (fields.next()?, fields.next()?.parse().ok()?) {
            ("start", index) => Some(Self::Started(index)),
            ("done", index) => {
                let label = fields.next()?;
                let elapsed = Duration::from_millis(fields.next()?.parse().ok()?);
                let version = fields.next()?.to_owned();
                let detail = fields.next().unwrap_or_default().to_owned();
                let outcome = match label {
                    "ok" => Outcome::Generated { warnings: Vec::new() },
                    "ok-with-warnings" => {
                        Outcome::Generated { warnings: detail.split('\u{1f}').map(str::to_owned).collect() }
                    }
                    "error" => Outcome::Error(detail),
                    "PANIC" => Outcome::Panic(detail),
                    "CRASH" => Outcome::Crash(detail),
                    "TIMEOUT" => Outcome::Timeout,
                    _ => return None,
                };
                Some(Self::Finished { index, outcome, version, elapsed })
            }
            _ => None,
        }
    }
}

/// Text that fits in a field of a line: no tabs, line breaks or separators.
fn one_field(text: &str) -> String {
    text.replace(['\t', '\n', '\r', '\u{1f}'], " ")
}

fn emit(event: &Event) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", event.to_line());
    let _ = stdout.flush();
}

/// Generates one spec on a thread of its own, abandoned after `timeout`.
fn run_one(path: &Path, timeout: Duration) -> (Outcome, String, Duration) {
    // How the tests make a worker die as a stack overflow would.
    if std::env::var("XTASK_SWEEP_ABORT_ON").is_ok_and(|needle| path.to_string_lossy().contains(&needle)) {
        eprintln!("aborting on {} as XTASK_SWEEP_ABORT_ON asks", path.display());
        std::process::abort();
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let version = sniff_version(&text);
    // Big documents take long without looping: a second more per megabyte.
    let timeout = timeout + Duration::from_secs((text.len() >> 20) as u64);
    drop(text);
    let started = Instant::now();
    let (sender, receiver) = mpsc::channel();
    let spec = path.to_owned();
    // The stack of a main thread: what the CLI runs with.
    // Named after the spec: a stack overflow's message names the thread.
    let name = path.display().to_string();
    let spawned = std::thread::Builder::new().name(name).stack_size(8 << 20).spawn(move || {
        let _ = sender.send(generate_isolated(&spec));
    });
    let outcome = match spawned {
        Ok(_) => match receiver.recv_timeout(timeout) {
            Ok(outcome) => outcome,
            Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Timeout,
            Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::Panic("the thread ended without a result".to_owned()),
        },
        Err(error) => Outcome::Error(format!("cannot start a thread: {error}")),
    };
    (outcome, version, started.elapsed())
}

/// Generates (without writing) a crate for `spec`, catching panics.
fn generate_isolated(spec: &Path) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| generate_crate(spec, "sweep-client", &Config::default()))) {
        Ok(Ok(generated)) => Outcome::Generated { warnings: warning_classes(&generated.diagnostics) },
        Ok(Err(failure)) => Outcome::Error(first_error(&failure)),
        Err(payload) => Outcome::Panic(LAST_PANIC.with(|last| last.take()).unwrap_or_else(|| panic_text(&*payload))),
    }
}

std::thread_local! {
    /// The message and place of the last panic on this thread, kept by the hook.
    static LAST_PANIC: std::cell::Cell<Option<String>> = const { std::cell::Cell::new(None) };
}

/// Keeps panic messages for the report instead of printing them over the progress bar.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|at| format!(" at {}:{}", at.file(), at.line())).unwrap_or_default();
        let message = format!("{}{place}", panic_text(info.payload()));
        LAST_PANIC.with(|last| last.set(Some(message)));
    }));
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// The first error of a failure on one line: message and place (pointer or line:column).
fn first_error(failure: &Failure) -> String {
    let Some(diagnostic) = failure.diagnostics.iter().find(|diagnostic| diagnostic.is_error()) else {
        return "failed without an error diagnostic".to_owned();
    };
    let location = &diagnostic.location;
    let place = match (location.line_column, &location.pointer) {
        (_, Some(pointer)) => format!(" at {pointer}"),
        (Some((line, column)), None) => format!(" at {line}:{column}"),
        (None, None) => String::new(),
    };
    format!("{}{place}", diagnostic.message.replace('\n', " "))
}

/// Each distinct warning message of a spec once, with names and numbers blanked out.
/// The class of every warning, sorted; a class repeats once per warning, so
/// the report can count places (untyped fields) as well as specs.
fn warning_classes(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut classes: Vec<String> = diagnostics.iter().map(|diagnostic| class_of(&diagnostic.message)).collect();
    classes.sort();
    classes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_back_as_written() {
        let events = [
            Event::Started(7),
            Event::Finished {
                index: 3,
                outcome: Outcome::Generated { warnings: vec!["a `…`".into(), "b\tc".into()] },
                version: "3.0.3".into(),
                elapsed: Duration::from_millis(1500),
            },
            Event::Finished {
                index: 4,
                outcome: Outcome::Generated { warnings: Vec::new() },
                version: "unknown".into(),
                elapsed: Duration::ZERO,
            },
            Event::Finished {
                index: 5,
                outcome: Outcome::Error("bad\nthing at #/x".into()),
                version: "swagger 2.0".into(),
                elapsed: Duration::from_millis(2),
            },
            Event::Finished { index: 6, outcome: Outcome::Timeout, version: "3.0.0".into(), elapsed: Duration::ZERO },
        ];
        let read: Vec<Event> = events.iter().filter_map(|event| Event::parse(&event.to_line())).collect();
        assert_eq!(read.len(), events.len());
        assert_eq!(read[0], events[0]);
        assert!(matches!(&read[1], Event::Finished { outcome: Outcome::Generated { warnings }, .. }
            if warnings == &["a `…`".to_owned(), "b c".to_owned()]));
        assert_eq!(read[2], events[2]);
        assert!(
            matches!(&read[3], Event::Finished { outcome: Outcome::Error(message), .. } if message == "bad thing at #/x")
        );
        assert_eq!(read[4], events[4]);
        assert_eq!(Event::parse("garbage"), None);
    }
}
