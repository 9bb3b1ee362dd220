//! Tracing of calls (cargo feature `tracing`): one span per call, with
//! OpenTelemetry's HTTP client attributes.
//!
//! The span is named `http.client`; its `otel.name` field holds the operation
//! (its `operationId`), which OpenTelemetry exporters use as the span's name.
//! No field holds a URL, a query or a credential: `url.template` is the
//! documented path template (`/customers/{id}`), `server.address` the host.

use super::client::ClientCore;
use super::error::Failure;
use super::{Error, Method, RawResponse};

/// The span of one call of `operation` (`template` is its path template).
pub(super) fn call_span(core: &ClientCore, operation: &str, template: &str, method: &Method) -> tracing::Span {
    let url = &core.inner.base_url;
    tracing::info_span!(
        "http.client",
        otel.name = operation,
        otel.kind = "client",
        http.request.method = method.as_str(),
        url.template = template,
        server.address = url.host_str().unwrap_or_default(),
        server.port = url.port_or_known_default(),
        http.response.status_code = tracing::field::Empty,
        http.request.resend_count = tracing::field::Empty,
        error.type = tracing::field::Empty,
        otel.status_code = tracing::field::Empty,
    )
}

/// Records that attempt `attempt` failed and the call is sent again.
pub(super) fn record_resend(attempt: u32) {
    tracing::Span::current().record("http.request.resend_count", attempt);
}

/// Records the status of the response, or what went wrong.
pub(super) fn record_outcome(span: &tracing::Span, outcome: &Result<RawResponse, Failure>) {
    let status = match outcome {
        Ok(raw) => Some(raw.status()),
        Err(error) => error.status(),
    };
    if let Some(status) = status {
        span.record("http.response.status_code", status.as_u16());
    }
    let error_type = match (status, outcome) {
        // OpenTelemetry: a 4xx or 5xx status is the error, named by its code.
        (Some(status), _) if status.is_client_error() || status.is_server_error() => Some(status.as_str().to_owned()),
        (_, Ok(_)) => None,
        (_, Err(error)) => Some(error_type(error).to_owned()),
    };
    if let Some(error_type) = error_type {
        span.record("error.type", error_type.as_str());
        span.record("otel.status_code", "ERROR");
    }
}

/// A low-cardinality name for what went wrong, as `error.type` wants it.
fn error_type<E>(error: &Error<E>) -> &'static str {
    match error {
        Error::Transport(error) if error.is_timeout() => "timeout",
        Error::Transport(error) if error.is_connect() => "connect",
        Error::Transport(_) => "transport",
        Error::InvalidRequest(_) => "invalid_request",
        Error::Validation(_) => "validation",
        Error::Api(_) => "api_error",
        Error::UnexpectedStatus(_) => "unexpected_status",
        Error::Decode(_) => "decode",
        Error::Redirect(_) => "redirect",
        Error::UntrustedLink(_) => "untrusted_link",
        Error::InsecureTransport(_) => "insecure_transport",
        Error::BodyTooLarge { .. } => "body_too_large",
        Error::Io(_) => "io",
        Error::Reconnect(_) => "reconnect",
        Error::Token(_) => "token",
    }
}
