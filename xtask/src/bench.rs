//! `cargo xtask bench [--runs N] [--quick]`: the measurements of issue 17,
//! side by side with the Rust peers, written to `BENCHMARKS.md`.
//!
//! Everything it needs is installed on first use under `target/`: the peers
//! with `cargo install` (`target/tools`), GitHub's description with npm
//! (`target/bench/npm`). Every measured command runs in a fresh
//! `xtask bench-measure` process, which starts it, waits for it and reads
//! `getrusage(RUSAGE_CHILDREN)`: its wall time and the peak resident memory of
//! its whole process tree (a `cargo check` counts its largest `rustc`).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// How long a generator may run before it counts as failed.
const GENERATION_TIMEOUT: Duration = Duration::from_secs(120);
/// How long one `cargo check` may run.
const CHECK_TIMEOUT: Duration = Duration::from_secs(900);
/// The npm package holding GitHub's REST description.
const OCTOKIT_PACKAGE: &str = "@octokit/openapi";

/// A peer generator and how to make it write a crate.
#[derive(Debug)]
struct Peer {
    name: &'static str,
    krate: &'static str,
    binary: &'static str,
    version: &'static str,
    /// The arguments that write a crate for `spec` into `out`.
    args: fn(spec: &Path, out: &Path) -> Vec<OsString>,
}

const PEERS: [Peer; 4] = [
    Peer { name: "oas3-gen", krate: "oas3-gen", binary: "oas3-gen", version: "0.29.0", args: oas3_gen_args },
    Peer { name: "ploidy", krate: "ploidy", binary: "ploidy", version: "0.15.0", args: ploidy_args },
    Peer {
        name: "openapi-to-rust",
        krate: "openapi-to-rust",
        binary: "openapi-to-rust",
        version: "0.23.0",
        args: openapi_to_rust_args,
    },
    Peer {
        name: "progenitor",
        krate: "cargo-progenitor",
        binary: "cargo-progenitor",
        version: "0.15.1",
        args: progenitor_args,
    },
];

fn os(words: &[&str]) -> Vec<OsString> {
    words.iter().map(OsString::from).collect()
}

fn oas3_gen_args(spec: &Path, out: &Path) -> Vec<OsString> {
    // `client-mod --workspace` writes a crate: Cargo.toml and src/.
    let mut args = os(&["generate", "client-mod", "--workspace", "--quiet", "--input"]);
    args.extend([spec.into(), "--output".into(), out.into()]);
    args
}

fn ploidy_args(spec: &Path, out: &Path) -> Vec<OsString> {
    let mut args = os(&["generate", "rust"]);
    args.extend([spec.into(), "--output".into(), out.into()]);
    args
}

fn openapi_to_rust_args(spec: &Path, out: &Path) -> Vec<OsString> {
    // A module and REQUIRED_DEPS.toml; the compile measurement wraps them in a crate.
    let mut args = os(&["generate", "--quiet"]);
    args.extend([spec.into(), "--output-dir".into(), out.into()]);
    args
}

fn progenitor_args(spec: &Path, out: &Path) -> Vec<OsString> {
    let mut args = os(&["progenitor", "--input"]);
    args.extend([spec.into(), "--output".into(), out.into()]);
    args.extend(os(&["--name", "bench-progenitor", "--version", "0.1.0"]));
    args
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Counted runs of each command, after one warm-up.
    pub runs: usize,
    /// 3 runs, no compile-time measurement.
    pub quick: bool,
}

impl Options {
    pub fn parse(args: &[&str]) -> Result<Options, String> {
        let mut options = Options { runs: 5, quick: false };
        let mut runs_given = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match *arg {
                "--quick" => options.quick = true,
                "--runs" => {
                    let value = args.next().ok_or("--runs needs a number")?;
                    options.runs = value.parse().map_err(|_| format!("--runs {value}: not a number"))?;
                    if options.runs == 0 {
                        return Err("--runs must be at least 1".to_owned());
                    }
                    runs_given = true;
                }
                other => {
                    return Err(format!("unknown argument `{other}`; usage: cargo xtask bench [--runs N] [--quick]"))
                }
            }
        }
        if options.quick && !runs_given {
            options.runs = 3;
        }
        Ok(options)
    }

    fn command(&self) -> String {
        let mut command = "cargo xtask bench".to_owned();
        if self.quick {
            command.push_str(" --quick");
        }
        if self.runs != if self.quick { 3 } else { 5 } {
            let _ = write!(command, " --runs {}", self.runs);
        }
        command
    }
}

/// One finished run of a command.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    /// Peak resident memory of the command's process tree, in KiB.
    max_rss_kib: u64,
}

/// The runs of one command, or how it failed.
#[derive(Debug, Clone, Default)]
struct Series {
    samples: Vec<Sample>,
    failure: Option<String>,
}

impl Series {
    fn seconds(&self) -> Vec<f64> {
        self.samples.iter().map(|sample| sample.wall.as_secs_f64()).collect()
    }

    fn mebibytes(&self) -> Vec<f64> {
        self.samples.iter().map(|sample| sample.max_rss_kib as f64 / 1024.0).collect()
    }
}

fn median(values: &[f64]) -> Option<f64> {
    let mut values = values.to_vec();
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

fn range(values: &[f64]) -> Option<(f64, f64)> {
    let min = values.iter().copied().reduce(f64::min)?;
    let max = values.iter().copied().reduce(f64::max)?;
    Some((min, max))
}

/// `1.23 s (1.20–1.31)`, or milliseconds below a second.
fn seconds_cell(series: &Series) -> String {
    let seconds = series.seconds();
    if median(&seconds).is_some_and(|median| median < 1.0) {
        cell(&seconds.iter().map(|value| value * 1000.0).collect::<Vec<_>>(), "ms", 1)
    } else {
        cell(&seconds, "s", 2)
    }
}

fn memory_cell(series: &Series) -> String {
    cell(&series.mebibytes(), "MiB", 0)
}

fn cell(values: &[f64], unit: &str, decimals: usize) -> String {
    match (median(values), range(values)) {
        (Some(median), Some((min, max))) => {
            format!("{median:.decimals$} {unit} ({min:.decimals$}–{max:.decimals$})")
        }
        _ => "—".to_owned(),
    }
}

fn ratio(ours: &[f64], peer: &[f64]) -> String {
    match (median(ours), median(peer)) {
        (Some(ours), Some(peer)) if peer > 0.0 => format!("{:.2}×", ours / peer),
        _ => "—".to_owned(),
    }
}

/// A command to measure, and what to do (untimed) before each run.
struct Job {
    label: String,
    program: PathBuf,
    args: Vec<OsString>,
    cwd: PathBuf,
    env: Vec<(String, String)>,
    timeout: Duration,
    prepare: Box<dyn Fn() -> Result<(), String>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Job").field("label", &self.label).field("program", &self.program).finish()
    }
}

/// Where the harness keeps its state.
#[derive(Debug)]
struct Dirs {
    root: PathBuf,
    bench: PathBuf,
    logs: PathBuf,
}

/// Runs `jobs` in rounds (each job once per round, in order), one warm-up
/// round then `runs` counted ones. A job that fails is recorded and not run again.
fn alternate(dirs: &Dirs, jobs: &[Job], runs: usize) -> Vec<Series> {
    let mut series = vec![Series::default(); jobs.len()];
    for round in 0..=runs {
        // Nothing to compare the first job with any more.
        if jobs.len() > 1 && series.iter().skip(1).all(|series| series.failure.is_some()) {
            break;
        }
        for (job, series) in jobs.iter().zip(&mut series) {
            if series.failure.is_some() {
                continue;
            }
            let what = if round == 0 { "warm-up".to_owned() } else { format!("run {round}/{runs}") };
            match measure(dirs, job) {
                Ok(sample) => {
                    say!(
                        "  {:<40} {what:>10}: {:7.2} s {:6} MiB",
                        job.label,
                        sample.wall.as_secs_f64(),
                        sample.max_rss_kib / 1024
                    );
                    if round > 0 {
                        series.samples.push(sample);
                    }
                }
                Err(failure) => {
                    say!("  {:<40} {what:>10}: FAILED: {failure}", job.label);
                    series.failure = Some(failure);
                }
            }
        }
    }
    series
}

