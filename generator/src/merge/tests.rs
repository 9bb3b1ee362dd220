//! Unit tests of the merge: unions, dedup, every kind of conflict, YAML
//! fragments, external references and determinism.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use super::*;

fn fragment(file: &str, document: Value) -> Fragment {
    Fragment { file: file.into(), document }
}

/// A minimal valid fragment with one operation and optional components.
fn operation(path: &str, method: &str, schemas: Value) -> Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "T", "version": "1"},
        "paths": {path: {method: {"responses": {"200": {"description": "ok"}}}}},
        "components": {"schemas": schemas},
    })
}

fn merge_ok(fragments: &[Fragment]) -> Merged {
    match merge(fragments, &BTreeMap::new()) {
        Ok(merged) => merged,
        Err(failure) => panic!("merge failed:\n{failure}"),
    }
}

fn merge_err(fragments: &[Fragment]) -> String {
    match merge(fragments, &BTreeMap::new()) {
        Ok(_) => panic!("merge should have failed"),
        Err(failure) => failure.to_string(),
    }
}

#[test]
fn paths_are_a_union_and_identical_components_are_kept_once() {
    let pet = json!({"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}});
    let merged = merge_ok(&[
        fragment("a.json", operation("/pets", "get", pet.clone())),
        fragment("b.json", operation("/pets", "post", pet.clone())),
        fragment("c.json", operation("/owners", "get", pet)),
    ]);
    let paths = &merged.document["paths"];
    assert!(
        paths["/pets"]["get"].is_object() && paths["/pets"]["post"].is_object() && paths["/owners"]["get"].is_object()
    );
    assert_eq!(merged.document["components"]["schemas"].as_object().map(|schemas| schemas.len()), Some(1));
    assert_eq!(merged.origin_of("#/paths/~1pets/post/responses"), Some(Path::new("b.json")));
    assert_eq!(merged.origin_of("#/paths/~1owners/get"), Some(Path::new("c.json")));
}

#[test]
fn the_same_operation_in_two_fragments_names_both_files() {
    let error = merge_err(&[
        fragment("first.json", operation("/pets", "get", json!({}))),
        fragment("second.json", operation("/pets", "get", json!({}))),
    ]);
    assert!(error.contains("operation GET /pets is defined in two fragments: first.json and second.json"), "{error}");
}

#[test]
fn a_component_conflict_names_both_files_the_component_and_the_first_difference() {
    let error = merge_err(&[
        fragment(
            "a.json",
            operation("/a", "get", json!({"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}})),
        ),
        fragment(
            "b.json",
            operation("/b", "get", json!({"Pet": {"type": "object", "properties": {"id": {"type": "string"}}}})),
        ),
    ]);
    assert!(error.contains("`#/components/schemas/Pet` differs between a.json and b.json"), "{error}");
    assert!(error.contains("first difference at #/components/schemas/Pet/properties/id/type"), "{error}");
}

#[test]
fn every_components_section_is_checked() {
    for section in ["responses", "parameters", "requestBodies", "headers", "securitySchemes", "examples"] {
        let with = |value: Value| {
            let mut document = operation("/x", "get", json!({}));
            document["components"][section] = json!({"Thing": value});
            document
        };
        let error = merge_err(&[
            fragment("a.json", with(json!({"description": "one"}))),
            fragment("b.json", with(json!({"description": "two"}))),
        ]);
        assert!(
            error.contains(&format!("`#/components/{section}/Thing` differs between a.json and b.json")),
            "{section}: {error}"
        );
    }
}

#[test]
fn shared_top_level_members_must_agree_unless_overridden() {
    let mut other_server = operation("/b", "get", json!({}));
    other_server["servers"] = json!([{"url": "https://two.example"}]);
    let mut one_server = operation("/a", "get", json!({}));
    one_server["servers"] = json!([{"url": "https://one.example"}]);
    let fragments = [fragment("a.json", one_server), fragment("b.json", other_server)];
    let error = merge_err(&fragments);
    assert!(error.contains("`#/servers` differs between a.json and b.json"), "{error}");
    assert!(error.contains("codegen.toml"), "{error}");

    let overrides = BTreeMap::from([("servers".to_owned(), json!([{"url": "https://chosen.example"}]))]);
    let merged = merge(&fragments, &overrides).expect("the override settles the disagreement");
    assert_eq!(merged.document["servers"][0]["url"], "https://chosen.example");

    let mut other_info = operation("/c", "get", json!({}));
    other_info["info"]["version"] = json!("2");
    let error = merge_err(&[fragment("a.json", operation("/a", "get", json!({}))), fragment("c.json", other_info)]);
    assert!(
        error.contains("`#/info` differs between a.json and c.json (first difference at #/info/version)"),
        "{error}"
    );
}

#[test]
fn tags_are_a_union_and_conflicting_tags_are_errors() {
    let with_tags = |tags: Value| {
        let mut document = operation("/x", "get", json!({}));
        document["tags"] = tags;
        document
    };
    let mut second = with_tags(json!([{"name": "b"}, {"name": "a", "description": "A"}]));
    second["paths"] = json!({"/y": {"get": {"responses": {"200": {"description": "ok"}}}}});
    let merged = merge_ok(&[
        fragment("1.json", with_tags(json!([{"name": "a", "description": "A"}]))),
        fragment("2.json", second),
    ]);
    assert_eq!(merged.document["tags"], json!([{"name": "a", "description": "A"}, {"name": "b"}]));

    let mut conflicting = with_tags(json!([{"name": "a", "description": "other"}]));
    conflicting["paths"] = json!({"/z": {"get": {"responses": {"200": {"description": "ok"}}}}});
    let error = merge_err(&[
        fragment("1.json", with_tags(json!([{"name": "a", "description": "A"}]))),
        fragment("3.json", conflicting),
    ]);
    assert!(error.contains("tag `a` differs between 1.json and 3.json"), "{error}");
}

#[test]
fn unresolvable_refs_are_errors_with_pointer_and_file() {
    let mut document = operation("/x", "get", json!({}));
    document["paths"]["/x"]["get"]["responses"]["200"]["content"] =
        json!({"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}});
    let error = merge_err(&[fragment("x.json", document)]);
    assert!(error.contains("unresolvable $ref `#/components/schemas/Missing`"), "{error}");
    assert!(error.contains("x.json at #/paths/~1x/get/responses/200/content/application~1json/schema/$ref"), "{error}");
}

#[test]
fn yaml_fragments_and_external_refs_are_merged() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write fixture");
    write(
        "pets.yaml",
        "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: './common.yaml#/components/schemas/Pet'}\n",
    );
    write(
        "common.yaml",
        "components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        owner: {$ref: '#/components/schemas/Owner'}\n        tag: {$ref: 'tag.json'}\n    Owner: {type: object, properties: {name: {type: string}}}\n",
    );
    write("tag.json", r#"{"type": "string"}"#);
    let fragment = Fragment::load(&dir.path().join("pets.yaml")).expect("valid YAML");
    let merged = merge_ok(&[fragment]);
    let schemas = &merged.document["components"]["schemas"];
    let schema = &merged.document["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/Pet");
    assert_eq!(schemas["Pet"]["properties"]["owner"]["$ref"], "#/components/schemas/Owner");
    assert_eq!(schemas["Pet"]["properties"]["tag"]["$ref"], "#/components/schemas/tag");
    assert_eq!(schemas["Owner"]["properties"]["name"]["type"], "string");
    assert_eq!(schemas["tag"]["type"], "string");
}

#[test]
fn a_missing_external_file_is_an_error_naming_the_ref() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("a.json");
    let mut document = operation("/x", "get", json!({}));
    document["paths"]["/x"]["get"]["responses"]["200"]["content"] =
        json!({"application/json": {"schema": {"$ref": "./nowhere.yaml#/components/schemas/X"}}});
    std::fs::write(&file, document.to_string()).expect("write fixture");
    let error = merge_err(&[Fragment::load(&file).expect("valid JSON")]);
    assert!(error.contains("nowhere.yaml") && error.contains("cannot read the file"), "{error}");
}

#[test]
fn merging_is_deterministic() {
    let fragments = [
        fragment("a.json", operation("/b", "get", json!({"Z": {"type": "string"}, "A": {"type": "integer"}}))),
        fragment("b.json", operation("/a", "put", json!({"M": {"type": "boolean"}}))),
    ];
    let first = merge_ok(&fragments).to_pretty_json();
    for _ in 0..5 {
        assert_eq!(merge_ok(&fragments).to_pretty_json(), first);
    }
    assert!(first.ends_with("}\n"));
}

#[test]
fn an_invalid_merged_document_is_reported_with_its_pointer() {
    let mut document = operation("/x", "get", json!({}));
    document["paths"]["/x"]["get"]["responses"] = json!("not an object");
    let error = merge_err(&[fragment("bad.json", document)]);
    assert!(error.contains("not valid") && error.contains("bad.json at #/paths/~1x/get/responses"), "{error}");
}

fn with_version(path: &str, version: &str) -> Value {
    let mut document = operation(path, "get", json!({}));
    document["openapi"] = json!(version);
    document
}

#[test]
fn fragments_of_different_openapi_versions_are_an_error_naming_both_files() {
    let fragments =
        [fragment("old.json", with_version("/a", "3.0.3")), fragment("new.json", with_version("/b", "3.1.0"))];
    let error = merge_err(&fragments);
    assert!(
        error.contains("fragments state different OpenAPI versions: \"3.0.3\" in old.json and \"3.1.0\" in new.json"),
        "{error}"
    );
    assert!(error.contains("[spec] openapi"), "{error}");
}

#[test]
fn codegen_toml_may_state_3_1_for_a_mix_but_not_3_0() {
    let mut nullable = with_version("/a", "3.0.3");
    nullable["components"]["schemas"] = json!({"Old": {"type": "string", "nullable": true}});
    let mut typed = with_version("/b", "3.1.0");
    typed["components"]["schemas"] = json!({"New": {"type": ["string", "null"]}});
    let fragments = [fragment("old.json", nullable), fragment("new.json", typed)];

    let as_31 = BTreeMap::from([("openapi".to_owned(), json!("3.1.0"))]);
    let merged = merge(&fragments, &as_31).unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(merged.document["openapi"], "3.1.0");
    let (model, _) = crate::parse_document(merged.document).expect("the mix reads as 3.1");
    let schemas = model.components.expect("components").schemas;
    for name in ["Old", "New"] {
        let openapiv3::ReferenceOr::Item(schema) = &schemas[name] else { panic!("{name} is inline") };
        assert!(schema.schema_data.nullable, "{name} keeps its meaning");
    }

    let as_30 = BTreeMap::from([("openapi".to_owned(), json!("3.0.3"))]);
    let error = match merge(&fragments, &as_30) {
        Ok(_) => panic!("3.0 cannot state a 3.1 fragment"),
        Err(failure) => failure.to_string(),
    };
    assert!(
        error.contains("new.json is OpenAPI \"3.1.0\", which codegen.toml's [spec] openapi = \"3.0.3\""),
        "{error}"
    );
}

#[test]
fn references_of_3_1_fragments_are_checked_as_3_1_resolves_them() {
    let mut document = with_version("/a", "3.1.0");
    document["components"]["schemas"] = json!({"Order": {
        "$id": "https://example.com/order", "type": "object",
        "properties": {"line": {"$ref": "#/$defs/Line"}, "missing": {"$ref": "#/$defs/Missing"}},
        "$defs": {"Line": {"type": "string"}}
    }});
    let error = merge_err(&[fragment("order.json", document)]);
    assert!(error.contains("unresolvable $ref `#/$defs/Missing`"), "{error}");
    assert!(!error.contains("#/$defs/Line"), "{error}");
}
