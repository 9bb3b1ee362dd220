//! Requests being built by generated operations: path, query, headers, cookies, bodies.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use super::client::Body;
use super::client::{redact, ClientCore, Exchange};
use super::error::Failure;
use super::retry::fresh_key;
use super::{BoxFuture, ConstraintViolation, Error, HeaderMap, Method, RawResponse, RetryPolicy, StatusCode};

/// Everything but RFC 3986 unreserved characters is percent-encoded in
/// path segments and query components.
pub(super) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request being assembled by a generated operation.
///
/// Encoding problems (a header value with a line break, a path value of `..`)
/// are remembered and reported by [`Request::send`] before anything is sent.
/// Credentials are added only when it is sent, so `Debug` never shows them.
#[derive(Debug)]
pub struct Request<'a> {
    core: &'a ClientCore,
    method: Method,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Body,
    page_url: Option<String>,
    cookies: Vec<String>,
    security: &'static [&'static [&'static str]],
    /// The first problem found while building, reported instead of sending.
    error: Option<Failure>,
    operation: &'static str,
    /// The path template, as the operation documents it.
    template: &'static str,
    /// An idempotency key goes with the request: retrying a POST is safe.
    idempotent: bool,
    /// The operation's own retry policy, from the API document.
    retry: Option<RetryPolicy>,
    /// The statuses whose body is streamed rather than read whole.
    stream: Option<fn(StatusCode) -> bool>,
}

/// A request being sent ([`Request::send`]): its whole response, or the
/// error as one of an operation whose documented errors are `E`.
///
/// The sending itself is one future for every operation, boxed: the compiler
/// checks it once (that it is `Send`, for one) rather than once per operation.
pub struct Sending<'a, E> {
    future: BoxFuture<'a, Result<RawResponse, Failure>>,
    error: PhantomData<fn() -> E>,
}

impl<E> fmt::Debug for Sending<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sending")
    }
}

impl<E> Future for Sending<'_, E> {
    type Output = Result<RawResponse, Error<E>>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.future.as_mut().poll(context).map(|outcome| outcome.map_err(Failure::widen))
    }
}

impl ClientCore {
    /// Starts a request for `path_template` (e.g. `/pets/{petId}`) relative to the base URL.
    pub fn request(&self, method: Method, path_template: &'static str) -> Request<'_> {
        Request {
            core: self,
            method,
            path: path_template.to_owned(),
            query: String::new(),
            headers: HeaderMap::new(),
            body: Body::Empty,
            page_url: None,
            cookies: Vec::new(),
            security: &[],
            error: None,
            operation: path_template,
            template: path_template,
            idempotent: false,
            retry: None,
            stream: None,
        }
    }
}

/// How a query parameter is written: OpenAPI's `style` and `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`, exploded (the default): `id=1&id=2`, objects as `key=value` pairs.
    Form,
    /// `form` with `explode: false`: `id=1,2`, objects as `obj=key,value,key,value`.
    FormUnexploded,
    /// `spaceDelimited`: `id=1%202`.
    SpaceDelimited,
    /// `pipeDelimited`: `id=1|2`.
    PipeDelimited,
    /// `deepObject`: `obj%5Bkey%5D=value` (`obj[key]=value`).
    DeepObject,
}

impl<'a> Request<'a> {
    /// Substitutes `{name}` in the path template with the percent-encoded value.
    pub fn path_param(mut self, name: &str, value: &impl Serialize) -> Self {
        let rendered = match render_scalar(value) {
            Ok(Some(rendered)) if rendered != "." && rendered != ".." => rendered,
            Ok(Some(rendered)) => {
                return self.fail(format!("path parameter `{name}` cannot be `{rendered}`"));
            }
            Ok(None) => return self.fail(format!("path parameter `{name}` has no value")),
            Err(message) => return self.fail(format!("path parameter `{name}`: {message}")),
        };
        self.path = self.path.replace(&format!("{{{name}}}"), &encoded(&rendered));
        self
    }

