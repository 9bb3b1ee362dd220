//! Every way an operation can be described, called through a generated client
//! against a real HTTP server on loopback: what arrives (method, raw path,
//! raw query, headers, body bytes and content type) and what the caller gets.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::fixtures::operations::items::{CreateItemResponse, GetPartError, GetPartHeaders};
use crate::fixtures::operations::types::{Filter, Kind, Meta, Part, Search, UploadBody};
use crate::fixtures::operations::{Client, Error};
use crate::runtime::FilePart;
use crate::support::only_request;

async fn server_answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(template).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(format!("{}/v1", server.uri())).api_key_query("q-key").build().expect("valid")
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|value| value.to_str().ok())
}

#[tokio::test]
async fn path_parameters_are_encoded_per_segment_and_cannot_change_the_path() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({"name": "p"}))).await;
    client(&server).items().get_part(7, "a/b?c#d%e f..").await.expect("200");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v1/items/7/parts/a%2Fb%3Fc%23d%25e%20f..");
    assert_eq!(request.method.as_str(), "GET");

    let error = client(&server).items().get_part(7, "..").await.expect_err("`..` is rejected");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(server.received_requests().await.expect("recording").len(), 1, "nothing more was sent");
}

#[tokio::test]
async fn colliding_names_headers_cookies_and_referenced_parameters_all_arrive() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({"name": "p"}))).await;
    client(&server)
        .items()
        .get_part(1, "x")
        .r#type("in-query")
        .type_2("in-header")
        .foo_bar("camel")
        .foo_bar_2("snake")
        .session("s 1")
        .x_trace("trace-9")
        .await
        .expect("200");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("type=in-query&fooBar=camel&foo_bar=snake&api_key=q-key"));
    assert_eq!(header(&request, "type"), Some("in-header"));
    assert_eq!(header(&request, "x-trace"), Some("trace-9"));
    assert_eq!(header(&request, "cookie"), Some("session=s%201"));
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_rejected_before_sending() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({"name": "p"}))).await;
    let error = client(&server).items().get_part(1, "x").x_trace("a\r\nInjected: yes").await.expect_err("rejected");
    assert!(matches!(&error, Error::InvalidRequest(message) if message.contains("X-Trace")), "{error:?}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[tokio::test]
async fn query_parameters_follow_their_style_and_unset_ones_are_omitted() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    client(&server)
        .items()
        .list_items()
        .ids(vec![1, 2])
        .tags(vec!["a b".into(), "c,d".into()])
        .words(vec!["x".into(), "y".into()])
        .codes(vec!["p".into(), "q".into()])
        .filter(Filter { color: Some("red".into()), max: Some(3) })
        .active(true)
        .ratio(0.25)
        .since(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date"))
        .kind(Kind::Large)
        .await
        .expect("200");
    let query = only_request(&server).await.url.query().map(str::to_owned);
    assert_eq!(
        query.as_deref(),
        Some(
            "ids=1&ids=2&tags=a%20b,c%2Cd&words=x%20y&codes=p|q&filter%5Bcolor%5D=red&filter%5Bmax%5D=3\
             &active=true&ratio=0.25&since=2026-11-24&kind=large&api_key=q-key"
        )
    );

    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    client(&server).items().list_items().await.expect("200");
    assert_eq!(only_request(&server).await.url.query(), Some("api_key=q-key"));
}

#[tokio::test]
async fn a_json_body_is_sent_and_different_success_bodies_arrive_as_an_enum() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/items"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 5})))
        .mount(&server)
        .await;
    let created = client(&server).items().create_item(&Part::new("bolt")).await.expect("201");
    let CreateItemResponse::Created(created) = created else { panic!("201 is Created: {created:?}") };
    assert_eq!(created.id, Some(5));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("application/json"), "JSON is chosen among the offered types");
    assert_eq!(request.body, br#"{"name":"bolt"}"#);

    let server = server_answering(ResponseTemplate::new(204)).await;
    assert_eq!(client(&server).items().create_item(&Part::new("b")).await.expect("204"), CreateItemResponse::NoContent);
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({"name": "b", "weight": 1.5}))).await;
    let existing = client(&server).items().create_item(&Part::new("b")).await.expect("200");
    assert!(matches!(existing, CreateItemResponse::Ok(Part { weight: Some(w), .. }) if w == 1.5));
}

#[tokio::test]
async fn a_form_body_is_url_encoded_and_an_optional_body_can_be_left_out() {
    let server = server_answering(ResponseTemplate::new(200).set_body_string("bolt\nnut")).await;
    let mut search = Search::new("a&b c");
    search.fields = Some(vec!["name".into(), "weight".into()]);
    let names = client(&server).items().search_items().body(&search).await.expect("200");
    assert_eq!(names, "bolt\nnut");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&request.body), "q=a%26b%20c&fields=name&fields=weight");

    let server = server_answering(ResponseTemplate::new(200).set_body_string("")).await;
    client(&server).items().search_items().await.expect("200");
    let request = only_request(&server).await;
    assert!(request.body.is_empty() && header(&request, "content-type").is_none());
}

#[tokio::test]
async fn binary_bodies_go_out_and_come_back_as_bytes() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let png = [0x89, b'P', b'N', b'G', 0, 255];
    client(&server).items().put_image(3, &png).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("PUT", "/v1/items/3/image"));
    assert_eq!(header(&request, "content-type"), Some("application/octet-stream"));
    assert_eq!(request.body, png);

    let server = server_answering(ResponseTemplate::new(200).set_body_raw(png.to_vec(), "image/png")).await;
    assert_eq!(client(&server).items().get_image(3).await.expect("200"), png);
}

