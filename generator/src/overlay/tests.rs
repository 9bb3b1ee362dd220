//! Unit tests of overlays: update and remove on objects and arrays, the order
//! of actions, warnings for targets selecting nothing, and every error located
//! in the overlay file.

use std::path::Path;

use serde_json::{json, Value};

use super::*;

const FILE: &str = "specs/pets/overlays/fix.yaml";

/// An overlay document with these actions.
fn overlay(actions: Value) -> Value {
    json!({"overlay": "1.0.0", "info": {"title": "Fixes", "version": "1"}, "actions": actions})
}

fn apply(document: &mut Value, overlay: &Value) -> Result<Vec<Diagnostic>, Failure> {
    apply_overlay(document, overlay, Path::new(FILE))
}

/// Applies `overlay`, expecting it to fail, and returns its only error; the document must be unchanged.
fn error_of(document: &Value, overlay: &Value) -> Diagnostic {
    let mut changed = document.clone();
    let failure = apply(&mut changed, overlay).expect_err("the overlay is wrong");
    assert_eq!(&changed, document, "a failing overlay changes nothing");
    let errors: Vec<&Diagnostic> = failure.diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).collect();
    assert_eq!(errors.len(), 1, "{failure}");
    errors[0].clone()
}

fn located_at(diagnostic: &Diagnostic, pointer: &str) {
    assert_eq!(diagnostic.location.file.as_deref(), Some(Path::new(FILE)), "{diagnostic}");
    assert_eq!(diagnostic.location.pointer.as_deref(), Some(pointer), "{diagnostic}");
}

fn pets() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "tags": [{"name": "pets"}],
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "tags": ["pets"],
                    "parameters": [
                        {"name": "limit", "in": "query"},
                        {"name": "dummy", "in": "query"},
                        {"name": "page", "in": "query"}
                    ],
                    "responses": {"200": {"description": "ok"}}
                },
                "post": {"operationId": "createPet", "responses": {"201": {"description": "created"}}}
            },
            "/pets/{id}": {"get": {"operationId": "getPet", "responses": {"200": {"description": "ok"}}}}
        }
    })
}

#[test]
fn update_merges_objects_recursively_appends_to_arrays_and_replaces_primitives() {
    let mut document = pets();
    let warnings = apply(
        &mut document,
        &overlay(json!([{
            "target": "$.paths['/pets'].get",
            "update": {
                "operationId": "list",
                "description": "Lists the pets.",
                "tags": ["animals"],
                "responses": {"200": {"description": "the pets"}, "404": {"description": "none"}}
            }
        }])),
    )
    .expect("applies");
    assert!(warnings.is_empty(), "{warnings:?}");
    let get = &document["paths"]["/pets"]["get"];
    assert_eq!(get["operationId"], "list", "a primitive replaces a primitive");
    assert_eq!(get["tags"], json!(["pets", "animals"]), "an array's entries are appended");
    assert_eq!(get["responses"]["200"], json!({"description": "the pets"}), "objects merge key by key");
    assert_eq!(get["responses"]["404"], json!({"description": "none"}), "new properties are added");
    assert_eq!(get["parameters"].as_array().map(Vec::len), Some(3), "what the update does not name is kept");
    let keys: Vec<&str> = get.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["operationId", "tags", "parameters", "responses", "description"], "new keys go last");
}

#[test]
fn update_on_an_array_appends_the_value_as_one_entry() {
    let mut document = pets();
    apply(
        &mut document,
        &overlay(json!([
            {"target": "$.paths.*.get.parameters", "update": {"name": "sort", "in": "query"}},
            {"target": "$.tags", "update": [{"name": "a"}, {"name": "b"}]},
        ])),
    )
    .expect("applies");
    let parameters = &document["paths"]["/pets"]["get"]["parameters"];
    assert_eq!(parameters.as_array().map(Vec::len), Some(4));
    assert_eq!(parameters[3], json!({"name": "sort", "in": "query"}));
    assert!(document["paths"]["/pets/{id}"]["get"].get("parameters").is_none(), "nothing selected there");
    // Overlay 1.0: the update is "an entry to append", so an array is one (nested) entry.
    assert_eq!(document["tags"], json!([{"name": "pets"}, [{"name": "a"}, {"name": "b"}]]));
}

