//! Credentials and server variables whose builder methods would collide get
//! names of their own, each doing its own job: an API key `oauth_provider`
//! beside the token provider of the OAuth 2 scheme `oauth`
//! (`oauth_provider_2`), the bearer scheme `timeout` beside the builder's
//! `timeout` (`timeout_2`), and server variables `region` and `Region`.

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::builder_names::{Client, ClientBuilder, Secret, TokenProvider};

struct Provider;

impl TokenProvider for Provider {
    fn token(&self) -> crate::runtime::BoxFuture<'_, Result<Secret, crate::runtime::BoxError>> {
        Box::pin(async { Ok(Secret::new("provided-token")) })
    }
}

/// A server answering `GET /us/East/ping` when it carries `name: value`.
async fn server_expecting(name: &str, value: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/us/East/ping"))
        .and(header(name, value))
        .respond_with(ResponseTemplate::new(200).set_body_json("pong"))
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// A builder for `server`, its URL set through the server variables alone.
fn builder_for(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .server_port(server.address().port().to_string())
        .server_region("us")
        .server_region_2("East")
        .timeout(std::time::Duration::from_secs(5))
}

#[tokio::test]
async fn server_variables_differing_in_case_each_set_their_own() {
    let server = server_expecting("X-Api-Key", "the-key").await;
    let client = builder_for(&server).oauth_provider("the-key").build().expect("valid");
    assert_eq!(client.base_url(), format!("http://127.0.0.1:{}/us/East", server.address().port()));
    assert_eq!(client.ping().await.expect("200"), "pong");
}

#[tokio::test]
async fn the_api_key_named_oauth_provider_is_sent_as_the_api_key() {
    let server = server_expecting("X-Api-Key", "the-key").await;
    let client = builder_for(&server).oauth_provider("the-key").build().expect("valid");
    client.ping().await.expect("200");
}

#[tokio::test]
async fn the_oauth_token_provider_is_asked_for_the_bearer_token() {
    let server = server_expecting("Authorization", "Bearer provided-token").await;
    let client = builder_for(&server).oauth_provider_2(Provider).build().expect("valid");
    client.ping().await.expect("200");
}

#[tokio::test]
async fn the_bearer_scheme_named_timeout_sends_its_token() {
    let server = server_expecting("Authorization", "Bearer the-token").await;
    let client = builder_for(&server).timeout_2("the-token").build().expect("valid");
    client.ping().await.expect("200");
}
