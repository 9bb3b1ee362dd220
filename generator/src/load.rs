//! Reading JSON and YAML documents, with file, line and column on syntax errors.

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location};

/// The syntax a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML (a superset of JSON).
    Yaml,
}

impl Format {
    /// The format a file name suggests: `.json` is JSON, anything else YAML.
    pub fn of(path: &Path) -> Self {
        match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Self::Json,
            _ => Self::Yaml,
        }
    }
}

/// Reads and parses a JSON or YAML file.
pub fn load_file(path: &Path) -> Result<Value, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| Diagnostic::error(format!("cannot read the file: {error}"), Location::file(path)))?;
    parse_str(&text, Format::of(path)).map_err(|mut diagnostic| {
        diagnostic.location.file = Some(path.to_owned());
        diagnostic
    })
}

/// Parses a document held in memory.
pub fn parse_str(text: &str, format: Format) -> Result<Value, Diagnostic> {
    match format {
        Format::Json => serde_json::from_str(text).map_err(|error| {
            let location = Location { line_column: Some((error.line(), error.column())), ..Location::default() };
            Diagnostic::error(format!("invalid JSON: {error}"), location)
        }),
        Format::Yaml => serde_yaml::from_str(text).map_err(|error| {
            let location =
                Location { line_column: error.location().map(|at| (at.line(), at.column())), ..Location::default() };
            Diagnostic::error(format!("invalid YAML: {error}"), location)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_errors_carry_line_and_column() {
        let error = parse_str("{\n  \"a\": [1,\n}", Format::Json).expect_err("truncated JSON");
        assert_eq!(error.location.line_column, Some((3, 1)));
    }

    #[test]
    fn yaml_syntax_errors_carry_line_and_column() {
        let error = parse_str("a: b\nc: [1, 2\n", Format::Yaml).expect_err("unclosed flow sequence");
        assert!(error.location.line_column.is_some(), "{error:?}");
    }

    #[test]
    fn yaml_parses_into_json_values() {
        let value = parse_str("openapi: 3.0.0\npaths: {}\n", Format::Yaml).expect("valid YAML");
        assert_eq!(value["openapi"], "3.0.0");
    }
}
