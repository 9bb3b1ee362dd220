//! What real servers send decodes into the type the schema states: naive
//! date-times, integers with decimal bounds, `allOf` members refining a
//! property, unions tagged by a constant, and three-state optional nullable
//! properties in request bodies, against a loopback server where it matters.

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::values::types::{AudioData, AudioListing, Bundle, Entry, Event, EventPatch, Item, Pet};
use crate::fixtures::values::{Client, Error};

fn encode(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).expect("encodes")
}

/// Decodes `value`, and encodes what was decoded (for types both sent and received).
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: serde_json::Value) -> (T, serde_json::Value) {
    let decoded: T = serde_json::from_value(value).expect("decodes");
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    (decoded, encoded)
}

#[test]
fn naive_date_times_as_fastapi_and_dotnet_send_them_decode_and_encode_unchanged() {
    let sent = json!({"at": "2026-01-02T03:04:05", "day": "2026-01-02T00:00:00", "note": null});
    let event: Event = serde_json::from_value(sent).expect("decodes");
    assert_eq!(event.at.offset(), None, "no offset was sent, none is invented");
    assert_eq!(event.at.to_utc().to_rfc3339(), "2026-01-02T03:04:05+00:00", "read as UTC");
    assert_eq!(event.day.map(|day| day.to_string()).as_deref(), Some("2026-01-02"));
    assert_eq!(event.note, None, "a received-only type reads null and absent alike");
    // `Event` is only received, so it derives only `Deserialize`; its values encode as read.
    assert_eq!(encode(&event.at), json!("2026-01-02T03:04:05"));
    assert_eq!(encode(&event.day), json!("2026-01-02"));

    let event: Event = serde_json::from_value(json!({"at": "2018-01-01T03:33:33.02"})).expect("decodes");
    assert_eq!(event.at.naive_local().and_utc().timestamp_subsec_millis(), 20);
    assert_eq!(encode(&event.at), json!("2018-01-01T03:33:33.020"));
    let event: Event = serde_json::from_value(json!({"at": "2026-01-02T03:04:05.123+02:00"})).expect("decodes");
    assert_eq!(encode(&event.at), json!("2026-01-02T03:04:05.123+02:00"), "an offset is kept");
}

#[tokio::test]
async fn date_times_and_dates_travel_in_queries_as_written() {
    let server = MockServer::start().await;
    Mock::given(path("/events"))
        .and(query_param("since", "2026-01-02T03:04:05"))
        .and(query_param("day", "2026-01-02"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"at": "2026-01-02T03:04:06"}])))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("valid");
    let since = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).and_then(|day| day.and_hms_opt(3, 4, 5)).expect("valid");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("valid");
    let events = client.list_events().since(since).day(day).await.expect("200");
    assert_eq!(events[0].at.to_string(), "2026-01-02T03:04:06");
}