    /// Appends a query parameter; `None` is omitted, arrays repeat the name
    /// and objects add one pair per property (OpenAPI's default `form` style, exploded).
    pub fn query(mut self, name: &str, value: &impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => append_query(&mut self.query, name, &value),
            Err(error) => return self.fail(format!("query parameter `{name}`: {error}")),
        }
        self
    }

    /// Appends a query parameter written in `style`; `None` is omitted.
    pub fn query_style(mut self, name: &str, value: &impl Serialize, style: QueryStyle) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(error) => return self.fail(format!("query parameter `{name}`: {error}")),
        };
        let delimiter = match style {
            QueryStyle::Form => {
                append_query(&mut self.query, name, &value);
                return self;
            }
            QueryStyle::DeepObject => {
                append_deep_object(&mut self.query, name, &value);
                return self;
            }
            QueryStyle::FormUnexploded => ",",
            QueryStyle::SpaceDelimited => "%20",
            QueryStyle::PipeDelimited => "|",
        };
        let parts: Vec<String> = match &value {
            serde_json::Value::Null => return self,
            serde_json::Value::Array(items) => items.iter().filter_map(scalar_text).map(Cow::into_owned).collect(),
            serde_json::Value::Object(fields) => fields
                .iter()
                .filter_map(|(key, item)| Some([key.clone(), scalar_text(item)?.into_owned()]))
                .flatten()
                .collect(),
            scalar => scalar_text(scalar).map(Cow::into_owned).into_iter().collect(),
        };
        let parts: Vec<Cow<'_, str>> = parts.iter().map(|part| encoded(part)).collect();
        push_pair(&mut self.query, &encoded(name), &parts.join(delimiter));
        self
    }

    /// Requests `url` instead of the operation's path and query: the next
    /// page's link from a previous response, absolute or relative to the base URL.
    pub fn page_url(mut self, url: Option<&str>) -> Self {
        self.page_url = url.map(str::to_owned);
        self
    }

    /// Names the operation (its `operationId`) for hooks.
    pub fn operation(mut self, operation: &'static str) -> Self {
        self.operation = operation;
        self
    }

    /// The retry policy the API document gives the operation
    /// (`x-speakeasy-retries`): used unless the client's builder, or
    /// `with_retry_policy` for the calls of a handle, sets one.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Sends header `name` with `value`, or with a fresh random key when
    /// `value` is `None`: the same key goes with every retry of this call, so
    /// the server applies it once, and the call may be retried even if its
    /// method is not idempotent (a POST).
    pub fn idempotency_key(mut self, name: &'static str, value: &impl Serialize) -> Self {
        let key = match render_scalar(value) {
            Ok(Some(key)) => key,
            Ok(None) => fresh_key(),
            Err(message) => return self.fail(format!("header `{name}`: {message}")),
        };
        self.idempotent = true;
        self.header(name, &key)
    }

    /// Sends a cookie; `None` is omitted.
    pub fn cookie(mut self, name: &str, value: &impl Serialize) -> Self {
        match render_scalar(value) {
            Ok(Some(rendered)) => self.cookies.push(format!("{name}={}", utf8_percent_encode(&rendered, COMPONENT))),
            Ok(None) => {}
            Err(message) => return self.fail(format!("cookie `{name}`: {message}")),
        }
        self
    }

    /// Sets a header; `None` is omitted. A value that is not a valid header
    /// value (a line break, say) makes [`Request::send`] fail.
    pub fn header(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match render_scalar(value) {
            Ok(Some(rendered)) => match reqwest::header::HeaderValue::from_str(&rendered) {
                Ok(header) => {
                    self.headers.insert(name, header);
                }
                Err(_) => return self.fail(format!("header `{name}` has an invalid value")),
            },
            Ok(None) => {}
            Err(message) => return self.fail(format!("header `{name}`: {message}")),
        }
        self
    }

    /// Adds the body with `encode`.
    pub fn with<B: ?Sized>(self, body: &B, encode: impl FnOnce(Self, &B) -> Self) -> Self {
        encode(self, body)
    }

    /// Adds the body with `encode` when there is one.
    pub fn with_optional<B: ?Sized>(self, body: Option<&B>, encode: impl FnOnce(Self, &B) -> Self) -> Self {
        match body {
            Some(body) => encode(self, body),
            None => self,
        }
    }

    /// Sends `body` as `application/x-www-form-urlencoded`: one pair per
    /// property, arrays repeating the name.
    pub fn form(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_value(body) {
            Ok(value) => {
                let mut encoded = String::new();
                append_query(&mut encoded, "body", &value);
                self.body = Body::Bytes("application/x-www-form-urlencoded", encoded.into());
            }
            Err(error) => return self.fail(format!("request body: {error}")),
        }
        self
    }

    /// Sends text with the given content type.
    pub fn text(mut self, content_type: &'static str, body: &str) -> Self {
        self.body = Body::Bytes(content_type, bytes::Bytes::copy_from_slice(body.as_bytes()));
        self
    }

    /// Sends bytes with the given content type.
    pub fn bytes(mut self, content_type: &'static str, body: &[u8]) -> Self {
        self.body = Body::Bytes(content_type, bytes::Bytes::copy_from_slice(body));
        self
    }

    /// Sends a body that streams once, attached to the request by `attach`
    /// when it is sent: the call is never retried, and a 307 or 308 redirect,
    /// which would send it again, is returned as [`Error::Redirect`].
    pub fn streamed_body(
        mut self,
        attach: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder + Send + Sync + 'static,
    ) -> Self {
        self.body = Body::Once(Some(Box::new(attach)));
        self
    }

    /// Leaves the body of a response whose status passes `streams` unread, for
    /// the caller to read as it arrives (not subject to the size cap); other
    /// statuses are read whole as usual.
    pub fn stream_statuses(mut self, streams: fn(StatusCode) -> bool) -> Self {
        self.stream = Some(streams);
        self
    }

    /// Sends `body` as JSON.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Body::Bytes("application/json", bytes.into()),
            Err(error) => return self.fail(format!("request body: {error}")),
        }
        self
    }

    /// The security requirement of the operation: alternatives, each a set of
    /// schemes used together. The first alternative whose credentials are all
    /// configured is applied; an empty alternative means none are needed.
    pub fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = alternatives;
        self
    }

    /// Takes the outcome of checking the operation's parameters and body
    /// against their schemas' constraints: a violation is reported by
    /// [`Request::send`] before anything is sent.
    pub fn checked(mut self, outcome: Result<(), ConstraintViolation>) -> Self {
        if let Err(violation) = outcome {
            self.error.get_or_insert(violation.into());
        }
        self
    }

    pub(super) fn fail(mut self, message: String) -> Self {
        self.error.get_or_insert(Error::InvalidRequest(message));
        self
    }

    /// Sends the request and reads the whole response, following redirects
    /// by the client's [`RedirectPolicy`](super::RedirectPolicy). Credentials go only to trusted
    /// origins, and over plain `http` only to loopback addresses unless allowed.
    ///
    /// With the `tracing` feature, the call is traced: a span with the operation's
    /// name and OpenTelemetry's HTTP client attributes (no URL, query or credential).
    pub fn send<E>(self) -> Sending<'a, E> {
        Sending { future: Box::pin(self.traced()), error: PhantomData }
    }

    #[cfg(not(feature = "tracing"))]
    fn traced(self) -> impl Future<Output = Result<RawResponse, Failure>> + Send + 'a {
        self.dispatch()
    }

    #[cfg(feature = "tracing")]
    async fn traced(self) -> Result<RawResponse, Failure> {
        let span = super::trace::call_span(self.core, self.operation, self.template, &self.method);
        let outcome = tracing::Instrument::instrument(self.dispatch(), span.clone()).await;
        super::trace::record_outcome(&span, &outcome);
        outcome
    }

    /// The call: what can be done before sending is done at once, so that
    /// the future (which every `await` above it moves) holds only what the
    /// sending needs.
    fn dispatch(self) -> impl Future<Output = Result<RawResponse, Failure>> + Send + 'a {
        let core = self.core;
        let security = self.security;
        let call = (self.operation, self.template);
        let prepared = self.prepare();
        async move {
            let (mut exchange, retry, page_link) = prepared?;
            let credentials = core.credentials(security).await?;
            if page_link && !core.trusts(&exchange.url) {
                return Err(Error::UntrustedLink(redact(exchange.url.as_str(), &credentials.secrets)));
            }
            let policy = core.retry_policy(retry.as_ref());
            let retryable = exchange.retryable(policy);
            let outcome = core.send_retrying(call, &mut exchange, &credentials, retryable, policy).await;
            match outcome {
                // A 401 to a token a provider can replace is sent once more with a
                // fresh one (unless the body streams once). Rare: its future is boxed
                // rather than making every call's larger.
                Ok(raw)
                    if raw.status() == StatusCode::UNAUTHORIZED
                        && credentials.has_providers()
                        && exchange.replayable()
                        && credentials.rejected() =>
                {
                    let credentials = core.credentials(security).await?;
                    Box::pin(core.send_retrying(call, &mut exchange, &credentials, retryable, policy)).await
                }
                outcome => outcome,
            }
        }
    }

    /// The exchange to send, the operation's retry policy, and whether its URL
    /// is a next-page link (to be checked against the trusted origins).
    fn prepare(self) -> Result<(Exchange, Option<RetryPolicy>, bool), Failure> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if let Some(start) = self.path.find('{') {
            return Err(Error::InvalidRequest(format!(
                "path parameter `{}` has no value",
                self.path[start..].trim_start_matches('{').split('}').next().unwrap_or_default()
            )));
        }
        let inner = &self.core.inner;
        let url = match &self.page_url {
            Some(link) => resolve_page_url(&inner.base_url, link)?,
            None => {
                let mut url = inner.base_url.clone();
                match url.path().trim_end_matches('/') {
                    "" => url.set_path(&self.path),
                    base_path => {
                        let path = format!("{base_path}{}", self.path);
                        url.set_path(&path);
                    }
                }
                if !self.query.is_empty() {
                    url.set_query(Some(&self.query));
                }
                url
            }
        };
        let headers = if inner.default_headers.is_empty() {
            self.headers
        } else {
            let mut headers = inner.default_headers.clone();
            headers.extend(self.headers);
            headers
        };
        let exchange = Exchange {
            method: self.method,
            url,
            headers,
            cookies: self.cookies,
            body: self.body,
            stream: self.stream,
            idempotent: self.idempotent,
        };
        Ok((exchange, self.retry, self.page_url.is_some()))
    }
}

