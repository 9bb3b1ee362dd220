//! Names: keywords, names that are not identifiers, and names that collide
//! after case conversion all become distinct Rust names, and every original
//! name survives a round trip.

use serde_json::json;

use crate::fixtures::names::types::{Keywords, PetOwner, PetOwner2, Self_, Type};

#[test]
fn every_original_property_name_round_trips() {
    let example = json!({
        "type": "t", "match": "m", "self": "s", "Self": "S", "crate": "c", "@id": "i", "$ref": "r",
        "+1": 1, "2fa": true, "x-rate-limit": 10, "名前": "n", "": "e", "fooBar": "camel", "foo_bar": "snake"
    });
    let value: Keywords = serde_json::from_value(example.clone()).expect("decodes");
    assert_eq!(value.r#type.as_deref(), Some("t"));
    assert_eq!(value.r#match.as_deref(), Some("m"));
    assert_eq!(value.n2fa, Some(true));
    assert_eq!((value.self_.as_deref(), value.self_2.as_deref()), (Some("s"), Some("S")));
    assert_eq!(value.x_rate_limit, Some(10));
    assert_eq!((value.foo_bar.as_deref(), value.foo_bar_2.as_deref()), (Some("camel"), Some("snake")));
    assert_eq!(serde_json::to_value(&value).expect("encodes"), example);
}

#[test]
fn type_names_colliding_after_pascal_casing_are_numbered_in_spec_order() {
    let first: PetOwner = serde_json::from_value(json!({"name": "n"})).expect("decodes");
    let second: PetOwner2 = serde_json::from_value(json!({"title": "t"})).expect("decodes");
    assert_eq!((first.name.as_deref(), second.title.as_deref()), (Some("n"), Some("t")));
    let keyword_named: Type = "plain string".to_owned();
    let reserved: Self_ = serde_json::from_value(json!({"ok": true})).expect("decodes");
    assert_eq!((keyword_named.as_str(), reserved.ok), ("plain string", Some(true)));
}
