//! Reading a schema into openapiv3's model without serde's buffering.
//!
//! openapiv3 reads a schema through an untagged `ReferenceOr`, a `Schema` of
//! two flattened parts and a `SchemaKind` decided by trying its variants, so
//! serde first copies every schema (and each schema inside it) into an
//! intermediate buffer and reads it from there: a fifth of the time taken
//! on a large description. [`read`] builds the same model straight from the
//! JSON value, deciding the kind as openapiv3's `SchemaKind` does.
//!
//! It reads only what it is sure of: for any value of a type openapiv3 would
//! reject (or read in a way not mirrored here) it gives `None`, and the
//! caller reads the schema with serde, which also gives the located error.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType, ReferenceOr, Schema,
    SchemaData, SchemaKind, StringType, Type,
};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// The schema or reference `value` holds, as openapiv3 reads it; `None`
/// where this does not read it (see the module's docs).
pub fn read(value: &Value) -> Option<ReferenceOr<Schema>> {
    let keywords = Keywords::of(value.as_object()?);
    // `ReferenceOr` tries a reference first: `$ref` with a string, other keys ignored.
    if let Some(reference) = keywords.reference {
        return Some(ReferenceOr::Reference { reference: reference.as_str()?.to_owned() });
    }
    Some(ReferenceOr::Item(Schema { schema_data: data(&keywords)?, schema_kind: kind(&keywords)? }))
}

/// The keywords of a schema object this reads, found in one pass over it.
#[derive(Default)]
struct Keywords<'a> {
    reference: Option<&'a Value>,
    nullable: Option<&'a Value>,
    read_only: Option<&'a Value>,
    write_only: Option<&'a Value>,
    deprecated: Option<&'a Value>,
    external_docs: Option<&'a Value>,
    example: Option<&'a Value>,
    title: Option<&'a Value>,
    description: Option<&'a Value>,
    discriminator: Option<&'a Value>,
    default: Option<&'a Value>,
    extensions: Vec<(&'a String, &'a Value)>,
    typ: Option<&'a Value>,
    pattern: Option<&'a Value>,
    multiple_of: Option<&'a Value>,
    exclusive_minimum: Option<&'a Value>,
    exclusive_maximum: Option<&'a Value>,
    minimum: Option<&'a Value>,
    maximum: Option<&'a Value>,
    properties: Option<&'a Value>,
    required: Option<&'a Value>,
    additional_properties: Option<&'a Value>,
    min_properties: Option<&'a Value>,
    max_properties: Option<&'a Value>,
    items: Option<&'a Value>,
    min_items: Option<&'a Value>,
    max_items: Option<&'a Value>,
    unique_items: Option<&'a Value>,
    enumeration: Option<&'a Value>,
    format: Option<&'a Value>,
    min_length: Option<&'a Value>,
    max_length: Option<&'a Value>,
    one_of: Option<&'a Value>,
    all_of: Option<&'a Value>,
    any_of: Option<&'a Value>,
    not: Option<&'a Value>,
}

impl<'a> Keywords<'a> {
    fn of(object: &'a Map<String, Value>) -> Self {
        let mut found = Self::default();
        for (key, value) in object {
            let slot = match key.as_str() {
                "$ref" => &mut found.reference,
                "nullable" => &mut found.nullable,
                "readOnly" => &mut found.read_only,
                "writeOnly" => &mut found.write_only,
                "deprecated" => &mut found.deprecated,
                "externalDocs" => &mut found.external_docs,
                "example" => &mut found.example,
                "title" => &mut found.title,
                "description" => &mut found.description,
                "discriminator" => &mut found.discriminator,
                "default" => &mut found.default,
                "type" => &mut found.typ,
                "pattern" => &mut found.pattern,
                "multipleOf" => &mut found.multiple_of,
                "exclusiveMinimum" => &mut found.exclusive_minimum,
                "exclusiveMaximum" => &mut found.exclusive_maximum,
                "minimum" => &mut found.minimum,
                "maximum" => &mut found.maximum,
                "properties" => &mut found.properties,
                "required" => &mut found.required,
                "additionalProperties" => &mut found.additional_properties,
                "minProperties" => &mut found.min_properties,
                "maxProperties" => &mut found.max_properties,
                "items" => &mut found.items,
                "minItems" => &mut found.min_items,
                "maxItems" => &mut found.max_items,
                "uniqueItems" => &mut found.unique_items,
                "enum" => &mut found.enumeration,
                "format" => &mut found.format,
                "minLength" => &mut found.min_length,
                "maxLength" => &mut found.max_length,
                "oneOf" => &mut found.one_of,
                "allOf" => &mut found.all_of,
                "anyOf" => &mut found.any_of,
                "not" => &mut found.not,
                extension if extension.starts_with("x-") => {
                    found.extensions.push((key, value));
                    continue;
                }
                _ => continue,
            };
            *slot = Some(value);
        }
        found
    }
}

