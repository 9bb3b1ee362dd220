//! Composition: allOf merged into one struct, oneOf with a discriminator,
//! untagged oneOf/anyOf in an order that decodes correctly, collapsing.

use serde_json::json;

use crate::fixtures::composition::types::{
    Base, Cat, Circle, Dog, NotAString, Owner, Pet, Rect, Scalar, Shape, Wrapped,
};

#[test]
fn all_of_merges_members_into_one_struct() {
    let cat = Cat::new("c1", "cat", true);
    assert_eq!(serde_json::to_value(&cat).expect("encodes"), json!({"id": "c1", "petType": "cat", "meows": true}));
    let dog: Dog =
        serde_json::from_value(json!({"id": "d1", "petType": "dog", "barks": 3, "created": "2026-01-01T00:00:00Z"}))
            .expect("decodes");
    assert_eq!(dog.barks, Some(3));
    assert!(dog.created.is_some());
}

#[test]
fn a_discriminated_one_of_picks_the_variant_by_tag() {
    let pets: Vec<Pet> = serde_json::from_value(json!([
        {"petType": "cat", "id": "c", "meows": false},
        {"petType": "dog", "id": "d"},
        {"petType": "parrot", "id": "p", "talks": true}
    ]))
    .expect("decodes");
    assert!(matches!(&pets[0], Pet::Cat(cat) if !cat.meows));
    assert!(matches!(&pets[1], Pet::Dog(dog) if dog.id == "d"));
    assert!(matches!(&pets[2], Pet::Unknown(value) if value["talks"] == true));
    let back = serde_json::to_value(&pets).expect("encodes");
    assert_eq!(back[1], json!({"petType": "dog", "id": "d"}));
    assert!(serde_json::from_value::<Pet>(json!({"id": "no tag"})).is_err());
}

#[test]
fn untagged_unions_try_the_most_specific_alternative_first() {
    let rect: Shape = serde_json::from_value(json!({"width": 2.0, "height": 3.0, "radius": 1.0})).expect("decodes");
    assert!(matches!(rect, Shape::Rect(Rect { width, .. }) if width == 2.0));
    let circle: Shape = serde_json::from_value(json!({"radius": 1.5})).expect("decodes");
    assert_eq!(circle, Shape::Circle(Circle { radius: 1.5 }));
    assert_eq!(serde_json::to_value(&circle).expect("encodes"), json!({"radius": 1.5}));

    let scalars: Vec<Scalar> = serde_json::from_value(json!(["a", 7, true, ["x"]])).expect("decodes");
    assert_eq!(
        scalars,
        [Scalar::String("a".into()), Scalar::Integer(7), Scalar::Boolean(true), Scalar::StringList(vec!["x".into()])]
    );
    assert_eq!(serde_json::to_value(&scalars).expect("encodes"), json!(["a", 7, true, ["x"]]));
}

#[test]
fn single_member_compositions_collapse_and_not_is_any_json() {
    let wrapped: Wrapped = Base::new("w");
    let owner: Owner = serde_json::from_value(json!({"wrapped": {"id": "w"}, "maybe": null})).expect("decodes");
    assert_eq!(owner.wrapped, Some(wrapped));
    assert_eq!(owner.maybe, None);
    let anything: NotAString = json!({"free": 1});
    assert_eq!(serde_json::to_value(anything).expect("encodes"), json!({"free": 1}));
}
