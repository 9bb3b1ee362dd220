//! What both per-call benchmarks call: one wiremock server on loopback
//! answering FuseSign's `GET /api/Customer/Get`, the generated client and the
//! hand-written one pointed at it, and the call each makes.

use bench::HandWritten;
use generated_client::fusesign::Client;
use serde_json::json;
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TENANT: Uuid = Uuid::from_u128(0x1111_2222_3333_4444_5555_6666_7777_8888);
pub const CUSTOMER: Uuid = Uuid::from_u128(0xaaaa_bbbb_cccc_dddd_eeee_ffff_0000_1111);
const API_KEY: &str = "wholesale-key-123";

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

/// The server and the two clients of it, and the runtime the calls run on.
pub struct Setup {
    pub runtime: tokio::runtime::Runtime,
    /// Kept for as long as the clients call it.
    _server: MockServer,
    generated: Client,
    hand_written: HandWritten,
}

impl Setup {
    /// Starts the server. One thread drives the calls, as a caller awaiting
    /// them in turn does: no hand-over between worker threads adds its noise
    /// to the time per call (wiremock serves from threads of its own).
    pub fn new() -> Setup {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
        let server = runtime.block_on(async {
            let server = MockServer::builder().disable_request_recording().start().await;
            Mock::given(method("GET"))
                .and(path("/api/Customer/Get"))
                .respond_with(ResponseTemplate::new(200).set_body_json(customer_json()))
                .mount(&server)
                .await;
            server
        });
        let generated =
            Client::builder().base_url(server.uri()).api_key(API_KEY).build().expect("loopback URL is valid");
        let hand_written = HandWritten::new(&server.uri(), API_KEY).expect("a reqwest client");
        // Both read the same customer before anything is timed.
        let (ours, theirs) = runtime.block_on(async {
            let ours = generated.customer().get(TENANT, CUSTOMER).await.expect("generated call");
            let theirs = hand_written.get_customer(TENANT, CUSTOMER).await.expect("hand-written call");
            (ours, theirs)
        });
        assert_eq!(ours.customer_id, theirs.customer_id);
        assert_eq!(ours.total_bundles_for_customer, theirs.total_bundles_for_customer);
        Setup { runtime, _server: server, generated, hand_written }
    }

    /// One call through the generated client.
    pub async fn generated_call(&self) {
        std::hint::black_box(self.generated.customer().get(TENANT, CUSTOMER).await.expect("200"));
    }

    /// The same call written by hand.
    pub async fn hand_written_call(&self) {
        std::hint::black_box(self.hand_written.get_customer(TENANT, CUSTOMER).await.expect("200"));
    }
}
