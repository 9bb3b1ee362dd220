//! OAuth 2 access tokens obtained from the token endpoint an API documents
//! (RFC 6749): the client credentials grant (§4.4) and the refresh token grant
//! (§6), fetched when first needed, cached, refreshed shortly before they
//! expire or once after the API answers 401, one request at a time however
//! many calls wait for it.
//!
//! Written by hand rather than with the `oauth2` crate: the two grants are a
//! form POST and a JSON answer, and the client's own HTTP client (its TLS and
//! proxy settings, no redirects) and secret handling are reused.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use percent_encoding::utf8_percent_encode;

use super::client::redact;
use super::request::COMPONENT;
use super::{BoxError, BoxFuture, Credential, ProviderContext, Secret, StatusCode, TokenError, TokenProvider};

/// How the client authenticates itself to the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// HTTP basic authentication with the client id and secret, which every
    /// authorization server must support. The default.
    #[default]
    Basic,
    /// `client_id` and `client_secret` in the form body, for servers that want them there.
    RequestBody,
}

/// Called with the new refresh token when the token endpoint rotates it.
type OnRefreshToken = Arc<dyn Fn(&Secret) + Send + Sync>;

/// The client credentials grant (RFC 6749 §4.4): the client's own id and
/// secret buy access tokens from the flow's `tokenUrl`.
#[derive(Clone)]
pub struct ClientCredentials {
    client_id: String,
    client_secret: Secret,
    options: Options,
}

/// The refresh token grant (RFC 6749 §6): a refresh token (from an
/// `authorizationCode` or `password` flow) buys access tokens from the flow's
/// `refreshUrl`, or its `tokenUrl` when it has none.
#[derive(Clone)]
pub struct RefreshToken {
    refresh_token: Secret,
    client_id: Option<String>,
    client_secret: Option<Secret>,
    on_refresh_token: Option<OnRefreshToken>,
    options: Options,
}

/// What both grants may set.
#[derive(Debug, Clone, Default)]
struct Options {
    scopes: Vec<String>,
    client_auth: ClientAuth,
    token_url: Option<String>,
}

impl ClientCredentials {
    /// The grant of the client `client_id` with `client_secret`. It asks for
    /// no scope (the server's default) unless [`ClientCredentials::scopes`] lists some.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self { client_id: client_id.into(), client_secret: Secret::new(client_secret), options: Options::default() }
    }

    /// Asks for these scopes.
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.options.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Chooses how the client authenticates (default [`ClientAuth::Basic`]).
    pub fn client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.options.client_auth = client_auth;
        self
    }

    /// Requests tokens from `url` instead of the flow's `tokenUrl` (relative to the base URL, or absolute).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.options.token_url = Some(url.into());
        self
    }

    /// The credential obtaining tokens from `token_url` unless [`ClientCredentials::token_url`] chose another.
    pub fn into_credential(self, token_url: &str) -> Credential {
        let grant = Grant::ClientCredentials { client_secret: self.client_secret };
        Tokens::credential(grant, Some(self.client_id), None, self.options, token_url)
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("options", &self.options)
            .finish()
    }
}

impl RefreshToken {
    /// The grant of `refresh_token`, for a public client (no client
    /// authentication) unless [`RefreshToken::client_id`] and
    /// [`RefreshToken::client_secret`] say who the client is.
    pub fn new(refresh_token: impl Into<String>) -> Self {
        Self {
            refresh_token: Secret::new(refresh_token),
            client_id: None,
            client_secret: None,
            on_refresh_token: None,
            options: Options::default(),
        }
    }

