//! One test per rule: the 3.1 input, the 3.0 output, and the warnings' pointers.

use serde_json::{json, Value};

use super::*;

/// A document whose only content is the component schema `S`.
fn with_schema(schema: Value) -> Value {
    json!({"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}, "components": {"schemas": {"S": schema}}})
}

/// The normalised schema `S` and the pointers of the warnings.
fn schema(schema: Value) -> (Value, Vec<String>) {
    let mut document = with_schema(schema);
    let warnings = normalize(&mut document);
    (document["components"]["schemas"]["S"].clone(), pointers(&warnings))
}

fn pointers(warnings: &[Diagnostic]) -> Vec<String> {
    warnings.iter().map(|warning| warning.location.pointer.clone().unwrap_or_default()).collect()
}

fn document(document: Value) -> (Value, Vec<Diagnostic>) {
    let mut document = document;
    let warnings = normalize(&mut document);
    (document, warnings)
}

const S: &str = "#/components/schemas/S";

#[test]
fn the_version_becomes_3_0_3_and_only_3_1_is_normalised() {
    let (document, warnings) = document(with_schema(json!({"type": "string"})));
    assert_eq!(document["openapi"], "3.0.3");
    assert!(warnings.is_empty());
    assert!(is_openapi31(&json!({"openapi": "3.1.1"})));
    assert!(!is_openapi31(&json!({"openapi": "3.0.3"})));
    assert!(!is_openapi31(&json!({"swagger": "2.0"})));
}

#[test]
fn a_type_list_with_null_is_nullable() {
    assert_eq!(schema(json!({"type": ["string", "null"]})), (json!({"type": "string", "nullable": true}), vec![]));
    assert_eq!(schema(json!({"type": ["integer"]})), (json!({"type": "integer"}), vec![]));
}

#[test]
fn several_types_are_any_of_one_schema_per_type_with_its_keywords() {
    let (value, warnings) = schema(json!({
        "type": ["string", "integer", "null"], "maxLength": 3, "minimum": 1, "format": "int64",
        "description": "d", "enum": ["a", 1, null]
    }));
    assert!(warnings.is_empty());
    assert_eq!(
        value,
        json!({"description": "d", "nullable": true, "anyOf": [
            {"type": "string", "maxLength": 3, "enum": ["a"]},
            {"type": "integer", "minimum": 1, "format": "int64", "enum": [1]}
        ]})
    );
}

#[test]
fn several_types_beside_a_composition_drop_the_type_with_a_warning() {
    let (value, warnings) = schema(json!({"type": ["string", "integer"], "oneOf": [{"minLength": 1}, {"minimum": 1}]}));
    assert_eq!(value, json!({"oneOf": [{"minLength": 1}, {"minimum": 1}]}));
    assert_eq!(warnings, [format!("{S}/type")]);
}

#[test]
fn type_null_alone_is_a_nullable_value_of_any_type_with_a_warning() {
    assert_eq!(schema(json!({"type": "null"})), (json!({"nullable": true}), vec![S.to_owned()]));
    assert_eq!(schema(json!({"const": null})), (json!({"nullable": true}), vec![S.to_owned()]));
}

#[test]
fn a_null_member_of_any_of_makes_the_other_member_nullable() {
    let (value, warnings) = schema(
        json!({"anyOf": [{"type": "string", "maxLength": 5}, {"type": "null"}], "title": "Name", "default": null}),
    );
    assert!(warnings.is_empty());
    assert_eq!(value, json!({"title": "Name", "default": null, "type": "string", "maxLength": 5, "nullable": true}));
}

#[test]
fn a_null_member_beside_a_ref_wraps_the_ref() {
    let (value, _) =
        schema(json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"}));
    assert_eq!(value, json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}));
}

#[test]
fn a_null_member_among_several_keeps_the_union_nullable() {
    let (value, _) = schema(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}));
    assert_eq!(value, json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}));
    let (value, _) = schema(json!({"anyOf": [{"type": ["string", "null"]}, {"type": "integer"}]}));
    assert_eq!(value, json!({"anyOf": [{"type": "string", "nullable": true}, {"type": "integer"}], "nullable": true}));
}

