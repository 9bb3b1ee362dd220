//! Runtime shared by every generated API module: client configuration and
//! credentials, request building, checking request data against its schema's
//! constraints, response decoding and the error type.
//!
//! Generated operations stay a few lines long because the request machinery
//! lives here, once, instead of being repeated for every operation.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};

/// The boxed future returned when an operation builder is awaited.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The error a [`TokenProvider`] may fail with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How many bytes of a response body an error keeps.
const MAX_BODY_IN_ERROR: usize = 1024;

/// Everything but RFC 3986 unreserved characters is percent-encoded in
/// path segments and query components.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

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
        use base64::Engine as _;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Base64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
        use base64::Engine as _;
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text.as_bytes()).ok())
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not base64")))
    }
}

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

/// Reads and writes the three states of an optional nullable property
/// (`Option<Option<T>>`, with `#[serde(default, skip_serializing_if =
/// "Option::is_none", with = "runtime::nullable")]`): absent is `None` and
/// is not sent, `null` is `Some(None)`, a value is `Some(Some(value))`.
pub mod nullable {
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
}

/// A file: its bytes, and optionally the file name and content type sent
/// with it in a multipart body (OpenAPI's `format: binary`). In JSON it is a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FilePart {
    /// The content.
    pub bytes: Vec<u8>,
    /// The file name sent in the part's `Content-Disposition`.
    pub file_name: Option<String>,
    /// The part's `Content-Type` (`application/octet-stream` when unset).
    pub content_type: Option<String>,
}

impl FilePart {
    /// A file with this content.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self { bytes: bytes.into(), file_name: None, content_type: None }
    }

    /// Sets the file name.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Self::new(text.into_bytes()))
    }
}

/// A `multipart/form-data` body being assembled.
#[derive(Debug)]
pub struct Multipart {
    form: reqwest::multipart::Form,
    error: Option<String>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self { form: reqwest::multipart::Form::new(), error: None }
    }

    /// A text part: scalars as text, arrays as one part per item, objects as
    /// JSON; `None` adds nothing.
    pub fn text(mut self, name: &str, value: &impl Serialize) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(error) => {
                self.error.get_or_insert(format!("part `{name}`: {error}"));
                return self;
            }
        };
        let items = match value {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
        for item in items {
            let part = match scalar_text(&item) {
                Some(text) => reqwest::multipart::Part::text(text),
                None => match reqwest::multipart::Part::text(item.to_string()).mime_str("application/json") {
                    Ok(part) => part,
                    Err(error) => {
                        self.error.get_or_insert(format!("part `{name}`: {error}"));
                        return self;
                    }
                },
            };
            self.form = self.form.part(name.to_owned(), part);
        }
        self
    }

    /// A file part; `None` adds nothing.
    pub fn file(mut self, name: &str, file: Option<&FilePart>) -> Self {
        let Some(file) = file else { return self };
        let mut part = reqwest::multipart::Part::bytes(file.bytes.clone());
        if let Some(file_name) = &file.file_name {
            part = part.file_name(file_name.clone());
        }
        let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
        match part.mime_str(content_type) {
            Ok(part) => self.form = self.form.part(name.to_owned(), part),
            Err(_) => {
                self.error.get_or_insert(format!("part `{name}` has an invalid content type"));
            }
        }
        self
    }
}

/// A credential value. Its `Debug` output never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential value itself, for placing it into a request.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"***\")")
    }
}

/// Supplies bearer tokens, e.g. refreshing an OAuth 2 access token when it expires.
pub trait TokenProvider: Send + Sync {
    /// Returns the token to send with the next request.
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>>;
}

impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        (**self).token()
    }
}

/// Where an API key is placed in a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A credential for one security scheme of an API.
#[derive(Clone)]
pub enum Credential {
    /// An API key sent in a header, query parameter or cookie named `name`.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// A fixed bearer token (`Authorization: Bearer …`).
    Bearer(Secret),
    /// Bearer tokens obtained from a provider before each request.
    BearerProvider(Arc<dyn TokenProvider>),
    /// HTTP basic authentication.
    Basic {
        /// The user name.
        username: Secret,
        /// The password, if any.
        password: Option<Secret>,
    },
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ApiKey { location, name, .. } => {
                f.debug_struct("ApiKey").field("location", location).field("name", name).finish_non_exhaustive()
            }
            Self::Bearer(_) => f.write_str("Bearer(***)"),
            Self::BearerProvider(_) => f.write_str("BearerProvider(..)"),
            Self::Basic { .. } => f.write_str("Basic(***)"),
        }
    }
}

/// What the client does when a server answers with a redirect (301, 302,
/// 303, 307 or 308 with a `Location`).
///
/// Credentials are only ever sent to *trusted origins*: the base URL's
/// scheme, host and port, plus those added with `trust_origin`. `https` to
/// `http` is another origin, so a downgrade is never trusted. A redirect
/// chain that has left the trusted origins carries no credentials for the
/// rest of its hops, even if it comes back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectPolicy {
    /// Follows redirects within the trusted origins, credentials included (at
    /// most 10 hops); a redirect anywhere else is returned as
    /// [`Error::Redirect`] naming its `Location`. The default.
    #[default]
    TrustedOrigins,
    /// Follows every redirect (at most 10 hops), sending no credential to a
    /// hop outside the trusted origins: for APIs that redirect downloads to
    /// pre-signed storage URLs.
    StripCredentials,
    /// Follows no redirect: every one is returned as [`Error::Redirect`].
    Never,
}

/// How many redirects one call follows at most.
const MAX_REDIRECTS: usize = 10;

/// The default of [`ClientConfig::set_max_response_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Settings collected by an API's `ClientBuilder` before the client is built.
pub struct ClientConfig {
    base_url: String,
    variables: Vec<(String, String)>,
    origin: Option<String>,
    http: Option<reqwest::ClientBuilder>,
    timeout: Option<Duration>,
    credentials: Vec<(&'static str, Credential)>,
    redirects: RedirectPolicy,
    trusted: Vec<String>,
    insecure_credentials: bool,
    max_response_bytes: u64,
    retry: RetryPolicy,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    default_headers: HeaderMap,
    hooks: Option<Arc<dyn Hooks>>,
    error: Option<String>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The HTTP client builder is not shown: its default headers may hold a credential.
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("variables", &self.variables)
            .field("origin", &self.origin)
            .field("custom_http_client", &self.http.is_some())
            .field("timeout", &self.timeout)
            .field("credentials", &self.credentials)
            .field("redirects", &self.redirects)
            .field("trusted_origins", &self.trusted)
            .field("insecure_credentials", &self.insecure_credentials)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("default_headers", &self.default_headers.keys().collect::<Vec<_>>())
            .field("hooks", &self.hooks.is_some())
            .finish()
    }
}

impl ClientConfig {
    /// Starts from the API's default base URL.
    pub fn new(default_base_url: &str) -> Self {
        Self::with_server_template(default_base_url, &[])
    }

    /// Starts from a server URL with `{variables}` and their defaults.
    pub fn with_server_template(template: &str, defaults: &[(&str, &str)]) -> Self {
        Self {
            base_url: template.to_owned(),
            variables: defaults.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect(),
            origin: None,
            http: None,
            timeout: None,
            credentials: Vec::new(),
            redirects: RedirectPolicy::default(),
            trusted: Vec::new(),
            insecure_credentials: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
            connect_timeout: None,
            user_agent: None,
            default_headers: HeaderMap::new(),
            hooks: None,
            error: None,
        }
    }

    /// Replaces the base URL every operation path is appended to (server variables no longer apply).
    pub fn set_base_url(&mut self, base_url: String) {
        self.base_url = base_url;
        self.variables.clear();
    }

    /// Sets a variable of the server URL template.
    pub fn set_server_variable(&mut self, name: &str, value: String) {
        match self.variables.iter_mut().find(|(existing, _)| existing == name) {
            Some((_, current)) => *current = value,
            None => self.variables.push((name.to_owned(), value)),
        }
    }

    /// The scheme and host a relative server URL (`/api/v3`) is resolved against.
    pub fn set_origin(&mut self, origin: String) {
        self.origin = Some(origin);
    }

    fn resolved_base_url(&self) -> Result<String, BuildError> {
        let mut url = self.base_url.clone();
        for (name, value) in &self.variables {
            url = url.replace(&format!("{{{name}}}"), value);
        }
        if !url.starts_with('/') {
            return Ok(url);
        }
        match &self.origin {
            Some(origin) => Ok(format!("{}{url}", origin.trim_end_matches('/'))),
            None => Err(BuildError {
                message: format!(
                    "the API's server URL `{url}` is relative: set the host with `origin(\"https://…\")` or a full `base_url`"
                ),
            }),
        }
    }

