//! `$ref`s to schemas that are not component schemas: into another
//! operation's inline schema (`#/paths/~1a/get/responses/200/content/
//! application~1json/schema/properties/time`, as brex.io writes them) or into
//! a component's property (`#/components/schemas/Pet/properties/owner`). The
//! schema they point at is copied into `components/schemas` under a name of
//! its own and the `$ref`s are pointed there, so the 3.0 model reads them as
//! the references it knows; its original place keeps its inline copy, which
//! becomes the same type (identical inline schemas are one type).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Location};
use crate::limits::MAX_DEPTH;
use crate::naming::pascal;
use crate::pointer::Pointer;

/// Pointer tokens that say where a schema sits rather than what it is.
const STRUCTURAL: &[&str] = &[
    "schema",
    "schemas",
    "properties",
    "items",
    "additionalProperties",
    "content",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "responses",
    "requestBody",
    "components",
    "paths",
    "parameters",
];

/// Rewrites `document` in place; returns warnings for `$ref`s that lead nowhere.
pub fn hoist_schema_refs(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut references = BTreeSet::new();
    collect(document, &mut references, 0);
    let targets: Vec<String> = references.into_iter().filter(|reference| needs_hoisting(reference)).collect();
    if targets.is_empty() {
        return warnings;
    }
    let mut taken: BTreeSet<String> = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    let mut hoisted: BTreeMap<String, String> = BTreeMap::new();
    let mut new_components = Map::new();
    for reference in targets {
        let Some(target) = resolve(document, &reference) else { continue };
        // Only what reads as a schema: a vendor's broken definition stays a reference the generator reports.
        if !target.is_object() || serde_json::from_value::<openapiv3::Schema>(target.clone()).is_err() {
            warnings.push(Diagnostic::warning(
                format!("`$ref` to `{reference}` does not lead to a schema"),
                Location::pointer(reference.clone()),
            ));
            continue;
        }
        let name = unique(&name_for(&reference), &mut taken);
        new_components.insert(name.clone(), target.clone());
        hoisted.insert(reference, Pointer::root().join("components").join("schemas").join(&name).to_string());
    }
    if hoisted.is_empty() {
        return warnings;
    }
    rewrite(document, &hoisted, 0);
    for target in new_components.values_mut() {
        rewrite(target, &hoisted, 0);
    }
    if let Some(root) = document.as_object_mut() {
        let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
        if let Some(components) = components.as_object_mut() {
            let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
            if let Some(schemas) = schemas.as_object_mut() {
                schemas.extend(new_components);
            }
        }
    }
    warnings
}

fn collect(value: &Value, references: &mut BTreeSet<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        // One pass over the members, without hashing `$ref` for every object,
        // and a reference copied only the first time it is met.
        Value::Object(object) => {
            for (key, child) in object {
                match child {
                    Value::String(reference) if key == "$ref" && !references.contains(reference) => {
                        references.insert(reference.clone());
                    }
                    _ => collect(child, references, depth + 1),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|child| collect(child, references, depth + 1)),
        _ => {}
    }
}

/// A local `$ref` into a schema that is not itself a component schema: a
/// component schema's or a media type's `schema`, then only steps from a
/// schema into a schema (`properties/x`, `items`, `allOf/0`, `definitions/x`…),
/// never into an `example` or an `enum`.
fn needs_hoisting(reference: &str) -> bool {
    let Some(pointer) = reference.strip_prefix('#').and_then(Pointer::parse) else { return false };
    let tokens: Vec<String> = pointer.tokens().collect();
    match tokens.as_slice() {
        // A component schema itself is a component already.
        [components, schemas, _, rest @ ..] if components == "components" && schemas == "schemas" => {
            !rest.is_empty() && schema_steps(rest)
        }
        // Another operation's schema, or a schema inside it.
        [paths, ..] if paths == "paths" => match tokens.iter().position(|token| token == "schema") {
            Some(at) => schema_steps(&tokens[at + 1..]),
            None => false,
        },
        _ => false,
    }
}

/// Whether `tokens` lead from a schema to a schema inside it.
fn schema_steps(tokens: &[String]) -> bool {
    match tokens {
        [] => true,
        [keyword, _, rest @ ..] if ["properties", "definitions", "$defs"].contains(&keyword.as_str()) => {
            schema_steps(rest)
        }
        [keyword, index, rest @ ..]
            if ["allOf", "oneOf", "anyOf"].contains(&keyword.as_str()) && index.parse::<usize>().is_ok() =>
        {
            schema_steps(rest)
        }
        [keyword, rest @ ..] if ["items", "additionalProperties", "not"].contains(&keyword.as_str()) => {
            schema_steps(rest)
        }
        _ => false,
    }
}

/// The value a local `$ref` designates (its fragment percent-decoded).
fn resolve<'v>(document: &'v Value, reference: &str) -> Option<&'v Value> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_decode(fragment)?;
    document.pointer(&decoded)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A component name from the last tokens of the pointer that name something:
