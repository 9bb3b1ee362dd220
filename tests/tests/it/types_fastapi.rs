//! The types of FastAPI's own OpenAPI 3.1 document (`fixtures/fastapi.json`,
//! served by `fastapi/app.py`): `Optional[...]` fields, nested models, enums,
//! and the `HTTPValidationError` body of a 422, as FastAPI sends them.

use serde_json::json;

use crate::fixtures::inventory::types::{Color, HttpValidationError, Item, ItemCreate, ItemKind, LocItem};

#[test]
fn an_item_as_fastapi_sends_it_decodes() {
    let sent = json!({
        "kind": "item", "id": 1, "name": "Lamp", "price": 19.5, "color": "light-blue", "description": null,
        "dimensions": {"width": 1.0, "height": 2.0, "depth": null}, "tags": ["a"], "attributes": {"k": "v"},
        "position": [3, 7], "created_by": "ann", "created_at": "2024-01-02T03:04:05Z"
    });
    let item: Item = serde_json::from_value(sent).expect("decodes");
    assert_eq!(item.kind, ItemKind::Item);
    assert_eq!(item.color, Color::LightBlue);
    assert_eq!(item.description, None, "`anyOf: [string, null]` admits null; Item is only received");
    // `Dimensions` is also sent (in `ItemCreate`): null and absent are kept apart.
    assert_eq!(item.dimensions.as_ref().and_then(|dimensions| dimensions.depth), Some(None));
    assert_eq!(item.position, Some(vec![3, 7]));
    assert_eq!(item.created_at.to_string(), "2024-01-02T03:04:05Z");
}

#[test]
fn a_new_item_sends_only_what_was_set() {
    let body = ItemCreate::new("Chair", 0.0);
    assert_eq!(serde_json::to_value(&body).expect("encodes"), json!({"name": "Chair", "price": 0.0, "color": "red"}));
}

#[test]
fn fastapis_validation_error_decodes() {
    let body = json!({"detail": [{
        "type": "value_error", "loc": ["body", "name", 0], "msg": "Value error, this name is reserved",
        "input": "reserved", "ctx": {"error": {}}
    }]});
    let error: HttpValidationError = serde_json::from_value(body.clone()).expect("decodes");
    let detail = error.detail.as_deref().expect("listed");
    assert_eq!(detail[0].loc, [LocItem::String("body".into()), LocItem::String("name".into()), LocItem::Integer(0)]);
}
