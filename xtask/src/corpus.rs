//! `cargo xtask corpus [--compare]`: generate a crate for every OpenAPI
//! document of a folder, `cargo check` them all in one workspace with one
//! shared target directory, and print a table: generated?, compiles?,
//! warnings, lines, schema types and their name lengths. `--compare` also
//! generates each with oas3-gen (installed on first use) for its lines and types.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use openapi_clientgen::{generate_crate, Config};

use crate::metrics::Size;

/// The oas3-gen release the table compares with.
const OAS3_GEN_VERSION: &str = "0.29.0";

struct Row {
    spec: String,
    crate_name: String,
    generated: Result<usize, String>,
    compiled: Option<bool>,
    warnings: usize,
    size: Size,
    /// oas3-gen's output for the same spec, when compared.
    peer: Option<Result<Size, String>>,
}

/// A package name from a file name: `stripe.com__main.json` → `stripe-com-main`.
fn crate_name(spec: &Path) -> String {
    let stem = spec.file_stem().and_then(|stem| stem.to_str()).unwrap_or("spec");
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("corpus-{}", words.join("-"))
}

pub fn run(dir: &Path, extra: &[PathBuf], out: &Path, compare: bool) -> ExitCode {
    let specs = match openapi_clientgen::workspace::spec_files(dir) {
        Ok(specs) => specs.into_iter().chain(extra.iter().cloned()).collect::<Vec<_>>(),
        Err(error) => {
            eprintln!("error: cannot list {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let _ = std::fs::remove_dir_all(out);
    let peer = if compare {
        match crate::tools::installed(&out.with_file_name("tools"), "oas3-gen", "oas3-gen", OAS3_GEN_VERSION) {
            Ok(binary) => Some(binary),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let mut rows = Vec::new();
    for spec in &specs {
        let crate_name = crate_name(spec);
        let generated = match generate_crate(spec, &crate_name, &Config::default()) {
            Ok(generated) => match generated.write_to(&out.join(&crate_name)) {
                Ok(()) => Ok(generated.diagnostics.len()),
                Err(error) => Err(format!("cannot write: {error}")),
            },
            Err(failure) => Err(failure.diagnostics.first().map(ToString::to_string).unwrap_or_default()),
        };
        let size = Size::of(&out.join(&crate_name));
        let peer =
            peer.as_ref().map(|binary| peer_size(binary, spec, &out.with_file_name("corpus-oas3").join(&crate_name)));
        let spec = spec.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
        rows.push(Row { spec, crate_name, generated, compiled: None, warnings: 0, size, peer });
    }
    let members: Vec<String> =
        rows.iter().filter(|row| row.generated.is_ok()).map(|row| format!("\"{}\"", row.crate_name)).collect();
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    if let Err(error) = std::fs::write(out.join("Cargo.toml"), manifest) {
        eprintln!("error: cannot write {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    let diagnostics = match check(out, "corpus-") {
        Ok(diagnostics) => diagnostics,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    for row in rows.iter_mut().filter(|row| row.generated.is_ok()) {
        let (errors, warnings) = diagnostics.get(&row.crate_name).copied().unwrap_or_default();
        row.compiled = Some(errors == 0);
        row.warnings = warnings;
    }
    print_table(&rows);
    let failed =
        rows.iter().filter(|row| row.generated.is_err() || row.compiled != Some(true) || row.warnings > 0).count();
    say!(
        "\n{} specs: {} generated, {} compile without warnings",
        rows.len(),
        rows.iter().filter(|row| row.generated.is_ok()).count(),
        rows.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Errors and warnings per package (those named `prefix…`), from one `cargo check` of the workspace.
pub fn check(workspace: &Path, prefix: &str) -> Result<BTreeMap<String, (usize, usize)>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = workspace
        .with_file_name(format!("{}-target", workspace.file_name().and_then(|name| name.to_str()).unwrap_or("corpus")));
    let output = Command::new(cargo)
        .args(["check", "--workspace", "--keep-going", "--message-format", "short"])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in stderr.lines() {
        // `corpus-x/src/lib.rs:3:5: warning: …`: attribute by the package folder.
        let Some((location, message)) = line.split_once(": ") else { continue };
        let Some(package) = location.split('/').next().filter(|package| package.starts_with(prefix)) else {
            continue;
        };
        let entry = counts.entry(package.to_owned()).or_default();
        if message.starts_with("error") {
            entry.0 += 1;
            eprintln!("{line}");
        } else if message.starts_with("warning") {
            entry.1 += 1;
            eprintln!("{line}");
        }
    }
    for line in stderr.lines().filter(|line| line.starts_with("error: could not compile `")) {
        let package = line.trim_start_matches("error: could not compile `").split('`').next().unwrap_or_default();
        counts.entry(package.to_owned()).or_default().0 += 1;
    }
    Ok(counts)
}

/// What oas3-gen makes of `spec` (a client module) in `out`.
fn peer_size(binary: &Path, spec: &Path, out: &Path) -> Result<Size, String> {
    let _ = std::fs::remove_dir_all(out);
    let output = Command::new(binary)
        .args(["generate", "client-mod", "--input"])
        .arg(spec)
        .arg("--output")
        .arg(out)
        .output()
        .map_err(|error| format!("cannot run oas3-gen: {error}"))?;
    if output.status.success() {
        Ok(Size::of(out))
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.lines().find(|line| !line.trim().is_empty()).unwrap_or("failed").trim().to_owned())
    }
}

fn print_table(rows: &[Row]) {
    let width = rows.iter().map(|row| row.spec.len()).max().unwrap_or(4).max(4);
    let compared = rows.iter().any(|row| row.peer.is_some());
    let peer_header = if compared { "  oas3 lines  oas3 types" } else { "" };
    say!(
        "{:width$}  generated  compiles   warnings     lines  types  longest  median  <=40{peer_header}  generator warnings / error",
        "spec"
    );
    for row in rows {
        let (generated, note) = match &row.generated {
            Ok(warnings) => ("yes", format!("{warnings}")),
            Err(error) => ("NO", error.lines().next().unwrap_or_default().to_owned()),
        };
        let compiles = match row.compiled {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        let size = &row.size;
        let share = percent(size.at_most(40), size.type_names.len());
        let peer = match &row.peer {
            Some(Ok(peer)) => format!("  {:10}  {:10}", peer.lines, peer.type_names.len()),
            Some(Err(_)) => format!("  {:>10}  {:>10}", "fails", "-"),
            None => String::new(),
        };
        say!(
            "{:width$}  {generated:9}  {compiles:9}  {:8}  {:8}  {:5}  {:7}  {:6}  {share:>4}{peer}  {note}",
            row.spec,
            row.warnings,
            size.lines,
            size.type_names.len(),
            size.longest(),
            size.median()
        );
    }
    let names: Vec<&String> = rows.iter().flat_map(|row| &row.size.type_names).collect();
    let lines: usize = rows.iter().map(|row| row.size.lines).sum();
    let short = names.iter().filter(|name| name.len() <= 40).count();
    let peer_lines: Option<usize> =
        compared.then(|| rows.iter().filter_map(|row| row.peer.as_ref()?.as_ref().ok()).map(|peer| peer.lines).sum());
    say!(
        "\ntotal: {lines} lines, {} types, longest name {}, {} of names at most 40 characters{}",
        names.len(),
        names.iter().map(|name| name.len()).max().unwrap_or(0),
        percent(short, names.len()),
        peer_lines.map(|peer| format!("; oas3-gen {OAS3_GEN_VERSION}: {peer} lines")).unwrap_or_default()
    );
}

fn percent(part: usize, whole: usize) -> String {
    (part * 100).checked_div(whole).map_or_else(|| "-".to_owned(), |share| format!("{share}%"))
}
