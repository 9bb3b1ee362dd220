//! `cargo xtask`: the repository's automation. Argument dispatch and
//! reporting only; the work lives in the `openapi-clientgen` library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use openapi_clientgen::import::import_page;
use openapi_clientgen::workspace::{codegen, Mode, CODEGEN_COMMAND};
use openapi_clientgen::Config;

/// `println!` that does not panic when stdout is closed (`cargo xtask codegen | head`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod bench;
mod corpus;
mod fuzz;
mod metrics;
mod sweep;
mod tools;

const USAGE: &str = "usage:
  cargo xtask codegen [--check]       merge specs/*/fragments and regenerate generated-client
  cargo xtask import API DOC_PAGE     extract the OpenAPI fragments of a documentation page into specs/API/fragments
  cargo xtask corpus [DIR] [--compare]
                                      generate and `cargo check` a crate for every spec in DIR (default tests/corpus and the FastAPI fixture),
                                      with lines, types and name lengths; --compare adds oas3-gen's lines and types
  cargo xtask sweep DIR [--check-sample N] [--report FILE] [--jobs N] [--timeout SECONDS]
                                      generate every OpenAPI document under DIR, each isolated, and report outcomes
  cargo xtask fuzz [--minutes N] [--max-len BYTES]
                                      run the cargo-fuzz target `generate` on stable for N minutes (default 10),
                                      seeded with the fixtures and specs; installs cargo-fuzz into target/tools
  cargo xtask bench [--runs N] [--quick]
                                      measure generation time and memory, compile time of the output, scaling and
                                      cost per call against the Rust peers (installed into target/ on first use) and
                                      write BENCHMARKS.md; N counted runs after a warm-up (default 5); --quick: 3 runs,
                                      no compile-time measurement";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => run_codegen(Mode::Write),
        ["codegen", "--check"] => run_codegen(Mode::Check),
        ["import", api, page] => run_import(api, Path::new(page)),
        ["corpus", rest @ ..] if rest.len() <= 2 => {
            let compare = rest.contains(&"--compare");
            let dirs: Vec<&&str> = rest.iter().filter(|arg| **arg != "--compare").collect();
            // The default run also measures the FastAPI app's description, the framework's own output.
            let (dir, extra) = match dirs.first() {
                Some(dir) => (PathBuf::from(dir), Vec::new()),
                None => (
                    root().join("tests").join("corpus"),
                    vec![root().join("tests").join("fixtures").join("fastapi.json")],
                ),
            };
            corpus::run(&dir, &extra, &root().join("target").join("corpus"), compare)
        }
        // A sweep's worker process, started by the sweep itself.
        ["sweep-worker", jobs, timeout] => match (jobs.parse(), timeout.parse()) {
            (Ok(jobs), Ok(seconds)) => sweep::worker(jobs, std::time::Duration::from_secs(seconds)),
            _ => ExitCode::FAILURE,
        },
        ["sweep", rest @ ..] => match sweep::Options::parse(rest, &root().join("target")) {
            Ok(options) => sweep::run(&options),
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        ["fuzz", rest @ ..] => match fuzz::Options::parse(rest) {
            Ok(options) => fuzz::run(&options, &root()),
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        ["bench", rest @ ..] => match bench::Options::parse(rest) {
            Ok(options) => bench::run(&root(), &options),
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        // One measurement of `cargo xtask bench`, in a process of its own.
        ["bench-measure", rest @ ..] => bench::measure_worker(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map_or(manifest_dir.clone(), Path::to_path_buf)
}

fn relative(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}

fn run_codegen(mode: Mode) -> ExitCode {
    let report = match codegen(&root(), mode) {
        Ok(report) => report,
        Err(failure) => {
            eprintln!("{failure}");
            return ExitCode::FAILURE;
        }
    };
    for api in &report.apis {
        for warning in &api.warnings {
            eprintln!("{warning}");
        }
        let verb = if mode == Mode::Check { "stale" } else { "changed" };
        say!("{}: {} operations, {} types, {} files {verb}", api.name, api.operations, api.types, api.changed.len());
    }
    let stale = report.all_changed();
    match mode {
        Mode::Write => {
            for path in &stale {
                say!("  wrote {}", relative(path));
            }
            ExitCode::SUCCESS
        }
        Mode::Check if stale.is_empty() => ExitCode::SUCCESS,
        Mode::Check => {
            eprintln!("error: generated files are stale; run `{CODEGEN_COMMAND}`:");
            for path in stale {
                eprintln!("  {}", relative(path));
            }
            ExitCode::FAILURE
        }
    }
}

fn run_import(api: &str, page: &Path) -> ExitCode {
    let api_dir = root().join("specs").join(api);
    let config = match Config::load(&api_dir.join("codegen.toml")) {
        Ok(config) => config,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::FAILURE;
        }
    };
    match import_page(page, &api_dir.join("fragments"), &config) {
        Ok(report) => {
            for path in &report.written {
                say!("wrote {}", relative(path));
            }
            say!("{} fragments unchanged", report.unchanged.len());
            for path in &report.not_on_page {
                say!("note: {} is not on the page any more (left in place)", relative(path));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}
