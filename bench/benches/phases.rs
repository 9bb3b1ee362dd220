//! `cargo bench -p bench --bench phases -- SPEC`: times the phases of
//! generating a crate from SPEC through the library's public functions, in
//! one release-built process (`cargo xtask bench` runs it on GitHub's
//! description). Prints one line per phase: name, seconds, share, and the
//! process's peak resident memory when the phase ended (Linux's `VmHWM`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use openapi_clientgen::{analyse, emit_api, emit_crate_support, load_file, parse_document, Config, Generated};

/// The allocator the generator's binary uses: with the system's, the phases
/// that build and drop many token trees took about twice as long as in it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // cargo passes `--bench`; the spec is the first other argument.
    let Some(spec) = std::env::args().skip(1).find(|arg| !arg.starts_with("--")).map(PathBuf::from) else {
        println!("usage: cargo bench -p bench --bench phases -- SPEC (nothing to time without a spec)");
        return ExitCode::SUCCESS;
    };
    match phases(&spec) {
        Ok(phases) => {
            let total: Duration = phases.iter().map(|(_, time, _)| *time).sum();
            for (name, time, peak) in &phases {
                let share = 100.0 * time.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON);
                let peak = peak.map_or_else(String::new, |kib| format!("  peak {:5} MiB", kib / 1024));
                println!("{name:<28} {:7.3} s {share:5.1} %{peak}", time.as_secs_f64());
            }
            println!("{:<28} {:7.3} s", "total", total.as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// A phase: its name, how long it took, and the peak resident memory (KiB) when it ended.
type Phase = (&'static str, Duration, Option<u64>);

/// The process's peak resident memory so far, in KiB (`VmHWM` in `/proc/self/status`).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|line| line.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

fn phases(spec: &std::path::Path) -> Result<Vec<Phase>, String> {
    // Read once untimed: from a cold page cache, reading GitHub's description
    // took 0.79 s in one run (about 0.1 s warm), and `load` seemed to dominate.
    std::fs::read(spec).map_err(|error| format!("{}: {error}", spec.display()))?;
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, phases: &mut Vec<Phase>| {
        phases.push((name, clock.elapsed(), peak_kib()));
        clock = Instant::now();
    };
    let value = load_file(spec).map_err(|error| error.to_string())?;
    lap("load (read + JSON)", &mut phases);
    let (document, _) = parse_document(value).map_err(|error| error.to_string())?;
    lap("parse (normalise + model)", &mut phases);
    let (api, _) = analyse(&document, &Config::default(), "api");
    lap("analyse (lower + passes)", &mut phases);
    let command = "phases";
    let mut files = emit_api(&api, command).map_err(|error| error.to_string())?;
    lap("emit + format the API", &mut phases);
    files.extend(emit_crate_support(&[&api], "bench-phases", "Client.", command).map_err(|error| error.to_string())?);
    lap("emit + format crate support", &mut phases);
    let out = std::env::temp_dir().join(format!("bench-phases-{}", std::process::id()));
    Generated { files, diagnostics: Vec::new() }.write_to(&out).map_err(|error| error.to_string())?;
    lap("write files", &mut phases);
    let _ = std::fs::remove_dir_all(&out);
    Ok(phases)
}
