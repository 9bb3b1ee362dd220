//! The runtime's optional parts: `x-speakeasy-retries` policies
//! (`tests/fixtures/retries.yaml`), the `tracing` feature's spans captured by
//! a small subscriber, blocking calls from a plain thread (`blocking`), and
//! generated crates carrying only the runtime modules and dependencies their
//! API uses.

use std::time::{Duration, Instant};

use openapi_clientgen::{generate_crate, Config};
use serde_json::json;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::retries::{Client, Error, RetryPolicy};
use crate::support::fixture;

const API_KEY: &str = "s3cr3t-api-key-value";
const TOKEN: &str = "s3cr3t-bearer-token";
const QUERY_VALUE: &str = "private-search-words";

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).key(API_KEY).token(TOKEN).build().expect("valid")
}

fn widget() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"name": "w"}))
}

async fn attempts(server: &MockServer) -> usize {
    server.received_requests().await.expect("recording is on").len()
}

#[tokio::test]
async fn the_documents_policy_retries_every_server_error_until_its_time_is_up() {
    let server = MockServer::start().await;
    // 501 is not retried by the runtime's default policy; the document's `5XX` retries it.
    Mock::given(path("/widgets/a")).respond_with(ResponseTemplate::new(501)).up_to_n_times(3).mount(&server).await;
    Mock::given(path("/widgets/a")).respond_with(widget()).mount(&server).await;
    let found = client(&server).get_widget("a").await.expect("the fourth attempt succeeds");
    assert_eq!(found.name.as_deref(), Some("w"));
    assert_eq!(attempts(&server).await, 4, "more than the default's 3 attempts: the document bounds time only");

    let down = MockServer::start().await;
    Mock::given(path("/widgets/a")).respond_with(ResponseTemplate::new(500)).mount(&down).await;
    let started = Instant::now();
    let error = client(&down).get_widget("a").await.expect_err("always 500");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "maxElapsedTime 300 ms bounds the call: {:?}",
        started.elapsed()
    );
    assert!(attempts(&down).await > 4, "waits of at most 20 ms within 300 ms");
}

