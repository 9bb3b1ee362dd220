//! Structurally identical inline schemas are one type: the same error body
//! declared inline by every operation (apisetu.gov.in's `{error,
//! error_description}` for each status of 32 operations) is emitted once.
//! Named component schemas stay distinct: they are the API's vocabulary.
//!
//! A type met in several places is named after what those places have in
//! common (`names`).

use std::collections::hash_map::{Entry, VacantEntry};
use std::collections::HashMap;

use openapiv3::Schema;

use super::tree::{tree_of, Tree};
use crate::ir::TypeId;
use crate::limits::MAX_DEPTH;

/// The inline schemas lowered so far, by shape.
#[derive(Default)]
pub(super) struct SharedInline {
    by_shape: HashMap<String, TypeId>,
}

impl SharedInline {
    /// The type already made for a schema of this shape, or where to record
    /// the one about to be made for it (`None` for a schema without a shape key).
    pub(super) fn find(&mut self, schema: &Schema) -> Result<TypeId, Option<Vacant<'_>>> {
        let Some(key) = shape_key(schema) else { return Err(None) };
        match self.by_shape.entry(key) {
            Entry::Occupied(made) => Ok(*made.get()),
            Entry::Vacant(vacant) => Err(Some(Vacant(vacant))),
        }
    }
}

/// Where the type made for a shape not met before is recorded.
pub(super) struct Vacant<'s>(VacantEntry<'s, String, TypeId>);

impl Vacant<'_> {
    /// Records the type `id` made for the shape.
    pub(super) fn insert(self, id: TypeId) {
        self.0.insert(id);
    }
}

/// Keywords that document a schema without changing what it holds.
const DOCUMENTATION: &[&str] = &["description", "title", "example", "examples", "externalDocs", "deprecated"];

/// What makes two inline schemas the same type: everything but their
/// documentation (at any depth) and their own nullability (which belongs to
/// the place, not the type).
fn shape_key(schema: &Schema) -> Option<String> {
    let shape = tree_of(schema)?;
    let mut key = String::with_capacity(256);
    write_shape(&shape, Within::Schema { depth: 0, top: true }, &mut key);
    Some(key)
}

/// What a value in a schema's JSON is, for `write_shape`.
#[derive(Clone, Copy)]
enum Within {
    /// A schema, at this depth (`top`: the one being keyed).
    Schema { depth: usize, top: bool },
    /// A `properties` map: its keys are names, its values schemas at this depth.
    Properties { depth: usize },
    /// Any other value.
    Value,
}

/// Writes `value` as text in which the members of every object come in
/// name order, so that the key does not depend on how members were
/// written. Documentation keywords are left out of schemas and the schemas
/// inside them (down to `MAX_DEPTH`), but not from `properties` maps, whose
/// keys are names (a property may be called `description`).
fn write_shape(value: &Tree, within: Within, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        Tree::Map(members) => {
            let mut members: Vec<&(String, Tree)> = members
                .iter()
                .filter(|(keyword, _)| match within {
                    Within::Schema { depth, top } if depth <= MAX_DEPTH => {
                        let own_nullability = top && keyword.as_str() == "nullable";
                        !(DOCUMENTATION.contains(&keyword.as_str()) || own_nullability)
                    }
                    _ => true,
                })
                .collect();
            members.sort_unstable_by_key(|(name, _)| name);
            out.push('{');
            for (name, member) in members {
                write_text(name, out);
                out.push(':');
                let member_within = match within {
                    Within::Properties { depth } => Within::Schema { depth, top: false },
                    Within::Schema { depth, .. } if depth <= MAX_DEPTH => match (name.as_str(), member) {
                        ("properties", Tree::Map(_)) => Within::Properties { depth: depth + 1 },
                        ("items" | "additionalProperties" | "not", _) | ("allOf" | "oneOf" | "anyOf", Tree::Seq(_)) => {
                            Within::Schema { depth: depth + 1, top: false }
                        }
                        _ => Within::Value,
                    },
                    _ => Within::Value,
                };
                write_shape(member, member_within, out);
                out.push(',');
            }
            out.push('}');
        }
        // The members of `allOf`/`oneOf`/`anyOf` are schemas.
        Tree::Seq(items) => {
            out.push('[');
            for item in items {
                write_shape(item, within, out);
                out.push(',');
            }
            out.push(']');
        }
        Tree::Null => out.push_str("null"),
        Tree::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Tree::Int(int) => {
            let _ = write!(out, "{int}");
        }
        // Debug keeps a whole float apart from the integer (`1.0`, `1`).
        Tree::Float(float) => {
            let _ = write!(out, "{float:?}");
        }
        Tree::Text(text) => write_text(text, out),
    }
}

/// `text` in a key: its length, then itself, which tells where it ends
/// whatever it holds (and costs less than escaping it).
fn write_text(text: &str, out: &mut String) {
    // Not `write!`: it goes through the formatting machinery, for each of
    // the hundreds of thousands of strings in a large API's keys.
    out.push_str(itoa::Buffer::new().format(text.len()));
    out.push('"');
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_a_key_starts_with_its_length() {
        for text in ["", "a", "123456789", "0123456789", &"x".repeat(1234)] {
            let mut key = String::new();
            write_text(text, &mut key);
            assert_eq!(key, format!("{}\"{text}", text.len()));
        }
    }

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
