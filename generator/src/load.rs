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
    let located = |mut diagnostic: Diagnostic| {
        diagnostic.location.file = Some(path.to_owned());
        diagnostic
    };
    let text = read(path)?;
    match Format::of(path) {
        // Most of a pretty-printed description is indentation (three fifths
        // of GitHub's dereferenced one), which serde_json skips a byte at a
        // time: it goes first, and the file is read again to locate an error.
        Format::Json => serde_json::from_str(&without_indentation(text))
            .or_else(|_| parse_str(&read(path)?, Format::Json))
            .map_err(located),
        Format::Yaml => parse_str(&text, Format::Yaml).map_err(located),
    }
}

fn read(path: &Path) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|error| Diagnostic::error(format!("cannot read the file: {error}"), Location::file(path)))
}

/// `text` without the spaces and tabs that begin its lines (`text` itself
/// when no line begins with one). The line ends stay: no two tokens join, and
/// a string broken over lines (invalid JSON) stays invalid. Only a string
/// broken over lines could hold what goes, so a valid document keeps its value.
fn without_indentation(text: String) -> String {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let bytes = text.as_bytes();
    let mut kept: Option<String> = None;
    // Where the text not yet copied into `kept` starts.
    let mut from = 0;
    for line_end in memchr::memchr_iter(b'\n', bytes) {
        let start = line_end + 1;
        let mut end = start;
        // Eight bytes at a time: the first that is not a space ends the run.
        while let Some(eight) = bytes.get(end..end + 8).and_then(|eight| <[u8; 8]>::try_from(eight).ok()) {
            let others = u64::from_le_bytes(eight) ^ SPACES;
            if others != 0 {
                end += others.trailing_zeros() as usize / 8;
                break;
            }
            end += 8;
        }
        // Tabs, and the last bytes of the text.
        while matches!(bytes.get(end), Some(b' ' | b'\t')) {
            end += 1;
        }
        if end > start {
            // Both ends are next to ASCII bytes: on character boundaries.
            kept.get_or_insert_with(|| String::with_capacity(text.len() / 2)).push_str(&text[from..start]);
            from = end;
        }
    }
    match kept {
        Some(mut kept) => {
            kept.push_str(&text[from..]);
            kept
        }
        None => text,
    }
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
    fn indentation_goes_and_line_ends_stay() {
        let text = "{\n  \"a\": [\n\t\t1,\n          \t  2\n        ],\r\n  \"b c\": \"d  e\"\n}\n   ";
        let stripped = without_indentation(text.to_owned());
        assert_eq!(stripped, "{\n\"a\": [\n1,\n2\n],\r\n\"b c\": \"d  e\"\n}\n");
        let value = |text: &str| serde_json::from_str::<Value>(text).expect("valid JSON");
        assert_eq!(value(&stripped), value(text));
        let flat = "{\"a\": 1}";
        assert_eq!(without_indentation(flat.to_owned()), flat, "nothing to take");
        // A string broken over lines is invalid JSON, and stays so.
        assert!(serde_json::from_str::<Value>(&without_indentation("[\"a\n  b\"]".to_owned())).is_err());
    }

    #[test]
    fn a_json_file_error_is_located_in_the_file_as_written() {
        let dir = std::env::temp_dir().join(format!("clientgen-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join("broken.json");
        std::fs::write(&path, "{\n    \"a\": [1,\n        2,,\n    ]\n}\n").expect("written");
        let error = load_file(&path).expect_err("two commas");
        assert_eq!(error.location.line_column, Some((3, 11)), "{error:?}");
        assert_eq!(error.location.file.as_deref(), Some(path.as_path()));
        std::fs::write(&path, "{\n    \"a\": [1,\n        2\n    ]\n}\n").expect("written");
        assert_eq!(load_file(&path).expect("valid JSON"), serde_json::json!({"a": [1, 2]}));
        std::fs::remove_dir_all(&dir).expect("removed");
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
