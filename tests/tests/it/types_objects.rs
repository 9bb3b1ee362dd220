//! Objects: required, optional and nullable members, read/write-only ones,
//! defaults applied on decode, maps and free-form values.

use std::collections::BTreeMap;

use serde_json::json;

use crate::fixtures::objects::types::{Account, Extensible, Plan, Settings, Status};

#[test]
fn defaults_apply_when_members_are_absent() {
    let account: Account =
        serde_json::from_value(json!({"id": "a1", "name": "Ann", "nickname": null})).expect("decodes");
    assert_eq!(account.plan, Plan::Free);
    assert_eq!(account.retries, 3);
    assert_eq!(account.ratio, 0.5);
    assert!(!account.verbose);
    assert_eq!(account.label, "none");
    assert_eq!(account.note, None);
    assert_eq!(account.id.as_deref(), Some("a1"));
    assert_eq!(account.secret, None, "write-only members are not required in responses");
}

#[test]
fn required_nullable_is_sent_as_null_and_optional_is_omitted() {
    let account = Account::new("Ann", None);
    let value = serde_json::to_value(&account).expect("encodes");
    assert_eq!(
        value,
        json!({"name": "Ann", "nickname": null, "plan": "free", "retries": 3, "ratio": 0.5, "verbose": false, "label": "none"})
    );
}

#[test]
fn a_full_example_round_trips() {
    let example = json!({
        "id": "a1", "name": "Ann", "nickname": "annie", "note": "n", "secret": "s", "status": "closed",
        "plan": "pro", "retries": 5, "ratio": 1.25, "verbose": true, "label": "x", "legacy": "old",
        "metadata": {"b": "2", "a": "1"}, "anything": {"k": [1, {"z": null}]}, "freeForm": {"deep": {"er": 1}},
        "empty": [true, "x"]
    });
    let account: Account = serde_json::from_value(example.clone()).expect("decodes");
    assert_eq!(account.status, Some(Status::Closed));
    assert_eq!(account.metadata.as_ref().and_then(|map| map.get("a")).map(String::as_str), Some("1"));
    assert_eq!(account.free_form, Some(json!({"deep": {"er": 1}})));
    assert_eq!(account.empty, Some(json!([true, "x"])));
    assert_eq!(serde_json::to_value(&account).expect("encodes"), example);
}

#[test]
fn additional_properties_beside_listed_ones_are_kept() {
    let example = json!({"kind": "k", "x": 1, "y": -2});
    let value: Extensible = serde_json::from_value(example.clone()).expect("decodes");
    assert_eq!(value.kind.as_deref(), Some("k"));
    assert_eq!(value.additional_properties, BTreeMap::from([("x".to_owned(), 1), ("y".to_owned(), -2)]));
    assert_eq!(serde_json::to_value(&value).expect("encodes"), example);
    assert!(serde_json::from_value::<Extensible>(json!({"kind": "k", "x": "not an integer"})).is_err());
}

#[test]
fn default_applies_the_specs_defaults() {
    let settings = Settings::default();
    assert_eq!(settings.theme, "dark");
    assert_eq!(settings.page_size, 25);
    assert_eq!(settings.status, Status::Active);
    let decoded: Settings = serde_json::from_value(json!({})).expect("decodes");
    assert_eq!(decoded, settings);
}
