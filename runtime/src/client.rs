//! The client: its configuration, credentials and where they may go, and
//! sending a call (retries, redirects, size cap).

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use percent_encoding::utf8_percent_encode;

use super::error::{Failure, Redirect, RedirectStop, TokenError};
use super::hooks::Attempt;
use super::request::{append_query, COMPONENT};
use super::response::RawResponse;
use super::{BoxError, BoxFuture, Error, HeaderMap, Hooks, Method, Outcome, RetryPolicy, StatusCode};

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
    /// Returns the token to send with the next request. A [`TokenError`](super::TokenError)
    /// it fails with becomes [`Error::Token`]; any other error [`Error::InvalidRequest`].
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>>;

    /// The API answered `401 Unauthorized` to a request carrying `token`.
    /// Returning `true` sends the call once more, with the token
    /// [`TokenProvider::token`] gives next (which should then be a fresh one);
    /// the default, `false`, returns the 401 as it is.
    fn token_rejected(&self, token: &Secret) -> bool {
        let _ = token;
        false
    }

    /// Called once when a client using this provider is built, with what it
    /// needs to reach a token endpoint itself: the client's HTTP client and
    /// its base URL. An error fails the build with that message.
    fn bind(&self, client: &ProviderContext<'_>) -> Result<(), String> {
        let _ = client;
        Ok(())
    }
}

impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        (**self).token()
    }

    fn token_rejected(&self, token: &Secret) -> bool {
        (**self).token_rejected(token)
    }

    fn bind(&self, client: &ProviderContext<'_>) -> Result<(), String> {
        (**self).bind(client)
    }
}

/// What a [`TokenProvider`] learns of the client it is built into (see [`TokenProvider::bind`]).
pub struct ProviderContext<'a> {
    http: &'a reqwest::Client,
    base_url: &'a reqwest::Url,
    insecure_credentials: bool,
    timeout: Option<Duration>,
}

impl fmt::Debug for ProviderContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderContext")
            .field("base_url", &self.base_url.as_str())
            .field("insecure_credentials", &self.insecure_credentials)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ProviderContext<'_> {
    /// The client's HTTP client (its connections, TLS and proxy settings; it follows no redirects).
    pub fn http(&self) -> &reqwest::Client {
        self.http
    }

    /// The client's per-request timeout, if one is set.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// `url` resolved against the client's base URL (as a directory, like a
    /// server URL in OpenAPI: `token` under `https://h/v1` is `https://h/v1/token`,
    /// `/token` is `https://h/token`), if secrets may be sent there: over
    /// `https`, or plain `http` to a loopback host, unless the client allows
    /// insecure credentials.
    pub fn endpoint(&self, url: &str) -> Result<reqwest::Url, String> {
        let resolved = match reqwest::Url::parse(url) {
            Ok(absolute) => absolute,
            Err(_) => {
                let mut base = self.base_url.clone();
                if !base.path().ends_with('/') {
                    let path = format!("{}/", base.path());
                    base.set_path(&path);
                }
                base.join(url).map_err(|error| format!("invalid token URL `{url}`: {error}"))?
            }
        };
        if !matches!(resolved.scheme(), "https" | "http") || Origin::of(&resolved).is_none() {
            return Err(format!("token URL `{resolved}` is not an http(s) URL"));
        }
        if !self.insecure_credentials && exposes_credentials(&resolved) {
            return Err(insecure_message(&resolved));
        }
        Ok(resolved)
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
    retry: Option<RetryPolicy>,
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
            .field("base_url", &without_userinfo(&self.base_url))
            .field("variables", &self.variables)
            .field("origin", &self.origin.as_deref().map(without_userinfo))
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

/// `url` (possibly a template) with a user and password it holds shown as `***`.
fn without_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let start = url.find("://").map_or(0, |scheme| scheme + 3);
    let authority = &url[start..];
    let authority = &authority[..authority.find(['/', '?', '#']).unwrap_or(authority.len())];
    match authority.rfind('@') {
        Some(at) => format!("{}***{}", &url[..start], &url[start + at..]).into(),
        None => url.into(),
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
            retry: None,
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
        self.retry = Some(policy);
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
        let mut base_url = reqwest::Url::parse(&text)
            .map_err(|error| BuildError { message: format!("invalid base URL `{text}`: {error}") })?;
        // A user and password in the URL are basic credentials, kept out of
        // the URL so that they are checked, redacted and sent like the others.
        let userinfo = take_userinfo(&mut base_url)?;
        let text = base_url.as_str();
        if base_url.cannot_be_a_base() {
            return Err(BuildError { message: format!("base URL `{text}` cannot have a path appended") });
        }
        let mut trusted = vec![Origin::of(&base_url).ok_or_else(|| BuildError {
            message: format!("base URL `{text}` has no origin (scheme, host and port) to trust with credentials"),
        })?];
        for origin in &self.trusted {
            let parsed = reqwest::Url::parse(origin).ok().and_then(|url| Origin::of(&url));
            trusted.push(parsed.ok_or_else(|| BuildError {
                message: format!("`{origin}` is not an origin to trust (expected `https://host[:port]`)"),
            })?);
        }
        let any_credentials = !self.credentials.is_empty() || userinfo.is_some();
        if any_credentials && !self.insecure_credentials && exposes_credentials(&base_url) {
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
        let context = ProviderContext {
            http: &http,
            base_url: &base_url,
            insecure_credentials: self.insecure_credentials,
            timeout: self.timeout,
        };
        for (_, credential) in &self.credentials {
            if let Credential::BearerProvider(provider) = credential {
                provider.bind(&context).map_err(|message| BuildError { message })?;
            }
        }
        Ok(ClientCore {
            inner: Arc::new(Inner {
                http,
                base_url,
                timeout: self.timeout,
                credentials: self.credentials,
                userinfo,
                redirects: self.redirects,
                trusted,
                insecure_credentials: self.insecure_credentials,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                default_retry: RetryPolicy::default(),
                default_headers: self.default_headers,
                hooks: self.hooks,
                made: Made::default(),
            }),
            overrides: CallSettings::default(),
        })
    }
}

/// An origin credentials may be sent to: scheme, host and port (RFC 6454).
#[derive(Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    /// As the URL writes it: lower case, IPv6 addresses in brackets.
    host: String,
    port: u16,
}

