//! Constraints on values a client sends: what a schema's validation keywords
//! require of a field, parameter or body, checked before a request goes out.

use std::fmt;

/// The validation keywords of a schema that the client checks, as plain data:
/// only those the value's type is checked for (string rules on strings,
/// bounds on numbers, item rules on arrays), so every one present is checked.
///
/// A value reached through `$ref` carries the constraints of the schema it
/// refers to (an alias type has no place of its own to check them).
#[derive(Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`, in characters; a minimum of 0 is no constraint and absent.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `pattern`, a regular expression the regex crate compiles (others are
    /// dropped with a warning).
    pub pattern: Option<String>,
    /// `minimum`, with OpenAPI 3.0's boolean `exclusiveMinimum`.
    pub minimum: Option<Bound>,
    /// `maximum`, with OpenAPI 3.0's boolean `exclusiveMaximum`.
    pub maximum: Option<Bound>,
    /// `multipleOf`, always greater than 0.
    pub multiple_of: Option<Number>,
    /// `minItems`; a minimum of 0 is no constraint and absent.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// The constraints of each item of an array.
    pub items: Option<Box<Constraints>>,
    /// The constraints of each value of a map (`additionalProperties`).
    pub values: Option<Box<Constraints>>,
}

impl Constraints {
    /// Whether nothing is constrained, here or in items and values.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Only what is constrained, so IR dumps stay readable.
impl fmt::Debug for Constraints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Constraints");
        let mut field = |name: &str, value: Option<&dyn fmt::Debug>| {
            if let Some(value) = value {
                out.field(name, value);
            }
        };
        field("min_length", self.min_length.as_ref().map(|value| value as &dyn fmt::Debug));
        field("max_length", self.max_length.as_ref().map(|value| value as &dyn fmt::Debug));
        field("pattern", self.pattern.as_ref().map(|value| value as &dyn fmt::Debug));
        field("minimum", self.minimum.as_ref().map(|value| value as &dyn fmt::Debug));
        field("maximum", self.maximum.as_ref().map(|value| value as &dyn fmt::Debug));
        field("multiple_of", self.multiple_of.as_ref().map(|value| value as &dyn fmt::Debug));
        field("min_items", self.min_items.as_ref().map(|value| value as &dyn fmt::Debug));
        field("max_items", self.max_items.as_ref().map(|value| value as &dyn fmt::Debug));
        field("items", self.items.as_ref().map(|value| value as &dyn fmt::Debug));
        field("values", self.values.as_ref().map(|value| value as &dyn fmt::Debug));
        out.finish()
    }
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The limit.
    pub value: Number,
    /// Whether the limit itself is excluded.
    pub exclusive: bool,
}

/// A number from a schema: integer schemas give integers, number schemas floats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// From an `integer` schema.
    Int(i64),
    /// From a `number` schema.
    Float(f64),
}
