//! openapi-clientgen: generates idiomatic Rust API clients from OpenAPI 3.0
//! and 3.1 documents, with typed errors and no dependency on this crate.
//!
//! The pipeline is load → (merge) → overlays → lower to the IR → passes → emit → format:
//!
//! ```no_run
//! use openapi_clientgen::{generate_crate, Config};
//!
//! let generated = generate_crate(std::path::Path::new("openapi.yaml"), "petstore-client", &Config::default())
//!     .map_err(|failure| failure.to_string())?;
//! for warning in &generated.diagnostics {
//!     eprintln!("{warning}");
//! }
//! generated.write_to(std::path::Path::new("out")).map_err(|error| error.to_string())?;
//! # Ok::<(), String>(())
//! ```

pub mod config;
pub mod diagnostics;
pub mod import;
pub mod ir;
pub mod merge;
pub mod overlay;
pub mod workspace;

mod bundle;
mod compat;
mod emit;
mod format;
mod hoist;
mod limits;
mod load;
mod locate;
mod lower;
mod naming;
mod normalize;
mod normalize31;
mod parallel;
mod parse;
mod passes;
mod path_reader;
mod pointer;
mod schema_reader;
mod walk;

use std::path::{Path, PathBuf};

pub use config::Config;
pub use diagnostics::{Diagnostic, Failure, Location, Severity};
pub use load::{load_file, parse_str, Format};
pub use merge::{merge, Fragment, Merged};
pub use overlay::{apply_overlay, apply_overlay_files};
pub use parse::parse_document;

/// One generated file, its path relative to the crate directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// e.g. `src/fusesign/types.rs`.
    pub path: PathBuf,
    /// The file's full text.
    pub contents: String,
}

/// Generated files and the warnings met while generating them.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The files, in a stable order.
    pub files: Vec<GeneratedFile>,
    /// Warnings: constructs that were approximated, with their JSON pointers.
    pub diagnostics: Vec<Diagnostic>,
}

impl Generated {
    /// Writes every file under `dir`, creating directories as needed.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for file in &self.files {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, &file.contents)?;
        }
        Ok(())
    }
}

/// Analyses a document into the IR of the module `module`, with the
/// warnings met on the way.
pub fn analyse(document: &openapiv3::OpenAPI, config: &Config, module: &str) -> (ir::Api, Vec<Diagnostic>) {
    let (mut api, diagnostics) = lower::lower(document, config, module);
    passes::run(&mut api);
    (api, diagnostics)
}

/// The files of one API's module under `src/`, each starting with a preamble naming `command`.
///
/// Files are emitted and formatted in parts (a big `types` module in runs of
/// types), on as many threads as the machine has; the output does not depend
/// on how many. Only one part's tokens per thread are alive at a time.
pub fn emit_api(api: &ir::Api, command: &str) -> Result<Vec<GeneratedFile>, Failure> {
    let files = emit::api_files(api);
    let parts: Vec<(usize, usize)> = files
        .iter()
        .enumerate()
        .flat_map(|(index, file)| (0..file.parts(api)).map(move |part| (index, part)))
        .collect();
    let printed = parallel::map_heaviest_first(
        &parts,
        |&(index, part)| files[index].weight(api, part),
        |&(index, part)| print_part(api, &files[index], part),
    );
    let mut printed = parts.iter().map(|&(index, _)| index).zip(printed).peekable();
    let mut generated = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let mut file_parts = Vec::new();
        while let Some((_, result)) = printed.next_if(|(of, _)| *of == index) {
            match result {
                Ok(text) => file_parts.push(text),
                Err(diagnostic) => errors.push(diagnostic),
            }
        }
        let contents = format::finish(&file_parts, command);
        generated.push(GeneratedFile { path: Path::new("src").join(&file.path), contents });
    }
    if errors.is_empty() {
        Ok(generated)
    } else {
        Err(errors.into())
    }
}

