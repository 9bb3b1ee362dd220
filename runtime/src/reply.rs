//! The futures an operation's call is: [`Reply`], from its
//! `send_with_response`, and [`ReplyBody`], from awaiting the operation.
//!
//! They are named types, not `async` blocks: generated code builds its
//! request in a plain function and hands over a decoding function, so the
//! compiler checks one future here instead of one per operation (an
//! operation's `async fn` is most of what checking a large client costs).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{RawResponse, Request, SendResult, Sending};

/// An operation's call in flight: its response, decoded by status.
#[must_use = "an operation does nothing until it is awaited"]
pub struct Reply<'a, T, E> {
    sending: Sending<'a, E>,
    decode: fn(RawResponse) -> SendResult<T, E>,
}

impl<'a> Request<'a> {
    /// Sends the request; the response read whole is decoded by `decode`.
    pub fn reply<T, E>(self, decode: fn(RawResponse) -> SendResult<T, E>) -> Reply<'a, T, E> {
        Reply { sending: self.send(), decode }
    }
}

impl<'a, T, E> Reply<'a, T, E> {
    /// The decoded body alone, without the response's status and headers.
    pub fn body(self) -> ReplyBody<'a, T, E> {
        ReplyBody { reply: self }
    }
}

impl<T, E> Future for Reply<'_, T, E> {
    type Output = SendResult<T, E>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let decode = self.decode;
        Pin::new(&mut self.sending).poll(context).map(|sent| sent.and_then(decode))
    }
}

impl<T, E> fmt::Debug for Reply<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reply")
    }
}

/// An awaited operation in flight: its decoded body.
#[must_use = "an operation does nothing until it is awaited"]
pub struct ReplyBody<'a, T, E> {
    reply: Reply<'a, T, E>,
}

impl<T, E> Future for ReplyBody<'_, T, E> {
    type Output = Result<T, super::Error<E>>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.reply).poll(context).map(|reply| reply.map(super::Response::into_body))
    }
}

impl<T, E> fmt::Debug for ReplyBody<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReplyBody")
    }
}

#[cfg(test)]
mod tests {
    use super::super::{json, ClientConfig, ConstraintViolation, Error, Method, Rule, StatusCode};
    use super::*;
    use crate::test_server::serve_once;

    fn decode(response: RawResponse) -> SendResult<u64, ()> {
        match response.status().as_u16() {
            200 => response.success(json),
            _ => response.unexpected(),
        }
    }

    #[tokio::test]
    async fn a_reply_is_the_response_decoded_by_its_status() {
        let (base, served) = serve_once(200, "42");
        let core = ClientConfig::new(&base).build().expect("a loopback base URL");
        let response = core.request(Method::GET, "/answer").reply(decode).await.expect("a decoded response");
        assert_eq!((response.status(), *response.body()), (StatusCode::OK, 42));
        assert!(served.join().expect("the server").starts_with("GET /answer HTTP/1.1\r\n"));

        let (base, served) = serve_once(200, "7");
        let core = ClientConfig::new(&base).build().expect("a loopback base URL");
        assert_eq!(core.request(Method::GET, "/").reply(decode).body().await.ok(), Some(7));
        served.join().expect("the server");
    }

    #[tokio::test]
    async fn a_status_the_decoder_does_not_take_is_its_error() {
        let (base, served) = serve_once(418, "{}");
        let core = ClientConfig::new(&base).build().expect("a loopback base URL");
        let error = core.request(Method::GET, "/").reply(decode).await.expect_err("an undocumented status");
        assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
        served.join().expect("the server");
    }

    #[tokio::test]
    async fn a_violation_is_reported_and_nothing_sent() {
        // Nothing listens on this port: a request sent would fail to connect.
        let core = ClientConfig::new("http://127.0.0.1:9").build().expect("a loopback base URL");
        let violation = ConstraintViolation::new("name".to_owned(), Rule::MaxLength(3));
        let error = core
            .request(Method::GET, "/")
            .checked(Ok(()))
            .checked(Err(violation.clone()))
            .checked(Err(ConstraintViolation::new("other".to_owned(), Rule::MinLength(1))))
            .reply(decode)
            .await
            .expect_err("a violation");
        assert!(matches!(&error, Error::Validation(found) if **found == violation), "{error:?}");
    }
}
