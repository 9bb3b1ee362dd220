//! Calls every endpoint of `tests/fastapi/app.py` through the client that
//! openapi-clientgen generated from the server's own `/openapi.json`
//! (OpenAPI 3.1). `tests/tests/it/fastapi.rs` runs it as the `main.rs` of a
//! scratch crate: `cargo run -- BASE_URL`. Every check panics with what
//! differed; the last line counts the checks.

use std::collections::BTreeMap;

use fastapi_client::inventory::items::{CreateItemError, DeleteItemError, GetItemError, ReplaceItemError};
use fastapi_client::inventory::types::{
    Color, Dimensions, ItemCreate, ItemKind, ListCatalogResponseItem, LocItem,
};
use fastapi_client::inventory::{Client, Error};
use fastapi_client::runtime::Reconnect;

#[tokio::main]
async fn main() {
    let base_url = std::env::args().nth(1).expect("usage: client BASE_URL");
    let client = Client::builder().base_url(base_url).build().expect("a valid client");
    let mut checks = 0;
    let mut check = |passed: bool, what: &str| {
        assert!(passed, "check failed: {what}");
        checks += 1;
    };

    // A plain GET whose response is a map.
    let health = client.health().await.expect("GET /health");
    check(health.get("status").map(String::as_str) == Some("ok"), "health is ok");

    // POST with a required header and a body using every kind of field: what
    // the server stored (and echoes) is what was sent.
    let mut lamp = ItemCreate::new("Lamp", 19.5);
    lamp.color = Color::LightBlue;
    lamp.description = Some(Some("A desk lamp".to_owned()));
    lamp.dimensions = Some(Some(Dimensions { width: 12.5, height: 40.0, depth: Some(Some(9.0)) }));
    lamp.tags = Some(vec!["light".to_owned(), "desk".to_owned()]);
    lamp.attributes = Some(BTreeMap::from([("bulb".to_owned(), "E27".to_owned())]));
    lamp.position = Some(Some(vec![3, 7]));
    let created = client.items().create_item("ann", &lamp).await.expect("POST /items");
    check(created.id == 1, "the first item has id 1");
    check(created.kind == ItemKind::Item, "kind is the const `item`");
    check(created.name == "Lamp" && created.price == 19.5, "name and price arrive");
    check(created.color == Color::LightBlue, "an enum value with a dash arrives");
    check(created.description.as_deref() == Some("A desk lamp"), "an optional string arrives");
    check(Some(created.dimensions.clone()) == lamp.dimensions, "a nested model arrives");
    check(created.tags == ["light", "desk"], "a list arrives in order");
    check(created.attributes.get("bulb").map(String::as_str) == Some("E27"), "a map arrives");
    check(created.position == Some(vec![3, 7]), "a tuple arrives");
    check(created.created_by.as_deref() == Some("ann"), "the required header arrives");
    check(created.created_at.to_utc().to_rfc3339() == "2024-01-02T03:04:05+00:00", "a date-time decodes");
    let updated_at = created.updated_at.expect("updated_at is set");
    check(updated_at.offset().is_none(), "Python's naive date-time decodes without an offset");
    check(updated_at.to_string() == "2024-01-02T03:04:05.250", "and reads back as sent");

    // Unset optional fields are omitted, so the server's defaults apply.
    let chair = client.items().create_item("bob", &ItemCreate::new("Chair", 0.0)).await.expect("POST /items");
    check(chair.id == 2 && chair.color == Color::Red, "the server's default color applies");
    check(chair.description.is_none() && chair.dimensions.is_none(), "null optional fields decode as None");
    check(chair.tags.is_empty() && chair.attributes.is_empty() && chair.position.is_none(), "defaults decode");

    // An explicit null is sent as null (three states: absent, null, a value).
    let mut bare = ItemCreate::new("Crate", 1.0);
    bare.description = Some(None);
    bare.dimensions = Some(Some(Dimensions { width: 1.0, height: 1.0, depth: Some(None) }));
    let crate_item = client.items().create_item("dan", &bare).await.expect("POST /items with nulls");
    check(crate_item.description.is_none(), "FastAPI accepts an explicit null");
    check(crate_item.dimensions.and_then(|dimensions| dimensions.depth) == Some(None), "a nested null arrives");
    client.items().delete_item(crate_item.id).await.expect("DELETE the crate");

    // A union whose members fix `kind` to a literal is tagged by it.
    let catalog = client.items().list_catalog().await.expect("GET /catalog");
    check(catalog.len() == 3, "two items and a bundle");
    check(matches!(&catalog[0], ListCatalogResponseItem::Item(item) if item.name == "Lamp"), "an item is an Item");
    match &catalog[2] {
        ListCatalogResponseItem::Bundle(bundle) => check(bundle.item_ids == [1, 2], "the bundle lists both items"),
        other => panic!("expected the bundle, got {other:?}"),
    }

    // Query parameters: an integer, an enum, a repeated list, a renamed one.
    let all = client.items().list_items().await.expect("GET /items");
    check(all.iter().map(|item| item.id).eq([1, 2]), "both items are listed");
    let blue = client.items().list_items().color(Color::LightBlue).await.expect("GET /items?color");
    check(blue.len() == 1 && blue[0].name == "Lamp", "the enum query filters");
    let tagged = client.items().list_items().tag(vec!["desk".into(), "light".into()]).await.expect("GET /items?tag");
    check(tagged.len() == 1 && tagged[0].id == 1, "a repeated query parameter carries every value");
    let none = client.items().list_items().tag(vec!["desk".into(), "garden".into()]).await.expect("GET /items?tag");
    check(none.is_empty(), "every tag must match");
    let prefixed = client.items().list_items().name_prefix("Ch").limit(1).await.expect("GET /items?namePrefix");
    check(prefixed.len() == 1 && prefixed[0].name == "Chair", "a renamed query parameter arrives");
    let limited = client.items().list_items().limit(1).await.expect("GET /items?limit");
    check(limited.len() == 1 && limited[0].id == 1, "the limit applies");

    // A path parameter, and a documented 404 as a typed error.
    let fetched = client.items().get_item(1).await.expect("GET /items/1");
    check(fetched == created, "an item reads back as it was created");
    match client.items().get_item(99).await {
        Err(Error::Api(error)) => match error.error {
            GetItemError::NotFound(not_found) => check(not_found.detail == "no item 99", "the 404 body decodes"),
            other => panic!("expected NotFound, got {other:?}"),
        },
        other => panic!("expected a 404, got {other:?}"),
    }

    // PUT with an optional header, set and unset.
    let stool = ItemCreate::new("Stool", 5.0);
    let replaced = client.items().replace_item(2, &stool).x_user("carol").await.expect("PUT /items/2");
    check(replaced.name == "Stool" && replaced.created_by.as_deref() == Some("carol"), "the optional header arrives");
    let replaced = client.items().replace_item(2, &stool).await.expect("PUT /items/2");
    check(replaced.created_by.is_none(), "an unset optional header is not sent");
    match client.items().replace_item(42, &stool).await {
        Err(Error::Api(error)) => check(matches!(error.error, ReplaceItemError::NotFound(_)), "PUT of a missing item"),
        other => panic!("expected a 404, got {other:?}"),
    }

    // A request FastAPI rejects comes back as its typed 422 HTTPValidationError.
    match client.items().create_item("ann", &ItemCreate::new("reserved", 1.0)).await {
        Err(Error::Api(error)) => {
            check(error.status.as_u16() == 422, "the status is 422");
            let CreateItemError::UnprocessableEntity(rejected) = error.error else {
                panic!("expected UnprocessableEntity, got {:?}", error.error)
            };
            let detail = rejected.detail.expect("FastAPI lists the errors");
            check(detail.len() == 1, "one error");
            let location = [LocItem::String("body".into()), LocItem::String("name".into())];
            check(detail[0].loc == location, "the error locates the field");
            check(detail[0].msg.contains("this name is reserved"), "the server's message arrives");
            check(detail[0].input == Some(serde_json::json!("reserved")), "the rejected input is echoed");
        }
        other => panic!("expected a 422, got {other:?}"),
    }

    // What the schema constrains is checked before anything is sent.
    match client.items().create_item("ann", &ItemCreate::new("", 1.0)).await {
        Err(Error::Validation(violation)) => check(violation.to_string().contains("minLength"), "minLength is checked"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    match client.items().get_item(0).await {
        Err(Error::Validation(violation)) => check(violation.to_string().contains("minimum"), "minimum is checked"),
        other => panic!("expected a validation error, got {other:?}"),
    }

    // DELETE answers 204 with no body; the item is gone after.
    client.items().delete_item(2).await.expect("DELETE /items/2");
    match client.items().delete_item(2).await {
        Err(Error::Api(error)) => check(matches!(error.error, DeleteItemError::NotFound(_)), "a second DELETE is 404"),
        other => panic!("expected a 404, got {other:?}"),
    }
    let remaining = client.items().list_items().await.expect("GET /items");
    check(remaining.iter().map(|item| item.id).eq([1]), "only the first item remains");

    // Server-sent events, read event by event: typed ticks. The server drops the first
    // connection after two ticks; the client reconnects with `Last-Event-ID: 2` after the
    // server's `retry: 50` and the server resumes from tick 3, then ends the stream cleanly.
    let mut events = client.events().stream_ticks().count(5).drop_after(2).events();
    let mut ticks = Vec::new();
    while let Some(event) = events.next_event().await {
        let event = event.expect("a tick, or a reconnection");
        check(event.event == "tick", "the event type is `tick`");
        check(event.id == Some(event.data.seq.to_string()), "the event ID is the tick's number");
        ticks.push((event.data.seq, event.data.message, event.data.resumed_after));
    }
    let expected: Vec<(i64, String, Option<String>)> = (1..=5)
        .map(|seq| (seq, format!("tick {seq}"), (seq > 2).then(|| "2".to_owned())))
        .collect();
    check(ticks == expected, "every tick once, the last three from the reconnection after tick 2");

    // Without reconnection, the dropped connection ends the stream with its error.
    let mut events = client.events().stream_ticks().count(5).drop_after(1).events_with(Reconnect::never());
    check(events.next_event().await.is_some_and(|event| event.is_ok()), "the first tick arrives");
    check(matches!(events.next_event().await, Some(Err(Error::Transport(_)))), "then the drop is an error");
    check(events.next_event().await.is_none(), "and the stream ends");

    println!("fastapi client: all {checks} checks hold");
}