#[test]
fn a_member_colliding_with_the_schema_becomes_an_all_of_member() {
    let (value, _) =
        schema(json!({"anyOf": [{"type": "string", "title": "Inner"}, {"type": "null"}], "title": "Outer"}));
    assert_eq!(value, json!({"title": "Outer", "allOf": [{"type": "string", "title": "Inner"}], "nullable": true}));
}

#[test]
fn const_is_a_single_value_enum_typed_after_its_value() {
    assert_eq!(schema(json!({"const": "item"})), (json!({"type": "string", "enum": ["item"]}), vec![]));
    assert_eq!(schema(json!({"const": 3, "type": "integer"})), (json!({"type": "integer", "enum": [3]}), vec![]));
    assert_eq!(schema(json!({"const": 1.5})).0, json!({"type": "number", "enum": [1.5]}));
}

#[test]
fn the_first_of_examples_is_the_example() {
    assert_eq!(schema(json!({"type": "number", "examples": [9.99, 1]})).0, json!({"type": "number", "example": 9.99}));
    let (value, _) = schema(json!({"type": "number", "example": 2, "examples": [9.99]}));
    assert_eq!(value, json!({"type": "number", "example": 2}));
    assert_eq!(schema(json!({"type": "number", "examples": []})).0, json!({"type": "number"}));
}

#[test]
fn numeric_exclusive_bounds_are_3_0_bounds() {
    let (value, _) = schema(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}));
    assert_eq!(
        value,
        json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true})
    );
    let (value, _) = schema(json!({"type": "integer", "minimum": 5, "exclusiveMinimum": 1}));
    assert_eq!(value, json!({"type": "integer", "minimum": 5}), "the inclusive bound is stricter");
    let (value, _) = schema(json!({"type": "integer", "minimum": 1, "exclusiveMinimum": 1}));
    assert_eq!(value, json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true}));
    let (value, _) = schema(json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true}));
    assert_eq!(value, json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true}), "3.0 form is kept");
}

#[test]
fn a_ref_with_siblings_is_wrapped_in_all_of() {
    let (value, warnings) = schema(json!({"$ref": "#/components/schemas/Color", "description": "d", "default": "red"}));
    assert!(warnings.is_empty());
    assert_eq!(value, json!({"description": "d", "default": "red", "allOf": [{"$ref": "#/components/schemas/Color"}]}));
    assert_eq!(schema(json!({"$ref": "#/components/schemas/C"})).0, json!({"$ref": "#/components/schemas/C"}));
}

