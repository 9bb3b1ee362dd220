//! Request data is checked against its schema's bounds before anything is
//! sent, whatever the width of the integer holding it (`int8` … `uint32`).

use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::validation::types::{LineItem, Order};
use crate::fixtures::validation::{Client, ConstraintViolation, Error};
use crate::runtime::{Number, Rule};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let receipt = ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "ord_1"}));
    Mock::given(wiremock::matchers::any()).respond_with(receipt).mount(&server).await;
    server
}

fn order(level: Option<i8>) -> Order {
    let mut order = Order::new("Jane", vec![LineItem::new("SKU-1", 2)]);
    order.level = level;
    order
}

/// What sending `order` with the `page` parameter gives, and how many requests the server received.
async fn create(order: &Order, page: Option<u32>) -> (Result<(), Error<std::convert::Infallible>>, usize) {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).build().expect("loopback base URL");
    let request = client.create_order(10, order);
    let request = match page {
        Some(page) => request.page(page),
        None => request,
    };
    let result = request.await.map(drop);
    (result, server.received_requests().await.expect("recording is on").len())
}

fn violation(result: Result<(), Error<std::convert::Infallible>>) -> ConstraintViolation {
    match result {
        Err(Error::Validation(violation)) => *violation,
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

fn violation_of(result: Result<(), Error<std::convert::Infallible>>) -> String {
    violation(result).to_string()
}

#[tokio::test]
async fn an_int8_field_out_of_its_bounds_is_refused_before_sending() {
    let (result, received) = create(&order(Some(6)), None).await;
    let violation = violation(result);
    assert_eq!((violation.path(), violation.rule()), ("level", Rule::Maximum(Number::Int(5))));
    assert_eq!(received, 0);
    let (result, received) = create(&order(Some(-6)), None).await;
    assert_eq!(violation_of(result), "`level` violates minimum -5");
    assert_eq!(received, 0);
}

#[tokio::test]
async fn a_uint32_parameter_out_of_its_bounds_is_refused_before_sending() {
    let (result, received) = create(&order(None), Some(0)).await;
    assert_eq!(violation_of(result), "`page` violates minimum 1");
    assert_eq!(received, 0);
    // Beyond what an i32 holds, below the documented maximum: accepted.
    let (result, received) = create(&order(None), Some(3_000_000_000)).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(received, 1);
    let (result, received) = create(&order(None), Some(4_000_000_001)).await;
    assert_eq!(violation_of(result), "`page` violates maximum 4000000000");
    assert_eq!(received, 0);
}

#[tokio::test]
async fn values_at_their_bounds_are_sent() {
    for (level, page) in [(-5, 1), (5, 4_000_000_000)] {
        let (result, received) = create(&order(Some(level)), Some(page)).await;
        assert!(result.is_ok(), "level {level}, page {page}: {result:?}");
        assert_eq!(received, 1);
    }
}