/// One part of `file`, printed: with the text the emitter knows kept out of
/// the formatter's way, or, where it cannot be put back, from whole tokens.
fn print_part(api: &ir::Api, file: &emit::ApiFile, part: usize) -> Result<String, Diagnostic> {
    let (tokens, deferred) = emit::deferring(|| file.part(api, part));
    match format::part_with_deferred(tokens, &deferred, &file.path)? {
        Some(printed) => Ok(printed),
        None => format::part(file.part(api, part), &file.path),
    }
}

/// The files a crate holding `apis` needs besides their modules:
/// `Cargo.toml`, `src/lib.rs` and the runtime's files under `src/runtime/`.
pub fn emit_crate_support(
    apis: &[&ir::Api],
    crate_name: &str,
    crate_docs: &str,
    command: &str,
) -> Result<Vec<GeneratedFile>, Failure> {
    let lib = format::rust_file(emit::crate_root(apis, crate_docs), "src/lib.rs", command)?;
    let mut files = vec![
        GeneratedFile { path: "Cargo.toml".into(), contents: emit::cargo_manifest(apis, crate_name, command) },
        GeneratedFile { path: "src/lib.rs".into(), contents: lib },
    ];
    for (path, source) in emit::runtime_files(apis) {
        files.push(GeneratedFile { path: path.into(), contents: format!("{}\n{source}", format::preamble(command)) });
    }
    Ok(files)
}

/// One Rust file with the runtime and an API's module, for a `build.rs`.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedSource {
    /// The module name the API is emitted under (`petstore` → `petstore::Client`).
    pub module: String,
    /// The file's text; `include!` it at a crate root (it refers to `crate::runtime`).
    pub source: String,
    /// Warnings: constructs that were approximated, with their JSON pointers.
    pub diagnostics: Vec<Diagnostic>,
}

/// Generates one file for the OpenAPI document at `spec` (with `config.overlays`
/// applied to it, in order), meant for a `build.rs` that writes it to `OUT_DIR`
/// and a crate root that includes it:
///
/// ```
/// # let out_dir = tempfile::tempdir().map_err(|error| error.to_string())?;
/// # let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/petstore.yaml");
/// // build.rs
/// let generated = openapi_clientgen::generate_file(&spec, &openapi_clientgen::Config::default())
///     .map_err(|failure| failure.to_string())?;
/// for warning in &generated.diagnostics {
///     println!("cargo::warning={}", warning.to_string().replace('\n', " "));
/// }
/// std::fs::write(out_dir.path().join("petstore.rs"), &generated.source).map_err(|error| error.to_string())?;
/// println!("cargo::rerun-if-changed={}", spec.display());
/// assert_eq!(generated.module, "petstore");
/// assert!(generated.source.contains("pub mod petstore"));
///
/// // src/lib.rs of the crate using it:
/// // include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
/// // … petstore::Client::builder().build()?
/// # Ok::<(), String>(())
/// ```
pub fn generate_file(spec: &Path, config: &Config) -> Result<GeneratedSource, Failure> {
    let (api, diagnostics) = load_and_analyse(spec, config)?;
    let tokens = emit::single_file(&api).map_err(|error| {
        Diagnostic::error(format!("internal error: the runtime does not parse: {error}"), Location::default())
    })?;
    let command = with_overlays(format!("openapi_clientgen::generate_file on {}", spec.display()), config);
    let source = format::rust_file(tokens, &format!("{}.rs", api.module), &command)?;
    Ok(GeneratedSource { module: naming::unraw(&api.module).to_owned(), source, diagnostics })
}