fn boxed(value: &Value) -> Option<ReferenceOr<Box<Schema>>> {
    Some(match read(value)? {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
    })
}

/// `SchemaData`: the keywords every kind of schema has, and its `x-` extensions.
fn data(found: &Keywords) -> Option<SchemaData> {
    Some(SchemaData {
        nullable: flag(found.nullable)?,
        read_only: flag(found.read_only)?,
        write_only: flag(found.write_only)?,
        deprecated: flag(found.deprecated)?,
        external_docs: optional(found.external_docs, |value| Deserialize::deserialize(value).ok())?,
        example: optional(found.example, |value| Some(value.clone()))?,
        title: optional(found.title, text)?,
        description: optional(found.description, text)?,
        discriminator: optional(found.discriminator, |value| Deserialize::deserialize(value).ok())?,
        default: optional(found.default, |value| Some(value.clone()))?,
        extensions: found.extensions.iter().map(|(key, value)| ((*key).clone(), (*value).clone())).collect(),
    })
}

/// The keywords openapiv3 decides a schema's kind by, read as its
/// `RawAnySchema` reads them (null is absent).
struct Raw {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

impl Raw {
    fn read(found: &Keywords) -> Option<Self> {
        let schemas = |value: &Value| value.as_array()?.iter().map(read).collect::<Option<Vec<_>>>();
        Some(Self {
            typ: optional(found.typ, text)?,
            pattern: optional(found.pattern, text)?,
            multiple_of: optional(found.multiple_of, number)?,
            exclusive_minimum: optional(found.exclusive_minimum, Value::as_bool)?,
            exclusive_maximum: optional(found.exclusive_maximum, Value::as_bool)?,
            minimum: optional(found.minimum, number)?,
            maximum: optional(found.maximum, number)?,
            properties: optional(found.properties, |value| {
                value.as_object()?.iter().map(|(name, schema)| Some((name.clone(), boxed(schema)?))).collect()
            })?,
            required: optional(found.required, |value| value.as_array()?.iter().map(text).collect::<Option<Vec<_>>>())?,
            additional_properties: optional(found.additional_properties, |value| match value {
                Value::Bool(any) => Some(AdditionalProperties::Any(*any)),
                _ => Some(AdditionalProperties::Schema(Box::new(read(value)?))),
            })?,
            min_properties: optional(found.min_properties, size)?,
            max_properties: optional(found.max_properties, size)?,
            items: optional(found.items, boxed)?,
            min_items: optional(found.min_items, size)?,
            max_items: optional(found.max_items, size)?,
            unique_items: optional(found.unique_items, Value::as_bool)?,
            enumeration: optional(found.enumeration, |value| value.as_array().cloned())?,
            format: optional(found.format, text)?,
            min_length: optional(found.min_length, size)?,
            max_length: optional(found.max_length, size)?,
            one_of: optional(found.one_of, schemas)?,
            all_of: optional(found.all_of, schemas)?,
            any_of: optional(found.any_of, schemas)?,
            not: optional(found.not, |value| read(value).map(Box::new))?,
        })
    }

