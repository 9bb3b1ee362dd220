//! Helpers for the serde code of tagged unions (a `discriminator`): reading the tag,
//! decoding the selected variant, writing the tag back.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads an object of a tagged union: the discriminator's value and the whole object.
pub fn read_tagged<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    property: &str,
) -> Result<(String, serde_json::Value), D::Error> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
    match value.get(property).and_then(serde_json::Value::as_str) {
        Some(tag) => Ok((tag.to_owned(), value)),
        None => Err(serde::de::Error::custom(format!("missing discriminator `{property}`"))),
    }
}

/// Decodes the variant a discriminator selected (the object still holds the discriminator).
pub fn decode_variant<T: DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// Encodes a variant of a tagged union, adding the discriminator when the payload lacks it.
pub fn serialize_tagged<T: Serialize, S: serde::Serializer>(
    value: &T,
    property: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let serde_json::Value::Object(object) = &mut json {
        object.entry(property).or_insert_with(|| serde_json::Value::from(tag));
    }
    json.serialize(serializer)
}