/// The code of several APIs for one crate, from a `build.rs`: the runtime
/// they share, and their modules.
///
/// The runtime holds the `#[cfg(feature = "tracing")]` and
/// `#[cfg(feature = "blocking")]` code of generated crates' optional features:
/// the crate including it declares them (`tracing = ["dep:tracing"]` with an
/// optional `tracing` dependency, `blocking = ["tokio/rt"]`), or rustc warns of
/// unexpected cfgs. The same holds for [`generate_file`].
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedSources {
    /// `pub mod runtime { … }`: `include!` it at the crate root, where the
    /// modules look for it (`crate::runtime`).
    pub runtime: String,
    /// `pub mod petstore { … }`, one for each document, in the order given:
    /// `include!` it anywhere in the crate.
    pub apis: String,
    /// The module of each document, in the order given; documents that would
    /// have the same one get numbered names (`petstore_2`).
    pub modules: Vec<String>,
    /// Warnings: constructs that were approximated, with their JSON pointers.
    pub diagnostics: Vec<Diagnostic>,
}

/// Generates the code of the OpenAPI documents `specs` (each with its
/// config) for one crate: their runtime once and a module for each, meant for
/// a `build.rs` that writes both to `OUT_DIR`:
///
/// ```
/// # let out_dir = tempfile::tempdir().map_err(|error| error.to_string())?;
/// # let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
/// # let (petstore, pagination) = (fixtures.join("petstore.yaml"), fixtures.join("pagination.yaml"));
/// // build.rs
/// let config = openapi_clientgen::Config::default();
/// let generated = openapi_clientgen::generate_sources(&[(&petstore, &config), (&pagination, &config)])
///     .map_err(|failure| failure.to_string())?;
/// std::fs::write(out_dir.path().join("runtime.rs"), &generated.runtime).map_err(|error| error.to_string())?;
/// std::fs::write(out_dir.path().join("apis.rs"), &generated.apis).map_err(|error| error.to_string())?;
/// assert_eq!(generated.modules, ["petstore", "pagination"]);
/// # let twice = openapi_clientgen::generate_sources(&[(&petstore, &config), (&petstore, &config)])
/// #     .map_err(|failure| failure.to_string())?;
/// # assert_eq!(twice.modules, ["petstore", "petstore_2"]);
///
/// // src/lib.rs of the crate using them:
/// // include!(concat!(env!("OUT_DIR"), "/runtime.rs"));
/// // pub mod clients { include!(concat!(env!("OUT_DIR"), "/apis.rs")); }
/// // … clients::petstore::Client::builder().build()?
/// # Ok::<(), String>(())
/// ```
pub fn generate_sources(specs: &[(&Path, &Config)]) -> Result<GeneratedSources, Failure> {
    let mut apis = Vec::with_capacity(specs.len());
    let mut diagnostics = Vec::new();
    let mut modules = naming::Scope::with_reserved(lower::CRATE_MODULES);
    for (spec, config) in specs {
        let (mut api, warnings) = load_and_analyse(spec, config)?;
        api.module = modules.claim(&api.module);
        diagnostics.extend(warnings);
        apis.push(api);
    }
    let apis: Vec<&ir::Api> = apis.iter().collect();
    let runtime = emit::runtime_module(&apis).map_err(|error| {
        Diagnostic::error(format!("internal error: the runtime does not parse: {error}"), Location::default())
    })?;
    let command = "openapi_clientgen::generate_sources";
    let modules = apis.iter().map(|api| emit::api_module(api)).collect();
    Ok(GeneratedSources {
        runtime: format::rust_file(runtime, "runtime.rs", command)?,
        apis: format::rust_file(modules, "apis.rs", command)?,
        modules: apis.iter().map(|api| naming::unraw(&api.module).to_owned()).collect(),
        diagnostics,
    })
}

