//! The checked-in FuseSign client against a real HTTP server on loopback:
//! what arrives (method, path, query, headers, body) and what the caller gets.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use generated_client::fusesign::customer::{CreateError, GetError, SearchError};
use generated_client::fusesign::types::{ContactCreationOptionsDto, CreateCustomerRequest, CustomerDto, Source};
use generated_client::fusesign::{Client, Error, Secret, TokenProvider};
use generated_client::runtime::{BoxError, BoxFuture};
use serde_json::json;
use uuid::Uuid;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::only_request;

const TENANT: Uuid = Uuid::from_u128(0x1111_2222_3333_4444_5555_6666_7777_8888);
const CUSTOMER: Uuid = Uuid::from_u128(0xaaaa_bbbb_cccc_dddd_eeee_ffff_0000_1111);
const API_KEY: &str = "wholesale-key-123";

fn client_for(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).api_key(API_KEY).build().expect("loopback URL is valid")
}

fn customer_json() -> serde_json::Value {
    json!({
        "CustomerId": CUSTOMER,
        "TenantId": TENANT,
        "Name": "Jane Citizen",
        "Email": "jane@example.com",
        "PhoneNumber": null,
        "NoMobile": true,
        "Meta": "ext-42",
        "CannotModify": false,
        "Source": "XPM",
        "CustomerEditLink": "https://app.fuse.work/c/1",
        "TotalLiveBundlesForCustomer": 2,
        "TotalBundlesForCustomer": 7,
        "IsArchived": false,
        "PreferredName": "Jane"
    })
}

#[tokio::test]
async fn get_sends_both_ids_and_the_api_key_and_decodes_the_customer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/Customer/Get"))
        .and(query_param("TenantId", TENANT.to_string()))
        .and(query_param("CustomerId", CUSTOMER.to_string()))
        .and(header("X-API-Token", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json()))
        .expect(1)
        .mount(&server)
        .await;

    let customer = client_for(&server).customer().get(TENANT, CUSTOMER).await.expect("documented 200");

    assert_eq!(customer.customer_id, Some(CUSTOMER));
    assert_eq!(customer.tenant_id, Some(TENANT));
    assert_eq!(customer.name.as_deref(), Some("Jane Citizen"));
    assert_eq!(customer.phone_number, None);
    assert_eq!(customer.source, Some(Source::Xpm));
    assert_eq!(customer.total_bundles_for_customer, Some(7));
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some(format!("TenantId={TENANT}&CustomerId={CUSTOMER}").as_str()));
    assert!(request.headers.get("authorization").is_none(), "only the API key is configured");
}

#[tokio::test]
async fn create_posts_only_the_fields_that_are_set() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/Customer/Create"))
        .and(query_param("TenantId", TENANT.to_string()))
        .and(header("X-API-Token", API_KEY))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "Name": "Jane",
            "Email": "jane@example.com",
            "Meta": "ext-42",
            "Options": {"IgnorePhoneNumberIfInvalid": true}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json()))
        .expect(1)
        .mount(&server)
        .await;

    let mut request = CreateCustomerRequest::new("Jane", "jane@example.com");
    request.meta = Some("ext-42".into());
    request.options =
        Some(ContactCreationOptionsDto { ignore_phone_number_if_invalid: Some(true), ..Default::default() });
    let created = client_for(&server).customer().create(TENANT, &request).await.expect("documented 200");

    assert_eq!(created.email.as_deref(), Some("jane@example.com"));
    let body: serde_json::Value = serde_json::from_slice(&only_request(&server).await.body).expect("JSON body");
    assert!(body.get("PhoneNumber").is_none() && body.get("CustomerId").is_none(), "unset fields are omitted: {body}");
}

#[tokio::test]
async fn search_sends_required_parameters_and_only_the_optional_ones_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/Customer/Search"))
        .and(query_param("TenantId", TENANT.to_string()))
        .and(query_param("SearchString", "jane smith"))
        .and(query_param("CollapseDuplicates", "true"))
        .and(query_param("ExcludeArchived", "false"))
        .and(query_param("IncludeBundleCounts", "true"))
        .and(query_param_is_missing("IncludeLiveBundleCount"))
        .and(header("X-API-Token", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([customer_json(), {"Name": "Other"}])))
        .expect(1)
        .mount(&server)
        .await;

    let found = client_for(&server)
        .customer()
        .search(TENANT, "jane smith", true, false)
        .include_bundle_counts(true)
        .await
        .expect("documented 200");

    assert_eq!(found.len(), 2);
    assert_eq!(found[1].name.as_deref(), Some("Other"));
    let query = only_request(&server).await.url.query().map(str::to_owned);
    let expected = format!("TenantId={TENANT}&SearchString=jane%20smith&CollapseDuplicates=true&ExcludeArchived=false&IncludeBundleCounts=true");
    assert_eq!(query.as_deref(), Some(expected.as_str()));
}

