//! A credential never leaves the origin it was configured for. Two real
//! servers on loopback, on different ports and so different origins: the API
//! (`api`) and another origin (`other`) that records every request it gets.
//! For each credential kind the runtime supports and each way a response can
//! send the client elsewhere (3xx redirects, next-page links), `other` must
//! never see the secret, while same-origin redirects keep working.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, TcpListener};

use base64::Engine as _;
use futures_util::StreamExt as _;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::fixtures::credentials::operations::ListThingsError;
use crate::fixtures::credentials::types::{Thing, UploadFileBody};
use crate::fixtures::credentials::{Client, ClientBuilder, Error, RedirectPolicy, RedirectStop, Secret, TokenProvider};

const SECRET: &str = "s3cret-Value-42";
const REDIRECTS: [u16; 5] = [301, 302, 303, 307, 308];

/// Every credential kind the runtime supports.
#[derive(Debug, Clone, Copy)]
enum Kind {
    HeaderKey,
    QueryKey,
    CookieKey,
    Bearer,
    Provider,
    Basic,
    /// A user and password in the base URL.
    UrlUser,
}

const KINDS: [Kind; 7] =
    [Kind::HeaderKey, Kind::QueryKey, Kind::CookieKey, Kind::Bearer, Kind::Provider, Kind::Basic, Kind::UrlUser];

/// Hands out the secret as a refreshed OAuth 2 token would be.
struct Provider;

impl TokenProvider for Provider {
    fn token(&self) -> crate::runtime::BoxFuture<'_, Result<Secret, crate::runtime::BoxError>> {
        Box::pin(async { Ok(Secret::new(SECRET)) })
    }
}

impl Kind {
    /// A client builder for `base_url` with this kind's credential.
    fn builder(self, base_url: &str) -> ClientBuilder {
        let builder = Client::builder().base_url(base_url);
        match self {
            Self::HeaderKey => builder.header_key(SECRET),
            Self::QueryKey => builder.query_key(SECRET),
            Self::CookieKey => builder.cookie_key(SECRET),
            Self::Bearer => builder.bearer(SECRET),
            Self::Provider => builder.oauth_provider(Provider),
            Self::Basic => builder.basic("user", Some(SECRET.to_owned())),
            Self::UrlUser => builder.base_url(base_url.replacen("://", &format!("://user:{SECRET}@"), 1)),
        }
    }
}

fn client(kind: Kind, api: &MockServer) -> Client {
    configured(kind, api, |builder| builder)
}

fn configured(kind: Kind, api: &MockServer, settings: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    settings(kind.builder(&api.uri())).build().expect("loopback base URL")
}

/// Whether `request` carried the secret in any form: URL, any header (the
/// basic credentials base64-encoded too) or body.
fn saw_secret(request: &Request) -> bool {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("user:{SECRET}"));
    let mut texts = vec![request.url.to_string(), String::from_utf8_lossy(&request.body).into_owned()];
    texts.extend(request.headers.values().map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()));
    texts.iter().any(|text| text.contains(SECRET) || text.contains(&basic))
}

/// `other` records everything and answers like the API would.
async fn other_origin() -> MockServer {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": [{"id": 99}]})))
        .mount(&other)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 7})))
        .mount(&other)
        .await;
    other
}

