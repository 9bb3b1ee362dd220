//! OAuth 2 grants the generated client runs itself, against a token server
//! on loopback (wiremock): client credentials fetched once and cached,
//! renewed before they expire, a 401 that triggers exactly one refresh and a
//! retry, refresh-token rotation reported to the caller, concurrent calls
//! sharing one token request, readable token errors holding no secret, and
//! no secret in `Debug`. Then FuseSign's refresh flow end to end.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::fixtures::tokens::types::Me;
use crate::fixtures::tokens::{Client, ClientAuth, ClientCredentials, Error, RefreshToken};

const CLIENT_ID: &str = "billing-service";
const CLIENT_SECRET: &str = "client-s3cret-value";
const REFRESH_TOKEN: &str = "refresh-token-0001";

/// The form fields of a token request.
fn form(request: &Request) -> Vec<(String, String)> {
    let body = String::from_utf8(request.body.clone()).expect("a form body is text");
    let url = reqwest::Url::parse(&format!("http://form.invalid/?{body}")).expect("form");
    url.query_pairs().map(|(name, value)| (name.into_owned(), value.into_owned())).collect()
}

fn field(request: &Request, name: &str) -> Option<String> {
    form(request).into_iter().find(|(field, _)| field == name).map(|(_, value)| value)
}

/// A token endpoint handing out `at-1`, `at-2`… living `expires_in` seconds,
/// and rotating refresh tokens (`rt-1`, `rt-2`…) when `rotate`.
struct TokenServer {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
    rotate: bool,
    delay: Duration,
}

impl Respond for TokenServer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let mut answer =
            json!({"access_token": format!("at-{number}"), "token_type": "Bearer", "expires_in": self.expires_in});
        if self.rotate {
            answer["refresh_token"] = json!(format!("rt-{number}"));
        }
        ResponseTemplate::new(200).set_body_json(answer).set_delay(self.delay)
    }
}

/// Mounts a token endpoint at `at`; its count of tokens issued.
async fn token_server(
    server: &MockServer,
    at: &str,
    expires_in: u64,
    rotate: bool,
    delay: Duration,
) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(TokenServer { issued: issued.clone(), expires_in, rotate, delay })
        .mount(server)
        .await;
    issued
}

/// An API answering `GET /v1/me` (and `POST /v1/notes`) with the bearer token it got as the name,
/// and 401 to the tokens listed in `refused`.
struct Api {
    refused: Vec<&'static str>,
}

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let token = request
            .headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or_default()
            .to_owned();
        if token.is_empty() || self.refused.contains(&token.as_str()) {
            return ResponseTemplate::new(401).set_body_string("token expired");
        }
        let status = if request.method.as_str() == "POST" { 201 } else { 200 };
        ResponseTemplate::new(status).set_body_json(json!({"name": token}))
    }
}

async fn api(server: &MockServer, refused: Vec<&'static str>) {
    Mock::given(path("/v1/me")).respond_with(Api { refused: refused.clone() }).mount(server).await;
    Mock::given(path("/v1/notes")).respond_with(Api { refused }).mount(server).await;
}

fn requests_to(requests: &[Request], at: &str) -> Vec<Request> {
    requests.iter().filter(|request| request.url.path() == at).cloned().collect()
}

fn machine_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .machine_client_credentials(ClientCredentials::new(CLIENT_ID, CLIENT_SECRET).scopes(["read", "write"]))
        .build()
        .expect("loopback token URL")
}