#[tokio::test]
async fn search_sends_both_optional_flags_when_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/Customer/Search"))
        .and(query_param("IncludeLiveBundleCount", "false"))
        .and(query_param("IncludeBundleCounts", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let found = client_for(&server)
        .customer()
        .search(TENANT, "x", false, true)
        .include_live_bundle_count(false)
        .include_bundle_counts(true)
        .await
        .expect("documented 200");
    assert!(found.is_empty());
}

#[tokio::test]
async fn search_by_meta_data_encodes_reserved_characters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/Customer/SearchByMetaData"))
        .and(query_param("TenantId", TENANT.to_string()))
        .and(query_param("MetaDataSearch", "a&b=c/d?#"))
        .and(header("X-API-Token", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([customer_json()])))
        .expect(1)
        .mount(&server)
        .await;

    let found = client_for(&server).customer().search_by_meta_data(TENANT, "a&b=c/d?#").await.expect("documented 200");

    assert_eq!(found[0].meta.as_deref(), Some("ext-42"));
    let query = only_request(&server).await.url.query().map(str::to_owned);
    assert_eq!(query, Some(format!("TenantId={TENANT}&MetaDataSearch=a%26b%3Dc%2Fd%3F%23")));
}

#[tokio::test]
async fn get_country_codes_returns_the_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/Customer/GetCountryCodes"))
        .and(header("X-API-Token", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(["AU", "NZ", "+61"])))
        .expect(1)
        .mount(&server)
        .await;

    let codes = client_for(&server).customer().get_country_codes().await.expect("documented 200");

    assert_eq!(codes, ["AU", "NZ", "+61"]);
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn the_oauth_token_is_sent_as_a_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/Customer/GetCountryCodes"))
        .and(header("authorization", "Bearer oauth-access-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder().base_url(server.uri()).oauth_token("oauth-access-token").build().expect("valid");
    client.customer().get_country_codes().await.expect("documented 200");

    assert!(only_request(&server).await.headers.get("x-api-token").is_none());
}

#[tokio::test]
async fn a_token_provider_is_asked_before_every_request() {
    struct Counting(AtomicUsize);
    impl TokenProvider for Counting {
        fn token(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
            let call = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            Box::pin(async move { Ok(Secret::new(format!("token-{call}"))) })
        }
    }
    let server = MockServer::start().await;
    for call in 1..=2 {
        Mock::given(header("authorization", format!("Bearer token-{call}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .expect(1)
            .mount(&server)
            .await;
    }
    let provider = Arc::new(Counting(AtomicUsize::new(0)));
    let client =
        Client::builder().base_url(server.uri()).oauth_token_provider(provider.clone()).build().expect("valid");

    client.customer().get_country_codes().await.expect("first token accepted");
    client.customer().get_country_codes().await.expect("refreshed token accepted");
    assert_eq!(provider.0.load(Ordering::SeqCst), 2);
}

async fn get_answered_with(template: ResponseTemplate) -> Result<CustomerDto, Error<GetError>> {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/api/Customer/Get")).respond_with(template).mount(&server).await;
    client_for(&server).customer().get(TENANT, CUSTOMER).await
}

#[tokio::test]
async fn a_400_decodes_into_the_api_error_response() {
    let body = json!({"Result": false, "Message": "Invalid", "Errors": [{"Property": "TenantId", "ErrorMessage": "unknown tenant", "ErrorCode": "E1"}]});
    let error = get_answered_with(ResponseTemplate::new(400).set_body_json(body)).await.expect_err("400 is an error");

    let Error::Api(api) = &error else { panic!("expected a documented error, got {error:?}") };
    assert_eq!(api.status.as_u16(), 400);
    let GetError::BadRequest(response) = &api.error else { panic!("expected BadRequest, got {:?}", api.error) };
    assert_eq!(response.result, Some(false));
    assert_eq!(response.message.as_deref(), Some("Invalid"));
    let errors = response.errors.as_ref().expect("errors listed");
    assert_eq!(errors[0].property.as_deref(), Some("TenantId"));
    assert_eq!(errors[0].error_code.as_deref(), Some("E1"));
    assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
}

#[tokio::test]
async fn a_401_gives_its_text_whether_sent_as_json_or_plain_text() {
    let json_string = ResponseTemplate::new(401).set_body_json(json!("token expired"));
    let error = get_answered_with(json_string).await.expect_err("401 is an error");
    assert_eq!(error.api_error(), Some(&GetError::Unauthorized("token expired".into())));

    let plain =
        ResponseTemplate::new(401).set_body_string("Unauthorized access").insert_header("content-type", "text/plain");
    let error = get_answered_with(plain).await.expect_err("401 is an error");
    assert_eq!(error.api_error(), Some(&GetError::Unauthorized("Unauthorized access".into())));
}

#[tokio::test]
async fn a_403_has_no_body() {
    let error = get_answered_with(ResponseTemplate::new(403)).await.expect_err("403 is an error");
    assert_eq!(error.api_error(), Some(&GetError::Forbidden));
}

#[tokio::test]
async fn errors_of_other_operations_have_their_own_types() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(403)).mount(&server).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(401).set_body_json(json!("no"))).mount(&server).await;
    let client = client_for(&server);

    let create = client.customer().create(TENANT, &CreateCustomerRequest::new("a", "b@c")).await;
    assert_eq!(create.expect_err("403").api_error(), Some(&CreateError::Forbidden));
    let search = client.customer().search(TENANT, "a", true, true).await;
    assert_eq!(search.expect_err("401").api_error(), Some(&SearchError::Unauthorized("no".into())));
}

#[tokio::test]
async fn an_undocumented_status_is_an_unexpected_status_error_with_the_body() {
    let error = get_answered_with(ResponseTemplate::new(503).set_body_string("maintenance window"))
        .await
        .expect_err("503 is not documented");

    let Error::UnexpectedStatus(response) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(response.status.as_u16(), 503);
    assert_eq!(response.body, "maintenance window");
    assert!(!format!("{error:?}{error}").contains(API_KEY));
}

#[tokio::test]
async fn a_body_that_does_not_decode_reports_status_path_and_body() {
    let mut body = customer_json();
    body["TenantId"] = json!("not-a-uuid");
    let error = get_answered_with(ResponseTemplate::new(200).set_body_json(body)).await.expect_err("invalid uuid");

    let Error::Decode(failure) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(failure.status.as_u16(), 200);
    assert_eq!(failure.path, "TenantId");
    assert!(failure.body.contains("not-a-uuid"));
    assert!(error.to_string().contains("`TenantId`"), "{error}");
}

#[tokio::test]
async fn unknown_enum_values_and_extra_fields_still_decode() {
    let mut body = customer_json();
    body["Source"] = json!("BrandNewIntegration");
    body["AddedNextYear"] = json!({"nested": [1, 2, 3]});
    let customer = get_answered_with(ResponseTemplate::new(200).set_body_json(body)).await.expect("decodes");

    assert_eq!(customer.source, Some(Source::Unknown("BrandNewIntegration".into())));
    assert_eq!(customer.source.as_ref().map(Source::as_str), Some("BrandNewIntegration"));
}

#[tokio::test]
async fn send_with_response_exposes_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(["AU"])).insert_header("x-request-id", "req-7"))
        .mount(&server)
        .await;

    let response = client_for(&server).customer().get_country_codes().send_with_response().await.expect("200");

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers().get("x-request-id").map(|value| value.as_bytes()), Some(&b"req-7"[..]));
    assert_eq!(response.into_body(), ["AU"]);
}