/// `…/schema/properties/matched_ein_companies` → `MatchedEinCompanies`.
fn name_for(reference: &str) -> String {
    let pointer = Pointer::parse(reference.trim_start_matches('#')).map(|pointer| pointer.tokens().collect::<Vec<_>>());
    let tokens = pointer.unwrap_or_default();
    let meaningful: Vec<&String> = tokens
        .iter()
        .filter(|token| {
            !STRUCTURAL.contains(&token.as_str())
                && !token.contains('/')
                && !token.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    match meaningful.last() {
        Some(last) => pascal(last),
        None => "Schema".to_owned(),
    }
}

/// `wanted`, or `wanted2`, `wanted3`… whichever is free; marks it taken.
fn unique(wanted: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = wanted.to_owned();
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("{wanted}{counter}");
        counter += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn rewrite(value: &mut Value, hoisted: &BTreeMap<String, String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                if let Some(component) = hoisted.get(reference.as_str()) {
                    *reference = component.clone();
                }
            }
            object.values_mut().for_each(|child| rewrite(child, hoisted, depth + 1));
        }
        Value::Array(items) => items.iter_mut().for_each(|child| rewrite(child, hoisted, depth + 1)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refs_into_other_operations_and_component_properties_become_components() {
        let mut document = json!({
            "paths": {
                "/a/{id}": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"time": {"type": "string", "format": "date-time"}}
                }}}}}}},
                "/b": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {
                        "created": {"$ref": "#/paths/~1a~1%7Bid%7D/get/responses/200/content/application~1json/schema/properties/time"},
                        "owner": {"$ref": "#/components/schemas/Pet/properties/owner"}
                    }
                }}}}}}}
            },
            "components": {"schemas": {
                "Pet": {"type": "object", "properties": {"owner": {"type": "object", "properties": {"name": {"type": "string"}}}}},
                "Time": {"type": "integer"}
            }}
        });
        let warnings = hoist_schema_refs(&mut document);
        assert!(warnings.is_empty(), "{warnings:?}");
        let properties = document.pointer("/paths/~1b/get/responses/200/content/application~1json/schema/properties");
        let properties = properties.expect("kept");
        assert_eq!(properties["created"], json!({"$ref": "#/components/schemas/Time2"}), "`Time` is taken");
        assert_eq!(properties["owner"], json!({"$ref": "#/components/schemas/Owner"}));
        assert_eq!(document["components"]["schemas"]["Time2"], json!({"type": "string", "format": "date-time"}));
        assert_eq!(document["components"]["schemas"]["Owner"]["properties"]["name"], json!({"type": "string"}));
    }

    #[test]
    fn only_steps_from_schema_to_schema_are_hoisted() {
        assert!(needs_hoisting("#/components/schemas/Item/definitions/invoiceItem"));
        assert!(needs_hoisting("#/components/schemas/A/properties/b/items/allOf/0"));
        assert!(needs_hoisting("#/paths/~1a/get/responses/200/content/application~1json/schema/properties/t"));
        assert!(needs_hoisting("#/paths/~1a/post/responses/200/content/application~1json/schema"));
        assert!(!needs_hoisting("#/components/schemas/RedownloadVideo/example"));
        assert!(!needs_hoisting("#/components/schemas/A/properties/b/enum/0"));
        assert!(!needs_hoisting("#/components/schemas/A"));
        assert!(!needs_hoisting("#/paths/~1a/get/responses/200/content/application~1json/examples/x"));
        assert!(!needs_hoisting("other.yaml#/components/schemas/A/properties/b"));
    }

    #[test]
    fn a_target_that_is_no_schema_stays_a_reference() {
        let reference = "#/components/schemas/Item/definitions/itemType";
        let mut document = json!({"components": {"schemas": {
            "Item": {"definitions": {"itemType": {"type": {"type": "string"}}}},
            "Use": {"$ref": reference}
        }}});
        hoist_schema_refs(&mut document);
        assert_eq!(document["components"]["schemas"]["Use"]["$ref"], reference);
    }

    #[test]
    fn component_and_non_schema_refs_are_left_alone() {
        let mut document = json!({"paths": {"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/P"}],
            "responses": {"200": {"$ref": "#/components/responses/R"}}}}},
            "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"type": "string"}}}});
        let before = document.clone();
        assert!(hoist_schema_refs(&mut document).is_empty());
        assert_eq!(document, before);
    }
}
