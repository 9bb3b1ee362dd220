//! One 3.1 schema (JSON Schema 2020-12) → its 3.0 form, subschemas first.
//! Each keyword rule is a small function on the schema's JSON object.

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostic;
use crate::limits::MAX_DEPTH;
use crate::pointer::Pointer;

/// Keywords that identify or annotate a schema resource; nothing in 3.0 reads them.
const IDENTIFIERS: &[&str] =
    &["$schema", "$id", "$anchor", "$dynamicAnchor", "$comment", "$vocabulary", "contentSchema"];

/// 2020-12 assertions 3.0 cannot express: dropped, each with a warning.
const UNSUPPORTED: &[&str] = &[
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "if",
    "then",
    "else",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
];

const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// Keywords that apply to one type only, for splitting `type: [a, b]`.
const STRING_KEYWORDS: &[&str] = &["minLength", "maxLength", "pattern"];
const NUMBER_KEYWORDS: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_KEYWORDS: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
const OBJECT_KEYWORDS: &[&str] = &["properties", "required", "additionalProperties", "minProperties", "maxProperties"];

/// Formats of numbers; every other format belongs to strings.
const INTEGER_FORMATS: &[&str] = &["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "uint"];
const NUMBER_FORMATS: &[&str] = &["float", "double", "decimal"];

/// Rewrites the schema `value` at `at` and its subschemas.
pub(super) fn normalize(value: &mut Value, at: &Pointer, warnings: &mut Vec<Diagnostic>) {
    normalize_at(value, at, warnings, 0);
}

fn normalize_at(value: &mut Value, at: &Pointer, warnings: &mut Vec<Diagnostic>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Value::Bool(accepts) = value {
        *value = boolean_schema(*accepts, at, warnings);
        return;
    }
    let Value::Object(schema) = value else { return };
    boolean_items(schema);
    for (child, child_at) in subschemas(schema, at) {
        normalize_at(child, &child_at, warnings, depth + 1);
    }
    drop_identifiers(schema);
    drop_unsupported(schema, at, warnings);
    pattern_properties(schema, at, warnings);
    let mut only_null = const_keyword(schema);
    examples(schema);
    exclusive_bounds(schema);
    content(schema, at, warnings);
    prefix_items(schema, at, warnings);
    only_null |= null_members(schema);
    only_null |= type_keyword(schema, at, warnings);
    if only_null {
        schema.insert("nullable".into(), Value::Bool(true));
        warnings.push(Diagnostic::warning_at(
            "a schema that admits only `null` is read as a nullable value of any type",
            at,
        ));
    }
    ref_siblings(schema);
}

/// The subschemas 3.0 has a place for (and `prefixItems`/`patternProperties`,
/// which are rewritten into such places). `null` members of `anyOf`/`oneOf`
/// are skipped: [`null_members`] removes them.
fn subschemas<'s>(schema: &'s mut Map<String, Value>, at: &Pointer) -> Vec<(&'s mut Value, Pointer)> {
    let mut found = Vec::new();
    for (key, value) in schema.iter_mut() {
        let key_at = at.join(key);
        match (key.as_str(), value) {
            ("properties" | "patternProperties", Value::Object(members)) => {
                found.extend(members.iter_mut().map(|(name, member)| (member, key_at.join(name))));
            }
            (keyword @ ("allOf" | "anyOf" | "oneOf" | "prefixItems"), Value::Array(members)) => {
                let union = keyword == "anyOf" || keyword == "oneOf";
                for (index, member) in members.iter_mut().enumerate() {
                    if !(union && is_null_schema(member)) {
                        found.push((member, key_at.join(index.to_string())));
                    }
                }
            }
            // 3.0 allows booleans for additionalProperties.
            ("additionalProperties", Value::Bool(_)) => {}
            ("items" | "not" | "additionalProperties", value) => found.push((value, key_at)),
            _ => {}
        }
    }
    found
}

