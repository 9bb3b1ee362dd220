//! Reading a path item into openapiv3's model with its schemas read by
//! `schema_reader`.
//!
//! serde reads a path item through untagged and flattened types (a
//! `ReferenceOr` around nearly everything, flattened responses, parameters
//! and headers), each of which first copies its whole value into a buffer,
//! and a schema inside is copied once more for each level around it: in a
//! dereferenced description, where every schema is written out in place,
//! that was a quarter of the time taken. Here each schema an operation holds
//! (of a parameter, a header, a request or response body) is first taken
//! out and replaced by a reference marking where it was; serde reads what
//! is left, and the marks are replaced by the schemas, read on their own.
//!
//! The model is the one serde gives for the whole item. When serde rejects
//! the item or one of its schemas, the schemas are put back and the item is
//! returned as it was, for the caller to report the error where it is.

use openapiv3::{
    Content, MediaType, Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, StatusCode,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::schema_reader;
use crate::walk::METHODS;

/// What a mark's reference starts with, before the index of the schema it stands for.
const MARK: &str = "\u{0}clientgen-schema/";

/// The path item `item` as openapiv3 reads it, or `item` back, unchanged,
/// when that fails.
pub fn read(mut item: Value) -> Result<ReferenceOr<PathItem>, Value> {
    let mut taken = match &mut item {
        Value::Object(members) => take(members),
        _ => Vec::new(),
    };
    let read = ReferenceOr::<PathItem>::deserialize(&item).ok().and_then(|mut read| {
        if let ReferenceOr::Item(path_item) = &mut read {
            put_into_item(path_item, &taken)?;
        }
        Some(read)
    });
    read.ok_or_else(|| {
        if let Value::Object(members) = &mut item {
            put_back(members, &mut taken);
        }
        item
    })
}

/// Whether an object reads as a reference: `ReferenceOr` tries that first,
/// and a string `$ref` makes one whatever else is there.
fn is_reference(members: &Map<String, Value>) -> bool {
    matches!(members.get("$ref"), Some(Value::String(_)))
}

/// The objects among `value`'s members, or its items, that `read` walks into.
fn objects<'v>(value: Option<&'v mut Value>) -> impl Iterator<Item = &'v mut Map<String, Value>> {
    let children: Box<dyn Iterator<Item = &'v mut Value>> = match value {
        Some(Value::Object(members)) => Box::new(members.values_mut()),
        Some(Value::Array(items)) => Box::new(items.iter_mut()),
        _ => Box::new(std::iter::empty()),
    };
    children.filter_map(|child| match child {
        Value::Object(members) if !is_reference(members) => Some(members),
        _ => None,
    })
}

/// Calls `visit` on each schema of the path item `item` that `read` takes
/// out: where the model that serde reads holds a schema of an operation.
fn schema_slots(item: &mut Map<String, Value>, visit: &mut impl FnMut(&mut Value)) {
    if is_reference(item) {
        return;
    }
    objects(item.get_mut("parameters")).for_each(|parameter| parameter_slots(parameter, visit));
    for method in METHODS {
        if let Some(Value::Object(operation)) = item.get_mut(*method) {
            operation_slots(operation, visit);
        }
    }
}

fn operation_slots(operation: &mut Map<String, Value>, visit: &mut impl FnMut(&mut Value)) {
    objects(operation.get_mut("parameters")).for_each(|parameter| parameter_slots(parameter, visit));
    if let Some(Value::Object(body)) = operation.get_mut("requestBody") {
        if !is_reference(body) {
            content_slots(body, visit);
        }
    }
    let Some(Value::Object(responses)) = operation.get_mut("responses") else { return };
    for (status, response) in responses.iter_mut() {
        // Only what openapiv3 reads as a response: other members are extensions, or ignored.
        let is_response = status == "default"
            || StatusCode::deserialize(serde::de::value::StrDeserializer::<serde_json::Error>::new(status)).is_ok();
        let Value::Object(response) = response else { continue };
        if is_response && !is_reference(response) {
            objects(response.get_mut("headers")).for_each(|header| parameter_slots(header, visit));
            content_slots(response, visit);
        }
    }
}

/// A parameter's or a header's schema, and those of its `content`.
fn parameter_slots(parameter: &mut Map<String, Value>, visit: &mut impl FnMut(&mut Value)) {
    if let Some(schema) = parameter.get_mut("schema") {
        visit(schema);
    }
    content_slots(parameter, visit);
}

/// The schemas of the media types in `owner`'s `content`.
fn content_slots(owner: &mut Map<String, Value>, visit: &mut impl FnMut(&mut Value)) {
    if let Some(Value::Object(content)) = owner.get_mut("content") {
        for media_type in content.values_mut() {
            if let Some(schema) = media_type.get_mut("schema") {
                visit(schema);
            }
        }
    }
}

/// Moves each schema object into `taken`, leaving a mark in its place.
fn take(item: &mut Map<String, Value>) -> Vec<Value> {
    let mut taken = Vec::new();
    schema_slots(item, &mut |slot| {
        if slot.is_object() {
            let mark = serde_json::json!({ "$ref": format!("{MARK}{}", taken.len()) });
            taken.push(std::mem::replace(slot, mark));
        }
    });
    taken
}