    /// Builds the HTTP client from this `reqwest::ClientBuilder` instead of a
    /// default one. Its redirect setting is replaced: the runtime follows
    /// redirects itself, by the [`RedirectPolicy`], so that credentials never
    /// leave the trusted origins.
    pub fn set_http_client(&mut self, http: reqwest::ClientBuilder) {
        self.http = Some(http);
    }

    /// Limits how long each request may take, from sending to the end of the body.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// Sets the credential of the security scheme `scheme`, replacing an earlier one.
    pub fn set_credential(&mut self, scheme: &'static str, credential: Credential) {
        self.credentials.retain(|(name, _)| *name != scheme);
        self.credentials.push((scheme, credential));
    }

    /// Chooses what happens on redirects (default [`RedirectPolicy::TrustedOrigins`]).
    pub fn set_redirect_policy(&mut self, policy: RedirectPolicy) {
        self.redirects = policy;
    }

    /// Trusts `origin` (`https://files.example.com`) with the credentials as
    /// well as the base URL's origin: redirects and next-page links may lead there.
    pub fn trust_origin(&mut self, origin: String) {
        self.trusted.push(origin);
    }

    /// Allows credentials over plain `http://` to hosts other than loopback
    /// addresses, where anyone on the network path can read them.
    pub fn allow_insecure_credentials(&mut self) {
        self.insecure_credentials = true;
    }

    /// Caps the size of a response body read into memory (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`]); a larger one is [`Error::BodyTooLarge`].
    pub fn set_max_response_bytes(&mut self, limit: u64) {
        self.max_response_bytes = limit;
    }

    /// Chooses how failed calls are retried (default [`RetryPolicy::default`]).
    pub fn set_retry_policy(&mut self, policy: RetryPolicy) {
        self.retry = policy;
    }

    /// Limits how long connecting to the server may take.
    pub fn set_connect_timeout(&mut self, timeout: Duration) {
        self.connect_timeout = Some(timeout);
    }

    /// Replaces the default `User-Agent` (`<crate name>/<version>` of the generated crate).
    pub fn set_user_agent(&mut self, user_agent: String) {
        self.user_agent = Some(user_agent);
    }

    /// Sends header `name: value` with every request (an operation's own header wins).
    /// An invalid name or value makes [`ClientConfig::build`] fail.
    pub fn add_default_header(&mut self, name: &str, value: &str) {
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes());
        let value = reqwest::header::HeaderValue::from_str(value);
        match (name, value) {
            (Ok(name), Ok(value)) => {
                self.default_headers.insert(name, value);
            }
            _ => {
                self.error.get_or_insert_with(|| "a default header has an invalid name or value".to_owned());
            }
        }
    }

    /// Calls `hooks` around every request the client sends.
    pub fn set_hooks(&mut self, hooks: Arc<dyn Hooks>) {
        self.hooks = Some(hooks);
    }

    /// Validates the settings and builds the client.
    pub fn build(self) -> Result<ClientCore, BuildError> {
        if let Some(message) = self.error {
            return Err(BuildError { message });
        }
        let text = self.resolved_base_url()?;
        let base_url = reqwest::Url::parse(&text)
            .map_err(|error| BuildError { message: format!("invalid base URL `{text}`: {error}") })?;
        if base_url.cannot_be_a_base() {
            return Err(BuildError { message: format!("base URL `{text}` cannot have a path appended") });
        }
        let mut trusted = vec![origin_of(&base_url).ok_or_else(|| BuildError {
            message: format!("base URL `{text}` has no origin (scheme, host and port) to trust with credentials"),
        })?];
        for origin in &self.trusted {
            let parsed = reqwest::Url::parse(origin).ok().and_then(|url| origin_of(&url));
            trusted.push(parsed.ok_or_else(|| BuildError {
                message: format!("`{origin}` is not an origin to trust (expected `https://host[:port]`)"),
            })?);
        }
        if !self.credentials.is_empty() && !self.insecure_credentials && exposes_credentials(&base_url) {
            return Err(BuildError { message: insecure_message(&base_url) });
        }
        let mut http = match self.http {
            Some(custom) => custom,
            // A caller's own builder keeps its user agent unless one is set here.
            None => reqwest::Client::builder().user_agent(DEFAULT_USER_AGENT),
        };
        if let Some(user_agent) = &self.user_agent {
            http = http.user_agent(user_agent.clone());
        }
        if let Some(timeout) = self.connect_timeout {
            http = http.connect_timeout(timeout);
        }
        let http = http
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| BuildError { message: format!("cannot build the HTTP client: {error}") })?;
        Ok(ClientCore {
            inner: Arc::new(Inner {
                http,
                base_url,
                timeout: self.timeout,
                credentials: self.credentials,
                redirects: self.redirects,
                trusted,
                insecure_credentials: self.insecure_credentials,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                default_headers: self.default_headers,
                hooks: self.hooks,
            }),
            overrides: CallSettings::default(),
        })
    }
}

/// The ASCII serialisation of `url`'s origin (`https://example.com:8443`);
/// `None` for opaque origins (`data:`, `file:`), which nothing may be trusted with.
fn origin_of(url: &reqwest::Url) -> Option<String> {
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// Whether credentials sent to `url` would cross the network in clear text:
/// plain `http` to a host that is not a loopback address.
fn exposes_credentials(url: &reqwest::Url) -> bool {
    if url.scheme() != "http" {
        return false;
    }
    let host = url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    let loopback = host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|address| address.is_loopback());
    !loopback
}

fn insecure_message(url: &reqwest::Url) -> String {
    format!(
        "credentials are not sent over plain http to `{}`, which is not a loopback address: use https, or opt in with `allow_insecure_credentials()`",
        url.host_str().unwrap_or_default()
    )
}

/// Why a client could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}

/// The configured connection to one API, shared by clones.
#[derive(Clone)]
pub struct ClientCore {
    inner: Arc<Inner>,
    /// Settings of the calls made through this handle, over the client's.
    overrides: CallSettings,
}

/// What [`ClientCore::with_retry_policy`] and [`ClientCore::with_timeout`] change for the calls made through one handle.
#[derive(Debug, Clone, Default)]
struct CallSettings {
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
}

struct Inner {
    http: reqwest::Client,
    base_url: reqwest::Url,
    timeout: Option<Duration>,
    credentials: Vec<(&'static str, Credential)>,
    redirects: RedirectPolicy,
    /// Origins credentials may be sent to, the base URL's first.
    trusted: Vec<String>,
    insecure_credentials: bool,
    max_response_bytes: u64,
    retry: RetryPolicy,
    default_headers: HeaderMap,
    hooks: Option<Arc<dyn Hooks>>,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let schemes: Vec<&str> = self.inner.credentials.iter().map(|(name, _)| *name).collect();
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("timeout", &self.inner.timeout)
            .field("credentials_for", &schemes)
            .field("redirects", &self.inner.redirects)
            .field("trusted_origins", &self.inner.trusted)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// The base URL operation paths are appended to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// The same client (same connections and credentials) whose calls retry by `policy`.
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Self {
        Self { inner: self.inner.clone(), overrides: CallSettings { retry: Some(policy), ..self.overrides.clone() } }
    }

    /// The same client whose calls each fail after `timeout` per attempt.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self { inner: self.inner.clone(), overrides: CallSettings { timeout: Some(timeout), ..self.overrides.clone() } }
    }