#[tokio::test]
async fn transport_failures_and_timeouts_are_transport_errors() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address")
    };
    let client = Client::builder().base_url(format!("http://{closed}")).api_key(API_KEY).build().expect("valid");
    let error = client.customer().get_country_codes().await.expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!format!("{error:?}").contains(API_KEY));

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).timeout(Duration::from_millis(200)).build().expect("valid");
    let error = client.customer().get_country_codes().await.expect_err("times out");
    let Error::Transport(transport) = &error else { panic!("expected Transport, got {error:?}") };
    assert!(transport.is_timeout(), "{transport:?}");
}

#[tokio::test]
async fn a_credential_that_is_not_a_valid_header_is_rejected_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).api_key("key\r\nX-Injected: 1").build().expect("valid");

    let error = client.customer().get_country_codes().await.expect_err("rejected");

    assert!(matches!(&error, Error::InvalidRequest(_)), "{error:?}");
    assert!(!error.to_string().contains("X-Injected"), "the secret is not echoed: {error}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[test]
fn credentials_never_appear_in_debug_output() {
    let client = Client::builder().api_key(API_KEY).oauth_token("oauth-secret").build().expect("default URL is valid");
    let debug = format!("{client:?}");
    assert!(!debug.contains(API_KEY) && !debug.contains("oauth-secret"), "{debug}");
    assert!(debug.contains("ApiKey") && debug.contains("OAuthToken"), "names which credentials are set: {debug}");
    let builder = Client::builder().api_key(API_KEY);
    assert!(!format!("{builder:?}").contains(API_KEY));
}

#[test]
fn the_default_base_url_is_the_first_server_and_can_be_overridden() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.fuse.work");
    assert_eq!(Client::builder().build().expect("valid").base_url(), "https://api.fuse.work/");
    let error = Client::builder().base_url("not a url").build().expect_err("invalid");
    assert!(error.to_string().contains("not a url"), "{error}");
}

