//! `cargo xtask sweep DIR`: run the generator over every OpenAPI document
//! under a folder, each in isolation, and write a report: the outcome of every
//! spec, totals, counts by OpenAPI version, the most frequent errors and
//! warnings, and the slowest specs. `--check-sample N` also `cargo check`s N
//! generated crates.
//!
//! Specs are generated in a worker process (`isolate`), each on a thread of
//! its own, where a panic is caught and a spec still running after the timeout
//! is abandoned; the supervisor (`supervise`) outlives workers that die (a
//! stack overflow aborts the process) and reports the spec at fault.

mod isolate;
mod report;
mod supervise;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use openapi_clientgen::{generate_crate, Config};

pub use isolate::worker;

const USAGE: &str = "usage: cargo xtask sweep DIR [--check-sample N] [--report FILE] [--jobs N] [--timeout SECONDS]";

/// What the command line asked for.
#[derive(Debug)]
pub struct Options {
    dir: PathBuf,
    check_sample: usize,
    report: PathBuf,
    jobs: usize,
    timeout: Duration,
}

impl Options {
    /// Reads the arguments after `sweep`; `target` is where the report goes by default.
    pub fn parse(args: &[&str], target: &Path) -> Result<Self, String> {
        let mut dir = None;
        let mut options = Self {
            dir: PathBuf::new(),
            check_sample: 0,
            report: target.join("sweep").join("report.md"),
            jobs: std::thread::available_parallelism().map_or(2, usize::from),
            timeout: Duration::from_secs(60),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().copied().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
            match *arg {
                "--check-sample" => options.check_sample = number(value(arg)?, arg)?,
                "--report" => options.report = PathBuf::from(value(arg)?),
                "--jobs" => options.jobs = number(value(arg)?, arg)?.max(1),
                "--timeout" => options.timeout = Duration::from_secs(number(value(arg)?, arg)? as u64),
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}\n{USAGE}")),
                path if dir.is_none() => dir = Some(PathBuf::from(path)),
                extra => return Err(format!("unexpected argument {extra}\n{USAGE}")),
            }
        }
        options.dir = dir.ok_or_else(|| USAGE.to_owned())?;
        Ok(options)
    }
}

fn number(text: &str, option: &str) -> Result<usize, String> {
    text.parse().map_err(|_| format!("{option} takes a number, not `{text}`"))
}

/// How generating one spec ended.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Generated; the normalised message of each warning (repeated per warning).
    Generated { warnings: Vec<String> },
    /// The generator reported an error (the first one, on one line).
    Error(String),
    /// The generator panicked (message and place).
    Panic(String),
    /// Still running after the timeout; abandoned.
    Timeout,
    /// The worker process died generating it (a stack overflow): its last words.
    Crash(String),
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Self::Generated { warnings } if warnings.is_empty() => "ok",
            Self::Generated { .. } => "ok-with-warnings",
            Self::Error(_) => "error",
            Self::Panic(_) => "PANIC",
            Self::Timeout => "TIMEOUT",
            Self::Crash(_) => "CRASH",
        }
    }

    fn generated(&self) -> bool {
        matches!(self, Self::Generated { .. })
    }

    /// Whether the generator failed to end with a result: what a sweep must never see.
    fn crashed(&self) -> bool {
        matches!(self, Self::Panic(_) | Self::Timeout | Self::Crash(_))
    }
}

/// One spec's result.
#[derive(Debug, Clone)]
struct SpecResult {
    /// The path relative to the swept folder.
    name: String,
    path: PathBuf,
    /// `3.0.3`, `swagger 2.0`, or `unknown`.
    version: String,
    outcome: Outcome,
    elapsed: Duration,
}

