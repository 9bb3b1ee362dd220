//! Normalising the raw JSON before it is read into the OpenAPI 3.0 model,
//! which keeps only one reading of schemas that mix keywords: `type: object`
//! beside `allOf` would lose the `allOf`, `properties` beside `allOf` would
//! be dropped, and `nullable` beside `$ref` would be ignored. Rewrites keep
//! the meaning; what cannot be kept is reported with its JSON pointer.

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Location};
use crate::limits::MAX_DEPTH;
use crate::pointer::Pointer;

/// Object members that belong to an object schema's own shape.
const OBJECT_MEMBERS: &[&str] = &["properties", "required", "additionalProperties", "minProperties", "maxProperties"];
/// Schema-only keywords that may sit beside a `$ref` and change its meaning.
const REF_SIBLINGS: &[&str] = &["nullable", "readOnly", "writeOnly", "default", "deprecated"];

/// Rewrites `document` in place; returns warnings for what had to be dropped.
pub fn normalize(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    walk(document, &Path::Root, &mut warnings, 0);
    warnings
}

/// Where the walk is. Most of a document needs no rewriting, so the JSON
/// pointer is only written out when a warning needs it.
enum Path<'p> {
    Root,
    Member(&'p Path<'p>, &'p str),
    Item(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn pointer(&self) -> Pointer {
        match self {
            Path::Root => Pointer::root(),
            Path::Member(parent, key) => parent.pointer().join(key),
            Path::Item(parent, index) => parent.pointer().join(index.to_string()),
        }
    }

    /// The pointer to `token` here.
    fn join(&self, token: &str) -> Pointer {
        self.pointer().join(token)
    }
}

/// Normalises `value`, at `at`, and everything in it.
fn walk(value: &mut Value, at: &Path<'_>, warnings: &mut Vec<Diagnostic>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(object) => {
            normalize_object(object, at, warnings);
            for (key, child) in object.iter_mut() {
                walk(child, &Path::Member(at, key), warnings, depth + 1);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                walk(child, &Path::Item(at, index), warnings, depth + 1);
            }
        }
        _ => {}
    }
}

/// What a pass over an object's members found: the keywords
/// `normalize_object` acts on, so that objects needing nothing (most of a
/// document) cost one pass over their keys and no lookups.
#[derive(Default)]
struct Seen {
    /// `type` is there, and what it says when it is `integer` or `object`.
    typed: bool,
    integer: bool,
    object: bool,
    /// `minimum`, `maximum` or `multipleOf` is a fraction (for an integer's bounds).
    fractional_bound: bool,
    has_enum: bool,
    /// `allOf`, `oneOf`, `anyOf` are there as arrays.
    all_of: bool,
    one_of: bool,
    any_of: bool,
    properties: bool,
    /// `$ref` is a string, and a keyword changing its meaning is beside it.
    string_ref: bool,
    ref_sibling: bool,
}

impl Seen {
    fn of(object: &Map<String, Value>) -> Self {
        let mut seen = Self::default();
        for (key, value) in object {
            match key.as_str() {
                "type" => {
                    seen.typed = true;
                    seen.integer = value.as_str() == Some("integer");
                    seen.object = value.as_str() == Some("object");
                }
                "minimum" | "maximum" | "multipleOf" => seen.fractional_bound |= value.is_f64(),
                "enum" => seen.has_enum = true,
                "allOf" => seen.all_of = value.is_array(),
                "oneOf" => seen.one_of = value.is_array(),
                "anyOf" => seen.any_of = value.is_array(),
                "properties" => seen.properties = true,
                "$ref" => seen.string_ref = value.is_string(),
                key if REF_SIBLINGS.contains(&key) => seen.ref_sibling = true,
                _ => {}
            }
        }
        seen
    }
}