#[test]
fn content_encoding_and_media_type_are_formats() {
    let (value, _) = schema(json!({"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"}));
    assert_eq!(value, json!({"type": "string", "format": "byte"}));
    assert_eq!(
        schema(json!({"type": "string", "contentMediaType": "application/octet-stream"})).0,
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(schema(json!({"type": "string", "contentMediaType": "application/json"})).0, json!({"type": "string"}));
    let (value, warnings) = schema(json!({"type": "string", "contentEncoding": "base32"}));
    assert_eq!((value, warnings), (json!({"type": "string"}), vec![format!("{S}/contentEncoding")]));
}

#[test]
fn prefix_items_are_an_array_of_any_member_type_with_a_warning() {
    let (value, warnings) = schema(json!({"type": "array", "prefixItems": [{"type": "integer"}, {"type": "integer"}]}));
    assert_eq!(value, json!({"type": "array", "items": {"type": "integer"}}));
    assert_eq!(warnings, [format!("{S}/prefixItems")]);
    let (value, _) = schema(json!({"prefixItems": [{"type": "string"}, {"type": "number"}], "items": false}));
    assert_eq!(value, json!({"items": {"oneOf": [{"type": "string"}, {"type": "number"}]}, "type": "array"}));
    let (value, _) = schema(json!({"type": "array", "prefixItems": [{"type": "string"}, true]}));
    assert_eq!(value, json!({"type": "array", "items": {}}));
}

#[test]
fn boolean_schemas_and_items() {
    let (value, warnings) =
        schema(json!({"type": "object", "properties": {"any": true, "never": false}, "additionalProperties": false}));
    assert_eq!(
        value,
        json!({"type": "object", "properties": {"any": {}, "never": {"not": {}}}, "additionalProperties": false})
    );
    assert_eq!(warnings, [format!("{S}/properties/never")]);
    assert_eq!(schema(json!({"type": "array", "items": false})).0, json!({"type": "array", "maxItems": 0}));
    assert_eq!(schema(json!({"type": "array", "items": true})).0, json!({"type": "array"}));
}

#[test]
fn unsupported_assertions_are_dropped_with_a_warning_each() {
    let (value, warnings) = schema(json!({
        "type": "object", "properties": {"a": {"type": "string"}},
        "dependentRequired": {"a": ["b"]}, "unevaluatedProperties": false, "$comment": "c", "$schema": "x"
    }));
    assert_eq!(value, json!({"type": "object", "properties": {"a": {"type": "string"}}}));
    assert_eq!(warnings, [format!("{S}/dependentRequired"), format!("{S}/unevaluatedProperties")]);
}

#[test]
fn pattern_properties_are_additional_properties_with_a_warning() {
    let (value, warnings) =
        schema(json!({"type": "object", "patternProperties": {"^x-": {"type": ["string", "null"]}}}));
    assert_eq!(value, json!({"type": "object", "additionalProperties": {"type": "string", "nullable": true}}));
    assert_eq!(warnings, [format!("{S}/patternProperties")]);
}

#[test]
fn subschemas_are_normalised_with_their_own_pointers() {
    let (value, warnings) = schema(json!({
        "type": "object",
        "properties": {"list": {"type": "array", "items": {"type": ["integer", "null"], "examples": [1]}}},
        "additionalProperties": {"allOf": [{"type": "null"}]}
    }));
    assert_eq!(value["properties"]["list"]["items"], json!({"type": "integer", "nullable": true, "example": 1}));
    assert_eq!(warnings, [format!("{S}/additionalProperties/allOf/0")]);
}

#[test]
fn defs_are_hoisted_into_components_and_refs_rewritten() {
    let (document, warnings) = document(json!({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Line": {"type": "string"},
            "Order": {
                "$id": "https://example.com/order",
                "type": "object",
                "properties": {
                    "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}},
                    "note": {"$ref": "#/$defs/Note"},
                    "self": {"$ref": "#"},
                    "anchored": {"$ref": "#money"}
                },
                "$defs": {
                    "Line": {"type": "object", "properties": {"note": {"$ref": "#/$defs/Note"}}},
                    "Note": {"type": "string"},
                    "Money": {"$anchor": "money", "type": "number"}
                }
            },
            "Elsewhere": {"$ref": "https://example.com/order#/$defs/Note"},
            "ByPointer": {"$ref": "#/components/schemas/Order/$defs/Line"}
        }}
    }));
    assert!(warnings.is_empty(), "{warnings:?}");
    let schemas = &document["components"]["schemas"];
    let names: Vec<&str> = schemas.as_object().map(|s| s.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(names, ["Line", "Order", "Elsewhere", "ByPointer", "OrderLine", "Note", "Money"]);
    let order = &schemas["Order"];
    assert!(order.get("$defs").is_none() && order.get("$id").is_none());
    assert_eq!(order["properties"]["lines"]["items"]["$ref"], "#/components/schemas/OrderLine");
    assert_eq!(order["properties"]["note"]["$ref"], "#/components/schemas/Note");
    assert_eq!(order["properties"]["self"]["$ref"], "#/components/schemas/Order");
    assert_eq!(order["properties"]["anchored"]["$ref"], "#/components/schemas/Money");
    assert_eq!(schemas["OrderLine"]["properties"]["note"]["$ref"], "#/components/schemas/Note");
    assert_eq!(schemas["Elsewhere"]["$ref"], "#/components/schemas/Note");
    assert_eq!(schemas["ByPointer"]["$ref"], "#/components/schemas/OrderLine");
    assert_eq!(schemas["Money"], json!({"type": "number"}));
}

