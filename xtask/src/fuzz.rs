//! `cargo xtask fuzz`: run the `cargo fuzz` target `generate` on the stable
//! toolchain. cargo-fuzz is installed on first use into `target/tools`; the
//! seeds are the repository's fixtures and specs (and `../shared/corpus` when
//! that folder exists); what libFuzzer learns stays in `target/fuzz`.
//!
//! Stable rustc takes libFuzzer's coverage instrumentation (`-Cpasses=sancov-module`
//! and its `-Cllvm-args`) as it is; only a sanitizer needs unstable flags, and
//! `--sanitizer none` leaves it out (the generator has no `unsafe` code).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The cargo-fuzz release installed into `target/tools`.
pub const CARGO_FUZZ_VERSION: &str = "0.13.1";
/// Inputs longer than this are not tried (libFuzzer's `-max_len`) unless
/// `--max-len` says otherwise, and seeds longer than it are left out rather
/// than truncated into broken documents: a multi-megabyte spec takes seconds
/// per run, where mutation needs hundreds a second.
pub const MAX_LEN: usize = 128 * 1024;
/// A run longer than this is a hang (libFuzzer's `-timeout`, seconds): the
/// property tests give a whole document 20 s.
const TIMEOUT_SECONDS: u32 = 20;
/// libFuzzer's memory limit (`-rss_limit_mb`, also its `-malloc_limit_mb`).
const RSS_LIMIT_MB: u32 = 2048;

#[derive(Debug, PartialEq)]
pub struct Options {
    minutes: u32,
    max_len: usize,
}

impl Options {
    pub fn parse(args: &[&str]) -> Result<Self, String> {
        let mut options = Self { minutes: 10, max_len: MAX_LEN };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next();
            match (*flag, value.map(|value| value.parse::<usize>())) {
                ("--minutes", Some(Ok(minutes))) if minutes > 0 => {
                    options.minutes = u32::try_from(minutes).map_err(|_| "error: --minutes is too large".to_owned())?;
                }
                ("--max-len", Some(Ok(max_len))) if max_len > 0 => options.max_len = max_len,
                ("--minutes" | "--max-len", _) => {
                    return Err(format!("error: {flag} takes a whole number above 0, not `{}`", value.unwrap_or(&"")));
                }
                _ => return Err("usage: cargo xtask fuzz [--minutes N] [--max-len BYTES]".to_owned()),
            }
        }
        Ok(options)
    }
}

pub fn run(options: &Options, root: &Path) -> ExitCode {
    match fuzz(options, root) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn fuzz(options: &Options, root: &Path) -> Result<ExitCode, String> {
    let target = root.join("target");
    let tools = target.join("tools");
    let work = target.join("fuzz");
    crate::tools::installed(&tools, "cargo-fuzz", "cargo-fuzz", CARGO_FUZZ_VERSION)?;

    let seeds = work.join("seeds");
    let (count, left_out) = gather_seeds(&seed_sources(root), &seeds, options.max_len)?;
    say!("{count} seeds in {}", seeds.display());
    if !left_out.is_empty() {
        say!("left out, longer than -max_len={}: {}", options.max_len, left_out.join(", "));
    }
    let corpus = work.join("corpus").join("generate");
    let artifacts = work.join("artifacts").join("generate");
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    let before = artifact_names(&artifacts);

    let seconds = u64::from(options.minutes) * 60;
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .current_dir(root)
        .env("PATH", path_with(&tools.join("bin")))
        .args(["fuzz", "run", "--sanitizer", "none", "--target-dir"])
        .arg(work.join("build"))
        .arg("generate")
        .arg(&corpus)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-max_len={}", options.max_len))
        .arg(format!("-timeout={TIMEOUT_SECONDS}"))
        .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"))
        .arg(format!("-dict={}", root.join("fuzz").join("generate.dict").display()))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg("-print_final_stats=1");
    say!("{}", shown(&command));
    let status = command.status().map_err(|error| format!("cannot run cargo fuzz: {error}"))?;

    let found: Vec<String> = artifact_names(&artifacts).difference(&before).cloned().collect();
    if !found.is_empty() {
        eprintln!(
            "libFuzzer wrote (rerun one with `{} run --sanitizer none --target-dir {} generate FILE`):",
            tools.join("bin").join("cargo-fuzz").display(),
            work.join("build").display()
        );
        for name in &found {
            eprintln!("  {}", artifacts.join(name).display());
        }
    }
    Ok(if status.success() && found.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The seed files: every fixture and spec of the repository, and the shared
/// corpus beside it when there is one.
fn seed_sources(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    files.extend(files_in(&root.join("tests").join("fixtures"), &["yaml", "json"]));
    files.extend(files_in(&root.join("generator").join("tests").join("robustness"), &["yaml", "json"]));
    files.extend(files_in(&root.join("tests").join("corpus"), &["yaml", "json"]));
    let mut apis = files_in_dirs(&root.join("specs"));
    apis.sort();
    files.extend(apis.into_iter().map(|api| api.join("openapi.json")).filter(|spec| spec.is_file()));
    if let Some(parent) = root.parent() {
        files.extend(files_in(&parent.join("shared").join("corpus"), &["json"]));
    }
    files
}

/// Copies the seeds into `out` (emptied first), once per distinct content and
/// only those of at most `max_len` bytes; returns how many were copied and
/// the names of those left out for their length.
pub fn gather_seeds(files: &[PathBuf], out: &Path, max_len: usize) -> Result<(usize, Vec<String>), String> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|error| format!("cannot empty {}: {error}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    let mut seen = HashSet::new();
    let mut left_out = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        let name = file.file_name().and_then(|name| name.to_str()).unwrap_or("seed").to_owned();
        if bytes.len() > max_len {
            // With its folder: `specs/*/openapi.json` share a name.
            let folder = file.parent().and_then(Path::file_name).and_then(|folder| folder.to_str()).unwrap_or("");
            left_out.push(format!("{folder}/{name}"));
            continue;
        }
        if !seen.insert(bytes.clone()) {
            continue;
        }
        let destination = out.join(format!("{:03}-{name}", seen.len()));
        std::fs::write(&destination, &bytes)
            .map_err(|error| format!("cannot write {}: {error}", destination.display()))?;
    }
    left_out.sort();
    left_out.dedup();
    Ok((seen.len(), left_out))
}

/// The files of `dir` with one of `extensions`, sorted; none when `dir` does not exist.
fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .filter(|path| path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| extensions.contains(&ext)))
        .collect();
    files.sort();
    files
}