impl Origin {
    /// `url`'s origin; `None` for opaque origins (`data:`, `file:`), which
    /// nothing may be trusted with.
    fn of(url: &reqwest::Url) -> Option<Self> {
        if !url.origin().is_tuple() {
            return None;
        }
        Some(Self {
            scheme: url.scheme().to_owned(),
            host: url.host_str()?.to_owned(),
            port: url.port_or_known_default()?,
        })
    }

    /// Whether `url` is of this origin. Only schemes with tuple origins are
    /// ever stored, so the comparison needs no copy of `url`'s origin.
    fn holds(&self, url: &reqwest::Url) -> bool {
        url.scheme() == self.scheme
            && url.host_str() == Some(self.host.as_str())
            && url.port_or_known_default() == Some(self.port)
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}://{}:{}\"", self.scheme, self.host, self.port)
    }
}

/// Takes the user and password out of `url`, percent-decoded; `None` when
/// it holds neither.
fn take_userinfo(url: &mut reqwest::Url) -> Result<Option<(Secret, Option<Secret>)>, BuildError> {
    if url.username().is_empty() && url.password().is_none() {
        return Ok(None);
    }
    let decode = |text: &str| match percent_encoding::percent_decode_str(text).decode_utf8() {
        Ok(text) => Ok(Secret::new(text)),
        Err(_) => Err(BuildError { message: "the base URL's user or password is not UTF-8 once decoded".to_owned() }),
    };
    let username = decode(url.username())?;
    let password = url.password().map(decode).transpose()?;
    // Neither fails on a URL with a host, which any URL with a user has.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Ok(Some((username, password)))
}