fn normalize_object(object: &mut Map<String, Value>, at: &Path<'_>, warnings: &mut Vec<Diagnostic>) {
    let mut seen = Seen::of(object);
    if seen.integer && seen.fractional_bound {
        integer_bounds(object, at, warnings);
    }
    if !seen.typed && seen.has_enum && !is_server_variable(at) {
        enum_type(object);
        // It typed the enum, or made it a union.
        seen = Seen::of(object);
    }
    let is_object_type = seen.object;
    if (seen.all_of || seen.one_of || seen.any_of) && !seen.properties {
        // `additionalProperties` beside a composition and no properties of its
        // own (`additionalProperties: false` beside a discriminated `anyOf`)
        // would forbid every member's properties; the members say what they hold.
        object.remove("additionalProperties");
    }
    if seen.all_of {
        let own: Map<String, Value> =
            OBJECT_MEMBERS.iter().filter_map(|key| Some((key.to_string(), object.remove(*key)?))).collect();
        if is_object_type {
            object.remove("type");
        }
        if !own.is_empty() {
            let mut member = own;
            member.insert("type".into(), Value::from("object"));
            if let Some(Value::Array(members)) = object.get_mut("allOf") {
                members.push(Value::Object(member));
            }
        }
        return;
    }
    let union = [("oneOf", seen.one_of), ("anyOf", seen.any_of)].into_iter().find_map(|(key, is)| is.then_some(key));
    if let Some(keyword) = union {
        if seen.properties {
            object.remove(keyword);
            warnings.push(Diagnostic::warning(
                format!("`{keyword}` beside `properties` is not supported; the object's own properties are kept"),
                Location::pointer(at.join(keyword).to_string()),
            ));
        } else {
            if is_object_type {
                object.remove("type");
            }
            required_into_members(object, keyword, at, warnings);
            unchecked_beside_union(object, keyword, at, warnings);
        }
        return;
    }
    // A string `$ref`: a `properties` map may have a property named `$ref` (JSON Schema's own schema does).
    if seen.string_ref && seen.ref_sibling {
        let reference = object.remove("$ref").unwrap_or(Value::Null);
        let mut target = Map::new();
        target.insert("$ref".into(), reference);
        object.insert("allOf".into(), Value::Array(vec![Value::Object(target)]));
    }
}

/// `required` beside `oneOf`/`anyOf` (and no properties of its own) applies to
/// whichever member the value is: it goes into each inline member's
/// `required`; a `$ref` member cannot take it, which is a warning.
fn required_into_members(
    object: &mut Map<String, Value>,
    keyword: &str,
    at: &Path<'_>,
    warnings: &mut Vec<Diagnostic>,
) {
    let Some(Value::Array(required)) = object.remove("required") else { return };
    let Some(Value::Array(members)) = object.get_mut(keyword) else { return };
    let mut unreachable = false;
    for member in members.iter_mut() {
        match member.as_object_mut() {
            Some(member) if !member.contains_key("$ref") => {
                let names = member.entry("required").or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(names) = names {
                    for name in &required {
                        if !names.contains(name) {
                            names.push(name.clone());
                        }
                    }
                }
            }
            _ => unreachable = true,
        }
    }
    if unreachable {
        warnings.push(Diagnostic::warning(
            format!("`required` beside `{keyword}` applies to its inline members only; referenced ones keep their own"),
            Location::pointer(at.join("required").to_string()),
        ));
    }
}

/// Keywords that only constrain a value, which the 3.0 model cannot hold beside `oneOf`/`anyOf`.
const CONSTRAINTS: &[&str] = &[
    "uniqueItems",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "format",
];

/// Constraints beside a union (optimade's `uniqueItems` beside `anyOf: [X, [X]]`)
/// would make the model read the union as a schema of any type: they go, with
/// a warning that they are not checked.
fn unchecked_beside_union(
    object: &mut Map<String, Value>,
    keyword: &str,
    at: &Path<'_>,
    warnings: &mut Vec<Diagnostic>,
) {
    for constraint in CONSTRAINTS {
        if object.remove(*constraint).is_some() {
            warnings.push(Diagnostic::warning(
                format!("`{constraint}` beside `{keyword}` is not checked"),
                Location::pointer(at.join(constraint).to_string()),
            ));
        }
    }
}

/// Server variables have an `enum` of strings and no `type`, as they should.
fn is_server_variable(at: &Path<'_>) -> bool {
    let (Path::Member(parent, _) | Path::Item(parent, _)) = at else { return false };
    matches!(parent, Path::Member(_, "variables"))
}

