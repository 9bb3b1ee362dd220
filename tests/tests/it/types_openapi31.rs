//! OpenAPI 3.1 (`fixtures/openapi31.yaml`): every construct the generator
//! rewrites into 3.0 decodes and encodes as the 3.1 schema means.

use std::collections::BTreeMap;

use serde_json::json;

use crate::fixtures::shop::types::{
    Currency, IdOrName, Kind, LabelItem, Money, Order, OrderLine, Shipment, Status, Version,
};

fn full_order() -> serde_json::Value {
    json!({
        "id": 7, "kind": "order", "version": 2, "note": null, "status": "shipped",
        "lines": [{"sku": "A-1", "quantity": 2, "unitPrice": {"amount": 1.5, "currency": "EUR"}}],
        "total": {"amount": 3.0, "currency": "EUR"},
        "shipment": {"carrier": "DHL", "trackingUrl": "https://track.example/1"},
        "coordinates": [52.5, 13.4], "label": ["aisle", 4], "idOrName": "seven",
        "thumbnail": "iVBORw==", "always": "anything", "tags": {"gift": "yes"},
        "contact": {"email": "a@example.com"}
    })
}

#[test]
fn a_full_order_decodes_and_round_trips() {
    let order: Order = serde_json::from_value(full_order()).expect("decodes");
    assert_eq!(order.kind, Kind::Order, "`const` is a one-value enum");
    assert_eq!(order.version, Some(Version::Value2));
    assert_eq!(order.note, None, "`type: [string, null]` admits null");
    assert_eq!(order.status, Status::Shipped, "`$ref` with siblings keeps the referenced type");
    assert_eq!(order.lines[0].unit_price.as_ref().map(|price| price.currency.clone()), Some(Currency::Eur));
    assert_eq!(order.total, Some(Money { amount: 3.0, currency: Currency::Eur }), "`$defs` are types");
    let shipment = Shipment { carrier: "DHL".into(), tracking_url: Some(Some("https://track.example/1".into())) };
    assert_eq!(order.shipment, Some(Some(shipment)), "`$id` refs resolve");
    assert_eq!(order.always, Some(Some(json!("anything"))), "`type: null` alone is any value, optional");
    assert_eq!(order.coordinates, Some(vec![52.5, 13.4]), "a tuple of numbers is a list of numbers");
    assert_eq!(order.label, Some(vec![LabelItem::String("aisle".into()), LabelItem::Integer(4)]));
    assert_eq!(order.id_or_name, Some(IdOrName::String("seven".into())), "several types are an untagged enum");
    assert_eq!(order.thumbnail.as_ref().map(|bytes| bytes.0.clone()), Some(vec![0x89, b'P', b'N', b'G']));
    assert_eq!(order.tags, Some(BTreeMap::from([("gift".to_owned(), "yes".to_owned())])));
    assert_eq!(serde_json::to_value(&order).expect("encodes"), full_order());
}

#[test]
fn a_required_nullable_member_is_sent_as_null_and_defaults_apply() {
    let order = Order::new(1, Kind::Order, vec![OrderLine::new("B-2", 1)], None);
    assert_eq!(order.status, Status::Open, "the default beside a `$ref` applies");
    assert_eq!(
        serde_json::to_value(&order).expect("encodes"),
        json!({"id": 1, "kind": "order", "note": null, "status": "open", "lines": [{"sku": "B-2", "quantity": 1}]})
    );
    let decoded: Order =
        serde_json::from_value(json!({"id": 1, "kind": "order", "note": "n", "lines": []})).expect("decodes");
    assert_eq!((decoded.status, decoded.note.as_deref()), (Status::Open, Some("n")));
}

#[test]
fn null_members_decode_as_none() {
    let order: Order = serde_json::from_value(json!({
        "id": 1, "kind": "order", "note": null, "lines": [], "shipment": null, "always": null
    }))
    .expect("decodes");
    assert_eq!((order.shipment, order.always), (Some(None), Some(None)), "null, not absent");
    let shipment: Shipment = serde_json::from_value(json!({"carrier": "x", "trackingUrl": null})).expect("decodes");
    assert_eq!(shipment.tracking_url, Some(None));
    let shipment: Shipment = serde_json::from_value(json!({"carrier": "x"})).expect("decodes");
    assert_eq!(shipment.tracking_url, None);
}

#[test]
fn integer_and_string_alternatives_decode_by_json_type() {
    let decoded: IdOrName = serde_json::from_value(json!(42)).expect("decodes");
    assert_eq!(decoded, IdOrName::Integer(42));
    assert!(serde_json::from_value::<IdOrName>(json!(true)).is_err());
}
