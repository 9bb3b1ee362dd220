//! Retries, idempotency keys, hooks and headers, against loopback servers
//! that fail the first attempts: 503 with `Retry-After` in both forms, 429, a
//! dropped connection and a stall past the timeout.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::fixtures::resilience::types::{CreatePaymentBody, CreateThingBody, UploadBody};
use crate::fixtures::resilience::{Call, Client, ClientBuilder, Hooks, Outcome, RetryPolicy};

/// Retries without waiting long, so the tests stay fast.
fn quick() -> RetryPolicy {
    RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn client(server: &MockServer, settings: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    settings(Client::builder().base_url(server.uri()).retry_policy(quick())).build().expect("valid")
}

/// Answers `first` to the first `times` requests matching `verb path`, then `then`.
async fn failing(
    server: &MockServer,
    verb: &str,
    route: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(method(verb)).and(path(route)).respond_with(first).up_to_n_times(times).mount(server).await;
    Mock::given(method(verb)).and(path(route)).respond_with(then).mount(server).await;
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn things() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!(["a"]))
}

#[tokio::test]
async fn a_503_is_retried_after_the_delay_retry_after_asks_in_seconds_or_as_a_date() {
    let server = MockServer::start().await;
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(4));
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", date.as_str()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/things")).respond_with(things()).mount(&server).await;

    let started = Instant::now();
    let listed = client(&server, |builder| builder).list_things().await.expect("the third attempt succeeds");
    assert_eq!(listed, ["a"]);
    assert_eq!(received(&server).await.len(), 3);
    // One second, then what is left of the date 4 s ahead (in whole seconds): well over one more.
    assert!(started.elapsed() >= Duration::from_secs(2), "waited {:?}", started.elapsed());
}

#[tokio::test]
async fn a_429_is_retried_and_attempts_are_bounded() {
    let server = MockServer::start().await;
    failing(&server, "GET", "/things", ResponseTemplate::new(429), 1, things()).await;
    client(&server, |builder| builder).list_things().await.expect("the second attempt succeeds");
    assert_eq!(received(&server).await.len(), 2);

    let down = MockServer::start().await;
    Mock::given(path("/things")).respond_with(ResponseTemplate::new(500)).mount(&down).await;
    let error = client(&down, |builder| builder).list_things().await.expect_err("always 500");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500), "the last answer is returned");
    assert_eq!(received(&down).await.len(), 3, "the default makes 3 attempts");
    let never = client(&down, |builder| builder.retry_policy(RetryPolicy::never()));
    never.list_things().await.expect_err("always 500");
    assert_eq!(received(&down).await.len(), 4, "RetryPolicy::never() makes one");
}