/// One run of `job` in a fresh `xtask bench-measure` process.
fn measure(dirs: &Dirs, job: &Job) -> Result<Sample, String> {
    (job.prepare)()?;
    let stem: String = job.label.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let result = dirs.logs.join(format!("{stem}.result"));
    let stdout = dirs.logs.join(format!("{stem}.stdout"));
    let stderr = dirs.logs.join(format!("{stem}.stderr"));
    let _ = std::fs::remove_file(&result);
    let file = |path: &Path| std::fs::File::create(path).map_err(|error| format!("{}: {error}", path.display()));
    let me = std::env::current_exe().map_err(|error| format!("cannot find xtask itself: {error}"))?;
    let status = Command::new(me)
        .arg("bench-measure")
        .arg(&result)
        .arg(job.timeout.as_secs().to_string())
        .arg(&job.program)
        .args(&job.args)
        .current_dir(&job.cwd)
        .envs(job.env.iter().map(|(key, value)| (key, value)))
        .stdin(Stdio::null())
        .stdout(file(&stdout)?)
        .stderr(file(&stderr)?)
        .status()
        .map_err(|error| format!("cannot run the measuring process: {error}"))?;
    let text = std::fs::read_to_string(&result)
        .map_err(|error| format!("no measurement ({status}, {error}); see {}", stderr.display()))?;
    let mut words = text.splitn(3, ' ');
    let nanos: u64 = words.next().and_then(|word| word.parse().ok()).ok_or("malformed measurement")?;
    let max_rss_kib: u64 = words.next().and_then(|word| word.parse().ok()).ok_or("malformed measurement")?;
    let outcome = words.next().unwrap_or_default().trim();
    if outcome == "ok" {
        return Ok(Sample { wall: Duration::from_nanos(nanos), max_rss_kib });
    }
    let log = std::fs::read_to_string(&stderr).unwrap_or_default();
    // The first line that says something (a panic's message is on the line after `thread … panicked`).
    let first = log
        .lines()
        .map(strip_ansi)
        .map(|line| line.trim().to_owned())
        .find(|line| !line.is_empty() && !line.starts_with("Compiling") && !line.starts_with("Checking"))
        .unwrap_or_default();
    let panic = log.lines().skip_while(|line| !line.contains("panicked at")).nth(1).map(str::trim).unwrap_or_default();
    let message = if panic.is_empty() { first } else { format!("{first} {panic}") };
    Err(format!("{outcome}: {}", shorten(&message, 240)))
}

fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(limit).collect::<String>())
    }
}

/// `xtask bench-measure RESULT TIMEOUT_SECONDS PROGRAM ARGS…`: runs the
/// program (its output goes where this process's goes), then writes
/// `WALL_NANOS MAX_RSS_KIB OUTCOME` to RESULT. Run in a fresh process for
/// each measurement, so that `RUSAGE_CHILDREN` covers this one command only.
pub fn measure_worker(args: &[&str]) -> ExitCode {
    let [result, timeout, program, rest @ ..] = args else {
        eprintln!("usage: xtask bench-measure RESULT TIMEOUT_SECONDS PROGRAM ARGS…");
        return ExitCode::FAILURE;
    };
    let timeout = Duration::from_secs(timeout.parse().unwrap_or(120));
    let start = Instant::now();
    let mut child = match Command::new(program).args(rest).spawn() {
        Ok(child) => child,
        Err(error) => {
            let _ = std::fs::write(result, format!("0 0 cannot start {program}: {error}"));
            return ExitCode::FAILURE;
        }
    };
    let outcome = loop {
        match child.try_wait() {
            Ok(Some(status)) => break describe(status),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break format!("timed out after {} s", timeout.as_secs());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(error) => break format!("cannot wait: {error}"),
        }
    };
    let wall = start.elapsed();
    let max_rss_kib = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .map(|usage| usage.max_rss())
        .unwrap_or(0);
    let _ = std::fs::write(result, format!("{} {max_rss_kib} {outcome}", wall.as_nanos()));
    ExitCode::SUCCESS
}

fn describe(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt as _;
    match (status.code(), status.signal()) {
        (Some(0), _) => "ok".to_owned(),
        (Some(101), _) => "exit status 101 (a Rust panic, or cargo's failure)".to_owned(),
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => "ended without a status".to_owned(),
    }
}

/// An input description.
#[derive(Debug, Clone)]
struct Input {
    name: &'static str,
    path: PathBuf,
    bytes: u64,
}

fn run_cargo(args: &[&str], cwd: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(args)
        .current_dir(cwd)
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

fn output_of(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// GitHub's description, installed with npm on first use: (plain, dereferenced).
fn github_descriptions(bench: &Path) -> Result<(PathBuf, Option<PathBuf>), String> {
    let npm = bench.join("npm");
    let package = npm.join("node_modules").join("@octokit").join("openapi");
    if !package.join("package.json").exists() {
        say!("installing {OCTOKIT_PACKAGE} into {}", npm.display());
        std::fs::create_dir_all(&npm).map_err(|error| format!("{}: {error}", npm.display()))?;
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&npm)
            .arg(OCTOKIT_PACKAGE)
            .status()
            .map_err(|error| format!("cannot run npm (needed for GitHub's description): {error}"))?;
        if !status.success() {
            return Err(format!("`npm install {OCTOKIT_PACKAGE}` failed ({status})"));
        }
    }
    let generated = package.join("generated");
    let plain = generated.join("api.github.com.json");
    if !plain.exists() {
        return Err(format!("{} is not in {OCTOKIT_PACKAGE}", plain.display()));
    }
    let deref = generated.join("api.github.com.deref.json");
    Ok((plain, deref.exists().then_some(deref)))
}

/// The installed version of the npm package, from its package.json.
fn octokit_version(bench: &Path) -> String {
    let manifest = bench.join("npm").join("node_modules").join("@octokit").join("openapi").join("package.json");
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    text.split("\"version\"").nth(1).and_then(|rest| rest.split('"').nth(1)).unwrap_or("unknown").to_owned()
}

/// The machine, as BENCHMARKS.md describes it.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name").and_then(|rest| rest.split_once(':')).map(|(_, v)| v.trim()))
        .unwrap_or("unknown")
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or("unknown".to_owned(), |kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0));
    format!(
        "- CPUs (`nproc`): {}\n- CPU model: {cpu}\n- Memory: {memory}\n- {}\n- {}\n- OS: {}\n",
        output_of("nproc", &[]),
        output_of("rustc", &["--version"]),
        output_of("cargo", &["--version"]),
        output_of("uname", &["-sr"]),
    )
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Other builds on the machine: `rustc` processes that are not ours.
fn foreign_rustc_processes() -> usize {
    let me = std::process::id();
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            comm.trim() == "rustc" && !descends_from(*pid, me)
        })
        .count()
}

fn descends_from(mut pid: u32, ancestor: u32) -> bool {
    for _ in 0..64 {
        if pid == ancestor {
            return true;
        }
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // `pid (comm) state ppid …`; comm may hold spaces, so read after the last `)`.
        let Some(ppid) = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)) else {
            return false;
        };
        match ppid.parse::<u32>() {
            Ok(parent) if parent > 1 => pid = parent,
            _ => return false,
        }
    }
    false
}