    /// The client's id, sent in the form body of a public client, or with the secret.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The client's secret (a confidential client), sent with its id as [`ClientAuth`] says.
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.client_secret = Some(Secret::new(client_secret));
        self
    }

    /// Asks for these scopes (by default those first granted, RFC 6749 §6).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.options.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Chooses how a client with a secret authenticates (default [`ClientAuth::Basic`]).
    pub fn client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.options.client_auth = client_auth;
        self
    }

    /// Requests tokens from `url` instead of the flow's (relative to the base URL, or absolute).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.options.token_url = Some(url.into());
        self
    }

    /// Calls `callback` with the new refresh token each time the token
    /// endpoint rotates it, so that it can be stored for the next run (the
    /// previous one may no longer work). It runs while other calls wait for
    /// the token: keep it short.
    pub fn on_refresh_token(mut self, callback: impl Fn(&Secret) + Send + Sync + 'static) -> Self {
        self.on_refresh_token = Some(Arc::new(callback));
        self
    }

    /// The credential refreshing at `token_url` unless [`RefreshToken::token_url`] chose another.
    pub fn into_credential(self, token_url: &str) -> Credential {
        let grant = Grant::RefreshToken { on_refresh_token: self.on_refresh_token };
        let mut tokens = Tokens::new(grant, self.client_id, self.client_secret, self.options, token_url);
        tokens.state = Mutex::new(State { access: None, refresh_token: Some(self.refresh_token) });
        Credential::BearerProvider(Arc::new(tokens))
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshToken")
            .field("refresh_token", &self.refresh_token)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("on_refresh_token", &self.on_refresh_token.is_some())
            .field("options", &self.options)
            .finish()
    }
}

enum Grant {
    ClientCredentials { client_secret: Secret },
    RefreshToken { on_refresh_token: Option<OnRefreshToken> },
}

/// The token provider of both grants.
struct Tokens {
    grant: Grant,
    client_id: Option<String>,
    /// The secret of a confidential client using a refresh token.
    client_secret: Option<Secret>,
    options: Options,
    /// The token URL as the flow gives it, resolved when the client is built.
    url: String,
    endpoint: OnceLock<Endpoint>,
    state: Mutex<State>,
    /// Held while a token is requested: calls that need one meanwhile wait for it.
    fetching: tokio::sync::Mutex<()>,
}

struct Endpoint {
    http: reqwest::Client,
    url: reqwest::Url,
    timeout: Option<Duration>,
}

#[derive(Default)]
struct State {
    access: Option<Access>,
    refresh_token: Option<Secret>,
}

struct Access {
    token: Secret,
    /// When to get a new one: shortly before it expires; never when the server did not say.
    renew_at: Option<Instant>,
}

/// The answer of a token endpoint (RFC 6749 §5.1).
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// An error answer of a token endpoint (RFC 6749 §5.2).
#[derive(serde::Deserialize)]
struct ErrorResponse {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// Token endpoint answers larger than this are not read.
const MAX_TOKEN_RESPONSE_BYTES: usize = 1024 * 1024;

/// How long before it expires an access token is replaced: half its lifetime, at most 30 s.
fn renewal_margin(lifetime: Duration) -> Duration {
    (lifetime / 2).min(Duration::from_secs(30))
}

/// `expires_in` as a duration: a number of seconds, or a string of one (some servers quote it).
fn lifetime(expires_in: &serde_json::Value) -> Option<Duration> {
    let seconds = match expires_in {
        serde_json::Value::Number(number) => number.as_f64()?,
        serde_json::Value::String(text) => text.trim().parse().ok()?,
        _ => return None,
    };
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e9)))
}

