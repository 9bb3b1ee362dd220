//! A schema's shape key, written straight from openapiv3's model: the
//! schema as its JSON would be written, with the members of every object in
//! name order, and without the documentation of the schemas down to
//! `MAX_DEPTH` or the top schema's own nullability.
//!
//! Members are named as openapiv3 serialises them (`readOnly`, `enum`,
//! `type`), so the key is the same text a serialisation of the schema, sorted
//! and filtered, would give (the tests compare the two on every schema of
//! the corpus); no intermediate tree of the schema is built.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator, ExternalDocumentation, IntegerFormat,
    IntegerType, NumberFormat, NumberType, ObjectType, ReferenceOr, Schema, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::limits::MAX_DEPTH;

/// The shape key of `schema`.
pub(super) fn shape_key(schema: &Schema) -> String {
    let mut out = String::with_capacity(256);
    write_schema(schema, 0, &mut out);
    out
}

/// One member of an object being written: its value, to be written once
/// the members are in name order.
enum Member<'s> {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(&'s str),
    Value(&'s Value),
    Strings(&'s [String]),
    Schema(&'s ReferenceOr<Schema>),
    Boxed(&'s ReferenceOr<Box<Schema>>),
    Schemas(&'s [ReferenceOr<Schema>]),
    Properties(&'s IndexMap<String, ReferenceOr<Box<Schema>>>),
    Additional(&'s AdditionalProperties),
    OptionalTexts(&'s [Option<String>]),
    OptionalInts(&'s [Option<i64>]),
    OptionalFloats(&'s [Option<f64>]),
    OptionalBools(&'s [Option<bool>]),
    Values(&'s [Value]),
    ExternalDocs(&'s ExternalDocumentation),
    Discriminator(&'s Discriminator),
    /// An object of texts (a discriminator's mapping).
    Texts(&'s IndexMap<String, String>),
}

/// The members of one object, sorted by name when written.
struct Members<'s> {
    members: Vec<(&'s str, Member<'s>)>,
}

impl<'s> Members<'s> {
    fn new() -> Self {
        Self { members: Vec::with_capacity(12) }
    }

    fn add(&mut self, name: &'s str, member: Member<'s>) {
        self.members.push((name, member));
    }

    fn flag(&mut self, name: &'s str, set: bool) {
        if set {
            self.add(name, Member::Bool(true));
        }
    }

    fn some<T>(&mut self, name: &'s str, value: Option<T>, member: impl FnOnce(T) -> Member<'s>) {
        if let Some(value) = value {
            self.add(name, member(value));
        }
    }

    fn extensions(&mut self, extensions: &'s IndexMap<String, Value>) {
        for (name, value) in extensions {
            self.add(name, Member::Value(value));
        }
    }

    /// Writes the members in name order (a stable sort: members of the
    /// same name keep the order they were added in); schemas among them are at `depth`.
    fn write(mut self, depth: usize, out: &mut String) {
        self.members.sort_by_key(|(name, _)| *name);
        out.push('{');
        for (name, member) in &self.members {
            write_text(name, out);
            out.push(':');
            write_member(member, depth, out);
            out.push(',');
        }
        out.push('}');
    }
}

/// Whether the schemas at `depth` leave their documentation out of the key.
fn documented_out(depth: usize) -> bool {
    depth <= MAX_DEPTH
}

/// Writes `schema`, at `depth` below the schema being keyed.
fn write_schema(schema: &Schema, depth: usize, out: &mut String) {
    let data = &schema.schema_data;
    let mut members = Members::new();
    let filter = documented_out(depth);
    // The top schema's nullability belongs to the place it is used in.
    members.flag("nullable", data.nullable && !(filter && depth == 0));
    members.flag("readOnly", data.read_only);
    members.flag("writeOnly", data.write_only);
    if !filter {
        members.flag("deprecated", data.deprecated);
        members.some("externalDocs", data.external_docs.as_ref(), Member::ExternalDocs);
        members.some("example", data.example.as_ref(), Member::Value);
        members.some("title", data.title.as_deref(), Member::Text);
        members.some("description", data.description.as_deref(), Member::Text);
    }
    members.some("discriminator", data.discriminator.as_ref(), Member::Discriminator);
    members.some("default", data.default.as_ref(), Member::Value);
    members.extensions(&data.extensions);
    match &schema.schema_kind {
        SchemaKind::Type(ty) => typed(ty, &mut members),
        SchemaKind::OneOf { one_of } => members.add("oneOf", Member::Schemas(one_of)),
        SchemaKind::AllOf { all_of } => members.add("allOf", Member::Schemas(all_of)),
        SchemaKind::AnyOf { any_of } => members.add("anyOf", Member::Schemas(any_of)),
        SchemaKind::Not { not } => members.add("not", Member::Schema(not)),
        SchemaKind::Any(any) => untyped(any, &mut members),
    }
    members.write(depth + 1, out);
}

/// The members of a schema with a `type`.
fn typed<'s>(ty: &'s Type, members: &mut Members<'s>) {
    match ty {
        Type::String(StringType { format, pattern, enumeration, min_length, max_length }) => {
            members.add("type", Member::Text("string"));
            format_member(format, string_format, members);
            members.some("pattern", pattern.as_deref(), Member::Text);
            nonempty(members, "enum", enumeration, Member::OptionalTexts);
            lengths(members, *min_length, *max_length);
        }
        Type::Number(NumberType {
            format,
            multiple_of,
            exclusive_minimum,
            exclusive_maximum,
            minimum,
            maximum,
            enumeration,
        }) => {
            members.add("type", Member::Text("number"));
            format_member(format, number_format, members);
            let bounds = Bounds { multiple_of, exclusive_minimum, exclusive_maximum, minimum, maximum };
            bounds.add(members, Member::Float);
            nonempty(members, "enum", enumeration, Member::OptionalFloats);
        }
        Type::Integer(IntegerType {
            format,
            multiple_of,
            exclusive_minimum,
            exclusive_maximum,
            minimum,
            maximum,
            enumeration,
        }) => {
            members.add("type", Member::Text("integer"));
            format_member(format, integer_format, members);
            let bounds = Bounds { multiple_of, exclusive_minimum, exclusive_maximum, minimum, maximum };
            bounds.add(members, Member::Int);
            nonempty(members, "enum", enumeration, Member::OptionalInts);
        }
        Type::Object(ObjectType { properties, required, additional_properties, min_properties, max_properties }) => {
            members.add("type", Member::Text("object"));
            object(members, properties, required, additional_properties.as_ref(), *min_properties, *max_properties);
        }
        Type::Array(ArrayType { items, min_items, max_items, unique_items }) => {
            members.add("type", Member::Text("array"));
            members.some("items", items.as_ref(), Member::Boxed);
            counts(members, *min_items, *max_items);
            members.flag("uniqueItems", *unique_items);
        }
        Type::Boolean(BooleanType { enumeration }) => {
            members.add("type", Member::Text("boolean"));
            nonempty(members, "enum", enumeration, Member::OptionalBools);
        }
    }
}

/// The bounds of a number or an integer schema.
struct Bounds<'s, T> {
    multiple_of: &'s Option<T>,
    exclusive_minimum: &'s bool,
    exclusive_maximum: &'s bool,
    minimum: &'s Option<T>,
    maximum: &'s Option<T>,
}

impl<T: Copy> Bounds<'_, T> {
    /// Adds the bounds set, each number through `number`.
    fn add<'s>(&self, members: &mut Members<'s>, number: fn(T) -> Member<'s>) {
        members.some("multipleOf", *self.multiple_of, number);
        members.flag("exclusiveMinimum", *self.exclusive_minimum);
        members.flag("exclusiveMaximum", *self.exclusive_maximum);
        members.some("minimum", *self.minimum, number);
        members.some("maximum", *self.maximum, number);
    }
}

/// The members of a schema without a (single, known) `type`.
fn untyped<'s>(any: &'s AnySchema, members: &mut Members<'s>) {
    let AnySchema {
        typ,
        pattern,
        multiple_of,
        exclusive_minimum,
        exclusive_maximum,
        minimum,
        maximum,
        properties,
        required,
        additional_properties,
        min_properties,
        max_properties,
        items,
        min_items,
        max_items,
        unique_items,
        enumeration,
        format,
        min_length,
        max_length,
        one_of,
        all_of,
        any_of,
        not,
    } = any;
    members.some("type", typ.as_deref(), Member::Text);
    members.some("pattern", pattern.as_deref(), Member::Text);
    members.some("multipleOf", *multiple_of, Member::Float);
    members.some("exclusiveMinimum", *exclusive_minimum, Member::Bool);
    members.some("exclusiveMaximum", *exclusive_maximum, Member::Bool);
    members.some("minimum", *minimum, Member::Float);
    members.some("maximum", *maximum, Member::Float);
    object(members, properties, required, additional_properties.as_ref(), *min_properties, *max_properties);
    members.some("items", items.as_ref(), Member::Boxed);
    counts(members, *min_items, *max_items);
    members.some("uniqueItems", *unique_items, Member::Bool);
    nonempty(members, "enum", enumeration, Member::Values);
    members.some("format", format.as_deref(), Member::Text);
    lengths(members, *min_length, *max_length);
    nonempty(members, "oneOf", one_of, Member::Schemas);
    nonempty(members, "allOf", all_of, Member::Schemas);
    nonempty(members, "anyOf", any_of, Member::Schemas);
    members.some("not", not.as_deref(), Member::Schema);
}

/// The members an object schema (typed or not) has.
fn object<'s>(
    members: &mut Members<'s>,
    properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
    min: Option<usize>,
    max: Option<usize>,
) {
    if !properties.is_empty() {
        members.add("properties", Member::Properties(properties));
    }
    nonempty(members, "required", required, Member::Strings);
    members.some("additionalProperties", additional, Member::Additional);
    members.some("minProperties", min, size);
    members.some("maxProperties", max, size);
}

fn counts(members: &mut Members<'_>, min: Option<usize>, max: Option<usize>) {
    members.some("minItems", min, size);
    members.some("maxItems", max, size);
}

fn lengths(members: &mut Members<'_>, min: Option<usize>, max: Option<usize>) {
    members.some("minLength", min, size);
    members.some("maxLength", max, size);
}

fn size<'s>(value: usize) -> Member<'s> {
    // A `usize` is at most 64 bits on every target Rust supports here.
    Member::Uint(u64::try_from(value).unwrap_or(u64::MAX))
}

/// `member(values)` under `name` unless `values` is empty (openapiv3 leaves empty lists out).
fn nonempty<'s, T>(members: &mut Members<'s>, name: &'s str, values: &'s [T], member: fn(&'s [T]) -> Member<'s>) {
    if !values.is_empty() {
        members.add(name, member(values));
    }
}

fn format_member<'s, T>(
    format: &'s VariantOrUnknownOrEmpty<T>,
    known: fn(&T) -> &'static str,
    members: &mut Members<'s>,
) {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => members.add("format", Member::Text(known(item))),
        VariantOrUnknownOrEmpty::Unknown(other) => members.add("format", Member::Text(other)),
        VariantOrUnknownOrEmpty::Empty => {}
    }
}

fn string_format(format: &StringFormat) -> &'static str {
    match format {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

fn number_format(format: &NumberFormat) -> &'static str {
    match format {
        NumberFormat::Float => "float",
        NumberFormat::Double => "double",
    }
}

fn integer_format(format: &IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::Int32 => "int32",
        IntegerFormat::Int64 => "int64",
    }
}

/// Writes one member's value; the schemas in it are at `depth`.
fn write_member(member: &Member<'_>, depth: usize, out: &mut String) {
    match member {
        Member::Bool(flag) => write_bool(*flag, out),
        Member::Int(int) => out.push_str(itoa::Buffer::new().format(*int)),
        Member::Uint(int) => out.push_str(itoa::Buffer::new().format(*int)),
        Member::Float(float) => write_float(*float, out),
        Member::Text(text) => write_text(text, out),
        Member::Value(value) => write_value(value, out),
        Member::Strings(texts) => write_list(texts.iter(), out, |text, out| write_text(text, out)),
        Member::Schema(schema) => write_reference_or(schema, depth, out),
        Member::Boxed(schema) => write_boxed(schema, depth, out),
        Member::Schemas(schemas) => {
            write_list(schemas.iter(), out, |schema, out| write_reference_or(schema, depth, out))
        }
        Member::Properties(properties) => {
            let mut sorted: Vec<(&String, &ReferenceOr<Box<Schema>>)> = properties.iter().collect();
            sorted.sort_by_key(|(name, _)| *name);
            out.push('{');
            for (name, schema) in sorted {
                write_text(name, out);
                out.push(':');
                write_boxed(schema, depth, out);
                out.push(',');
            }
            out.push('}');
        }
        Member::Additional(AdditionalProperties::Any(flag)) => write_bool(*flag, out),
        Member::Additional(AdditionalProperties::Schema(schema)) => write_reference_or(schema, depth, out),
        Member::OptionalTexts(texts) => {
            write_list(texts.iter(), out, |text, out| write_optional(text.as_deref(), out, write_text));
        }
        Member::OptionalInts(ints) => write_list(ints.iter(), out, |int, out| {
            write_optional(int.as_ref(), out, |int, out| out.push_str(itoa::Buffer::new().format(*int)));
        }),
        Member::OptionalFloats(floats) => {
            write_list(floats.iter(), out, |float, out| write_optional(*float, out, write_float));
        }
        Member::OptionalBools(flags) => {
            write_list(flags.iter(), out, |flag, out| write_optional(*flag, out, write_bool))
        }
        Member::Values(values) => write_list(values.iter(), out, write_value),
        Member::ExternalDocs(docs) => {
            let mut members = Members::new();
            members.some("description", docs.description.as_deref(), Member::Text);
            members.add("url", Member::Text(&docs.url));
            members.extensions(&docs.extensions);
            members.write(depth, out);
        }
        Member::Discriminator(discriminator) => {
            let mut members = Members::new();
            members.add("propertyName", Member::Text(&discriminator.property_name));
            if !discriminator.mapping.is_empty() {
                members.add("mapping", Member::Texts(&discriminator.mapping));
            }
            members.extensions(&discriminator.extensions);
            members.write(depth, out);
        }
        Member::Texts(texts) => {
            let mut sorted: Vec<(&String, &String)> = texts.iter().collect();
            sorted.sort_by_key(|(name, _)| *name);
            out.push('{');
            for (name, text) in sorted {
                write_text(name, out);
                out.push(':');
                write_text(text, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

fn write_reference_or(schema: &ReferenceOr<Schema>, depth: usize, out: &mut String) {
    match schema {
        ReferenceOr::Reference { reference } => write_reference(reference, out),
        ReferenceOr::Item(schema) => write_schema(schema, depth, out),
    }
}

fn write_boxed(schema: &ReferenceOr<Box<Schema>>, depth: usize, out: &mut String) {
    match schema {
        ReferenceOr::Reference { reference } => write_reference(reference, out),
        ReferenceOr::Item(schema) => write_schema(schema, depth, out),
    }
}

/// `{"$ref": reference}`.
fn write_reference(reference: &str, out: &mut String) {
    out.push('{');
    write_text("$ref", out);
    out.push(':');
    write_text(reference, out);
    out.push_str(",}");
}

fn write_list<T>(items: impl Iterator<Item = T>, out: &mut String, mut write: impl FnMut(T, &mut String)) {
    out.push('[');
    for item in items {
        write(item, out);
        out.push(',');
    }
    out.push(']');
}

fn write_optional<T>(value: Option<T>, out: &mut String, write: impl FnOnce(T, &mut String)) {
    match value {
        Some(value) => write(value, out),
        None => out.push_str("null"),
    }
}

fn write_bool(flag: bool, out: &mut String) {
    out.push_str(if flag { "true" } else { "false" });
}

/// Debug keeps a whole float apart from the integer (`1.0`, `1`).
fn write_float(float: f64, out: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(out, "{float:?}");
}

/// A JSON value (an example, a default, an extension): every member is
/// kept, in name order.
fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => write_bool(*flag, out),
        Value::Number(number) => {
            if let Some(int) = number.as_u64() {
                out.push_str(itoa::Buffer::new().format(int));
            } else if let Some(int) = number.as_i64() {
                out.push_str(itoa::Buffer::new().format(int));
            } else {
                write_float(number.as_f64().unwrap_or(f64::NAN), out);
            }
        }
        Value::String(text) => write_text(text, out),
        Value::Array(items) => write_list(items.iter(), out, write_value),
        Value::Object(members) => {
            let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
            sorted.sort_by_key(|(name, _)| *name);
            out.push('{');
            for (name, member) in sorted {
                write_text(name, out);
                out.push(':');
                write_value(member, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// `text` in a key: its length, then itself, which tells where it ends
/// whatever it holds (and costs less than escaping it).
fn write_text(text: &str, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(text.len()));
    out.push('"');
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};
    use serde_json::json;

    use super::*;

    /// The key as it was first written: a serde tree of the schema, its
    /// members sorted and its documentation filtered. The typed writer must
    /// give the same text.
    mod serialized {
        use crate::limits::MAX_DEPTH;
        use crate::lower::schema::tree::{tree_of, Tree};
        use openapiv3::Schema;

        /// Keywords that document a schema without changing what it holds.
        const DOCUMENTATION: &[&str] = &["description", "title", "example", "examples", "externalDocs", "deprecated"];

        /// The key as a serialisation of the schema, sorted and filtered, writes it.
        pub(super) fn serialized_key(schema: &Schema) -> Option<String> {
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
                                ("items" | "additionalProperties" | "not", _)
                                | ("allOf" | "oneOf" | "anyOf", Tree::Seq(_)) => {
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
    }

    fn read(json: serde_json::Value) -> Schema {
        serde_json::from_value(json).expect("a schema")
    }

    fn assert_same_key(schema: &Schema, at: &str) {
        let serialized = serialized::serialized_key(schema).expect("a schema serialises");
        assert_eq!(shape_key(schema), serialized, "the shape key of {at}");
    }

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
        let one = read(json!({"type": "object", "description": "A", "properties": {"a": {"type": "string"}}}));
        let two = read(json!({"type": "object", "nullable": true, "properties": {"a": {"type": "string"}}}));
        let other = read(json!({"type": "object", "properties": {"a": {"type": "integer"}}}));
        assert_eq!(shape_key(&one), shape_key(&two));
        assert_ne!(shape_key(&one), shape_key(&other));
        let nested = |description: &str| {
            read(json!({"type": "object", "properties": {
                "description": {"type": "string", "description": description},
                "items": {"type": "array", "items": {"type": "string", "title": description}}
            }}))
        };
        assert_eq!(shape_key(&nested("one")), shape_key(&nested("two")), "nested documentation is no difference");
        let titled = read(json!({"type": "object", "properties": {"title": {"type": "string"}}}));
        let named = read(json!({"type": "object", "properties": {"name": {"type": "string"}}}));
        assert_ne!(shape_key(&titled), shape_key(&named), "property names are shape, even `title`");
        let nullable_inside = read(json!({"type": "array", "items": {"type": "string", "nullable": true}}));
        let plain_inside = read(json!({"type": "array", "items": {"type": "string"}}));
        assert_ne!(shape_key(&nullable_inside), shape_key(&plain_inside), "only the top schema's nullability goes");
    }

    #[test]
    fn every_keyword_is_keyed_as_serialised() {
        let schemas = [
            json!({"type": "string", "format": "date-time", "pattern": "^a", "enum": ["a", null], "minLength": 1,
                   "maxLength": 9, "default": "a", "readOnly": true, "x-b": {"z": 1, "a": [1.5, -2, null]}}),
            json!({"type": "string", "format": "uuid", "writeOnly": true, "deprecated": true, "example": "e"}),
            json!({"type": "number", "format": "double", "multipleOf": 0.5, "exclusiveMinimum": true,
                   "exclusiveMaximum": true, "minimum": 1, "maximum": 2.5, "enum": [1.5, 2, null]}),
            json!({"type": "integer", "format": "int64", "multipleOf": 2, "minimum": -3, "maximum": 7,
                   "enum": [1, null, 3], "exclusiveMaximum": true}),
            json!({"type": "boolean", "enum": [true, null], "nullable": true}),
            json!({"type": "object", "required": ["b", "a"], "minProperties": 1, "maxProperties": 4,
                   "properties": {"b": {"$ref": "#/components/schemas/B"}, "a": {"type": "string", "title": "A"}},
                   "additionalProperties": {"type": "integer", "description": "d"},
                   "discriminator": {"propertyName": "kind", "mapping": {"y": "#/Y", "x": "#/X"}, "x-d": 1},
                   "externalDocs": {"url": "https://example.com", "description": "docs", "x-e": true}}),
            json!({"type": "object", "additionalProperties": false}),
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3, "uniqueItems": true}),
            json!({"oneOf": [{"$ref": "#/A"}, {"type": "string", "description": "s"}], "nullable": true}),
            json!({"allOf": [{"$ref": "#/A"}], "title": "t"}),
            json!({"anyOf": [{"type": "integer"}, {"type": "string"}]}),
            json!({"not": {"type": "string", "example": "x"}}),
            json!({"description": "anything"}),
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "oneOf": [{"required": ["a"]}],
                   "enum": [{"b": 1, "a": 2}], "format": "f", "pattern": "p", "minLength": 0, "maxLength": 2,
                   "multipleOf": 3, "minimum": 0.5, "maximum": 9, "exclusiveMinimum": false,
                   "exclusiveMaximum": true, "minItems": 0, "maxItems": 2, "uniqueItems": false,
                   "items": {"type": "string"}, "allOf": [{"type": "object"}], "anyOf": [{"type": "object"}],
                   "not": {"type": "integer"}, "minProperties": 0, "maxProperties": 1, "required": ["a"],
                   "additionalProperties": true}),
        ];
        for (index, schema) in schemas.into_iter().enumerate() {
            assert_same_key(&read(schema), &format!("example {index}"));
        }
    }

    #[test]
    fn documentation_deeper_than_the_limit_is_kept_as_serialised() {
        // Reading and dropping a schema this deep takes more than a test thread's stack in a debug build.
        let deep = std::thread::Builder::new().stack_size(256 << 20).spawn(|| {
            let mut schema = json!({"type": "string", "description": "the deepest", "nullable": true});
            for depth in 0..MAX_DEPTH + 3 {
                let kind = depth % 4;
                schema = match kind {
                    0 => json!({"type": "array", "items": schema, "title": depth.to_string()}),
                    1 => json!({"type": "object", "properties": {"p": schema}, "description": "d"}),
                    2 => json!({"allOf": [schema], "deprecated": true, "example": {"b": 1, "a": 2}}),
                    _ => json!({"type": "object", "additionalProperties": schema,
                                    "externalDocs": {"url": "https://example.com"}}),
                };
            }
            let schema = read(schema);
            assert_same_key(&schema, "a deep schema");
            assert!(shape_key(&schema).contains("the deepest"), "documentation past the limit is shape");
        });
        deep.expect("a thread").join().expect("the deep schema is keyed as serialised");
    }

    /// Every schema of every document in the repository's corpus and specs
    /// (at every depth) is keyed as its serialisation is.
    #[test]
    fn corpus_schemas_are_keyed_as_serialised() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let listed = |dir: &str| -> Vec<std::path::PathBuf> {
            let entries = std::fs::read_dir(root.join(dir)).expect("the directory is there");
            entries.map(|entry| entry.expect("a directory entry").path()).collect()
        };
        let corpus =
            listed("tests/corpus").into_iter().filter(|path| path.extension().is_some_and(|ext| ext == "json"));
        let specs = listed("specs").into_iter().map(|dir| dir.join("openapi.json")).filter(|path| path.is_file());
        let mut documents: Vec<_> = corpus.chain(specs).collect();
        documents.sort();
        assert!(documents.len() >= 20, "the corpus is there: {documents:?}");
        let mut keyed = 0;
        for path in &documents {
            let value = crate::load::load_file(path).expect("a corpus document loads");
            let (document, _) = crate::parse::parse_document(value).expect("a corpus document parses");
            let mut schemas = Vec::new();
            top_schemas(&document, &mut schemas);
            while let Some(schema) = schemas.pop() {
                assert_same_key(schema, &path.display().to_string());
                keyed += 1;
                nested(schema, &mut schemas);
            }
        }
        assert!(keyed > 10_000, "{keyed} schemas keyed");
    }

    fn item<T>(reference: &ReferenceOr<T>) -> Option<&T> {
        match reference {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The schemas of the document's components and operations.
    fn top_schemas<'d>(document: &'d openapiv3::OpenAPI, out: &mut Vec<&'d Schema>) {
        let content = |content: &'d openapiv3::Content, out: &mut Vec<&'d Schema>| {
            out.extend(content.values().filter_map(|media| media.schema.as_ref().and_then(item)));
        };
        let parameter =
            |parameter: &'d Parameter, out: &mut Vec<&'d Schema>| match &parameter.parameter_data_ref().format {
                ParameterSchemaOrContent::Schema(schema) => out.extend(item(schema)),
                ParameterSchemaOrContent::Content(media) => content(media, out),
            };
        if let Some(components) = &document.components {
            out.extend(components.schemas.values().filter_map(item));
            components.parameters.values().filter_map(item).for_each(|found| parameter(found, out));
            components.request_bodies.values().filter_map(item).for_each(|body| content(&body.content, out));
            components.responses.values().filter_map(item).for_each(|response| content(&response.content, out));
        }
        for path in document.paths.paths.values().filter_map(item) {
            path.parameters.iter().filter_map(item).for_each(|found| parameter(found, out));
            for (_, operation) in path.iter() {
                operation.parameters.iter().filter_map(item).for_each(|found| parameter(found, out));
                operation.request_body.iter().filter_map(item).for_each(|body| content(&body.content, out));
                let responses = operation.responses.default.iter().chain(operation.responses.responses.values());
                responses.filter_map(item).for_each(|response| content(&response.content, out));
            }
        }
    }

    /// The schemas directly inside `schema`.
    fn nested<'d>(schema: &'d Schema, out: &mut Vec<&'d Schema>) {
        use openapiv3::{AdditionalProperties, SchemaKind, Type};
        let boxed = |schema: &'d ReferenceOr<Box<Schema>>| item(schema).map(AsRef::as_ref);
        let additional = |additional: &'d Option<AdditionalProperties>| match additional {
            Some(AdditionalProperties::Schema(schema)) => item(schema),
            _ => None,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                out.extend(object.properties.values().filter_map(boxed));
                out.extend(additional(&object.additional_properties));
            }
            SchemaKind::Type(Type::Array(array)) => out.extend(array.items.as_ref().and_then(boxed)),
            SchemaKind::Type(_) => {}
            SchemaKind::OneOf { one_of: all }
            | SchemaKind::AllOf { all_of: all }
            | SchemaKind::AnyOf { any_of: all } => {
                out.extend(all.iter().filter_map(item));
            }
            SchemaKind::Not { not } => out.extend(item(not)),
            SchemaKind::Any(any) => {
                out.extend(any.properties.values().filter_map(boxed));
                out.extend(additional(&any.additional_properties));
                out.extend(any.items.as_ref().and_then(boxed));
                out.extend(any.one_of.iter().chain(&any.all_of).chain(&any.any_of).filter_map(item));
                out.extend(any.not.as_deref().and_then(item));
            }
        }
    }
}