/// What other work the machine did while we measured, sampled between measurements.
#[derive(Debug, Default)]
struct Contention {
    samples: usize,
    busy: usize,
    max_foreign: usize,
}

impl Contention {
    fn sample(&mut self) {
        let foreign = foreign_rustc_processes();
        self.samples += 1;
        self.busy += usize::from(foreign > 0);
        self.max_foreign = self.max_foreign.max(foreign);
    }
}

pub fn run(root: &Path, options: &Options) -> ExitCode {
    match run_all(root, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A peer, installed or not.
#[derive(Debug)]
struct Installed<'a> {
    peer: &'a Peer,
    binary: Result<PathBuf, String>,
}

fn run_all(root: &Path, options: &Options) -> Result<(), String> {
    let started = Instant::now();
    let bench = root.join("target").join("bench");
    let dirs = Dirs { root: root.to_owned(), bench: bench.clone(), logs: bench.join("logs") };
    std::fs::create_dir_all(&dirs.logs).map_err(|error| format!("{}: {error}", dirs.logs.display()))?;
    let mut contention = Contention::default();
    contention.sample();
    let load_before = load_average();

    // 1. What it needs, on first use.
    let tools = root.join("target").join("tools");
    let peers: Vec<Installed> = PEERS
        .iter()
        .map(|peer| Installed { peer, binary: crate::tools::installed(&tools, peer.krate, peer.binary, peer.version) })
        .collect();
    for installed in &peers {
        if let Err(message) = &installed.binary {
            eprintln!("warning: {}: {message}", installed.peer.name);
        }
    }
    let (github, github_deref) = github_descriptions(&bench)?;
    say!("building openapi-clientgen (release)");
    run_cargo(&["build", "--release", "--quiet", "-p", "openapi-clientgen"], root)?;
    let ours = target_dir(root).join("release").join("openapi-clientgen");
    say!("building the per-call benchmark (bench profile)");
    run_cargo(&["bench", "--quiet", "-p", "bench", "--no-run"], root)?;

    let file_input = |name: &'static str, path: PathBuf| -> Result<Input, String> {
        let bytes = std::fs::metadata(&path).map_err(|error| format!("{}: {error}", path.display()))?.len();
        Ok(Input { name, path, bytes })
    };
    let mut inputs = vec![
        file_input("FuseSign", root.join("specs").join("fusesign").join("openapi.json"))?,
        file_input("Stripe", root.join("tests").join("corpus").join("stripe.com__main.json"))?,
        file_input("GitHub", github)?,
    ];
    if let Some(deref) = github_deref {
        inputs.push(file_input("GitHub dereferenced", deref)?);
    }

    // 2. Generation.
    let mut generation = Vec::new();
    for input in &inputs {
        say!("generation: {} ({:.1} MB)", input.name, input.bytes as f64 / 1e6);
        for installed in &peers {
            let Ok(binary) = &installed.binary else { continue };
            let jobs = [
                generation_job(&dirs, input, "ours", &ours, |spec, out| {
                    let mut args = os(&["generate"]);
                    args.extend([spec.into(), "--out".into(), out.into(), "--name".into(), "bench-ours".into()]);
                    args
                }),
                generation_job(&dirs, input, installed.peer.name, binary, installed.peer.args),
            ];
            let [ours, peer]: [Series; 2] =
                alternate(&dirs, &jobs, options.runs).try_into().map_err(|_| "two series expected")?;
            contention.sample();
            generation.push((input.clone(), installed.peer.name, ours, peer));
        }
    }

    // 3. Per call and 4. profile: short, so they come before the long compile-time measurement.
    say!("per call: criterion, generated FuseSign client vs hand-written reqwest + serde_json");
    let per_call = per_call(&dirs, options);
    contention.sample();
    let inputs_by_name = |name: &str| inputs.iter().find(|input| input.name == name).cloned();
    let profile = inputs_by_name("GitHub").map_or_else(
        || Profile { phases: Err("no GitHub input".to_owned()), perf: Err("no GitHub input".to_owned()) },
        |github| profile(&dirs, &ours, &github),
    );
    contention.sample();

    // BENCHMARKS.md is written now and after each compile-time input, so an interrupted run leaves what it measured.
    let machine = machine();
    let octokit = octokit_version(&bench);
    let path = root.join("BENCHMARKS.md");
    let write = |compile: &[(Input, Vec<Compiled>)], contention: &Contention, pending: &[Input]| {
        let report = Report {
            root,
            options,
            machine: &machine,
            octokit: &octokit,
            load_before: &load_before,
            load_after: load_average(),
            contention,
            peers: &peers,
            inputs: &inputs,
            generation: &generation,
            compile,
            pending,
            per_call: &per_call,
            profile: &profile,
            elapsed: started.elapsed(),
        };
        std::fs::write(&path, report.render()).map_err(|error| format!("{}: {error}", path.display()))
    };

    // 5. Compile time of the output.
    let mut compile = Vec::new();
    let mut pending: Vec<Input> = if options.quick {
        Vec::new()
    } else {
        inputs.iter().filter(|input| input.name == "Stripe" || input.name == "GitHub").cloned().collect()
    };
    write(&compile, &contention, &pending)?;
    while !pending.is_empty() {
        let input = pending.remove(0);
        say!("compile time: {}", input.name);
        let compiled = compile_times(&dirs, &input, &peers, &generation, options.runs);
        compile.push((input, compiled));
        contention.sample();
        write(&compile, &contention, &pending)?;
    }
    say!("wrote {} in {:.0} s", path.display(), started.elapsed().as_secs_f64());
    Ok(())
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn generation_job(
    dirs: &Dirs,
    input: &Input,
    tool: &str,
    binary: &Path,
    args: impl Fn(&Path, &Path) -> Vec<OsString>,
) -> Job {
    let out = generated_dir(dirs, input, tool);
    let clean = out.clone();
    Job {
        label: format!("{} {tool}", input.name),
        program: binary.to_owned(),
        args: args(&input.path, &out),
        cwd: dirs.bench.clone(),
        // A panic's message without its backtrace.
        env: vec![("RUST_BACKTRACE".to_owned(), "0".to_owned())],
        timeout: GENERATION_TIMEOUT,
        prepare: Box::new(move || {
            let _ = std::fs::remove_dir_all(&clean);
            std::fs::create_dir_all(clean.parent().unwrap_or(&clean)).map_err(|error| error.to_string())
        }),
    }
}

/// `target/bench/gen/github/ploidy`: where `tool` writes its crate for `input`.
fn generated_dir(dirs: &Dirs, input: &Input, tool: &str) -> PathBuf {
    let input: String = input.name.to_ascii_lowercase().replace(' ', "-");
    dirs.bench.join("gen").join(input).join(format!("bench-{tool}"))
}

/// One tool's crate for the compile measurement.
#[derive(Debug)]
struct Compiled {
    tool: String,
    lines: usize,
    /// The untimed first check (dependencies built), or why it was skipped.
    first: Result<Sample, String>,
    series: Series,
}

/// A crate to check: tool, crate directory, extra `cargo check` arguments,
/// and whether the crate could be put there.
type Check = (String, PathBuf, Vec<String>, Result<(), String>);

/// `cargo check` of each crate generated for `input` (ours first), in rounds.
fn compile_times(
    dirs: &Dirs,
    input: &Input,
    peers: &[Installed],
    generation: &[(Input, &str, Series, Series)],
    runs: usize,
) -> Vec<Compiled> {
    let check_target = dirs.bench.join("check-target");
    let mut tools = vec!["ours".to_owned()];
    tools.extend(
        peers
            .iter()
            .filter(|installed| {
                generation.iter().any(|(generated, peer, _, series)| {
                    generated.name == input.name && *peer == installed.peer.name && series.failure.is_none()
                })
            })
            .map(|installed| installed.peer.name.to_owned()),
    );
    let mut compiled = Vec::new();
    let mut jobs = Vec::new();
    let mut checks: Vec<Check> = Vec::new();
    for tool in tools {
        let source = generated_dir(dirs, input, &tool);
        let crate_dir = dirs.bench.join("check").join(input.name.to_ascii_lowercase().replace(' ', "-")).join(&tool);
        let prepared = copy_crate(&source, &crate_dir);
        // 3. One feature of a big crate: our GitHub crate with its smallest tag alone, beside all tags.
        let feature = (tool == "ours" && input.name == "GitHub" && prepared.is_ok())
            .then(|| smallest_feature(&crate_dir))
            .flatten();
        checks.push((tool, crate_dir.clone(), Vec::new(), prepared));
        if let Some(feature) = feature {
            let args = vec!["--no-default-features".to_owned(), "--features".to_owned(), feature.clone()];
            checks.push((format!("{ONE_TAG}`{feature}`"), crate_dir, args, Ok(())));
        }
    }
    for (tool, crate_dir, features, prepared) in checks {
        let lines = crate::metrics::Size::of(&crate_dir.join("src")).lines;
        let lib = crate_dir.join("src").join("lib.rs");
        let mut args = os(&["check", "--quiet"]);
        args.extend(features.into_iter().map(OsString::from));
        let job = Job {
            label: format!("check {} {tool}", input.name),
            program: PathBuf::from(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())),
            args,
            cwd: crate_dir.clone(),
            env: vec![
                ("CARGO_TARGET_DIR".to_owned(), check_target.display().to_string()),
                // A re-check after an edit: no incremental cache to reuse.
                ("CARGO_INCREMENTAL".to_owned(), "0".to_owned()),
                ("RUSTFLAGS".to_owned(), String::new()),
            ],
            timeout: CHECK_TIMEOUT,
            prepare: Box::new(move || {
                std::fs::File::options()
                    .append(true)
                    .open(&lib)
                    .and_then(|file| file.set_modified(SystemTime::now()))
                    .map_err(|error| format!("cannot touch {}: {error}", lib.display()))
            }),
        };
        // The first check builds the dependencies; it is not counted.
        let first = prepared.and_then(|()| {
            say!("  {:<40} first check (dependencies)", job.label);
            measure(dirs, &job)
        });
        match &first {
            Ok(sample) => {
                say!("  {:<40} first check: {:.1} s", job.label, sample.wall.as_secs_f64());
                jobs.push(job);
            }
            Err(failure) => say!("  {:<40} does not compile: {failure}", job.label),
        }
        compiled.push(Compiled { tool, lines, first, series: Series::default() });
    }
    let series = alternate(dirs, &jobs, runs);
    let mut series = series.into_iter();
    for compiled in compiled.iter_mut().filter(|compiled| compiled.first.is_ok()) {
        compiled.series = series.next().unwrap_or_default();
    }
    compiled
}

