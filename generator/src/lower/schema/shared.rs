//! Structurally identical inline schemas are one type: the same error body
//! declared inline by every operation (apisetu.gov.in's `{error,
//! error_description}` for each status of 32 operations) is emitted once.
//! Named component schemas stay distinct: they are the API's vocabulary.
//!
//! A type met in several places is named after what those places have in
//! common (`…BadRequest` everywhere → `BadRequest`), not after the first.

use std::collections::HashMap;

use openapiv3::Schema;
use serde_json::Value;

use crate::ir::{TypeDef, TypeId};
use crate::limits::MAX_DEPTH;
use crate::naming::{pascal, Scope};

/// The inline schemas lowered so far, by shape, and the hints each was met with.
#[derive(Default)]
pub(super) struct SharedInline {
    by_shape: HashMap<String, TypeId>,
    hints: HashMap<TypeId, Vec<String>>,
}

impl SharedInline {
    /// The type already made for a schema of this shape, noting `hint` as one more place it is used.
    pub(super) fn find(&mut self, schema: &Schema, hint: &str) -> Option<TypeId> {
        let id = *self.by_shape.get(&shape_key(schema)?)?;
        self.hints.entry(id).or_default().push(hint.to_owned());
        Some(id)
    }

    /// Records the type `id` made for `schema`, first met with `hint`.
    pub(super) fn insert(&mut self, schema: &Schema, hint: &str, id: TypeId) {
        if let Some(key) = shape_key(schema) {
            self.by_shape.insert(key, id);
            self.hints.insert(id, vec![hint.to_owned()]);
        }
    }

    /// Renames each type used in several places after the words all their
    /// hints end with; the types nested in it (named after it) follow.
    pub(super) fn rename(self, defs: &mut [TypeDef], scope: &mut Scope) {
        let mut shared: Vec<(TypeId, Vec<String>)> =
            self.hints.into_iter().filter(|(_, hints)| hints.len() > 1).collect();
        shared.sort();
        for (id, hints) in shared {
            let Some(common) = common_suffix(&hints) else { continue };
            let old = defs[id.0].name.clone();
            if common == old {
                continue;
            }
            let new = scope.claim(&pascal(&common));
            let origin = defs[id.0].origin.clone();
            for def in defs.iter_mut() {
                let nested = def.origin.starts_with(&origin) && def.name.starts_with(&old);
                if nested && def.name != old {
                    let renamed = scope.claim(&format!("{new}{}", &def.name[old.len()..]));
                    def.name = renamed;
                }
            }
            defs[id.0].name = new;
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

/// Words too general to name a type alone (and some the API module reserves).
const GENERIC: &[&str] = &["Body", "Data", "Error", "Item", "Request", "Response", "Result", "Value"];

/// The longest run of whole words every hint ends with, as a type name;
/// `None` when there is none, or only one word too general to name a type.
fn common_suffix(hints: &[String]) -> Option<String> {
    let words: Vec<Vec<String>> = hints.iter().map(|hint| split_words(&pascal(hint))).collect();
    let shortest = words.iter().map(Vec::len).min()?;
    let mut length = 0;
    while length < shortest {
        let word = &words[0][words[0].len() - 1 - length];
        if words.iter().all(|hint| &hint[hint.len() - 1 - length] == word) {
            length += 1;
        } else {
            break;
        }
    }
    let common = &words[0][words[0].len() - length..];
    let telling = common.iter().any(|word| !GENERIC.contains(&word.as_str()));
    telling.then(|| common.concat())
}

/// `BadRequestError` → `Bad`, `Request`, `Error`.
fn split_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_names_are_the_words_every_place_ends_with() {
        let hints = |hints: &[&str]| hints.iter().map(|hint| (*hint).to_owned()).collect::<Vec<_>>();
        assert_eq!(common_suffix(&hints(&["AecmwBadRequest", "BcmwBadRequest"])), Some("BadRequest".into()));
        assert_eq!(common_suffix(&hints(&["ListPetResponse", "GetPetResponse"])), Some("PetResponse".into()));
        assert_eq!(
            common_suffix(&hints(&["ListPetsResponse", "GetPetResponse"])),
            None,
            "`Response` alone says nothing"
        );
        assert_eq!(common_suffix(&hints(&["ListAResponseItem", "ListBResponseItem"])), None);
        assert_eq!(common_suffix(&hints(&["Alpha", "Beta"])), None);
        assert_eq!(common_suffix(&hints(&["Thing", "OtherThing"])), Some("Thing".into()));
        // A keyword is escaped when the name is claimed: `pascal` makes `Self` `Self_`.
        assert_eq!(pascal(&common_suffix(&hints(&["LinkSelf", "OtherSelf"])).unwrap_or_default()), "Self_");
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