#[test]
fn defs_refs_without_an_id_resolve_against_the_enclosing_schema_with_a_warning() {
    let (document, warnings) = document(with_schema(json!({
        "type": "object",
        "properties": {"tag": {"$ref": "#/$defs/Tag"}},
        "$defs": {"Tag": {"type": "string"}}
    })));
    assert_eq!(document["components"]["schemas"]["S"]["properties"]["tag"]["$ref"], "#/components/schemas/Tag");
    assert_eq!(document["components"]["schemas"]["Tag"], json!({"type": "string"}));
    assert_eq!(pointers(&warnings), [format!("{S}/properties/tag/$ref")]);
}

#[test]
fn nested_defs_are_hoisted_too() {
    let (document, _) = document(with_schema(json!({
        "$id": "urn:s",
        "$defs": {"A": {"$id": "a", "$defs": {"B": {"type": "integer"}}, "$ref": "#/$defs/B"}},
        "$ref": "#/$defs/A"
    })));
    let schemas = &document["components"]["schemas"];
    assert_eq!(schemas["S"], json!({"$ref": "#/components/schemas/A"}));
    assert_eq!(schemas["A"], json!({"$ref": "#/components/schemas/B"}));
    assert_eq!(schemas["B"], json!({"type": "integer"}));
}

#[test]
fn top_level_3_1_members_are_rewritten_or_dropped() {
    let (document, warnings) = document(json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "T", "version": "1", "summary": "S", "license": {"name": "MIT", "identifier": "MIT"}},
        "webhooks": {"newPet": {"post": {"responses": {"200": {"description": "ok"}}}}},
        "components": {"securitySchemes": {"tls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "k"}}}
    }));
    assert_eq!(document["info"]["description"], "S");
    assert!(document["info"].get("summary").is_none());
    assert_eq!(document["info"]["license"], json!({"name": "MIT", "url": "https://spdx.org/licenses/MIT.html"}));
    assert_eq!(document["paths"], json!({}), "absent paths are empty");
    assert!(document.get("webhooks").is_none() && document.get("jsonSchemaDialect").is_none());
    assert_eq!(document["components"]["securitySchemes"].as_object().map(|schemes| schemes.len()), Some(1));
    assert_eq!(
        pointers(&warnings),
        ["#/jsonSchemaDialect", "#/webhooks", "#/components/securitySchemes/tls"],
        "{warnings:?}"
    );
    assert!(warnings[1].message.contains("`newPet`"));
}

#[test]
fn the_oas_dialect_needs_no_warning_and_info_description_wins_over_summary() {
    let (document, warnings) = document(json!({
        "openapi": "3.1.0", "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": "T", "version": "1", "summary": "S", "description": "D"}, "paths": {}
    }));
    assert!(warnings.is_empty());
    assert_eq!(document["info"], json!({"title": "T", "version": "1", "description": "D"}));
}

#[test]
fn path_items_from_components_are_inlined_and_operations_get_responses() {
    let (document, _) = document(json!({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/pets": {"$ref": "#/components/pathItems/Pets", "summary": "local"}},
        "components": {"pathItems": {"Pets": {"summary": "shared", "get": {"operationId": "list"}}}}
    }));
    assert_eq!(
        document["paths"]["/pets"],
        json!({"summary": "local", "get": {"operationId": "list", "responses": {}}})
    );
    assert!(document["components"].get("pathItems").is_none());
}

