//! Responses: reading, decoding into documented types, headers.

use std::fmt;

use serde::de::DeserializeOwned;

use super::client::{redact, Secrets};
use super::error::{ApiError, DecodeFailure, UnexpectedResponse};
use super::{Error, HeaderMap, StatusCode};

/// How many bytes of a response body an error keeps.
const MAX_BODY_IN_ERROR: usize = 1024;

/// A response whose body has been read but not yet decoded.
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    /// The credential values the request carried, blanked out of error texts.
    secrets: Secrets,
    /// The response itself, its body not read yet: a status the caller
    /// streams (see `Request::stream_statuses`). Boxed: every other response
    /// would carry its room through each layer of the call.
    pub(super) unread: Option<Box<reqwest::Response>>,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.len())
            .field("streamed", &self.unread.is_some())
            .finish_non_exhaustive()
    }
}

/// Decodes a response body into the type an operation documents.
pub type Decoder<T> = fn(&[u8]) -> Result<T, DecodeError>;

impl RawResponse {
    /// A response read whole; `secrets` are the credential values its request carried.
    pub(super) fn new(status: StatusCode, headers: HeaderMap, body: bytes::Bytes, secrets: Secrets) -> Self {
        Self { status, headers, body, secrets, unread: None }
    }

    /// A response whose body the caller reads as it arrives.
    pub(super) fn unread(response: reqwest::Response, secrets: Secrets) -> Self {
        let (status, headers) = (response.status(), response.headers().clone());
        Self { status, headers, body: bytes::Bytes::new(), secrets, unread: Some(Box::new(response)) }
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Decodes a documented success response.
    pub fn success<T, E>(self, decode: Decoder<T>) -> Result<Response<T>, Error<E>> {
        match decode(&self.body) {
            Ok(body) => Ok(Response::new(self.status, self.headers, body)),
            Err(error) => Err(self.decode_failure(error)),
        }
    }

    /// Decodes a documented error response into the operation's error type.
    pub fn failure<T, B, E>(self, decode: Decoder<B>, variant: impl FnOnce(B) -> E) -> Result<T, Error<E>> {
        match decode(&self.body) {
            Ok(body) => {
                let text = self.body_text();
                Err(Error::Api(Box::new(ApiError {
                    status: self.status,
                    headers: self.headers,
                    error: variant(body),
                    body: text,
                    secrets: self.secrets,
                })))
            }
            Err(error) => Err(self.decode_failure(error)),
        }
    }

    /// A status the API does not document.
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        let body = self.body_text();
        Err(Error::UnexpectedStatus(Box::new(UnexpectedResponse { status: self.status, headers: self.headers, body })))
    }

    fn decode_failure<E>(&self, error: DecodeError) -> Error<E> {
        Error::Decode(Box::new(DecodeFailure {
            status: self.status,
            path: error.path,
            message: redact(&error.message, &self.secrets),
            body: self.body_text(),
        }))
    }

    /// The body as text for an error: truncated, credentials blanked out.
    fn body_text(&self) -> String {
        truncated_text(&redact(&String::from_utf8_lossy(&self.body), &self.secrets))
    }
}

pub(super) fn truncated_text(text: &str) -> String {
    if text.len() <= MAX_BODY_IN_ERROR {
        return text.to_owned();
    }
    let mut end = MAX_BODY_IN_ERROR;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Why a response body did not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub(super) path: String,
    pub(super) message: String,
}

/// A property name read by `object!`: borrowed from the body where it can be.
#[derive(Debug)]
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Key<'de>;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a property name")
            }

            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(name)))
            }

            fn visit_str<E>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(name.to_owned())))
            }

            fn visit_string<E>(self, name: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(name)))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// Decodes a JSON body, recording the path of the value that failed.
///
/// The body is read once without tracking where the reader is; only a body
/// that fails is read again, with the path recorded, for the error.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(plain) => {
            let deserializer = &mut serde_json::Deserializer::from_slice(body);
            match serde_path_to_error::deserialize::<_, T>(deserializer) {
                Err(error) => {
                    Err(DecodeError { path: error.path().to_string(), message: error.into_inner().to_string() })
                }
                // Not expected: both readers see the same bytes. The plain error stands.
                Ok(_) => Err(DecodeError { path: ".".to_owned(), message: plain.to_string() }),
            }
        }
    }
}

/// Decodes a body documented as a JSON string; a server that sends plain
/// text instead still gives the caller that text.
pub fn string(body: &[u8]) -> Result<String, DecodeError> {
    Ok(serde_json::from_slice(body).unwrap_or_else(|_| String::from_utf8_lossy(body).into_owned()))
}

/// A `text/*` body.
pub fn text(body: &[u8]) -> Result<String, DecodeError> {
    Ok(String::from_utf8_lossy(body).into_owned())
}

/// A binary body.
pub fn binary(body: &[u8]) -> Result<Vec<u8>, DecodeError> {
    Ok(body.to_vec())
}

/// A response documented without a body; whatever arrives is ignored.
pub fn empty(_body: &[u8]) -> Result<(), DecodeError> {
    Ok(())
}

/// What sending an operation yields: its decoded body with status and headers, or the error.
pub type SendResult<T, E> = Result<Response<T>, Error<E>>;

/// A decoded response with its status and headers.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// A decoded response.
    pub(super) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self { status, headers, body }
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body converted by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, body: f(self.body) }
    }

    /// The documented headers, typed (see the operation's `…Headers` struct).
    pub fn typed_headers<H: FromHeaders>(&self) -> H {
        H::from_headers(&self.headers)
    }
}

/// Documented response headers read into a struct.
pub trait FromHeaders {
    /// Reads the documented headers; absent or unreadable ones are `None`.
    fn from_headers(headers: &HeaderMap) -> Self;
}

/// A header's value as `T`: numbers and booleans parsed, anything else as text.
pub fn header_value<T: DeserializeOwned>(headers: &HeaderMap, name: &str) -> Option<T> {
    let text = headers.get(name)?.to_str().ok()?;
    serde_json::from_str(text).ok().or_else(|| serde_json::from_value(serde_json::Value::from(text)).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_bodies_accept_json_strings_and_plain_text() {
        assert_eq!(string(br#""denied""#).as_deref(), Ok("denied"));
        assert_eq!(string(b"denied").as_deref(), Ok("denied"));
    }

    #[test]
    fn decode_errors_name_the_failing_path() {
        #[derive(Debug, serde::Deserialize)]
        struct Outer {
            #[allow(dead_code)]
            items: Vec<u32>,
        }
        let error = json::<Outer>(br#"{"items":[1,"x"]}"#).expect_err("a string is not a u32");
        assert_eq!(error.path, "items[1]");
    }

    #[test]
    fn error_bodies_are_truncated_on_a_char_boundary() {
        let body = "é".repeat(MAX_BODY_IN_ERROR);
        let text = truncated_text(&body);
        assert!(text.len() <= MAX_BODY_IN_ERROR + '…'.len_utf8());
        assert!(text.ends_with('…'));
    }
}