#[test]
fn enums_display_and_parse_their_wire_values() {
    assert_eq!(Source::FileFyi.to_string(), "FileFYI");
    assert_eq!("XPM".parse::<Source>(), Ok(Source::Xpm));
    assert_eq!("Other".parse::<Source>(), Ok(Source::Unknown("Other".into())));
    assert_eq!(serde_json::to_value(Source::Unknown("Other".into())).expect("serialises"), json!("Other"));
    assert_eq!(serde_json::to_value(Source::SyncedContact).expect("serialises"), json!("SyncedContact"));
}

#[test]
fn request_types_serialise_exactly_the_documented_names() {
    let mut request = CreateCustomerRequest::new("Jane", "jane@example.com");
    request.phone_number = Some("+61413121121".into());
    request.no_mobile = Some(false);
    request.cannot_modify = Some(true);
    request.customer_id = Some(Some(CUSTOMER));
    let value = serde_json::to_value(&request).expect("serialises");
    assert_eq!(
        value,
        json!({"CustomerId": CUSTOMER, "Name": "Jane", "Email": "jane@example.com", "PhoneNumber": "+61413121121", "NoMobile": false, "CannotModify": true})
    );
}

/// Every operation documents 400 (`ApiErrorResponse`), 401 (a string) and 403 (no body).
#[tokio::test]
async fn every_operation_maps_each_documented_error_status_to_its_variant() {
    use generated_client::fusesign::customer::{GetCountryCodesError, SearchByMetaDataError};
    use generated_client::fusesign::types::ApiErrorResponse;

    let problem = json!({"Result": false, "Message": "bad", "Errors": null});
    let expected_problem = ApiErrorResponse { result: Some(false), message: Some("bad".into()), errors: None };
    let request = CreateCustomerRequest::new("Jane", "jane@example.com");
    for (status, body) in [
        (400, ResponseTemplate::new(400).set_body_json(problem.clone())),
        (401, ResponseTemplate::new(401).set_body_json(json!("expired"))),
        (403, ResponseTemplate::new(403)),
    ] {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any()).respond_with(body).mount(&server).await;
        let customer = client_for(&server);
        let customer = customer.customer();
        let get = customer.get(TENANT, CUSTOMER).await.expect_err("error status");
        let create = customer.create(TENANT, &request).await.expect_err("error status");
        let search = customer.search(TENANT, "x", true, true).await.expect_err("error status");
        let by_meta = customer.search_by_meta_data(TENANT, "x").await.expect_err("error status");
        let codes = customer.get_country_codes().await.expect_err("error status");
        for error_status in [get.status(), create.status(), search.status(), by_meta.status(), codes.status()] {
            assert_eq!(error_status.map(|status| status.as_u16()), Some(status));
        }
        match status {
            400 => {
                assert_eq!(get.api_error(), Some(&GetError::BadRequest(expected_problem.clone())));
                assert_eq!(create.api_error(), Some(&CreateError::BadRequest(expected_problem.clone())));
                assert_eq!(search.api_error(), Some(&SearchError::BadRequest(expected_problem.clone())));
                assert_eq!(by_meta.api_error(), Some(&SearchByMetaDataError::BadRequest(expected_problem.clone())));
                assert_eq!(codes.api_error(), Some(&GetCountryCodesError::BadRequest(expected_problem.clone())));
            }
            401 => {
                assert_eq!(get.api_error(), Some(&GetError::Unauthorized("expired".into())));
                assert_eq!(create.api_error(), Some(&CreateError::Unauthorized("expired".into())));
                assert_eq!(search.api_error(), Some(&SearchError::Unauthorized("expired".into())));
                assert_eq!(by_meta.api_error(), Some(&SearchByMetaDataError::Unauthorized("expired".into())));
                assert_eq!(codes.api_error(), Some(&GetCountryCodesError::Unauthorized("expired".into())));
            }
            _ => {
                assert_eq!(get.api_error(), Some(&GetError::Forbidden));
                assert_eq!(create.api_error(), Some(&CreateError::Forbidden));
                assert_eq!(search.api_error(), Some(&SearchError::Forbidden));
                assert_eq!(by_meta.api_error(), Some(&SearchByMetaDataError::Forbidden));
                assert_eq!(codes.api_error(), Some(&GetCountryCodesError::Forbidden));
            }
        }
    }
}

