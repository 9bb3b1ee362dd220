//! Bundling: `$ref`s into other files (`./common.yaml#/components/schemas/X`)
//! are resolved and what they point to is brought into `components`, so the
//! merged document is self-contained.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::load::load_file;
use crate::pointer::{first_difference, Pointer};

/// `document` (read from `file`) with every external `$ref` replaced by a
/// local one and the referenced values added under `components`.
pub fn bundle_external_refs(file: &Path, document: &Value) -> Result<Value, Failure> {
    let mut bundler = Bundler::default();
    let mut document = document.clone();
    bundler.rewrite(&mut document, file, false, &Pointer::root());
    let Bundler { imported, mut errors, .. } = bundler;
    if imported.is_empty() || !errors.is_empty() {
        return if errors.is_empty() { Ok(document) } else { Err(errors.into()) };
    }
    let Some(root) = document.as_object_mut() else { return Ok(document) };
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    for ((section, name), import) in imported {
        let Some(components) = components.as_object_mut() else { break };
        let entries = components.entry(section.clone()).or_insert_with(|| Value::Object(Map::new()));
        let Some(entries) = entries.as_object_mut() else { continue };
        match entries.get(&name) {
            Some(existing) if *existing != import.value => {
                let at = Pointer::root().join("components").join(&section).join(&name);
                let differs = first_difference(existing, &import.value, &at).unwrap_or(at);
                errors.push(
                    Diagnostic::error(
                        format!(
                            "`{name}` brought in from {} differs from the {section} component of the same name in {} (first difference at {differs})",
                            import.file.display(),
                            file.display()
                        ),
                        Location { file: Some(file.to_owned()), pointer: Some(differs.to_string()), line_column: None },
                    )
                    .with_related(Location::file(&import.file)),
                );
            }
            Some(_) => {}
            None => {
                entries.insert(name, import.value);
            }
        }
    }
    if errors.is_empty() {
        Ok(document)
    } else {
        Err(errors.into())
    }
}

struct Import {
    file: PathBuf,
    value: Value,
}

#[derive(Default)]
struct Bundler {
    documents: BTreeMap<PathBuf, Option<Value>>,
    /// (file, pointer) already imported, and the local component they became.
    done: BTreeMap<(PathBuf, String), (String, String)>,
    imported: BTreeMap<(String, String), Import>,
    errors: Vec<Diagnostic>,
}

impl Bundler {
    /// Rewrites the refs inside `value`, which lives in `file`. `in_external_file` is
    /// set while rewriting a value brought in from another file, whose
    /// local refs (`#/…`) point into that file.
    fn rewrite(&mut self, value: &mut Value, file: &Path, in_external_file: bool, at: &Pointer) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    let target = match reference.split_once('#') {
                        Some(("", _)) if !in_external_file => None,
                        Some(("", fragment)) => Some((file.to_owned(), fragment.to_owned())),
                        Some((path, fragment)) => Some((resolve_path(file, path), fragment.to_owned())),
                        None => Some((resolve_path(file, &reference), String::new())),
                    };
                    if let Some((target_file, fragment)) = target {
                        if let Some((section, name)) = self.import(&target_file, &fragment, &reference, file, at) {
                            let local = Pointer::root().join("components").join(section).join(name);
                            map.insert("$ref".into(), Value::String(local.to_string()));
                        }
                    }
                }
                for (key, child) in map.iter_mut() {
                    if key != "$ref" {
                        self.rewrite(child, file, in_external_file, &at.join(key));
                    }
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    self.rewrite(child, file, in_external_file, &at.join(index.to_string()));
                }
            }
            _ => {}
        }
    }

    fn import(
        &mut self,
        file: &Path,
        fragment: &str,
        reference: &str,
        used_in: &Path,
        used_at: &Pointer,
    ) -> Option<(String, String)> {
        let key = (file.to_owned(), fragment.to_owned());
        if let Some(done) = self.done.get(&key) {
            return Some(done.clone());
        }
        let unresolvable = |why: String| {
            Diagnostic::error(
                format!("unresolvable $ref `{reference}`: {why}"),
                Location {
                    file: Some(used_in.to_owned()),
                    pointer: Some(used_at.join("$ref").to_string()),
                    line_column: None,
                },
            )
        };
        let Some(pointer) = Pointer::parse(fragment) else {
            self.errors.push(unresolvable(format!("`{fragment}` is not a JSON pointer")));
            return None;
        };
        let document = match self.documents.get(file) {
            Some(document) => document.clone(),
            None => {
                let loaded = load_file(file).map_err(|diagnostic| self.errors.push(diagnostic)).ok();
                self.documents.insert(file.to_owned(), loaded.clone());
                loaded
            }
        };
        let Some(mut value) = document.as_ref().and_then(|document| pointer.resolve(document)).cloned() else {
            if document.is_some() {
                self.errors.push(unresolvable(format!(
                    "{} has nothing at #{}",
                    file.display(),
                    fragment.trim_start_matches('#')
                )));
            }
            return None;
        };
        let tokens: Vec<String> = pointer.tokens().collect();
        let (section, name) = match tokens.as_slice() {
            [components, section, name] if components == "components" => (section.clone(), name.clone()),
            [.., last] => ("schemas".to_owned(), last.clone()),
            [] => ("schemas".to_owned(), file_stem(file)),
        };
        self.done.insert(key, (section.clone(), name.clone()));
        self.rewrite(&mut value, file, true, &pointer);
        self.imported.insert((section.clone(), name.clone()), Import { file: file.to_owned(), value });
        Some((section, name))
    }
}

fn resolve_path(from: &Path, relative: &str) -> PathBuf {
    let base = from.parent().unwrap_or_else(|| Path::new(""));
    normalize(&base.join(relative))
}

/// Removes `.` and `..` components so the same file is recognised however it is reached.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn file_stem(file: &Path) -> String {
    file.file_stem().and_then(|stem| stem.to_str()).unwrap_or("Schema").to_owned()
}