async fn redirect(api: &MockServer, method_name: &str, from: &str, status: u16, location: &str) {
    Mock::given(method(method_name))
        .and(path(from))
        .respond_with(ResponseTemplate::new(status).insert_header("location", location))
        .mount(api)
        .await;
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

async fn assert_never_saw_secret(other: &MockServer, context: &str) {
    for request in requests(other).await {
        assert!(!saw_secret(&request), "{context}: the other origin saw the secret in {request:?}");
    }
}

/// The redirect a call refused to follow.
fn refused<E: std::fmt::Debug>(result: Result<(), Error<E>>) -> Box<crate::fixtures::credentials::Redirect> {
    match result {
        Err(Error::Redirect(redirect)) => redirect,
        other => panic!("expected a refused redirect, got {other:?}"),
    }
}

#[tokio::test]
async fn redirects_to_another_origin_are_refused_by_default_for_every_credential_kind() {
    let other = other_origin().await;
    for kind in KINDS {
        for status in REDIRECTS {
            let api = MockServer::start().await;
            let landing = format!("{}/landing", other.uri());
            redirect(&api, "GET", "/things", status, &landing).await;
            redirect(&api, "POST", "/things", status, &landing).await;

            let client = client(kind, &api);
            let refusals = [
                refused(client.list_things().await.map(drop)),
                refused(client.create_thing(&Thing::default()).await.map(drop)),
            ];
            for refused in refusals {
                assert_eq!(refused.status.as_u16(), status);
                assert_eq!(refused.location, landing);
                assert_eq!(refused.reason, RedirectStop::UntrustedOrigin);
                let message = Error::<ListThingsError>::Redirect(refused).to_string();
                assert!(message.contains(&landing) && message.contains("trust_origin"), "{message}");
            }
            let sent = requests(&api).await;
            assert_eq!(sent.len(), 2);
            assert!(sent.iter().all(saw_secret), "{kind:?}: the API itself gets the credential");
        }
    }
    assert!(requests(&other).await.is_empty(), "nothing reaches the other origin");
}

#[tokio::test]
async fn stripping_redirects_reach_the_other_origin_without_any_credential() {
    for kind in KINDS {
        for status in REDIRECTS {
            let (api, other) = (MockServer::start().await, other_origin().await);
            redirect(&api, "GET", "/things", status, &format!("{}/landing", other.uri())).await;
            redirect(&api, "POST", "/things", status, &format!("{}/created", other.uri())).await;
            let client = configured(kind, &api, |builder| builder.redirect_policy(RedirectPolicy::StripCredentials));

            let page = client.list_things().await.expect("followed to the other origin");
            assert_eq!(page.things.map(|things| things.len()), Some(1));
            let body = Thing { id: Some(1), name: Some("one".into()) };
            let created = client.create_thing(&body).send_with_response().await;

            let received = requests(&other).await;
            assert_eq!(received.len(), 2, "{kind:?} {status}");
            assert_never_saw_secret(&other, &format!("{kind:?} {status}")).await;
            let replayed = &received[1];
            if status == 307 || status == 308 {
                // The method and body go along; the credentials do not.
                assert_eq!(replayed.method.as_str(), "POST");
                assert_eq!(replayed.body_json::<serde_json::Value>().expect("JSON"), json!({"id": 1, "name": "one"}));
                assert_eq!(created.expect("201").status().as_u16(), 201);
            } else {
                assert_eq!(replayed.method.as_str(), "GET", "{status} turns POST into GET");
                assert!(replayed.body.is_empty());
            }
        }
    }
}

#[tokio::test]
async fn same_origin_redirects_are_followed_with_the_credentials() {
    for kind in KINDS {
        for status in REDIRECTS {
            let api = MockServer::start().await;
            // A relative and an absolute Location on the API's own origin.
            redirect(&api, "GET", "/things", status, "/moved").await;
            redirect(&api, "GET", "/moved", status, &format!("{}/final", api.uri())).await;
            Mock::given(path("/final"))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": [{"id": 5}]})))
                .mount(&api)
                .await;

            let page = client(kind, &api).list_things().await.expect("same-origin redirects are followed");
            assert_eq!(page.things.expect("things")[0].id, Some(5));
            let sent = requests(&api).await;
            assert_eq!(
                sent.iter().map(|request| request.url.path()).collect::<Vec<_>>(),
                ["/things", "/moved", "/final"]
            );
            assert!(sent.iter().all(saw_secret), "{kind:?} {status}: every hop on the API's origin is authenticated");
        }
    }
}

#[tokio::test]
async fn a_chain_that_left_the_trusted_origins_never_carries_credentials_again() {
    for kind in KINDS {
        let (api, other) = (MockServer::start().await, MockServer::start().await);
        redirect(&api, "GET", "/things", 302, &format!("{}/bounce", other.uri())).await;
        redirect(&other, "GET", "/bounce", 302, &format!("{}/back", api.uri())).await;
        Mock::given(path("/back")).respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).mount(&api).await;
        let client = configured(kind, &api, |builder| builder.redirect_policy(RedirectPolicy::StripCredentials));

        client.list_things().await.expect("followed");
        assert_never_saw_secret(&other, &format!("{kind:?}")).await;
        let back = requests(&api).await.pop().expect("the last hop");
        assert_eq!(back.url.path(), "/back");
        assert!(!saw_secret(&back), "{kind:?}: the other origin chose where to send the client back to");
    }
}

