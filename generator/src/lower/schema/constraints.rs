//! Validation keywords → [`Constraints`]: what a field, parameter or body must
//! satisfy before the client sends it.
//!
//! They are found by the walk that gives a value its type (`Types::ty_of`),
//! so the two always agree on which schema describes the value (through
//! `$ref`s, `allOf` of one schema and annotations, compositions of one
//! member), and a keyword is kept only where the value's type checks it:
//! string rules on `String`s, bounds on numbers, item rules on arrays. A
//! `$ref` carries the constraints of the component it names (an alias type has
//! no place of its own to check them), settled once every component is
//! lowered: components may refer to components lowered after them.

use openapiv3::{ArrayType, IntegerType, NumberType, StringType};

use crate::diagnostics::Diagnostic;
use crate::ir::{Bound, Constraints, Number, TypeId};
use crate::pointer::Pointer;

/// Constraints as the type walk finds them.
#[derive(Debug, Clone, Default)]
pub(in crate::lower) enum Found {
    /// Nothing is checked on the value.
    #[default]
    Nothing,
    /// Those of the component a `$ref` names.
    Component(TypeId),
    /// The keywords of the schema at `at`, and what its items or values must satisfy.
    Keywords { at: Pointer, own: Box<Constraints>, items: Box<Found>, values: Box<Found> },
}

impl Found {
    fn keywords(at: &Pointer, own: Constraints) -> Self {
        Self::Keywords { at: at.clone(), own: Box::new(own), items: Box::default(), values: Box::default() }
    }

    /// The keywords of a string schema whose value is a `String`.
    pub(super) fn of_string(string: &StringType, at: &Pointer) -> Self {
        let own = Constraints {
            min_length: string.min_length.map(to_u64).filter(|min| *min > 0),
            max_length: string.max_length.map(to_u64),
            pattern: string.pattern.clone(),
            ..Constraints::default()
        };
        Self::keywords(at, own)
    }

    /// The keywords of an integer schema, whatever its width.
    pub(super) fn of_integer(integer: &IntegerType, at: &Pointer) -> Self {
        let bound = |value: Option<i64>, exclusive| value.map(|value| Bound { value: Number::Int(value), exclusive });
        let own = Constraints {
            minimum: bound(integer.minimum, integer.exclusive_minimum),
            maximum: bound(integer.maximum, integer.exclusive_maximum),
            multiple_of: integer.multiple_of.map(Number::Int),
            ..Constraints::default()
        };
        Self::keywords(at, own)
    }

    /// The keywords of a number schema.
    pub(super) fn of_number(number: &NumberType, at: &Pointer) -> Self {
        let bound = |value: Option<f64>, exclusive| value.map(|value| Bound { value: Number::Float(value), exclusive });
        let own = Constraints {
            minimum: bound(number.minimum, number.exclusive_minimum),
            maximum: bound(number.maximum, number.exclusive_maximum),
            multiple_of: number.multiple_of.map(Number::Float),
            ..Constraints::default()
        };
        Self::keywords(at, own)
    }

    /// The keywords of an array schema whose items must satisfy `items`.
    pub(super) fn of_array(array: &ArrayType, items: Found, at: &Pointer) -> Self {
        let own = Constraints {
            min_items: array.min_items.map(to_u64).filter(|min| *min > 0),
            max_items: array.max_items.map(to_u64),
            ..Constraints::default()
        };
        Self::Keywords { at: at.clone(), own: Box::new(own), items: Box::new(items), values: Box::default() }
    }

    /// A list whose items must satisfy `items`.
    pub(super) fn of_items(items: Found, at: &Pointer) -> Self {
        Self::Keywords { at: at.clone(), own: Box::default(), items: Box::new(items), values: Box::default() }
    }

    /// A map whose values must satisfy `values`.
    pub(super) fn of_map(values: Found, at: &Pointer) -> Self {
        Self::Keywords { at: at.clone(), own: Box::default(), items: Box::default(), values: Box::new(values) }
    }
}

/// The constraints `found` stands for, given what each component's values
/// must satisfy (`components`, by index). Patterns the regex crate cannot
/// compile and `multipleOf`s not above 0 are left out, with a warning in
/// `diagnostics` (once per place).
pub(super) fn settle(found: &Found, components: &[Found], diagnostics: &mut Vec<Diagnostic>) -> Constraints {
    Settle { components, open: Vec::new(), diagnostics }.settle(found)
}

