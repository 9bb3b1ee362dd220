//! Structurally identical inline schemas are one type: the same error body
//! declared inline by every operation (apisetu.gov.in's `{error,
//! error_description}` for each status of 32 operations) is emitted once.
//! Named component schemas stay distinct: they are the API's vocabulary.
//!
//! A type met in several places is named after what those places have in
//! common (`names`).

use std::collections::HashMap;

use openapiv3::Schema;
use serde_json::Value;

use crate::ir::TypeId;
use crate::limits::MAX_DEPTH;

/// The inline schemas lowered so far, by shape.
#[derive(Default)]
pub(super) struct SharedInline {
    by_shape: HashMap<String, TypeId>,
}

impl SharedInline {
    /// The type already made for a schema of this shape.
    pub(super) fn find(&self, schema: &Schema) -> Option<TypeId> {
        self.by_shape.get(&shape_key(schema)?).copied()
    }

    /// Records the type `id` made for `schema`.
    pub(super) fn insert(&mut self, schema: &Schema, id: TypeId) {
        if let Some(key) = shape_key(schema) {
            self.by_shape.insert(key, id);
        }
    }
}

/// Keywords that document a schema without changing what it holds.
const DOCUMENTATION: &[&str] = &["description", "title", "example", "examples", "externalDocs", "deprecated"];

/// What makes two inline schemas the same type: everything but their
/// documentation (at any depth) and their own nullability (which belongs to
/// the place, not the type).
fn shape_key(schema: &Schema) -> Option<String> {
    let mut shape = serde_json::to_value(schema).ok()?;
    if let Value::Object(object) = &mut shape {
        object.remove("nullable");
    }
    undocument(&mut shape, 0);
    serde_json::to_string(&sorted(shape)).ok()
}

/// `value` with the members of every object in name order, so that the key
/// does not depend on how members were written or removed.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(object) => {
            let members: std::collections::BTreeMap<String, Value> =
                object.into_iter().map(|(name, member)| (name, sorted(member))).collect();
            Value::Object(members.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Removes documentation keywords from a schema and the schemas inside it,
/// but not from `properties` maps, whose keys are names (a property may be
/// called `description`).
fn undocument(schema: &mut Value, depth: usize) {
    let Value::Object(object) = schema else { return };
    if depth > MAX_DEPTH {
        return;
    }
    for keyword in DOCUMENTATION {
        object.remove(*keyword);
    }
    for (keyword, child) in object.iter_mut() {
        match (keyword.as_str(), child) {
            ("properties", Value::Object(properties)) => {
                properties.values_mut().for_each(|property| undocument(property, depth + 1));
            }
            ("items" | "additionalProperties" | "not", child) => undocument(child, depth + 1),
            ("allOf" | "oneOf" | "anyOf", Value::Array(members)) => {
                members.iter_mut().for_each(|member| undocument(member, depth + 1));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_and_nullability_do_not_make_another_type() {
        let read = |json: serde_json::Value| serde_json::from_value::<Schema>(json).expect("a schema");
        let one =
            read(serde_json::json!({"type": "object", "description": "A", "properties": {"a": {"type": "string"}}}));
        let two =
            read(serde_json::json!({"type": "object", "nullable": true, "properties": {"a": {"type": "string"}}}));
        let other = read(serde_json::json!({"type": "object", "properties": {"a": {"type": "integer"}}}));
        assert_eq!(shape_key(&one), shape_key(&two), "{:?}", shape_key(&one));
        assert_ne!(shape_key(&one), shape_key(&other));
        let nested = |description: &str| {
            read(serde_json::json!({"type": "object", "properties": {
                "description": {"type": "string", "description": description},
                "items": {"type": "array", "items": {"type": "string", "title": description}}
            }}))
        };
        assert_eq!(shape_key(&nested("one")), shape_key(&nested("two")), "nested documentation is no difference");
        let titled = read(serde_json::json!({"type": "object", "properties": {"title": {"type": "string"}}}));
        let named = read(serde_json::json!({"type": "object", "properties": {"name": {"type": "string"}}}));
        assert_ne!(shape_key(&titled), shape_key(&named), "property names are shape, even `title`");
    }
}