    fn retry_policy(&self) -> &RetryPolicy {
        self.overrides.retry.as_ref().unwrap_or(&self.inner.retry)
    }

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
            idempotent: false,
        }
    }

    fn credential(&self, scheme: &str) -> Option<&Credential> {
        self.inner.credentials.iter().find(|(name, _)| *name == scheme).map(|(_, credential)| credential)
    }

    fn trusts(&self, url: &reqwest::Url) -> bool {
        origin_of(url).is_some_and(|origin| self.inner.trusted.contains(&origin))
    }

    /// The credentials of the first alternative of `security` whose schemes
    /// are all configured; none when an empty alternative or nothing matches.
    async fn credentials<E>(&self, security: &[&[&str]]) -> Result<Credentials, Error<E>> {
        let configured = |scheme: &&str| self.credential(scheme).is_some();
        let chosen = security.iter().find(|schemes| schemes.iter().all(configured));
        if chosen.is_none() {
            // Credentials that only work together, set in part: sending none would hide the mistake.
            if let Some(partial) = security.iter().find(|schemes| schemes.iter().any(configured)) {
                let missing: Vec<&str> = partial.iter().filter(|scheme| !configured(scheme)).copied().collect();
                return Err(Error::InvalidRequest(format!(
                    "this operation needs the credentials {} together; missing: {}",
                    partial.join(", "),
                    missing.join(", ")
                )));
            }
        }
        let mut credentials = Credentials::default();
        for scheme in chosen.map(|schemes| schemes.iter()).into_iter().flatten() {
            let Some(credential) = self.credential(scheme) else { continue };
            match credential {
                Credential::ApiKey { location: ApiKeyLocation::Query, name, value } => {
                    append_query(&mut credentials.query, name, &serde_json::Value::from(value.expose()));
                    credentials.keep(value.expose());
                    credentials.keep(&utf8_percent_encode(value.expose(), COMPONENT).to_string());
                }
                Credential::ApiKey { location: ApiKeyLocation::Cookie, name, value } => {
                    credentials.cookies.push(format!("{name}={}", value.expose()));
                    credentials.keep(value.expose());
                }
                Credential::ApiKey { name, value, .. } => credentials.header(name, value.expose())?,
                Credential::Bearer(token) => {
                    credentials.header("authorization", &bearer(token))?;
                    credentials.keep(token.expose());
                }
                Credential::BearerProvider(provider) => {
                    let token = provider
                        .token()
                        .await
                        .map_err(|error| Error::InvalidRequest(format!("token provider failed: {error}")))?;
                    credentials.header("authorization", &bearer(&token))?;
                    credentials.keep(token.expose());
                }
                Credential::Basic { username, password } => {
                    credentials.keep(username.expose());
                    if let Some(password) = password {
                        credentials.keep(password.expose());
                    }
                    credentials.basic = Some((username.clone(), password.clone()));
                }
            }
        }
        Ok(credentials)
    }

    /// Sends one call: each attempt through [`ClientCore::exchange`], again
    /// after a failure the [`RetryPolicy`] retries, while `retryable` (an
    /// idempotent method or an idempotency key, and a body that can be sent again).
    async fn send_retrying<E>(
        &self,
        operation: &'static str,
        exchange: Exchange,
        credentials: &Credentials,
        retryable: bool,
    ) -> Result<RawResponse, Error<E>> {
        let policy = self.retry_policy();
        let started = Instant::now();
        let mut attempt = 1;
        let mut current = exchange;
        loop {
            let again = if retryable { current.replay() } else { None };
            let outcome = self.exchange(current, credentials, Attempt { operation, number: attempt, started }).await;
            let delay = match &outcome {
                Ok(raw) if RETRY_STATUSES.contains(&raw.status.as_u16()) => policy.delay(attempt, Some(&raw.headers)),
                Err(Error::Transport(error)) if error.is_connect() || error.is_timeout() || error.is_request() => {
                    policy.delay(attempt, None)
                }
                _ => None,
            };
            match (delay, again) {
                (Some(delay), Some(again))
                    if attempt < policy.max_attempts && started.elapsed() + delay <= policy.max_elapsed =>
                {
                    tokio::time::sleep(delay).await;
                    current = again;
                    attempt += 1;
                }
                _ => return outcome,
            }
        }
    }

    /// Sends `exchange`, following redirects by the [`RedirectPolicy`], and
    /// reads the final response's body up to the size cap.
    async fn exchange<E>(
        &self,
        mut exchange: Exchange,
        credentials: &Credentials,
        attempt: Attempt,
    ) -> Result<RawResponse, Error<E>> {
        let inner = &self.inner;
        let mut within_trusted = true;
        let mut hops = 0;
        loop {
            let carried = (within_trusted && self.trusts(&exchange.url)).then_some(credentials);
            if carried.is_some_and(|credentials| !credentials.is_empty())
                && !inner.insecure_credentials
                && exposes_credentials(&exchange.url)
            {
                return Err(Error::InsecureTransport(insecure_message(&exchange.url)));
            }
            // A URL carrying an API key must not end up in an error message.
            let hide_url = carried.is_some_and(|credentials| !credentials.query.is_empty());
            let transport =
                |error: reqwest::Error| Error::Transport(if hide_url { error.without_url() } else { error });
            let timeout = self.overrides.timeout.or(inner.timeout);
            let mut request = exchange.request(inner, carried, timeout)?.build().map_err(transport)?;
            if let Some(hooks) = &inner.hooks {
                hooks
                    .on_request(&attempt.call(carried.is_some()), &mut request)
                    .map_err(|error| Error::InvalidRequest(format!("a hook refused the request: {error}")))?;
            }
            let sent = inner.http.execute(request).await;
            if let Some(hooks) = &inner.hooks {
                let outcome = match &sent {
                    Ok(response) => Outcome::Response { status: response.status(), headers: response.headers() },
                    Err(error) => Outcome::Error(error),
                };
                hooks.on_response(&attempt.call(carried.is_some()), outcome);
            }
            let response = sent.map_err(transport)?;
            let status = response.status();
            let location = response.headers().get(reqwest::header::LOCATION).and_then(|value| value.to_str().ok());
            let Some(location) = location.filter(|_| is_redirect(status)) else {
                let headers = response.headers().clone();
                let body = read_body(response, inner.max_response_bytes, transport).await?;
                return Ok(RawResponse { status, headers, body, secrets: credentials.secrets.clone() });
            };
            let next = exchange.url.join(location);
            let stop = |reason: RedirectStop| {
                let location = match &next {
                    Ok(url) => url.as_str(),
                    Err(_) => location,
                };
                Err(Error::Redirect(Box::new(Redirect {
                    status,
                    location: redact(location, &credentials.secrets),
                    reason,
                })))
            };
            let Ok(next) = next.as_ref() else { return stop(RedirectStop::InvalidLocation) };
            if inner.redirects == RedirectPolicy::Never {
                return stop(RedirectStop::NotFollowed);
            }
            if hops == MAX_REDIRECTS {
                return stop(RedirectStop::TooMany);
            }
            if !self.trusts(next) {
                if inner.redirects == RedirectPolicy::TrustedOrigins {
                    return stop(RedirectStop::UntrustedOrigin);
                }
                within_trusted = false;
            }
            if !exchange.redirect(status, next.clone()) {
                return stop(RedirectStop::BodyNotReplayable);
            }
            hops += 1;
        }
    }
}

/// The credentials one request carries, kept apart from it so that each hop
/// of a redirect chain decides whether they go along.
#[derive(Default)]
struct Credentials {
    headers: HeaderMap,
    /// Encoded `name=value` pairs appended to the query.
    query: String,
    cookies: Vec<String>,
    basic: Option<(Secret, Option<Secret>)>,
    /// Every value sent, to blank out of error messages should a server echo one.
    secrets: Vec<String>,
}

impl Credentials {
    fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.query.is_empty() && self.cookies.is_empty() && self.basic.is_none()
    }

    /// Remembers `secret` to blank out of error texts. Values shorter than
    /// [`MIN_REDACTED_LEN`] are not: blanking every `3` out of a body (an
    /// `api-version` header modelled as an API key) would garble it.
    fn keep(&mut self, secret: &str) {
        if secret.len() >= MIN_REDACTED_LEN && !self.secrets.iter().any(|kept| kept == secret) {
            self.secrets.push(secret.to_owned());
        }
    }

    fn header<E>(&mut self, name: &str, value: &str) -> Result<(), Error<E>> {
        let invalid = || Error::InvalidRequest(format!("credential for `{name}` is not a valid header value"));
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let mut header = reqwest::header::HeaderValue::from_str(value).map_err(|_| invalid())?;
        header.set_sensitive(true);
        self.headers.append(name, header);
        self.keep(value);
        Ok(())
    }
}

/// Credential values shorter than this are not blanked out of echoed texts.
const MIN_REDACTED_LEN: usize = 8;

/// `text` with every secret in `secrets` replaced by `***`.
fn redact(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), "***");
        }
    }
    text
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// A request body, kept so that a 307 or 308 redirect can send it again.
#[derive(Debug)]
enum Body {
    Empty,
    Bytes(&'static str, bytes::Bytes),
    /// A multipart form streams once: `None` after it was sent.
    Multipart(Option<reqwest::multipart::Form>),
}

/// One call's request as it moves along a redirect chain, without credentials.
struct Exchange {
    method: Method,
    url: reqwest::Url,
    headers: HeaderMap,
    cookies: Vec<String>,
    body: Body,
}

impl Exchange {
    /// A copy to send again on a retry; `None` when the body streams only once.
    fn replay(&self) -> Option<Self> {
        let body = match &self.body {
            Body::Empty => Body::Empty,
            Body::Bytes(content_type, bytes) => Body::Bytes(content_type, bytes.clone()),
            Body::Multipart(_) => return None,
        };
        Some(Self {
            method: self.method.clone(),
            url: self.url.clone(),
            headers: self.headers.clone(),
            cookies: self.cookies.clone(),
            body,
        })
    }

