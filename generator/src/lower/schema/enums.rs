//! Enums: variant names for string and integer values, with a catch-all
//! variant so values a newer server sends still decode.

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{IntEnum, StringEnum, Variant};
use crate::naming::{pascal, Scope};

/// A string enum; duplicate values are listed once.
pub(super) fn string_enum<'v>(values: impl Iterator<Item = &'v String>) -> StringEnum {
    let mut scope = Scope::default();
    let mut variants: Vec<Variant> = Vec::new();
    for value in values {
        if variants.iter().all(|variant| &variant.wire_value != value) {
            variants.push(Variant { name: scope.claim(&value_name(value)), wire_value: value.clone() });
        }
    }
    StringEnum { variants, catch_all: scope.claim("Unknown") }
}

/// An integer enum, named by `x-enum-varnames` when the spec gives them.
pub(super) fn int_enum(values: &[i64], names: Option<Vec<String>>) -> IntEnum {
    let names = names.filter(|names| names.len() == values.len());
    let mut scope = Scope::default();
    let mut variants: Vec<(String, i64)> = Vec::new();
    for (index, value) in values.iter().enumerate() {
        if variants.iter().any(|(_, existing)| existing == value) {
            continue;
        }
        let wanted = match &names {
            Some(names) => pascal(&names[index]),
            None if *value < 0 => format!("ValueMinus{}", value.unsigned_abs()),
            None => format!("Value{value}"),
        };
        variants.push((scope.claim(&wanted), *value));
    }
    IntEnum { variants, catch_all: scope.claim("Unknown") }
}

/// `x-enum-varnames` (or `x-enumNames`), the widely used extension naming enum values.
pub(super) fn varnames(extensions: &IndexMap<String, Value>) -> Option<Vec<String>> {
    let names = extensions.get("x-enum-varnames").or_else(|| extensions.get("x-enumNames"))?;
    names.as_array()?.iter().map(|name| name.as_str().map(str::to_owned)).collect()
}

/// A variant name for a value; values without letters or digits are spelled out.
fn value_name(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_owned();
    }
    if value.chars().any(|c| c.is_ascii_alphanumeric()) {
        return pascal(value);
    }
    let spelled: Vec<&str> = value.chars().map(symbol_name).collect();
    pascal(&spelled.join(" "))
}

fn symbol_name(symbol: char) -> &'static str {
    match symbol {
        '-' => "minus",
        '+' => "plus",
        '*' => "star",
        '/' => "slash",
        '\\' => "backslash",
        '.' => "dot",
        ',' => "comma",
        ':' => "colon",
        ';' => "semicolon",
        '_' => "underscore",
        ' ' => "space",
        '=' => "equals",
        '<' => "less than",
        '>' => "greater than",
        '!' => "bang",
        '?' => "question",
        '@' => "at",
        '#' => "hash",
        '$' => "dollar",
        '%' => "percent",
        '&' => "and",
        '|' => "pipe",
        '~' => "tilde",
        '^' => "caret",
        '(' | ')' => "paren",
        '[' | ']' => "bracket",
        '{' | '}' => "brace",
        _ => "symbol",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awkward_values_get_distinct_readable_names() {
        let values: Vec<String> = ["-", "", "1st", "foo bar", "Foo", "foo", "+", "Unknown"].map(String::from).to_vec();
        let names: Vec<String> = string_enum(values.iter()).variants.into_iter().map(|variant| variant.name).collect();
        assert_eq!(names, ["Minus", "Empty", "N1st", "FooBar", "Foo", "Foo2", "Plus", "Unknown"]);
        assert_eq!(string_enum(values.iter()).catch_all, "Unknown2");
    }

    #[test]
    fn integer_variants_use_varnames_when_given() {
        let plain = int_enum(&[1, -2, 1], None);
        assert_eq!(plain.variants, [("Value1".to_owned(), 1), ("ValueMinus2".to_owned(), -2)]);
        let named = int_enum(&[0, 1], Some(vec!["low".into(), "HIGH".into()]));
        assert_eq!(named.variants, [("Low".to_owned(), 0), ("High".to_owned(), 1)]);
    }
}