#[tokio::test]
async fn integers_with_decimal_bounds_are_integers_and_the_bounds_are_checked() {
    let event: Event =
        serde_json::from_value(json!({"at": "2026-01-02T03:04:05", "attendees": 40, "rounded": 3})).expect("decodes");
    let attendees: Option<i64> = event.attendees;
    assert_eq!(attendees, Some(40));
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).build().expect("valid");
    let error = client.list_events().limit(0).await.expect_err("`minimum: 1.0` is checked");
    assert!(matches!(&error, Error::Validation(violation) if violation.path() == "limit"), "{error:?}");
    let error = client.list_events().limit(101).await.expect_err("`maximum: 1e2` is checked");
    assert!(error.to_string().contains("maximum 100"), "{error}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[test]
fn an_all_of_member_refines_a_free_form_property_to_its_type() {
    let listing: AudioListing =
        serde_json::from_value(json!({"href": "/a", "attributes": {"title": "Morning", "seconds": 60}}))
            .expect("decodes");
    let attributes: Option<AudioData> = listing.attributes;
    assert_eq!(attributes.as_ref().map(|data| data.title.as_str()), Some("Morning"));
    assert_eq!(attributes.map(|data| data.seconds), Some(Some(60)));
}

#[test]
fn unions_whose_members_fix_a_property_are_tagged_by_it() {
    let (entry, encoded) = round_trip::<Entry>(json!({"kind": "bundle", "items": ["a", "b"]}));
    assert!(matches!(&entry, Entry::Bundle(Bundle { items, .. }) if items == &["a", "b"]), "{entry:?}");
    assert_eq!(encoded, json!({"kind": "bundle", "items": ["a", "b"]}));
    let (entry, _) = round_trip::<Entry>(json!({"kind": "item", "name": "pen"}));
    assert!(matches!(&entry, Entry::Item(Item { name, .. }) if name == "pen"), "{entry:?}");
    let (entry, encoded) = round_trip::<Entry>(json!({"kind": "voucher", "code": "X"}));
    assert!(matches!(entry, Entry::Unknown(_)), "an unknown tag keeps the value");
    assert_eq!(encoded, json!({"kind": "voucher", "code": "X"}));
    // The tag decides: a bundle with a wrong shape is an error, not another variant.
    assert!(serde_json::from_value::<Entry>(json!({"kind": "bundle", "name": "pen"})).is_err());
}

#[test]
fn an_enum_mixing_kinds_and_required_beside_a_union_are_typed() {
    use crate::fixtures::values::types::{Format, Statement};
    for value in [json!("json"), json!(""), json!(1)] {
        let (_, encoded) = round_trip::<Format>(value.clone());
        assert_eq!(encoded, value);
    }
    let (statement, _) = round_trip::<Statement>(json!({"number": "7", "balance": 2.5}));
    assert!(matches!(statement, Statement::StatementOption1(_) | Statement::StatementOption2(_)), "{statement:?}");
    assert!(serde_json::from_value::<Statement>(json!({"balance": 2.5})).is_err(), "`number` is required either way");
}

#[test]
fn untagged_members_declared_after_their_union_are_tried_most_specific_first() {
    let (pet, _) = round_trip::<Pet>(json!({"name": "Rex", "bark": true}));
    assert!(matches!(pet, Pet::Dog(_)), "the member with more required properties first: {pet:?}");
    let (pet, _) = round_trip::<Pet>(json!({"name": "Tom"}));
    assert!(matches!(pet, Pet::Cat(_)), "{pet:?}");
}

#[tokio::test]
async fn a_patch_body_tells_absent_null_and_a_value_apart() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/events/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"at": "2026-01-02T03:04:05", "note": null})))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("valid");
    let ends = chrono::NaiveDate::from_ymd_opt(2026, 1, 3).and_then(|day| day.and_hms_opt(0, 0, 0)).expect("valid");
    let patches = [
        (EventPatch { title: Some("Lunch".into()), ..EventPatch::default() }, json!({"title": "Lunch"})),
        (EventPatch { note: Some(None), ..EventPatch::default() }, json!({"note": null})),
        (
            EventPatch { note: Some(Some("bring".into())), ends: Some(Some(ends.into())), ..EventPatch::default() },
            json!({"note": "bring", "ends": "2026-01-03T00:00:00"}),
        ),
        (EventPatch { ends: Some(None), ..EventPatch::default() }, json!({"ends": null})),
    ];
    for (patch, _) in &patches {
        let stored = client.patch_event(7, patch).await.expect("200");
        assert_eq!(stored.note, None, "a received-only type reads null as None");
    }
    let sent: Vec<serde_json::Value> = server
        .received_requests()
        .await
        .expect("recording")
        .iter()
        .map(|request| request.body_json().expect("JSON"))
        .collect();
    let expected: Vec<serde_json::Value> = patches.into_iter().map(|(_, body)| body).collect();
    assert_eq!(sent, expected);

    let too_long = EventPatch { note: Some(Some("far too long".into())), ..EventPatch::default() };
    let error = client.patch_event(7, &too_long).await.expect_err("maxLength 5 applies to the value");
    assert!(matches!(&error, Error::Validation(violation) if violation.path() == "note"), "{error:?}");
    // `anyOf: [{$ref}, {nullable: true, enum: [null]}]` is a nullable reference.
    let label: Option<Option<crate::fixtures::values::types::Label>> = Some(None);
    let patch = EventPatch { label, title: Some("x".into()), ..EventPatch::default() };
    assert_eq!(encode(&patch), json!({"label": null, "title": "x"}));
}

#[test]
fn approximations_are_warnings_with_their_pointers() {
    let spec = crate::support::fixture("types_values.yaml");
    let generated = openapi_clientgen::generate_file(&spec, &openapi_clientgen::Config::default()).expect("generates");
    let warnings: Vec<String> = generated.diagnostics.iter().map(ToString::to_string).collect();
    let at = |pointer: &str| warnings.iter().any(|warning| warning.contains(pointer));
    assert!(at("#/components/schemas/Event/properties/rounded/minimum"), "{warnings:#?}");
    assert!(at("#/components/schemas/Clash/allOf/1/properties/id"), "{warnings:#?}");
    assert_eq!(warnings.len(), 2, "nothing else is approximated: {warnings:#?}");
}