    /// The HTTP request for the current hop, with `credentials` when they go along.
    fn request<E>(
        &mut self,
        inner: &Inner,
        credentials: Option<&Credentials>,
        timeout: Option<Duration>,
    ) -> Result<reqwest::RequestBuilder, Error<E>> {
        let mut url = self.url.clone();
        let mut headers = self.headers.clone();
        let mut cookies = self.cookies.clone();
        if let Some(credentials) = credentials {
            if !credentials.query.is_empty() {
                let mut query = url.query().unwrap_or_default().to_owned();
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&credentials.query);
                url.set_query(Some(&query));
            }
            headers.extend(credentials.headers.clone());
            cookies.extend(credentials.cookies.iter().cloned());
        }
        if !cookies.is_empty() {
            // One `Cookie` header holds them all (RFC 6265 §5.4).
            let mut value = reqwest::header::HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| Error::InvalidRequest("a cookie is not a valid header value".to_owned()))?;
            value.set_sensitive(credentials.is_some_and(|credentials| !credentials.cookies.is_empty()));
            headers.insert(reqwest::header::COOKIE, value);
        }
        let mut request = inner.http.request(self.method.clone(), url).headers(headers);
        match &mut self.body {
            Body::Empty => {}
            Body::Bytes(content_type, bytes) => {
                request = request.header(reqwest::header::CONTENT_TYPE, *content_type).body(bytes.clone());
            }
            Body::Multipart(form) => {
                if let Some(form) = form.take() {
                    request = request.multipart(form);
                }
            }
        }
        if let Some((username, password)) = credentials.and_then(|credentials| credentials.basic.as_ref()) {
            request = request.basic_auth(username.expose(), password.as_ref().map(Secret::expose));
        }
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        Ok(request)
    }

    /// Moves to `next` after a redirect with `status`, changing the method as
    /// RFC 9110 §15.4 describes; `false` when the body would have to be sent
    /// again and cannot be.
    fn redirect(&mut self, status: StatusCode, next: reqwest::Url) -> bool {
        let to_get = match status.as_u16() {
            303 => self.method != Method::HEAD,
            301 | 302 => self.method == Method::POST,
            _ => false,
        };
        if to_get {
            self.method = Method::GET;
            self.body = Body::Empty;
        } else if matches!(self.body, Body::Multipart(None)) {
            return false;
        }
        self.url = next;
        true
    }
}

/// Reads a response body whole, failing once it passes `limit` bytes.
async fn read_body<E>(
    mut response: reqwest::Response,
    limit: u64,
    transport: impl Fn(reqwest::Error) -> Error<E>,
) -> Result<bytes::Bytes, Error<E>> {
    let status = response.status();
    let too_large = || Error::BodyTooLarge { status, limit };
    let announced = response.content_length().unwrap_or(0);
    if announced > limit {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(&transport)? {
        if u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX) > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.into())
}

/// Statuses worth another attempt: the server timed out, is overloaded or
/// briefly unavailable.
const RETRY_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// How calls that fail on the way are retried: connection errors and
/// timeouts, and the statuses 408, 429, 500, 502, 503 and 504.
///
/// The default makes at most 3 attempts within 30 s, waiting a random time
/// up to 200 ms, 400 ms, … (at most 5 s: exponential backoff with full
/// jitter, so many clients do not retry in step), or what `Retry-After` asks
/// when it asks at most 30 s (a server asking longer is not retried). Only
/// idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried, and calls
/// carrying an idempotency key; a POST or PATCH without one could be applied
/// twice, so it is retried only with [`RetryPolicy::retry_non_idempotent`]. A
/// multipart body, which streams once, is never sent again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
    max_retry_after: Duration,
    non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(30),
            non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn never() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// At most `attempts` attempts in all (the first included; at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Waits a random time up to `initial`, then up to twice that, … never above `max`.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Gives up once a retry would start later than `limit` after the call began.
    pub fn max_elapsed(mut self, limit: Duration) -> Self {
        self.max_elapsed = limit;
        self
    }

    /// Honours `Retry-After` up to `limit`; a server asking for longer is not retried.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Retries POST and PATCH too, which the server may apply twice.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.non_idempotent = retry;
        self
    }

    /// How long to wait before attempt `attempt + 1`; `None` when the
    /// server asks for longer than the policy honours.
    fn delay(&self, attempt: u32, headers: Option<&HeaderMap>) -> Option<Duration> {
        if let Some(asked) = headers.and_then(retry_after) {
            return (asked <= self.max_retry_after).then_some(asked);
        }
        let doubling = 2_u32.saturating_pow(attempt.saturating_sub(1));
        let ceiling = self.initial_backoff.saturating_mul(doubling).min(self.max_backoff);
        Some(ceiling.mul_f64(random_fraction()))
    }
}

/// A `Retry-After` header: delta-seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(text).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// A uniformly distributed number in `[0, 1)`, for jitter.
fn random_fraction() -> f64 {
    (random_u64() >> 11) as f64 / (1_u64 << 53) as f64
}

/// 64 random bits, from the standard library's per-process random hash keys.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.finish()
}

/// A fresh idempotency key: 128 random bits in hex.
fn fresh_key() -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

/// Sees every request the client sends and every response it gets: add
/// headers (request ids), sign requests, log, count. Both methods have
/// defaults that do nothing.
pub trait Hooks: Send + Sync {
    /// Called with each request just before it is sent (each attempt, each
    /// redirect hop); an error stops the call with [`Error::InvalidRequest`].
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
struct Attempt {
    operation: &'static str,
    number: u32,
    started: Instant,
}

impl Attempt {
    fn call(&self, trusted: bool) -> Call {
        Call { operation: self.operation, attempt: self.number, elapsed: self.started.elapsed(), trusted }
    }
}

/// The `User-Agent` sent unless the caller sets another: the generated crate's name and version.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

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
    error: Option<String>,
    operation: &'static str,
    /// An idempotency key goes with the request: retrying a POST is safe.
    idempotent: bool,
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

impl Request<'_> {
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
        let encoded = utf8_percent_encode(&rendered, COMPONENT).to_string();
        self.path = self.path.replace(&format!("{{{name}}}"), &encoded);
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
            serde_json::Value::Array(items) => items.iter().filter_map(scalar_text).collect(),
            serde_json::Value::Object(fields) => {
                fields.iter().filter_map(|(key, item)| Some([key.clone(), scalar_text(item)?])).flatten().collect()
            }
            scalar => scalar_text(scalar).into_iter().collect(),
        };
        let encoded: Vec<String> = parts.iter().map(|part| utf8_percent_encode(part, COMPONENT).to_string()).collect();
        push_pair(&mut self.query, &utf8_percent_encode(name, COMPONENT).to_string(), &encoded.join(delimiter));
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

    /// Sends a `multipart/form-data` body.
    pub fn multipart(mut self, form: Multipart) -> Self {
        match form.error {
            Some(message) => return self.fail(message),
            None => self.body = Body::Multipart(Some(form.form)),
        }
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

    fn fail(mut self, message: String) -> Self {
        self.error.get_or_insert(message);
        self
    }

    /// Sends the request and reads the whole response, following redirects
    /// by the client's [`RedirectPolicy`]. Credentials go only to trusted
    /// origins, and over plain `http` only to loopback addresses unless allowed.
    pub async fn send<E>(self) -> Result<RawResponse, Error<E>> {
        if let Some(message) = self.error {
            return Err(Error::InvalidRequest(message));
        }
        if let Some(start) = self.path.find('{') {
            return Err(Error::InvalidRequest(format!(
                "path parameter `{}` has no value",
                self.path[start..].trim_start_matches('{').split('}').next().unwrap_or_default()
            )));
        }
        let core = self.core;
        let credentials = core.credentials(self.security).await?;
        let url = match &self.page_url {
            Some(link) => {
                let url = resolve_page_url(&core.inner.base_url, link)?;
                if !core.trusts(&url) {
                    return Err(Error::UntrustedLink(redact(url.as_str(), &credentials.secrets)));
                }
                url
            }
            None => {
                let mut url = core.inner.base_url.clone();
                let path = format!("{}{}", url.path().trim_end_matches('/'), self.path);
                url.set_path(&path);
                if !self.query.is_empty() {
                    url.set_query(Some(&self.query));
                }
                url
            }
        };
        let mut headers = core.inner.default_headers.clone();
        headers.extend(self.headers);
        let idempotent = self.idempotent
            || core.retry_policy().non_idempotent
            || [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS, Method::TRACE]
                .contains(&self.method);
        let retryable = idempotent && !matches!(self.body, Body::Multipart(_));
        let exchange = Exchange { method: self.method, url, headers, cookies: self.cookies, body: self.body };
        core.send_retrying(self.operation, exchange, &credentials, retryable).await
    }
}

