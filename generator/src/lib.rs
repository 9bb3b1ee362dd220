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
mod load;
mod locate;
mod lower;
mod naming;
mod normalize;
mod normalize31;
mod passes;
mod pointer;

// The runtime is emitted verbatim into generated crates; compiling it here
// lets its unit tests run with the generator's.
#[cfg(test)]
#[allow(dead_code, unused_imports, unused_macros)]
mod runtime;
#[cfg(test)]
#[path = "runtime/time.rs"]
mod runtime_time;

use std::path::{Path, PathBuf};

use serde_json::Value;

pub use config::Config;
pub use diagnostics::{Diagnostic, Failure, Location, Severity};
pub use load::{load_file, parse_str, Format};
pub use merge::{merge, Fragment, Merged};
pub use overlay::{apply_overlay, apply_overlay_files};

use ir::{Scalar, Ty};

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

/// Reads an OpenAPI document (a JSON value) into the 3.0 model, with a JSON
/// pointer on every error. A 3.1 document is rewritten into 3.0 first
/// (`normalize31`); schemas mixing keywords the model cannot hold together
/// are normalised next. The warnings say what was approximated or dropped.
pub fn parse_document(document: &Value) -> Result<(openapiv3::OpenAPI, Vec<Diagnostic>), Diagnostic> {
    let mut normalized = document.clone();
    let mut warnings = Vec::new();
    let is_31 = normalize31::is_openapi31(&normalized);
    if is_31 {
        warnings.extend(normalize31::normalize(&mut normalized));
    }
    warnings.extend(normalize::normalize(&mut normalized));
    warnings.extend(hoist::hoist_schema_refs(&mut normalized));
    warnings.extend(compat::rewrite(&mut normalized));
    read_model(&normalized, if is_31 { "3.1" } else { "3.0" }).map(|model| (model, warnings))
}

/// Reads the (normalised) document; `stated` is the version it stated, for messages.
fn read_model(document: &Value, stated: &str) -> Result<openapiv3::OpenAPI, Diagnostic> {
    // YAML reads an unquoted `2.0` as a number: still a version to name.
    let version_of = |key: &str| {
        document.get(key).map(|version| version.as_str().map_or_else(|| version.to_string(), str::to_owned))
    };
    let version = version_of("openapi");
    match version {
        Some(version) if version.starts_with("3.0") => {}
        Some(version) => {
            let message = if document.get("openapi").is_some_and(Value::is_string) {
                format!("OpenAPI version {version} is not supported (only 3.0.x and 3.1.x are)")
            } else {
                // YAML reads `openapi: 3.1` as a number.
                format!("`openapi` must be a version string such as \"3.1.0\", not the number {version}")
            };
            return Err(Diagnostic::error(message, Location::pointer("#/openapi")));
        }
        None => {
            let message = match version_of("swagger") {
                Some(version) => format!("Swagger {version} is not supported (only OpenAPI 3.0.x and 3.1.x are)"),
                None => "not an OpenAPI document: `openapi` is missing".to_owned(),
            };
            return Err(Diagnostic::error(message, Location::pointer("#")));
        }
    }
    serde_path_to_error::deserialize(document).map_err(|error| {
        let at = merge::serde_path_pointer(error.path());
        let (at, message) = locate_in_paths(document, &at).unwrap_or_else(|| (at, error.inner().to_string()));
        let (at, message) = locate::in_schema(document, &at).unwrap_or((at, message));
        Diagnostic::error(format!("invalid OpenAPI {stated} document: {message}"), Location::pointer(at.to_string()))
    })
}

/// openapiv3 reads `paths` through a flattened map, which hides where inside
/// it an error is; reading each path item alone finds the exact pointer.
fn locate_in_paths(document: &Value, at: &pointer::Pointer) -> Option<(pointer::Pointer, String)> {
    let paths_at = pointer::Pointer::root().join("paths");
    if *at != paths_at {
        return None;
    }
    document.get("paths")?.as_object()?.iter().find_map(|(path, item)| {
        let item_at = paths_at.join(path);
        if item.get("$ref").is_some() {
            return None;
        }
        let error = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item).err()?;
        // Path items flatten their extensions too: look into each operation.
        let located = item.as_object()?.iter().find_map(|(method, operation)| {
            let error = serde_path_to_error::deserialize::<_, openapiv3::Operation>(operation).err()?;
            Some((append(&item_at.join(method), &merge::serde_path_pointer(error.path())), error.inner().to_string()))
        });
        Some(
            located.unwrap_or_else(|| {
                (append(&item_at, &merge::serde_path_pointer(error.path())), error.inner().to_string())
            }),
        )
    })
}

fn append(base: &pointer::Pointer, relative: &pointer::Pointer) -> pointer::Pointer {
    relative.tokens().fold(base.clone(), |at, token| at.join(token))
}

/// Analyses a document into the IR of the module `module`, with the
/// warnings met on the way.
pub fn analyse(document: &openapiv3::OpenAPI, config: &Config, module: &str) -> (ir::Api, Vec<Diagnostic>) {
    let (mut api, diagnostics) = lower::lower(document, config, module);
    passes::run(&mut api);
    (api, diagnostics)
}

/// The files of one API's module under `src/`, each starting with a preamble naming `command`.
pub fn emit_api(api: &ir::Api, command: &str) -> Result<Vec<GeneratedFile>, Failure> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (path, tokens) in emit::api_files(api) {
        match format::rust_file(tokens, &path, command) {
            Ok(contents) => files.push(GeneratedFile { path: Path::new("src").join(path), contents }),
            Err(diagnostic) => errors.push(diagnostic),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors.into())
    }
}

