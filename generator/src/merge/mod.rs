//! Merging per-operation fragments into one OpenAPI document.
//!
//! Paths and components are unions; anything present in two fragments must be
//! identical, otherwise the merge fails naming both files and the first JSON
//! pointer where they differ. Nothing is silently overwritten.
//!
//! OpenAPI versions follow the same rule: fragments stating different
//! versions (3.0.3 and 3.1.0, or 3.0.0 and 3.0.3) are an error naming both
//! files, unless codegen.toml's `[spec] openapi = "…"` states the merged
//! document's version. That version must be 3.1 when any fragment is 3.1: 3.0
//! cannot hold 3.1 schemas, while a 3.0 fragment read as 3.1 keeps its
//! meaning (3.1 normalisation leaves `nullable`, boolean `exclusiveMinimum`
//! and `example` as they are).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::bundle::bundle_external_refs;
use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::load::load_file;
use crate::pointer::{first_difference, Pointer};

/// One input document and the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Where the fragment was read from; external `$ref`s resolve relative to it.
    pub file: PathBuf,
    /// The parsed document.
    pub document: Value,
}

impl Fragment {
    /// Reads a JSON or YAML fragment.
    pub fn load(file: &Path) -> Result<Self, Diagnostic> {
        Ok(Self { file: file.to_owned(), document: load_file(file)? })
    }
}

/// The merged document, and which fragment each part came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged OpenAPI document.
    pub document: Value,
    /// Fragment files by the JSON pointer of what they contributed.
    pub origins: BTreeMap<String, PathBuf>,
}

