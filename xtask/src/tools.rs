//! Tools the xtasks install on first use: a pinned crate version installed
//! with `cargo install` into `target/tools`, so a fresh machine needs
//! nothing by hand and a later run reuses it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary `binary` of crate `krate` at `version`, installed into `tools`
/// unless cargo's record of what it installed there (`.crates.toml`) already
/// lists that version and the binary is present. (`--version` would not do:
/// `cargo-progenitor` does not print its own.)
pub fn installed(tools: &Path, krate: &str, binary: &str, version: &str) -> Result<PathBuf, String> {
    let path = tools.join("bin").join(binary);
    let record = std::fs::read_to_string(tools.join(".crates.toml")).unwrap_or_default();
    if path.is_file() && lists(&record, krate, version) {
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

/// Whether cargo's `.crates.toml` text `record` lists `krate` at `version`
/// (its keys read `"name version (source)"`).
fn lists(record: &str, krate: &str, version: &str) -> bool {
    record.lines().any(|line| line.starts_with(&format!("\"{krate} {version} (")))
}

#[cfg(test)]
mod tests {
    use super::lists;

    #[test]
    fn the_install_record_is_read_by_name_and_version() {
        let record =
            "[v1]\n\"oas3-gen 0.29.0 (registry+https://github.com/rust-lang/crates.io-index)\" = [\"oas3-gen\"]\n";
        assert!(lists(record, "oas3-gen", "0.29.0"));
        assert!(!lists(record, "oas3-gen", "0.29.1"));
        assert!(!lists(record, "oas3", "0.29.0"));
        assert!(!lists("", "oas3-gen", "0.29.0"));
    }
}