#[tokio::test]
async fn client_credentials_are_exchanged_once_and_the_token_cached() {
    let server = MockServer::start().await;
    // The flow's `tokenUrl` is `/oauth/token`, relative to the server.
    let issued = token_server(&server, "/oauth/token", 3600, false, Duration::ZERO).await;
    api(&server, Vec::new()).await;
    let client = machine_client(&server);
    for _ in 0..3 {
        assert_eq!(client.get_me().await.expect("authorised").name, "at-1");
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let requests = server.received_requests().await.expect("recorded");
    let token_requests = requests_to(&requests, "/oauth/token");
    let request = &token_requests[0];
    assert_eq!(field(request, "grant_type").as_deref(), Some("client_credentials"));
    assert_eq!(field(request, "scope").as_deref(), Some("read write"));
    assert_eq!(field(request, "client_secret"), None, "HTTP basic by default");
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(request.headers.get("authorization").expect("client authentication"), &format!("Basic {basic}"));
    for request in requests_to(&requests, "/v1/me") {
        assert_eq!(request.headers.get("authorization").expect("bearer"), "Bearer at-1");
    }
}

#[tokio::test]
async fn client_secret_goes_in_the_form_when_asked() {
    let server = MockServer::start().await;
    token_server(&server, "/oauth/token", 3600, false, Duration::ZERO).await;
    api(&server, Vec::new()).await;
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .machine_client_credentials(
            ClientCredentials::new(CLIENT_ID, CLIENT_SECRET).client_auth(ClientAuth::RequestBody),
        )
        .build()
        .expect("loopback");
    client.get_me().await.expect("authorised");
    let requests = server.received_requests().await.expect("recorded");
    let request = &requests_to(&requests, "/oauth/token")[0];
    assert_eq!(field(request, "client_id").as_deref(), Some(CLIENT_ID));
    assert_eq!(field(request, "client_secret").as_deref(), Some(CLIENT_SECRET));
    assert_eq!(field(request, "scope"), None, "no scope asked: the server's default");
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn tokens_are_renewed_before_they_expire() {
    let server = MockServer::start().await;
    // Living 2 s, a token is renewed after 1 s (half its life, at most 30 s before it ends).
    let issued = token_server(&server, "/oauth/token", 2, false, Duration::ZERO).await;
    api(&server, Vec::new()).await;
    let client = machine_client(&server);
    assert_eq!(client.get_me().await.expect("authorised").name, "at-1");
    assert_eq!(client.get_me().await.expect("authorised").name, "at-1");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(client.get_me().await.expect("authorised").name, "at-2", "renewed before the 2 s were over");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_401_triggers_exactly_one_refresh_and_one_retry() {
    let server = MockServer::start().await;
    let issued = token_server(&server, "/oauth/token", 3600, false, Duration::ZERO).await;
    api(&server, vec!["at-1"]).await;
    let client = machine_client(&server);
    // The body is sent again with the new token.
    let created = client.create_note(&Me::new("note")).await.expect("retried with a fresh token");
    assert_eq!(created.name, "at-2");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.expect("recorded");
    let notes = requests_to(&requests, "/v1/notes");
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].body, br#"{"name":"note"}"#);

    // A server that refuses every token: one refresh, one retry, then the 401.
    let server = MockServer::start().await;
    let issued = token_server(&server, "/oauth/token", 3600, false, Duration::ZERO).await;
    api(&server, vec!["at-1", "at-2", "at-3"]).await;
    let client = machine_client(&server);
    let error = client.get_me().await.expect_err("refused");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401), "{error:?}");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests_to(&requests, "/v1/me").len(), 2);
}

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let server = MockServer::start().await;
    let issued = token_server(&server, "/oauth/token", 3600, false, Duration::from_millis(200)).await;
    api(&server, Vec::new()).await;
    let client = machine_client(&server);
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_me().await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.expect("task").expect("authorised").name, "at-1");
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);

    // Ten calls refused at once share one refresh too.
    let server = MockServer::start().await;
    let issued = token_server(&server, "/oauth/token", 3600, false, Duration::from_millis(100)).await;
    api(&server, vec!["at-1"]).await;
    let client = machine_client(&server);
    client.get_me().await.expect("refreshed after a 401");
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_me().await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.expect("task").expect("authorised").name, "at-2");
    }
    assert_eq!(issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn refresh_tokens_are_exchanged_and_rotations_reported() {
    let server = MockServer::start().await;
    // The flow's `refreshUrl` is `oauth/refresh`, relative to the server URL `…/v1`.
    let issued = token_server(&server, "/v1/oauth/refresh", 3600, true, Duration::ZERO).await;
    api(&server, vec!["at-1"]).await;
    let stored = Arc::new(Mutex::new(Vec::new()));
    let store = stored.clone();
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .user_refresh_token(
            RefreshToken::new(REFRESH_TOKEN)
                .client_id(CLIENT_ID)
                .on_refresh_token(move |token| store.lock().expect("lock").push(token.expose().to_owned())),
        )
        .build()
        .expect("loopback");
    // `at-1` is refused: the call refreshes again (with the rotated `rt-1`) and retries.
    assert_eq!(client.get_me().await.expect("authorised").name, "at-2");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(*stored.lock().expect("lock"), ["rt-1", "rt-2"]);
    let requests = server.received_requests().await.expect("recorded");
    let exchanges = requests_to(&requests, "/v1/oauth/refresh");
    assert_eq!(field(&exchanges[0], "grant_type").as_deref(), Some("refresh_token"));
    assert_eq!(field(&exchanges[0], "refresh_token").as_deref(), Some(REFRESH_TOKEN));
    assert_eq!(field(&exchanges[0], "client_id").as_deref(), Some(CLIENT_ID), "a public client names itself");
    assert_eq!(field(&exchanges[1], "refresh_token").as_deref(), Some("rt-1"), "the rotated token is used");
    assert!(exchanges[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn token_endpoint_errors_are_readable_and_hold_no_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": format!("client secret {CLIENT_SECRET} is not valid"),
        })))
        .mount(&server)
        .await;
    api(&server, Vec::new()).await;
    let client = machine_client(&server);
    let error = client.get_me().await.expect_err("no token");
    let Error::Token(token) = &error else { panic!("expected Error::Token, got {error:?}") };
    assert_eq!(token.status.map(|status| status.as_u16()), Some(401));
    assert_eq!(token.error.as_deref(), Some("invalid_client"));
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("invalid_client") && shown.contains("is not valid"), "{shown}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    let requests = server.received_requests().await.expect("recorded");
    assert!(requests_to(&requests, "/v1/me").is_empty(), "nothing sent without a token");

    // An answer that is not JSON is shown as text, secrets blanked out.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth/refresh"))
        .respond_with(ResponseTemplate::new(500).set_body_string(format!("cannot refresh {REFRESH_TOKEN}")))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .user_refresh_token(RefreshToken::new(REFRESH_TOKEN))
        .build()
        .expect("loopback");
    let error = client.get_me().await.expect_err("no token");
    let shown = format!("{error} {error:?}");
    assert!(matches!(error, Error::Token(_)) && shown.contains("cannot refresh ***"), "{shown}");
}

