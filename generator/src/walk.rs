//! The places of an OpenAPI document's structure, in paths, callbacks and
//! components: the schemas it holds directly, and the parameters, headers
//! and media types holding them (with their examples).

use serde_json::{Map, Value};

use crate::pointer::Pointer;

/// The HTTP methods a path item may hold operations for.
pub(crate) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// A place the walk finds.
enum Place<'p> {
    /// A schema the structure holds directly (not one inside a schema).
    Schema(&'p mut Value),
    /// A parameter, header or media type object.
    Holder(&'p mut Map<String, Value>),
}

/// A callback receiving a place and its pointer.
type Visit<'v> = dyn FnMut(Place<'_>, &Pointer) + 'v;

/// Calls `visit` on every schema the document's structure holds directly
/// (components, parameters, headers, media types), not on their subschemas.
pub fn walk_document(document: &mut Value, visit: &mut dyn FnMut(&mut Value, &Pointer)) {
    walk(document, &mut |place, at| {
        if let Place::Schema(schema) = place {
            visit(schema, at);
        }
    });
}

/// Calls `visit` on every parameter, header and media type object of the
/// document's structure: where its examples are.
pub fn for_each_holder(document: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
    walk(document, &mut |place, _| {
        if let Place::Holder(holder) = place {
            visit(holder);
        }
    });
}

fn walk(document: &mut Value, visit: &mut Visit<'_>) {
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
                "schemas" => visit(Place::Schema(entry), &at),
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
    if let Value::Object(holder) = parameter {
        visit(Place::Holder(holder), at);
    }
    if let Some(schema) = parameter.get_mut("schema") {
        visit(Place::Schema(schema), &at.join("schema"));
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
        if let Value::Object(holder) = media {
            visit(Place::Holder(holder), &media_at);
        }
        if let Some(schema) = media.get_mut("schema") {
            visit(Place::Schema(schema), &media_at.join("schema"));
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