impl Merged {
    /// The fragment that contributed the value at `pointer` (or its nearest ancestor).
    pub fn origin_of(&self, pointer: &str) -> Option<&Path> {
        self.origins
            .range::<str, _>((std::ops::Bound::Unbounded, std::ops::Bound::Included(pointer)))
            .rev()
            .find(|(prefix, _)| {
                pointer.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .map(|(_, file)| file.as_path())
            .or_else(|| {
                // A pointer above what fragments contributed (`#/paths/~1x`): the first contributor below it.
                let below = format!("{pointer}/");
                self.origins
                    .range::<str, _>((std::ops::Bound::Included(below.as_str()), std::ops::Bound::Unbounded))
                    .next()
                    .filter(|(key, _)| key.starts_with(&below))
                    .map(|(_, file)| file.as_path())
            })
    }

    /// The document as pretty JSON with a final newline, byte-identical for the same input.
    pub fn to_pretty_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.document).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Top-level members that every fragment must state identically (or that a
/// codegen.toml override replaces).
const SHARED_MEMBERS: &[&str] = &["openapi", "info", "servers", "security", "externalDocs", "jsonSchemaDialect"];

/// Merges `fragments` (in the order given; callers sort them by file name).
/// `overrides` replace top-level members instead of requiring agreement.
pub fn merge(fragments: &[Fragment], overrides: &BTreeMap<String, Value>) -> Result<Merged, Failure> {
    let mut merger = Merger::default();
    for fragment in fragments {
        match bundle_external_refs(&fragment.file, &fragment.document) {
            Ok(document) => merger.add(&fragment.file, document, overrides),
            Err(failure) => merger.errors.extend(failure.diagnostics),
        }
    }
    if fragments.is_empty() {
        merger.errors.push(Diagnostic::error("there are no fragments to merge", Location::default()));
    }
    let Merger { mut document, origins, errors, .. } = merger;
    if !errors.is_empty() {
        return Err(errors.into());
    }
    for (key, value) in overrides {
        document.insert(key.clone(), value.clone());
    }
    let merged = Merged { document: Value::Object(document), origins };
    validate(&merged)?;
    Ok(merged)
}

#[derive(Default)]
struct Merger {
    document: Map<String, Value>,
    origins: BTreeMap<String, PathBuf>,
    errors: Vec<Diagnostic>,
}

impl Merger {
    fn add(&mut self, file: &Path, fragment: Value, overrides: &BTreeMap<String, Value>) {
        let Value::Object(fragment) = fragment else {
            self.errors.push(Diagnostic::error("a fragment must be a JSON object", Location::file(file)));
            return;
        };
        for (key, value) in fragment {
            let at = Pointer::root().join(&key);
            match key.as_str() {
                "paths" | "webhooks" => self.add_paths(file, &at, &key, value),
                "components" => self.add_components(file, &at, value),
                "tags" => self.add_tags(file, &at, value),
                "openapi" => self.add_version(file, &at, value, overrides.get("openapi")),
                _ if overrides.contains_key(&key) => {}
                _ => {
                    let explanation = if SHARED_MEMBERS.contains(&key.as_str()) {
                        "every fragment must state it identically, or codegen.toml's [spec] must set it"
                    } else {
                        "fragments must agree on it"
                    };
                    self.insert_identical(file, &at, explanation, MapSlot::Root(key), value);
                }
            }
        }
    }

    /// The fragment's `openapi`: identical in every fragment, or set by
    /// codegen.toml to a version that can hold every fragment.
    fn add_version(&mut self, file: &Path, at: &Pointer, version: Value, stated: Option<&Value>) {
        let Some(stated) = stated else {
            let existing = self.document.get("openapi").cloned();
            match existing {
                Some(existing) if existing != version => {
                    let first = self.origins.get(&at.to_string()).cloned().unwrap_or_default();
                    let message = format!(
                        "fragments state different OpenAPI versions: {existing} in {} and {version} in {}; \
                         set codegen.toml's [spec] openapi to the merged document's version \
                         (a 3.1 version when any fragment is 3.1)",
                        first.display(),
                        file.display()
                    );
                    self.errors
                        .push(Diagnostic::error(message, pointer_in(file, at)).with_related(pointer_in(&first, at)));
                }
                Some(_) => {}
                None => {
                    self.document.insert("openapi".into(), version);
                    self.origins.insert(at.to_string(), file.to_owned());
                }
            }
            return;
        };
        let minor = |value: &Value| value.as_str().and_then(|version| version.get(..3)).map(str::to_owned);
        if minor(&version).as_deref() == Some("3.1") && minor(stated).as_deref() == Some("3.0") {
            let message = format!(
                "{} is OpenAPI {version}, which codegen.toml's [spec] openapi = {stated} cannot state: \
                 3.0 cannot hold 3.1 schemas; state a 3.1 version",
                file.display()
            );
            self.errors.push(Diagnostic::error(message, pointer_in(file, at)));
        }
    }

    fn add_paths(&mut self, file: &Path, at: &Pointer, key: &str, paths: Value) {
        let Value::Object(paths) = paths else {
            self.errors.push(Diagnostic::error(format!("`{key}` must be an object"), pointer_in(file, at)));
            return;
        };
        for (path, item) in paths {
            let item_at = at.join(&path);
            let Value::Object(item) = item else {
                self.errors.push(Diagnostic::error("a path item must be an object", pointer_in(file, &item_at)));
                continue;
            };
            for (member, value) in item {
                let member_at = item_at.join(&member);
                let slot = MapSlot::Nested(vec![key.to_owned(), path.clone(), member.clone()]);
                if crate::walk::METHODS.contains(&member.as_str()) {
                    self.insert_unique(
                        file,
                        &member_at,
                        &format!("operation {} {path}", member.to_uppercase()),
                        slot,
                        value,
                    );
                } else {
                    let explanation = "path-level members must be identical in every fragment that has the path";
                    self.insert_identical(file, &member_at, explanation, slot, value);
                }
            }
        }
    }

    fn add_components(&mut self, file: &Path, at: &Pointer, components: Value) {
        let Value::Object(components) = components else {
            self.errors.push(Diagnostic::error("`components` must be an object", pointer_in(file, at)));
            return;
        };
        for (section, entries) in components {
            let section_at = at.join(&section);
            let Value::Object(entries) = entries else {
                let slot = MapSlot::Nested(vec!["components".into(), section]);
                self.insert_identical(file, &section_at, "fragments must agree on it", slot, entries);
                continue;
            };
            for (name, value) in entries {
                let explanation = "components with the same name must be identical";
                let slot = MapSlot::Nested(vec!["components".into(), section.clone(), name.clone()]);
                self.insert_identical(file, &section_at.join(&name), explanation, slot, value);
            }
        }
    }

    fn add_tags(&mut self, file: &Path, at: &Pointer, tags: Value) {
        let Value::Array(tags) = tags else {
            self.errors.push(Diagnostic::error("`tags` must be an array", pointer_in(file, at)));
            return;
        };
        for (index, tag) in tags.into_iter().enumerate() {
            let tag_at = at.join(index.to_string());
            let Some(name) = tag.get("name").and_then(Value::as_str).map(str::to_owned) else {
                self.errors.push(Diagnostic::error("a tag needs a `name`", pointer_in(file, &tag_at)));
                continue;
            };
            let existing = self.document.entry("tags").or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(existing) = existing else { continue };
            let origin_key = format!("tag:{name}");
            match existing.iter().position(|other| other.get("name").and_then(Value::as_str) == Some(name.as_str())) {
                None => {
                    existing.push(tag);
                    self.origins.insert(origin_key, file.to_owned());
                }
                Some(position) if existing[position] == tag => {}
                Some(position) => {
                    let first = self.origins.get(&origin_key).cloned().unwrap_or_default();
                    let differs =
                        first_difference(&existing[position], &tag, &tag_at).unwrap_or_else(|| tag_at.clone());
                    self.errors.push(conflict(
                        &format!("tag `{name}`"),
                        "tags with the same name must be identical",
                        &first,
                        file,
                        &differs,
                    ));
                }
            }
        }
    }

    /// Inserts a value that may appear in several fragments if it is identical in each.
    fn insert_identical(&mut self, file: &Path, at: &Pointer, explanation: &str, slot: MapSlot, value: Value) {
        let origin_key = at.to_string();
        match slot.get(&mut self.document) {
            Some(existing) if *existing == value => {}
            Some(existing) => {
                let differs = first_difference(existing, &value, at).unwrap_or_else(|| at.clone());
                let first = self.origins.get(&origin_key).cloned().unwrap_or_default();
                self.errors.push(conflict(&format!("`{at}`"), explanation, &first, file, &differs));
            }
            None => {
                slot.insert(&mut self.document, value);
                self.origins.insert(origin_key, file.to_owned());
            }
        }
    }

    /// Inserts a value that only one fragment may define.
    fn insert_unique(&mut self, file: &Path, at: &Pointer, what: &str, slot: MapSlot, value: Value) {
        let origin_key = at.to_string();
        if slot.get(&mut self.document).is_some() {
            let first = self.origins.get(&origin_key).cloned().unwrap_or_default();
            let message = format!("{what} is defined in two fragments: {} and {}", first.display(), file.display());
            self.errors.push(Diagnostic::error(message, pointer_in(file, at)).with_related(pointer_in(&first, at)));
        } else {
            slot.insert(&mut self.document, value);
            self.origins.insert(origin_key, file.to_owned());
        }
    }
}

/// Where in the merged document a value goes.
enum MapSlot {
    Root(String),
    Nested(Vec<String>),
}

impl MapSlot {
    fn keys(&self) -> &[String] {
        match self {
            Self::Root(key) => std::slice::from_ref(key),
            Self::Nested(keys) => keys,
        }
    }

    fn get<'m>(&self, document: &'m mut Map<String, Value>) -> Option<&'m mut Value> {
        let (last, parents) = self.keys().split_last()?;
        let mut map = document;
        for key in parents {
            map = map.get_mut(key)?.as_object_mut()?;
        }
        map.get_mut(last)
    }

    fn insert(&self, document: &mut Map<String, Value>, value: Value) {
        let Some((last, parents)) = self.keys().split_last() else { return };
        let mut map = document;
        for key in parents {
            let entry = map.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                // A malformed fragment (e.g. `components: 3`) was reported already.
                return;
            }
            let Value::Object(inner) = entry else { return };
            map = inner;
        }
        map.insert(last.clone(), value);
    }
}

