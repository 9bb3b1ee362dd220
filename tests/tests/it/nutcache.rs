//! The Nutcache client against a real HTTP server on loopback: each operation's request as the
//! vendor documents it (method, path, the `nut-basic` authorization with the `api-version` and
//! `OrganizationGuid` headers), answered with the vendor's own example payloads, verbatim from
//! `specs/nutcache/vendor-docs/`.

use generated_client::nutcache::types::Customers;
use generated_client::nutcache::{Client, Error};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{json_response, no_query, only_request};

const PAGE: &str = include_str!("../../../specs/nutcache/vendor-docs/customers.txt");

/// The page's credentials and headers: the token, and the `Authorization` header carrying it.
const TOKEN: &str = "YVl6T1JtbkdpMHhwaXhCdTQ5b3l6ckpqR2ZGY2Z3Z1Eycnh2aGl0ZDphcGlkb2NzQGFwaWRvY3MuY29tOnBhc3N3b3Jk";
const AUTHORIZATION: &str =
    "nut-basic YVl6T1JtbkdpMHhwaXhCdTQ5b3l6ckpqR2ZGY2Z3Z1Eycnh2aGl0ZDphcGlkb2NzQGFwaWRvY3MuY29tOnBhc3N3b3Jk";
const ORGANIZATION_GUID: &str = "846E176E-7C4B-4BFD-A894-C98F2988927E";
const API_VERSION: &str = "3";

/// The response example of "Viewing a Customer".
const VIEW_RESPONSE_EXAMPLE: &str = r#"{
  "customers": [
    {
      "type": "customers",
      "id": 143222,
      "Organization": 1686,
      "name": "Sample client",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "countries/40",
          "rel": "countries",
          "type": "GET"
        },
        {
          "href": "customers/143222",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "143222@yopmail.com",
      "contact": "Sample contact name",
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": "123-456-7890",
      "mobile_phone": null,
      "country": 40,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    }
  ]
}"#;

/// The response example of "List all Customers".
const LIST_RESPONSE_EXAMPLE: &str = r#"{
  "links": [
    {
      "href": "customers?limit=10&page=2",
      "rel": "navigation-next",
      "type": "GET"
    }
  ],
  "customers": [
    {
      "type": "customers",
      "id": 143222,
      "Organization": 1686,
      "name": "Sample client",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "countries/40",
          "rel": "countries",
          "type": "GET"
        },
        {
          "href": "customers/143222",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "143222@yopmail.com",
      "contact": "Sample contact name",
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": "123-456-7890",
      "mobile_phone": null,
      "country": 40,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    },
    {
      "type": "customers",
      "id": 143224,
      "Organization": 1686,
      "name": "Taxable Ont Client",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "taxes/375",
          "rel": "taxes",
          "type": "GET"
        },
        {
          "href": "customers/143224",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "143224@yopmail.com",
      "contact": null,
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": null,
      "mobile_phone": null,
      "country": null,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": 375
    },
    {
      "type": "customers",
      "id": 143225,
      "Organization": 1686,
      "name": "Taxable QC Client",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "taxes/376",
          "rel": "taxes",
          "type": "GET"
        },
        {
          "href": "customers/143225",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "143225@yopmail.com",
      "contact": null,
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": null,
      "mobile_phone": null,
      "country": null,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": 376
    },
    {
      "type": "customers",
      "id": 147033,
      "Organization": 1686,
      "name": "Test Client",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "customers/147033",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "147033@yopmail.com",
      "contact": null,
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": null,
      "mobile_phone": null,
      "country": null,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    },
    {
      "type": "customers",
      "id": 147504,
      "Organization": 1686,
      "name": "Client inactif",
      "status": 1,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "customers/147504",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "147504@yopmail.com",
      "contact": "Clientinactif@yopmail.com",
      "address": "Clientinactif@yopmail.com",
      "city": null,
      "zip_code": null,
      "phone": null,
      "mobile_phone": null,
      "country": null,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    },
    {
      "type": "customers",
      "id": 149643,
      "Organization": 1686,
      "name": "client android",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "countries/2",
          "rel": "countries",
          "type": "GET"
        },
        {
          "href": "customers/149643",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": "149643@yopmail.com",
      "contact": "",
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": "",
      "mobile_phone": null,
      "country": 2,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    },
    {
      "type": "customers",
      "id": 153744,
      "Organization": 1686,
      "name": "Aquaman client",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "countries/2",
          "rel": "countries",
          "type": "GET"
        },
        {
          "href": "customers/153744",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": null,
      "contact": null,
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": null,
      "mobile_phone": null,
      "country": 2,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    },
    {
      "type": "customers",
      "id": 153745,
      "Organization": 1686,
      "name": "Surprise!",
      "status": 0,
      "links": [
        {
          "href": "organizations/1686",
          "rel": "organizations",
          "type": "GET"
        },
        {
          "href": "customers/153745",
          "rel": "self",
          "type": "GET"
        }
      ],
      "email": null,
      "contact": null,
      "address": null,
      "city": null,
      "zip_code": null,
      "phone": null,
      "mobile_phone": null,
      "country": null,
      "state": null,
      "legal_notice": null,
      "communication_culture_code": null,
      "Notes": null,
      "tax": null
    }
  ]
}"#;

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .api_version(API_VERSION)
        .organization_guid(ORGANIZATION_GUID)
        .build()
        .expect("loopback URL is valid")
}

