//! Casing: words of a raw name, `snake_case` and `UpperCamelCase`
//! identifiers, and keywords escaped.

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
    // heck splits "OAuth" into "o_auth" and "APIs" into "ap_is"; each is one word.
    let cased = plural_acronyms(&words(raw)).to_snake_case().replace("o_auth", "oauth");
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

/// `APIs` → `APIS`, `IDs` → `IDS`: an acronym's plural `s` stays in its word.
fn plural_acronyms(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        let acronym_before =
            index >= 2 && chars[index - 1].is_ascii_uppercase() && chars[index - 2].is_ascii_uppercase();
        let word_ends = chars.get(index + 1).is_none_or(|next| !next.is_ascii_lowercase());
        out.push(if c == 's' && acronym_before && word_ends { 'S' } else { c });
    }
    out
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

/// Splits `raw` into words: anything but ASCII letters and digits separates
/// them, a capital after a lower-case letter or a digit starts a new word,
/// and so does the last capital of an acronym before a lower-case letter
/// (`APIErrorV2Dto` → `API`, `Error`, `V2`, `Dto`).
pub(super) fn split_words(raw: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = raw.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            continue;
        }
        let previous = index.checked_sub(1).and_then(|before| chars.get(before)).copied();
        let next_is_lower = chars.get(index + 1).is_some_and(char::is_ascii_lowercase);
        let boundary = c.is_ascii_uppercase()
            && previous.is_some_and(|previous| {
                previous.is_ascii_lowercase()
                    || previous.is_ascii_digit()
                    || (previous.is_ascii_uppercase() && next_is_lower)
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}
