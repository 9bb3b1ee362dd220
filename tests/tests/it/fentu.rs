//! The Fentu client against a real HTTP server on loopback: each operation's request as the vendor
//! documents it (method, path, query filters, `Authorization: Bearer`, body), answered with the
//! vendor's own example payloads, verbatim from `specs/fentu/vendor-docs/`, where the page has one.

use chrono::NaiveDate;
use generated_client::fentu::types::{Address, ContactInput, CustomerInput, NewContact, NewCustomer};
use generated_client::fentu::{contacts, customers, Client, Error};
use serde_json::{json, Value};
use wiremock::matchers::{any, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{json_response, no_query, only_request};

const PAGE: &str = include_str!("../../../specs/fentu/vendor-docs/customers.txt");

const API_KEY: &str = "fentu-key-123";
const BEARER: &str = "Bearer fentu-key-123";

/// "List Customers": the example response.
const LIST_RESPONSE_EXAMPLE: &str = r#"{
"data" : [
{
"id" : "cust-001" ,
"name" : "Acme Corporation" ,
"customer_number" : "C-10001" ,
"status" : "active" ,
"email" : "contact@acme.com" ,
"phone" : "+1-555-123-4567" ,
"address" : {
"street" : "123 Main Street" ,
"city" : "New York" ,
"state" : "NY" ,
"postal_code" : "10001" ,
"country" : "US"
},
"created_at" : "2023-06-15T10:30:00Z"
}
],
"meta" : {
"current_page" : 1 ,
"total_pages" : 10 ,
"total_count" : 245
}
}"#;

/// "Get Customer": the example response.
const GET_RESPONSE_EXAMPLE: &str = r#"{
"data" : {
"id" : "cust-001" ,
"name" : "Acme Corporation" ,
"customer_number" : "C-10001" ,
"status" : "active" ,
"customer_type" : "commercial" ,
"email" : "contact@acme.com" ,
"phone" : "+1-555-123-4567" ,
"fax" : "+1-555-123-4568" ,
"website" : "https://acme.com" ,
"address" : {
"street" : "123 Main Street" ,
"city" : "New York" ,
"state" : "NY" ,
"postal_code" : "10001" ,
"country" : "US"
},
"billing_address" : {
"street" : "456 Finance Ave" ,
"city" : "New York" ,
"state" : "NY" ,
"postal_code" : "10002" ,
"country" : "US"
},
"contacts" : [
{
"id" : "contact-001" ,
"name" : "John Smith" ,
"title" : "Facilities Manager" ,
"email" : "jsmith@acme.com" ,
"phone" : "+1-555-111-2222" ,
"is_primary" : true
}
],
"branch" : {
"id" : "branch-001" ,
"name" : "Northeast Region"
},
"tax_id" : "12-3456789" ,
"payment_terms" : "net30" ,
"notes" : "VIP customer - priority service" ,
"custom_fields" : {
"industry" : "Manufacturing" ,
"employee_count" : "500+"
},
"created_at" : "2023-06-15T10:30:00Z" ,
"updated_at" : "2024-01-20T14:15:00Z"
}
}"#;

/// "Create Customer": the request body.
const CREATE_REQUEST_EXAMPLE: &str = r#"{
"name" : "New Company Inc" ,
"customer_type" : "commercial" ,
"email" : "info@newcompany.com" ,
"phone" : "+1-555-999-8888" ,
"address" : {
"street" : "789 Business Blvd" ,
"city" : "Chicago" ,
"state" : "IL" ,
"postal_code" : "60601" ,
"country" : "US"
},
"branch_id" : "branch-002" ,
"payment_terms" : "net30"
}"#;

/// "Create Customer": the example response.
const CREATE_RESPONSE_EXAMPLE: &str = r#"{
"data" : {
"id" : "cust-002" ,
"customer_number" : "C-10002" ,
"name" : "New Company Inc" ,
"status" : "active" ,
"created_at" : "2024-01-27T16:00:00Z"
}
}"#;