#[tokio::test]
async fn trusted_origins_receive_redirects_and_links_with_the_credentials() {
    for kind in KINDS {
        let (api, files) = (MockServer::start().await, other_origin().await);
        redirect(&api, "GET", "/things/1", 307, &format!("{}/things/1", files.uri())).await;
        let client = configured(kind, &api, |builder| builder.trust_origin(files.uri()));

        client.get_thing(1).await.expect("followed to a trusted origin");
        let received = requests(&files).await;
        assert_eq!(received.len(), 1);
        assert!(saw_secret(&received[0]), "{kind:?}: a trusted origin gets the credential");
    }
}

#[tokio::test]
async fn redirects_are_not_followed_under_the_never_policy_nor_in_endless_loops() {
    let api = MockServer::start().await;
    redirect(&api, "GET", "/things", 302, "/things").await;
    let error = client(Kind::HeaderKey, &api).list_things().await.expect_err("a loop");
    assert!(matches!(&error, Error::Redirect(refused) if refused.reason == RedirectStop::TooMany), "{error:?}");
    assert_eq!(requests(&api).await.len(), 11, "the first request and 10 redirects");

    let never = configured(Kind::HeaderKey, &api, |builder| builder.redirect_policy(RedirectPolicy::Never));
    let error = never.list_things().await.expect_err("not followed");
    assert!(matches!(&error, Error::Redirect(refused) if refused.reason == RedirectStop::NotFollowed), "{error:?}");
}

#[tokio::test]
async fn a_multipart_body_is_not_sent_again_on_307_but_303_continues_with_get() {
    let api = MockServer::start().await;
    redirect(&api, "POST", "/files", 307, "/files-again").await;
    let client = client(Kind::HeaderKey, &api);
    let upload = UploadFileBody::new(crate::runtime::FilePart::new(b"bytes".to_vec()).file_name("a.txt"));
    let error = client.upload_file(&upload).await.expect_err("cannot replay");
    assert!(
        matches!(&error, Error::Redirect(refused) if refused.reason == RedirectStop::BodyNotReplayable),
        "{error:?}"
    );

    api.reset().await;
    redirect(&api, "POST", "/files", 303, "/status").await;
    Mock::given(method("GET")).and(path("/status")).respond_with(ResponseTemplate::new(204)).mount(&api).await;
    client.upload_file(&upload).await.expect("303 continues with GET");
}