/// The tool name of our crate checked with one tag's feature alone.
const ONE_TAG: &str = "ours, one tag: ";

/// The tag feature of our crate at `crate_dir` whose module is smallest
/// (ties: the first name), or `None` when the crate has no tag features.
fn smallest_feature(crate_dir: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).ok()?;
    let default = manifest.lines().find_map(|line| line.strip_prefix("default = "))?;
    // `default = ["meta", "emojis", …]`: the names are the quoted parts.
    let features: Vec<String> = default.split('"').skip(1).step_by(2).map(str::to_owned).collect();
    let modules: Vec<PathBuf> = std::fs::read_dir(crate_dir.join("src"))
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_dir() && path.file_name().is_some_and(|name| name != "runtime"))
        .collect();
    let size = |feature: &String| {
        let file = format!("{}.rs", feature.replace('-', "_"));
        modules.iter().find_map(|module| std::fs::metadata(module.join(&file)).ok()).map(|metadata| metadata.len())
    };
    let mut sized: Vec<(u64, String)> =
        features.into_iter().filter_map(|feature| Some((size(&feature)?, feature))).collect();
    sized.sort();
    sized.into_iter().next().map(|(_, feature)| feature)
}

/// Copies a generated crate to `to`, made its own workspace.
fn copy_crate(from: &Path, to: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(to);
    let required = from.join("REQUIRED_DEPS.toml");
    if required.exists() {
        // openapi-to-rust writes a module and the dependencies it needs: wrap them in a crate.
        let dependencies = std::fs::read_to_string(&required).map_err(|error| error.to_string())?;
        let name = to.file_name().and_then(|name| name.to_str()).unwrap_or("wrapper");
        copy_dir(from, &to.join("src").join("api"))
            .map_err(|error| format!("cannot copy {}: {error}", from.display()))?;
        let _ = std::fs::remove_file(to.join("src").join("api").join("REQUIRED_DEPS.toml"));
        let manifest =
            format!("[package]\nname = \"bench-{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{dependencies}\n");
        std::fs::write(to.join("Cargo.toml"), manifest).map_err(|error| error.to_string())?;
        std::fs::write(to.join("src").join("lib.rs"), "pub mod api;\n").map_err(|error| error.to_string())?;
    } else if from.join("Cargo.toml").exists() {
        copy_dir(from, to).map_err(|error| format!("cannot copy {}: {error}", from.display()))?;
    } else {
        return Err(format!("no crate was generated in {}", from.display()));
    }
    let manifest = to.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|error| error.to_string())?;
    if !text.lines().any(|line| line.trim() == "[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|error| error.to_string())?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target)?;
            }
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Criterion's results for the two ways of calling, over alternating
/// invocations, and those of the interleaved measurement.
#[derive(Debug)]
struct PerCall {
    generated: Vec<f64>,
    hand_written: Vec<f64>,
    failure: Option<String>,
    /// One per invocation of `--bench interleaved`.
    interleaved: Result<Vec<Interleaved>, String>,
}

/// One invocation of `cargo bench -p bench --bench interleaved`: per client,
/// wall time per call and the calling thread's CPU time per call (µs).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Interleaved {
    generated: (f64, Option<f64>),
    hand_written: (f64, Option<f64>),
}

impl Interleaved {
    /// Reads `generated wall_us=… thread_cpu_us=…` and the `hand_written` line.
    fn parse(output: &str) -> Result<Self, String> {
        let client = |name: &str| {
            let line = output
                .lines()
                .find(|line| line.split_whitespace().next() == Some(name))
                .ok_or_else(|| format!("no `{name}` line in the output"))?;
            let field = |key: &str| {
                line.split_whitespace().find_map(|part| part.strip_prefix(key)?.strip_prefix('=')?.parse::<f64>().ok())
            };
            let wall = field("wall_us").ok_or_else(|| format!("no wall time for `{name}`"))?;
            Ok::<_, String>((wall, field("thread_cpu_us")))
        };
        Ok(Self { generated: client("generated")?, hand_written: client("hand_written")? })
    }
}