fn pointer_in(file: &Path, at: &Pointer) -> Location {
    Location { file: Some(file.to_owned()), pointer: Some(at.to_string()), line_column: None }
}

fn conflict(what: &str, explanation: &str, first: &Path, second: &Path, differs: &Pointer) -> Diagnostic {
    let message = format!(
        "{what} differs between {} and {} (first difference at {differs}); {explanation}",
        first.display(),
        second.display()
    );
    Diagnostic::error(message, pointer_in(second, differs)).with_related(pointer_in(first, differs))
}

/// Checks the merged document: it parses as OpenAPI 3.0 and every `$ref` resolves.
fn validate(merged: &Merged) -> Result<(), Failure> {
    let mut errors = Vec::new();
    if crate::normalize31::is_openapi31(&merged.document) {
        // 3.1 references may be relative to a schema's `$id` or reach into
        // `$defs`: check them once they are rewritten as 3.0 reads them.
        let mut normalized = merged.document.clone();
        crate::normalize31::normalize(&mut normalized);
        check_refs(&normalized, &normalized, &Pointer::root(), merged, &mut errors);
    } else {
        check_refs(&merged.document, &merged.document, &Pointer::root(), merged, &mut errors);
    }
    if let Err(mut diagnostic) = crate::parse::parse_document(merged.document.clone()) {
        diagnostic.location.file =
            diagnostic.location.pointer.as_deref().and_then(|at| merged.origin_of(at)).map(Path::to_owned);
        diagnostic.message = format!("the merged document is not valid: {}", diagnostic.message);
        errors.push(diagnostic);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

fn check_refs(root: &Value, value: &Value, at: &Pointer, merged: &Merged, errors: &mut Vec<Diagnostic>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let resolved = Pointer::parse(reference).and_then(|target| target.resolve(root));
                if resolved.is_none() {
                    let location = Location {
                        file: merged.origin_of(&at.to_string()).map(Path::to_owned),
                        pointer: Some(at.join("$ref").to_string()),
                        line_column: None,
                    };
                    errors.push(Diagnostic::error(format!("unresolvable $ref `{reference}`"), location));
                }
            }
            for (key, child) in map {
                check_refs(root, child, &at.join(key), merged, errors);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                check_refs(root, child, &at.join(index.to_string()), merged, errors);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
