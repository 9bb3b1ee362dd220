//! `cargo xtask corpus`: generate a crate for every OpenAPI document of a
//! folder, `cargo check` them all in one workspace with one shared target
//! directory, and print a table (spec, generated?, compiles?, warnings).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitCode};

use openapi_clientgen::{generate_crate, Config};

struct Row {
    spec: String,
    crate_name: String,
    generated: Result<usize, String>,
    compiled: Option<bool>,
    warnings: usize,
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

pub fn run(dir: &Path, out: &Path) -> ExitCode {
    let specs = match openapi_clientgen::workspace::spec_files(dir) {
        Ok(specs) => specs,
        Err(error) => {
            eprintln!("error: cannot list {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let _ = std::fs::remove_dir_all(out);
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
        let spec = spec.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
        rows.push(Row { spec, crate_name, generated, compiled: None, warnings: 0 });
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

fn print_table(rows: &[Row]) {
    let width = rows.iter().map(|row| row.spec.len()).max().unwrap_or(4).max(4);
    say!("{:width$}  generated  compiles   warnings  generator warnings / error", "spec");
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
        say!("{:width$}  {generated:9}  {compiles:9}  {:8}  {note}", row.spec, row.warnings);
    }
}