/// The files a crate holding `apis` needs besides their modules:
/// `Cargo.toml`, `src/lib.rs` and `src/runtime.rs`.
pub fn emit_crate_support(
    apis: &[&ir::Api],
    crate_name: &str,
    crate_docs: &str,
    command: &str,
) -> Result<Vec<GeneratedFile>, Failure> {
    let lib = format::rust_file(emit::crate_root(apis, crate_docs), "src/lib.rs", command)?;
    let mut runtime = format!("{}\n{}", format::preamble(command), emit::runtime_source());
    let mut files = vec![
        GeneratedFile { path: "Cargo.toml".into(), contents: cargo_manifest(apis, crate_name, command) },
        GeneratedFile { path: "src/lib.rs".into(), contents: lib },
    ];
    if apis.iter().any(|api| uses_time(api)) {
        runtime.push_str("\npub mod time;\n");
        let time = format!("{}\n{}", format::preamble(command), emit::time_source());
        files.push(GeneratedFile { path: "src/runtime/time.rs".into(), contents: time });
    }
    files.push(GeneratedFile { path: "src/runtime.rs".into(), contents: runtime });
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
    let tokens = emit::single_file(&api, uses_time(&api)).map_err(|error| {
        Diagnostic::error(format!("internal error: the runtime does not parse: {error}"), Location::default())
    })?;
    let command = with_overlays(format!("openapi_clientgen::generate_file on {}", spec.display()), config);
    let source = format::rust_file(tokens, &format!("{}.rs", api.module), &command)?;
    Ok(GeneratedSource { module: naming::unraw(&api.module).to_owned(), source, diagnostics })
}

/// Loads `spec`, applies `config.overlays` to it and analyses the result. Pointers in
/// errors and warnings about the document are pointers into the overlaid document;
/// the overlays' own warnings come first, located in their files.
fn load_and_analyse(spec: &Path, config: &Config) -> Result<(ir::Api, Vec<Diagnostic>), Failure> {
    let mut value = load_file(spec)?;
    let overlay_warnings = apply_overlay_files(&mut value, &config.overlays)?;
    let (document, mut diagnostics) = parse_document(&value).map_err(|diagnostic| {
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
    let (api, diagnostics) = load_and_analyse(spec, config)?;
    let command = with_overlays(format!("openapi-clientgen generate {}", spec.display()), config);
    let mut files = emit_crate_support(&[&api], crate_name, &format!("Client of {}.", api.title), &command)?;
    files.extend(emit_api(&api, &command)?);
    Ok(Generated { files, diagnostics })
}

fn cargo_manifest(apis: &[&ir::Api], crate_name: &str, command: &str) -> String {
    let uses = |scalar: Scalar| apis.iter().any(|api| api_uses_scalar(api, scalar));
    let mut dependencies = vec![
        "base64 = \"0.22\"",
        "bytes = \"1\"",
        "futures-util = { version = \"0.3\", default-features = false, features = [\"std\"] }",
        // `Retry-After` as an HTTP date.
        "httpdate = \"1\"",
        "percent-encoding = \"2\"",
        "reqwest = { version = \"0.12\", default-features = false, features = [\"multipart\", \"rustls-tls\"] }",
        "serde = { version = \"1\", features = [\"derive\"] }",
        "serde_json = \"1\"",
        "serde_path_to_error = \"0.1\"",
        // Waiting between retries (reqwest runs on tokio already).
        "tokio = { version = \"1\", default-features = false, features = [\"time\"] }",
    ];
    if apis.iter().any(|api| uses_time(api)) {
        // The runtime's `time` module parses and writes the text itself: no `serde` feature.
        dependencies.push("chrono = { version = \"0.4.27\", default-features = false, features = [\"std\"] }");
    }
    if uses(Scalar::Uuid) {
        dependencies.push("uuid = { version = \"1\", features = [\"serde\"] }");
    }
    if apis.iter().any(|api| emit::uses_regex(api)) {
        // Patterns only: no SIMD literal search (`perf`), which would pull in more crates.
        dependencies.push("regex = { version = \"1\", default-features = false, features = [\"std\", \"unicode\"] }");
    }
    dependencies.sort_unstable();
    format!(
        "# @generated by openapi-clientgen; do not edit. Regenerate with `{command}`.\n[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{}\n",
        dependencies.join("\n")
    )
}

/// Whether `api` has dates or date-times, which the runtime's `time` module reads.
fn uses_time(api: &ir::Api) -> bool {
    api_uses_scalar(api, Scalar::DateTime) || api_uses_scalar(api, Scalar::Date)
}

fn api_uses_scalar(api: &ir::Api, scalar: Scalar) -> bool {
    fn uses(ty: &Ty, scalar: Scalar) -> bool {
        match ty {
            Ty::Scalar(found) => *found == scalar,
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => uses(inner, scalar),
            _ => false,
        }
    }
    let in_types = api.types.iter().any(|def| match &def.kind {
        ir::TypeKind::Struct(shape) => {
            shape.fields.iter().any(|field| uses(&field.ty, scalar))
                || shape.additional.as_ref().is_some_and(|additional| uses(&additional.ty, scalar))
        }
        ir::TypeKind::Alias(ty) => uses(ty, scalar),
        ir::TypeKind::Union(union) => union.variants.iter().any(|variant| uses(&variant.ty, scalar)),
        ir::TypeKind::Enum(_) | ir::TypeKind::IntEnum(_) => false,
    });
    in_types
        || api.operations().any(|operation| {
            operation.params.iter().any(|param| uses(&param.ty, scalar))
                || operation.body.as_ref().is_some_and(|body| uses(&body.ty, scalar))
                || operation.success_responses.iter().any(|case| uses(&case.decode.ty(), scalar))
                || operation.error_responses.iter().any(|case| uses(&case.decode.ty(), scalar))
        })
}
