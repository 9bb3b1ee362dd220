//! Paginated operations walk every page themselves: page numbers, offsets,
//! cursors and next-page links, as streams of pages and of items.

use futures_util::StreamExt as _;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::pagination::types::Thing;
use crate::fixtures::pagination::Client;

fn things(ids: &[i64]) -> serde_json::Value {
    json!(ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>())
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("valid")
}

async fn ids(stream: impl futures_util::Stream<Item = Result<Thing, impl std::fmt::Debug>>) -> Vec<i64> {
    stream.map(|thing| thing.expect("page decodes").id.expect("id")).collect().await
}

#[tokio::test]
async fn page_numbers_advance_until_the_last_page() {
    let server = MockServer::start().await;
    for page in 1..=3 {
        Mock::given(path("/numbered"))
            .and(query_param("page", page.to_string()))
            .and(query_param("per_page", "2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"data": things(&[page * 10, page * 10 + 1]), "meta": {"total_pages": 3}})),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let all = ids(client(&server).list_numbered().per_page(2).items()).await;
    assert_eq!(all, [10, 11, 20, 21, 30, 31]);
}

#[tokio::test]
async fn pages_are_requested_only_as_the_stream_is_polled() {
    let server = MockServer::start().await;
    Mock::given(path("/numbered"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": things(&[1]), "meta": {"total_pages": 50}})),
        )
        .mount(&server)
        .await;
    let first_two: Vec<_> = client(&server).list_numbered().pages().take(2).collect().await;
    assert_eq!(first_two.len(), 2);
    assert_eq!(server.received_requests().await.expect("recording").len(), 2);
    let page = first_two[0].as_ref().expect("decodes");
    assert_eq!(page.status().as_u16(), 200);
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_until_an_empty_page() {
    let server = MockServer::start().await;
    for (offset, body) in [(0, things(&[1, 2, 3])), (3, things(&[4])), (4, things(&[]))] {
        Mock::given(path("/offsets"))
            .and(query_param("offset", offset.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    assert_eq!(ids(client(&server).list_offsets().limit(3).items()).await, [1, 2, 3, 4]);
}

#[tokio::test]
async fn cursors_come_from_the_previous_response() {
    let server = MockServer::start().await;
    Mock::given(path("/cursors"))
        .and(query_param_is_missing("after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": things(&[1]), "next": "c-2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/cursors"))
        .and(query_param("after", "c-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": things(&[2]), "next": null})))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(ids(client(&server).list_cursors().items()).await, [1, 2]);
}

#[tokio::test]
async fn next_links_are_followed_relative_to_the_base_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/linked"))
        .and(query_param("limit", "1"))
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "things": things(&[7]),
            "links": [{"rel": "self", "href": "linked?limit=1"}, {"rel": "navigation-next", "href": "linked?limit=1&page=2"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/linked"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": things(&[8]), "links": []})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(format!("{}/api", server.uri())).build().expect("valid");
    assert_eq!(ids(client.list_linked().limit(1).items()).await, [7, 8]);
}

#[tokio::test]
async fn an_error_ends_the_stream_with_that_error() {
    let server = MockServer::start().await;
    Mock::given(path("/cursors")).respond_with(ResponseTemplate::new(500).set_body_string("down")).mount(&server).await;
    let results: Vec<_> = client(&server).list_cursors().items().collect().await;
    assert_eq!(results.len(), 1);
    assert!(results[0].is_err());
}