#[tokio::test]
async fn secrets_reach_only_the_token_url() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(307).insert_header("location", format!("{}/steal", elsewhere.uri()).as_str()),
        )
        .mount(&server)
        .await;
    let client = machine_client(&server);
    let error = client.get_me().await.expect_err("redirect not followed");
    assert!(matches!(error, Error::Token(_)), "{error:?}");
    assert!(elsewhere.received_requests().await.expect("recorded").is_empty());

    // A token URL in clear text to a host that is not loopback fails the build.
    let built = Client::builder()
        .machine_client_credentials(
            ClientCredentials::new(CLIENT_ID, CLIENT_SECRET).token_url("http://auth.example.com/token"),
        )
        .build();
    assert!(built.expect_err("insecure").to_string().contains("auth.example.com"));
}

#[test]
fn secrets_never_show_in_debug() {
    let builder = Client::builder()
        .machine_client_credentials(ClientCredentials::new(CLIENT_ID, CLIENT_SECRET))
        .user_refresh_token(RefreshToken::new(REFRESH_TOKEN).client_secret(CLIENT_SECRET));
    let shown = format!("{builder:?}");
    assert!(shown.contains("machine") && shown.contains("user"), "{shown}");
    let client = builder.build().expect("https");
    let shown = format!("{shown} {client:?} {:?}", RefreshToken::new(REFRESH_TOKEN).client_secret(CLIENT_SECRET));
    assert!(!shown.contains(CLIENT_SECRET) && !shown.contains(REFRESH_TOKEN), "{shown}");
}

mod fusesign {
    //! FuseSign's `OAuthToken` scheme documents an `authorizationCode` flow
    //! with a `refreshUrl`: its client exchanges a refresh token there.

    use super::*;
    use generated_client::fusesign::{Client, RefreshToken};
    use uuid::Uuid;

    #[tokio::test]
    async fn the_refresh_flow_runs_end_to_end() {
        let server = MockServer::start().await;
        let issued = token_server(&server, "/api/Session/OAuthRefreshToken", 3600, true, Duration::ZERO).await;
        let tenant = Uuid::from_u128(1);
        let customer = Uuid::from_u128(2);
        Mock::given(method("GET"))
            .and(header("authorization", "Bearer at-1"))
            .respond_with(ResponseTemplate::new(401))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(header("authorization", "Bearer at-2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "CustomerId": customer, "TenantId": tenant, "Name": "Jane", "Email": "jane@example.com",
                "NoMobile": false, "CannotModify": false,
            })))
            .mount(&server)
            .await;
        let stored = Arc::new(Mutex::new(Vec::new()));
        let store = stored.clone();
        let client = Client::builder()
            .base_url(server.uri())
            .oauth_token_refresh_token(
                RefreshToken::new(REFRESH_TOKEN)
                    .client_id("fusesign-app")
                    .client_secret(CLIENT_SECRET)
                    // The spec's refreshUrl is FuseSign's own host.
                    .token_url(format!("{}/api/Session/OAuthRefreshToken", server.uri()))
                    .on_refresh_token(move |token| store.lock().expect("lock").push(token.expose().to_owned())),
            )
            .build()
            .expect("loopback");
        let found = client.customer().get(tenant, customer).await.expect("refreshed after the 401");
        assert_eq!(found.name.as_deref(), Some("Jane"));
        assert_eq!(issued.load(Ordering::SeqCst), 2);
        assert_eq!(*stored.lock().expect("lock"), ["rt-1", "rt-2"]);
        let requests = server.received_requests().await.expect("recorded");
        let exchanges = requests_to(&requests, "/api/Session/OAuthRefreshToken");
        assert_eq!(field(&exchanges[1], "refresh_token").as_deref(), Some("rt-1"));
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("fusesign-app:{CLIENT_SECRET}"));
        assert_eq!(exchanges[0].headers.get("authorization").expect("basic"), &format!("Basic {basic}"));
        assert!(!format!("{client:?}").contains(CLIENT_SECRET));
    }
}