/// Whether credentials sent to `url` would cross the network in clear text:
/// plain `http` to a host that is not a loopback address.
fn exposes_credentials(url: &reqwest::Url) -> bool {
    if url.scheme() != "http" {
        return false;
    }
    // The parser has lower-cased the host already (`http` is a special scheme).
    let host = url.host_str().unwrap_or_default();
    let address = host.strip_prefix('[').and_then(|inner| inner.strip_suffix(']')).unwrap_or(host);
    let loopback = host == "localhost"
        || host.ends_with(".localhost")
        || address.parse::<std::net::IpAddr>().is_ok_and(|address| address.is_loopback());
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
    pub(super) inner: Arc<Inner>,
    /// Settings of the calls made through this handle, over the client's.
    overrides: CallSettings,
}

/// What [`ClientCore::with_retry_policy`] and [`ClientCore::with_timeout`] change for the calls made through one handle.
#[derive(Debug, Clone, Default)]
struct CallSettings {
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
}

pub(super) struct Inner {
    http: reqwest::Client,
    pub(super) base_url: reqwest::Url,
    timeout: Option<Duration>,
    credentials: Vec<(&'static str, Credential)>,
    /// The user and password the base URL held: basic credentials for every
    /// call that carries no basic credentials of its own.
    userinfo: Option<(Secret, Option<Secret>)>,
    redirects: RedirectPolicy,
    /// Origins credentials may be sent to, the base URL's first.
    trusted: Vec<Origin>,
    insecure_credentials: bool,
    max_response_bytes: u64,
    /// Set on the builder: it wins over the operations' own policies.
    retry: Option<RetryPolicy>,
    default_retry: RetryPolicy,
    pub(super) default_headers: HeaderMap,
    hooks: Option<Arc<dyn Hooks>>,
    /// Credentials made once, for the calls that need the same ones.
    made: Made,
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

    /// The policy of a call: the one given for calls through this handle, else
    /// the builder's, else the operation's own (`operation`, from the API
    /// document), else the default.
    pub(super) fn retry_policy<'p>(&'p self, operation: Option<&'p RetryPolicy>) -> &'p RetryPolicy {
        let chosen = self.overrides.retry.as_ref().or(self.inner.retry.as_ref()).or(operation);
        chosen.unwrap_or(&self.inner.default_retry)
    }

    fn credential(&self, scheme: &str) -> Option<&Credential> {
        self.inner.credentials.iter().find(|(name, _)| *name == scheme).map(|(_, credential)| credential)
    }

    pub(super) fn trusts(&self, url: &reqwest::Url) -> bool {
        self.inner.trusted.iter().any(|origin| origin.holds(url))
    }

    /// The credentials of the first alternative of `security` whose schemes
    /// are all configured; none when an empty alternative or nothing matches.
    ///
    /// Credentials that involve no token provider never change: they are
    /// made once per alternative and shared by the calls after.
    pub(super) async fn credentials(
        &self,
        security: &'static [&'static [&'static str]],
    ) -> Result<Arc<Credentials>, Failure> {
        let configured = |scheme: &&str| self.credential(scheme).is_some();
        let chosen = security.iter().copied().find(|schemes| schemes.iter().all(configured));
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
        let schemes = chosen.unwrap_or_default();
        let provided = |scheme: &&str| matches!(self.credential(scheme), Some(Credential::BearerProvider(_)));
        let fixed = !schemes.iter().any(provided);
        if fixed {
            if let Some(made) = self.inner.made.find(schemes) {
                return Ok(made);
            }
        }
        let mut credentials = Credentials::default();
        let mut secrets = Vec::new();
        for scheme in schemes {
            let Some(credential) = self.credential(scheme) else { continue };
            match credential {
                Credential::ApiKey { location: ApiKeyLocation::Query, name, value } => {
                    append_query(&mut credentials.query, name, &serde_json::Value::from(value.expose()));
                    keep(&mut secrets, value.expose());
                    keep(&mut secrets, &utf8_percent_encode(value.expose(), COMPONENT).to_string());
                }
                Credential::ApiKey { location: ApiKeyLocation::Cookie, name, value } => {
                    credentials.cookies.push(format!("{name}={}", value.expose()));
                    keep(&mut secrets, value.expose());
                }
                Credential::ApiKey { name, value, .. } => credentials.header(&mut secrets, name, value.expose())?,
                Credential::Bearer(token) => {
                    credentials.header(&mut secrets, "authorization", &bearer(token))?;
                    keep(&mut secrets, token.expose());
                }
                Credential::BearerProvider(provider) => {
                    let token = provider.token().await.map_err(|error| match error.downcast::<TokenError>() {
                        Ok(token) => Error::Token(token),
                        Err(error) => Error::InvalidRequest(format!("token provider failed: {error}")),
                    })?;
                    credentials.header(&mut secrets, "authorization", &bearer(&token))?;
                    keep(&mut secrets, token.expose());
                    credentials.providers.push((provider.clone(), token));
                }
                Credential::Basic { username, password } => {
                    keep(&mut secrets, username.expose());
                    if let Some(password) = password {
                        keep(&mut secrets, password.expose());
                    }
                    credentials.basic = Some((username.clone(), password.clone()));
                }
            }
        }
        if let (None, Some((username, password))) = (&credentials.basic, &self.inner.userinfo) {
            keep(&mut secrets, username.expose());
            if let Some(password) = password {
                keep(&mut secrets, password.expose());
            }
            credentials.basic = Some((username.clone(), password.clone()));
        }
        credentials.secrets = secrets.into();
        let credentials = Arc::new(credentials);
        if fixed {
            self.inner.made.keep(schemes, &credentials);
        }
        Ok(credentials)
    }

    /// Sends one call: each attempt through [`ClientCore::exchange`], again
    /// after a failure the [`RetryPolicy`] retries, while `retryable` (an
    /// idempotent method or an idempotency key, and a body that can be sent again).
    pub(super) async fn send_retrying(
        &self,
        (operation, template): (&'static str, &'static str),
        exchange: &mut Exchange,
        credentials: &Credentials,
        retryable: bool,
        policy: &RetryPolicy,
    ) -> Result<RawResponse, Failure> {
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            let attempt_of = Attempt { operation, template, number: attempt, started };
            // Boxed: an attempt's future (the redirect loop, the body being
            // read) is 1.6 KB, which every layer above would otherwise hold and move.
            let outcome = Box::pin(self.exchange(exchange, credentials, attempt_of)).await;
            let delay = match &outcome {
                Ok(raw) if policy.retries_status(raw.status()) => policy.delay(attempt, Some(raw.headers())),
                Err(Error::Transport(error))
                    if policy.retries_connection_errors()
                        && (error.is_connect() || error.is_timeout() || error.is_request()) =>
                {
                    policy.delay(attempt, None)
                }
                _ => None,
            };
            match delay {
                // Each attempt starts again from `exchange`, which only a
                // body that streams once does not survive.
                Some(delay)
                    if retryable && exchange.replayable() && policy.allows(attempt, started.elapsed(), delay) =>
                {
                    tokio::time::sleep(delay).await;
                    #[cfg(feature = "tracing")]
                    super::trace::record_resend(attempt);
                    attempt += 1;
                }
                _ => return outcome,
            }
        }
    }

    /// Sends `first`, following redirects by the [`RedirectPolicy`], and
    /// reads the final response's body up to the size cap. `first` is left
    /// as it was (but for a body that streams once, which is spent): the
    /// hops of a redirect chain are copies.
    async fn exchange(
        &self,
        first: &mut Exchange,
        credentials: &Credentials,
        attempt: Attempt,
    ) -> Result<RawResponse, Failure> {
        let inner = &self.inner;
        let mut within_trusted = true;
        let mut hops = 0;
        let mut hop: Option<Exchange> = None;
        loop {
            let exchange = match hop.as_mut() {
                Some(hop) => hop,
                None => &mut *first,
            };
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
            let mut request = exchange.request(inner, carried, timeout, transport)?;
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
            let mut response = sent.map_err(transport)?;
            let status = response.status();
            let location = response.headers().get(reqwest::header::LOCATION).and_then(|value| value.to_str().ok());
            let Some(location) = location.filter(|_| is_redirect(status)) else {
                if exchange.stream.is_some_and(|streams| streams(status)) {
                    return Ok(RawResponse::unread(response, credentials.secrets.clone()));
                }
                // The body is read without the headers: they move to the response kept.
                let headers = std::mem::take(response.headers_mut());
                let body = read_body(response, inner.max_response_bytes, transport).await?;
                return Ok(RawResponse::new(status, headers, body, credentials.secrets.clone()));
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
            let mut next_hop = exchange.next_hop();
            if !next_hop.redirect(status, next.clone()) {
                return stop(RedirectStop::BodyNotReplayable);
            }
            hop = Some(next_hop);
            hops += 1;
        }
    }
}

/// The credentials one request carries, kept apart from it so that each hop
/// of a redirect chain decides whether they go along.
#[derive(Default)]
pub(super) struct Credentials {
    headers: HeaderMap,
    /// Encoded `name=value` pairs appended to the query.
    query: String,
    cookies: Vec<String>,
    basic: Option<(Secret, Option<Secret>)>,
    /// Every value sent, to blank out of error messages should a server echo one.
    pub(super) secrets: Secrets,
    /// The token providers asked, with the tokens they gave.
    providers: Vec<(Arc<dyn TokenProvider>, Secret)>,
}

impl Credentials {
    /// Whether a token provider gave a token.
    pub(super) fn has_providers(&self) -> bool {
        !self.providers.is_empty()
    }

    /// Tells the token providers that the API refused their tokens (a 401);
    /// whether one of them has a fresh token to try once more.
    pub(super) fn rejected(&self) -> bool {
        // Every provider hears of it, not only the first that has a fresh token.
        self.providers.iter().fold(false, |fresh, (provider, token)| provider.token_rejected(token) || fresh)
    }

    fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.query.is_empty() && self.cookies.is_empty() && self.basic.is_none()
    }

    fn header(&mut self, secrets: &mut Vec<String>, name: &str, value: &str) -> Result<(), Failure> {
        let invalid = || Error::InvalidRequest(format!("credential for `{name}` is not a valid header value"));
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let mut header = reqwest::header::HeaderValue::from_str(value).map_err(|_| invalid())?;
        header.set_sensitive(true);
        self.headers.append(name, header);
        keep(secrets, value);
        Ok(())
    }
}

/// Credential values, shared by a request's responses and errors to blank
/// them out of texts.
pub(super) type Secrets = Arc<[String]>;

/// Remembers `secret` to blank out of error texts. Values shorter than
/// [`MIN_REDACTED_LEN`] are not: blanking every `3` out of a body (an
/// `api-version` header modelled as an API key) would garble it.
fn keep(secrets: &mut Vec<String>, secret: &str) {
    if secret.len() >= MIN_REDACTED_LEN && !secrets.iter().any(|kept| kept == secret) {
        secrets.push(secret.to_owned());
    }
}

/// The credentials made for each alternative of the operations' security
/// requirements that involves no token provider: they never change, so
/// each is made once. Alternatives are told apart by address; the same
/// schemes listed at two addresses are made twice, which is harmless.
#[derive(Default)]
struct Made(Mutex<Vec<(&'static [&'static str], Arc<Credentials>)>>);

