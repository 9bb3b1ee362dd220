//! Inline schemas in properties, array items, parameters, bodies and
//! responses get stable names from their context; clashes are numbered.

use serde_json::json;

use crate::fixtures::inline::types::{
    BadRequest, CreateOrderBody, CreateOrderBodyCustomer, Line, ListOrdersResponse, ListOrdersResponseOrder, Order,
    OrderCustomer, OrderCustomer2, Sort,
};

#[test]
fn inline_types_are_named_after_their_context() {
    let example = json!({"orders": [{"id": "o1", "lines": [{"sku": "A-1"}]}], "next": "cursor"});
    let response: ListOrdersResponse = serde_json::from_value(example.clone()).expect("decodes");
    let orders: &Vec<ListOrdersResponseOrder> = response.orders.as_ref().expect("orders");
    let line: &Line = &orders[0].lines.as_ref().expect("lines")[0];
    assert_eq!(line.sku.as_deref(), Some("A-1"));

    let body = CreateOrderBody::new(CreateOrderBodyCustomer { name: Some("Ann".into()) });
    assert_eq!(serde_json::to_value(&body).expect("encodes"), json!({"customer": {"name": "Ann"}}));
    let problem: BadRequest = serde_json::from_value(json!({"problems": ["no lines"]})).expect("decodes");
    assert_eq!(problem.problems.as_deref(), Some(&["no lines".to_owned()][..]));
    assert_eq!("oldest".parse::<Sort>(), Ok(Sort::Oldest));
}

#[test]
fn a_clash_with_a_component_name_is_numbered() {
    let order: Order = serde_json::from_value(json!({"customer": {"email": "a@b.c"}})).expect("decodes");
    let customer: &OrderCustomer2 = order.customer.as_ref().expect("customer");
    assert_eq!(customer.email.as_deref(), Some("a@b.c"));
    let component: OrderCustomer = serde_json::from_value(json!({"id": "c1"})).expect("decodes");
    assert_eq!(component.id.as_deref(), Some("c1"));
}