/// Whether a schema admits only `null`: `type: "null"` (or `["null"]`),
/// `const: null`, `enum: [null]`, or 3.0's `nullable: true` alone.
pub(super) fn is_null_schema(schema: &Value) -> bool {
    let Value::Object(schema) = schema else { return false };
    if schema.contains_key("$ref") {
        return false;
    }
    let null_type = match schema.get("type") {
        Some(Value::String(name)) => name == "null",
        Some(Value::Array(names)) => !names.is_empty() && names.iter().all(|name| name == "null"),
        _ => false,
    };
    let null_enum =
        matches!(schema.get("enum"), Some(Value::Array(values)) if values.len() == 1 && values[0].is_null());
    let null_const = schema.get("const").is_some_and(Value::is_null);
    let only_nullable = schema.get("nullable") == Some(&Value::Bool(true))
        && schema.keys().all(|key| matches!(key.as_str(), "nullable" | "title" | "description"));
    null_type || null_enum || null_const || only_nullable
}

/// `true` accepts anything (`{}`); `false` nothing, which 3.0 can only say as `not: {}`.
fn boolean_schema(accepts: bool, at: &Pointer, warnings: &mut Vec<Diagnostic>) -> Value {
    let mut schema = Map::new();
    if !accepts {
        warnings.push(Diagnostic::warning_at("the schema `false` (no value is valid) is read as `not: {}`", at));
        schema.insert("not".into(), Value::Object(Map::new()));
    }
    Value::Object(schema)
}

/// `items: true` says nothing; `items: false` allows no items (beyond
/// `prefixItems`, which close the tuple).
fn boolean_items(schema: &mut Map<String, Value>) {
    let Some(Value::Bool(allowed)) = schema.get("items") else { return };
    let allowed = *allowed;
    schema.remove("items");
    if !allowed && !schema.contains_key("prefixItems") {
        schema.insert("maxItems".into(), Value::from(0));
    }
}

fn drop_identifiers(schema: &mut Map<String, Value>) {
    for keyword in IDENTIFIERS {
        schema.remove(*keyword);
    }
    // `$defs` were hoisted into components/schemas before; any left are malformed.
    schema.remove("$defs");
}

fn drop_unsupported(schema: &mut Map<String, Value>, at: &Pointer, warnings: &mut Vec<Diagnostic>) {
    for keyword in UNSUPPORTED {
        if schema.remove(*keyword).is_some() {
            warnings.push(Diagnostic::warning_at(
                format!("`{keyword}` cannot be expressed in OpenAPI 3.0; it is dropped (not checked)"),
                &at.join(keyword),
            ));
        }
    }
}

/// `patternProperties` become the schema of additional properties when the
/// object has no other (their key patterns are not checked); otherwise they
/// are dropped.
fn pattern_properties(schema: &mut Map<String, Value>, at: &Pointer, warnings: &mut Vec<Diagnostic>) {
    let Some(patterns) = schema.remove("patternProperties") else { return };
    let Value::Object(patterns) = patterns else { return };
    if patterns.is_empty() {
        return;
    }
    let at = at.join("patternProperties");
    match schema.get("additionalProperties") {
        None | Some(Value::Bool(false)) => {
            let mut values = distinct(patterns.into_iter().map(|(_, value)| value));
            let additional = if values.len() == 1 { values.remove(0) } else { single("anyOf", Value::Array(values)) };
            schema.insert("additionalProperties".into(), additional);
            warnings.push(Diagnostic::warning_at(
                "`patternProperties` are read as `additionalProperties`; the key patterns are not checked",
                &at,
            ));
        }
        Some(_) => warnings.push(Diagnostic::warning_at(
            "`patternProperties` beside `additionalProperties` cannot be expressed in OpenAPI 3.0; they are dropped",
            &at,
        )),
    }
}

