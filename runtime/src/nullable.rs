//! Reads and writes the three states of an optional nullable property
//! (`Option<Option<T>>`, with `#[serde(default, skip_serializing_if =
//! "Option::is_none", with = "runtime::nullable")]`): absent is `None` and
//! is not sent, `null` is `Some(None)`, a value is `Some(Some(value))`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `null` or the value; `None` is skipped before this is called.
pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// A present property: `null` is `Some(None)`; an absent one never gets here (`default`).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