/// A next-page link as a URL: absolute links stay, relative ones resolve
/// against the base URL (as a directory, so `customers?page=2` continues it).
fn resolve_page_url<E>(base: &reqwest::Url, link: &str) -> Result<reqwest::Url, Error<E>> {
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

fn bearer(token: &Secret) -> String {
    format!("Bearer {}", token.expose())
}

/// Renders a parameter value the way OpenAPI's `simple`/`form` styles write a
/// scalar; `None` for an absent value.
fn render_scalar(value: &impl Serialize) -> Result<Option<String>, String> {
    match serde_json::to_value(value).map_err(|error| error.to_string())? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Array(items) => {
            let rendered: Vec<String> = items.iter().filter_map(scalar_text).collect();
            Ok(Some(rendered.join(",")))
        }
        other => scalar_text(&other).map(Some).ok_or_else(|| "objects are not supported here".to_owned()),
    }
}

fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn append_query(query: &mut String, name: &str, value: &serde_json::Value) {
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
                push_pair(
                    query,
                    &utf8_percent_encode(name, COMPONENT).to_string(),
                    &utf8_percent_encode(&text, COMPONENT).to_string(),
                );
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

/// Appends `name=value`, both already encoded.
fn push_pair(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(name);
    query.push('=');
    query.push_str(value);
}

/// A response whose body has been read but not yet decoded.
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    /// The credential values the request carried, blanked out of error texts.
    secrets: Vec<String>,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// Decodes a response body into the type an operation documents.
pub type Decoder<T> = fn(&[u8]) -> Result<T, DecodeError>;

impl RawResponse {
    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Decodes a documented success response.
    pub fn success<T, E>(self, decode: Decoder<T>) -> Result<Response<T>, Error<E>> {
        match decode(&self.body) {
            Ok(body) => Ok(Response { status: self.status, headers: self.headers, body }),
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

fn truncated_text(text: &str) -> String {
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
    path: String,
    message: String,
}

/// Decodes a JSON body, recording the path of the value that failed.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(deserializer)
        .map_err(|error| DecodeError { path: error.path().to_string(), message: error.into_inner().to_string() })
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
    secrets: Vec<String>,
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
    /// ([`RedirectPolicy::TrustedOrigins`]).
    UntrustedOrigin,
    /// The client follows no redirects ([`RedirectPolicy::Never`]).
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
    /// The server redirected and the [`RedirectPolicy`] did not follow.
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
            Self::InvalidRequest(_) | Self::Validation(_) | Self::UntrustedLink(_) | Self::InsecureTransport(_) => None,
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
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            Self::Validation(violation) => Some(violation),
            _ => None,
        }
    }
}

impl<E> From<ConstraintViolation> for Error<E> {
    fn from(violation: ConstraintViolation) -> Self {
        Self::Validation(Box::new(violation))
    }
}

/// Where a value sits in a request: `Options.Meta`, `items[2].name`. Built on
/// the stack as checks descend and rendered only when one fails.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl At<'static> {
    /// The value itself: a body, or the container of parameters.
    pub const ROOT: Self = Self { parent: None, segment: Segment::Root };

    /// The parameter `name` (its name on the wire) of an operation.
    pub const fn param(name: &'static str) -> Self {
        Self { parent: Some(&Self::ROOT), segment: Segment::Field(name) }
    }
}

impl<'a> At<'a> {
    /// The property or parameter `name` (its name on the wire) of this value.
    pub fn field<'b>(&'b self, name: &'b str) -> At<'b> {
        At { parent: Some(self), segment: Segment::Field(name) }
    }

    /// Item `index` of this array.
    pub fn index(&self, index: usize) -> At<'_> {
        At { parent: Some(self), segment: Segment::Index(index) }
    }

    /// The value under `key` of this map.
    pub fn key<'b>(&'b self, key: &'b str) -> At<'b> {
        At { parent: Some(self), segment: Segment::Key(key) }
    }

    /// The path from the root, e.g. `items[2].name`; empty for the root.
    pub fn path(&self) -> String {
        let mut segments = Vec::new();
        let mut current = Some(self);
        while let Some(at) = current {
            segments.push(at.segment);
            current = at.parent;
        }
        let mut path = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Field(name) | Segment::Key(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Index(index) => path.push_str(&format!("[{index}]")),
            }
        }
        path
    }

    fn violates(&self, rule: Rule) -> Result<(), ConstraintViolation> {
        Err(ConstraintViolation { path: self.path(), rule })
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

impl Number {
    fn as_f64(self) -> f64 {
        match self {
            // Precision lost past 2^53 only matters when comparing with a float.
            Self::Int(value) => value as f64,
            Self::Float(value) => value,
        }
    }

    fn compare(self, other: Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Self::Int(left), Self::Int(right)) => Some(left.cmp(&right)),
            (left, right) => left.as_f64().partial_cmp(&right.as_f64()),
        }
    }
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

/// Values whose schemas constrain them (or something inside them). Operations
/// check their bodies before sending; call [`Validate::validate`] to check earlier.
pub trait Validate {
    /// Checks the value, which sits at `at` in the request.
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation>;

    /// Checks the value and everything inside it against their schemas' constraints.
    fn validate(&self) -> Result<(), ConstraintViolation> {
        self.validate_at(At::ROOT)
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        (**self).validate_at(at)
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        (**self).validate_at(at)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        match self {
            Some(value) => value.validate_at(at),
            None => Ok(()),
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        self.iter().enumerate().try_for_each(|(index, item)| item.validate_at(at.index(index)))
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        self.as_slice().validate_at(at)
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        self.iter().try_for_each(|(key, value)| value.validate_at(at.key(key)))
    }
}

/// `minLength` and `maxLength`, counted in characters as JSON Schema does.
pub fn check_length(
    at: At<'_>,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ConstraintViolation> {
    let length = value.chars().count();
    match (min, max) {
        (Some(min), _) if length < min => at.violates(Rule::MinLength(min)),
        (_, Some(max)) if length > max => at.violates(Rule::MaxLength(max)),
        _ => Ok(()),
    }
}

/// `pattern`: `matched` tells whether the text matches `pattern` (the
/// generated code holds the compiled expression).
pub fn check_pattern(at: At<'_>, matched: bool, pattern: &'static str) -> Result<(), ConstraintViolation> {
    if matched {
        Ok(())
    } else {
        at.violates(Rule::Pattern(pattern))
    }
}

/// `minItems` and `maxItems`.
pub fn check_items<T>(
    at: At<'_>,
    items: &[T],
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ConstraintViolation> {
    match (min, max) {
        (Some(min), _) if items.len() < min => at.violates(Rule::MinItems(min)),
        (_, Some(max)) if items.len() > max => at.violates(Rule::MaxItems(max)),
        _ => Ok(()),
    }
}

/// A bound check: `value` passes when its ordering against `bound` is `accepted`.
/// A value that does not compare (NaN) violates every bound.
fn check_bound(
    at: At<'_>,
    value: Number,
    bound: Number,
    accepted: fn(std::cmp::Ordering) -> bool,
    rule: fn(Number) -> Rule,
) -> Result<(), ConstraintViolation> {
    if value.compare(bound).is_some_and(accepted) {
        Ok(())
    } else {
        at.violates(rule(bound))
    }
}

/// `minimum`.
pub fn check_minimum(
    at: At<'_>,
    value: impl Into<Number>,
    minimum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), minimum.into(), std::cmp::Ordering::is_ge, Rule::Minimum)
}

/// `minimum` with `exclusiveMinimum: true`.
pub fn check_exclusive_minimum(
    at: At<'_>,
    value: impl Into<Number>,
    minimum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), minimum.into(), std::cmp::Ordering::is_gt, Rule::ExclusiveMinimum)
}

/// `maximum`.
pub fn check_maximum(
    at: At<'_>,
    value: impl Into<Number>,
    maximum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), maximum.into(), std::cmp::Ordering::is_le, Rule::Maximum)
}

/// `maximum` with `exclusiveMaximum: true`.
pub fn check_exclusive_maximum(
    at: At<'_>,
    value: impl Into<Number>,
    maximum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), maximum.into(), std::cmp::Ordering::is_lt, Rule::ExclusiveMaximum)
}

/// `multipleOf`. Floats are compared within rounding error, so `0.3` is a
/// multiple of `0.1` as it is in decimal.
pub fn check_multiple_of(
    at: At<'_>,
    value: impl Into<Number>,
    factor: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    let factor = factor.into();
    let multiple = match (value.into(), factor) {
        (Number::Int(value), Number::Int(factor)) => value.checked_rem(factor).is_some_and(|rest| rest == 0),
        (value, factor) => {
            let quotient = value.as_f64() / factor.as_f64();
            quotient.is_finite() && (quotient - quotient.round()).abs() <= quotient.abs().max(1.0) * 8.0 * f64::EPSILON
        }
    };
    if multiple {
        Ok(())
    } else {
        at.violates(Rule::MultipleOf(factor))
    }
}