    /// Which keywords are present besides those `allowed` (and `type`).
    fn others_than(&self, allowed: &[&str]) -> bool {
        let present = [
            ("pattern", self.pattern.is_some()),
            ("multipleOf", self.multiple_of.is_some()),
            ("exclusiveMinimum", self.exclusive_minimum.is_some()),
            ("exclusiveMaximum", self.exclusive_maximum.is_some()),
            ("minimum", self.minimum.is_some()),
            ("maximum", self.maximum.is_some()),
            ("properties", self.properties.is_some()),
            ("required", self.required.is_some()),
            ("additionalProperties", self.additional_properties.is_some()),
            ("minProperties", self.min_properties.is_some()),
            ("maxProperties", self.max_properties.is_some()),
            ("items", self.items.is_some()),
            ("minItems", self.min_items.is_some()),
            ("maxItems", self.max_items.is_some()),
            ("uniqueItems", self.unique_items.is_some()),
            ("enum", self.enumeration.is_some()),
            ("format", self.format.is_some()),
            ("minLength", self.min_length.is_some()),
            ("maxLength", self.max_length.is_some()),
            ("oneOf", self.one_of.is_some()),
            ("allOf", self.all_of.is_some()),
            ("anyOf", self.any_of.is_some()),
            ("not", self.not.is_some()),
        ];
        present.iter().any(|(keyword, present)| *present && !allowed.contains(keyword))
    }

    /// Whether every value of `enum` is null or passes `check`.
    fn enum_all(&self, check: fn(&Value) -> bool) -> bool {
        self.enumeration.iter().flatten().all(|value| value.is_null() || check(value))
    }

