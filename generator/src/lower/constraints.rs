//! Validation keywords → [`Constraints`]: what a field, parameter or body
//! must satisfy before the client sends it.
//!
//! A value's constraints are those of its schema, following `$ref`s and
//! single-schema compositions the way its type does, so a property that
//! refers to `Email: {type: string, pattern: …}` (an alias, which has no
//! place to check anything itself) is checked where it is used.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use crate::diagnostics::Diagnostic;
use crate::ir::{Bound, Constraints, Number};
use crate::limits::MAX_DEPTH;
use crate::pointer::{component_name, Pointer};

use super::schema::{sole_member, SchemaRef};

/// The constraints of the value described by `schema` at `at`. `component`
/// finds a component schema by name. Patterns the regex crate cannot compile
/// are dropped with a warning.
pub(super) fn lower<'d>(
    schema: SchemaRef<'_>,
    component: impl Fn(&str) -> Option<&'d ReferenceOr<Schema>>,
    at: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Constraints {
    Lowering { component: &component, diagnostics }.of(schema, at, 0)
}

struct Lowering<'l, 'd> {
    component: &'l dyn Fn(&str) -> Option<&'d ReferenceOr<Schema>>,
    diagnostics: &'l mut Vec<Diagnostic>,
}

impl<'d> Lowering<'_, 'd> {
    fn of(&mut self, schema: SchemaRef<'_>, at: &Pointer, depth: usize) -> Constraints {
        match schema {
            SchemaRef::Ref(reference) => self.of_ref(reference, depth),
            SchemaRef::Inline(schema) => self.of_schema(schema, at, depth),
        }
    }

    /// Unresolvable references are reported where the type is lowered; here they constrain nothing.
    fn of_ref(&mut self, reference: &str, depth: usize) -> Constraints {
        let Some(name) = component_name(reference, "schemas") else { return Constraints::default() };
        let Some(schema) = (self.component)(&name) else { return Constraints::default() };
        if depth >= MAX_DEPTH {
            return Constraints::default();
        }
        let at = Pointer::root().join("components").join("schemas").join(&name);
        self.of(schema.into(), &at, depth + 1)
    }

    fn of_schema(&mut self, schema: &Schema, at: &Pointer, depth: usize) -> Constraints {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => Constraints {
                min_length: string.min_length.map(to_u64).filter(|min| *min > 0),
                max_length: string.max_length.map(to_u64),
                pattern: string.pattern.as_ref().and_then(|pattern| self.pattern(pattern, &at.join("pattern"))),
                ..Constraints::default()
            },
            SchemaKind::Type(Type::Integer(integer)) => Constraints {
                minimum: integer
                    .minimum
                    .map(|value| Bound { value: Number::Int(value), exclusive: integer.exclusive_minimum }),
                maximum: integer
                    .maximum
                    .map(|value| Bound { value: Number::Int(value), exclusive: integer.exclusive_maximum }),
                multiple_of: integer
                    .multiple_of
                    .and_then(|value| self.multiple_of(value > 0, Number::Int(value), &at.join("multipleOf"))),
                ..Constraints::default()
            },
            SchemaKind::Type(Type::Number(number)) => Constraints {
                minimum: number
                    .minimum
                    .map(|value| Bound { value: Number::Float(value), exclusive: number.exclusive_minimum }),
                maximum: number
                    .maximum
                    .map(|value| Bound { value: Number::Float(value), exclusive: number.exclusive_maximum }),
                multiple_of: number
                    .multiple_of
                    .and_then(|value| self.multiple_of(value > 0.0, Number::Float(value), &at.join("multipleOf"))),
                ..Constraints::default()
            },
            SchemaKind::Type(Type::Array(array)) => Constraints {
                min_items: array.min_items.map(to_u64).filter(|min| *min > 0),
                max_items: array.max_items.map(to_u64),
                items: array.items.as_ref().and_then(|items| nested(self.of(items.into(), &at.join("items"), depth))),
                ..Constraints::default()
            },
            // Objects with properties are structs, which check their own fields.
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => Constraints {
                        values: nested(self.of(values.as_ref().into(), &at.join("additionalProperties"), depth)),
                        ..Constraints::default()
                    },
                    _ => Constraints::default(),
                }
            }
            // So is an `allOf` of one schema and annotations (`description`).
            SchemaKind::AllOf { all_of: members } if members.len() > 1 && sole_member(members).is_some() => {
                let index = sole_member(members).unwrap_or_default();
                self.of((&members[index]).into(), &at.join("allOf").join(index.to_string()), depth)
            }
            // One-schema compositions are the schema they wrap, as their types are.
            SchemaKind::OneOf { one_of: members }
            | SchemaKind::AnyOf { any_of: members }
            | SchemaKind::AllOf { all_of: members }
                if members.len() == 1 =>
            {
                let keyword = match &schema.schema_kind {
                    SchemaKind::OneOf { .. } => "oneOf",
                    SchemaKind::AnyOf { .. } => "anyOf",
                    _ => "allOf",
                };
                self.of((&members[0]).into(), &at.join(keyword).join("0"), depth)
            }
            _ => Constraints::default(),
        }
    }

    /// The pattern, if the regex crate compiles it. ECMA-262 features it lacks
    /// (look-around, backreferences) make the pattern unchecked, with a warning.
    fn pattern(&mut self, pattern: &str, at: &Pointer) -> Option<String> {
        match regex::Regex::new(pattern) {
            Ok(_) => Some(pattern.to_owned()),
            Err(error) => {
                let reason = error.to_string();
                let reason = reason.lines().rfind(|line| !line.trim().is_empty()).unwrap_or_default().trim();
                let reason = reason.strip_prefix("error: ").unwrap_or(reason).trim_end_matches('.');
                self.warn(
                    format!("pattern `{pattern}` is not supported by the regex crate ({reason}); it is not checked"),
                    at,
                );
                None
            }
        }
    }

    fn multiple_of(&mut self, positive: bool, value: Number, at: &Pointer) -> Option<Number> {
        if positive {
            return Some(value);
        }
        self.warn("`multipleOf` must be greater than 0; it is not checked", at);
        None
    }

    /// Warns once per location: a component's constraints are read wherever it is used.
    fn warn(&mut self, message: impl Into<String>, at: &Pointer) {
        let diagnostic = Diagnostic::warning_at(message, at);
        if !self.diagnostics.contains(&diagnostic) {
            self.diagnostics.push(diagnostic);
        }
    }
}