#[tokio::test]
async fn next_page_links_to_another_origin_are_not_requested() {
    for kind in KINDS {
        let (api, other) = (MockServer::start().await, other_origin().await);
        let link = format!("{}/things?page=2", other.uri());
        Mock::given(path("/things"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": [{"id": 1}], "next": link})))
            .mount(&api)
            .await;

        let items: Vec<_> = client(kind, &api).list_things().items().collect().await;
        assert_eq!(items.len(), 2, "{kind:?}: the first page's item, then the refusal");
        assert_eq!(items[0].as_ref().expect("first page").id, Some(1));
        let Err(Error::UntrustedLink(refused)) = &items[1] else { panic!("{kind:?}: {:?}", items[1]) };
        assert_eq!(refused, &link);
        let message = items[1].as_ref().expect_err("refused").to_string();
        assert!(message.contains(&link) && message.contains("trust_origin"), "{message}");
        assert!(requests(&other).await.is_empty(), "{kind:?}: the other origin was not asked");

        // Listed explicitly, the origin is trusted with the credentials.
        let trusting = configured(kind, &api, |builder| builder.trust_origin(other.uri()));
        let ids: Vec<_> = trusting.list_things().items().map(|item| item.expect("page").id).collect().await;
        assert_eq!(ids, [Some(1), Some(99)]);
        assert!(saw_secret(&requests(&other).await[0]), "{kind:?}: opted in");
    }
}

#[tokio::test]
async fn credentials_never_go_over_plain_http_to_a_remote_host_unless_allowed() {
    for kind in KINDS {
        let remote = kind.builder("http://api.example.com").build();
        let message = remote.expect_err("plain http to a remote host").to_string();
        assert!(message.contains("plain http") && message.contains("allow_insecure_credentials"), "{message}");
        Client::builder().base_url("http://api.example.com").build().expect("no credentials, nothing to protect");

        // A trusted http origin reached by a redirect is refused before anything is sent.
        let api = MockServer::start().await;
        redirect(&api, "GET", "/things", 302, "http://api.example.com/things").await;
        let client = configured(kind, &api, |builder| builder.trust_origin("http://api.example.com"));
        let error = client.list_things().await.expect_err("refused");
        assert!(
            matches!(&error, Error::InsecureTransport(message) if message.contains("api.example.com")),
            "{error:?}"
        );

        // Opted in, the request goes (here through a proxy on loopback that records it).
        let proxy = other_origin().await;
        let http = reqwest::Client::builder().proxy(reqwest::Proxy::http(proxy.uri()).expect("proxy URL"));
        let insecure = kind
            .builder("http://api.example.com")
            .http_client(http)
            .allow_insecure_credentials()
            .build()
            .expect("opted in");
        insecure.list_things().await.expect("sent through the proxy");
        let received = requests(&proxy).await;
        assert_eq!(received.len(), 1);
        assert!(saw_secret(&received[0]), "{kind:?}: sent as the caller allowed");
    }
}

#[tokio::test]
async fn a_user_and_password_in_the_base_url_go_as_basic_credentials() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": [{"id": 5}]})))
        .mount(&api)
        .await;
    let base_url = api.uri().replacen("http://", "http://us%40er:p%3Ass@", 1);
    let client = Client::builder().base_url(base_url).build().expect("loopback base URL");
    assert_eq!(client.list_things().await.expect("200").things.map(|things| things.len()), Some(1));
    // Basic credentials of the client's own win over the URL's.
    let own = Client::builder().base_url(api.uri().replacen("http://", "http://url:user@", 1)).basic("own", None);
    own.build().expect("valid").list_things().await.expect("200");

    let encode = |text: &str| format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(text));
    let sent: Vec<_> =
        requests(&api).await.iter().map(|request| request.headers.get("authorization").cloned()).collect();
    let expected = [encode("us@er:p:ss"), encode("own:")];
    assert_eq!(sent.len(), 2);
    for (sent, expected) in sent.iter().zip(expected) {
        assert_eq!(sent.as_ref().and_then(|value| value.to_str().ok()), Some(expected.as_str()));
    }
    for request in requests(&api).await {
        assert!(!request.url.as_str().contains('@'), "the URL sent holds no user: {}", request.url);
    }
}