    /// `enum`'s values, null as `None`, else through `convert` (which `enum_all` checked).
    fn enum_values<T>(&self, convert: fn(&Value) -> Option<T>) -> Option<Vec<Option<T>>> {
        self.enumeration
            .iter()
            .flatten()
            .map(|value| if value.is_null() { Some(None) } else { convert(value).map(Some) })
            .collect()
    }
}

const NUMERIC: &[&str] =
    &["multipleOf", "exclusiveMinimum", "exclusiveMaximum", "minimum", "maximum", "enum", "format"];

/// The schema's kind, decided in the order of openapiv3's `SchemaKind`.
fn kind(found: &Keywords) -> Option<SchemaKind> {
    let raw = Raw::read(found)?;
    let typ = raw.typ.as_deref();
    let is_int = |number: &Option<Number>| number.as_ref().is_none_or(Number::is_i64);
    Some(match typ {
        Some("string")
            if !raw.others_than(&["pattern", "enum", "format", "minLength", "maxLength"])
                && raw.enum_all(Value::is_string) =>
        {
            SchemaKind::Type(Type::String(StringType {
                enumeration: raw.enum_values(|value| value.as_str().map(str::to_owned))?,
                format: raw.format.into(),
                pattern: raw.pattern,
                min_length: raw.min_length,
                max_length: raw.max_length,
            }))
        }
        Some("number") if !raw.others_than(NUMERIC) && raw.enum_all(Value::is_number) => {
            SchemaKind::Type(Type::Number(NumberType {
                enumeration: raw.enum_values(Value::as_f64)?,
                format: raw.format.into(),
                multiple_of: float(raw.multiple_of),
                exclusive_minimum: raw.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: raw.exclusive_maximum.unwrap_or_default(),
                minimum: float(raw.minimum),
                maximum: float(raw.maximum),
            }))
        }
        Some("integer")
            if !raw.others_than(NUMERIC)
                && raw.enum_all(Value::is_i64)
                && is_int(&raw.multiple_of)
                && is_int(&raw.minimum)
                && is_int(&raw.maximum) =>
        {
            SchemaKind::Type(Type::Integer(IntegerType {
                enumeration: raw.enum_values(Value::as_i64)?,
                format: raw.format.into(),
                multiple_of: integer(raw.multiple_of)?,
                exclusive_minimum: raw.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: raw.exclusive_maximum.unwrap_or_default(),
                minimum: integer(raw.minimum)?,
                maximum: integer(raw.maximum)?,
            }))
        }
        Some("boolean") if !raw.others_than(&["enum"]) && raw.enum_all(Value::is_boolean) => {
            SchemaKind::Type(Type::Boolean(BooleanType { enumeration: raw.enum_values(Value::as_bool)? }))
        }
        Some("object")
            if !raw.others_than(&[
                "properties",
                "required",
                "additionalProperties",
                "minProperties",
                "maxProperties",
            ]) =>
        {
            SchemaKind::Type(Type::Object(ObjectType {
                properties: raw.properties.unwrap_or_default(),
                required: raw.required.unwrap_or_default(),
                additional_properties: raw.additional_properties,
                min_properties: raw.min_properties,
                max_properties: raw.max_properties,
            }))
        }
        Some("array") if !raw.others_than(&["items", "minItems", "maxItems", "uniqueItems"]) => {
            SchemaKind::Type(Type::Array(ArrayType {
                items: raw.items,
                min_items: raw.min_items,
                max_items: raw.max_items,
                unique_items: raw.unique_items.unwrap_or_default(),
            }))
        }
        None if raw.one_of.is_some() && !raw.others_than(&["oneOf"]) => SchemaKind::OneOf { one_of: raw.one_of? },
        None if raw.all_of.is_some() && !raw.others_than(&["allOf"]) => SchemaKind::AllOf { all_of: raw.all_of? },
        None if raw.any_of.is_some() && !raw.others_than(&["anyOf"]) => SchemaKind::AnyOf { any_of: raw.any_of? },
        None if raw.not.is_some() && !raw.others_than(&["not"]) => SchemaKind::Not { not: raw.not? },
        _ => SchemaKind::Any(AnySchema {
            multiple_of: float(raw.multiple_of),
            minimum: float(raw.minimum),
            maximum: float(raw.maximum),
            typ: raw.typ,
            pattern: raw.pattern,
            exclusive_minimum: raw.exclusive_minimum,
            exclusive_maximum: raw.exclusive_maximum,
            properties: raw.properties.unwrap_or_default(),
            required: raw.required.unwrap_or_default(),
            additional_properties: raw.additional_properties,
            min_properties: raw.min_properties,
            max_properties: raw.max_properties,
            items: raw.items,
            min_items: raw.min_items,
            max_items: raw.max_items,
            unique_items: raw.unique_items,
            enumeration: raw.enumeration.unwrap_or_default(),
            format: raw.format,
            min_length: raw.min_length,
            max_length: raw.max_length,
            one_of: raw.one_of.unwrap_or_default(),
            all_of: raw.all_of.unwrap_or_default(),
            any_of: raw.any_of.unwrap_or_default(),
            not: raw.not,
        }),
    })
}

/// A keyword's value through `read`: `Some(None)` when absent or null,
/// `None` when `read` does not take it.
fn optional<T>(value: Option<&Value>, read: impl FnOnce(&Value) -> Option<T>) -> Option<Option<T>> {
    match value {
        None | Some(Value::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

/// A boolean keyword that defaults to false (null is not one).
fn flag(value: Option<&Value>) -> Option<bool> {
    match value {
        None => Some(false),
        Some(value) => value.as_bool(),
    }
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

fn number(value: &Value) -> Option<Number> {
    value.as_number().cloned()
}

/// A count: a non-negative integer that fits `usize`.
fn size(value: &Value) -> Option<usize> {
    usize::try_from(value.as_u64()?).ok()
}

fn float(number: Option<Number>) -> Option<f64> {
    number.as_ref().and_then(Number::as_f64)
}

/// An integer bound, which `kind` checked is one.
fn integer(number: Option<Number>) -> Option<Option<i64>> {
    match number {
        None => Some(None),
        Some(number) => number.as_i64().map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every object under a `schema`, `schemas`, `items`, `properties`… key of `value`.
    fn schemas<'a>(value: &'a Value, under_schema: bool, found: &mut Vec<&'a Value>) {
        match value {
            Value::Object(object) => {
                if under_schema {
                    found.push(value);
                }
                for (key, child) in object {
                    let schema = matches!(key.as_str(), "schema" | "items" | "not" | "additionalProperties");
                    let holds = matches!(key.as_str(), "schemas" | "properties");
                    match child {
                        Value::Object(members) if holds => {
                            members.values().for_each(|member| schemas(member, true, found))
                        }
                        Value::Array(members) if matches!(key.as_str(), "oneOf" | "allOf" | "anyOf") => {
                            members.iter().for_each(|member| schemas(member, true, found))
                        }
                        _ => schemas(child, schema, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| schemas(item, false, found)),
            _ => {}
        }
    }

    /// What this reads is what openapiv3 reads, for every schema of every
    /// document in the repository (fixtures, corpus, specs), as loaded.
    #[test]
    fn schemas_read_as_openapiv3_reads_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut documents = Vec::new();
        for folder in ["tests/fixtures", "tests/corpus"] {
            for entry in std::fs::read_dir(root.join(folder)).expect("the folder is readable") {
                documents.push(entry.expect("the folder is readable").path());
            }
        }
        for entry in std::fs::read_dir(root.join("specs")).expect("specs is readable") {
            documents.push(entry.expect("specs is readable").path().join("openapi.json"));
        }
        let (mut read_here, mut total) = (0, 0);
        for path in documents.iter().filter(|path| path.is_file()) {
            let Ok(document) = crate::load::load_file(path) else { continue };
            let mut found = Vec::new();
            schemas(&document, false, &mut found);
            for schema in found {
                total += 1;
                let by_serde = ReferenceOr::<Schema>::deserialize(schema).ok();
                if let Some(read) = read(schema) {
                    read_here += 1;
                    assert_eq!(Some(read), by_serde, "{}: {schema}", path.display());
                }
            }
        }
        assert!(total > 5000 && read_here * 100 >= total * 95, "{read_here} of {total}");
    }

    #[test]
    fn what_openapiv3_would_reject_is_left_to_it() {
        for schema in [
            serde_json::json!({"$ref": 1}),
            serde_json::json!({"type": "string", "nullable": null}),
            serde_json::json!({"type": "object", "required": ["a", 1]}),
            serde_json::json!({"type": "array", "items": [{"type": "string"}]}),
            serde_json::json!({"type": ["string", "null"]}),
            serde_json::json!({"type": "string", "minLength": -1}),
            serde_json::json!(true),
        ] {
            assert_eq!(read(&schema), None, "{schema}");
        }
    }

    #[test]
    fn kinds_are_decided_as_openapiv3_decides_them() {
        for schema in [
            serde_json::json!({"type": "string", "enum": ["a", null], "format": "date"}),
            serde_json::json!({"type": "string", "enum": ["a", 1]}),
            serde_json::json!({"type": "string", "minimum": 1}),
            serde_json::json!({"type": "integer", "minimum": 1.5}),
            serde_json::json!({"type": "integer", "enum": [1, null], "maximum": 3, "format": "int64"}),
            serde_json::json!({"type": "number", "multipleOf": 0.5, "exclusiveMinimum": true}),
            serde_json::json!({"type": "number", "pattern": "^1$"}),
            serde_json::json!({"type": "integer", "minLength": 1}),
            serde_json::json!({"type": "array", "maxLength": 1}),
            serde_json::json!({"type": "boolean", "format": "flag"}),
            serde_json::json!({"type": "object", "properties": {"a": {"$ref": "#/x"}}, "additionalProperties": false}),
            serde_json::json!({"type": "object", "additionalProperties": {}, "items": {}}),
            serde_json::json!({"type": "array", "items": {"type": "string"}, "uniqueItems": true}),
            serde_json::json!({"oneOf": [{"type": "string"}], "discriminator": {"propertyName": "kind"}}),
            serde_json::json!({"oneOf": [{}], "properties": {}}),
            serde_json::json!({"allOf": [{"$ref": "#/a"}], "title": "T", "x-a": null}),
            serde_json::json!({"anyOf": [], "description": null, "example": null, "default": 3}),
            serde_json::json!({"not": {"type": "string"}, "readOnly": true}),
            serde_json::json!({"externalDocs": {"url": "https://example.com"}, "deprecated": true}),
            serde_json::json!({"$ref": "#/a", "description": "ignored"}),
            serde_json::json!({}),
        ] {
            let by_serde = ReferenceOr::<Schema>::deserialize(&schema).ok();
            assert!(by_serde.is_some(), "{schema}");
            assert_eq!(read(&schema), by_serde, "{schema}");
        }
    }
}