#[test]
fn update_reaches_every_selected_node() {
    let mut document = pets();
    apply(&mut document, &overlay(json!([{"target": "$.paths.*[?@.operationId]", "update": {"x-seen": true}}])))
        .expect("applies");
    for (path, method) in [("/pets", "get"), ("/pets", "post"), ("/pets/{id}", "get")] {
        assert_eq!(document["paths"][path][method]["x-seen"], true, "{path} {method}");
    }
}

#[test]
fn remove_takes_objects_out_of_their_parent_and_entries_out_of_arrays() {
    let mut document = pets();
    apply(
        &mut document,
        &overlay(json!([
            {"target": "$.paths['/pets'].post", "remove": true},
            {"target": "$.paths['/pets'].get.parameters[?@.name != 'dummy']", "remove": true},
        ])),
    )
    .expect("applies");
    assert!(document["paths"]["/pets"].get("post").is_none());
    assert!(document["paths"]["/pets"].get("get").is_some(), "its sibling stays");
    // Entries 0 and 2 removed: neither removal shifted the other.
    assert_eq!(document["paths"]["/pets"]["get"]["parameters"], json!([{"name": "dummy", "in": "query"}]));
}

#[test]
fn remove_of_a_node_and_a_node_inside_it_and_of_duplicates_is_safe() {
    // Selects list[0], list[0].inner and list[2].
    let mut document = json!({"list": [{"inner": {"a": 1}}, {"b": 2}, {"c": 3}]});
    apply(&mut document, &overlay(json!([{"target": "$.list..[?@.a || @.inner || @.c]", "remove": true}])))
        .expect("applies");
    assert_eq!(document, json!({"list": [{"b": 2}]}));
    let mut document = json!({"list": [{"a": 1}, {"b": 2}, {"c": 3}]});
    apply(&mut document, &overlay(json!([{"target": "$.list[0, 0, 1]", "remove": true}]))).expect("applies");
    assert_eq!(document, json!({"list": [{"c": 3}]}), "each selected node is removed once");
}

#[test]
fn remove_keeps_the_order_of_the_other_keys() {
    let mut document = json!({"a": {}, "b": {}, "c": {}, "d": {}});
    apply(&mut document, &overlay(json!([{"target": "$.b", "remove": true}]))).expect("applies");
    let keys: Vec<&str> = document.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["a", "c", "d"]);
}

#[test]
fn actions_apply_in_order_each_to_what_the_previous_left() {
    let mut document = pets();
    apply(
        &mut document,
        &overlay(json!([
            {"target": "$.paths['/pets'].get", "update": {"operationId": "list"}},
            // Sees the new operationId.
            {"target": "$.paths.*[?@.operationId == 'list']", "update": {"summary": "List"}},
            // Remove, then re-create.
            {"target": "$.paths['/pets/{id}']", "remove": true},
            {"target": "$.paths", "update": {"/pets/{id}": {"delete": {"operationId": "deletePet"}}}},
        ])),
    )
    .expect("applies");
    assert_eq!(document["paths"]["/pets"]["get"]["summary"], "List");
    assert_eq!(document["paths"]["/pets/{id}"], json!({"delete": {"operationId": "deletePet"}}));

    let mut reversed = pets();
    let warnings = apply(
        &mut reversed,
        &overlay(json!([
            {"target": "$.paths.*[?@.operationId == 'list']", "update": {"summary": "List"}},
            {"target": "$.paths['/pets'].get", "update": {"operationId": "list"}},
        ])),
    )
    .expect("applies");
    assert!(reversed["paths"]["/pets"]["get"].get("summary").is_none(), "the first action ran before the rename");
    assert_eq!(warnings.len(), 1);
}

#[test]
fn a_target_selecting_nothing_is_a_warning_at_the_action() {
    let mut document = pets();
    let warnings = apply(
        &mut document,
        &overlay(json!([
            {"target": "$.info", "update": {"title": "Pet store"}},
            {"target": "$.paths['/owners'].get", "update": {"summary": "x"}},
            {"target": "$.webhooks", "remove": true},
        ])),
    )
    .expect("a target selecting nothing is not an error");
    assert_eq!(document["info"]["title"], "Pet store", "the other actions apply");
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|warning| !warning.is_error()));
    located_at(&warnings[0], "#/actions/1/target");
    located_at(&warnings[1], "#/actions/2/target");
    let shown = warnings[0].to_string();
    assert!(shown.starts_with("warning: the target `$.paths['/owners'].get` selects nothing"), "{shown}");
    assert!(shown.ends_with(&format!("--> {FILE} at #/actions/1/target")), "{shown}");
}