pub fn run(options: &Options) -> ExitCode {
    let specs = find_specs(&options.dir);
    if specs.is_empty() {
        eprintln!("error: no .json or .yaml files under {}", options.dir.display());
        return ExitCode::FAILURE;
    }
    say!("sweeping {} specs on {} threads, timeout {:?} (+1 s per MB)", specs.len(), options.jobs, options.timeout);
    let started = Instant::now();
    let results = supervise::sweep(&options.dir, &specs, options.jobs, options.timeout);
    let wall = started.elapsed();
    let check = (options.check_sample > 0).then(|| check_sample(&results, options.check_sample, &options.report));
    let report = report::render_report(&options.dir, &results, wall, check.as_ref());
    if let Some(parent) = options.report.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if let Err(error) = std::fs::write(&options.report, &report) {
        eprintln!("error: cannot write {}: {error}", options.report.display());
        return ExitCode::FAILURE;
    }
    print!("{}", report::summary(&results, wall, check.as_ref()));
    say!("report: {}", options.report.display());
    let crashed = results.iter().any(|result| result.outcome.crashed());
    let check_failed = check.as_ref().is_some_and(|check| check.clean < check.checked.len() || check.error.is_some());
    if crashed || check_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Every `.json`, `.yaml` and `.yml` file under `dir`, sorted.
fn find_specs(dir: &Path) -> Vec<PathBuf> {
    let mut specs = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if matches!(path.extension().and_then(|ext| ext.to_str()), Some("json" | "yaml" | "yml")) {
                specs.push(path);
            }
        }
    }
    specs.sort();
    specs
}

/// The version a document declares, read from its text without parsing it:
/// a top-level `openapi:`/`swagger:` line in YAML, the first such member in JSON.
fn sniff_version(text: &str) -> String {
    let unquote = |value: &str| value.trim().trim_matches(|c| c == '"' || c == '\'' || c == ',').to_owned();
    for key in ["openapi", "swagger"] {
        let yaml = text.lines().find_map(|line| line.strip_prefix(key)?.strip_prefix(':').map(unquote));
        let json = text.find(&format!("\"{key}\"")).and_then(|start| {
            let rest = text[start + key.len() + 2..].trim_start().strip_prefix(':')?.trim_start();
            let rest = rest.strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_owned())
        });
        if let Some(version) = yaml.or(json).filter(|version| !version.is_empty()) {
            return if key == "swagger" { format!("swagger {version}") } else { version };
        }
    }
    "unknown".to_owned()
}

/// A progress bar on a terminal, a line per 100 specs otherwise.
enum Progress {
    Bar(indicatif::ProgressBar),
    Lines { total: usize, done: AtomicUsize, failed: AtomicUsize },
}

impl Progress {
    fn new(total: usize) -> Self {
        if std::io::stderr().is_terminal() {
            let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} [{elapsed_precise}] {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            Self::Bar(indicatif::ProgressBar::new(total as u64).with_style(style))
        } else {
            Self::Lines { total, done: AtomicUsize::new(0), failed: AtomicUsize::new(0) }
        }
    }

    fn started(&self, name: &str) {
        if let Self::Bar(bar) = self {
            bar.set_message(name.to_owned());
        }
    }