#[tokio::test]
async fn a_server_asking_to_wait_longer_than_the_policy_honours_is_not_retried() {
    let server = MockServer::start().await;
    failing(&server, "GET", "/things", ResponseTemplate::new(503).insert_header("retry-after", "120"), 1, things())
        .await;
    let error = client(&server, |builder| builder).list_things().await.expect_err("not retried");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_post_is_not_retried_unless_opted_in_or_keyed() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let body = CreateThingBody { name: Some("x".into()) };
    client(&server, |builder| builder).create_thing(&body).await.expect_err("a POST could be applied twice");
    assert_eq!(received(&server).await.len(), 1);

    server.reset().await;
    failing(&server, "POST", "/things", ResponseTemplate::new(503), 1, ResponseTemplate::new(201)).await;
    let opted_in = client(&server, |builder| builder.retry_policy(quick().retry_non_idempotent(true)));
    opted_in.create_thing(&body).await.expect("retried when the caller opts in");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn an_idempotency_key_is_the_same_on_every_attempt_and_new_for_every_call() {
    let server = MockServer::start().await;
    failing(&server, "POST", "/payments", ResponseTemplate::new(503), 1, ResponseTemplate::new(201)).await;
    let client = client(&server, |builder| builder);
    let payment = CreatePaymentBody { amount: Some(5) };
    client.create_payment(&payment).await.expect("a keyed POST is retried");
    client.create_payment(&payment).await.expect("a second call");
    client.create_payment(&payment).idempotency_key("mine-1").await.expect("the caller's key");
    let keys: Vec<String> = received(&server)
        .await
        .iter()
        .map(|request| request.headers.get("idempotency-key").expect("a key").to_str().expect("text").to_owned())
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert_eq!(keys[0], keys[1], "a retry sends the call's key again");
    assert_ne!(keys[1], keys[2], "another call has another key");
    assert_eq!(keys[0].len(), 32);
    assert_eq!(keys[3], "mine-1");
}

#[tokio::test]
async fn a_multipart_body_is_never_sent_twice() {
    let server = MockServer::start().await;
    failing(&server, "PUT", "/uploads", ResponseTemplate::new(503), 1, ResponseTemplate::new(204)).await;
    let upload = UploadBody { file: Some(crate::runtime::FilePart::new(b"x".to_vec())) };
    let error = client(&server, |builder| builder).upload(&upload).await.expect_err("not replayable");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

/// Drops the first connection without answering, then answers every request with `["a"]`.
fn dropping_server() -> String {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("loopback port");
    let address = listener.local_addr().expect("bound");
    std::thread::spawn(move || {
        for (index, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0_u8; 4096];
            let _ = stream.read(&mut request);
            if index > 0 {
                let body = "[\"a\"]";
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        }
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let client = Client::builder().base_url(dropping_server()).retry_policy(quick()).build().expect("valid");
    assert_eq!(client.list_things().await.expect("the second connection answers"), ["a"]);
}

#[tokio::test]
async fn a_stall_past_the_timeout_is_retried() {
    let server = MockServer::start().await;
    failing(&server, "GET", "/things", things().set_delay(Duration::from_secs(2)), 1, things()).await;
    let client = client(&server, |builder| builder.timeout(Duration::from_millis(300)));
    let started = Instant::now();
    client.list_things().await.expect("the second attempt is quick");
    assert!(started.elapsed() < Duration::from_secs(2), "the stalled attempt was abandoned");
}

#[tokio::test]
async fn a_retry_after_a_redirect_starts_again_from_the_operations_url() {
    let server = MockServer::start().await;
    let moved = ResponseTemplate::new(307).insert_header("location", "/moved");
    Mock::given(method("GET")).and(path("/things")).respond_with(moved).mount(&server).await;
    failing(&server, "GET", "/moved", ResponseTemplate::new(503), 1, things()).await;
    let listed = client(&server, |builder| builder).list_things().await.expect("the second attempt succeeds");
    assert_eq!(listed, ["a"]);
    let paths: Vec<String> = received(&server).await.iter().map(|request| request.url.path().to_owned()).collect();
    assert_eq!(paths, ["/things", "/moved", "/things", "/moved"]);
}

/// Records what the hooks saw and adds a request id.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(&'static str, u32, Option<u16>)>>,
}

impl Hooks for Arc<Recorder> {
    fn on_request(&self, call: &Call, request: &mut reqwest::Request) -> Result<(), crate::runtime::BoxError> {
        let id = format!("req-{}", call.attempt);
        request.headers_mut().insert("x-request-id", id.parse()?);
        Ok(())
    }

    fn on_response(&self, call: &Call, outcome: Outcome<'_>) {
        let status = match outcome {
            Outcome::Response { status, .. } => Some(status.as_u16()),
            _ => None,
        };
        self.seen.lock().expect("not poisoned").push((call.operation, call.attempt, status));
    }
}

#[tokio::test]
async fn hooks_add_headers_and_see_every_attempt() {
    let server = MockServer::start().await;
    failing(&server, "GET", "/things", ResponseTemplate::new(502), 1, things()).await;
    let recorder = Arc::new(Recorder::default());
    let client = client(&server, |builder| builder.hooks(recorder.clone()));
    client.list_things().await.expect("retried");
    let ids: Vec<String> = received(&server)
        .await
        .iter()
        .map(|request| request.headers.get("x-request-id").expect("added by the hook").to_str().expect("text").into())
        .collect();
    assert_eq!(ids, ["req-1", "req-2"]);
    let seen = recorder.seen.lock().expect("not poisoned").clone();
    assert_eq!(seen, [("listThings", 1, Some(502)), ("listThings", 2, Some(200))]);
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_default_headers_go_with_every_request() {
    let server = MockServer::start().await;
    Mock::given(path("/things")).respond_with(things()).mount(&server).await;
    client(&server, |builder| builder.default_header("x-tenant", "t1").default_header("x-region", "eu"))
        .list_things()
        .x_tenant("t2")
        .await
        .expect("200");
    client(&server, |builder| builder.user_agent("my-service/3.1")).list_things().await.expect("200");
    let requests = received(&server).await;
    let header =
        |index: usize, name: &str| requests[index].headers.get(name).map(|value| value.to_str().expect("text"));
    assert_eq!(header(0, "user-agent"), Some(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"))));
    assert_eq!(header(0, "x-region"), Some("eu"));
    assert_eq!(header(0, "x-tenant"), Some("t2"), "the operation's own header wins");
    assert_eq!(header(1, "user-agent"), Some("my-service/3.1"));
    let invalid = Client::builder().default_header("x-bad", "line\nbreak").build();
    assert!(invalid.is_err(), "an invalid default header fails the build");
}

#[tokio::test]
async fn one_call_can_retry_and_time_out_differently() {
    let server = MockServer::start().await;
    Mock::given(path("/things")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = client(&server, |builder| builder);
    client.with_retry_policy(RetryPolicy::never()).list_things().await.expect_err("503");
    assert_eq!(received(&server).await.len(), 1, "this call made one attempt");
    client.list_things().await.expect_err("503");
    assert_eq!(received(&server).await.len(), 4, "the client's own policy is unchanged: three more");

    let slow = MockServer::start().await;
    Mock::given(path("/things")).respond_with(things().set_delay(Duration::from_secs(2))).mount(&slow).await;
    let client = Client::builder().base_url(slow.uri()).retry_policy(RetryPolicy::never()).build().expect("valid");
    let started = Instant::now();
    let error = client.with_timeout(Duration::from_millis(200)).list_things().await.expect_err("times out");
    assert!(matches!(&error, crate::fixtures::resilience::Error::Transport(error) if error.is_timeout()), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "this call's timeout applied");
}