/// Puts the schemas taken out back where their marks are.
fn put_back(item: &mut Map<String, Value>, taken: &mut [Value]) {
    schema_slots(item, &mut |slot| {
        let index = mark_index(slot.get("$ref").and_then(Value::as_str));
        if let Some(schema) = index.and_then(|index| taken.get_mut(index)) {
            *slot = std::mem::take(schema);
        }
    });
}

/// The index of the schema a mark stands for.
fn mark_index(reference: Option<&str>) -> Option<usize> {
    reference?.strip_prefix(MARK)?.parse().ok()
}

fn put_into_item(item: &mut PathItem, taken: &[Value]) -> Option<()> {
    for parameter in &mut item.parameters {
        put_into_parameter(parameter, taken)?;
    }
    let operations = [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ];
    for operation in operations.into_iter().flatten() {
        put_into_operation(operation, taken)?;
    }
    Some(())
}

fn put_into_operation(operation: &mut Operation, taken: &[Value]) -> Option<()> {
    for parameter in &mut operation.parameters {
        put_into_parameter(parameter, taken)?;
    }
    if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
        put_into_content(&mut body.content, taken)?;
    }
    let responses = &mut operation.responses;
    for response in responses.default.iter_mut().chain(responses.responses.values_mut()) {
        let ReferenceOr::Item(response) = response else { continue };
        for header in response.headers.values_mut() {
            if let ReferenceOr::Item(header) = header {
                put_into_format(&mut header.format, taken)?;
            }
        }
        put_into_content(&mut response.content, taken)?;
    }
    Some(())
}

fn put_into_parameter(parameter: &mut ReferenceOr<Parameter>, taken: &[Value]) -> Option<()> {
    let ReferenceOr::Item(parameter) = parameter else { return Some(()) };
    let (Parameter::Query { parameter_data, .. }
    | Parameter::Header { parameter_data, .. }
    | Parameter::Path { parameter_data, .. }
    | Parameter::Cookie { parameter_data, .. }) = parameter;
    put_into_format(&mut parameter_data.format, taken)
}

fn put_into_format(format: &mut ParameterSchemaOrContent, taken: &[Value]) -> Option<()> {
    match format {
        ParameterSchemaOrContent::Schema(schema) => put_schema(schema, taken),
        ParameterSchemaOrContent::Content(content) => put_into_content(content, taken),
    }
}

fn put_into_content(content: &mut Content, taken: &[Value]) -> Option<()> {
    for MediaType { schema, .. } in content.values_mut() {
        if let Some(schema) = schema {
            put_schema(schema, taken)?;
        }
    }
    Some(())
}

/// Replaces a mark by the schema it stands for, read on its own; `None`
/// when serde rejects the schema.
fn put_schema(schema: &mut ReferenceOr<Schema>, taken: &[Value]) -> Option<()> {
    let ReferenceOr::Reference { reference } = schema else { return Some(()) };
    let Some(value) = mark_index(Some(reference)).and_then(|index| taken.get(index)) else { return Some(()) };
    *schema = schema_reader::read(value).map_or_else(|| ReferenceOr::deserialize(value).ok(), Some)?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path item with schemas everywhere `read` takes them from, and where it must not.
    fn item() -> Value {
        serde_json::json!({
            "parameters": [
                {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
                {"$ref": "#/components/parameters/Page", "schema": {"type": "string"}}
            ],
            "get": {
                "parameters": [{"name": "q", "in": "query", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"a": {"type": "string", "nullable": true}}
                }}}}],
                "responses": {
                    "200": {
                        "description": "OK",
                        "headers": {"X-Rate": {"schema": {"type": "integer"}}},
                        "content": {"application/json": {"schema": {"type": "array", "items": {
                            "oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "string", "enum": ["b"]}]
                        }}}}
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                    "x-extra": {"content": {"text/plain": {"schema": {"type": "string"}}}}
                }
            },
            "post": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/B"}}}},
                "responses": {"2XX": {"description": "Done", "content": {"text/plain": {"schema": {}}}}}
            },
            "x-ours": {"schema": {"type": "string"}}
        })
    }

    #[test]
    fn a_path_item_reads_as_serde_reads_it() {
        let expected = ReferenceOr::<PathItem>::deserialize(&item()).expect("serde reads the item");
        assert_eq!(read(item()), Ok(expected));
    }

    #[test]
    fn an_item_serde_rejects_comes_back_as_it_was() {
        let mut rejected = item();
        rejected["get"]["parameters"][0]["in"] = Value::from("nowhere");
        assert_eq!(read(rejected.clone()), Err(rejected));
        let mut bad_schema = item();
        bad_schema["get"]["responses"]["200"]["headers"]["X-Rate"]["schema"]["type"] = Value::from(7);
        assert!(ReferenceOr::<PathItem>::deserialize(&bad_schema).is_err());
        assert_eq!(read(bad_schema.clone()), Err(bad_schema));
    }
}
