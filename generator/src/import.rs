//! Importing fragments from a vendor's documentation page: every fenced JSON
//! block that is an OpenAPI document becomes one fragment file, named after
//! its operation (`customer-get.json`).

use std::path::{Path, PathBuf};

use heck::ToKebabCase;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::load::{parse_str, Format};
use crate::workspace::{ensure_file, Mode};
use crate::Config;

/// A fragment found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFragment {
    /// The file name it is stored under.
    pub file_name: String,
    /// The document, exactly as published.
    pub document: Value,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Fragment files written because they were new or changed.
    pub written: Vec<PathBuf>,
    /// Fragment files already up to date.
    pub unchanged: Vec<PathBuf>,
    /// Fragment files in the folder that the page no longer has (left in place).
    pub not_on_page: Vec<PathBuf>,
}

/// Finds the OpenAPI documents among the page's fenced JSON blocks.
pub fn extract_fragments(page: &str, page_path: &Path, config: &Config) -> Result<Vec<PageFragment>, Failure> {
    let mut fragments: Vec<PageFragment> = Vec::new();
    let mut errors = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((start, line)) = lines.next() {
        let fence = line.trim_start();
        if !fence.starts_with("```") || !fence[3..].trim().eq_ignore_ascii_case("json") {
            continue;
        }
        let body: Vec<&str> =
            lines.by_ref().map(|(_, line)| line).take_while(|line| line.trim_start() != "```").collect();
        let document = match parse_str(&body.join("\n"), Format::Json) {
            Ok(document) => document,
            Err(mut diagnostic) => {
                diagnostic.location.file = Some(page_path.to_owned());
                diagnostic.location.line_column =
                    diagnostic.location.line_column.map(|(line, column)| (line + start + 1, column));
                errors.push(diagnostic);
                continue;
            }
        };
        if document.get("openapi").is_none() {
            continue;
        }
        let file_name = fragment_name(&document, config);
        if fragments.iter().any(|fragment| fragment.file_name == file_name) {
            let location =
                Location { file: Some(page_path.to_owned()), line_column: Some((start + 1, 1)), pointer: None };
            errors.push(Diagnostic::error(format!("two documents on the page are both named `{file_name}`"), location));
            continue;
        }
        fragments.push(PageFragment { file_name, document });
    }
    if errors.is_empty() {
        Ok(fragments)
    } else {
        Err(errors.into())
    }
}

/// `<tag>-<operation>.json`: the operation's method name (codegen.toml's
/// rename, else the name the generator derives from its `operationId`), else
/// its method and path.
fn fragment_name(document: &Value, config: &Config) -> String {
    let first = document.get("paths").and_then(Value::as_object).and_then(|paths| paths.iter().next()).and_then(
        |(path, item)| {
            let (method, operation) =
                item.as_object()?.iter().find(|(_, operation)| operation.get("responses").is_some())?;
            Some((path, method, operation))
        },
    );
    let Some((path, method, operation)) = first else { return "document.json".to_owned() };
    let tag = operation.pointer("/tags/0").and_then(Value::as_str);
    let id = operation.get("operationId").and_then(Value::as_str);
    let name = match id {
        Some(id) => {
            config.operations.get(id).cloned().unwrap_or_else(|| crate::naming::operation_method(id, tag, path, method))
        }
        None => format!("{method} {path}"),
    };
    match tag {
        Some(tag) => format!("{}-{}.json", tag.to_kebab_case(), name.to_kebab_case()),
        None => format!("{}.json", name.to_kebab_case()),
    }
}

/// Writes the page's fragments into `dest`, changing only what differs.
pub fn import_page(page_path: &Path, dest: &Path, config: &Config) -> Result<ImportReport, Failure> {
    let page = std::fs::read_to_string(page_path)
        .map_err(|error| Diagnostic::error(format!("cannot read the page: {error}"), Location::file(page_path)))?;
    let fragments = extract_fragments(&page, page_path, config)?;
    let mut report = ImportReport::default();
    for fragment in &fragments {
        let path = dest.join(&fragment.file_name);
        let mut text = serde_json::to_string_pretty(&fragment.document).unwrap_or_default();
        text.push('\n');
        if ensure_file(&path, &text, Mode::Write)? {
            report.written.push(path);
        } else {
            report.unchanged.push(path);
        }
    }
    let kept: Vec<&str> = fragments.iter().map(|fragment| fragment.file_name.as_str()).collect();
    for existing in crate::workspace::fragment_files(dest.parent().unwrap_or(dest)).unwrap_or_default() {
        let name = existing.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if existing.extension().is_some_and(|ext| ext == "json") && !kept.contains(&name) {
            report.not_on_page.push(existing);
        }
    }
    Ok(report)
}