impl Made {
    fn find(&self, schemes: &'static [&'static str]) -> Option<Arc<Credentials>> {
        let made = self.0.lock().ok()?;
        made.iter().find(|(listed, _)| std::ptr::eq(*listed, schemes)).map(|(_, credentials)| credentials.clone())
    }

    fn keep(&self, schemes: &'static [&'static str], credentials: &Arc<Credentials>) {
        if let Ok(mut made) = self.0.lock() {
            if !made.iter().any(|(listed, _)| std::ptr::eq(*listed, schemes)) {
                made.push((schemes, credentials.clone()));
            }
        }
    }
}

fn bearer(token: &Secret) -> String {
    format!("Bearer {}", token.expose())
}

/// Credential values shorter than this are not blanked out of echoed texts.
const MIN_REDACTED_LEN: usize = 8;

/// `text` with every secret in `secrets` replaced by `***`.
pub(super) fn redact(text: &str, secrets: &[String]) -> String {
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

/// A request body, kept so that a retry or a 307 or 308 redirect can send it again.
pub(super) enum Body {
    Empty,
    Bytes(&'static str, bytes::Bytes),
    /// A body that streams once (a multipart form), attached to the request
    /// when it is sent: `None` after that.
    Once(Option<AttachBody>),
}

/// Attaches a body that streams once to the request being sent.
pub(super) type AttachBody = Box<dyn FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder + Send + Sync>;

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("Empty"),
            Self::Bytes(content_type, bytes) => write!(f, "Bytes({content_type:?}, {} bytes)", bytes.len()),
            Self::Once(body) => write!(f, "Once(sent: {})", body.is_none()),
        }
    }
}

