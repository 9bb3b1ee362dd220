// A macro of the generated code: the generator appends it to the runtime's
// `mod.rs` when an API has integer enums.

/// The wire value of an integer enum whose last variant holds values the
/// client does not know: `value`, `From<i64>`, `Display` and serde.
macro_rules! int_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? } else $other:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$other(other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
pub(crate) use int_enum;

#[cfg(test)]
mod int_enum_tests {
    /// An integer enum as generated code has them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Level {
        Low,
        Other(i64),
    }

    crate::runtime::int_enum!(Level { Low = 1 } else Other);

    #[test]
    fn known_and_unknown_values_round_trip() {
        assert_eq!(Level::from(1), Level::Low);
        assert_eq!(Level::Other(7).value(), 7);
        assert_eq!(Level::Low.to_string(), "1");
        let read: Vec<Level> = serde_json::from_str("[1,7]").expect("integers");
        assert_eq!(read, [Level::Low, Level::Other(7)]);
        assert_eq!(serde_json::to_string(&read).ok().as_deref(), Some("[1,7]"));
    }
}
