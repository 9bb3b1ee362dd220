//! OpenAPI 3.1 → 3.0: rewrites a 3.1 document's JSON into the 3.0 form the
//! `openapiv3` model can hold, before it is read. Runs only on documents whose
//! `openapi` is `3.1.x`; the 3.0 normalisation (`normalize`) runs after it.
//!
//! The rewrite keeps the meaning wherever 3.0 can say the same thing
//! (`type: [string, "null"]` is `nullable: true`, a numeric
//! `exclusiveMinimum` is `minimum` + `exclusiveMinimum: true`, `$defs` become
//! component schemas); where it cannot, the construct is approximated or
//! dropped and a warning names its JSON pointer in the input document.
//!
//! In order: top-level members ([`top_level`]), `$defs`/`$id` ([`defs`]),
//! every schema ([`schema`]), operations; last, `openapi` becomes `3.0.3`.
//! 3.0 constructs (`nullable`, boolean `exclusiveMinimum`, `example`) are left
//! as they are, so a merge of 3.0 and 3.1 fragments can be read as 3.1.

mod defs;
mod schema;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::Pointer;

/// The version a normalised document states.
const NORMALISED_VERSION: &str = "3.0.3";

/// The dialect OpenAPI 3.1 schemas use unless `jsonSchemaDialect` says otherwise.
const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Whether `document` states an OpenAPI 3.1 version.
pub fn is_openapi31(document: &Value) -> bool {
    document.get("openapi").and_then(Value::as_str).is_some_and(|version| version.starts_with("3.1"))
}

/// Rewrites the 3.1 `document` in place into OpenAPI 3.0.3; returns warnings
/// for what was approximated or dropped.
pub fn normalize(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Value::Object(root) = document else { return warnings };
    top_level(root, &mut warnings);
    defs::hoist(document, &mut warnings);
    walk_document(document, &mut |value, at| schema::normalize(value, at, &mut warnings));
    add_missing_responses(document);
    if let Value::Object(root) = document {
        root.insert("openapi".into(), Value::from(NORMALISED_VERSION));
    }
    warnings
}

fn warning(message: impl Into<String>, at: &Pointer) -> Diagnostic {
    Diagnostic::warning(message, Location::pointer(at.to_string()))
}

/// Members of the document, `info` and `components` that 3.0 does not have.
fn top_level(root: &mut Map<String, Value>, warnings: &mut Vec<Diagnostic>) {
    json_schema_dialect(root, warnings);
    info(root);
    webhooks(root, warnings);
    if !root.contains_key("paths") {
        // 3.1 documents may describe only webhooks or components.
        root.insert("paths".into(), Value::Object(Map::new()));
    }
    inline_path_items(root);
    mutual_tls(root, warnings);
}

fn json_schema_dialect(root: &mut Map<String, Value>, warnings: &mut Vec<Diagnostic>) {
    let Some(dialect) = root.remove("jsonSchemaDialect") else { return };
    if dialect.as_str() != Some(OAS_DIALECT) {
        warnings.push(warning(
            format!("`jsonSchemaDialect` {dialect} is not supported; schemas are read as OpenAPI 3.1's own dialect"),
            &Pointer::root().join("jsonSchemaDialect"),
        ));
    }
}

/// `info.summary` becomes the description when there is none;
/// `license.identifier` (SPDX) becomes the license URL when there is none.
fn info(root: &mut Map<String, Value>) {
    let Some(Value::Object(info)) = root.get_mut("info") else { return };
    if let Some(summary) = info.remove("summary") {
        if !info.contains_key("description") {
            info.insert("description".into(), summary);
        }
    }
    let Some(Value::Object(license)) = info.get_mut("license") else { return };
    if let Some(identifier) = license.remove("identifier") {
        if let (false, Some(identifier)) = (license.contains_key("url"), identifier.as_str()) {
            license.insert("url".into(), Value::from(format!("https://spdx.org/licenses/{identifier}.html")));
        }
    }
}

/// Webhooks are requests the API sends, not ones a client makes: they are
/// dropped with a warning. The component schemas they use still generate.
fn webhooks(root: &mut Map<String, Value>, warnings: &mut Vec<Diagnostic>) {
    let Some(webhooks) = root.remove("webhooks") else { return };
    let names: Vec<String> =
        webhooks.as_object().map(|hooks| hooks.keys().map(|name| format!("`{name}`")).collect()).unwrap_or_default();
    if names.is_empty() {
        return;
    }
    warnings.push(warning(
        format!("webhooks are not generated ({}); the component schemas they use still are", names.join(", ")),
        &Pointer::root().join("webhooks"),
    ));
}

/// Path items that are `$ref`s to `components/pathItems` (or elsewhere in the
/// document) are replaced by what they refer to; `components/pathItems`,
/// which 3.0 does not have, is removed.
fn inline_path_items(root: &mut Map<String, Value>) {
    let document = Value::Object(root.clone());
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut() {
            if let Some(resolved) = resolve_path_item(&document, item) {
                *item = resolved;
            }
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("pathItems");
    }
}

/// The path item `item` refers to, with `item`'s own members added (they win),
/// following chains of references; `None` when it is not a resolvable `$ref`.
fn resolve_path_item(document: &Value, item: &Value) -> Option<Value> {
    let mut current = item.clone();
    let mut resolved_any = false;
    for _ in 0..16 {
        let Some(reference) = current.get("$ref").and_then(Value::as_str) else {
            return resolved_any.then_some(current);
        };
        let Value::Object(target) = Pointer::parse(reference)?.resolve(document)?.clone() else { return None };
        let Value::Object(own) = current else { return None };
        let mut merged = target;
        for (key, value) in own {
            if key != "$ref" {
                merged.insert(key, value);
            }
        }
        current = Value::Object(merged);
        resolved_any = true;
    }
    None
}