struct Settle<'a> {
    components: &'a [Found],
    /// The components being followed: one met again inside itself (an array
    /// of itself) constrains nothing more.
    open: Vec<TypeId>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Settle<'_> {
    fn settle(&mut self, found: &Found) -> Constraints {
        match found {
            Found::Nothing => Constraints::default(),
            Found::Component(id) if self.open.contains(id) => Constraints::default(),
            Found::Component(id) => {
                let Some(component) = self.components.get(id.0) else { return Constraints::default() };
                self.open.push(*id);
                let constraints = self.settle(component);
                self.open.pop();
                constraints
            }
            Found::Keywords { at, own, items, values } => {
                let mut constraints = (**own).clone();
                constraints.pattern = own.pattern.as_ref().and_then(|pattern| {
                    checked_pattern(pattern, &at.join("pattern"), self.diagnostics).then(|| pattern.clone())
                });
                constraints.multiple_of = own.multiple_of.filter(|factor| {
                    let positive = match factor {
                        Number::Int(value) => *value > 0,
                        Number::Float(value) => *value > 0.0,
                    };
                    if !positive {
                        let message = "`multipleOf` must be greater than 0; it is not checked";
                        warn_once(self.diagnostics, Diagnostic::warning_at(message, &at.join("multipleOf")));
                    }
                    positive
                });
                constraints.items = nested(self.settle(items));
                constraints.values = nested(self.settle(values));
                constraints
            }
        }
    }
}

/// Whether the regex crate compiles `pattern`. ECMA-262 features it lacks
/// (look-around, backreferences) leave the pattern unchecked, with a warning.
fn checked_pattern(pattern: &str, at: &Pointer, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let Err(error) = regex::Regex::new(pattern) else { return true };
    let reason = error.to_string();
    let reason = reason.lines().rfind(|line| !line.trim().is_empty()).unwrap_or_default().trim();
    let reason = reason.strip_prefix("error: ").unwrap_or(reason).trim_end_matches('.');
    let message = format!("pattern `{pattern}` is not supported by the regex crate ({reason}); it is not checked");
    warn_once(diagnostics, Diagnostic::warning_at(message, at));
    false
}

/// A component's constraints are settled wherever it is used: its warnings are given once.
fn warn_once(diagnostics: &mut Vec<Diagnostic>, diagnostic: Diagnostic) {
    if !diagnostics.contains(&diagnostic) {
        diagnostics.push(diagnostic);
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
        let (document, _) = crate::parse_document(document).expect("valid document");
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
        // A pattern on a UUID is not checked: the type already is one.
        let operation = api.operations().next().expect("one operation");
        assert!(operation.params[0].constraints.is_empty());
        assert!(!crate::emit::cargo_manifest(&[&api], "t", "test").contains("regex"));
    }

    #[test]
    fn constraints_are_those_of_the_schema_the_type_comes_from() {
        let (api, warnings) = analyse(
            json!({
                "Codes": {"type": "array", "maxItems": 2, "items": {"$ref": "#/components/schemas/Code"}},
                "Code": {"type": "string", "maxLength": 8},
                "Nested": {"type": "array", "maxItems": 3, "items": {"$ref": "#/components/schemas/Nested"}},
                "Thing": {"type": "object", "properties": {
                    "described": {"allOf": [{"$ref": "#/components/schemas/Code"}, {"description": "A code."}]},
                    "maybe": {"anyOf": [{"$ref": "#/components/schemas/Code"}, {"nullable": true}]},
                    "codes": {"$ref": "#/components/schemas/Codes"},
                    "untyped": {"additionalProperties": {"type": "integer", "minimum": 1}},
                    "day": {"type": "string", "format": "date", "maxLength": 10},
                    "kind": {"type": "string", "enum": ["a", "b"], "maxLength": 1},
                    "nested": {"$ref": "#/components/schemas/Nested"}
                }}
            }),
            json!({"name": "limit", "in": "query", "schema": {"$ref": "#/components/schemas/Code"}}),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let code = Constraints { max_length: Some(8), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "described"), &code, "an allOf of one schema and annotations");
        assert_eq!(field(&api, "Thing", "maybe"), &code, "a nullable anyOf of one schema");
        let codes = Constraints { max_items: Some(2), items: Some(Box::new(code.clone())), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "codes"), &codes, "a component referring to one defined after it");
        let positive =
            Constraints { minimum: Some(Bound { value: Number::Int(1), exclusive: false }), ..Constraints::default() };
        let values = Constraints { values: Some(Box::new(positive)), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "untyped"), &values, "a map without `type: object`");
        assert!(field(&api, "Thing", "day").is_empty(), "string rules apply to strings only");
        assert!(field(&api, "Thing", "kind").is_empty(), "enums check their values by their type");
        let nested = Constraints { max_items: Some(3), ..Constraints::default() };
        assert_eq!(field(&api, "Thing", "nested"), &nested, "an array of itself is checked at its top");
        let operation = api.operations().next().expect("one operation");
        assert_eq!(operation.params[0].constraints, code);
    }
}
