//! The repository's main loop, shared by `cargo xtask codegen` and the drift
//! test: merge every `specs/<api>/` and regenerate `generated-client`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::overlay::apply_overlay_files;
use crate::{analyse, emit_api, emit_crate_support, merge, parse_document, Config, Fragment, GeneratedFile};

/// The command that regenerates everything, named in preambles and errors.
pub const CODEGEN_COMMAND: &str = "cargo xtask codegen";

/// Whether files are written or only compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write files whose content changed.
    Write,
    /// Write nothing; report files that are stale.
    Check,
}

/// What happened to one API.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiSummary {
    /// The folder name under `specs/`.
    pub name: String,
    /// How many operations its client has.
    pub operations: usize,
    /// How many named types.
    pub types: usize,
    /// Files written (write mode) or stale (check mode).
    pub changed: Vec<PathBuf>,
    /// Warnings met while generating it.
    pub warnings: Vec<Diagnostic>,
}

/// The outcome of a codegen run.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One entry per API, by folder name.
    pub apis: Vec<ApiSummary>,
    /// Crate-level files (`Cargo.toml`, `lib.rs`, the runtime under `src/runtime/`, removed files) changed or stale.
    pub crate_changed: Vec<PathBuf>,
}

impl Report {
    /// Every file changed or stale.
    pub fn all_changed(&self) -> Vec<&Path> {
        let api_files = self.apis.iter().flat_map(|api| &api.changed);
        api_files.chain(&self.crate_changed).map(PathBuf::as_path).collect()
    }
}

/// The APIs under `specs/`: every folder with a `codegen.toml`, by name.
pub fn api_dirs(root: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let specs = root.join("specs");
    let entries = std::fs::read_dir(&specs)
        .map_err(|error| Diagnostic::error(format!("cannot list the specs: {error}"), Location::file(&specs)))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("codegen.toml").is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The documents (`.json`, `.yaml` and `.yml` files) directly in `dir`, sorted by name:
/// an API's fragments or overlays, or any folder of specs.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .filter(|path| matches!(path.extension().and_then(|ext| ext.to_str()), Some("json" | "yaml" | "yml")))
        .collect();
    files.sort();
    Ok(files)
}

/// The fragment files of an API, sorted by name.
pub fn fragment_files(api_dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = api_dir.join("fragments");
    spec_files(&dir)
        .map_err(|error| Diagnostic::error(format!("cannot list the fragments: {error}"), Location::file(&dir)))
}

/// The overlay files of an API, `specs/<api>/overlays/*.{json,yaml,yml}`, sorted by
/// name (the order they apply in); none when the folder does not exist.
pub fn overlay_files(api_dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = api_dir.join("overlays");
    if !dir.exists() {
        return Ok(Vec::new());
    }
    spec_files(&dir)
        .map_err(|error| Diagnostic::error(format!("cannot list the overlays: {error}"), Location::file(&dir)))
}