#[tokio::test]
async fn an_operations_own_policy_replaces_the_documents() {
    let server = MockServer::start().await;
    Mock::given(path("/gadgets")).respond_with(ResponseTemplate::new(429)).up_to_n_times(2).mount(&server).await;
    Mock::given(path("/gadgets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(["g"])))
        .mount(&server)
        .await;
    assert_eq!(client(&server).list_gadgets().await.expect("the third attempt succeeds"), ["g"]);
    assert_eq!(attempts(&server).await, 3);

    // Its `statusCodes` are 429 only: a 503 is not retried.
    let unavailable = MockServer::start().await;
    Mock::given(path("/gadgets")).respond_with(ResponseTemplate::new(503)).mount(&unavailable).await;
    client(&unavailable).list_gadgets().await.expect_err("503");
    assert_eq!(attempts(&unavailable).await, 1);
}

#[tokio::test]
async fn a_policy_set_on_the_builder_or_per_call_wins_over_the_documents() {
    let server = MockServer::start().await;
    Mock::given(path("/widgets/a")).respond_with(ResponseTemplate::new(501)).mount(&server).await;
    let never = Client::builder()
        .base_url(server.uri())
        .key(API_KEY)
        .token(TOKEN)
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("valid");
    never.get_widget("a").await.expect_err("501");
    assert_eq!(attempts(&server).await, 1);
    client(&server).with_retry_policy(RetryPolicy::never()).get_widget("a").await.expect_err("501");
    assert_eq!(attempts(&server).await, 2);
}

#[test]
fn blocking_calls_work_from_a_plain_thread() {
    use crate::runtime::blocking::SendBlocking as _;

    // The server runs on a runtime of its own; the calls below block this thread.
    let runtime = tokio::runtime::Runtime::new().expect("a runtime for the server");
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(path("/widgets/a")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
        Mock::given(path("/widgets/a")).respond_with(widget()).mount(&server).await;
        Mock::given(path("/widgets/missing")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
        server
    });
    let client = client(&server);
    let found = client.get_widget("a").send_blocking().expect("retried once, then found");
    assert_eq!(found.name.as_deref(), Some("w"));
    let response = client.get_widget("a").send_with_response().send_blocking().expect("found");
    assert_eq!(response.status().as_u16(), 200);
    let error = client.get_widget("missing").send_blocking().expect_err("404");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    let from_another_thread =
        std::thread::spawn(move || client.get_widget("a").send_blocking().map(|widget| widget.name));
    assert_eq!(from_another_thread.join().expect("no panic").expect("found").as_deref(), Some("w"));
}

#[cfg(feature = "tracing")]
mod spans {
    //! A subscriber that keeps every span's name and fields as text.

    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    /// A span's name and fields.
    #[derive(Debug, Clone)]
    pub struct Captured {
        pub name: &'static str,
        pub fields: BTreeMap<&'static str, String>,
        metadata: &'static Metadata<'static>,
    }

    /// Every span, and those entered (the last is current: the tests run on one thread).
    #[derive(Clone, Default)]
    pub struct Capture {
        spans: Arc<Mutex<BTreeMap<u64, Captured>>>,
        entered: Arc<Mutex<Vec<u64>>>,
        next: Arc<AtomicU64>,
    }

    impl Capture {
        pub fn spans(&self) -> Vec<Captured> {
            self.spans.lock().expect("not poisoned").values().cloned().collect()
        }
    }

    struct Fields<'a>(&'a mut BTreeMap<&'static str, String>);

    impl Visit for Fields<'_> {
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.insert(field.name(), value.to_owned());
        }

        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.insert(field.name(), format!("{value:?}"));
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }

        fn new_span(&self, attributes: &Attributes<'_>) -> Id {
            let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
            let metadata = attributes.metadata();
            let mut captured = Captured { name: metadata.name(), fields: BTreeMap::new(), metadata };
            attributes.record(&mut Fields(&mut captured.fields));
            self.spans.lock().expect("not poisoned").insert(id, captured);
            Id::from_u64(id)
        }

        fn record(&self, span: &Id, values: &Record<'_>) {
            if let Some(captured) = self.spans.lock().expect("not poisoned").get_mut(&span.into_u64()) {
                values.record(&mut Fields(&mut captured.fields));
            }
        }

        fn record_follows_from(&self, _: &Id, _: &Id) {}

        fn event(&self, _: &Event<'_>) {}

        fn enter(&self, span: &Id) {
            self.entered.lock().expect("not poisoned").push(span.into_u64());
        }

        fn exit(&self, span: &Id) {
            let mut entered = self.entered.lock().expect("not poisoned");
            if let Some(last) = entered.iter().rposition(|id| *id == span.into_u64()) {
                entered.remove(last);
            }
        }

        fn current_span(&self) -> tracing_core::span::Current {
            let current = self.entered.lock().expect("not poisoned").last().copied();
            let spans = self.spans.lock().expect("not poisoned");
            match current.and_then(|id| Some((id, spans.get(&id)?.metadata))) {
                Some((id, metadata)) => tracing_core::span::Current::new(Id::from_u64(id), metadata),
                None => tracing_core::span::Current::none(),
            }
        }
    }
}

