//! Primitive types and formats: what each maps to, and that example JSON
//! decodes into it and re-encodes unchanged.

use serde_json::json;

use crate::fixtures::formats::types::Formats;

fn example() -> serde_json::Value {
    json!({
        "int32": -2147483648i64,
        "int64": 9007199254740993i64,
        "integer": -5,
        "uint32": 4294967295u64,
        "uint64": 18446744073709551615u64,
        "int8": -128,
        "int16": 32767,
        "uint8": 255,
        "uint16": 65535,
        "float": 1.5,
        "double": 0.1,
        "number": 1e300,
        "boolean": true,
        "dateTime": "2026-11-24T09:54:09Z",
        "date": "2026-11-24",
        "uuid": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "guid": "67E55044-10B1-426F-9247-BB680E5FE0C8",
        "byte": "aGVsbG8gd29ybGQ=",
        "binary": "raw",
        "email": "a@example.com",
        "uri": "https://example.com/x",
        "hostname": "example.com",
        "color": "#ff0000",
        "bytesList": ["AA==", ""]
    })
}

#[test]
fn every_format_decodes_into_its_rust_type() {
    let value: Formats = serde_json::from_value(example()).expect("example decodes");
    let int32: i32 = value.int32;
    let int64: i64 = value.int64;
    let integer: i64 = value.integer;
    let uint32: Option<u32> = value.uint32;
    let uint64: Option<u64> = value.uint64;
    let (int8, int16, uint8, uint16): (Option<i8>, Option<i16>, Option<u8>, Option<u16>) =
        (value.int8, value.int16, value.uint8, value.uint16);
    let float: f32 = value.float;
    let double: f64 = value.double;
    let number: f64 = value.number;
    let boolean: bool = value.boolean;
    let date_time: chrono::DateTime<chrono::Utc> = value.date_time.to_utc();
    let date: chrono::NaiveDate = *value.date;
    let uuid: uuid::Uuid = value.uuid;
    let guid: uuid::Uuid = value.guid;
    let byte: &[u8] = &value.byte;
    let color: &String = &value.color;
    assert_eq!((int32, int64, integer), (i32::MIN, 9_007_199_254_740_993, -5));
    assert_eq!((uint32, uint64), (Some(u32::MAX), Some(u64::MAX)));
    assert_eq!((int8, int16, uint8, uint16), (Some(i8::MIN), Some(i16::MAX), Some(u8::MAX), Some(u16::MAX)));
    assert_eq!((float, double, number, boolean), (1.5, 0.1, 1e300, true));
    assert_eq!(date_time.to_rfc3339(), "2026-11-24T09:54:09+00:00");
    assert_eq!(date.to_string(), "2026-11-24");
    assert_eq!(uuid, guid);
    assert_eq!(byte, b"hello world");
    assert_eq!(value.binary.as_ref().map(|file| file.bytes.as_slice()), Some(&b"raw"[..]));
    assert_eq!(
        (value.email.as_str(), value.uri.as_str(), value.hostname.as_str()),
        ("a@example.com", "https://example.com/x", "example.com")
    );
    assert_eq!(color, "#ff0000");
    assert_eq!(
        value.bytes_list.as_ref().map(|list| list.iter().map(|bytes| bytes.to_vec()).collect::<Vec<_>>()),
        Some(vec![vec![0u8], vec![]])
    );
}

#[test]
fn decoding_then_encoding_gives_the_same_json() {
    let value: Formats = serde_json::from_value(example()).expect("example decodes");
    let mut expected = example();
    // A GUID re-encodes in the canonical lower-case form.
    expected["guid"] = json!("67e55044-10b1-426f-9247-bb680e5fe0c8");
    assert_eq!(serde_json::to_value(&value).expect("encodes"), expected);
}

#[test]
fn out_of_range_values_are_decode_errors_naming_the_field() {
    let mut example = example();
    example["uint8"] = json!(256);
    let error = serde_json::from_value::<Formats>(example).expect_err("256 is not a u8");
    assert!(error.to_string().contains("256"), "{error}");
    let mut example = self::example();
    example["byte"] = json!("not base64!");
    assert!(serde_json::from_value::<Formats>(example).is_err());
}
