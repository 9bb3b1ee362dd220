//! Reading a document (a JSON value) into the OpenAPI 3.0 model, with a JSON
//! pointer on every error: 3.1 documents are rewritten into 3.0 first, and
//! schemas mixing keywords the model cannot hold together are normalised.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::Pointer;
use crate::{compat, hoist, locate, normalize, normalize31, path_reader, schema_reader, walk};

/// Reads an OpenAPI document (a JSON value) into the 3.0 model, with a JSON
/// pointer on every error. A 3.1 document is rewritten into 3.0 first
/// (`normalize31`); schemas mixing keywords the model cannot hold together
/// are normalised next. The warnings say what was approximated or dropped.
/// The document is taken by value: it is rewritten in place, and dropped once read.
pub fn parse_document(mut normalized: Value) -> Result<(openapiv3::OpenAPI, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    let unread = take_unread(&mut normalized);
    let is_31 = normalize31::is_openapi31(&normalized);
    if is_31 {
        warnings.extend(normalize31::normalize(&mut normalized));
    }
    warnings.extend(normalize::normalize(&mut normalized));
    warnings.extend(hoist::hoist_schema_refs(&mut normalized));
    warnings.extend(compat::rewrite(&mut normalized));
    let mut model = read_model(normalized, if is_31 { "3.1" } else { "3.0" })?;
    model.extensions.extend(unread.extensions);
    Ok((model, warnings))
}

/// What is taken out of the document before it is normalised and read.
struct Unread {
    /// The document's own `x-` extensions, moved into the model as they
    /// are: any value reads as one, and nothing in them is OpenAPI to
    /// normalise (GitHub's `x-webhooks` is two fifths of its dereferenced description).
    extensions: Vec<(String, Value)>,
}

/// Takes the document's extensions out of it, and drops its examples (the
/// components' and those of parameters, headers and media types): the
/// generator reads none (they are a fifth of GitHub's description), so they
/// are neither normalised nor read into the model. A schema's own `example`
/// stays: it is part of the schema.
fn take_unread(document: &mut Value) -> Unread {
    if let Some(components) = document.get_mut("components").and_then(Value::as_object_mut) {
        components.shift_remove("examples");
    }
    walk::for_each_holder(document, &mut |holder| {
        holder.shift_remove("example");
        holder.shift_remove("examples");
    });
    Unread { extensions: take_root_extensions(document) }
}

/// Reads the (normalised) document; `stated` is the version it stated, for messages.
///
/// Path items and component schemas (nearly all of a large document) are
/// read one by one, each dropped once read, so that the document and the
/// model are not both whole in memory; the rest of the document is read as a
/// whole. openapiv3 reads `paths` through a flattened map, which would first
/// copy every path item into a buffer. (Reading them on several threads was
/// no faster, and held more memory.)
fn read_model(mut document: Value, stated: &str) -> Result<openapiv3::OpenAPI, Diagnostic> {
    check_version(&document)?;
    let paths = take_entries(&mut document, "paths", |key| key.starts_with('/'));
    let schemas = document.get_mut("components").map_or_else(Vec::new, |components| {
        take_entries(components, "schemas", |_| true)
            .into_iter()
            .map(|(name, schema)| Entry::Schema(name, schema))
            .collect()
    });
    let entries: Vec<Entry> = paths.into_iter().map(|(path, item)| Entry::Path(path, item)).chain(schemas).collect();
    let mut model = read_whole(&document, stated)?;
    for entry in entries {
        entry.read_into(&mut model, &document, stated)?;
    }
    Ok(model)
}

/// The entries of the object `key` of `parent` whose keys `wanted` takes,
/// moved out of it in their order.
fn take_entries(parent: &mut Value, key: &str, wanted: impl Fn(&str) -> bool) -> Vec<(String, Value)> {
    let Some(object) = parent.get_mut(key).and_then(Value::as_object_mut) else { return Vec::new() };
    let mut taken = Vec::new();
    for (key, value) in std::mem::take(object) {
        if wanted(&key) {
            taken.push((key, value));
        } else {
            object.insert(key, value);
        }
    }
    taken
}

/// The document's `x-` entries, moved out of it in their order.
fn take_root_extensions(document: &mut Value) -> Vec<(String, Value)> {
    let Some(root) = document.as_object_mut() else { return Vec::new() };
    let keys: Vec<String> = root.keys().filter(|key| key.starts_with("x-")).cloned().collect();
    keys.into_iter().filter_map(|key| root.shift_remove_entry(&key)).collect()
}

/// A part of the document read on its own.
enum Entry {
    /// `/paths/{0}`.
    Path(String, Value),
    /// `/components/schemas/{0}`.
    Schema(String, Value),
}