/// `cargo bench -p bench --bench per_call`, generated then hand-written, alternating.
fn per_call(dirs: &Dirs, options: &Options) -> PerCall {
    let criterion_home = dirs.bench.join("criterion");
    let mut result = PerCall {
        generated: Vec::new(),
        hand_written: Vec::new(),
        failure: None,
        interleaved: interleaved(dirs, options),
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let (warm_up, measurement) = if options.quick { ("1", "2") } else { ("2", "4") };
    for round in 0..=options.runs {
        for name in ["generated", "hand_written"] {
            let output = Command::new(&cargo)
                .args(["bench", "--quiet", "-p", "bench", "--bench", "per_call", "--"])
                .args(["--warm-up-time", warm_up, "--measurement-time", measurement, "--noplot", "--exact"])
                .arg(format!("customer_get/{name}"))
                .env("CRITERION_HOME", &criterion_home)
                .current_dir(&dirs.root)
                .output();
            let estimates = criterion_home.join("customer_get").join(name).join("new").join("estimates.json");
            let median = match output {
                Ok(output) if output.status.success() => criterion_median(&estimates),
                Ok(output) => Err(format!(
                    "cargo bench failed ({}): {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).lines().next().unwrap_or_default()
                )),
                Err(error) => Err(format!("cannot run cargo bench: {error}")),
            };
            match median {
                Ok(nanos) => {
                    say!("  per call {name:<12} {}: {:.1} µs", round_name(round, options.runs), nanos / 1000.0);
                    if round > 0 && name == "generated" {
                        result.generated.push(nanos);
                    } else if round > 0 {
                        result.hand_written.push(nanos);
                    }
                }
                Err(message) => {
                    say!("  per call {name}: FAILED: {message}");
                    result.failure = Some(message);
                    return result;
                }
            }
        }
    }
    result
}

/// `cargo bench -p bench --bench interleaved`, `options.runs` times.
fn interleaved(dirs: &Dirs, options: &Options) -> Result<Vec<Interleaved>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let rounds = if options.quick { "10" } else { "40" };
    (1..=options.runs)
        .map(|run| {
            let output = Command::new(&cargo)
                .args(["bench", "--quiet", "-p", "bench", "--bench", "interleaved", "--", rounds])
                .current_dir(&dirs.root)
                .output()
                .map_err(|error| format!("cannot run cargo bench: {error}"))?;
            if !output.status.success() {
                return Err(format!(
                    "cargo bench failed ({}): {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).lines().next().unwrap_or_default()
                ));
            }
            let measured = Interleaved::parse(&String::from_utf8_lossy(&output.stdout))?;
            say!(
                "  per call interleaved run {run}/{}: generated {:.1} µs, hand-written {:.1} µs",
                options.runs,
                measured.generated.0,
                measured.hand_written.0
            );
            Ok(measured)
        })
        .collect()
}

fn round_name(round: usize, runs: usize) -> String {
    if round == 0 {
        "warm-up".to_owned()
    } else {
        format!("run {round}/{runs}")
    }
}

/// The median point estimate (ns) of criterion's `estimates.json`.
fn criterion_median(path: &Path) -> Result<f64, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    // `"median":{"confidence_interval":{…},"point_estimate":1234.5,"standard_error":…}`
    let median = text.split("\"median\"").nth(1).ok_or("no median in estimates.json")?;
    let value = median.split("\"point_estimate\":").nth(1).ok_or("no point estimate in estimates.json")?;
    let number: String =
        value.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')).collect();
    number.parse().map_err(|_| format!("malformed point estimate `{number}`"))
}

/// What the profile of our generator on GitHub's description found.
#[derive(Debug)]
struct Profile {
    /// Phase timings from `cargo bench -p bench --bench phases`.
    phases: Result<String, String>,
    /// `perf report`'s top entries, when `perf` is there.
    perf: Result<String, String>,
}

fn profile(dirs: &Dirs, ours: &Path, github: &Input) -> Profile {
    say!("profile: phases of the library on {}", github.name);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let phases = Command::new(&cargo)
        .args(["bench", "--quiet", "-p", "bench", "--bench", "phases", "--"])
        .arg(&github.path)
        .current_dir(&dirs.root)
        .output()
        .map_err(|error| format!("cannot run cargo bench: {error}"))
        .and_then(|output| {
            if output.status.success() {
                Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
            } else {
                Err(format!("phases failed: {}", String::from_utf8_lossy(&output.stderr).trim()))
            }
        });
    say!("profile: perf record of the generator on {}", github.name);
    let data = dirs.bench.join("perf.data");
    let out = dirs.bench.join("gen").join("perf-ours");
    let _ = std::fs::remove_dir_all(&out);
    let perf = Command::new("perf")
        .args(["record", "--quiet", "-F", "999", "-g", "-o"])
        .arg(&data)
        .arg("--")
        .arg(ours)
        .arg("generate")
        .arg(&github.path)
        .arg("--out")
        .arg(&out)
        .output()
        .map_err(|error| format!("perf is not available: {error}"))
        .and_then(|output| {
            if output.status.success() {
                Ok(())
            } else {
                Err(format!("perf record failed: {}", String::from_utf8_lossy(&output.stderr).trim()))
            }
        })
        .and_then(|()| {
            let report = |sort: &str| {
                Command::new("perf")
                    .args(["report", "--stdio", "--no-children", "--percent-limit", "1.5", "-g", "none", "--sort"])
                    .arg(sort)
                    .arg("-i")
                    .arg(&data)
                    .output()
                    .map(|output| {
                        String::from_utf8_lossy(&output.stdout)
                            .lines()
                            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
                            // Symbol lines end in empty columns (`   -   -`).
                            .map(|line| line.trim_end_matches([' ', '-']).to_owned())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .map_err(|error| format!("perf report failed: {error}"))
            };
            Ok(format!("{}\n\n{}", report("dso")?, report("symbol")?))
        });
    Profile { phases, perf }
}

struct Report<'a> {
    root: &'a Path,
    options: &'a Options,
    machine: &'a str,
    /// The version of `@octokit/openapi` the GitHub descriptions come from.
    octokit: &'a str,
    load_before: &'a str,
    load_after: String,
    contention: &'a Contention,
    peers: &'a [Installed<'a>],
    inputs: &'a [Input],
    generation: &'a [(Input, &'static str, Series, Series)],
    compile: &'a [(Input, Vec<Compiled>)],
    /// Compile-time inputs not measured yet when this was written.
    pending: &'a [Input],
    per_call: &'a PerCall,
    profile: &'a Profile,
    elapsed: Duration,
}

