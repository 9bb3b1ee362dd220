//! Per-API settings, read from the API's `codegen.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location};

/// Settings of one API.
///
/// ```toml
/// module = "fusesign"                 # the Rust module the client lives in
/// shorten-names = true                # drop server-side namespaces from schema names
///
/// [types]                             # schema name -> Rust type name
/// ExternalApiCommonModelsApiErrorResponse = "ApiErrorResponse"
///
/// [operations]                        # operationId -> Rust method name
/// ExternalApiExternalHandlersFeaturesCustomerGetGetCustomerEndpoint = "get"
///
/// [spec]                              # top-level fields that win over the fragments'
/// servers = [{ url = "https://api.example.com" }]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The Rust module name; defaults to the API's folder name.
    pub module: Option<String>,
    /// Shortens schema names that spell out a namespace
    /// (`Company.Api.Dtos.CustomerDto`, `FuseWebSharedObjectsModelsValidationError`)
    /// to the type's own name; renames in `types` still win. Off by default.
    #[serde(default, rename = "shorten-names")]
    pub shorten_names: bool,
    /// Renames of component schemas: schema name → Rust type name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Renames of operations: `operationId` → Rust method name.
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    /// Pagination of operations by `operationId`, in the shape of the
    /// `x-speakeasy-pagination` extension (`type`, `inputs`, `outputs`).
    #[serde(default)]
    pub pagination: BTreeMap<String, Value>,
    /// Settings of security schemes, by scheme name.
    #[serde(default)]
    pub security: BTreeMap<String, SchemeSettings>,
    /// Top-level fields (`openapi`, `info`, `servers`, `security`, …) that
    /// replace the fragments' own when merging.
    #[serde(default)]
    pub spec: BTreeMap<String, Value>,
    /// OpenAPI Overlay 1.0 files applied, in this order, to the document before
    /// it is read (after the merge, for fragments): the CLI's `--overlay`s, or
    /// `specs/<api>/overlays/` for the workspace. Not a codegen.toml key.
    #[serde(skip)]
    pub overlays: Vec<PathBuf>,
}

/// How the client builder takes one security scheme's credential.
///
/// ```toml
/// [security.Authorization]
/// method = "api_key"   # the builder method (default: the scheme name in snake_case)
/// prefix = "Basic "    # an API key's value is sent after this prefix
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeSettings {
    /// The builder method's name.
    pub method: Option<String>,
    /// Text sent before an API key (`Basic `, `Token `).
    pub prefix: Option<String>,
}

impl Config {
    /// Parses a `codegen.toml`.
    pub fn parse(text: &str) -> Result<Self, Diagnostic> {
        toml::from_str(text).map_err(|error| {
            let line_column = error.span().map(|span| line_column(text, span.start));
            let location = Location { line_column, ..Location::default() };
            Diagnostic::error(format!("invalid codegen.toml: {}", error.message()), location)
        })
    }

    /// Reads a `codegen.toml`.
    pub fn load(path: &Path) -> Result<Self, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| Diagnostic::error(format!("cannot read the file: {error}"), Location::file(path)))?;
        Self::parse(&text)
            .map_err(|diagnostic| Diagnostic { location: diagnostic.location.in_file(path), ..diagnostic })
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |rest| rest.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_renames_and_spec_overrides() {
        let config = Config::parse(
            "module = \"pets\"\n[types]\nA = \"B\"\n[operations]\nlistPets = \"list\"\n[spec]\nservers = [{ url = \"https://x\" }]\n",
        )
        .expect("valid config");
        assert_eq!(config.module.as_deref(), Some("pets"));
        assert_eq!(config.types["A"], "B");
        assert_eq!(config.operations["listPets"], "list");
        assert_eq!(config.spec["servers"][0]["url"], "https://x");
        assert!(!config.shorten_names, "shortening is off by default");
    }

    #[test]
    fn parses_shorten_names() {
        let config = Config::parse("module = \"x\"\nshorten-names = true\n").expect("valid config");
        assert!(config.shorten_names);
        assert!(Config::parse("shorten_names = true\n").is_err(), "the key is kebab-case");
    }

    #[test]
    fn overlays_are_not_a_codegen_toml_key() {
        // They are files beside it (`overlays/`) or `--overlay` arguments.
        assert!(Config::parse("overlays = [\"fix.yaml\"]\n").is_err());
        assert!(Config::parse("module = \"x\"\n").expect("valid config").overlays.is_empty());
    }

    #[test]
    fn unknown_keys_are_located_errors() {
        let error = Config::parse("module = \"x\"\nmodul = \"y\"\n").expect_err("unknown key");
        assert_eq!(error.location.line_column, Some((2, 1)));
    }
}