impl Entry {
    /// Reads the entry into `model`. An error is located as reading the whole
    /// document would locate it: `rest` is the document without the entries.
    fn read_into(self, model: &mut openapiv3::OpenAPI, rest: &Value, stated: &str) -> Result<(), Diagnostic> {
        use serde::Deserialize;
        let (place, key, value) = match self {
            Self::Path(path, item) => match path_reader::read(item) {
                Ok(read) => {
                    model.paths.paths.insert(path, read);
                    return Ok(());
                }
                Err(item) => (&["paths"][..], path, item),
            },
            Self::Schema(name, schema) => {
                match schema_reader::read(&schema).map_or_else(|| openapiv3::ReferenceOr::deserialize(&schema), Ok) {
                    Ok(read) => {
                        model.components.get_or_insert_with(Default::default).schemas.insert(name, read);
                        return Ok(());
                    }
                    Err(_) => (&["components", "schemas"][..], name, schema),
                }
            }
        };
        let mut document = rest.clone();
        let at = place.iter().fold(Pointer::root(), |at, step| at.join(step)).join(&key);
        if let Some(Value::Object(members)) = place.iter().try_fold(&mut document, |parent, step| parent.get_mut(*step))
        {
            members.insert(key, value);
        }
        match read_whole(&document, stated) {
            Err(diagnostic) => Err(diagnostic),
            // Not expected: the entry failed alone, so it fails in the document.
            Ok(_) => {
                Err(Diagnostic::error(format!("invalid OpenAPI {stated} document"), Location::pointer(at.to_string())))
            }
        }
    }
}

/// Fails unless the document states a version this reads: 3.0 (after 3.1 is rewritten into it).
fn check_version(document: &Value) -> Result<(), Diagnostic> {
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
    Ok(())
}

/// Reads the whole of `document`, with the pointer of the first error.
fn read_whole(document: &Value, stated: &str) -> Result<openapiv3::OpenAPI, Diagnostic> {
    serde_path_to_error::deserialize(document).map_err(|error| {
        let at = Pointer::from_serde_path(error.path());
        let (at, message) = locate_in_paths(document, &at).unwrap_or_else(|| (at, error.inner().to_string()));
        let (at, message) = locate::in_schema(document, &at).unwrap_or((at, message));
        Diagnostic::error(format!("invalid OpenAPI {stated} document: {message}"), Location::pointer(at.to_string()))
    })
}

/// openapiv3 reads `paths` through a flattened map, which hides where inside
/// it an error is; reading each path item alone finds the exact pointer.
fn locate_in_paths(document: &Value, at: &Pointer) -> Option<(Pointer, String)> {
    let paths_at = Pointer::root().join("paths");
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
            let at = item_at.join(method).concat(&Pointer::from_serde_path(error.path()));
            Some((at, error.inner().to_string()))
        });
        Some(
            located.unwrap_or_else(|| {
                (item_at.concat(&Pointer::from_serde_path(error.path())), error.inner().to_string())
            }),
        )
    })
}

#[cfg(test)]
mod tests {
    use openapiv3::ReferenceOr;
    use serde_json::json;

    use super::*;

    #[test]
    fn examples_are_dropped_and_extensions_kept_as_written() {
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "x-webhooks": {"ping": {"post": {"requestBody": {"content": {"application/json": {
                "schema": {"type": "integer", "minimum": 0.5}
            }}}}}},
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}, "example": "x",
                                "examples": {"one": {"value": "y"}}}],
                "responses": {"200": {
                    "description": "OK",
                    "headers": {"X-Rate": {"schema": {"type": "integer"}, "example": 1}},
                    "content": {"application/json": {
                        "schema": {"type": "string", "example": "kept"},
                        "examples": {"one": {"$ref": "#/components/examples/One"}}
                    }}
                }}
            }}},
            "components": {"examples": {"One": {"value": "a"}}}
        });
        let (model, _) = parse_document(document).expect("a valid document");
        assert!(model.components.as_ref().is_none_or(|components| components.examples.is_empty()));
        let ReferenceOr::Item(item) = &model.paths.paths["/a"] else { panic!("a path item") };
        let operation = item.get.as_ref().expect("a get operation");
        let ReferenceOr::Item(parameter) = &operation.parameters[0] else { panic!("a parameter") };
        let data = parameter.parameter_data_ref();
        assert!(data.example.is_none() && data.examples.is_empty());
        let Some(ReferenceOr::Item(response)) = operation.responses.responses.values().next() else {
            panic!("a response")
        };
        let ReferenceOr::Item(header) = &response.headers["X-Rate"] else { panic!("a header") };
        assert!(header.example.is_none());
        let media = &response.content["application/json"];
        assert!(media.example.is_none() && media.examples.is_empty());
        let Some(ReferenceOr::Item(schema)) = &media.schema else { panic!("a schema") };
        assert_eq!(schema.schema_data.example, Some(json!("kept")), "a schema's example is the schema's");
        // The extension is as written: its `minimum: 0.5` of an integer was not normalised.
        let webhooks = &model.extensions["x-webhooks"];
        assert_eq!(
            webhooks.pointer("/ping/post/requestBody/content/application~1json/schema/minimum"),
            Some(&json!(0.5))
        );
    }
}
