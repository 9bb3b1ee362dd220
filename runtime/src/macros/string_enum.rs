// A macro of the generated code: the generator appends it to the runtime's
// `mod.rs` when an API has string enums.

/// The wire text of a string enum whose last variant holds values the client
/// does not know: `as_str`, `Display`, `FromStr` and serde, written once here
/// instead of for every enum.
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } else $other:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match value {
                    $($wire => Self::$variant,)*
                    other => Self::$other(other.to_owned()),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(match text.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$other(text),
                })
            }
        }
    };
}
pub(crate) use string_enum;

#[cfg(test)]
mod string_enum_tests {
    /// A string enum as generated code has them.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Color {
        Red,
        Other(String),
    }

    crate::runtime::string_enum!(Color { Red = "red" } else Other);

    #[test]
    fn known_and_unknown_values_round_trip() {
        assert_eq!("red".parse::<Color>(), Ok(Color::Red));
        assert_eq!(Color::Other("teal".to_owned()).to_string(), "teal");
        let read: Vec<Color> = serde_json::from_str(r#"["red","teal"]"#).expect("strings");
        assert_eq!(read, [Color::Red, Color::Other("teal".to_owned())]);
        assert_eq!(serde_json::to_string(&read).ok().as_deref(), Some(r#"["red","teal"]"#));
    }
}
