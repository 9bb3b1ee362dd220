//! Cost of one call through the generated FuseSign client vs the same call
//! written by hand with reqwest + serde_json (`bench::HandWritten`), both
//! against one wiremock server on loopback. Run by `cargo xtask bench`
//! (`cargo bench -p bench --bench per_call`); a benchmark, not a test.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bench::HandWritten;
use criterion::{criterion_group, criterion_main, Criterion};
use generated_client::fusesign::Client;
use serde_json::json;
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TENANT: Uuid = Uuid::from_u128(0x1111_2222_3333_4444_5555_6666_7777_8888);
const CUSTOMER: Uuid = Uuid::from_u128(0xaaaa_bbbb_cccc_dddd_eeee_ffff_0000_1111);
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

fn per_call(criterion: &mut Criterion) {
    // One thread drives the calls, as a caller awaiting them in turn does: no
    // hand-over between worker threads adds its noise to the time per call.
    // (wiremock serves from threads of its own.)
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
    let generated = Client::builder().base_url(server.uri()).api_key(API_KEY).build().expect("loopback URL is valid");
    let hand_written = HandWritten::new(&server.uri(), API_KEY).expect("a reqwest client");

    // Both read the same customer before anything is timed.
    let (ours, theirs) = runtime.block_on(async {
        let ours = generated.customer().get(TENANT, CUSTOMER).await.expect("generated call");
        let theirs = hand_written.get_customer(TENANT, CUSTOMER).await.expect("hand-written call");
        (ours, theirs)
    });
    assert_eq!(ours.customer_id, theirs.customer_id);
    assert_eq!(ours.total_bundles_for_customer, theirs.total_bundles_for_customer);

    let mut group = criterion.benchmark_group("customer_get");
    group.bench_function("generated", |bencher| {
        bencher.iter_custom(|calls| {
            runtime.block_on(async {
                let start = Instant::now();
                for _ in 0..calls {
                    black_box(generated.customer().get(TENANT, CUSTOMER).await.expect("200"));
                }
                start.elapsed()
            })
        });
    });
    group.bench_function("hand_written", |bencher| {
        bencher.iter_custom(|calls| {
            runtime.block_on(async {
                let start = Instant::now();
                for _ in 0..calls {
                    black_box(hand_written.get_customer(TENANT, CUSTOMER).await.expect("200"));
                }
                start.elapsed()
            })
        });
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(4))
}

criterion_group! { name = benches; config = config(); targets = per_call }
criterion_main!(benches);