/// A mock that requires all three headers every call needs.
fn authorized(http_method: &str, request_path: &str) -> wiremock::MockBuilder {
    Mock::given(method(http_method))
        .and(path(request_path))
        .and(header("authorization", AUTHORIZATION))
        .and(header("api-version", API_VERSION))
        .and(header("OrganizationGuid", ORGANIZATION_GUID))
}

#[test]
fn the_example_payloads_are_verbatim_from_the_vendor_page() {
    assert!(PAGE.contains(VIEW_RESPONSE_EXAMPLE));
    assert!(PAGE.contains(LIST_RESPONSE_EXAMPLE));
    assert!(PAGE.contains(AUTHORIZATION) && PAGE.contains(ORGANIZATION_GUID) && PAGE.contains("api-version: 3"));
}

#[tokio::test]
async fn get_views_one_customer_with_the_three_headers() {
    let server = MockServer::start().await;
    authorized("GET", "/customers/143222")
        .and(no_query)
        .respond_with(json_response(200, VIEW_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let found = client_for(&server).customers().get(143222).await.expect("documented 200");

    assert!(found.links.is_none(), "viewing one customer has no navigation links");
    let [customer] = found.customers.as_slice() else { panic!("one customer: {found:?}") };
    assert_eq!(customer.id, 143222);
    assert_eq!(customer.name, "Sample client");
    assert_eq!(customer.r#type.as_deref(), Some("customers"));
    assert_eq!(customer.organization, Some(1686));
    assert_eq!(customer.status, Some(0));
    assert_eq!(customer.email.as_deref(), Some("143222@yopmail.com"));
    assert_eq!(customer.phone.as_deref(), Some("123-456-7890"));
    assert_eq!(customer.country, Some(40));
    assert_eq!(customer.notes, None);
    assert_eq!(customer.tax, None);
    let links = customer.links.as_deref().expect("links");
    assert_eq!(links.len(), 3);
    assert_eq!(links[2].href.as_deref(), Some("customers/143222"));
    assert_eq!(links[2].rel.as_deref(), Some("self"));
    assert_eq!(links[2].r#type.as_deref(), Some("GET"));
    assert_eq!(only_request(&server).await.url.query(), None, "`include` is sent only when set");
}

#[tokio::test]
async fn get_sends_include_when_set() {
    let server = MockServer::start().await;
    authorized("GET", "/customers/143222")
        .and(query_param("include", "contacts"))
        .respond_with(json_response(200, VIEW_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server).customers().get(143222).include("contacts").await.expect("documented 200");

    assert_eq!(only_request(&server).await.url.query(), Some("include=contacts"));
}

#[tokio::test]
async fn list_fetches_the_customers_and_the_navigation_links() {
    let server = MockServer::start().await;
    authorized("GET", "/customers")
        .and(no_query)
        .respond_with(json_response(200, LIST_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let Customers { links, customers } = client_for(&server).customers().list().await.expect("documented 200");

    let links = links.expect("navigation links");
    assert_eq!(links[0].rel.as_deref(), Some("navigation-next"));
    assert_eq!(links[0].href.as_deref(), Some("customers?limit=10&page=2"));
    let ids: Vec<i64> = customers.iter().map(|customer| customer.id).collect();
    assert_eq!(ids, [143222, 143224, 143225, 147033, 147504, 149643, 153744, 153745]);
    assert_eq!(customers[1].tax, Some(375));
    assert_eq!(customers[4].name, "Client inactif");
    assert_eq!(customers[4].status, Some(1));
    assert_eq!(customers[4].address.as_deref(), Some("Clientinactif@yopmail.com"));
    assert_eq!(customers[5].contact.as_deref(), Some(""));
    assert_eq!(customers[6].email, None);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn no_error_status_is_documented_so_any_is_an_unexpected_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(404).set_body_string("missing")).mount(&server).await;

    let error = client_for(&server).customers().get(1).await.expect_err("404 is not documented");

    let Error::UnexpectedStatus(response) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(response.status.as_u16(), 404);
    assert_eq!(response.body, "missing");
    assert!(error.api_error().is_none(), "no error status is documented");
    assert!(!format!("{error:?}{error}").contains(AUTHORIZATION));
}

#[test]
fn the_default_server_is_the_examples_host_and_credentials_stay_hidden() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://devapps.nutcache.com/webapi");
    let client = Client::builder().token(TOKEN).build().expect("valid");
    assert!(!format!("{client:?}").contains(TOKEN));
}

#[tokio::test]
async fn items_follows_the_navigation_next_links() {
    use futures_util::StreamExt as _;
    let server = MockServer::start().await;
    // The page's own example links to `customers?limit=10&page=2`, relative to the API's base URL.
    Mock::given(method("GET"))
        .and(path("/webapi/customers"))
        .and(wiremock::matchers::query_param_is_missing("page"))
        .and(header("Authorization", AUTHORIZATION))
        .respond_with(json_response(200, LIST_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/webapi/customers"))
        .and(query_param("limit", "10"))
        .and(query_param("page", "2"))
        .and(header("Authorization", AUTHORIZATION))
        .and(header("api-version", API_VERSION))
        .and(header("OrganizationGuid", ORGANIZATION_GUID))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "links": [],
            "customers": [{"type": "customers", "id": 143223, "name": "Second page client", "status": 0}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/webapi", server.uri()))
        .token(TOKEN)
        .api_version(API_VERSION)
        .organization_guid(ORGANIZATION_GUID)
        .build()
        .expect("valid");
    let names: Vec<String> =
        client.customers().list().items().map(|customer| customer.expect("decodes").name).collect().await;
    assert_eq!(names.last().map(String::as_str), Some("Second page client"));
    assert!(names.len() >= 2, "{names:?}");
}

#[tokio::test]
async fn credentials_required_together_and_set_in_part_fail_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).token(TOKEN).build().expect("valid");
    let error = client.customers().list().await.expect_err("api-version and OrganizationGuid are missing");
    let message = error.to_string();
    assert!(message.contains("ApiVersion") && message.contains("OrganizationGuid"), "{message}");
    assert!(!message.contains(TOKEN));
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[tokio::test]
async fn pages_walks_three_pages_and_stops_at_the_last_one() {
    use futures_util::StreamExt as _;
    let server = MockServer::start().await;
    let page = |number: u32, next: Option<&str>| {
        let links: Vec<serde_json::Value> = next
            .map(|href| serde_json::json!({"href": href, "rel": "navigation-next", "type": "GET"}))
            .into_iter()
            .collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "links": links,
            "customers": [{"type": "customers", "id": number, "name": format!("Client {number}"), "status": 0}]
        }))
    };
    Mock::given(path("/webapi/customers"))
        .and(wiremock::matchers::query_param_is_missing("page"))
        .respond_with(page(1, Some("customers?limit=1&page=2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/webapi/customers"))
        .and(query_param("page", "2"))
        .respond_with(page(2, Some("customers?limit=1&page=3")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/webapi/customers"))
        .and(query_param("page", "3"))
        .respond_with(page(3, None))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/webapi", server.uri()))
        .token(TOKEN)
        .api_version(API_VERSION)
        .organization_guid(ORGANIZATION_GUID)
        .build()
        .expect("valid");
    let pages: Vec<Customers> =
        client.customers().list().pages().map(|page| page.expect("decodes").into_body()).collect().await;
    let names: Vec<&str> =
        pages.iter().flat_map(|page| page.customers.iter().map(|customer| customer.name.as_str())).collect();
    assert_eq!(names, ["Client 1", "Client 2", "Client 3"]);
}
