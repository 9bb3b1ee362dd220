//! Integration, end-to-end and snapshot tests of the workspace live in `tests/`.
//! The README is included here so that its examples compile as doctests.
#![doc = include_str!("../../README.md")]

use std::path::{Path, PathBuf};

pub mod python_venv;

/// The OpenAPI documents (`.yaml`, `.json`) directly in `dir`, sorted by path.
pub fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    let mut specs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "json"))
        .collect();
    specs.sort();
    specs
}