/// Loads `spec`, applies `config.overlays` to it and analyses the result. Pointers in
/// errors and warnings about the document are pointers into the overlaid document;
/// the overlays' own warnings come first, located in their files.
fn load_and_analyse(spec: &Path, config: &Config) -> Result<(ir::Api, Vec<Diagnostic>), Failure> {
    let mut value = load_file(spec)?;
    let overlay_warnings = apply_overlay_files(&mut value, &config.overlays)?;
    let (document, mut diagnostics) = parse_document(value).map_err(|diagnostic| {
        let error = Diagnostic { location: diagnostic.location.in_file(spec), ..diagnostic };
        Failure::from(overlay_warnings.iter().cloned().chain([error]).collect::<Vec<_>>())
    })?;
    let module = config.module.clone().unwrap_or_else(|| naming::snake(&document.info.title));
    let (api, warnings) = analyse(&document, config, &module);
    diagnostics.extend(warnings);
    for diagnostic in &mut diagnostics {
        diagnostic.location.file = Some(spec.to_owned());
    }
    diagnostics.splice(0..0, overlay_warnings);
    Ok((api, diagnostics))
}

/// `command` followed by `--overlay FILE` for each overlay, as the CLI takes them.
fn with_overlays(mut command: String, config: &Config) -> String {
    for overlay in &config.overlays {
        command.push_str(&format!(" --overlay {}", overlay.display()));
    }
    command
}

/// Generates a standalone crate named `crate_name` from the OpenAPI document at
/// `spec`, with `config.overlays` (OpenAPI Overlay 1.0 files) applied to it in order.
pub fn generate_crate(spec: &Path, crate_name: &str, config: &Config) -> Result<Generated, Failure> {
    let valid_name = crate_name.starts_with(|c: char| c.is_ascii_alphabetic())
        && crate_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_name {
        return Err(Diagnostic::error(
            format!("`{crate_name}` is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)"),
            Location::default(),
        )
        .into());
    }
    let (mut api, diagnostics) = load_and_analyse(spec, config)?;
    // A crate of its own can build each tag alone (a crate sharing modules, or a
    // `build.rs` file, would have to declare the features itself).
    passes::gate_tags(&mut api);
    let command = with_overlays(format!("openapi-clientgen generate {}", spec.display()), config);
    let mut files = emit_crate_support(&[&api], crate_name, &format!("Client of {}.", api.title), &command)?;
    files.extend(emit_api(&api, &command)?);
    Ok(Generated { files, diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The API descriptions in this repository: the fixtures and the specs we ship.
    fn documents() -> Vec<std::path::PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut documents: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
            .expect("tests/fixtures is readable")
            .map(|entry| entry.expect("tests/fixtures is readable").path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "yaml" || extension == "json"))
            .collect();
        for entry in std::fs::read_dir(root.join("specs")).expect("specs is readable") {
            let spec = entry.expect("specs is readable").path().join("openapi.json");
            if spec.exists() {
                documents.push(spec);
            }
        }
        documents.sort();
        documents
    }

    /// Text kept out of the formatter's way comes back as the formatter
    /// prints the whole tokens, in every part of every file.
    #[test]
    fn deferred_text_prints_as_the_formatter_prints_tokens() {
        let (mut parts, mut deferred_parts) = (0, 0);
        for spec in documents() {
            let (api, _) = load_and_analyse(&spec, &Config::default()).expect("the document generates");
            for file in emit::api_files(&api) {
                for part in 0..file.parts(&api) {
                    let whole = format::part(file.part(&api, part), &file.path).expect("the part prints");
                    let (tokens, deferred) = emit::deferring(|| file.part(&api, part));
                    parts += 1;
                    if let Some(printed) =
                        format::part_with_deferred(tokens, &deferred, &file.path).expect("the part prints")
                    {
                        deferred_parts += 1;
                        let first_difference = printed.lines().zip(whole.lines()).position(|(a, b)| a != b);
                        assert!(
                            printed == whole,
                            "part {part} of {} for {} differs at line {first_difference:?}",
                            file.path,
                            spec.display()
                        );
                    }
                }
            }
        }
        // Falling back to whole tokens is always right; it must stay the exception.
        assert!(deferred_parts * 10 >= parts * 9, "{deferred_parts} of {parts} parts printed with deferred text");
    }
}
