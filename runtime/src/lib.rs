//! The client runtime of the crates openapi-clientgen generates, built here as
//! a crate of its own so that every module compiles, is linted and is
//! unit-tested as ordinary code. The generator copies these files into each
//! generated crate as `src/runtime/`, keeping only the modules its APIs need
//! (here, each optional module is a cargo feature): the part of this file
//! after the `generated mod.rs` marker becomes its `src/runtime/mod.rs`.
//!
//! Modules refer to each other through `super::`, which is this crate's root
//! here and `crate::runtime` in a generated crate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The macros generated code uses, which name the runtime `crate::runtime`:
// compiled here for their unit tests only. The generator adds them to the
// runtime of crates with operations.
#[cfg(test)]
use crate as runtime;
#[cfg(test)]
include!("macros/into_future.rs");
#[cfg(test)]
include!("macros/string_enum.rs");
#[cfg(test)]
include!("macros/int_enum.rs");
#[cfg(test)]
include!("macros/object.rs");
#[cfg(test)]
mod test_server;

// ---- generated mod.rs ----

use std::future::Future;
use std::pin::Pin;

pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};

/// The boxed future returned when an operation builder is awaited.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The error a [`TokenProvider`] or a [`Hooks`] method may fail with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

mod client;
mod error;
mod hooks;
mod reply;
mod request;
mod response;
mod retry;

pub use client::{
    ApiKeyLocation, BuildError, ClientConfig, ClientCore, Credential, ProviderContext, RedirectPolicy, Secret,
    TokenProvider, DEFAULT_MAX_RESPONSE_BYTES,
};
pub use error::{
    ApiError, ConstraintViolation, DecodeFailure, Error, Number, Redirect, RedirectStop, Rule, TokenError,
    UnexpectedResponse,
};
pub use hooks::{Call, Hooks, Outcome};
pub use reply::{Reply, ReplyBody};
pub use request::{QueryStyle, Request, Sending};
pub use response::{
    binary, empty, header_value, json, string, text, DecodeError, Decoder, FromHeaders, Key, RawResponse, Response,
    SendResult,
};
pub use retry::RetryPolicy;

#[cfg(feature = "base64")]
mod base64;
#[cfg(feature = "base64")]
pub use self::base64::Base64;

#[cfg(feature = "blocking")]
pub mod blocking;

#[cfg(feature = "multipart")]
mod multipart;
#[cfg(feature = "multipart")]
pub use multipart::{FilePart, Multipart};

#[cfg(feature = "nullable")]
pub mod nullable;

#[cfg(feature = "oauth")]
mod oauth;
#[cfg(feature = "oauth")]
pub use oauth::{ClientAuth, ClientCredentials, RefreshToken};

#[cfg(feature = "pagination")]
mod pagination;
#[cfg(feature = "pagination")]
pub use pagination::{items, json_path, pages, PageKind, PageStep, Pagination, SendPage, Stream};

#[cfg(feature = "sse")]
mod sse;
#[cfg(feature = "sse")]
pub use sse::{events, parse_all, Event, EventParser, EventStream, OpenEvents, RawEvent, Reconnect};

#[cfg(feature = "stream")]
mod stream;
#[cfg(feature = "stream")]
pub use stream::{BinaryBody, SharedUpload, Streamed, StreamedResponse, Upload};

#[cfg(feature = "tagged")]
mod tagged;
#[cfg(feature = "tagged")]
pub use tagged::{decode_variant, read_tagged, serialize_tagged};

#[cfg(feature = "time")]
pub mod time;

#[cfg(feature = "tracing")]
mod trace;

#[cfg(feature = "validate")]
mod validate;
#[cfg(feature = "validate")]
pub use validate::{
    check_exclusive_maximum, check_exclusive_minimum, check_items, check_length, check_maximum, check_minimum,
    check_multiple_of, check_pattern, At, Counted, Leaves, Validate,
};
