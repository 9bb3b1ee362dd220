//! `cargo xtask sweep DIR`: run the generator over every OpenAPI document
//! under a folder, each in isolation (a panic is caught, a spec that takes too
//! long is abandoned), and write a report: the outcome of every spec, totals,
//! counts by OpenAPI version, the most frequent errors and warnings, and the
//! slowest specs. `--check-sample N` also `cargo check`s N generated crates.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use openapi_clientgen::{generate_crate, Config, Diagnostic, Failure};

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
#[derive(Debug, Clone)]
enum Outcome {
    /// Generated; the normalised messages of its warnings.
    Generated { warnings: Vec<String> },
    /// The generator reported an error (the first one, on one line).
    Error(String),
    /// The generator panicked (message and place).
    Panic(String),
    /// Still running after the timeout; abandoned.
    Timeout,
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Self::Generated { warnings } if warnings.is_empty() => "ok",
            Self::Generated { .. } => "ok-with-warnings",
            Self::Error(_) => "error",
            Self::Panic(_) => "PANIC",
            Self::Timeout => "TIMEOUT",
        }
    }

    fn generated(&self) -> bool {
        matches!(self, Self::Generated { .. })
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
    println!(
        "sweeping {} specs with {} workers, timeout {:?} (+1 s per MB)",
        specs.len(),
        options.jobs,
        options.timeout
    );
    install_panic_hook();
    let started = Instant::now();
    let results = sweep(&options.dir, &specs, options.jobs, options.timeout);
    let wall = started.elapsed();
    let check = (options.check_sample > 0).then(|| check_sample(&results, options.check_sample, &options.report));
    let report = render_report(&options.dir, &results, wall, check.as_ref());
    if let Some(parent) = options.report.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if let Err(error) = std::fs::write(&options.report, &report) {
        eprintln!("error: cannot write {}: {error}", options.report.display());
        return ExitCode::FAILURE;
    }
    print!("{}", summary(&results, wall, check.as_ref()));
    println!("report: {}", options.report.display());
    let crashed = results.iter().any(|result| matches!(result.outcome, Outcome::Panic(_) | Outcome::Timeout));
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

/// Runs every spec on `jobs` worker threads and returns the results in the order of `specs`.
fn sweep(root: &Path, specs: &[PathBuf], jobs: usize, timeout: Duration) -> Vec<SpecResult> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<SpecResult>>> = Mutex::new(vec![None; specs.len()]);
    let progress = Progress::new(specs.len());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = specs.get(index) else { break };
                let name = path.strip_prefix(root).unwrap_or(path).display().to_string();
                progress.started(&name);
                let result = run_one(path, name, timeout);
                progress.finished(&result);
                if let Ok(mut results) = results.lock() {
                    results[index] = Some(result);
                }
            });
        }
    });
    progress.done();
    results.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