/// An `enum` without a `type` (Django REST Framework's `BlankEnum: {enum:
/// [""]}`, `NullEnum: {enum: [null]}`): typed by its values when they are all
/// strings, all integers or all numbers, and nullable when `null` is among them.
fn enum_type(object: &mut Map<String, Value>) {
    let Some(Value::Array(values)) = object.get("enum") else { return };
    let kinds: Vec<&str> = values.iter().filter_map(kind_of_value).collect();
    let nullable = values.iter().any(Value::is_null);
    let typ = match kinds.first() {
        None => "string",
        Some(first) if kinds.iter().all(|kind| kind == first) && *first != "object" => *first,
        Some(_) if kinds.iter().all(|kind| *kind == "integer" || *kind == "number") => "number",
        // Strings and numbers mixed (`enum: ["", "json", 1]`): one typed enum per kind, either of them.
        Some(_) if !kinds.contains(&"object") => {
            let members: Vec<Value> = ["string", "integer", "number", "boolean"]
                .into_iter()
                .filter_map(|kind| {
                    let of_kind: Vec<&Value> =
                        values.iter().filter(|value| kind_of_value(value) == Some(kind)).collect();
                    (!of_kind.is_empty()).then(|| serde_json::json!({"type": kind, "enum": of_kind}))
                })
                .collect();
            object.remove("enum");
            object.insert("anyOf".into(), Value::Array(members));
            if nullable {
                object.insert("nullable".into(), Value::Bool(true));
            }
            return;
        }
        Some(_) => return,
    };
    object.insert("type".into(), Value::from(typ));
    if nullable {
        object.insert("nullable".into(), Value::Bool(true));
    }
}

/// The JSON Schema type of an `enum` value; `None` for `null`.
fn kind_of_value(value: &Value) -> Option<&'static str> {
    match value {
        Value::Null => None,
        Value::String(_) => Some("string"),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        Value::Bool(_) => Some("boolean"),
        _ => Some("object"),
    }
}

