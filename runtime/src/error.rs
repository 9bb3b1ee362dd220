//! The error type of every operation, and what it holds.

use std::fmt;

use super::client::redact;
use super::{HeaderMap, StatusCode};

/// A documented error response: its status, headers and typed body.
#[derive(Clone)]
pub struct ApiError<E> {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The operation's error, decoded from the body.
    pub error: E,
    /// The body as text, truncated, credentials blanked out (the only detail
    /// of errors documented without a schema).
    pub body: String,
    /// The credential values the request carried, blanked out of `Debug`.
    pub(super) secrets: super::client::Secrets,
}

impl<E: fmt::Debug> ApiError<E> {
    /// The decoded error as `Debug` shows it, with any credential a server echoed blanked out.
    fn error_text(&self, pretty: bool) -> String {
        let text = if pretty { format!("{:#?}", self.error) } else { format!("{:?}", self.error) };
        redact(&text, &self.secrets)
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.error_text(f.alternate());
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("error", &format_args!("{error}"))
            .field("body", &self.body)
            .finish()
    }
}

/// A response with a status the API does not document.
#[derive(Debug, Clone)]
pub struct UnexpectedResponse {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as text, truncated.
    pub body: String,
}

/// A response whose body did not match the documented schema.
#[derive(Debug, Clone)]
pub struct DecodeFailure {
    /// The response status.
    pub status: StatusCode,
    /// Path of the value that failed to decode, e.g. `Errors[0].Property`.
    pub path: String,
    /// What was wrong with it.
    pub message: String,
    /// The body as text, truncated.
    pub body: String,
}

/// A redirect the client did not follow.
#[derive(Debug, Clone)]
pub struct Redirect {
    /// The redirect's status (301, 302, 303, 307 or 308).
    pub status: StatusCode,
    /// Where it pointed, resolved against the request's URL; any credential blanked out.
    pub location: String,
    /// Why it was not followed.
    pub reason: RedirectStop,
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectStop {
    /// It leads outside the origins trusted with the credentials
    /// ([`RedirectPolicy::TrustedOrigins`](super::RedirectPolicy::TrustedOrigins)).
    UntrustedOrigin,
    /// The client follows no redirects ([`RedirectPolicy::Never`](super::RedirectPolicy::Never)).
    NotFollowed,
    /// More than 10 redirects in a row.
    TooMany,
    /// A 307 or 308 would send the multipart body again, which streams only once.
    BodyNotReplayable,
    /// The `Location` is not a URL.
    InvalidLocation,
}

impl fmt::Display for RedirectStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::UntrustedOrigin => {
                "it leads to an origin not trusted with the credentials (trust it with `trust_origin`, or choose `RedirectPolicy::StripCredentials`)"
            }
            Self::NotFollowed => "the client follows no redirects (`RedirectPolicy::Never`)",
            Self::TooMany => "more than 10 redirects in a row",
            Self::BodyNotReplayable => "the multipart body cannot be sent again",
            Self::InvalidLocation => "its `Location` is not a URL",
        })
    }
}

/// A token endpoint (an OAuth 2 flow's `tokenUrl` or `refreshUrl`) did not
/// give an access token. Holds no secret: client secrets and tokens a server
/// echoes are blanked out of its texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    /// The token endpoint's status, when it answered.
    pub status: Option<StatusCode>,
    /// The error code of RFC 6749 §5.2 (`invalid_grant`, `invalid_client`…), when the endpoint sent one.
    pub error: Option<String>,
    /// The endpoint's `error_description`, when it sent one.
    pub description: Option<String>,
    /// What went wrong otherwise: the endpoint could not be reached, or its answer not read.
    pub message: String,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the token endpoint gave no access token")?;
        if let Some(status) = self.status {
            write!(f, " ({status})")?;
        }
        if let Some(error) = &self.error {
            write!(f, ": {error}")?;
        }
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for TokenError {}

