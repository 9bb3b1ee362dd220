//! Finding where in a schema a document fails to read. The 3.0 model reads
//! schemas through untagged and flattened types, which report an error at the
//! schema, not at the keyword: `pattern: 0` deep inside a component's
//! property is reported at the component. Reading the sub-schemas one by one,
//! then the schema without each keyword in turn, finds the keyword.

use openapiv3::Schema;
use serde_json::Value;

use crate::limits::MAX_DEPTH;
use crate::pointer::Pointer;

/// Members holding one sub-schema, and members holding a list or map of them.
const ONE: &[&str] = &["items", "additionalProperties", "not"];
const MANY: &[&str] = &["properties", "allOf", "oneOf", "anyOf"];

/// When the value at `at` is a schema that does not read, the pointer of the
/// keyword at fault (as deep as can be told) and the error reading it gives.
pub fn in_schema(document: &Value, at: &Pointer) -> Option<(Pointer, String)> {
    if !is_schema_position(at) {
        return None;
    }
    locate(at.resolve(document)?, at, 0)
}

/// Where schemas sit: `…/schema`, `…/schemas/X`, `…/properties/X` and the sub-schema members.
fn is_schema_position(at: &Pointer) -> bool {
    let tokens: Vec<String> = at.tokens().collect();
    let last = tokens.last().map(String::as_str);
    let parent = tokens.len().checked_sub(2).and_then(|index| tokens.get(index)).map(String::as_str);
    matches!(last, Some("schema"))
        || last.is_some_and(|last| ONE.contains(&last))
        || parent.is_some_and(|parent| parent == "schemas" || MANY.contains(&parent))
}

fn locate(schema: &Value, at: &Pointer, depth: usize) -> Option<(Pointer, String)> {
    let error = serde_json::from_value::<Schema>(schema.clone()).err()?.to_string();
    let object = schema.as_object()?;
    if depth < MAX_DEPTH {
        for (child, child_at) in sub_schemas(object, at) {
            if let Some(found) = locate(child, &child_at, depth + 1) {
                return Some(found);
            }
        }
    }
    for key in object.keys() {
        let mut without = object.clone();
        without.remove(key);
        if serde_json::from_value::<Schema>(Value::Object(without)).is_ok() {
            return Some((at.join(key), error));
        }
    }
    Some((at.clone(), error))
}

/// The sub-schemas of a schema object, with their pointers.
fn sub_schemas<'v>(object: &'v serde_json::Map<String, Value>, at: &Pointer) -> Vec<(&'v Value, Pointer)> {
    let mut children = Vec::new();
    for (key, value) in object {
        if ONE.contains(&key.as_str()) && value.is_object() {
            children.push((value, at.join(key)));
        } else if MANY.contains(&key.as_str()) {
            match value {
                Value::Object(members) => {
                    children.extend(members.iter().map(|(name, child)| (child, at.join(key).join(name))));
                }
                Value::Array(members) => children.extend(
                    members.iter().enumerate().map(|(index, child)| (child, at.join(key).join(index.to_string()))),
                ),
                _ => {}
            }
        }
    }
    children
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_mistyped_keyword_is_found_inside_the_schema() {
        let document = json!({"components": {"schemas": {"Pick": {
            "type": "object",
            "properties": {"timecode": {"type": "string", "pattern": 0}}
        }}}});
        let at = Pointer::root().join("components").join("schemas").join("Pick");
        let (found, message) = in_schema(&document, &at).expect("the schema does not read");
        assert_eq!(found.to_string(), "#/components/schemas/Pick/properties/timecode/pattern");
        assert!(message.contains("expected a string"), "{message}");
    }

    #[test]
    fn schemas_that_read_and_other_places_are_left_alone() {
        let document = json!({"components": {"schemas": {"Fine": {"type": "string"}}}, "info": {"title": 1}});
        assert!(in_schema(&document, &Pointer::root().join("components").join("schemas").join("Fine")).is_none());
        assert!(in_schema(&document, &Pointer::root().join("info")).is_none());
    }
}