/// Bounds of an integer schema written as decimals (`minimum: 0.0`, as
/// Pydantic writes `Field(ge=0)`, or `1e3`), which the 3.0 model cannot hold
/// on an integer and would read as a schema of any type: whole values become
/// integers; a fractional bound is rounded inward (`minimum: 0.5` admits the
/// same integers as `1`), and a fractional `multipleOf` is dropped, with a warning.
fn integer_bounds(object: &mut Map<String, Value>, at: &Path<'_>, warnings: &mut Vec<Diagnostic>) {
    for keyword in ["minimum", "maximum", "multipleOf"] {
        let Some(value) = object.get(keyword) else { continue };
        if value.is_i64() || value.is_u64() {
            continue;
        }
        let Some(bound) = value.as_f64() else { continue };
        let whole = match keyword {
            _ if bound.fract() == 0.0 => Some(bound),
            "minimum" => Some(bound.ceil()),
            "maximum" => Some(bound.floor()),
            _ => None,
        };
        // Beyond the 64-bit range (`maximum: 9223372036854776000`, an int64's
        // own limit written as a float), a bound saturates to the range's end.
        let integer = whole.map(|value| match value {
            _ if value > i64::MAX as f64 => Value::from(value as u64),
            _ => Value::from(value as i64),
        });
        match integer {
            Some(integer) => {
                if whole != Some(bound) {
                    warnings.push(Diagnostic::warning(
                        format!("`{keyword}: {bound}` of an integer is not whole; it is read as {integer}"),
                        Location::pointer(at.join(keyword).to_string()),
                    ));
                }
                object.insert(keyword.to_owned(), integer);
            }
            None => {
                object.remove(keyword);
                warnings.push(Diagnostic::warning(
                    format!("`{keyword}: {bound}` cannot constrain an integer; it is not checked"),
                    Location::pointer(at.join(keyword).to_string()),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalized(mut value: Value) -> (Value, usize) {
        let warnings = normalize(&mut value);
        (value, warnings.len())
    }

    #[test]
    fn properties_beside_all_of_become_a_member() {
        let (value, warnings) = normalized(json!({
            "type": "object", "allOf": [{"$ref": "#/components/schemas/Base"}],
            "properties": {"extra": {"type": "string"}}, "required": ["extra"]
        }));
        assert_eq!(warnings, 0);
        assert_eq!(
            value,
            json!({"allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"extra": {"type": "string"}}, "required": ["extra"]}
            ]})
        );
    }

    #[test]
    fn object_type_beside_one_of_is_dropped_and_properties_win_with_a_warning() {
        let (value, _) = normalized(json!({"type": "object", "oneOf": [{"type": "string"}, {"type": "integer"}]}));
        assert_eq!(value, json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}));
        let (value, warnings) = normalized(json!({"properties": {"a": {}}, "anyOf": [{"required": ["a"]}]}));
        assert_eq!((value, warnings), (json!({"properties": {"a": {}}}), 1));
    }

    #[test]
    fn decimal_bounds_of_integers_become_integers() {
        let (value, warnings) =
            normalized(json!({"type": "integer", "minimum": 0.0, "maximum": 1e3, "multipleOf": 2.0}));
        assert_eq!((value, warnings), (json!({"type": "integer", "minimum": 0, "maximum": 1000, "multipleOf": 2}), 0));
        let (value, warnings) =
            normalized(json!({"type": "integer", "minimum": 0.5, "maximum": 9.5, "multipleOf": 0.5}));
        assert_eq!((value, warnings), (json!({"type": "integer", "minimum": 1, "maximum": 9}), 3));
        let (value, warnings) =
            normalized(json!({"type": "integer", "minimum": 3, "maximum": 18446744073709551615_u64}));
        assert_eq!(
            (value, warnings),
            (json!({"type": "integer", "minimum": 3, "maximum": 18446744073709551615_u64}), 0)
        );
        let (value, _) = normalized(json!({"type": "number", "minimum": 0.5}));
        assert_eq!(value, json!({"type": "number", "minimum": 0.5}), "numbers keep their decimals");
    }

    #[test]
    fn int64_limits_written_as_floats_saturate() {
        let (value, warnings) =
            normalized(json!({"type": "integer", "minimum": -9223372036854776000.0, "maximum": 9223372036854776000.0}));
        assert_eq!(warnings, 0);
        assert_eq!(value["minimum"], json!(i64::MIN));
        assert_eq!(value["maximum"], json!(i64::MAX));
    }

    #[test]
    fn untyped_enums_are_typed_by_their_values() {
        assert_eq!(normalized(json!({"enum": [""]})).0, json!({"enum": [""], "type": "string"}));
        assert_eq!(normalized(json!({"enum": [null]})).0, json!({"enum": [null], "type": "string", "nullable": true}));
        assert_eq!(normalized(json!({"enum": [1, 2]})).0, json!({"enum": [1, 2], "type": "integer"}));
        assert_eq!(
            normalized(json!({"enum": [1, "a", null]})).0,
            json!({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "integer", "enum": [1]}], "nullable": true}),
            "mixed values are either typed enum"
        );
        assert_eq!(
            normalized(json!({"enum": [{"a": 1}, "a"]})).0,
            json!({"enum": [{"a": 1}, "a"]}),
            "objects stay untyped"
        );
        let variables = json!({"servers": [{"url": "/{v}", "variables": {"v": {"default": "a", "enum": ["a"]}}}]});
        assert_eq!(normalized(variables.clone()).0, variables, "server variables are no schemas");
    }

    #[test]
    fn additional_properties_beside_a_composition_are_dropped() {
        let (value, _) =
            normalized(json!({"additionalProperties": false, "anyOf": [{"$ref": "#/a"}, {"$ref": "#/b"}]}));
        assert_eq!(value, json!({"anyOf": [{"$ref": "#/a"}, {"$ref": "#/b"}]}));
        let (value, _) = normalized(json!({"additionalProperties": false, "allOf": [{"$ref": "#/a"}]}));
        assert_eq!(value, json!({"allOf": [{"$ref": "#/a"}]}));
    }

    #[test]
    fn required_beside_a_union_goes_into_its_members() {
        let (value, warnings) = normalized(json!({"oneOf": [
            {"type": "object", "properties": {"a": {}, "b": {}}, "required": ["b"]},
            {"type": "object", "properties": {"a": {}}}
        ], "required": ["a"]}));
        assert_eq!(warnings, 0);
        assert_eq!(
            value,
            json!({"oneOf": [
                {"type": "object", "properties": {"a": {}, "b": {}}, "required": ["b", "a"]},
                {"type": "object", "properties": {"a": {}}, "required": ["a"]}
            ]})
        );
        let (_, warnings) = normalized(json!({"anyOf": [{"$ref": "#/components/schemas/A"}], "required": ["a"]}));
        assert_eq!(warnings, 1, "a referenced member cannot take it");
    }

    #[test]
    fn constraints_beside_a_union_go_with_a_warning() {
        let (value, warnings) = normalized(json!({"anyOf": [{"$ref": "#/a"}, {"type": "array"}], "uniqueItems": true}));
        assert_eq!((value, warnings), (json!({"anyOf": [{"$ref": "#/a"}, {"type": "array"}]}), 1));
    }

    #[test]
    fn nullable_beside_ref_wraps_the_ref() {
        let (value, _) = normalized(json!({"$ref": "#/components/schemas/A", "nullable": true}));
        assert_eq!(value, json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]}));
        let (value, _) = normalized(json!({"$ref": "#/components/responses/R", "description": "kept as is"}));
        assert_eq!(value, json!({"$ref": "#/components/responses/R", "description": "kept as is"}));
    }
}
