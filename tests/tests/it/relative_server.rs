//! A relative server URL is resolved against the origin the caller gives.

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::relative_server::Client;

#[tokio::test]
async fn the_origin_completes_a_relative_server_url() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v3/ping"))
        .respond_with(ResponseTemplate::new(200).set_body_json("pong"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().origin(server.uri()).build().expect("valid");
    assert_eq!(client.base_url(), format!("{}/api/v3", server.uri()));
    assert_eq!(client.ping().await.expect("200"), "pong");
}

#[test]
fn without_an_origin_building_explains_what_is_missing() {
    let error = Client::builder().build().expect_err("relative URL needs a host");
    assert!(error.to_string().contains("`/api/v3` is relative"), "{error}");
}
