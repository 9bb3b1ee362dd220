// A macro of the generated code: the generator appends it to the runtime's
// `mod.rs` when an API has structs that responses hold.

/// `Deserialize` for a struct a response holds, from one line per field:
/// `name: optional("wire")` (absent or `null` is `None`), `required("wire")`,
/// `nullable("wire")` (`Option<Option<T>>`: absent, `null` or a value) and
/// `defaulted("wire", function)`; `..name` collects the properties no field
/// names into that map. Unknown properties are skipped; of a property sent
/// twice, the last counts.
///
/// serde's derive writes a field enum, a sequence visitor and a map visitor
/// for every struct: about four times the code, which every crate using the
/// client compiles (on Stripe, over half of all the code macros expand to).
macro_rules! object {
    ($name:ident { $($field:ident: $mode:ident($wire:literal $(, $default:path)?)),* $(,)? $(..$rest:ident)? }) => {
        // Generic and item names start with `__` (as serde's derive does): a
        // schema may well be called `Visitor` or `A`.
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                struct __Visitor;

                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;

                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str(concat!("an object (", stringify!($name), ")"))
                    }

                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> ::std::result::Result<$name, __A::Error> {
                        $(let mut $field = ::std::option::Option::None;)*
                        $(let mut $rest = ::std::collections::BTreeMap::new();)?
                        // `match` and `return` rather than `?`: type-checking each `?`
                        // costs as much again as the rest of the function.
                        while let ::std::option::Option::Some(key) = map.next_key::<crate::runtime::Key<'de>>()? {
                            match key.as_str() {
                                $($wire => match map.next_value() {
                                    ::std::result::Result::Ok(value) => $field = ::std::option::Option::Some(value),
                                    ::std::result::Result::Err(error) => return ::std::result::Result::Err(error),
                                },)*
                                _ => {
                                    $(
                                        $rest.insert(key.into_owned(), map.next_value()?);
                                        continue;
                                    )?
                                    #[allow(unreachable_code)]
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::std::result::Result::Ok($name {
                            $($field: crate::runtime::object!(@take $mode $field $wire $(, $default)?),)*
                            $($rest,)?
                        })
                    }
                }

                deserializer.deserialize_map(__Visitor)
            }
        }
    };
    (@take optional $field:ident $wire:literal) => {
        $field.flatten()
    };
    (@take nullable $field:ident $wire:literal) => {
        $field
    };
    (@take required $field:ident $wire:literal) => {
        match $field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => return ::std::result::Result::Err(::serde::de::Error::missing_field($wire)),
        }
    };
    (@take defaulted $field:ident $wire:literal, $default:path) => {
        $field.unwrap_or_else($default)
    };
}
pub(crate) use object;

#[cfg(test)]
mod object_tests {
    use std::collections::BTreeMap;

    /// A struct as generated code has them.
    #[derive(Debug, PartialEq)]
    struct Item {
        id: i64,
        kind: String,
        note: Option<String>,
        label: Option<Option<String>>,
        size: i64,
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl Item {
        fn default_size() -> i64 {
            3
        }
    }

    crate::runtime::object!(Item {
        id: required("id"),
        kind: required("type"),
        note: optional("note"),
        label: nullable("label"),
        size: defaulted("size", Item::default_size),
        ..extra
    });

    #[test]
    fn each_kind_of_field_reads_as_serde_would() {
        let item: Item = serde_json::from_str(r#"{"type":"pen","id":1,"note":null,"x":[1]}"#).expect("an item");
        let expected = Item {
            id: 1,
            kind: "pen".to_owned(),
            note: None,
            label: None,
            size: 3,
            extra: BTreeMap::from([("x".to_owned(), serde_json::json!([1]))]),
        };
        assert_eq!(item, expected);
        let item: Item = serde_json::from_str(r#"{"type":"pen","id":1,"label":null,"size":9}"#).expect("an item");
        assert_eq!((item.label, item.size), (Some(None), 9));
        let item: Item = serde_json::from_value(serde_json::json!({"type": "pen", "id": 1, "label": "a"})).expect("an item");
        assert_eq!(item.label, Some(Some("a".to_owned())));
    }

    #[test]
    fn a_missing_field_and_a_wrong_type_are_errors_with_their_path() {
        let error = serde_json::from_str::<Item>(r#"{"type":"pen"}"#).expect_err("no id");
        assert!(error.to_string().contains("missing field `id`"), "{error}");
        let error = crate::runtime::json::<Item>(br#"{"id":1,"type":2}"#).expect_err("a number is not a string");
        assert_eq!(error.path, "type");
        assert!(serde_json::from_str::<Item>("[1]").is_err(), "not an object");
    }
}