fn nested(constraints: Constraints) -> Option<Box<Constraints>> {
    (!constraints.is_empty()).then(|| Box::new(constraints))
}

fn to_u64(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ir::{Api, Bound, Constraints, Number, Ty, TypeKind};

    fn analyse(schemas: serde_json::Value, parameter: serde_json::Value) -> (Api, Vec<String>) {
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {"/things": {"post": {
                "parameters": [parameter],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "responses": {"204": {"description": "done"}}
            }}},
            "components": {"schemas": schemas}
        });
        let (document, _) = crate::parse_document(&document).expect("valid document");
        let (api, diagnostics) = crate::analyse(&document, &crate::Config::default(), "t");
        (api, diagnostics.iter().map(ToString::to_string).collect())
    }

    fn field<'a>(api: &'a Api, type_name: &str, wire_name: &str) -> &'a Constraints {
        let def = api.types.iter().find(|def| def.name == type_name).expect("type exists");
        let TypeKind::Struct(shape) = &def.kind else { panic!("{type_name} is a struct") };
        &shape.fields.iter().find(|field| field.wire_name == wire_name).expect("field exists").constraints
    }

    #[test]
    fn constraints_follow_refs_into_items_and_map_values() {
        let (api, warnings) = analyse(
            json!({
                "Code": {"type": "string", "minLength": 0, "maxLength": 8, "pattern": "^[A-Z]+$"},
                "Thing": {"type": "object", "properties": {
                    "code": {"$ref": "#/components/schemas/Code"},
                    "codes": {"type": "array", "minItems": 0, "maxItems": 3, "items": {"$ref": "#/components/schemas/Code"}},
                    "scores": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "exclusiveMinimum": true}},
                    "count": {"oneOf": [{"type": "integer", "maximum": 10, "multipleOf": 2}]},
                    "free": {"type": "string"}
                }}
            }),
            json!({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let code = Constraints { max_length: Some(8), pattern: Some("^[A-Z]+$".into()), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "code"), &code, "a minimum length of 0 is no constraint");
        let codes = Constraints { max_items: Some(3), items: Some(Box::new(code)), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "codes"), &codes);
        let positive = Constraints {
            minimum: Some(Bound { value: Number::Float(0.0), exclusive: true }),
            ..Constraints::default()
        };
        let scores = Constraints { values: Some(Box::new(positive)), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "scores"), &scores);
        let count = Constraints {
            maximum: Some(Bound { value: Number::Int(10), exclusive: false }),
            multiple_of: Some(Number::Int(2)),
            ..Constraints::default()
        };
        assert_eq!(field(&api, "Thing", "count"), &count);
        assert!(field(&api, "Thing", "free").is_empty());
        let operation = api.operations().next().expect("one operation");
        assert_eq!(operation.params[0].constraints.minimum, Some(Bound { value: Number::Int(1), exclusive: false }));
        assert!(operation
            .body
            .as_ref()
            .is_some_and(|body| body.constraints.is_empty() && matches!(body.ty, Ty::Named(_))));
        assert!(crate::emit::cargo_manifest(&[&api], "t", "test").contains("regex"));
    }

    #[test]
    fn patterns_the_regex_crate_rejects_are_skipped_with_one_warning_each() {
        let (api, warnings) = analyse(
            json!({
                "Word": {"type": "string", "pattern": "^(?=[A-Z])\\w+$"},
                "Thing": {"type": "object", "properties": {
                    "first": {"$ref": "#/components/schemas/Word"},
                    "second": {"$ref": "#/components/schemas/Word"},
                    "step": {"type": "number", "multipleOf": 0}
                }}
            }),
            json!({"name": "id", "in": "query", "schema": {"type": "string", "format": "uuid", "pattern": "^[0-9a-f-]+$"}}),
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("pattern `^(?=[A-Z])\\w+$` is not supported by the regex crate (look-around"));
        assert!(warnings[0].contains("#/components/schemas/Word/pattern"));
        assert!(warnings[1].contains("`multipleOf` must be greater than 0"));
        assert!(warnings[1].contains("#/components/schemas/Thing/properties/step/multipleOf"));
        assert!(field(&api, "Thing", "first").is_empty());
        assert!(field(&api, "Thing", "step").is_empty());
        // A pattern on a UUID is kept in the IR but not checked: the type already is one.
        assert!(!crate::emit::cargo_manifest(&[&api], "t", "test").contains("regex"));
    }
}