#[test]
fn schemas_everywhere_in_the_document_are_normalised() {
    let (document, _) = document(json!({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/x": {
            "parameters": [{"name": "a", "in": "query", "schema": {"type": ["integer", "null"]}}],
            "post": {
                "requestBody": {"content": {"application/json": {"schema": {"const": "x"}}}},
                "responses": {"200": {
                    "description": "ok",
                    "headers": {"X-N": {"schema": {"type": ["string", "null"]}}},
                    "content": {"application/json": {"schema": {"examples": ["e"], "type": "string"}}}
                }}
            }
        }},
        "components": {
            "parameters": {"P": {"name": "p", "in": "query", "schema": {"type": ["boolean", "null"]}}},
            "responses": {"R": {"description": "r", "content": {"text/plain": {"schema": {"type": ["string", "null"]}}}}}
        }
    }));
    let item = &document["paths"]["/x"];
    assert_eq!(item["parameters"][0]["schema"], json!({"type": "integer", "nullable": true}));
    assert_eq!(
        item["post"]["requestBody"]["content"]["application/json"]["schema"],
        json!({"type": "string", "enum": ["x"]})
    );
    let response = &item["post"]["responses"]["200"];
    assert_eq!(response["headers"]["X-N"]["schema"], json!({"type": "string", "nullable": true}));
    assert_eq!(response["content"]["application/json"]["schema"], json!({"type": "string", "example": "e"}));
    assert_eq!(document["components"]["parameters"]["P"]["schema"], json!({"type": "boolean", "nullable": true}));
    let text = &document["components"]["responses"]["R"]["content"]["text/plain"]["schema"];
    assert_eq!(*text, json!({"type": "string", "nullable": true}));
}

#[test]
fn media_type_examples_are_not_schema_examples() {
    let (document, _) = document(json!({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"type": "string"}, "examples": {"one": {"value": "a"}}
        }}}}}}}
    }));
    let media = &document["paths"]["/x"]["get"]["responses"]["200"]["content"]["application/json"];
    assert_eq!(media["examples"], json!({"one": {"value": "a"}}));
}

#[test]
fn any_input_is_normalised_without_panicking() {
    for input in [
        json!(null),
        json!([]),
        json!({"openapi": "3.1.0", "paths": 3, "components": {"schemas": {"A": 1, "B": [], "C": {"type": 7}}}}),
        json!({"openapi": "3.1.0", "components": {"schemas": {"A": {"$defs": 1, "$id": 2, "$ref": 3, "anyOf": 4}}}}),
        json!({"openapi": "3.1.0", "paths": {"/a": {"$ref": "#/paths/~1a"}}}),
        json!({"openapi": "3.1.0", "components": {"schemas": {"A": {"$ref": "#/$defs/Missing", "prefixItems": 1}}}}),
        json!({"openapi": "3.1.0", "components": {"schemas": {"A": {"type": [], "enum": 1, "const": [1], "examples": 1}}}}),
    ] {
        let mut value = input;
        let _ = normalize(&mut value);
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let mut deep = json!({"type": "string"});
    for _ in 0..300 {
        deep = json!({"items": deep, "type": ["array", "null"]});
    }
    let mut document = with_schema(deep);
    let _ = normalize(&mut document);
}

#[test]
fn document_pointers_inside_a_schema_with_an_id_still_designate_the_document() {
    let (document, warnings) = document(json!({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Status": {"type": "string"},
            "Order": {"$id": "https://example.com/order", "properties": {"status": {"$ref": "#/components/schemas/Status"}}}
        }}
    }));
    assert!(warnings.is_empty());
    assert_eq!(
        document["components"]["schemas"]["Order"]["properties"]["status"]["$ref"],
        "#/components/schemas/Status"
    );
}

#[test]
fn discriminator_mappings_into_defs_are_rewritten() {
    let (document, _) = document(with_schema(json!({
        "$id": "https://example.com/pet",
        "oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
        "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/$defs/Cat", "dog": "Dog"}},
        "$defs": {
            "Cat": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "Dog": {"type": "object", "properties": {"kind": {"type": "string"}}}
        }
    })));
    let pet = &document["components"]["schemas"]["S"];
    assert_eq!(pet["oneOf"], json!([{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]));
    assert_eq!(pet["discriminator"]["mapping"], json!({"cat": "#/components/schemas/Cat", "dog": "Dog"}));
}