impl Report<'_> {
    fn render(&self) -> String {
        let mut out = String::new();
        let runs = self.options.runs;
        let _ = writeln!(out, "# Benchmarks\n");
        let _ = writeln!(
            out,
            "Written by `{}` (issue 17): {runs} counted runs after one warm-up, alternating ours and the peer; \
             medians, with min–max in parentheses; ratios are ours / peer (below 1 is better for us). \
             The run took {:.0} min up to this writing.\n",
            self.options.command(),
            self.elapsed.as_secs_f64() / 60.0
        );
        if !self.pending.is_empty() {
            let names: Vec<&str> = self.pending.iter().map(|input| input.name).collect();
            let _ = writeln!(
                out,
                "**Partial**: written while the run was still measuring compile times; not reached: {}.\n",
                names.join(", ")
            );
        }
        let _ = writeln!(out, "## Machine\n\n{}", self.machine);
        let _ = writeln!(out, "- Load average (1, 5, 15 min) before: {}; after: {}", self.load_before, self.load_after);
        if self.contention.busy > 0 {
            let _ = writeln!(
                out,
                "- **Other builds were running on the machine during the measurement**: `rustc` processes not \
                 started by the harness were seen at {} of {} checkpoints (up to {} at once), so absolute \
                 figures are noisier and slower than on an idle machine; the alternation keeps the ratios fair.",
                self.contention.busy, self.contention.samples, self.contention.max_foreign
            );
        } else {
            let _ = writeln!(out, "- No other build was seen on the machine at the harness's checkpoints.");
        }
        let _ = writeln!(out, "\n## Peers\n");
        let _ = writeln!(out, "| peer | crate | version | installed |\n|---|---|---|---|");
        for installed in self.peers {
            let state = match &installed.binary {
                Ok(_) => "yes".to_owned(),
                Err(message) => format!("no: {message}"),
            };
            let peer = installed.peer;
            let _ = writeln!(out, "| {} | `{}` | {} | {state} |", peer.name, peer.krate, peer.version);
        }
        let _ = writeln!(out, "\nInputs:\n");
        for input in self.inputs {
            let origin = if input.name.starts_with("GitHub") {
                format!(" (npm `{OCTOKIT_PACKAGE}` {})", self.octokit)
            } else {
                String::new()
            };
            let (name, path, megabytes) = (input.name, self.relative(&input.path), input.bytes as f64 / 1e6);
            let _ = writeln!(out, "- {name}: `{path}`{origin}, {megabytes:.2} MB");
        }
        self.render_generation(&mut out);
        self.render_scaling(&mut out);
        self.render_compile(&mut out);
        self.render_feature(&mut out);
        self.render_per_call(&mut out);
        self.render_profile(&mut out);
        out
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(self.root).unwrap_or(path).display().to_string()
    }

    /// Every counted run of ours on `input`, across the pairs.
    fn pooled_ours(&self, input: &Input) -> Series {
        let samples = self
            .generation
            .iter()
            .filter(|row| row.0.name == input.name)
            .flat_map(|row| row.2.samples.iter().copied())
            .collect();
        Series { samples, failure: None }
    }

    fn render_generation(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\n## Generation\n\nWhole process, from the description to a crate on disk: our release binary \
             (`openapi-clientgen generate SPEC --out DIR`) vs each peer's command; wall time and peak resident \
             memory (`getrusage(RUSAGE_CHILDREN)` of a fresh measuring process). A peer that exits non-zero, \
             panics or runs over {} s is marked failed, with the first line it printed.\n",
            GENERATION_TIMEOUT.as_secs()
        );
        for input in self.inputs {
            let _ = writeln!(out, "### {}\n", input.name);
            let _ = writeln!(
                out,
                "| peer | ours: time | peer: time | time ratio | ours: memory | peer: memory | memory ratio |\n|---|---|---|---|---|---|---|"
            );
            for (generated, peer, ours, theirs) in self.generation.iter().filter(|row| row.0.name == input.name) {
                if let Some(failure) = &ours.failure {
                    let _ = writeln!(out, "| {peer} | ours failed: {} | | | | | |", escape(failure));
                    continue;
                }
                let _ = generated;
                match &theirs.failure {
                    Some(failure) => {
                        // Ours was not run again once the peer failed: its runs beside the other peers.
                        let pooled = self.pooled_ours(input);
                        let _ = writeln!(
                            out,
                            "| {peer} | {} | **fails**: {} | — | {} | — | — |",
                            seconds_cell(&pooled),
                            escape(failure),
                            memory_cell(&pooled)
                        );
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "| {peer} | {} | {} | {} | {} | {} | {} |",
                            seconds_cell(ours),
                            seconds_cell(theirs),
                            ratio(&ours.seconds(), &theirs.seconds()),
                            memory_cell(ours),
                            memory_cell(theirs),
                            ratio(&ours.mebibytes(), &theirs.mebibytes())
                        );
                    }
                }
            }
            let _ = writeln!(out);
        }
    }

    fn render_scaling(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "## Scaling\n\nSeconds per MB of description (median time / size), GitHub's dereferenced description \
             vs the plain one, from the generation runs above (ours: all its runs on that input).\n"
        );
        let plain = self.inputs.iter().find(|input| input.name == "GitHub");
        let deref = self.inputs.iter().find(|input| input.name == "GitHub dereferenced");
        let (Some(plain), Some(deref)) = (plain, deref) else {
            let _ = writeln!(out, "Not measured: {OCTOKIT_PACKAGE} does not ship a dereferenced description.\n");
            return;
        };
        let _ =
            writeln!(out, "| generator | plain: s/MB | dereferenced: s/MB | dereferenced / plain |\n|---|---|---|---|");
        let per_mb = |input: &Input, tool: &str| -> Option<f64> {
            let values: Vec<f64> = self
                .generation
                .iter()
                .filter(|row| row.0.name == input.name)
                .flat_map(|(_, peer, ours, theirs)| {
                    let series = if tool == "ours" {
                        ours
                    } else if *peer == tool {
                        theirs
                    } else {
                        return Vec::new();
                    };
                    if series.failure.is_some() {
                        Vec::new()
                    } else {
                        series.seconds()
                    }
                })
                .collect();
            median(&values).map(|seconds| seconds / (input.bytes as f64 / 1e6))
        };
        for tool in std::iter::once("ours").chain(PEERS.iter().map(|peer| peer.name)) {
            let (a, b) = (per_mb(plain, tool), per_mb(deref, tool));
            let show = |value: Option<f64>| value.map_or("fails".to_owned(), |value| format!("{value:.3}"));
            let quotient = match (a, b) {
                (Some(a), Some(b)) => format!("{:.2}×", b / a),
                _ => "—".to_owned(),
            };
            let _ = writeln!(out, "| {tool} | {} | {} | {quotient} |", show(a), show(b));
        }
        let _ = writeln!(out);
    }

    fn render_compile(&self, out: &mut String) {
        let _ = writeln!(out, "## Compile time of the output\n");
        if self.compile.is_empty() && self.pending.is_empty() {
            let _ = writeln!(out, "Not measured in this run (`--quick` skips it); run `cargo xtask bench`.\n");
            return;
        }
        let _ = writeln!(
            out,
            "`cargo check` of each generated crate (copied into `target/bench/check/`, made its own workspace, \
             one shared target directory), dependencies already built: a first check builds them (not counted), \
             then `src/lib.rs` is touched and the crate re-checked, in rounds (ours, then each peer), with \
             `CARGO_INCREMENTAL=0` so that a re-check redoes the crate's work as after a real edit. Memory is the \
             peak resident memory of the cargo process tree (its largest `rustc`). Lines count every `.rs` file of \
             the crate (our runtime included).\n"
        );
        for (input, compiled) in self.compile {
            let _ = writeln!(out, "### {}\n", input.name);
            let _ = writeln!(out, "| generator | lines | check time | ratio ours / it | peak memory | ratio ours / it |\n|---|---|---|---|---|---|");
            let ours = compiled.iter().find(|compiled| compiled.tool == "ours");
            for compiled in compiled {
                let row = match (&compiled.first, &compiled.series.failure) {
                    (Err(failure), _) => format!("does not compile: {} | | |", escape(failure)),
                    (Ok(_), Some(failure)) => format!("fails: {} | | |", escape(failure)),
                    (Ok(_), None) => {
                        let (time_ratio, memory_ratio) = match ours {
                            Some(ours) if !compiled.tool.starts_with("ours") && ours.series.failure.is_none() => (
                                ratio(&ours.series.seconds(), &compiled.series.seconds()),
                                ratio(&ours.series.mebibytes(), &compiled.series.mebibytes()),
                            ),
                            _ => ("—".to_owned(), "—".to_owned()),
                        };
                        format!(
                            "{} | {time_ratio} | {} | {memory_ratio}",
                            seconds_cell(&compiled.series),
                            memory_cell(&compiled.series)
                        )
                    }
                };
                let _ = writeln!(out, "| {} | {} | {row} |", compiled.tool, compiled.lines);
            }
            let _ = writeln!(out);
        }
        for input in self.pending {
            let _ = writeln!(out, "### {}\n\nNot measured yet when this file was written.\n", input.name);
        }
    }

    fn render_feature(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "## One feature of a big crate\n\nOur GitHub crate checked with only its smallest tag's feature \
             (`--no-default-features --features TAG`, the tag whose module file is smallest) against all tags \
             (the default), from the compile-time rounds above; the target is at most 10%.\n"
        );
        let github = self.compile.iter().find(|(input, _)| input.name == "GitHub");
        let rows = github.map(|(_, compiled)| {
            let all = compiled.iter().find(|compiled| compiled.tool == "ours");
            let one = compiled.iter().find(|compiled| compiled.tool.starts_with(ONE_TAG));
            (all, one)
        });
        match rows {
            Some((Some(all), Some(one))) if all.series.failure.is_none() && one.series.failure.is_none() => {
                let share = match (median(&one.series.seconds()), median(&all.series.seconds())) {
                    (Some(one), Some(all)) if all > 0.0 => format!("{:.0}%", 100.0 * one / all),
                    _ => "—".to_owned(),
                };
                let feature = one.tool.trim_start_matches(ONE_TAG);
                let _ = writeln!(
                    out,
                    "| features | check time | peak memory |\n|---|---|---|\n| all (default) | {} | {} |\n\
                     | {feature} only | {} | {} |\n\nOne tag takes **{share}** of the full check time.\n",
                    seconds_cell(&all.series),
                    memory_cell(&all.series),
                    seconds_cell(&one.series),
                    memory_cell(&one.series),
                );
            }
            _ => {
                let _ = writeln!(out, "Not measured in this run (GitHub's compile time was not reached or failed).\n");
            }
        }
    }

    fn render_per_call(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "## Per call\n\n`cargo bench -p bench --bench per_call` (criterion): `client.customer().get(tenant, id).await` \
             through the generated FuseSign client (`generated_client::fusesign`) vs the same request written by \
             hand with reqwest + serde_json (`bench/src/lib.rs`: URL, query, API-key header, status check, typed \
             decode), both against the same wiremock server on loopback (request recording off), one call per \
             iteration, awaited in turn on a current-thread tokio runtime. Each figure is criterion's median \
             time per call of one invocation; invocations alternate \
             generated and hand-written ({} counted after a warm-up).\n",
            self.options.runs
        );
        if let Some(failure) = &self.per_call.failure {
            let _ = writeln!(out, "Failed: {}\n", escape(failure));
            return;
        }
        let micros = |values: &[f64]| values.iter().map(|value| value / 1000.0).collect::<Vec<_>>();
        let (generated, hand) = (micros(&self.per_call.generated), micros(&self.per_call.hand_written));
        let _ = writeln!(out, "| client | time per call | ratio to hand-written |\n|---|---|---|");
        let _ = writeln!(out, "| generated | {} | {} |", cell(&generated, "µs", 1), ratio(&generated, &hand));
        let _ = writeln!(out, "| hand-written reqwest + serde_json | {} | 1.00× |\n", cell(&hand, "µs", 1));
        self.render_interleaved(out);
    }

    fn render_interleaved(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "### Interleaved\n\n`cargo bench -p bench --bench interleaved` makes the same calls with the two clients \
             taking turns in one process: 40 rounds (after 2 uncounted), each timing 500 calls through each client, \
             the first of them alternating. The machine's drift, which moves the separate measurements above apart, \
             falls on both alike. Besides the wall time, it reads the CPU time of the thread making the calls \
             (`/proc/thread-self/schedstat`), which leaves out the server's threads. {} invocations; per client, \
             the median (min–max) of their figures. A ratio is the median of the invocations' own ratios: each \
             invocation measures the two clients under the same conditions, which the ratio of two medians \
             taken from different invocations does not.\n",
            self.options.runs
        );
        let runs = match &self.per_call.interleaved {
            Ok(runs) => runs,
            Err(message) => {
                let _ = writeln!(out, "Failed: {}\n", escape(message));
                return;
            }
        };
        let wall =
            |pick: fn(&Interleaved) -> (f64, Option<f64>)| runs.iter().map(|run| pick(run).0).collect::<Vec<_>>();
        let cpu = |pick: fn(&Interleaved) -> (f64, Option<f64>)| {
            runs.iter().filter_map(|run| pick(run).1).collect::<Vec<_>>()
        };
        let (generated, hand) = (|run: &Interleaved| run.generated, |run: &Interleaved| run.hand_written);
        let wall_ratios: Vec<f64> = runs.iter().map(|run| run.generated.0 / run.hand_written.0).collect();
        let cpu_ratios: Vec<f64> = runs.iter().filter_map(|run| Some(run.generated.1? / run.hand_written.1?)).collect();
        let median_ratio =
            |ratios: &[f64]| median(ratios).map_or_else(|| "—".to_owned(), |ratio| format!("{ratio:.3}×"));
        let _ = writeln!(
            out,
            "| client | wall time per call | ratio | calling thread's CPU per call | ratio |\n|---|---|---|---|---|"
        );
        let _ = writeln!(
            out,
            "| generated | {} | {} | {} | {} |",
            cell(&wall(generated), "µs", 1),
            median_ratio(&wall_ratios),
            cell(&cpu(generated), "µs", 1),
            median_ratio(&cpu_ratios)
        );
        let _ = writeln!(
            out,
            "| hand-written reqwest + serde_json | {} | 1.00× | {} | 1.00× |\n",
            cell(&wall(hand), "µs", 1),
            cell(&cpu(hand), "µs", 1)
        );
        let _ = writeln!(
            out,
            "The invocations' ratios, median (min–max): wall time {}, the calling thread's CPU {}.\n",
            cell(&wall_ratios, "×", 3),
            cell(&cpu_ratios, "×", 3)
        );
    }

    fn render_profile(&self, out: &mut String) {
        let _ = writeln!(out, "## Profile of our generator on GitHub's description\n");
        let _ = writeln!(
            out,
            "Phases, timed by `cargo bench -p bench --bench phases` through the library's public functions \
             (`load_file`, `parse_document`, `analyse` = lower + passes, `emit_api` = emit + prettyplease \
             formatting, `emit_crate_support`), in one release-built process:\n"
        );
        match &self.profile.phases {
            Ok(text) => {
                let _ = writeln!(out, "```text\n{text}\n```\n");
                if let Some((phase, share)) = dominant_phase(text) {
                    let _ = writeln!(out, "**What dominated**: {phase}, {share:.0} % of the library's time.\n");
                }
            }
            Err(message) => {
                let _ = writeln!(out, "Not measured: {}\n", escape(message));
            }
        }
        let _ = writeln!(
            out,
            "`perf record -F 999 -g` of the release binary generating the crate, `perf report --no-children` by \
             shared object, then by symbol (entries of at least 1.5 %):\n"
        );
        match &self.profile.perf {
            Ok(text) => {
                let _ = writeln!(out, "```text\n{text}\n```\n");
                let allocator: f64 = text
                    .lines()
                    .filter(|line| ALLOCATOR_SYMBOLS.iter().any(|symbol| line.contains(symbol)))
                    .filter_map(|line| line.split('%').next()?.trim().parse::<f64>().ok())
                    .sum();
                let _ = writeln!(
                    out,
                    "Allocation, freeing and copying (`malloc`, `free`, `memmove` and their glibc internals) take \
                     {allocator:.0} % of the samples listed above.\n"
                );
            }
            Err(message) => {
                let _ = writeln!(out, "Not profiled: {}\n", escape(message));
            }
        }
        let _ = writeln!(out, "### What changed it\n\n{CHANGES}");
    }
}