#[tokio::test]
async fn a_text_body_is_sent_as_text() {
    let server = server_answering(ResponseTemplate::new(202)).await;
    client(&server).items().post_note("héllo\nworld").await.expect("202");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("text/plain"));
    assert_eq!(request.body, "héllo\nworld".as_bytes());
}

#[tokio::test]
async fn multipart_bodies_carry_files_with_name_and_type_and_plain_fields() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let mut body =
        UploadBody::new(FilePart::new(b"%PDF-1".to_vec()).file_name("report.pdf").content_type("application/pdf"));
    body.note = Some("quarterly".into());
    body.labels = Some(vec!["a".into(), "b".into()]);
    body.meta = Some(Meta { size: Some(6) });
    client(&server).items().upload(&body).await.expect("200");
    let request = only_request(&server).await;
    let content_type = header(&request, "content-type").expect("content type").to_owned();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let text = String::from_utf8_lossy(&request.body);
    assert!(
        text.contains("name=\"file\"; filename=\"report.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1"),
        "{text}"
    );
    assert!(text.contains("name=\"note\"\r\n\r\nquarterly"), "{text}");
    assert_eq!(text.matches("name=\"labels\"").count(), 2, "{text}");
    assert!(text.contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"size\":6}"), "{text}");
}

#[tokio::test]
async fn documented_headers_are_typed_and_every_status_kind_is_mapped() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"name": "p"}))
            .insert_header("X-Rate-Remaining", "41")
            .insert_header("X-Part-Etag", "\"v2\""),
    )
    .await;
    let response = client(&server).items().get_part(1, "x").send_with_response().await.expect("200");
    let headers: GetPartHeaders = response.typed_headers();
    assert_eq!(headers.x_rate_remaining, Some(41));
    assert_eq!(headers.x_part_etag.as_deref(), Some("v2"));

    let cases = [
        (ResponseTemplate::new(404), GetPartError::NotFound),
        (
            ResponseTemplate::new(409).set_body_json(json!({"title": "conflict"})),
            GetPartError::ClientError(crate::fixtures::operations::types::Problem { title: Some("conflict".into()) }),
        ),
        (ResponseTemplate::new(500).set_body_string("boom"), GetPartError::Other("boom".into())),
    ];
    for (template, expected) in cases {
        let server = server_answering(template).await;
        let error = client(&server).items().get_part(1, "x").await.expect_err("error status");
        assert_eq!(error.api_error(), Some(&expected));
    }
}

#[tokio::test]
async fn each_security_scheme_and_requirement_is_honoured() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let full = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .api_key_query("q-key")
        .api_key_header("h-key")
        .api_key_cookie("c-key")
        .basic("user", Some("pass".into()))
        .bearer("tok")
        .build()
        .expect("valid");
    let auth = full.auth();
    auth.with_basic().await.expect("204");
    auth.with_bearer().await.expect("204");
    auth.with_cookie_key().await.expect("204");
    auth.with_either().await.expect("204");
    auth.with_both().await.expect("204");
    auth.with_none().await.expect("204");
    auth.with_global().await.expect("204");
    let requests = server.received_requests().await.expect("recording");
    type Seen<'r> = (Option<&'r str>, Option<&'r str>, Option<&'r str>, Option<&'r str>);
    let seen: Vec<Seen<'_>> = requests
        .iter()
        .map(|request| {
            (
                header(request, "authorization"),
                header(request, "x-api-key"),
                header(request, "cookie"),
                request.url.query(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (Some("Basic dXNlcjpwYXNz"), None, None, None),
            (Some("Bearer tok"), None, None, None),
            (None, None, Some("key=c-key"), None),
            (Some("Bearer tok"), None, None, None),
            (Some("Bearer tok"), Some("h-key"), None, None),
            (None, None, None, None),
            (None, None, None, Some("api_key=q-key")),
        ]
    );

    // Without a bearer token the second alternative of `withEither` applies.
    let server = server_answering(ResponseTemplate::new(204)).await;
    let keyed =
        Client::builder().base_url(format!("{}/v1", server.uri())).api_key_header("h-key").build().expect("valid");
    keyed.auth().with_either().await.expect("204");
    let request = only_request(&server).await;
    assert_eq!((header(&request, "authorization"), header(&request, "x-api-key")), (None, Some("h-key")));
}

#[tokio::test]
async fn server_variables_have_defaults_and_can_be_set() {
    assert_eq!(Client::DEFAULT_BASE_URL, "http://localhost:8080/v1");
    let server = server_answering(ResponseTemplate::new(200)).await;
    let port = server.address().port().to_string();
    let client = Client::builder().server_host("127.0.0.1").server_port(port).build().expect("valid");
    client.get_health_by_service("db").await.expect("200");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v1/health/db");
}

#[test]
fn an_api_key_in_the_query_never_reaches_debug_output_or_errors() {
    let client = Client::builder().base_url("http://127.0.0.1:9").api_key_query("very-secret").build().expect("valid");
    assert!(!format!("{client:?}").contains("very-secret"));
}

#[tokio::test]
async fn transport_errors_do_not_show_a_query_api_key() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address");
    let client =
        Client::builder().base_url(format!("http://{closed}/v1")).api_key_query("very-secret").build().expect("valid");
    let error = client.auth().with_global().await.expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)));
    assert!(!format!("{error:?} {error}").contains("very-secret"), "{error:?}");
}
