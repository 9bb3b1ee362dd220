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

use crate::diagnostics::Diagnostic;
use crate::limits::MAX_DEPTH;
use crate::pointer::Pointer;

use crate::walk::METHODS;

/// The version a normalised document states.
const NORMALISED_VERSION: &str = "3.0.3";

/// The dialect OpenAPI 3.1 schemas use unless `jsonSchemaDialect` says otherwise.
const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

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
    crate::walk::walk_document(document, &mut |value, at| schema::normalize(value, at, &mut warnings));
    add_missing_responses(document);
    if let Value::Object(root) = document {
        root.insert("openapi".into(), Value::from(NORMALISED_VERSION));
    }
    warnings
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
        warnings.push(Diagnostic::warning_at(
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
    warnings.push(Diagnostic::warning_at(
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
    for _ in 0..MAX_DEPTH {
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
        warnings.push(Diagnostic::warning_at(
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