/// One call's request as it moves along a redirect chain, without credentials.
pub(super) struct Exchange {
    pub(super) method: Method,
    pub(super) url: reqwest::Url,
    pub(super) headers: HeaderMap,
    pub(super) cookies: Vec<String>,
    pub(super) body: Body,
    /// The statuses whose body is left unread for the caller to stream.
    pub(super) stream: Option<fn(StatusCode) -> bool>,
    /// An idempotency key goes with it: sending it again is safe.
    pub(super) idempotent: bool,
}

impl Exchange {
    /// Whether it can be sent again: its body does not stream only once.
    pub(super) fn replayable(&self) -> bool {
        !matches!(self.body, Body::Once(_))
    }

    /// Whether `policy` may send it again after a failure: an idempotent
    /// method, an idempotency key, or a policy that retries any method.
    /// (Whether its body can be sent again is decided on each attempt.)
    pub(super) fn retryable(&self, policy: &RetryPolicy) -> bool {
        const IDEMPOTENT: [Method; 6] =
            [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS, Method::TRACE];
        self.idempotent || policy.retries_non_idempotent() || IDEMPOTENT.contains(&self.method)
    }

    /// A copy to follow a redirect with; a body that streams once, spent by
    /// the hop before, stays spent.
    fn next_hop(&self) -> Self {
        let body = match &self.body {
            Body::Empty => Body::Empty,
            Body::Bytes(content_type, bytes) => Body::Bytes(content_type, bytes.clone()),
            Body::Once(_) => Body::Once(None),
        };
        Self {
            method: self.method.clone(),
            url: self.url.clone(),
            headers: self.headers.clone(),
            cookies: self.cookies.clone(),
            body,
            stream: self.stream,
            idempotent: self.idempotent,
        }
    }

