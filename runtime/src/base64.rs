//! Bytes that travel as base64 text (OpenAPI's `format: byte`).

use serde::Serialize;

/// Bytes that travel as base64 text (OpenAPI's `format: byte`).
///
/// Encodes with the standard alphabet and padding; decodes standard or
/// URL-safe text, padded or not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl std::ops::Deref for Base64 {
    type Target = Vec<u8>;

    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl Serialize for Base64 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Base64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use ::base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
        use ::base64::Engine as _;
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text.as_bytes()).ok())
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not base64")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_accepts_url_safe_unpadded_text() {
        let value: Base64 = serde_json::from_str(r#""aGk/Pz4+""#).expect("standard");
        assert_eq!(value.as_slice(), b"hi??>>");
        assert_eq!(serde_json::to_string(&value).expect("encodes"), r#""aGk/Pz4+""#);
        let url_safe: Base64 = serde_json::from_str(r#""aGk_Pz4-""#).expect("URL-safe");
        assert_eq!(url_safe, value);
        let unpadded: Base64 = serde_json::from_str(r#""aGk""#).expect("unpadded");
        assert_eq!(unpadded.as_slice(), b"hi");
        assert!(serde_json::from_str::<Base64>(r#""not base64!""#).is_err());
    }
}