/// Everything that can go wrong calling an operation whose documented
/// errors are `E`. Responses are boxed to keep `Result`s small. No variant
/// holds a credential: URLs and bodies in errors have them blanked out.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be built (an invalid header value, a path value
    /// of `..`, a failing token provider); nothing was sent.
    InvalidRequest(String),
    /// A parameter or the body violates a constraint of its schema
    /// (`maxLength`, `pattern`, `minimum`…); nothing was sent.
    Validation(Box<ConstraintViolation>),
    /// The request could not be sent or the response not read.
    Transport(reqwest::Error),
    /// The server answered with an error status the API documents.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the API does not document.
    UnexpectedStatus(Box<UnexpectedResponse>),
    /// The body did not match the documented schema.
    Decode(Box<DecodeFailure>),
    /// The server redirected and the [`RedirectPolicy`](super::RedirectPolicy) did not follow.
    Redirect(Box<Redirect>),
    /// A next-page link points outside the origins trusted with the
    /// credentials (the base URL's and those added with `trust_origin`); it
    /// was not requested. Holds the link.
    UntrustedLink(String),
    /// Credentials would have gone over plain `http` to a host that is not a
    /// loopback address; nothing was sent (see `allow_insecure_credentials`).
    InsecureTransport(String),
    /// The response body is larger than the client's cap (`max_response_bytes`).
    BodyTooLarge {
        /// The response status.
        status: StatusCode,
        /// The cap, in bytes.
        limit: u64,
    },
    /// Reading or writing a local file or stream failed (a streamed upload's
    /// source, or where a streamed download is written).
    Io(std::io::Error),
    /// A server-sent event stream could not be read: its connection dropped
    /// more often than its reconnection settings allow.
    Reconnect(String),
    /// The token endpoint of an OAuth 2 flow did not give an access token
    /// (`invalid_grant`: the refresh token expired or was revoked, `invalid_client`…); nothing was sent.
    Token(Box<TokenError>),
}

/// An error of the steps every call shares, before any response is decoded:
/// it names no operation's error type, so those steps are compiled (and
/// checked) once rather than for every operation.
pub(super) type Failure = Error<std::convert::Infallible>;

impl Failure {
    /// The same error, as one of an operation whose documented errors are `E`.
    pub(super) fn widen<E>(self) -> Error<E> {
        match self {
            Self::InvalidRequest(message) => Error::InvalidRequest(message),
            Self::Validation(violation) => Error::Validation(violation),
            Self::Transport(error) => Error::Transport(error),
            Self::Api(error) => match error.error {},
            Self::UnexpectedStatus(response) => Error::UnexpectedStatus(response),
            Self::Decode(failure) => Error::Decode(failure),
            Self::Redirect(redirect) => Error::Redirect(redirect),
            Self::UntrustedLink(link) => Error::UntrustedLink(link),
            Self::InsecureTransport(message) => Error::InsecureTransport(message),
            Self::BodyTooLarge { status, limit } => Error::BodyTooLarge { status, limit },
            Self::Io(error) => Error::Io(error),
            Self::Reconnect(message) => Error::Reconnect(message),
            Self::Token(error) => Error::Token(error),
        }
    }
}

impl<E> Error<E> {
    /// The status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::UnexpectedStatus(response) => Some(response.status),
            Self::Decode(failure) => Some(failure.status),
            Self::Transport(error) => error.status(),
            Self::Redirect(redirect) => Some(redirect.status),
            Self::BodyTooLarge { status, .. } => Some(*status),
            Self::InvalidRequest(_)
            | Self::Validation(_)
            | Self::UntrustedLink(_)
            | Self::InsecureTransport(_)
            | Self::Io(_)
            | Self::Reconnect(_)
            | Self::Token(_) => None,
        }
    }

    /// The documented error, when the server sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Self::Api(error) => Some(&error.error),
            _ => None,
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Self::Validation(violation) => write!(f, "invalid request: {violation}"),
            Self::Transport(error) => write!(f, "transport error: {error}"),
            Self::Api(error) if error.body.is_empty() => {
                write!(f, "error response {}: {}", error.status, error.error_text(false))
            }
            Self::Api(error) => write!(f, "error response {}: {}", error.status, error.body),
            Self::UnexpectedStatus(response) => {
                write!(f, "unexpected status {}: {}", response.status, response.body)
            }
            Self::Decode(failure) => {
                write!(f, "cannot decode the {} response at `{}`: {}", failure.status, failure.path, failure.message)
            }
            Self::Redirect(redirect) => {
                write!(f, "redirect {} to `{}` not followed: {}", redirect.status, redirect.location, redirect.reason)
            }
            Self::UntrustedLink(link) => write!(
                f,
                "next-page link `{link}` not requested: it leads to an origin not trusted with the credentials (trust it with `trust_origin`)"
            ),
            Self::InsecureTransport(message) => f.write_str(message),
            Self::BodyTooLarge { status, limit } => {
                write!(f, "the {status} response body is larger than the {limit}-byte cap (`max_response_bytes`)")
            }
            Self::Io(error) => write!(f, "I/O error: {error}"),
            Self::Reconnect(message) => write!(f, "event stream ended: {message}"),
            Self::Token(error) => write!(f, "{error}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            Self::Io(error) => Some(error),
            Self::Validation(violation) => Some(violation),
            Self::Token(error) => Some(error),
            _ => None,
        }
    }
}