#[cfg(feature = "tracing")]
#[tokio::test]
async fn each_call_is_a_span_with_the_http_client_attributes_and_no_secret() {
    let capture = spans::Capture::default();
    let _default = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(path("/widgets/a")).respond_with(ResponseTemplate::new(502)).up_to_n_times(1).mount(&server).await;
    Mock::given(path("/widgets/a")).respond_with(widget()).mount(&server).await;
    Mock::given(path("/widgets/missing")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    let client = client(&server);
    client.get_widget("a").q(QUERY_VALUE).await.expect("retried once");
    client.get_widget("missing").q(QUERY_VALUE).await.expect_err("404");

    let calls: Vec<spans::Captured> = capture.spans().into_iter().filter(|span| span.name == "http.client").collect();
    assert_eq!(calls.len(), 2, "one span per call, retries included: {calls:#?}");
    let port = server.address().port().to_string();
    for call in &calls {
        let field = |name: &str| call.fields.get(name).map(String::as_str);
        assert_eq!(field("otel.name"), Some("getWidget"), "{call:#?}");
        assert_eq!(field("otel.kind"), Some("client"));
        assert_eq!(field("http.request.method"), Some("GET"));
        assert_eq!(field("url.template"), Some("/widgets/{id}"));
        assert_eq!(field("server.address"), Some("127.0.0.1"));
        assert_eq!(field("server.port"), Some(port.as_str()));
        for (name, value) in &call.fields {
            for secret in [API_KEY, TOKEN, QUERY_VALUE] {
                assert!(!value.contains(secret), "`{name}` holds a secret: {value}");
            }
        }
    }
    let (found, missing) = (&calls[0].fields, &calls[1].fields);
    assert_eq!(found.get("http.response.status_code").map(String::as_str), Some("200"));
    assert_eq!(found.get("http.request.resend_count").map(String::as_str), Some("1"));
    assert_eq!(found.get("error.type"), None);
    assert_eq!(missing.get("http.response.status_code").map(String::as_str), Some("404"));
    assert_eq!(missing.get("error.type").map(String::as_str), Some("404"));
    assert_eq!(missing.get("http.request.resend_count"), None, "a 404 is not retried");
}

/// The paths of the runtime's files and the `Cargo.toml` of the crate generated from `spec`.
fn runtime_of(spec: &str) -> (Vec<String>, String) {
    let generated = generate_crate(&fixture(spec), "client", &Config::default()).expect("generates");
    let files: Vec<String> = generated
        .files
        .iter()
        .map(|file| file.path.display().to_string().replace('\\', "/"))
        .filter(|path| path.starts_with("src/runtime/"))
        .collect();
    let manifest = generated.files.iter().find(|file| file.path.ends_with("Cargo.toml")).expect("a manifest");
    (files, manifest.contents.clone())
}

#[test]
fn a_crate_carries_only_the_runtime_modules_and_dependencies_its_api_uses() {
    let (files, manifest) = runtime_of("petstore.yaml");
    for module in ["pagination", "multipart", "validate", "base64", "tagged", "nullable", "stream", "sse"] {
        assert!(!files.contains(&format!("src/runtime/{module}.rs")), "petstore has no use for {module}: {files:?}");
    }
    for always in ["mod", "client", "error", "hooks", "request", "response", "retry", "trace", "blocking"] {
        assert!(files.contains(&format!("src/runtime/{always}.rs")), "{always}: {files:?}");
    }
    for dependency in ["futures-util", "base64", "regex", "\"multipart\"", "\"stream\"", "\"fs\"", "\"io-util\""] {
        assert!(!manifest.contains(dependency), "petstore needs no {dependency}:\n{manifest}");
    }

    let (files, manifest) = runtime_of("pagination.yaml");
    assert!(files.contains(&"src/runtime/pagination.rs".to_owned()), "{files:?}");
    assert!(manifest.contains("futures-util = "), "{manifest}");

    let (files, manifest) = runtime_of("validation.yaml");
    assert!(files.contains(&"src/runtime/validate.rs".to_owned()), "{files:?}");
    assert!(manifest.contains("regex = "), "{manifest}");

    let (files, manifest) = runtime_of("resilience.yaml");
    assert!(files.contains(&"src/runtime/multipart.rs".to_owned()), "{files:?}");
    // File parts may stream from a file or a stream.
    assert!(files.contains(&"src/runtime/stream.rs".to_owned()), "{files:?}");
    assert!(manifest.contains("features = [\"multipart\", \"rustls-tls\", \"stream\"]"), "{manifest}");

    // Binary bodies stream; server-sent events need the `sse` module too.
    let (files, manifest) = runtime_of("streaming.yaml");
    assert!(files.contains(&"src/runtime/stream.rs".to_owned()), "{files:?}");
    assert!(files.contains(&"src/runtime/sse.rs".to_owned()), "{files:?}");
    assert!(!files.contains(&"src/runtime/multipart.rs".to_owned()), "{files:?}");
    assert!(manifest.contains("features = [\"rustls-tls\", \"stream\"]"), "{manifest}");
    assert!(manifest.contains("features = [\"fs\", \"io-util\", \"time\"]"), "{manifest}");
    assert!(manifest.contains("futures-util = "), "{manifest}");

    let (files, manifest) = runtime_of("types_formats.yaml");
    assert!(files.contains(&"src/runtime/base64.rs".to_owned()), "{files:?}");
    assert!(files.contains(&"src/runtime/time.rs".to_owned()), "{files:?}");
    assert!(manifest.contains("base64 = ") && manifest.contains("chrono = "), "{manifest}");
}