/// What profiling led to, and what it found not to help: kept with the
/// harness so that `BENCHMARKS.md` says it next to the figures it explains.
/// Effects are interleaved A/B runs of the release binary on GitHub's description.
const CHANGES: &str = "\
Profiles of GitHub's description first showed the emitter's round trip through tokens dominating: \
every item was built as tokens, parsed back by syn and printed by prettyplease (emit + format \
0.43 s of 0.93 s). What the emitter knows the printed form of now skips it (`generator/src/emit/deferred.rs`): \
doc blocks, `object!` invocations, struct definitions, operation builders, their setters and \
starters, constructors, and `send_with_response` (whole, or its request chain and status match) are written as \
prettyplease prints them, following its margin and line-breaking rules (unit tests compare each \
form with prettyplease; the output is byte-identical), and fall back to tokens where a line could \
be broken otherwise: emit + format went from 0.43 s to 0.15 s in the phases above.

Then the front end: component schemas are read into openapiv3's model in one pass over each \
object (`generator/src/schema_reader.rs`) instead of through serde's untagged and flattened buffering (about 8 %); \
lowering keys shared inline shapes from a plain tree instead of JSON values; normalisation skips \
objects holding none of the keywords it rewrites and writes a JSON pointer only for a warning; \
names are cased on ASCII bytes without `heck`. Path items went through the same buffering, a \
schema inside copied once more for each level around it, which made the dereferenced description \
(every schema written out in place) slow: their schemas are now taken out before serde reads the \
rest and read by `schema_reader` (`generator/src/path_reader.rs`; dereferenced GitHub 1.07 s to \
0.88 s side by side). Callgrind's instruction counts, steadier than times on this machine, guided \
the smaller steps (GitHub: 3.57 to 3.31 billion).