/// A client id or secret form-encoded for HTTP basic authentication (RFC 6749 §2.3.1).
fn basic_part(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

impl Tokens {
    fn new(
        grant: Grant,
        client_id: Option<String>,
        client_secret: Option<Secret>,
        options: Options,
        token_url: &str,
    ) -> Self {
        let url = options.token_url.clone().unwrap_or_else(|| token_url.to_owned());
        Self {
            grant,
            client_id,
            client_secret,
            options,
            url,
            endpoint: OnceLock::new(),
            state: Mutex::new(State::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn credential(
        grant: Grant,
        client_id: Option<String>,
        client_secret: Option<Secret>,
        options: Options,
        token_url: &str,
    ) -> Credential {
        Credential::BearerProvider(Arc::new(Self::new(grant, client_id, client_secret, options, token_url)))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves a state that is still whole.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached access token while it is fresh.
    fn current(&self) -> Option<Secret> {
        let state = self.state();
        let access = state.access.as_ref()?;
        let fresh = access.renew_at.is_none_or(|renew_at| Instant::now() < renew_at);
        fresh.then(|| access.token.clone())
    }

    /// The client secret in use, if any.
    fn secret(&self) -> Option<&Secret> {
        match &self.grant {
            Grant::ClientCredentials { client_secret } => Some(client_secret),
            Grant::RefreshToken { .. } => self.client_secret.as_ref(),
        }
    }

    /// Values to blank out of what the endpoint answers.
    fn secrets(&self, refresh_token: Option<&Secret>) -> Vec<String> {
        [self.secret(), refresh_token]
            .into_iter()
            .flatten()
            .map(|secret| secret.expose().to_owned())
            .filter(|secret| secret.len() >= 8)
            .collect()
    }

    /// Requests a new access token and stores it.
    async fn fetch(&self) -> Result<Secret, TokenError> {
        let failure = |status: Option<StatusCode>, message: String| TokenError {
            status,
            error: None,
            description: None,
            message,
        };
        let Some(endpoint) = self.endpoint.get() else {
            return Err(failure(None, "the token provider is not part of a built client".to_owned()));
        };
        let refresh_token = self.state().refresh_token.clone();
        let mut form: Vec<(&str, &str)> = Vec::new();
        match &self.grant {
            Grant::ClientCredentials { .. } => form.push(("grant_type", "client_credentials")),
            Grant::RefreshToken { .. } => {
                form.push(("grant_type", "refresh_token"));
                let Some(refresh_token) = &refresh_token else {
                    return Err(failure(None, "no refresh token".to_owned()));
                };
                form.push(("refresh_token", refresh_token.expose()));
            }
        }
        let scope = self.options.scopes.join(" ");
        if !scope.is_empty() {
            form.push(("scope", &scope));
        }
        let mut basic = None;
        match (&self.client_id, self.secret()) {
            (Some(id), Some(secret)) if self.options.client_auth == ClientAuth::Basic => {
                basic = Some((basic_part(id), basic_part(secret.expose())));
            }
            (Some(id), Some(secret)) => {
                form.push(("client_id", id));
                form.push(("client_secret", secret.expose()));
            }
            // A public client names itself (RFC 6749 §3.2.1).
            (Some(id), None) => form.push(("client_id", id)),
            (None, _) => {}
        }
        let mut request =
            endpoint.http.post(endpoint.url.clone()).header(reqwest::header::ACCEPT, "application/json").form(&form);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        if let Some(timeout) = endpoint.timeout {
            request = request.timeout(timeout);
        }
        let started = Instant::now();
        let secrets = self.secrets(refresh_token.as_ref());
        let transport = |error: reqwest::Error| failure(error.status(), redact(&error.to_string(), &secrets));
        let mut response = request.send().await.map_err(transport)?;
        let status = response.status();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_TOKEN_RESPONSE_BYTES {
                return Err(failure(Some(status), "the answer is larger than 1 MiB".to_owned()));
            }
            body.extend_from_slice(&chunk);
        }
        if status.is_redirection() {
            // The client follows no redirect here: the secrets go to the token URL's origin only.
            return Err(failure(Some(status), "the token endpoint redirected; not followed".to_owned()));
        }
        if !status.is_success() {
            return Err(match serde_json::from_slice::<ErrorResponse>(&body) {
                Ok(answer) => TokenError {
                    status: Some(status),
                    error: Some(redact(&answer.error, &secrets)),
                    description: answer.error_description.map(|text| redact(&text, &secrets)),
                    message: String::new(),
                },
                Err(_) => {
                    let text: String = String::from_utf8_lossy(&body).chars().take(200).collect();
                    failure(Some(status), redact(&text, &secrets))
                }
            });
        }
        let answer: TokenResponse = serde_json::from_slice(&body)
            .map_err(|error| failure(Some(status), format!("unreadable token response: {error}")))?;
        let token = Secret::new(answer.access_token);
        let renew_at = answer
            .expires_in
            .as_ref()
            .and_then(lifetime)
            .and_then(|lifetime| started.checked_add(lifetime - renewal_margin(lifetime)));
        let rotated = match (&self.grant, answer.refresh_token) {
            (Grant::RefreshToken { on_refresh_token }, Some(new))
                if refresh_token.as_ref().is_none_or(|old| old.expose() != new) =>
            {
                Some((Secret::new(new), on_refresh_token))
            }
            _ => None,
        };
        {
            let mut state = self.state();
            state.access = Some(Access { token: token.clone(), renew_at });
            if let Some((new, _)) = &rotated {
                state.refresh_token = Some(new.clone());
            }
        }
        if let Some((new, Some(callback))) = &rotated {
            callback(new);
        }
        Ok(token)
    }
}

impl TokenProvider for Tokens {
    fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        Box::pin(async move {
            if let Some(token) = self.current() {
                return Ok(token);
            }
            let _single_flight = self.fetching.lock().await;
            // Another call may have fetched one while this one waited.
            if let Some(token) = self.current() {
                return Ok(token);
            }
            self.fetch().await.map_err(|error| Box::new(error) as BoxError)
        })
    }

    fn token_rejected(&self, token: &Secret) -> bool {
        let mut state = self.state();
        // Only the token refused is dropped: another call may have replaced it already.
        if state.access.as_ref().is_some_and(|access| access.token == *token) {
            state.access = None;
        }
        true
    }

    fn bind(&self, client: &ProviderContext<'_>) -> Result<(), String> {
        let url = client.endpoint(&self.url)?;
        let endpoint = Endpoint { http: client.http().clone(), url, timeout: client.timeout() };
        // A provider already part of a client keeps its endpoint.
        let _ = self.endpoint.set(endpoint);
        Ok(())
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let grant = match self.grant {
            Grant::ClientCredentials { .. } => "client_credentials",
            Grant::RefreshToken { .. } => "refresh_token",
        };
        f.debug_struct("OAuthTokens")
            .field("grant", &grant)
            .field("client_id", &self.client_id)
            .field("token_url", &self.url)
            .field("scopes", &self.options.scopes)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_renewed_shortly_before_they_expire() {
        assert_eq!(renewal_margin(Duration::from_secs(3600)), Duration::from_secs(30));
        assert_eq!(renewal_margin(Duration::from_secs(2)), Duration::from_secs(1));
        assert_eq!(lifetime(&serde_json::json!(3600)), Some(Duration::from_secs(3600)));
        assert_eq!(lifetime(&serde_json::json!("60")), Some(Duration::from_secs(60)));
        assert_eq!(lifetime(&serde_json::json!(-1)), None);
        assert_eq!(lifetime(&serde_json::json!(null)), None);
    }

    #[test]
    fn basic_credentials_are_form_encoded_first() {
        assert_eq!(basic_part("client id:1"), "client%20id%3A1");
        assert_eq!(basic_part("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let grant = ClientCredentials::new("app", "very-secret-value").scopes(["read"]);
        assert!(!format!("{grant:?}").contains("very-secret-value"));
        let credential = grant.into_credential("https://example.com/token");
        assert!(!format!("{credential:?}").contains("very-secret-value"));
        let refresh = RefreshToken::new("refresh-token-value").client_secret("very-secret-value");
        let shown = format!("{refresh:?}");
        assert!(!shown.contains("refresh-token-value") && !shown.contains("very-secret-value"), "{shown}");
        let error = TokenError {
            status: Some(StatusCode::BAD_REQUEST),
            error: Some("invalid_grant".to_owned()),
            description: Some("expired".to_owned()),
            message: String::new(),
        };
        assert_eq!(
            error.to_string(),
            "the token endpoint gave no access token (400 Bad Request): invalid_grant: expired"
        );
    }
}
