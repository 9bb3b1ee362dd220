//! Tools the xtasks install on first use: a pinned crate version installed
//! with `cargo install` into `target/tools`, so a fresh machine needs
//! nothing by hand and a later run reuses it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary `binary` of crate `krate` at `version`, installed into `tools`
/// unless its `--version` already names that version.
pub fn installed(tools: &Path, krate: &str, binary: &str, version: &str) -> Result<PathBuf, String> {
    let path = tools.join("bin").join(binary);
    let current = Command::new(&path).arg("--version").output().is_ok_and(|output| {
        String::from_utf8_lossy(&output.stdout).split_whitespace().any(|word| word.trim_start_matches('v') == version)
    });
    if current {
        return Ok(path);
    }
    say!("installing {krate} {version} into {}", tools.display());
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["install", krate, "--locked", "--version", version, "--root"])
        .arg(tools)
        .status()
        .map_err(|error| format!("cannot run cargo install: {error}"))?;
    if status.success() {
        Ok(path)
    } else {
        Err(format!("`cargo install {krate} --version {version}` failed ({status})"))
    }
}