/// A next-page link as a URL: absolute links stay, relative ones resolve
/// against the base URL (as a directory, so `customers?page=2` continues it).
fn resolve_page_url(base: &reqwest::Url, link: &str) -> Result<reqwest::Url, Failure> {
    if let Ok(url) = reqwest::Url::parse(link) {
        return Ok(url);
    }
    let mut base = base.clone();
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.join(link).map_err(|error| Error::InvalidRequest(format!("invalid next-page link `{link}`: {error}")))
}

/// Renders a parameter value the way OpenAPI's `simple`/`form` styles write a
/// scalar; `None` for an absent value.
fn render_scalar(value: &impl Serialize) -> Result<Option<String>, String> {
    match serde_json::to_value(value).map_err(|error| error.to_string())? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Array(items) => {
            let rendered: Vec<Cow<'_, str>> = items.iter().filter_map(scalar_text).collect();
            Ok(Some(rendered.join(",")))
        }
        other => scalar_text(&other)
            .map(|text| Some(text.into_owned()))
            .ok_or_else(|| "objects are not supported here".to_owned()),
    }
}

/// A scalar as text (a string as it is); `None` for arrays, objects and `null`.
pub(super) fn scalar_text(value: &serde_json::Value) -> Option<Cow<'_, str>> {
    match value {
        serde_json::Value::String(text) => Some(Cow::Borrowed(text)),
        serde_json::Value::Bool(flag) => Some(Cow::Borrowed(if *flag { "true" } else { "false" })),
        serde_json::Value::Number(number) => Some(Cow::Owned(number.to_string())),
        _ => None,
    }
}