fn files_in_dirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_dir()).collect()
}

fn artifact_names(dir: &Path) -> HashSet<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return HashSet::new() };
    entries.filter_map(Result::ok).filter_map(|entry| entry.file_name().to_str().map(str::to_owned)).collect()
}

/// `PATH` with `dir` first, so that `cargo fuzz` finds the installed cargo-fuzz.
fn path_with(dir: &Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).unwrap_or_else(|_| dir.as_os_str().to_owned())
}

fn shown(command: &Command) -> String {
    let mut words = vec!["cargo".to_owned()];
    words.extend(command.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_copied_once_per_content_and_long_ones_left_out() {
        let dir = std::env::temp_dir().join(format!("xtask-fuzz-seeds-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let sources = dir.join("sources");
        std::fs::create_dir_all(&sources).expect("writable temp dir");
        let files: Vec<PathBuf> = [
            ("a.yaml", "openapi: 3.0.0".to_owned()),
            ("b.json", "openapi: 3.0.0".to_owned()),
            ("c.json", "{}".to_owned()),
            ("big.json", "x".repeat(101)),
        ]
        .into_iter()
        .map(|(name, text)| {
            std::fs::write(sources.join(name), text).expect("writable temp dir");
            sources.join(name)
        })
        .collect();
        let out = dir.join("seeds");
        std::fs::create_dir_all(&out).expect("writable temp dir");
        std::fs::write(out.join("stale"), "from an earlier run").expect("writable temp dir");

        let (count, left_out) = gather_seeds(&files, &out, 100).expect("seeds gathered");
        let mut written: Vec<String> = artifact_names(&out).into_iter().collect();
        written.sort();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(count, 2);
        assert_eq!(left_out, ["sources/big.json"]);
        assert_eq!(written, ["001-a.yaml", "002-c.json"]);
    }

    #[test]
    fn options_take_minutes_and_max_len_in_any_order() {
        assert_eq!(Options::parse(&[]), Ok(Options { minutes: 10, max_len: MAX_LEN }));
        assert_eq!(
            Options::parse(&["--max-len", "4096", "--minutes", "30"]),
            Ok(Options { minutes: 30, max_len: 4096 })
        );
        assert!(Options::parse(&["--minutes", "0"]).is_err());
        assert!(Options::parse(&["--minutes"]).is_err());
        assert!(Options::parse(&["--max-len", "4k"]).is_err());
        assert!(Options::parse(&["--jobs", "2"]).is_err());
    }
}
