//! Enums: wire values, catch-all variants, integer enums, null, single values
//! and values that are not identifiers.

use serde_json::json;

use crate::fixtures::enums::types::{Awkward, Color, Level, Only, Palette, Priority, Shade, Sizes};

#[test]
fn string_enums_round_trip_and_keep_unknown_values() {
    let colors: Vec<Color> = serde_json::from_value(json!(["red", "dark-blue", "mauve"])).expect("decodes");
    assert_eq!(colors, [Color::Red, Color::DarkBlue, Color::Unknown("mauve".into())]);
    assert_eq!(serde_json::to_value(&colors).expect("encodes"), json!(["red", "dark-blue", "mauve"]));
    assert_eq!(Color::DarkBlue.to_string(), "dark-blue");
    assert_eq!("green".parse::<Color>(), Ok(Color::Green));
}

#[test]
fn integer_enums_round_trip_and_keep_unknown_values() {
    let values: Vec<Priority> = serde_json::from_value(json!([1, 3, 99])).expect("decodes");
    assert_eq!(values, [Priority::Value1, Priority::Value3, Priority::Unknown(99)]);
    assert_eq!(serde_json::to_value(&values).expect("encodes"), json!([1, 3, 99]));
    assert_eq!(Level::from(10), Level::High);
    assert_eq!(Level::Low.value(), 0);
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
}

#[test]
fn null_members_make_the_field_optional() {
    let palette: Palette = serde_json::from_value(json!({"size": null, "sizes": "m"})).expect("decodes");
    assert_eq!(palette.size, None);
    assert_eq!(palette.sizes, Some(Sizes::M));
    let palette: Palette = serde_json::from_value(json!({"size": "large", "shade": "dark"})).expect("decodes");
    assert_eq!(palette.shade, Some(Shade::Dark));
    assert_eq!(serde_json::to_value(&palette).expect("encodes"), json!({"size": "large", "shade": "dark"}));
}

#[test]
fn single_value_and_awkward_values_have_variants() {
    assert_eq!(serde_json::from_value::<Only>(json!("the-one")).expect("decodes"), Only::TheOne);
    let awkward =
        [Awkward::Minus, Awkward::Empty, Awkward::N1st, Awkward::FooBar, Awkward::Foo, Awkward::Foo2, Awkward::Plus];
    let wire = serde_json::to_value(&awkward).expect("encodes");
    assert_eq!(wire, json!(["-", "", "1st", "foo bar", "Foo", "foo", "+"]));
    let back: Vec<Awkward> = serde_json::from_value(wire).expect("decodes");
    assert_eq!(back, awkward);
}