#[tokio::test]
async fn a_custom_reqwest_client_is_used_for_requests() {
    let server = MockServer::start().await;
    Mock::given(header("user-agent", "my-integration/2.0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(["AU"])))
        .expect(1)
        .mount(&server)
        .await;
    let http = reqwest::Client::builder().user_agent("my-integration/2.0");
    let client = Client::builder().base_url(server.uri()).http_client(http).api_key(API_KEY).build().expect("valid");

    assert_eq!(client.customer().get_country_codes().await.expect("200"), ["AU"]);
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_keeps_it() {
    let server = MockServer::start().await;
    Mock::given(path("/gateway/fusesign/api/Customer/GetCountryCodes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(format!("{}/gateway/fusesign/", server.uri())).build().expect("valid");

    client.customer().get_country_codes().await.expect("200");
}

/// Creates `request` against a server that would accept it, expecting the
/// client to refuse before sending: returns the violation, having checked
/// that the server received nothing.
async fn create_refused_before_sending(
    request: &CreateCustomerRequest,
) -> generated_client::fusesign::ConstraintViolation {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json()))
        .expect(0)
        .mount(&server)
        .await;

    let error = client_for(&server).customer().create(TENANT, request).await.expect_err("violates a constraint");

    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "nothing may be sent, but the server received {received:?}");
    assert_eq!(error.status(), None);
    match error {
        Error::Validation(violation) => *violation,
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

#[tokio::test]
async fn a_create_with_an_empty_name_is_refused_before_sending() {
    use generated_client::runtime::Rule;

    let violation = create_refused_before_sending(&CreateCustomerRequest::new("", "jane@example.com")).await;

    assert_eq!((violation.path(), violation.rule()), ("Name", Rule::MinLength(1)));
    assert_eq!(violation.to_string(), "`Name` violates minLength 1");
}

#[tokio::test]
async fn a_create_with_an_email_without_an_at_sign_is_refused_before_sending() {
    use generated_client::runtime::Rule;

    let violation = create_refused_before_sending(&CreateCustomerRequest::new("Jane", "jane.example.com")).await;

    assert_eq!((violation.path(), violation.rule()), ("Email", Rule::Pattern("^[^@]+@[^@]+$")));
    assert_eq!(violation.to_string(), "`Email` violates pattern ^[^@]+@[^@]+$");
}

#[tokio::test]
async fn a_create_with_a_129_character_meta_is_refused_before_sending() {
    use generated_client::runtime::Rule;

    let mut request = CreateCustomerRequest::new("Jane", "jane@example.com");
    request.meta = Some("m".repeat(129));

    let violation = create_refused_before_sending(&request).await;

    assert_eq!((violation.path(), violation.rule()), ("Meta", Rule::MaxLength(128)));
    let error: Error<CreateError> = violation.into();
    assert_eq!(error.to_string(), "invalid request: `Meta` violates maxLength 128");
}

#[tokio::test]
async fn a_create_at_the_limits_of_every_constraint_is_sent() {
    use generated_client::fusesign::Validate;

    let server = MockServer::start().await;
    // 128 characters, 256 bytes: lengths count characters, as JSON Schema does.
    let meta = "é".repeat(128);
    Mock::given(method("POST"))
        .and(path("/api/Customer/Create"))
        .and(body_json(json!({"Name": "J", "Email": "a@b", "Meta": meta})))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json()))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = CreateCustomerRequest::new("J", "a@b");
    request.meta = Some(meta.clone());

    assert_eq!(request.validate(), Ok(()));
    let created = client_for(&server).customer().create(TENANT, &request).await.expect("valid and documented 200");

    assert_eq!(created.customer_id, Some(CUSTOMER));
    only_request(&server).await;
}