/// What a check reaches inside a value: the value itself, what an `Option`
/// holds, each item of a list and each value of a map, each with its path.
/// `L` is what is checked: `str` for texts, [`Number`] for numbers. It lets
/// one call check a field of any shape (`Option<Vec<String>>`…).
pub trait Leaves<L: ?Sized> {
    /// Runs `check` on every `L` inside, with its path from `at`.
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation>;
}

impl Leaves<str> for String {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &str) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        check(at, self)
    }
}

macro_rules! number_leaves {
    ($($number:ty),*) => {$(
        impl Leaves<Number> for $number {
            fn each(&self, at: At<'_>, check: &mut dyn FnMut(At<'_>, &Number) -> Result<(), ConstraintViolation>) -> Result<(), ConstraintViolation> {
                check(at, &Number::from(*self))
            }
        }
    )*};
}
number_leaves!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl<L: ?Sized, T: Leaves<L> + ?Sized> Leaves<L> for &T {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        (**self).each(at, check)
    }
}

impl<L: ?Sized, T: Leaves<L>> Leaves<L> for Option<T> {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        match self {
            Some(value) => value.each(at, check),
            None => Ok(()),
        }
    }
}

impl<L: ?Sized, T: Leaves<L>> Leaves<L> for Vec<T> {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        for (index, item) in self.iter().enumerate() {
            item.each(at.index(index), check)?;
        }
        Ok(())
    }
}

impl<L: ?Sized, T: Leaves<L>> Leaves<L> for std::collections::BTreeMap<String, T> {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        for (key, value) in self {
            value.each(at.key(key), check)?;
        }
        Ok(())
    }
}

/// A list, or an optional one: what `minItems` and `maxItems` count.
pub trait Counted {
    /// The number of items; `None` when there is no list.
    fn count(&self) -> Option<usize>;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Counted + ?Sized> Counted for &T {
    fn count(&self) -> Option<usize> {
        (**self).count()
    }
}

impl<T: Counted> Counted for Option<T> {
    fn count(&self) -> Option<usize> {
        self.as_ref().and_then(Counted::count)
    }
}

/// One call per rule, whatever the shape of the field (the rule applies to
/// every text or number inside it): `at.field("name").length(&self.name, None, Some(64))?`.
impl At<'_> {
    /// `minLength` and `maxLength` of every text in `value`.
    pub fn length<V: Leaves<str> + ?Sized>(
        self,
        value: &V,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), ConstraintViolation> {
        value.each(self, &mut |at, text| check_length(at, text, min, max))
    }

    /// `pattern` of every text in `value`; `matches` runs the compiled expression.
    pub fn pattern<V: Leaves<str> + ?Sized>(
        self,
        value: &V,
        pattern: &'static str,
        matches: impl Fn(&str) -> bool,
    ) -> Result<(), ConstraintViolation> {
        value.each(self, &mut |at, text| check_pattern(at, matches(text), pattern))
    }

    /// `minItems` and `maxItems` of the list `value` (if there is one).
    pub fn items<V: Counted + ?Sized>(
        self,
        value: &V,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), ConstraintViolation> {
        match value.count() {
            Some(count) => match (min, max) {
                (Some(min), _) if count < min => self.violates(Rule::MinItems(min)),
                (_, Some(max)) if count > max => self.violates(Rule::MaxItems(max)),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }

    /// `minimum` of every number in `value`.
    pub fn minimum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_minimum(at, *number, bound))
    }

    /// `minimum` with `exclusiveMinimum: true`, of every number in `value`.
    pub fn exclusive_minimum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_exclusive_minimum(at, *number, bound))
    }

    /// `maximum` of every number in `value`.
    pub fn maximum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_maximum(at, *number, bound))
    }

    /// `maximum` with `exclusiveMaximum: true`, of every number in `value`.
    pub fn exclusive_maximum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_exclusive_maximum(at, *number, bound))
    }

    /// `multipleOf` of every number in `value`.
    pub fn multiple_of<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        factor: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let factor = factor.into();
        value.each(self, &mut |at, number| check_multiple_of(at, *number, factor))
    }
}

/// How an operation pages through results (from `x-speakeasy-pagination`
/// or the API's codegen settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A page number parameter, starting at this number.
    Page(i64),
    /// An offset parameter, advanced by the number of items received.
    Offset,
    /// A cursor parameter, set from the previous response.
    Cursor,
    /// The next page's URL, read from the previous response.
    Url,
}

/// Where a paginated operation's items and its next page are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// How pages advance.
    pub kind: PageKind,
    /// JSONPath of the items in a page (`$.data`).
    pub results: &'static str,
    /// JSONPath of the next cursor or URL (cursor and URL kinds).
    pub next: Option<&'static str>,
    /// JSONPath of the number of pages (page kind, optional).
    pub num_pages: Option<&'static str>,
}

/// What the next request must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStep {
    /// This page number.
    Page(i64),
    /// This offset.
    Offset(i64),
    /// This cursor.
    Cursor(String),
    /// This URL (absolute, or relative to the base URL).
    Url(String),
}

/// A stream of results.
pub use futures_util::stream::Stream;

/// Sends one page's request: an operation's `send_with_response`.
pub type SendPage<'a, B, T, E> = fn(B) -> BoxFuture<'a, Result<Response<T>, Error<E>>>;

/// Streams every page of a paginated operation, requesting the next one only
/// when the stream is polled past the current one.
pub fn pages<'a, B, T, E>(
    first: B,
    pagination: Pagination,
    advance: fn(B, PageStep) -> B,
    send: SendPage<'a, B, T, E>,
) -> impl Stream<Item = Result<Response<T>, Error<E>>> + 'a
where
    B: Clone + 'a,
    T: Serialize + 'a,
    E: 'a,
{
    let start = match pagination.kind {
        PageKind::Page(first_page) => Some(PageStep::Page(first_page)),
        PageKind::Offset => Some(PageStep::Offset(0)),
        PageKind::Cursor | PageKind::Url => None,
    };
    let first = match &start {
        Some(step) => advance(first, step.clone()),
        None => first,
    };
    futures_util::stream::unfold(Some((first, start)), move |state| async move {
        let (builder, step) = state?;
        match send(builder.clone()).await {
            Err(error) => Some((Err(error), None)),
            Ok(response) => {
                let next = next_step(&pagination, step.as_ref(), &response.body)
                    .map(|next| (advance(builder, next.clone()), Some(next)));
                Some((Ok(response), next))
            }
        }
    })
}

/// Streams every item of every page, decoding each as `I`.
pub fn items<'a, B, T, E, I>(
    first: B,
    pagination: Pagination,
    advance: fn(B, PageStep) -> B,
    send: SendPage<'a, B, T, E>,
) -> impl Stream<Item = Result<I, Error<E>>> + 'a
where
    B: Clone + 'a,
    T: Serialize + 'a,
    E: 'a,
    I: DeserializeOwned + 'a,
{
    use futures_util::StreamExt as _;
    pages(first, pagination, advance, send).flat_map(move |page| {
        let items: Vec<Result<I, Error<E>>> = match page {
            Err(error) => vec![Err(error)],
            Ok(response) => {
                let status = response.status;
                page_items(&pagination, &response.body)
                    .into_iter()
                    .map(|item| {
                        serde_json::from_value(item).map_err(|error| {
                            Error::Decode(Box::new(DecodeFailure {
                                status,
                                path: pagination.results.to_owned(),
                                message: error.to_string(),
                                body: String::new(),
                            }))
                        })
                    })
                    .collect()
            }
        };
        futures_util::stream::iter(items)
    })
}

fn page_items(pagination: &Pagination, body: &impl Serialize) -> Vec<serde_json::Value> {
    let Ok(value) = serde_json::to_value(body) else { return Vec::new() };
    json_path(&value, pagination.results)
        .into_iter()
        .flat_map(|found| match found {
            serde_json::Value::Array(items) => items.clone(),
            serde_json::Value::Null => Vec::new(),
            other => vec![other.clone()],
        })
        .collect()
}