impl<E> From<ConstraintViolation> for Error<E> {
    fn from(violation: ConstraintViolation) -> Self {
        Self::Validation(Box::new(violation))
    }
}

/// A number a constraint compares with, as it is written in JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer: a value of any integer type up to 64 bits, signed or not, exactly.
    Int(i128),
    /// A floating-point number.
    Float(f64),
}

/// Every integer type a schema's `format` gives (`int8` … `uint64`).
macro_rules! integer_numbers {
    ($($integer:ty),*) => {
        $(
            impl From<$integer> for Number {
                fn from(value: $integer) -> Self {
                    Self::Int(value.into())
                }
            }
        )*
    };
}

integer_numbers!(i8, i16, i32, i64, u8, u16, u32, u64);

impl From<f32> for Number {
    /// The decimal an `f32` is sent as (`0.1`, not `0.10000000149…`).
    fn from(value: f32) -> Self {
        Self::Float(value.to_string().parse().unwrap_or(f64::from(value)))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Int(value) => write!(f, "{value}"),
            Self::Float(value) => write!(f, "{value}"),
        }
    }
}

/// A schema constraint, displayed with its OpenAPI keyword: `maxLength 128`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// `minLength`: at least this many characters.
    MinLength(usize),
    /// `maxLength`: at most this many characters.
    MaxLength(usize),
    /// `pattern`: a regular expression the text must match.
    Pattern(&'static str),
    /// `minimum`: at least this.
    Minimum(Number),
    /// `minimum` with `exclusiveMinimum: true`: more than this.
    ExclusiveMinimum(Number),
    /// `maximum`: at most this.
    Maximum(Number),
    /// `maximum` with `exclusiveMaximum: true`: less than this.
    ExclusiveMaximum(Number),
    /// `multipleOf`: a whole multiple of this.
    MultipleOf(Number),
    /// `minItems`: at least this many items.
    MinItems(usize),
    /// `maxItems`: at most this many items.
    MaxItems(usize),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MinLength(length) => write!(f, "minLength {length}"),
            Self::MaxLength(length) => write!(f, "maxLength {length}"),
            Self::Pattern(pattern) => write!(f, "pattern {pattern}"),
            Self::Minimum(bound) => write!(f, "minimum {bound}"),
            Self::ExclusiveMinimum(bound) => write!(f, "exclusiveMinimum {bound}"),
            Self::Maximum(bound) => write!(f, "maximum {bound}"),
            Self::ExclusiveMaximum(bound) => write!(f, "exclusiveMaximum {bound}"),
            Self::MultipleOf(factor) => write!(f, "multipleOf {factor}"),
            Self::MinItems(count) => write!(f, "minItems {count}"),
            Self::MaxItems(count) => write!(f, "maxItems {count}"),
        }
    }
}

/// A value of a request that violates a constraint of its schema: where
/// (`Options.Meta`, by wire names) and which rule (`maxLength 128`).
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintViolation {
    path: String,
    rule: Rule,
}

impl ConstraintViolation {
    /// The value at `path` (by wire names, `items[2].name`; empty for a body itself) breaks `rule`.
    pub fn new(path: String, rule: Rule) -> Self {
        Self { path, rule }
    }

    /// Where the value is, by wire names: `Email`, `items[2].name`; empty for a body itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule it breaks.
    pub fn rule(&self) -> Rule {
        self.rule
    }
}

impl fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "the request body violates {}", self.rule)
        } else {
            write!(f, "`{}` violates {}", self.path, self.rule)
        }
    }
}

impl std::error::Error for ConstraintViolation {}
