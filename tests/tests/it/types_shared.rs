//! Structurally identical inline schemas are one type, named after what the
//! places that use it share.

use crate::fixtures::shared::districts::ListDistrictsError;
use crate::fixtures::shared::types::{BadRequest, BadRequestError, NotFound};
use crate::fixtures::shared::villages::ListVillagesError;

#[test]
fn identical_inline_error_bodies_of_two_operations_are_one_type() {
    // Both operations' 400 hold the same `BadRequest`, whatever their docs say.
    let body: BadRequest =
        serde_json::from_value(serde_json::json!({"error": "invalid_grant", "error_description": "expired"}))
            .expect("decodes");
    assert_eq!(body.error, Some(BadRequestError::InvalidGrant));
    let districts = ListDistrictsError::BadRequest(body.clone());
    let villages = ListVillagesError::BadRequest(body);
    assert!(
        matches!(districts, ListDistrictsError::BadRequest(_)) && matches!(villages, ListVillagesError::BadRequest(_))
    );
    // A body of another shape (another `error` enum) stays its own type.
    let _: NotFound = serde_json::from_value(serde_json::json!({"error": "not_found"})).expect("decodes");
}

#[test]
fn the_generated_module_declares_each_shape_once() {
    let spec = crate::support::fixture("types_shared.yaml");
    let generated = openapi_clientgen::generate_file(&spec, &openapi_clientgen::Config::default()).expect("generates");
    let start = generated.source.find("pub mod types {").expect("a types module");
    let types = &generated.source[start..];
    let declared = |name: &str| types.matches(&format!("pub struct {name} ")).count();
    assert_eq!(declared("BadRequest"), 1);
    assert_eq!(declared("ListDistrictsBadRequest") + declared("ListVillagesBadRequest"), 0);
    let mut structs: Vec<&str> = types
        .split("pub struct ")
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
        .filter(|name| !name.starts_with("Client"))
        .collect();
    structs.sort_unstable();
    assert_eq!(structs, ["BadRequest", "ListDistrictsResponseItem", "NotFound"]);
}