#[tokio::test]
async fn response_bodies_larger_than_the_cap_fail_naming_it() {
    let api = MockServer::start().await;
    let things: Vec<_> = (0..100).map(|id| json!({"id": id, "name": "x".repeat(20)})).collect();
    let body = serde_json::to_vec(&json!({ "things": things })).expect("JSON");
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&api)
        .await;
    let exact = body.len() as u64;
    let capped = configured(Kind::HeaderKey, &api, |builder| builder.max_response_bytes(exact - 1));
    let error = capped.list_things().await.expect_err("over the cap");
    assert!(matches!(error, Error::BodyTooLarge { limit, .. } if limit == exact - 1), "{error:?}");
    assert!(error.to_string().contains(&format!("{}-byte cap", exact - 1)), "{error}");
    let fits = configured(Kind::HeaderKey, &api, |builder| builder.max_response_bytes(exact));
    assert_eq!(fits.list_things().await.expect("at the cap").things.map(|things| things.len()), Some(100));
}

/// A server that streams an endless chunked body, announcing no length.
fn endless_chunked_server() -> String {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("loopback port");
    let address = listener.local_addr().expect("bound");
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let mut request = [0_u8; 4096];
        let _ = stream.read(&mut request);
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
        let chunk = format!("{:x}\r\n{}\r\n", 1024, " ".repeat(1024));
        // Stops when the client hangs up.
        while stream.write_all(chunk.as_bytes()).is_ok() {}
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_body_without_a_length_is_cut_at_the_cap_not_read_to_the_end() {
    let client =
        Client::builder().base_url(endless_chunked_server()).max_response_bytes(64 * 1024).build().expect("valid");
    let error = client.list_things().await.expect_err("endless");
    assert!(matches!(error, Error::BodyTooLarge { limit: 65_536, .. }), "{error:?}");
}

/// Formats `value` both ways and asserts the secret shows in neither.
fn assert_hidden(what: &str, value: &(impl std::fmt::Debug + ?Sized), display: Option<String>) {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("user:{SECRET}"));
    for text in [format!("{value:?}"), format!("{value:#?}")].into_iter().chain(display) {
        assert!(!text.contains(SECRET) && !text.contains(&basic), "{what} shows the secret: {text}");
    }
}

#[tokio::test]
async fn nothing_secret_shows_in_any_debug_or_display() {
    for kind in KINDS {
        let api = MockServer::start().await;
        // A server that echoes what it got: the key in bodies, links and redirects.
        let echo = json!({"detail": format!("bad key {SECRET}")});
        Mock::given(method("GET"))
            .and(path("/things"))
            .respond_with(ResponseTemplate::new(400).set_body_json(&echo))
            .mount(&api)
            .await;
        Mock::given(path("/things/1")).respond_with(ResponseTemplate::new(418).set_body_json(&echo)).mount(&api).await;
        Mock::given(path("/things/2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": SECRET})))
            .mount(&api)
            .await;
        redirect(&api, "GET", "/things/3", 302, &format!("http://elsewhere.example/?key={SECRET}")).await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(201).set_body_json(json!({}))).mount(&api).await;

        let builder = kind.builder(&api.uri());
        assert_hidden("ClientBuilder", &builder, None);
        let client = builder.build().expect("valid");
        assert_hidden("Client", &client, None);
        assert_hidden("an operation builder", &client.get_thing(1), None);

        let errors = [
            client.list_things().await.map(drop).map_err(|error| error.to_string() + &format!("{error:?}")),
            client.get_thing(1).await.map(drop).map_err(|error| error.to_string() + &format!("{error:?}")),
            client.get_thing(2).await.map(drop).map_err(|error| error.to_string() + &format!("{error:?}")),
            client.get_thing(3).await.map(drop).map_err(|error| error.to_string() + &format!("{error:?}")),
        ];
        for (index, error) in errors.iter().enumerate() {
            let text = error.as_ref().expect_err("each call fails");
            assert_hidden(&format!("error {index} of {kind:?}"), text, None);
        }
        let Err(Error::Api(api_error)) = client.list_things().await else { panic!("documented error") };
        assert_hidden("ApiError", &api_error, None);
        assert!(api_error.body.contains("bad key ***"), "the echo is blanked out: {}", api_error.body);
        let response = client.create_thing(&Thing::default()).send_with_response().await.expect("201");
        assert_hidden("Response", &response, None);

        // A transport error of a request with the key in its URL.
        let unreachable = kind.builder("http://127.0.0.1:9").build().expect("valid");
        let error = unreachable.get_thing(1).await.expect_err("nothing listens on port 9");
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        assert_hidden("a transport error", &error, Some(error.to_string()));
    }

    // The runtime's own types, as a caller could reach them.
    let mut config = crate::runtime::ClientConfig::new("https://api.example.com");
    config.set_credential(
        "key",
        crate::runtime::Credential::ApiKey {
            location: crate::runtime::ApiKeyLocation::Query,
            name: "k",
            value: Secret::new(SECRET),
        },
    );
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-default", reqwest::header::HeaderValue::from_static(SECRET));
    config.set_http_client(reqwest::Client::builder().default_headers(headers));
    assert_hidden("ClientConfig", &config, None);
    let core = config.build().expect("valid");
    assert_hidden("ClientCore", &core, None);
    let request = core.request(crate::runtime::Method::GET, "/things").security(&[&["key"]]);
    assert_hidden("Request", &request, None);
}