/// `const: v` is `enum: [v]`, typed after `v` when the schema has no `type`.
/// Returns whether the schema admits only `null`.
fn const_keyword(schema: &mut Map<String, Value>) -> bool {
    let Some(value) = schema.remove("const") else { return false };
    if value.is_null() {
        schema.remove("enum");
        return true;
    }
    if !schema.contains_key("type") {
        if let Some(name) = json_type(&value) {
            schema.insert("type".into(), Value::from(name));
        }
    }
    schema.insert("enum".into(), Value::Array(vec![value]));
    false
}

/// The first of `examples` is the `example`, unless there is one.
fn examples(schema: &mut Map<String, Value>) {
    let Some(examples) = schema.remove("examples") else { return };
    if schema.contains_key("example") {
        return;
    }
    if let Some(first) = examples.as_array().and_then(|examples| examples.first()) {
        schema.insert("example".into(), first.clone());
    }
}

/// A numeric `exclusiveMinimum: n` is 3.0's `minimum: n` + `exclusiveMinimum:
/// true`, unless `minimum` is the stricter bound (likewise for maxima).
/// Boolean (3.0) forms are left alone.
fn exclusive_bounds(schema: &mut Map<String, Value>) {
    for (exclusive, bound, lower) in [("exclusiveMinimum", "minimum", true), ("exclusiveMaximum", "maximum", false)] {
        let Some(Value::Number(limit)) = schema.get(exclusive).cloned() else { continue };
        schema.remove(exclusive);
        let inclusive_is_stricter = schema
            .get(bound)
            .and_then(Value::as_f64)
            .zip(limit.as_f64())
            .is_some_and(|(inclusive, limit)| if lower { inclusive > limit } else { inclusive < limit });
        if !inclusive_is_stricter {
            schema.insert(bound.into(), Value::Number(limit));
            schema.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// `contentEncoding: base64` is `format: byte`; a binary `contentMediaType`
/// (an image, `application/octet-stream`…) without encoding is `format: binary`.
fn content(schema: &mut Map<String, Value>, at: &Pointer, warnings: &mut Vec<Diagnostic>) {
    let encoding = schema.remove("contentEncoding");
    let media_type = schema.remove("contentMediaType");
    match encoding.as_ref().map(|encoding| encoding.as_str().unwrap_or_default()) {
        Some(encoding) if encoding.eq_ignore_ascii_case("base64") => {
            schema.insert("format".into(), Value::from("byte"));
            schema.entry("type").or_insert_with(|| Value::from("string"));
        }
        Some(encoding) => warnings.push(Diagnostic::warning_at(
            format!("`contentEncoding` `{encoding}` is not supported; the value is read as the encoded string"),
            &at.join("contentEncoding"),
        )),
        None => {
            let binary = media_type.as_ref().and_then(Value::as_str).is_some_and(is_binary_media_type);
            if binary && !schema.contains_key("format") {
                schema.insert("format".into(), Value::from("binary"));
                schema.entry("type").or_insert_with(|| Value::from("string"));
            }
        }
    }
}

/// Media types whose content is not text.
fn is_binary_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let textual = essence.starts_with("text/")
        || essence.ends_with("/json")
        || essence.ends_with("+json")
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
        || essence.ends_with("/yaml")
        || essence.ends_with("/javascript")
        || essence == "application/x-www-form-urlencoded";
    !textual && essence.contains('/')
}

/// `prefixItems` (a tuple) become an array whose items are any of the
/// tuple's member types (and `items`, which describes the rest).
fn prefix_items(schema: &mut Map<String, Value>, at: &Pointer, warnings: &mut Vec<Diagnostic>) {
    let Some(prefix) = schema.remove("prefixItems") else { return };
    let Value::Array(prefix) = prefix else { return };
    let length = prefix.len();
    let rest = schema.remove("items");
    let mut members = distinct(prefix.into_iter().chain(rest));
    let items = if members.iter().any(|member| member.as_object().is_some_and(Map::is_empty)) || members.is_empty() {
        Value::Object(Map::new())
    } else if members.len() == 1 {
        members.remove(0)
    } else {
        single("oneOf", Value::Array(members))
    };
    schema.insert("items".into(), items);
    schema.entry("type").or_insert_with(|| Value::from("array"));
    warnings.push(Diagnostic::warning_at(
        format!("`prefixItems` (a tuple of {length}) is read as an array of any of its member types; positions are not checked"),
        &at.join("prefixItems"),
    ));
}

/// Removes `null` members of `anyOf`/`oneOf` (FastAPI's `Optional[X]` is
/// `anyOf: [X, {type: "null"}]`) and makes the schema nullable; a single
/// member left is the schema itself. Returns whether no member is left.
fn null_members(schema: &mut Map<String, Value>) -> bool {
    let mut nullable = false;
    let mut only_null = false;
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = schema.get_mut(keyword) else { continue };
        let before = members.len();
        members.retain(|member| !is_null_schema(member));
        // A member that admits null (`type: [X, "null"]`) makes the union admit it.
        nullable |= members.iter().any(|member| member.get("nullable") == Some(&Value::Bool(true)));
        if members.len() == before {
            continue;
        }
        nullable = true;
        match members.len() {
            0 => {
                schema.remove(keyword);
                only_null = true;
            }
            1 => {
                let member = members.remove(0);
                schema.remove(keyword);
                collapse_into(schema, member);
            }
            _ => {}
        }
    }
    if nullable && !only_null {
        schema.insert("nullable".into(), Value::Bool(true));
    }
    only_null
}

/// Makes `member` (the one schema of a composition) part of `schema`: its
/// keywords are added when none collides, otherwise it becomes an `allOf` member.
fn collapse_into(schema: &mut Map<String, Value>, member: Value) {
    match member {
        Value::Object(member) if !member.contains_key("$ref") && member.keys().all(|key| !schema.contains_key(key)) => {
            schema.extend(member);
        }
        member => match schema.get_mut("allOf") {
            Some(Value::Array(all_of)) => all_of.push(member),
            _ => {
                schema.insert("allOf".into(), Value::Array(vec![member]));
            }
        },
    }
}

/// `type` as a list: `null` in it is `nullable: true`; one other type is
/// that type; several are `anyOf` one schema per type, each with the keywords
/// that apply to it. Returns whether the schema admits only `null`.
fn type_keyword(schema: &mut Map<String, Value>, at: &Pointer, warnings: &mut Vec<Diagnostic>) -> bool {
    let names: Vec<String> = match schema.get("type") {
        None => return false,
        Some(Value::String(name)) if name != "null" => return false,
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(other) => {
            warnings.push(Diagnostic::warning_at(
                format!("`type` {other} is not a type name; it is ignored"),
                &at.join("type"),
            ));
            schema.remove("type");
            return false;
        }
    };
    schema.remove("type");
    let nullable = names.iter().any(|name| name == "null");
    let mut types: Vec<&str> = Vec::new();
    for name in &names {
        if TYPES.contains(&name.as_str()) {
            if !types.contains(&name.as_str()) {
                types.push(name);
            }
        } else if name != "null" {
            warnings.push(Diagnostic::warning_at(
                format!("`type` `{name}` is not a JSON Schema type; it is ignored"),
                &at.join("type"),
            ));
        }
    }
    let only_null = nullable && types.is_empty() && !names.is_empty();
    if nullable && !only_null {
        schema.insert("nullable".into(), Value::Bool(true));
    }
    match types.as_slice() {
        [] => {}
        [single] => {
            schema.insert("type".into(), Value::from(*single));
        }
        several => split_types(schema, several, at, warnings),
    }
    only_null
}

/// `type: [a, b, …]` → `anyOf: [{type: a, …}, {type: b, …}]`, moving each
/// type's own keywords (and `enum` values) into its member.
fn split_types(schema: &mut Map<String, Value>, types: &[&str], at: &Pointer, warnings: &mut Vec<Diagnostic>) {
    if ["allOf", "anyOf", "oneOf"].iter().any(|keyword| schema.contains_key(*keyword)) {
        warnings.push(Diagnostic::warning_at(
            "`type` lists several types beside a composition (`allOf`/`anyOf`/`oneOf`); the type is dropped",
            &at.join("type"),
        ));
        return;
    }
    let values = match schema.remove("enum") {
        Some(Value::Array(values)) => Some(values),
        _ => None,
    };
    let format = schema.remove("format");
    let mut members = Vec::new();
    for name in types {
        let mut member = Map::new();
        member.insert("type".into(), Value::from(*name));
        for keyword in type_keywords(name) {
            if let Some(value) = schema.get(*keyword) {
                member.insert((*keyword).into(), value.clone());
            }
        }
        if let Some(format) = format.as_ref().filter(|format| format_type(format) == *name) {
            member.insert("format".into(), format.clone());
        }
        if let Some(values) = &values {
            let own: Vec<Value> = values.iter().filter(|value| value_has_type(value, name)).cloned().collect();
            if own.is_empty() {
                continue;
            }
            member.insert("enum".into(), Value::Array(own));
        }
        members.push(Value::Object(member));
    }
    for name in types {
        for keyword in type_keywords(name) {
            schema.remove(*keyword);
        }
    }
    match members.len() {
        0 => warnings
            .push(Diagnostic::warning_at("no `enum` value has one of the listed types; the type is dropped", at)),
        1 => collapse_into(schema, members.remove(0)),
        _ => {
            schema.insert("anyOf".into(), Value::Array(members));
        }
    }
}

fn type_keywords(name: &str) -> &'static [&'static str] {
    match name {
        "string" => STRING_KEYWORDS,
        "number" | "integer" => NUMBER_KEYWORDS,
        "array" => ARRAY_KEYWORDS,
        "object" => OBJECT_KEYWORDS,
        _ => &[],
    }
}