    /// The HTTP request for the current hop, with `credentials` when they go
    /// along. The hop itself is left as it is, ready to be sent again (but for
    /// a body that streams once).
    fn request(
        &mut self,
        inner: &Inner,
        credentials: Option<&Credentials>,
        timeout: Option<Duration>,
        transport: impl Fn(reqwest::Error) -> Failure,
    ) -> Result<reqwest::Request, Failure> {
        let mut url = self.url.clone();
        let mut headers = self.headers.clone();
        if let Some(credentials) = credentials {
            if !credentials.query.is_empty() {
                let mut query = url.query().unwrap_or_default().to_owned();
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&credentials.query);
                url.set_query(Some(&query));
            }
            // A credential's header replaces one of the same name.
            for name in credentials.headers.keys() {
                let mut values = credentials.headers.get_all(name).iter().cloned();
                if let Some(first) = values.next() {
                    headers.insert(name.clone(), first);
                }
                for value in values {
                    headers.append(name.clone(), value);
                }
            }
        }
        let credential_cookies = credentials.map_or(&[][..], |credentials| &credentials.cookies[..]);
        if !self.cookies.is_empty() || !credential_cookies.is_empty() {
            // One `Cookie` header holds them all (RFC 6265 §5.4).
            let cookies: Vec<&str> = self.cookies.iter().chain(credential_cookies).map(String::as_str).collect();
            let mut value = reqwest::header::HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| Error::InvalidRequest("a cookie is not a valid header value".to_owned()))?;
            value.set_sensitive(!credential_cookies.is_empty());
            headers.insert(reqwest::header::COOKIE, value);
        }
        let mut request = reqwest::Request::new(self.method.clone(), url);
        if timeout.is_some() {
            // Setting `None` would still make room for it in the request.
            *request.timeout_mut() = timeout;
        }
        let mut attach = None;
        match &mut self.body {
            Body::Empty => {}
            Body::Bytes(content_type, bytes) => {
                let content_type = reqwest::header::HeaderValue::from_str(content_type).map_err(|_| {
                    Error::InvalidRequest(format!("content type `{content_type}` is not a valid header value"))
                })?;
                headers.insert(reqwest::header::CONTENT_TYPE, content_type);
                *request.body_mut() = Some(bytes.clone().into());
            }
            Body::Once(body) => attach = body.take(),
        }
        *request.headers_mut() = headers;
        let basic = credentials.and_then(|credentials| credentials.basic.as_ref());
        if attach.is_none() && basic.is_none() {
            return Ok(request);
        }
        // A streamed body and basic credentials are set through reqwest's builder.
        let mut builder = reqwest::RequestBuilder::from_parts(inner.http.clone(), request);
        if let Some(attach) = attach {
            builder = attach(builder);
        }
        if let Some((username, password)) = basic {
            builder = builder.basic_auth(username.expose(), password.as_ref().map(Secret::expose));
        }
        builder.build().map_err(transport)
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
        } else if matches!(self.body, Body::Once(None)) {
            return false;
        }
        self.url = next;
        true
    }
}

