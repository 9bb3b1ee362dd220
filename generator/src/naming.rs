//! The only place identifiers are made: casing, keywords, and scopes that
//! keep names collision-free. Every Rust name is paired with the wire name it
//! came from by the caller, so serde can always round-trip the original.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Keeps ASCII letters and digits; everything else separates words.
fn words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// A `snake_case` identifier (field, parameter, method, module) for `raw`.
pub fn snake(raw: &str) -> String {
    // heck splits "OAuth" into "o_auth"; the word is one word.
    let cased = words(raw).to_snake_case().replace("o_auth", "oauth");
    let cased = if cased.is_empty() { "value".to_owned() } else { cased };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) { format!("n{cased}") } else { cased };
    escape_keyword(cased)
}

/// An `UpperCamelCase` identifier (type, variant) for `raw`.
pub fn pascal(raw: &str) -> String {
    let cased = words(raw).to_upper_camel_case();
    let cased = if cased.is_empty() { "Value".to_owned() } else { cased };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) { format!("N{cased}") } else { cased };
    escape_keyword(cased)
}

fn escape_keyword(name: String) -> String {
    if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The name without a raw-identifier prefix, for deriving other names from it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A set of names in one Rust namespace; claiming a taken name yields a
/// numbered variant (`Name2`, `name_2`), so the result depends only on the
/// order of claims.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|name| (*name).to_owned()).collect() }
    }

    /// Claims `wanted`, or the first free numbered variant of it.
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = unraw(wanted).trim_end_matches('_');
        // `Name2` for type-like names, `name_2` for snake_case ones.
        let separator = if base.starts_with(|c: char| c.is_ascii_uppercase()) { "" } else { "_" };
        let mut candidate = wanted.to_owned();
        let mut counter = 2;
        while self.taken.contains(unraw(&candidate)) {
            candidate = format!("{base}{separator}{counter}");
            counter += 1;
        }
        self.taken.insert(unraw(&candidate).to_owned());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_names_are_valid_identifiers() {
        assert_eq!(snake("TenantId"), "tenant_id");
        assert_eq!(snake("SearchByMetaData"), "search_by_meta_data");
        assert_eq!(snake("OAuthToken"), "oauth_token");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(snake("x-rate-limit"), "x_rate_limit");
        assert_eq!(snake("@id"), "id");
        assert_eq!(snake(""), "value");
    }

    #[test]
    fn pascal_case_names_are_valid_identifiers() {
        assert_eq!(pascal("customer dto"), "CustomerDto");
        assert_eq!(pascal("XPM"), "Xpm");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("1st"), "N1st");
        assert_eq!(pascal("-"), "Value");
    }

    #[test]
    fn scopes_number_collisions_deterministically() {
        let mut scope = Scope::with_reserved(&["client"]);
        assert_eq!(scope.claim("client"), "client_2");
        assert_eq!(scope.claim("foo_bar"), "foo_bar");
        assert_eq!(scope.claim("foo_bar"), "foo_bar_2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
        let mut types = Scope::default();
        assert_eq!(types.claim("Pet"), "Pet");
        assert_eq!(types.claim("Pet"), "Pet2");
        assert_eq!(types.claim("Self_"), "Self_");
        assert_eq!(types.claim("Self_"), "Self2");
    }
}