/// `mutualTLS` security schemes (new in 3.1) cannot be read by the 3.0 model.
fn mutual_tls(root: &mut Map<String, Value>, warnings: &mut Vec<Diagnostic>) {
    let Some(Value::Object(components)) = root.get_mut("components") else { return };
    let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") else { return };
    let mutual: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in mutual {
        schemes.remove(&name);
        warnings.push(warning(
            "a `mutualTLS` security scheme is not supported (configure the client certificate on the HTTP client); it is ignored",
            &Pointer::root().join("components").join("securitySchemes").join(&name),
        ));
    }
}

/// 3.1 made `responses` optional; 3.0 requires it.
fn add_missing_responses(document: &mut Value) {
    let Some(Value::Object(paths)) = document.get_mut("paths") else { return };
    for item in paths.values_mut() {
        let Value::Object(item) = item else { continue };
        for method in METHODS {
            if let Some(Value::Object(operation)) = item.get_mut(*method) {
                operation.entry("responses").or_insert_with(|| Value::Object(Map::new()));
            }
        }
    }
}

/// A callback receiving a schema and its pointer.
type Visit<'v> = dyn FnMut(&mut Value, &Pointer) + 'v;

/// Calls `visit` on every schema the document's structure holds directly
/// (components, parameters, headers, media types), not on their subschemas.
pub(super) fn walk_document(document: &mut Value, visit: &mut Visit<'_>) {
    let root = Pointer::root();
    let Value::Object(document) = document else { return };
    if let Some(Value::Object(paths)) = document.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            path_item(item, &root.join("paths").join(path), visit);
        }
    }
    let Some(Value::Object(components)) = document.get_mut("components") else { return };
    for (section, entries) in components.iter_mut() {
        let Value::Object(entries) = entries else { continue };
        let section_at = root.join("components").join(section);
        for (name, entry) in entries.iter_mut() {
            let at = section_at.join(name);
            match section.as_str() {
                "schemas" => visit(entry, &at),
                "parameters" | "headers" => parameter(entry, &at, visit),
                "requestBodies" => content(entry, &at, visit),
                "responses" => response(entry, &at, visit),
                "callbacks" => callback(entry, &at, visit),
                "pathItems" => path_item(entry, &at, visit),
                _ => {}
            }
        }
    }
}

fn path_item(item: &mut Value, at: &Pointer, visit: &mut Visit<'_>) {
    let Value::Object(item) = item else { return };
    for (key, value) in item.iter_mut() {
        let key_at = at.join(key);
        match key.as_str() {
            "parameters" => each_item(value, &key_at, visit, parameter),
            method if METHODS.contains(&method) => operation(value, &key_at, visit),
            _ => {}
        }
    }
}

fn operation(operation: &mut Value, at: &Pointer, visit: &mut Visit<'_>) {
    let Value::Object(operation) = operation else { return };
    for (key, value) in operation.iter_mut() {
        let key_at = at.join(key);
        match key.as_str() {
            "parameters" => each_item(value, &key_at, visit, parameter),
            "requestBody" => content(value, &key_at, visit),
            "responses" => each_entry(value, &key_at, visit, response),
            "callbacks" => each_entry(value, &key_at, visit, callback),
            _ => {}
        }
    }
}

fn callback(callback: &mut Value, at: &Pointer, visit: &mut Visit<'_>) {
    each_entry(callback, at, visit, path_item);
}

/// A parameter or header: a `schema`, or `content`.
fn parameter(parameter: &mut Value, at: &Pointer, visit: &mut Visit<'_>) {
    if let Some(schema) = parameter.get_mut("schema") {
        visit(schema, &at.join("schema"));
    }
    content(parameter, at, visit);
}

fn response(response: &mut Value, at: &Pointer, visit: &mut Visit<'_>) {
    if let Some(headers) = response.get_mut("headers") {
        each_entry(headers, &at.join("headers"), visit, parameter);
    }
    content(response, at, visit);
}

/// The media types under `content` of a body, response, parameter or header.
fn content(holder: &mut Value, at: &Pointer, visit: &mut Visit<'_>) {
    let Some(Value::Object(content)) = holder.get_mut("content") else { return };
    for (media_type, media) in content.iter_mut() {
        let media_at = at.join("content").join(media_type);
        if let Some(schema) = media.get_mut("schema") {
            visit(schema, &media_at.join("schema"));
        }
        let Some(Value::Object(encoding)) = media.get_mut("encoding") else { continue };
        for (property, encoding) in encoding.iter_mut() {
            if let Some(headers) = encoding.get_mut("headers") {
                let headers_at = media_at.join("encoding").join(property).join("headers");
                each_entry(headers, &headers_at, visit, parameter);
            }
        }
    }
}

type Walk = fn(&mut Value, &Pointer, &mut Visit<'_>);

fn each_entry(map: &mut Value, at: &Pointer, visit: &mut Visit<'_>, walk: Walk) {
    if let Value::Object(map) = map {
        for (key, value) in map.iter_mut() {
            walk(value, &at.join(key), visit);
        }
    }
}

fn each_item(list: &mut Value, at: &Pointer, visit: &mut Visit<'_>, walk: Walk) {
    if let Value::Array(items) = list {
        for (index, value) in items.iter_mut().enumerate() {
            walk(value, &at.join(index.to_string()), visit);
        }
    }
}
