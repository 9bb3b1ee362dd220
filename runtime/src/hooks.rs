//! Hooks that see every request and response of a client.

use std::time::{Duration, Instant};

use super::{BoxError, HeaderMap, StatusCode};

/// Sees every request the client sends and every response it gets: add
/// headers (request ids), sign requests, log, count. Both methods have
/// defaults that do nothing.
pub trait Hooks: Send + Sync {
    /// Called with each request just before it is sent (each attempt, each
    /// redirect hop); an error stops the call with [`Error::InvalidRequest`](super::Error::InvalidRequest).
    /// A hook that adds credentials should add them only when
    /// [`Call::trusted`] is set, or it would send them where the client's own
    /// credentials do not go.
    fn on_request(&self, call: &Call, request: &mut reqwest::Request) -> Result<(), BoxError> {
        let _ = (call, request);
        Ok(())
    }

    /// Called with what each request got: a response (before its body is read) or an error.
    fn on_response(&self, call: &Call, outcome: Outcome<'_>) {
        let _ = (call, outcome);
    }
}

/// What [`Hooks`] are told about the request at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Call {
    /// The operation's `operationId` (its method name when the spec gives none).
    pub operation: &'static str,
    /// The operation's path template (`/customers/{id}`), a route without values.
    pub path_template: &'static str,
    /// 1 for the first attempt, 2 for the first retry, …
    pub attempt: u32,
    /// How long ago the call started, before its first attempt.
    pub elapsed: Duration,
    /// Whether the request goes to a trusted origin with the client's credentials.
    pub trusted: bool,
}

/// What one request got.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// A response; its body is still to be read.
    Response {
        /// Its status.
        status: StatusCode,
        /// Its headers.
        headers: &'a HeaderMap,
    },
    /// No response: the connection failed or timed out.
    Error(&'a reqwest::Error),
}

/// One attempt of a call, for telling hooks about it.
#[derive(Clone, Copy)]
pub(super) struct Attempt {
    pub(super) operation: &'static str,
    pub(super) template: &'static str,
    pub(super) number: u32,
    pub(super) started: Instant,
}

impl Attempt {
    pub(super) fn call(&self, trusted: bool) -> Call {
        Call {
            operation: self.operation,
            path_template: self.template,
            attempt: self.number,
            elapsed: self.started.elapsed(),
            trusted,
        }
    }
}