Then what the emitter still built as tokens: string, integer and status enums, `into_future!` \
invocations, whole builder and type `impl` blocks (one deferred block instead of a marker per \
method), signatures whose `SendResult<…>` the formatter breaks, and requests whose path string \
overflows its line are written as printed; types are rendered as text first (`ty::type_text`, their \
tokens that text lexed) instead of being built as tokens and printed back; and the printer finds \
line ends with `memchr` (`generator/src/emit/text.rs`) where `str::lines` searched each one alone \
(GitHub: 3.31 to 2.97 billion instructions; the output byte-identical on every corpus document).

Then the front end again, the dereferenced description in view (5.16 billion instructions): shape keys are written straight from openapiv3's model (`generator/src/lower/schema/shape.rs`, the same text as the serialised schema's, which a test checks on every schema of the corpus) instead of through a serde tree; normalisation finds the keywords it acts on in one pass over an object's members instead of a hashed lookup each; a JSON file's line indentation (three fifths of the dereferenced description, which serde_json skipped a byte at a time) goes before it is parsed, an error being located in the file as written; the document's own extensions (`x-webhooks`, two fifths of it) are set aside before normalisation, and examples, which nothing reads (a fifth of GitHub's description), are dropped before it is read; and more `send_with_response` methods are written as printed (an error variant past the margin, a `|()| Variant` argument, a body checked before sending). GitHub: 2.97 to 2.66 billion instructions; dereferenced: 5.16 to 4.02 billion; the output byte-identical.

Then the output and the binary. An operation's `send_with_response` was an `async fn`, and awaiting a builder boxed an `async` block around it: two coroutines per operation, whose layout and `Send`-ness the compiler works out one by one, which was most of what checking a generated crate cost (`-Ztime-passes` on Stripe: 11 of 28 s came from the operations file, and stubbing the methods out removed 7). `send_with_response` is now a plain function ending in `request.reply(Self::decode)`: the request as before, the status match in a `decode` function, constraint checks in a `check` method whose outcome the request reports before sending; `runtime::Reply` and `runtime::ReplyBody` are the one future every operation shares (Stripe's re-check: 26.7-28.5 s to 21.7-23.7 s in `-Ztime-passes`). The runtime grows a query once per pair and borrows text that needs no percent-encoding (per call on the calling thread: 80.6 k to 79.2 k instructions; hand-written 77.0 k). The generator binary is built with fat LTO and one codegen unit (10.4 to 7.4 MB): a run on a small description pages in less code (FuseSign 10.0 to 8.9 MiB peak).

Tried and dropped: reading path items and schemas on two threads (no faster, and peak memory rose \
from 128 to 172 MiB: each thread touches fresh pages, where one thread reuses what it freed); \
splitting nested schemas so that serde reads each level once (the same model, 10-20 % slower: \
serde's cost per object dominates, not the nesting); parsing the JSON text in two halves on \
two threads (each half took nearly as long as the whole: two parses at once ran at 1.3-1.5 times \
the time of one on this machine's two vCPUs); transparent huge pages through mimalloc (GitHub \
slightly faster, Stripe and the dereferenced description much slower, peak memory up a quarter); \
leaving documentation out of shape keys while serialising them (no measurable change); memchr's portable word-at-a-time search for the line ends of a pretty-printed file (shorter calls, but more instructions than its vector search in all).
";

/// glibc's allocator and copying, in `perf report`'s symbol names.
const ALLOCATOR_SYMBOLS: [&str; 9] =
    ["malloc", "_int_free", "cfree", "unlink_chunk", "memmove", "memcpy", "realloc", "free@", "__libc_free"];

/// The phase with the largest share in the `phases` bench's output
/// (`name   1.234 s  56.7 %` lines).
fn dominant_phase(text: &str) -> Option<(String, f64)> {
    text.lines()
        .filter_map(|line| {
            let (name, rest) = line.split_once("  ")?;
            // `0.311 s  33.4 %  peak   177 MiB`: the number before `%`.
            let words: Vec<&str> = rest.split_whitespace().collect();
            let percent = words.iter().position(|word| *word == "%")?;
            let share: f64 = words.get(percent.checked_sub(1)?)?.parse().ok()?;
            Some((name.trim().to_owned(), share))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::{criterion_median, dominant_phase, median, Interleaved, Options};

    #[test]
    fn options_default_to_five_runs_and_quick_to_three() {
        assert_eq!(Options::parse(&[]).map(|options| (options.runs, options.quick)), Ok((5, false)));
        assert_eq!(Options::parse(&["--quick"]).map(|options| (options.runs, options.quick)), Ok((3, true)));
        assert_eq!(Options::parse(&["--quick", "--runs", "7"]).map(|options| options.runs), Ok(7));
        assert!(Options::parse(&["--runs", "0"]).is_err());
        assert!(Options::parse(&["--fast"]).is_err());
    }

    #[test]
    fn interleaved_output_is_read_with_or_without_thread_cpu() {
        let output =
            "generated wall_us=80.729 thread_cpu_us=52.143\nhand_written wall_us=76.711 thread_cpu_us=48.449\n";
        let read = Interleaved::parse(output).expect("both lines");
        assert_eq!(read.generated, (80.729, Some(52.143)));
        assert_eq!(read.hand_written, (76.711, Some(48.449)));
        let without_cpu = Interleaved::parse("generated wall_us=1.5\nhand_written wall_us=1.25").expect("wall only");
        assert_eq!(without_cpu.hand_written, (1.25, None));
        assert!(Interleaved::parse("generated wall_us=1.5").is_err());
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn the_largest_phase_is_named() {
        let text = "load (read + JSON)             0.196 s   5.9 %\nemit + format the API          2.080 s  62.9 %\ntotal                          3.305 s";
        assert_eq!(dominant_phase(text), Some(("emit + format the API".to_owned(), 62.9)));
        let with_memory = "parse (normalise + model)      0.279 s  29.2 %  peak   144 MiB\n\
                           write files                    0.009 s   1.0 %  peak   162 MiB";
        assert_eq!(dominant_phase(with_memory), Some(("parse (normalise + model)".to_owned(), 29.2)));
    }

    #[test]
    fn criterion_median_is_read_from_estimates() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("estimates.json");
        let json = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":99.0,"standard_error":0.1},"median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":1234.5,"standard_error":0.1}}"#;
        std::fs::write(&path, json).expect("write");
        assert_eq!(criterion_median(&path), Ok(1234.5));
        let _ = std::fs::remove_dir_all(dir);
    }
}