/// The FuseSign case: `GET /api/Customer/Get` answered with
/// `302 Location: <other origin>/landing` must not carry `X-API-Token` (nor
/// the OAuth token) there.
#[tokio::test]
async fn fusesign_customer_get_redirected_to_another_origin_keeps_the_token_home() {
    use generated_client::fusesign;
    let tenant = uuid::Uuid::from_u128(1);
    let customer = uuid::Uuid::from_u128(2);
    for configure in [
        (|builder: fusesign::ClientBuilder| builder.api_key(SECRET))
            as fn(fusesign::ClientBuilder) -> fusesign::ClientBuilder,
        |builder| builder.oauth_token(SECRET),
    ] {
        let (api, other) = (MockServer::start().await, other_origin().await);
        let landing = format!("{}/landing", other.uri());
        redirect(&api, "GET", "/api/Customer/Get", 302, &landing).await;
        let client = configure(fusesign::Client::builder().base_url(api.uri())).build().expect("valid");

        let error = client.customer().get(tenant, customer).await.expect_err("refused");
        let fusesign::Error::Redirect(refused) = &error else { panic!("{error:?}") };
        assert_eq!(refused.location, landing);
        assert!(error.to_string().contains(&landing), "{error}");
        assert!(requests(&other).await.is_empty(), "the other origin saw nothing");
        assert!(saw_secret(&requests(&api).await[0]), "the API itself got the token");
    }
}

/// The Nutcache case: a `navigation-next` link to another origin is
/// not requested with `Authorization: nut-basic …`.
#[tokio::test]
async fn nutcache_items_stop_at_a_navigation_next_link_to_another_origin() {
    use generated_client::nutcache;
    let (api, other) = (MockServer::start().await, other_origin().await);
    let link = format!("{}/webapi/customers?page=2", other.uri());
    Mock::given(path("/webapi/customers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "links": [{"href": link, "rel": "navigation-next", "type": "GET"}],
            "customers": [{"type": "customers", "id": 1, "name": "Client 1", "status": 0}]
        })))
        .mount(&api)
        .await;
    let client = nutcache::Client::builder()
        .base_url(format!("{}/webapi", api.uri()))
        .token(SECRET)
        .api_version("3")
        .organization_guid("846E176E-7C4B-4BFD-A894-C98F2988927E")
        .build()
        .expect("valid");

    let items: Vec<_> = client.customers().list().items().collect().await;
    assert_eq!(items[0].as_ref().expect("the first page").name, "Client 1");
    let Err(nutcache::Error::UntrustedLink(refused)) = &items[1] else { panic!("{:?}", items[1]) };
    assert_eq!(refused, &link);
    assert_eq!(items.len(), 2);
    assert!(requests(&other).await.is_empty(), "the other origin saw nothing");
    assert!(saw_secret(&requests(&api).await[0]), "the API itself got the token");
}