#[test]
fn an_invalid_jsonpath_is_an_error_at_its_target() {
    for target in ["$.paths[", "paths.x", "$.paths[?@.a ==]", "$..", ""] {
        let error = error_of(
            &pets(),
            &overlay(json!([{"target": "$.info", "update": {}}, {"target": target, "remove": true}])),
        );
        located_at(&error, "#/actions/1/target");
        assert!(error.message.contains("is not an RFC 9535 JSONPath"), "{target}: {error}");
    }
}

#[test]
fn a_non_object_update_on_an_object_is_an_error_at_the_update() {
    for update in [json!("text"), json!(["a"]), json!(null), json!(3)] {
        let error = error_of(&pets(), &overlay(json!([{"target": "$.info", "update": update}])));
        located_at(&error, "#/actions/0/update");
        assert!(error.message.contains("the target $['info'] is an object"), "{error}");
    }
}

#[test]
fn incompatible_properties_are_errors_at_the_property_of_the_update() {
    let error = error_of(
        &pets(),
        &overlay(json!([{"target": "$.paths['/pets']", "update": {"get": {"tags": {"a": 1}, "summary": "fine"}}}])),
    );
    located_at(&error, "#/actions/0/update/get/tags");
    assert!(
        error.message.contains("cannot merge an object into an array at $['paths']['/pets']['get']['tags']"),
        "{error}"
    );
    let error = error_of(&pets(), &overlay(json!([{"target": "$", "update": {"paths": null}}])));
    located_at(&error, "#/actions/0/update/paths");
}

#[test]
fn a_failing_action_leaves_the_document_as_it_was() {
    // The first action would apply; the second fails: neither is kept.
    let error = error_of(
        &pets(),
        &overlay(json!([
            {"target": "$.info", "update": {"title": "New"}},
            {"target": "$.info", "update": {"title": {"nested": true}}},
        ])),
    );
    located_at(&error, "#/actions/1/update/title");
}

#[test]
fn targets_must_be_objects_or_arrays() {
    let error = error_of(&pets(), &overlay(json!([{"target": "$.info.title", "update": {"x": 1}}])));
    located_at(&error, "#/actions/0/target");
    assert!(error.message.contains("selects the string \"Pets\" at $['info']['title']"), "{error}");
    let error = error_of(&pets(), &overlay(json!([{"target": "$.paths.*.get.tags[0]", "remove": true}])));
    located_at(&error, "#/actions/0/target");
    let error = error_of(&pets(), &overlay(json!([{"target": "$", "remove": true}])));
    assert!(error.message.contains("selects the document itself"), "{error}");
}

#[test]
fn the_overlay_version_must_be_stated_and_be_1_0() {
    let mut missing = overlay(json!([{"target": "$", "update": {}}]));
    missing.as_object_mut().expect("object").shift_remove("overlay");
    let error = error_of(&pets(), &missing);
    located_at(&error, "#");
    assert!(error.message.contains("`overlay`"), "{error}");

    for (version, expected) in [
        (json!("1.1.0"), "Overlay version 1.1.0 is not supported (only 1.0.x is"),
        (json!("2.0.0"), "Overlay version 2.0.0 is not supported"),
        (json!("1.0"), "Overlay version 1.0 is not supported"),
        (json!(1.0), "not the number 1.0"),
        (json!(["1.0.0"]), "not an array"),
    ] {
        let mut document = overlay(json!([{"target": "$", "update": {}}]));
        document["overlay"] = version;
        let error = error_of(&pets(), &document);
        located_at(&error, "#/overlay");
        assert!(error.message.contains(expected), "{error}");
    }
    for version in ["1.0.0", "1.0.1", "1.0.12"] {
        let mut document = overlay(json!([{"target": "$", "update": {}}]));
        document["overlay"] = json!(version);
        apply(&mut pets(), &document).expect("1.0.x is supported");
    }
}