pub(super) fn append_query(query: &mut String, name: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Array(items) => {
            for item in items {
                append_query(query, name, item);
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                append_query(query, key, item);
            }
        }
        scalar => {
            if let Some(text) = scalar_text(scalar) {
                push_pair(query, &encoded(name), &encoded(&text));
            }
        }
    }
}

/// `name[key]=value` for each property, nesting for nested objects.
fn append_deep_object(query: &mut String, name: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                append_deep_object(query, &format!("{name}[{key}]"), item);
            }
        }
        other => append_query(query, name, other),
    }
}

/// Appends `name=value`, both already encoded, growing the query once.
fn push_pair(query: &mut String, name: &str, value: &str) {
    query.reserve(name.len() + value.len() + 2);
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(name);
    query.push('=');
    query.push_str(value);
}

/// `text` percent-encoded as a query component: borrowed where nothing needs encoding.
fn encoded(text: &str) -> Cow<'_, str> {
    utf8_percent_encode(text, COMPONENT).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClientConfig;

    #[test]
    fn query_values_are_percent_encoded_and_none_omitted() {
        let mut query = String::new();
        append_query(&mut query, "q", &serde_json::json!("a b&c=d/é"));
        append_query(&mut query, "n", &serde_json::Value::Null);
        append_query(&mut query, "ids", &serde_json::json!([1, 2]));
        assert_eq!(query, "q=a%20b%26c%3Dd%2F%C3%A9&ids=1&ids=2");
    }

    #[test]
    fn query_styles_write_arrays_and_objects_as_specified() {
        let core = ClientConfig::new("http://localhost").build().expect("valid base URL");
        let ids = [1, 2];
        let filter = serde_json::json!({"color": "red", "size": {"min": 1}});
        let styled = |style| core.request(Method::GET, "/").query_style("id", &ids, style).query;
        assert_eq!(styled(QueryStyle::Form), "id=1&id=2");
        assert_eq!(styled(QueryStyle::FormUnexploded), "id=1,2");
        assert_eq!(styled(QueryStyle::SpaceDelimited), "id=1%202");
        assert_eq!(styled(QueryStyle::PipeDelimited), "id=1|2");
        let deep = core.request(Method::GET, "/").query_style("filter", &filter, QueryStyle::DeepObject).query;
        assert_eq!(deep, "filter%5Bcolor%5D=red&filter%5Bsize%5D%5Bmin%5D=1");
        let compact = core.request(Method::GET, "/").query_style(
            "f",
            &serde_json::json!({"a": "x,y"}),
            QueryStyle::FormUnexploded,
        );
        assert_eq!(compact.query, "f=a,x%2Cy");
        let none: Option<u8> = None;
        assert_eq!(core.request(Method::GET, "/").query_style("n", &none, QueryStyle::PipeDelimited).query, "");
    }
}