/// "Update Customer": the request body.
const UPDATE_REQUEST_EXAMPLE: &str = r#"{
"email" : "newemail@company.com" ,
"phone" : "+1-555-888-7777" ,
"notes" : "Updated contact information"
}"#;

/// "Create Contact": the request body.
const CREATE_CONTACT_REQUEST_EXAMPLE: &str = r#"{
"name" : "Jane Doe" ,
"title" : "Operations Manager" ,
"email" : "jdoe@company.com" ,
"phone" : "+1-555-222-3333" ,
"is_primary" : false
}"#;

/// The API version sits in the base URL (`https://api.fentu.io/v1`), as in the page's example request.
fn client_for(server: &MockServer) -> Client {
    Client::builder().base_url(format!("{}/v1", server.uri())).api_key(API_KEY).build().expect("loopback URL is valid")
}

fn parsed(payload: &str) -> Value {
    serde_json::from_str(payload).expect("the page's examples are JSON")
}

/// A mock for a request carrying the bearer token.
fn authorized(http_method: &str, request_path: &str) -> wiremock::MockBuilder {
    Mock::given(method(http_method)).and(path(request_path)).and(header("authorization", BEARER))
}

/// The contact of the "Get Customer" example, as the contact endpoints would return it.
fn contact_json() -> Value {
    parsed(GET_RESPONSE_EXAMPLE)["data"]["contacts"][0].clone()
}

#[test]
fn the_example_payloads_are_verbatim_from_the_vendor_page() {
    for payload in [
        LIST_RESPONSE_EXAMPLE,
        GET_RESPONSE_EXAMPLE,
        CREATE_REQUEST_EXAMPLE,
        CREATE_RESPONSE_EXAMPLE,
        UPDATE_REQUEST_EXAMPLE,
        CREATE_CONTACT_REQUEST_EXAMPLE,
    ] {
        assert!(PAGE.contains(payload), "not on the page:\n{payload}");
    }
}