#[test]
fn the_shape_of_the_overlay_is_checked_with_every_error_located() {
    let failure = apply(
        &mut pets(),
        &json!({
            "overlay": "1.0.0",
            "info": {"title": 3},
            "extends": 7,
            "x-note": "extensions are fine",
            "actions": [
                {"target": "$.info", "updates": {"title": "typo"}},
                {"target": "$.info", "remove": "yes"},
                "not an action",
                {"update": {}},
                {"target": "$.info", "copy": "$.paths", "x-mine": 1},
                {"target": "$.info", "description": 5, "update": {}}
            ]
        }),
    )
    .expect_err("the overlay is malformed");
    let mut places: Vec<&str> =
        failure.diagnostics.iter().filter_map(|error| error.location.pointer.as_deref()).collect();
    places.sort_unstable();
    let mut expected = vec![
        "#/info",                  // version missing
        "#/info/title",            // not a string
        "#/extends",               // not a string
        "#/actions/0/updates",     // unknown field
        "#/actions/0",             // nothing to do
        "#/actions/1/remove",      // not a boolean
        "#/actions/2",             // not an object
        "#/actions/3",             // target missing
        "#/actions/4/copy",        // Overlay 1.1
        "#/actions/4",             // nothing to do
        "#/actions/5/description", // not a string
    ];
    expected.sort_unstable();
    assert_eq!(places, expected, "{failure}");
    assert!(failure
        .diagnostics
        .iter()
        .all(|error| error.is_error() && error.location.file.as_deref() == Some(Path::new(FILE))));

    let error = error_of(&pets(), &overlay(json!([])));
    located_at(&error, "#/actions");
    let error = error_of(&pets(), &json!(["overlay"]));
    located_at(&error, "#");
}

#[test]
fn update_beside_remove_is_ignored_with_a_warning() {
    let mut document = pets();
    let warnings =
        apply(&mut document, &overlay(json!([{"target": "$.tags", "remove": true, "update": {"name": "x"}}])))
            .expect("applies");
    assert!(document.get("tags").is_none());
    assert_eq!(warnings.len(), 1);
    located_at(&warnings[0], "#/actions/0/update");
    let mut document = pets();
    apply(&mut document, &overlay(json!([{"target": "$.tags", "remove": false, "update": {"name": "x"}}])))
        .expect("applies");
    assert_eq!(document["tags"].as_array().map(Vec::len), Some(2), "`remove: false` is an update");
}

#[test]
fn overlay_files_apply_in_the_order_given_and_syntax_errors_carry_line_and_column() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let first = dir.path().join("b-first.yaml");
    let second = dir.path().join("a-second.json");
    std::fs::write(
        &first,
        "overlay: 1.0.0\ninfo: {title: rename, version: '1'}\nactions:\n  - target: $.paths['/pets'].get\n    update: {operationId: list}\n",
    )
    .expect("write");
    std::fs::write(
        &second,
        r#"{"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": [
            {"target": "$.paths.*[?@.operationId == 'list']", "update": {"operationId": "listAll"}}]}"#,
    )
    .expect("write");
    let mut document = pets();
    let warnings = apply_overlay_files(&mut document, &[first.clone(), second.clone()]).expect("applies");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(document["paths"]["/pets"]["get"]["operationId"], "listAll");

    let mut document = pets();
    let warnings = apply_overlay_files(&mut document, &[second.clone(), first.clone()]).expect("applies");
    assert_eq!(document["paths"]["/pets"]["get"]["operationId"], "list");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].location.file.as_deref(), Some(second.as_path()));

    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "overlay: 1.0.0\nactions: [\n  {target: $.x\n").expect("write");
    let mut document = pets();
    let failure = apply_overlay_files(&mut document, &[first.clone(), broken.clone()]).expect_err("syntax error");
    let error = &failure.diagnostics[0];
    assert_eq!(error.location.file.as_deref(), Some(broken.as_path()));
    assert!(error.location.line_column.is_some(), "{error}");
    assert!(error.message.starts_with("invalid YAML"), "{error}");
}

#[test]
fn no_input_panics() {
    let documents = [pets(), json!(null), json!([]), json!("text"), json!({"a": [[[{"b": [1, null]}]]]})];
    let targets = [
        "$",
        "$..*",
        "$..[*]",
        "$[*]",
        "$..a",
        "$..[?@.b]",
        "$..[?length(@) > 1]",
        "$..[?match(@, '[')]",
        "$[-1]",
        "$[::-9007199254740991]",
        "$[-9007199254740991:9007199254740991:9007199254740991]",
        "$..[?@ == 1e308]",
        "$..[?count(@..*) > 0]",
        "$..[?value(@..b) == 1]",
        "$..['a','a','a']",
        "$[::-1]",
    ];
    let changes = [json!({"remove": true}), json!({"update": {}}), json!({"update": {"b": [2]}}), json!({"update": 1})];
    for document in &documents {
        for target in targets {
            for change in &changes {
                let mut action = change.clone();
                action["target"] = json!(target);
                let mut changed = document.clone();
                let _ = apply(&mut changed, &overlay(json!([action])));
            }
        }
    }
}