/// Generates one spec on a thread of its own, abandoned after `timeout`.
fn run_one(path: &Path, name: String, timeout: Duration) -> SpecResult {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let version = sniff_version(&text);
    // Big documents take long without looping: a second more per megabyte.
    let timeout = timeout + Duration::from_secs((text.len() >> 20) as u64);
    drop(text);
    let started = Instant::now();
    let (sender, receiver) = mpsc::channel();
    let spec = path.to_owned();
    // The stack of a main thread: what the CLI runs with.
    let spawned = std::thread::Builder::new().name(name.clone()).stack_size(8 << 20).spawn(move || {
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
    SpecResult { name, path: path.to_owned(), version, outcome, elapsed: started.elapsed() }
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
fn warning_classes(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut classes: Vec<String> = diagnostics.iter().map(|diagnostic| class_of(&diagnostic.message)).collect();
    classes.sort();
    classes.dedup();
    classes
}

/// A message with its specifics (`quoted` names, numbers, pointers) blanked, to count alike messages together.
fn class_of(message: &str) -> String {
    let mut class = String::with_capacity(message.len());
    let mut in_quote = false;
    let mut previous_digit = false;
    for c in message.chars() {
        match c {
            '`' => {
                in_quote = !in_quote;
                if in_quote {
                    class.push_str("`…`");
                }
            }
            _ if in_quote => {}
            c if c.is_ascii_digit() => {
                if !previous_digit {
                    class.push('N');
                }
            }
            c => class.push(c),
        }
        previous_digit = c.is_ascii_digit();
    }
    let class = class.split(" at #/").next().unwrap_or_default();
    class.chars().take(160).collect()
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
                if matches!(result.outcome, Outcome::Panic(_) | Outcome::Timeout) {
                    bar.println(format!("{}: {}", result.outcome.label(), result.name));
                }
                bar.inc(1);
            }
            Self::Lines { total, done, failed } => {
                if !result.outcome.generated() {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                if matches!(result.outcome, Outcome::Panic(_) | Outcome::Timeout) {
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

/// Counts of each outcome label.
fn totals(results: &[SpecResult]) -> BTreeMap<&'static str, usize> {
    let mut totals = BTreeMap::new();
    for result in results {
        *totals.entry(result.outcome.label()).or_default() += 1;
    }
    totals
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The lines printed at the end of a run (and at the top of the report).
fn summary(results: &[SpecResult], wall: Duration, check: Option<&CheckSummary>) -> String {
    let totals = totals(results);
    let count = |label: &str| totals.get(label).copied().unwrap_or_default();
    let generated = results.iter().filter(|result| result.outcome.generated()).count();
    let v30: Vec<&SpecResult> = results.iter().filter(|result| result.version.starts_with("3.0")).collect();
    let v30_generated = v30.iter().filter(|result| result.outcome.generated()).count();
    let mut text = format!(
        "{} specs in {:.0?}: {generated} generated ({:.1}%; {} ok, {} with warnings), {} errors, {} panics, {} timeouts\n",
        results.len(),
        wall,
        percent(generated, results.len()),
        count("ok"),
        count("ok-with-warnings"),
        count("error"),
        count("PANIC"),
        count("TIMEOUT"),
    );
    text += &format!(
        "OpenAPI 3.0.x: {v30_generated} of {} generated ({:.2}%)\n",
        v30.len(),
        percent(v30_generated, v30.len())
    );
    if let Some(check) = check {
        match &check.error {
            Some(error) => text += &format!("check sample: not checked: {error}\n"),
            None => {
                text += &format!(
                    "check sample: {} of {} generated crates compile without warnings ({:.0}%)\n",
                    check.clean,
                    check.checked.len(),
                    percent(check.clean, check.checked.len())
                )
            }
        }
    }
    text
}

/// The Markdown report.
fn render_report(dir: &Path, results: &[SpecResult], wall: Duration, check: Option<&CheckSummary>) -> String {
    let mut report = format!("# Sweep of {}\n\n```text\n{}```\n", dir.display(), summary(results, wall, check));
    report += &versions_section(results);
    report += &classes_section("Errors", results, |outcome| match outcome {
        Outcome::Error(message) => vec![class_of(message)],
        _ => Vec::new(),
    });
    report += &classes_section("Warnings (specs with each)", results, |outcome| match outcome {
        Outcome::Generated { warnings } => warnings.clone(),
        _ => Vec::new(),
    });
    report += &slowest_section(results, 20);
    if let Some(check) = check {
        report += &check_section(check);
    }
    report += "\n## Every spec\n\n| spec | version | outcome | seconds | first error / panic / warnings |\n|---|---|---|---|---|\n";
    for result in results {
        let detail = match &result.outcome {
            Outcome::Generated { warnings } if warnings.is_empty() => String::new(),
            Outcome::Generated { warnings } => format!("{} kinds of warning", warnings.len()),
            Outcome::Error(message) | Outcome::Panic(message) => message.clone(),
            Outcome::Timeout => String::new(),
        };
        report += &format!(
            "| {} | {} | {} | {:.2} | {} |\n",
            result.name,
            result.version,
            result.outcome.label(),
            result.elapsed.as_secs_f64(),
            table_cell(&detail)
        );
    }
    report
}

fn table_cell(text: &str) -> String {
    let text: String = text.chars().take(300).collect();
    text.replace('|', "\\|")
}

fn versions_section(results: &[SpecResult]) -> String {
    let mut versions: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for result in results {
        let entry = versions.entry(&result.version).or_default();
        entry.0 += 1;
        entry.1 += usize::from(result.outcome.generated());
    }
    let mut section = "\n## By version\n\n| version | specs | generated |\n|---|---|---|\n".to_owned();
    for (version, (specs, generated)) in versions {
        section += &format!("| {version} | {specs} | {generated} |\n");
    }
    section
}

/// The most frequent message classes, each with a spec showing it.
fn classes_section(title: &str, results: &[SpecResult], classes: impl Fn(&Outcome) -> Vec<String>) -> String {
    let mut counts: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for result in results {
        for class in classes(&result.outcome) {
            counts.entry(class).or_insert((0, &result.name)).0 += 1;
        }
    }
    let mut counts: Vec<(String, (usize, &str))> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
    let mut section = format!("\n## {title}\n\n| specs | message | e.g. |\n|---|---|---|\n");
    for (class, (count, example)) in counts.iter().take(40) {
        section += &format!("| {count} | {} | {example} |\n", table_cell(class));
    }
    if counts.len() > 40 {
        section += &format!("\n{} more kinds.\n", counts.len() - 40);
    }
    section
}

fn slowest_section(results: &[SpecResult], n: usize) -> String {
    let mut slowest: Vec<&SpecResult> = results.iter().collect();
    slowest.sort_by_key(|result| std::cmp::Reverse(result.elapsed));
    let mut section = format!("\n## The {n} slowest\n\n| seconds | spec | outcome |\n|---|---|---|\n");
    for result in slowest.into_iter().take(n) {
        section += &format!("| {:.2} | {} | {} |\n", result.elapsed.as_secs_f64(), result.name, result.outcome.label());
    }
    section
}

fn check_section(check: &CheckSummary) -> String {
    let mut section =
        "\n## `cargo check` of the sample\n\n| crate | spec | errors | warnings |\n|---|---|---|---|\n".to_owned();
    if let Some(error) = &check.error {
        section += &format!("\nNot checked: {error}\n");
    }
    for (crate_name, spec, errors, warnings) in &check.checked {
        section += &format!("| {crate_name} | {spec} | {errors} | {warnings} |\n");
    }
    section
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
    fn messages_are_classed_without_their_specifics() {
        assert_eq!(class_of("unresolvable $ref `#/a/b` at #/paths/x"), "unresolvable $ref `…`");
        assert_eq!(class_of("enum of 12 values"), "enum of N values");
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