/// The request after `step`, or `None` when this was the last page.
fn next_step(pagination: &Pagination, step: Option<&PageStep>, body: &impl Serialize) -> Option<PageStep> {
    let value = serde_json::to_value(body).ok()?;
    let received = page_items(pagination, body).len();
    let found = |path: Option<&str>| path.and_then(|path| json_path(&value, path).into_iter().next().cloned());
    match (pagination.kind, step) {
        (PageKind::Page(_), Some(PageStep::Page(page))) => {
            let last = found(pagination.num_pages).and_then(|pages| pages.as_i64());
            let more = match last {
                Some(last) => *page < last,
                None => received > 0,
            };
            more.then(|| PageStep::Page(page + 1))
        }
        (PageKind::Offset, Some(PageStep::Offset(offset))) => {
            (received > 0).then(|| PageStep::Offset(offset + i64::try_from(received).unwrap_or(i64::MAX)))
        }
        (PageKind::Cursor, previous) => match found(pagination.next)? {
            serde_json::Value::String(cursor) if !cursor.is_empty() => {
                // A server repeating its cursor would otherwise loop forever.
                (previous != Some(&PageStep::Cursor(cursor.clone()))).then_some(PageStep::Cursor(cursor))
            }
            serde_json::Value::Number(cursor) => Some(PageStep::Cursor(cursor.to_string())),
            _ => None,
        },
        (PageKind::Url, previous) => match found(pagination.next)? {
            serde_json::Value::String(url) if !url.is_empty() => {
                (previous != Some(&PageStep::Url(url.clone()))).then_some(PageStep::Url(url))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The values a JSONPath selects: `$`, `.name`, `['name']`, `[0]`, `[*]`
/// and filters `[?(@.name == 'value')]`.
pub fn json_path<'v>(value: &'v serde_json::Value, path: &str) -> Vec<&'v serde_json::Value> {
    let mut current = vec![value];
    let mut rest = path.trim().strip_prefix('$').unwrap_or(path.trim());
    while !rest.is_empty() {
        let (segment, remaining) = if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            (JsonPathStep::Name(after[..end].to_owned()), &after[end..])
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else { return Vec::new() };
            (JsonPathStep::parse(&after[..end]), &after[end + 1..])
        } else {
            return Vec::new();
        };
        rest = remaining;
        current = current.into_iter().flat_map(|value| segment.select(value)).collect();
    }
    current
}

enum JsonPathStep {
    Name(String),
    Index(usize),
    All,
    Filter(String, String),
    Invalid,
}

impl JsonPathStep {
    fn parse(inner: &str) -> Self {
        let inner = inner.trim();
        let unquote = |text: &str| text.trim().trim_matches(|c| c == '\'' || c == '"').to_owned();
        if inner == "*" {
            Self::All
        } else if let Ok(index) = inner.parse() {
            Self::Index(index)
        } else if let Some(filter) = inner.strip_prefix("?(").and_then(|filter| filter.strip_suffix(')')) {
            match filter.trim().strip_prefix("@.").and_then(|filter| filter.split_once("==")) {
                Some((key, expected)) => Self::Filter(key.trim().to_owned(), unquote(expected)),
                None => Self::Invalid,
            }
        } else if inner.starts_with(['\'', '"']) {
            Self::Name(unquote(inner))
        } else {
            Self::Invalid
        }
    }

    fn select<'v>(&self, value: &'v serde_json::Value) -> Vec<&'v serde_json::Value> {
        match (self, value) {
            (Self::Name(name), serde_json::Value::Object(object)) => object.get(name).into_iter().collect(),
            (Self::Index(index), serde_json::Value::Array(items)) => items.get(*index).into_iter().collect(),
            (Self::All, serde_json::Value::Array(items)) => items.iter().collect(),
            (Self::All, serde_json::Value::Object(object)) => object.values().collect(),
            (Self::Filter(key, expected), serde_json::Value::Array(items)) => items
                .iter()
                .filter(|item| match item.get(key) {
                    Some(serde_json::Value::String(text)) => text == expected,
                    Some(other) => {
                        serde_json::from_str::<serde_json::Value>(expected).is_ok_and(|value| value == *other)
                    }
                    None => false,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Implements `IntoFuture` for an operation builder, so awaiting it sends the
/// request and yields the decoded body. (An API without operations leaves it unused.)
#[allow(unused_macros)]
macro_rules! into_future {
    ($builder:ident => $ok:ty, $err:ty) => {
        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::std::result::Result<$ok, $crate::runtime::Error<$err>>;
            type IntoFuture = $crate::runtime::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(async move {
                    self.send_with_response().await.map($crate::runtime::Response::into_body)
                })
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use into_future;

/// The wire text of a string enum whose last variant holds values the client
/// does not know: `as_str`, `Display`, `FromStr` and serde, written once here
/// instead of for every enum. (An API without string enums leaves it unused.)
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } else $other:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match value {
                    $($wire => Self::$variant,)*
                    other => Self::$other(other.to_owned()),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(match text.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$other(text),
                })
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;

/// The wire value of an integer enum whose last variant holds values the
/// client does not know: `value`, `From<i64>`, `Display` and serde.
/// (An API without integer enums leaves it unused.)
#[allow(unused_macros)]
macro_rules! int_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? } else $other:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$other(other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let credential = Credential::Bearer(Secret::new("s3cr3t"));
        assert!(!format!("{credential:?}").contains("s3cr3t"));
        let mut config = ClientConfig::new("https://example.com");
        config.set_credential(
            "ApiKey",
            Credential::ApiKey { location: ApiKeyLocation::Header, name: "X-Key", value: Secret::new("k3y") },
        );
        let core = config.build().expect("valid base URL");
        assert!(!format!("{core:?}").contains("k3y"));
    }

    #[test]
    fn only_the_base_urls_origin_and_listed_ones_are_trusted() {
        let mut config = ClientConfig::new("https://api.example.com/v1");
        config.trust_origin("https://files.example.com:8443/ignored/path".to_owned());
        let core = config.build().expect("valid");
        let trusts = |url: &str| core.trusts(&reqwest::Url::parse(url).expect("URL"));
        assert!(trusts("https://api.example.com/other"));
        assert!(trusts("https://API.example.com:443/"), "host case and the default port are normalised");
        assert!(trusts("https://files.example.com:8443/a"));
        assert!(!trusts("http://api.example.com/v1"), "https to http is a downgrade, another origin");
        assert!(!trusts("https://api.example.com:444/"));
        assert!(!trusts("https://evil.example.com/"));
        assert!(!trusts("https://files.example.com/a"), "another port");
        assert!(!trusts("data:text/plain,x"), "opaque origins are never trusted");
        let mut bad = ClientConfig::new("https://api.example.com");
        bad.trust_origin("files.example.com".to_owned());
        assert!(bad.build().expect_err("not an origin").to_string().contains("files.example.com"));
    }

    #[test]
    fn plain_http_exposes_credentials_except_to_loopback_hosts() {
        let exposes = |url: &str| exposes_credentials(&reqwest::Url::parse(url).expect("URL"));
        assert!(exposes("http://api.example.com/"));
        assert!(exposes("http://10.0.0.1:8080/"));
        assert!(exposes("http://localhost.example.com/"));
        assert!(!exposes("https://api.example.com/"));
        assert!(!exposes("http://127.0.0.1:8080/"));
        assert!(!exposes("http://127.8.9.10/"));
        assert!(!exposes("http://[::1]:3000/"));
        assert!(!exposes("http://localhost:3000/"));
        assert!(!exposes("http://app.localhost/"));
    }

    #[test]
    fn echoed_secrets_are_blanked_out_of_texts() {
        let secrets = vec!["k3y".to_owned(), "p%40ss".to_owned()];
        assert_eq!(redact("bad key k3y, again k3y; p%40ss", &secrets), "bad key ***, again ***; ***");
        assert_eq!(redact("nothing here", &secrets), "nothing here");
    }

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

    #[test]
    fn json_paths_select_names_indices_wildcards_and_filters() {
        let value = serde_json::json!({
            "data": [{"id": 1}, {"id": 2}],
            "links": [{"rel": "self", "href": "a"}, {"rel": "navigation-next", "href": "customers?page=2"}],
            "meta": {"total_pages": 3}
        });
        let ids: Vec<&serde_json::Value> = json_path(&value, "$.data[*].id");
        assert_eq!(ids, [&serde_json::json!(1), &serde_json::json!(2)]);
        assert_eq!(json_path(&value, "$.meta.total_pages"), [&serde_json::json!(3)]);
        assert_eq!(json_path(&value, "$['meta']['total_pages']"), [&serde_json::json!(3)]);
        assert_eq!(json_path(&value, "$.data[1].id"), [&serde_json::json!(2)]);
        let next = json_path(&value, "$.links[?(@.rel == 'navigation-next')].href");
        assert_eq!(next, [&serde_json::json!("customers?page=2")]);
        assert!(json_path(&value, "$.missing.deeper").is_empty());
        assert!(json_path(&value, "$.data[").is_empty());
    }

    #[test]
    fn the_next_page_depends_on_the_kind() {
        let spec = |kind, next| Pagination { kind, results: "$.data", next, num_pages: Some("$.meta.pages") };
        let body = serde_json::json!({"data": [1, 2], "meta": {"pages": 2}, "cursor": "c2", "next": "/x?page=2"});
        let empty = serde_json::json!({"data": [], "cursor": ""});
        assert_eq!(next_step(&spec(PageKind::Page(1), None), Some(&PageStep::Page(1)), &body), Some(PageStep::Page(2)));
        assert_eq!(next_step(&spec(PageKind::Page(1), None), Some(&PageStep::Page(2)), &body), None);
        assert_eq!(
            next_step(&spec(PageKind::Offset, None), Some(&PageStep::Offset(4)), &body),
            Some(PageStep::Offset(6))
        );
        assert_eq!(next_step(&spec(PageKind::Offset, None), Some(&PageStep::Offset(6)), &empty), None);
        let cursor = spec(PageKind::Cursor, Some("$.cursor"));
        assert_eq!(next_step(&cursor, None, &body), Some(PageStep::Cursor("c2".into())));
        assert_eq!(next_step(&cursor, Some(&PageStep::Cursor("c2".into())), &body), None, "a repeated cursor ends");
        assert_eq!(next_step(&cursor, None, &empty), None);
        let url = spec(PageKind::Url, Some("$.next"));
        assert_eq!(next_step(&url, None, &body), Some(PageStep::Url("/x?page=2".into())));
    }

    #[test]
    fn error_bodies_are_truncated_on_a_char_boundary() {
        let body = "é".repeat(MAX_BODY_IN_ERROR);
        let text = truncated_text(&body);
        assert!(text.len() <= MAX_BODY_IN_ERROR + '…'.len_utf8());
        assert!(text.ends_with('…'));
    }

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
    fn paths_use_wire_names_dots_and_indices() {
        let root = At::ROOT;
        let items = root.field("items");
        let item = items.index(2);
        assert_eq!(item.field("name").path(), "items[2].name");
        assert_eq!(At::ROOT.field("Options").field("Meta").path(), "Options.Meta");
        assert_eq!(At::ROOT.field("Labels").key("colour").path(), "Labels.colour");
        assert_eq!(At::ROOT.index(0).field("id").path(), "[0].id");
        assert_eq!(At::ROOT.path(), "");
    }

    #[test]
    fn lengths_count_characters_and_name_the_rule() {
        assert_eq!(check_length(At::ROOT.field("Meta"), &"é".repeat(128), None, Some(128)), Ok(()));
        let violation = check_length(At::ROOT.field("Meta"), &"x".repeat(129), Some(0), Some(128))
            .expect_err("129 characters exceed 128");
        assert_eq!((violation.path(), violation.rule()), ("Meta", Rule::MaxLength(128)));
        assert_eq!(violation.to_string(), "`Meta` violates maxLength 128");
        let violation = check_length(At::ROOT.field("Name"), "", Some(1), None).expect_err("empty");
        assert_eq!(violation.to_string(), "`Name` violates minLength 1");
    }

    #[test]
    fn patterns_and_item_counts() {
        assert_eq!(check_pattern(At::ROOT.field("Email"), true, "^[^@]+@[^@]+$"), Ok(()));
        let violation = check_pattern(At::ROOT.field("Email"), false, "^[^@]+@[^@]+$").expect_err("no match");
        assert_eq!(violation.to_string(), "`Email` violates pattern ^[^@]+@[^@]+$");
        assert_eq!(check_items(At::ROOT, &[1, 2], Some(1), Some(2)), Ok(()));
        assert_eq!(check_items(At::ROOT, &[0u8; 0], Some(1), None).map_err(|v| v.rule()), Err(Rule::MinItems(1)));
        let violation = check_items(At::ROOT, &[1, 2, 3], None, Some(2)).expect_err("three items");
        assert_eq!(violation.to_string(), "the request body violates maxItems 2");
    }

    #[test]
    fn numeric_bounds_respect_exclusivity() {
        let at = At::ROOT.field("n");
        assert_eq!(check_minimum(at, 1_i32, 1_i64), Ok(()));
        assert_eq!(check_minimum(at, 0_i32, 1_i64).map_err(|v| v.rule()), Err(Rule::Minimum(Number::Int(1))));
        assert_eq!(check_exclusive_minimum(at, 1_i64, 0_i64), Ok(()));
        let violation = check_exclusive_minimum(at, 0_i64, 0_i64).expect_err("the bound itself is excluded");
        assert_eq!(violation.to_string(), "`n` violates exclusiveMinimum 0");
        assert_eq!(check_maximum(at, 1.0_f64, 1.0_f64), Ok(()));
        assert_eq!(check_exclusive_maximum(at, 0.999_f64, 1.0_f64), Ok(()));
        assert!(check_exclusive_maximum(at, 1.0_f64, 1.0_f64).is_err());
        assert!(check_maximum(at, 2_i64, 1.5_f64).is_err(), "integers compare with float bounds");
        // An f32 is compared as the decimal it is sent as.
        assert!(check_exclusive_maximum(at, 0.1_f32, 0.1_f64).is_err());
        assert_eq!(check_maximum(at, 0.1_f32, 0.1_f64), Ok(()));
        assert!(check_minimum(at, f64::NAN, 0.0_f64).is_err(), "NaN satisfies no bound");
        // i64 bounds beyond 2^53 compare exactly.
        assert!(check_maximum(at, i64::MAX, i64::MAX - 1).is_err());
    }

    #[test]
    fn every_integer_width_compares_exactly() {
        let at = At::ROOT.field("n");
        assert_eq!(check_minimum(at, -5_i8, -5_i64), Ok(()));
        assert!(check_minimum(at, -6_i8, -5_i64).is_err());
        assert!(check_maximum(at, 300_i16, 255_i64).is_err());
        assert_eq!(check_maximum(at, 255_u8, 255_i64), Ok(()));
        assert!(check_exclusive_maximum(at, 65_535_u16, 65_535_i64).is_err());
        assert!(check_minimum(at, 0_u32, 1_i64).is_err());
        assert_eq!(check_minimum(at, u32::MAX, 1_i64), Ok(()));
        // Above i64::MAX, where an i64 or f64 comparison would be wrong.
        assert!(check_maximum(at, u64::MAX, i64::MAX).is_err());
        assert!(check_maximum(at, 1_u64 << 63, i64::MAX).is_err());
        assert_eq!(check_multiple_of(at, u64::MAX - 1, 2_i64), Ok(()));
        assert!(check_multiple_of(at, u64::MAX, 2_i64).is_err());
    }

    #[test]
    fn multiples_of_integers_and_decimal_fractions() {
        let at = At::ROOT.field("n");
        assert_eq!(check_multiple_of(at, 15_i64, 5_i64), Ok(()));
        assert_eq!(check_multiple_of(at, -15_i32, 5_i64), Ok(()));
        let violation = check_multiple_of(at, 16_i64, 5_i64).expect_err("16 is not a multiple of 5");
        assert_eq!(violation.to_string(), "`n` violates multipleOf 5");
        assert_eq!(check_multiple_of(at, 0.3_f64, 0.1_f64), Ok(()));
        assert_eq!(check_multiple_of(at, 12.34_f32, 0.01_f64), Ok(()));
        assert_eq!(check_multiple_of(at, 1e12_f64, 0.5_f64), Ok(()));
        assert!(check_multiple_of(at, 0.35_f64, 0.1_f64).is_err());
        assert!(check_multiple_of(at, 1e12_f64 + 0.25, 0.5_f64).is_err());
        assert!(check_multiple_of(at, 2.5_f64, 1_i64).is_err());
    }

    #[derive(Debug)]
    struct Item {
        name: String,
    }

    impl Validate for Item {
        fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
            check_length(at.field("name"), &self.name, Some(1), None)
        }
    }

    #[test]
    fn containers_validate_every_element_at_its_path() {
        let item = |name: &str| Item { name: name.to_owned() };
        assert_eq!(vec![item("a"), item("b")].validate(), Ok(()));
        let violation = vec![item("a"), item("b"), item("")].validate().expect_err("third is empty");
        assert_eq!(violation.path(), "[2].name");
        let nested = Some(Box::new(vec![item("")]));
        assert_eq!(
            nested.validate_at(At::ROOT.field("items")).map_err(|v| v.path().to_owned()),
            Err("items[0].name".into())
        );
        let map: std::collections::BTreeMap<String, Item> = [("k".to_owned(), item(""))].into_iter().collect();
        assert_eq!(map.validate().map_err(|v| v.path().to_owned()), Err("k.name".into()));
        assert_eq!(None::<Item>.validate(), Ok(()));
        assert_eq!(Validate::validate(&&item("x")), Ok(()), "references validate what they refer to");
    }

    #[test]
    fn violations_become_validation_errors_that_send_nothing() {
        let violation = check_length(At::ROOT.field("Name"), "", Some(1), None).expect_err("empty");
        let error: Error<()> = violation.clone().into();
        assert!(matches!(&error, Error::Validation(found) if **found == violation));
        assert_eq!(error.status(), None);
        assert_eq!(error.to_string(), "invalid request: `Name` violates minLength 1");
        assert!(std::error::Error::source(&error).is_some());
    }
}