/// Reads a response body whole, failing once it passes `limit` bytes.
async fn read_body(
    mut response: reqwest::Response,
    limit: u64,
    transport: impl Fn(reqwest::Error) -> Failure,
) -> Result<bytes::Bytes, Failure> {
    let status = response.status();
    let too_large = || Error::BodyTooLarge { status, limit };
    let announced = response.content_length().unwrap_or(0);
    if announced > limit {
        return Err(too_large());
    }
    let within = |length: usize| u64::try_from(length).is_ok_and(|length| length <= limit);
    // A body that arrives in one piece (most do) is kept as it came.
    let Some(first) = response.chunk().await.map_err(&transport)? else { return Ok(bytes::Bytes::new()) };
    if !within(first.len()) {
        return Err(too_large());
    }
    let Some(second) = response.chunk().await.map_err(&transport)? else { return Ok(first) };
    let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    let mut next = Some(second);
    body.extend_from_slice(&first);
    while let Some(chunk) = next {
        if !within(body.len() + chunk.len()) {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(&transport)?;
    }
    Ok(body.into())
}

/// The `User-Agent` sent unless the caller sets another: the generated crate's name and version.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

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
    fn a_user_and_password_are_taken_out_of_the_url_decoded() {
        let take = |text: &str| {
            let mut url = reqwest::Url::parse(text).expect("URL");
            let taken = take_userinfo(&mut url).expect("UTF-8");
            let taken = taken.map(|(user, password)| {
                (user.expose().to_owned(), password.as_ref().map(|password| password.expose().to_owned()))
            });
            (taken, url.to_string())
        };
        let both = Some(("us@er".to_owned(), Some("p:ss".to_owned())));
        assert_eq!(
            take("https://us%40er:p%3Ass@api.example.com/v1?q=1"),
            (both, "https://api.example.com/v1?q=1".to_owned())
        );
        assert_eq!(
            take("https://user@api.example.com/"),
            (Some(("user".to_owned(), None)), "https://api.example.com/".to_owned())
        );
        assert_eq!(take("https://api.example.com/"), (None, "https://api.example.com/".to_owned()));
        let mut not_utf8 = reqwest::Url::parse("https://%FF:x@api.example.com/").expect("URL");
        assert!(take_userinfo(&mut not_utf8).is_err());
    }

    #[test]
    fn a_user_and_password_are_not_shown() {
        assert_eq!(without_userinfo("https://user:pw@api.example.com/v1@2"), "https://***@api.example.com/v1@2");
        assert_eq!(without_userinfo("https://{user}@{region}.example.com"), "https://***@{region}.example.com");
        assert_eq!(without_userinfo("https://api.example.com/a@b"), "https://api.example.com/a@b");
        assert_eq!(without_userinfo("/relative@path"), "/relative@path");
    }

    #[test]
    fn echoed_secrets_are_blanked_out_of_texts() {
        let secrets = vec!["k3y".to_owned(), "p%40ss".to_owned()];
        assert_eq!(redact("bad key k3y, again k3y; p%40ss", &secrets), "bad key ***, again ***; ***");
        assert_eq!(redact("nothing here", &secrets), "nothing here");
    }
}