    fn finished(&self, result: &SpecResult) {
        match self {
            Self::Bar(bar) => {
                if result.outcome.crashed() {
                    bar.println(format!("{}: {}", result.outcome.label(), result.name));
                }
                bar.inc(1);
            }
            Self::Lines { total, done, failed } => {
                if !result.outcome.generated() {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                if result.outcome.crashed() {
                    eprintln!("{}: {}", result.outcome.label(), result.name);
                }
                let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                if done % 100 == 0 || done == *total {
                    let failed = failed.load(Ordering::Relaxed);
                    eprintln!("[{done}/{total}] {failed} not generated");
                }
            }
        }
    }

    fn done(&self) {
        if let Self::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// The outcome of `--check-sample`.
#[derive(Debug)]
struct CheckSummary {
    /// Crate name and spec name of each checked crate, with its errors and warnings.
    checked: Vec<(String, String, usize, usize)>,
    clean: usize,
    /// Why the sample could not be checked at all.
    error: Option<String>,
}

/// Every `len / n`-th generated spec (by path), at most `n`: the same sample for the same results.
fn sample(results: &[SpecResult], n: usize) -> Vec<&SpecResult> {
    let generated: Vec<&SpecResult> = results.iter().filter(|result| result.outcome.generated()).collect();
    let n = n.min(generated.len());
    (0..n).map(|index| generated[index * generated.len() / n]).collect()
}

/// Writes the sampled crates into one workspace beside the report and `cargo check`s them together.
fn check_sample(results: &[SpecResult], n: usize, report: &Path) -> CheckSummary {
    let workspace = report.with_file_name("sample");
    let _ = std::fs::remove_dir_all(&workspace);
    let mut crates = Vec::new();
    for result in sample(results, n) {
        let crate_name = format!("sweep-{}", crate_suffix(&result.name, crates.len()));
        let written = generate_crate(&result.path, &crate_name, &Config::default())
            .map_err(|failure| failure.to_string())
            .and_then(|generated| generated.write_to(&workspace.join(&crate_name)).map_err(|error| error.to_string()));
        match written {
            Ok(()) => crates.push((crate_name, result.name.clone())),
            Err(error) => eprintln!("error: {}: {error}", result.name),
        }
    }
    let members: Vec<String> = crates.iter().map(|(name, _)| format!("\"{name}\"")).collect();
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    let counts = std::fs::write(workspace.join("Cargo.toml"), manifest)
        .map_err(|error| format!("cannot write the sample workspace: {error}"))
        .and_then(|()| {
            eprintln!("cargo check of {} generated crates in {}", crates.len(), workspace.display());
            crate::corpus::check(&workspace, "sweep-")
        });
    let (counts, error) = match counts {
        Ok(counts) => (counts, None),
        Err(error) => (BTreeMap::new(), Some(error)),
    };
    let checked: Vec<(String, String, usize, usize)> = crates
        .into_iter()
        .map(|(crate_name, spec)| {
            let (errors, warnings) = counts.get(&crate_name).copied().unwrap_or_default();
            (crate_name, spec, errors, warnings)
        })
        .collect();
    let clean = if error.is_some() { 0 } else { checked.iter().filter(|(_, _, e, w)| *e == 0 && *w == 0).count() };
    CheckSummary { checked, clean, error }
}

/// A package-name suffix from a spec's relative path: `github.com/ghes-3.8.json` → `github-com-ghes-3-8`.
fn crate_suffix(name: &str, index: usize) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    // The index keeps names unique when two paths differ only in punctuation.
    format!("{}-{index}", words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_sniffed_from_yaml_and_json() {
        assert_eq!(sniff_version("info:\n  title: x\nopenapi: 3.0.3\n"), "3.0.3");
        assert_eq!(sniff_version("swagger: '2.0'\n"), "swagger 2.0");
        assert_eq!(sniff_version("{\"info\":{},\"openapi\" : \"3.1.0\"}"), "3.1.0");
        assert_eq!(sniff_version("{}"), "unknown");
    }

    #[test]
    fn the_sample_is_spread_over_the_generated_specs() {
        let result = |name: &str, generated: bool| SpecResult {
            name: name.to_owned(),
            path: PathBuf::from(name),
            version: "3.0.0".to_owned(),
            outcome: if generated { Outcome::Generated { warnings: Vec::new() } } else { Outcome::Timeout },
            elapsed: Duration::ZERO,
        };
        let results: Vec<SpecResult> = (0..10).map(|index| result(&format!("{index}"), index != 3)).collect();
        let names: Vec<&str> = sample(&results, 3).iter().map(|result| result.name.as_str()).collect();
        assert_eq!(names, ["0", "4", "7"]);
        assert_eq!(sample(&results, 50).len(), 9);
    }
}