/// Merges and regenerates every API under `root/specs`, writing or checking
/// `specs/<api>/openapi.json` and `generated-client/`.
///
/// An API's overlays (`specs/<api>/overlays/`, in file-name order) apply to the
/// merged document before anything reads it: `openapi.json` holds the overlaid
/// document, the one the client is generated from.
pub fn codegen(root: &Path, mode: Mode) -> Result<Report, Failure> {
    let client_dir = root.join("generated-client");
    let mut apis = Vec::new();
    let mut summaries = Vec::new();
    let mut produced = BTreeSet::new();
    let mut errors = Vec::new();
    for api_dir in api_dirs(root)? {
        match generate_api(&api_dir) {
            Ok((api, merged_json, files, warnings)) => {
                let name = api_dir.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
                let mut changed = Vec::new();
                if ensure_file(&api_dir.join("openapi.json"), &merged_json, mode)? {
                    changed.push(api_dir.join("openapi.json"));
                }
                for file in files {
                    let path = client_dir.join(&file.path);
                    if ensure_file(&path, &file.contents, mode)? {
                        changed.push(path.clone());
                    }
                    produced.insert(path);
                }
                let operations = api.operations().count();
                summaries.push(ApiSummary { name, operations, types: api.types.len(), changed, warnings });
                apis.push(api);
            }
            Err(failure) => errors.extend(failure.diagnostics),
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let api_refs: Vec<&crate::ir::Api> = apis.iter().collect();
    let docs = "Generated API clients, one module per API; [`runtime`] is shared by all.\n\nDo not edit: the sources are the OpenAPI fragments under `specs/`; regenerate with `cargo xtask codegen`.";
    let mut crate_changed = Vec::new();
    for file in emit_crate_support(&api_refs, "generated-client", docs, CODEGEN_COMMAND)? {
        let path = client_dir.join(&file.path);
        if ensure_file(&path, &file.contents, mode)? {
            crate_changed.push(path.clone());
        }
        produced.insert(path);
    }
    for leftover in rust_files(&client_dir.join("src")) {
        if !produced.contains(&leftover) {
            if mode == Mode::Write {
                std::fs::remove_file(&leftover).map_err(|error| io_error(&leftover, &error))?;
            }
            crate_changed.push(leftover);
        }
    }
    Ok(Report { apis: summaries, crate_changed })
}

type ApiOutput = (crate::ir::Api, String, Vec<GeneratedFile>, Vec<Diagnostic>);

fn generate_api(api_dir: &Path) -> Result<ApiOutput, Failure> {
    let mut config = Config::load(&api_dir.join("codegen.toml"))?;
    config.overlays = overlay_files(api_dir)?;
    let fragments = fragment_files(api_dir)?.iter().map(|file| Fragment::load(file)).collect::<Result<Vec<_>, _>>()?;
    let mut merged = merge(&fragments, &config.spec)?;
    let overlay_warnings = apply_overlay_files(&mut merged.document, &config.overlays)?;
    let (document, normalize_warnings) = parse_document(merged.document.clone()).map_err(|diagnostic| {
        let error =
            Diagnostic { location: diagnostic.location.clone().in_file(&api_dir.join("openapi.json")), ..diagnostic };
        Failure::from(overlay_warnings.iter().cloned().chain([error]).collect::<Vec<_>>())
    })?;
    let folder = api_dir.file_name().and_then(|name| name.to_str()).unwrap_or("api");
    let module = config.module.clone().unwrap_or_else(|| folder.to_owned());
    let (api, mut warnings) = analyse(&document, &config, &module);
    warnings.splice(0..0, normalize_warnings);
    for warning in &mut warnings {
        // Point at the fragment the construct came from, not only the merged file.
        let origin = warning.location.pointer.as_deref().and_then(|pointer| merged.origin_of(pointer));
        warning.location.file = Some(origin.map_or_else(|| api_dir.join("openapi.json"), Path::to_owned));
    }
    warnings.splice(0..0, overlay_warnings);
    if let Some(error) = warnings.iter().find(|warning| warning.is_error()) {
        return Err(error.clone().into());
    }
    let files = emit_api(&api, super::workspace::CODEGEN_COMMAND)?;
    Ok((api, merged.to_pretty_json(), files, warnings))
}

/// Makes `path` hold `contents`: unchanged → nothing; check mode → reported
/// stale; otherwise written atomically (temporary file + rename). Returns
/// whether the file was (or would be) changed. Line endings do not count: a
/// checkout that turned `\n` into `\r\n` (Git's `core.autocrlf`) is not stale.
pub fn ensure_file(path: &Path, contents: &str, mode: Mode) -> Result<bool, Diagnostic> {
    let unchanged = std::fs::read_to_string(path)
        .is_ok_and(|existing| normalize_newlines(&existing) == normalize_newlines(contents));
    if unchanged {
        return Ok(false);
    }
    if mode == Mode::Check {
        return Ok(true);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| io_error(parent, &error))?;
    }
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temporary = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, contents).map_err(|error| io_error(&temporary, &error))?;
    std::fs::rename(&temporary, path).map_err(|error| io_error(path, &error))?;
    Ok(true)
}

fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\r\n") {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    }
}

fn io_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write: {error}"), Location::file(path))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_differing_only_in_line_endings_is_not_stale() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("lib.rs");
        std::fs::write(&path, "fn a() {}\r\nfn b() {}\r\n").expect("writable");
        assert_eq!(ensure_file(&path, "fn a() {}\nfn b() {}\n", Mode::Check), Ok(false));
        assert_eq!(ensure_file(&path, "fn a() {}\nfn c() {}\n", Mode::Check), Ok(true));
        assert_eq!(ensure_file(&path, "fn a() {}\nfn b() {}\n", Mode::Write), Ok(false));
        assert_eq!(std::fs::read_to_string(&path).expect("readable"), "fn a() {}\r\nfn b() {}\r\n");
    }
}