/// The type a `format` belongs to.
fn format_type(format: &Value) -> &'static str {
    match format.as_str() {
        Some(format) if INTEGER_FORMATS.contains(&format) => "integer",
        Some(format) if NUMBER_FORMATS.contains(&format) => "number",
        _ => "string",
    }
}

fn value_has_type(value: &Value, name: &str) -> bool {
    match (value, name) {
        (Value::Number(number), "integer") => number.is_i64() || number.is_u64(),
        (Value::Number(_), "number") => true,
        _ => json_type(value) == Some(name),
    }
}

/// The JSON Schema type of a value (`integer` for whole numbers).
fn json_type(value: &Value) -> Option<&'static str> {
    match value {
        Value::Null => None,
        Value::Bool(_) => Some("boolean"),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        Value::String(_) => Some("string"),
        Value::Array(_) => Some("array"),
        Value::Object(_) => Some("object"),
    }
}

/// In 3.1, keywords beside `$ref` apply too (docs, defaults, constraints):
/// the reference becomes the first `allOf` member, so 3.0 reads both.
fn ref_siblings(schema: &mut Map<String, Value>) {
    if schema.len() < 2 {
        return;
    }
    let Some(reference) = schema.remove("$ref") else { return };
    let target = single("$ref", reference);
    match schema.get_mut("allOf") {
        Some(Value::Array(all_of)) => all_of.insert(0, target),
        _ => {
            schema.insert("allOf".into(), Value::Array(vec![target]));
        }
    }
}

/// `{key: value}`.
fn single(key: &str, value: Value) -> Value {
    let mut object = Map::new();
    object.insert(key.into(), value);
    Value::Object(object)
}

/// The values without repeats, first occurrence first.
fn distinct(values: impl IntoIterator<Item = Value>) -> Vec<Value> {
    let mut found: Vec<Value> = Vec::new();
    for value in values {
        if !found.contains(&value) {
            found.push(value);
        }
    }
    found
}