#[tokio::test]
async fn list_sends_the_example_requests_filters_and_decodes_the_page() {
    let server = MockServer::start().await;
    authorized("GET", "/v1/customers")
        .and(query_param("search", "acme"))
        .and(query_param("per_page", "25"))
        .respond_with(json_response(200, LIST_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let page = client_for(&server).customers().list().search("acme").per_page(25).await.expect("documented 200");

    let customer = &page.data[0];
    assert_eq!(customer.id, "cust-001");
    assert_eq!(customer.name, "Acme Corporation");
    assert_eq!(customer.customer_number.as_deref(), Some("C-10001"));
    assert_eq!(customer.status.as_deref(), Some("active"));
    assert_eq!(customer.address.as_ref().and_then(|address| address.postal_code.as_deref()), Some("10001"));
    assert_eq!(customer.created_at.map(|at| at.to_utc().to_rfc3339()).as_deref(), Some("2023-06-15T10:30:00+00:00"));
    let meta = page.meta.expect("meta");
    assert_eq!((meta.current_page, meta.total_pages, meta.total_count), (Some(1), Some(10), Some(245)));
    assert_eq!(only_request(&server).await.url.query(), Some("per_page=25&search=acme"));
}

#[tokio::test]
async fn list_sends_every_documented_filter() {
    let server = MockServer::start().await;
    authorized("GET", "/v1/customers")
        .and(query_param("page", "2"))
        .and(query_param("per_page", "100"))
        .and(query_param("search", "C-100"))
        .and(query_param("status", "active"))
        .and(query_param("branch_id", "branch-001"))
        .and(query_param("created_after", "2024-01-01"))
        .respond_with(json_response(200, LIST_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let since = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    client_for(&server)
        .customers()
        .list()
        .page(2)
        .per_page(100)
        .search("C-100")
        .status("active")
        .branch_id("branch-001")
        .created_after(since)
        .await
        .expect("documented 200");

    assert_eq!(
        only_request(&server).await.url.query(),
        Some("page=2&per_page=100&search=C-100&status=active&branch_id=branch-001&created_after=2024-01-01")
    );
}

#[tokio::test]
async fn get_decodes_the_full_customer() {
    let server = MockServer::start().await;
    authorized("GET", "/v1/customers/cust-001")
        .and(no_query)
        .respond_with(json_response(200, GET_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let customer = client_for(&server).customers().get("cust-001").await.expect("documented 200").data;

    assert_eq!(customer.customer_type.as_deref(), Some("commercial"));
    assert_eq!(customer.fax.as_deref(), Some("+1-555-123-4568"));
    assert_eq!(customer.website.as_deref(), Some("https://acme.com"));
    let billing = customer.billing_address.expect("billing address");
    assert_eq!(billing.street.as_deref(), Some("456 Finance Ave"));
    assert_eq!(billing.country.as_deref(), Some("US"));
    let contacts = customer.contacts.expect("contacts");
    assert_eq!(contacts[0].id, "contact-001");
    assert_eq!(contacts[0].title.as_deref(), Some("Facilities Manager"));
    assert_eq!(contacts[0].is_primary, Some(true));
    let branch = customer.branch.expect("branch");
    assert_eq!((branch.id.as_deref(), branch.name.as_deref()), (Some("branch-001"), Some("Northeast Region")));
    assert_eq!(customer.tax_id.as_deref(), Some("12-3456789"));
    assert_eq!(customer.payment_terms.as_deref(), Some("net30"));
    assert_eq!(customer.notes.as_deref(), Some("VIP customer - priority service"));
    let custom = customer.custom_fields.expect("custom fields");
    assert_eq!(custom["industry"], "Manufacturing");
    assert_eq!(custom["employee_count"], "500+");
    assert_eq!(customer.updated_at.map(|at| at.to_utc().to_rfc3339()).as_deref(), Some("2024-01-20T14:15:00+00:00"));
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn create_posts_the_documented_body_and_decodes_the_new_customer() {
    let server = MockServer::start().await;
    authorized("POST", "/v1/customers")
        .and(no_query)
        .and(header("content-type", "application/json"))
        .and(body_json(parsed(CREATE_REQUEST_EXAMPLE)))
        .respond_with(json_response(201, CREATE_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let mut customer = NewCustomer::new("New Company Inc");
    customer.customer_type = Some("commercial".into());
    customer.email = Some("info@newcompany.com".into());
    customer.phone = Some("+1-555-999-8888".into());
    customer.address = Some(Address {
        street: Some("789 Business Blvd".into()),
        city: Some("Chicago".into()),
        state: Some("IL".into()),
        postal_code: Some("60601".into()),
        country: Some("US".into()),
    });
    customer.branch_id = Some("branch-002".into());
    customer.payment_terms = Some("net30".into());
    let created = client_for(&server).customers().create(&customer).await.expect("documented 201").data;

    assert_eq!(created.id, "cust-002");
    assert_eq!(created.customer_number.as_deref(), Some("C-10002"));
    assert_eq!(created.name, "New Company Inc");
    assert_eq!(created.created_at.map(|at| at.to_utc().to_rfc3339()).as_deref(), Some("2024-01-27T16:00:00+00:00"));
    assert_eq!(created.contacts, None);
    let example: serde_json::Value = serde_json::from_str(CREATE_REQUEST_EXAMPLE).expect("the page's body is JSON");
    assert_eq!(serde_json::to_value(&customer).expect("encodes"), example, "the page's body, field for field");
}

#[tokio::test]
async fn update_puts_only_the_changed_fields() {
    let server = MockServer::start().await;
    authorized("PUT", "/v1/customers/cust-001")
        .and(no_query)
        .and(header("content-type", "application/json"))
        .and(body_json(parsed(UPDATE_REQUEST_EXAMPLE)))
        .respond_with(json_response(200, GET_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;

    let change = CustomerInput {
        email: Some("newemail@company.com".into()),
        phone: Some("+1-555-888-7777".into()),
        notes: Some("Updated contact information".into()),
        ..CustomerInput::default()
    };
    client_for(&server).customers().update("cust-001", &change).await.expect("a 2xx, whatever its body");
}

#[tokio::test]
async fn delete_moves_the_customer_to_trash() {
    let server = MockServer::start().await;
    authorized("DELETE", "/v1/customers/cust-001")
        .and(no_query)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server).customers().delete("cust-001").await.expect("documented 2xx");

    let request = only_request(&server).await;
    assert!(request.body.is_empty() && request.url.query().is_none());
}

#[tokio::test]
async fn list_assets_keeps_the_fields_the_assets_api_documents() {
    let server = MockServer::start().await;
    let assets = json!({"data": [{"id": "asset-001", "name": "Rooftop HVAC unit", "serial_number": "SN-4471"}]});
    authorized("GET", "/v1/customers/cust-001/assets")
        .and(no_query)
        .respond_with(ResponseTemplate::new(200).set_body_json(assets))
        .expect(1)
        .mount(&server)
        .await;

    let assets = client_for(&server).customers().list_assets("cust-001").await.expect("documented 200");

    assert_eq!(assets.data[0].id.as_deref(), Some("asset-001"));
    assert_eq!(assets.data[0].additional_properties["serial_number"], "SN-4471");
    assert!(assets.meta.is_none());
}

#[tokio::test]
async fn list_work_orders_keeps_the_fields_the_work_orders_api_documents() {
    let server = MockServer::start().await;
    let orders = json!({
        "data": [{"id": "wo-001", "status": "open"}],
        "meta": {"current_page": 1, "total_pages": 1, "total_count": 1}
    });
    authorized("GET", "/v1/customers/cust-001/work-orders")
        .and(no_query)
        .respond_with(ResponseTemplate::new(200).set_body_json(orders))
        .expect(1)
        .mount(&server)
        .await;

    let orders = client_for(&server).customers().list_work_orders("cust-001").await.expect("documented 200");

    assert_eq!(orders.data[0].id.as_deref(), Some("wo-001"));
    assert_eq!(orders.data[0].additional_properties["status"], "open");
    assert_eq!(orders.meta.and_then(|meta| meta.total_count), Some(1));
}

#[tokio::test]
async fn contacts_list_decodes_the_customers_contacts() {
    let server = MockServer::start().await;
    authorized("GET", "/v1/customers/cust-001/contacts")
        .and(no_query)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [contact_json()]})))
        .expect(1)
        .mount(&server)
        .await;

    let contacts = client_for(&server).contacts().list("cust-001").await.expect("documented 200");

    assert_eq!(contacts.data[0].name, "John Smith");
    assert_eq!(contacts.data[0].email.as_deref(), Some("jsmith@acme.com"));
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn contacts_create_posts_the_documented_body() {
    let server = MockServer::start().await;
    let mut created = parsed(CREATE_CONTACT_REQUEST_EXAMPLE);
    created["id"] = json!("contact-002");
    authorized("POST", "/v1/customers/cust-001/contacts")
        .and(no_query)
        .and(header("content-type", "application/json"))
        .and(body_json(parsed(CREATE_CONTACT_REQUEST_EXAMPLE)))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"data": created})))
        .expect(1)
        .mount(&server)
        .await;

    let mut contact = NewContact::new("Jane Doe");
    contact.title = Some("Operations Manager".into());
    contact.email = Some("jdoe@company.com".into());
    contact.phone = Some("+1-555-222-3333".into());
    contact.is_primary = Some(false);
    let created = client_for(&server).contacts().create("cust-001", &contact).await.expect("documented 201").data;

    assert_eq!(created.id, "contact-002");
    assert_eq!(created.is_primary, Some(false));
}

#[tokio::test]
async fn contacts_update_puts_the_changed_fields() {
    let server = MockServer::start().await;
    authorized("PUT", "/v1/contacts/contact-001")
        .and(no_query)
        .and(body_json(json!({"title": "Site Manager", "is_primary": false})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let change =
        ContactInput { title: Some("Site Manager".into()), is_primary: Some(false), ..ContactInput::default() };
    client_for(&server).contacts().update("contact-001", &change).await.expect("documented 2xx");
}

#[tokio::test]
async fn contacts_delete_deletes_the_contact() {
    let server = MockServer::start().await;
    authorized("DELETE", "/v1/contacts/contact-001")
        .and(no_query)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server).contacts().delete("contact-001").await.expect("documented 2xx");
}

/// A client whose server answers every request with `status`.
async fn answering(status: u16) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(status)).mount(&server).await;
    let client = client_for(&server);
    (server, client)
}

#[tokio::test]
async fn a_400_is_bad_request() {
    let (_server, client) = answering(400).await;
    let error = client.customers().list().per_page(50).await.expect_err("400");
    assert_eq!(error.api_error(), Some(&customers::ListError::BadRequest));
}

#[tokio::test]
async fn a_page_size_above_the_documented_maximum_is_rejected_before_sending() {
    let (server, client) = answering(200).await;
    let error = client.customers().list().per_page(500).await.expect_err("per_page is at most 100");
    assert!(error.to_string().contains("per_page"), "{error}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[tokio::test]
async fn a_401_is_unauthorized() {
    let (_server, client) = answering(401).await;
    let error = client.customers().get("cust-001").await.expect_err("401");
    assert_eq!(error.api_error(), Some(&customers::GetError::Unauthorized));
}

#[tokio::test]
async fn a_403_is_forbidden() {
    let (_server, client) = answering(403).await;
    let error = client.contacts().delete("contact-001").await.expect_err("403");
    assert_eq!(error.api_error(), Some(&contacts::DeleteError::Forbidden));
}

#[tokio::test]
async fn a_404_is_not_found() {
    let (_server, client) = answering(404).await;
    let error = client.customers().get("cust-404").await.expect_err("404");
    assert_eq!(error.api_error(), Some(&customers::GetError::NotFound));
    assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
}

#[tokio::test]
async fn a_409_is_conflict() {
    let (_server, client) = answering(409).await;
    let error = client.customers().create(&NewCustomer::new("Acme Corporation")).await.expect_err("409");
    assert_eq!(error.api_error(), Some(&customers::CreateError::Conflict));
    let error = client.customers().delete("cust-001").await.expect_err("409");
    assert_eq!(error.api_error(), Some(&customers::DeleteError::Conflict));
}

#[tokio::test]
async fn a_422_is_a_validation_error() {
    let (_server, client) = answering(422).await;
    let error = client.contacts().create("cust-001", &NewContact::new("")).await.expect_err("422");
    assert_eq!(error.api_error(), Some(&contacts::CreateError::UnprocessableEntity));
}

/// The page lists its error codes once for the whole API, so every operation maps all six.
#[tokio::test]
async fn every_operation_maps_every_documented_error_status() {
    let new_customer = NewCustomer::new("x");
    let new_contact = NewContact::new("x");
    let customer_change = CustomerInput::default();
    let contact_change = ContactInput::default();
    for status in [400, 401, 403, 404, 409, 422] {
        let (_server, client) = answering(status).await;
        let statuses = [
            client.customers().list().await.expect_err("error").status(),
            client.customers().get("c").await.expect_err("error").status(),
            client.customers().create(&new_customer).await.expect_err("error").status(),
            client.customers().update("c", &customer_change).await.expect_err("error").status(),
            client.customers().delete("c").await.expect_err("error").status(),
            client.customers().list_assets("c").await.expect_err("error").status(),
            client.customers().list_work_orders("c").await.expect_err("error").status(),
            client.contacts().list("c").await.expect_err("error").status(),
            client.contacts().create("c", &new_contact).await.expect_err("error").status(),
            client.contacts().update("k", &contact_change).await.expect_err("error").status(),
            client.contacts().delete("k").await.expect_err("error").status(),
        ];
        for got in statuses {
            assert_eq!(got.map(|status| status.as_u16()), Some(status));
        }
        let error = client.customers().update("c", &customer_change).await.expect_err("error");
        let expected = match status {
            400 => customers::UpdateError::BadRequest,
            401 => customers::UpdateError::Unauthorized,
            403 => customers::UpdateError::Forbidden,
            404 => customers::UpdateError::NotFound,
            409 => customers::UpdateError::Conflict,
            _ => customers::UpdateError::UnprocessableEntity,
        };
        assert_eq!(error.api_error(), Some(&expected));
        let error = client.contacts().list("c").await.expect_err("error");
        assert!(matches!(error, Error::Api(_)), "{status} is documented: {error:?}");
    }
}

#[tokio::test]
async fn the_headings_api_prefix_is_a_choice_of_base_url() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.fentu.io/v1");
    let server = MockServer::start().await;
    authorized("GET", "/api/v1/customers/cust-001")
        .and(no_query)
        .respond_with(json_response(200, GET_RESPONSE_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;
    let client =
        Client::builder().base_url(format!("{}/api/v1", server.uri())).api_key(API_KEY).build().expect("valid");

    let customer = client.customers().get("cust-001").await.expect("documented 200");

    assert_eq!(customer.data.id, "cust-001");
    assert!(!format!("{client:?}").contains(API_KEY));
}

/// A page of the list in the vendor's envelope: `data` and `meta` with `total_pages`.
fn list_page(page: u32, total_pages: u32) -> ResponseTemplate {
    let customers: Vec<Value> = (0..2)
        .map(|index| json!({"id": format!("cust-{page}-{index}"), "name": format!("Customer {page}.{index}")}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": customers,
        "meta": {"current_page": page, "total_pages": total_pages, "total_count": total_pages * 2}
    }))
}

#[tokio::test]
async fn items_walks_every_page_of_the_customer_list() {
    use futures_util::StreamExt as _;
    let server = MockServer::start().await;
    for page in 1..=3 {
        Mock::given(method("GET"))
            .and(path("/v1/customers"))
            .and(query_param("page", page.to_string()))
            .and(query_param("per_page", "100"))
            .and(query_param("status", "active"))
            .and(header("authorization", BEARER))
            .respond_with(list_page(page, 3))
            .expect(1)
            .mount(&server)
            .await;
    }
    let names: Vec<String> = client_for(&server)
        .customers()
        .list()
        .per_page(100)
        .status("active")
        .items()
        .map(|customer| customer.expect("decodes").name)
        .collect()
        .await;
    assert_eq!(names.len(), 6);
    assert_eq!(names[0], "Customer 1.0");
    assert_eq!(names[5], "Customer 3.1");
}

#[tokio::test]
async fn pages_yields_each_page_with_its_meta() {
    use futures_util::StreamExt as _;
    let server = MockServer::start().await;
    Mock::given(path("/v1/customers")).and(query_param("page", "1")).respond_with(list_page(1, 2)).mount(&server).await;
    Mock::given(path("/v1/customers")).and(query_param("page", "2")).respond_with(list_page(2, 2)).mount(&server).await;
    let pages: Vec<_> = client_for(&server).customers().list().pages().collect().await;
    assert_eq!(pages.len(), 2);
    let last = pages[1].as_ref().expect("decodes").body();
    assert_eq!(last.meta.as_ref().and_then(|meta| meta.current_page), Some(2));
}

#[tokio::test]
async fn an_error_documented_without_a_schema_keeps_the_body_text() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({"error": "customer_number already in use"})))
        .mount(&server)
        .await;
    let error = client_for(&server).customers().get("cust-001").await.expect_err("409");
    let Error::Api(api) = &error else { panic!("a documented error: {error:?}") };
    assert_eq!(api.error, customers::GetError::Conflict);
    assert!(api.body.contains("customer_number already in use"), "{}", api.body);
}

#[tokio::test]
async fn an_empty_customer_list_yields_no_items_after_one_request() {
    use futures_util::StreamExt as _;
    let server = MockServer::start().await;
    Mock::given(path("/v1/customers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [],
            "meta": {"current_page": 1, "total_pages": 0, "total_count": 0}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let customers: Vec<_> = client_for(&server).customers().list().search("nobody").items().collect().await;
    assert!(customers.is_empty());
}
