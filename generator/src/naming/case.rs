//! Casing: words of a raw name, `snake_case` and `UpperCamelCase`
//! identifiers, and keywords escaped.

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A `snake_case` identifier (field, parameter, method, module) for `raw`.
pub fn snake(raw: &str) -> String {
    let mut cased = String::with_capacity(raw.len() + 4);
    for_each_word(&plural_acronyms(&separated(raw)), |word| {
        if !cased.is_empty() {
            cased.push('_');
        }
        cased.extend(word.iter().map(|byte| char::from(byte.to_ascii_lowercase())));
    });
    // "OAuth" is one word, not "o_auth".
    let cased = if cased.contains("o_auth") { cased.replace("o_auth", "oauth") } else { cased };
    let cased = if cased.is_empty() { "value".to_owned() } else { cased };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) { format!("n{cased}") } else { cased };
    escape_keyword(cased)
}

/// An `UpperCamelCase` identifier (type, variant) for `raw`.
pub fn pascal(raw: &str) -> String {
    let mut cased = String::with_capacity(raw.len());
    for_each_word(&separated(raw), |word| {
        if let Some((first, rest)) = word.split_first() {
            cased.push(char::from(first.to_ascii_uppercase()));
            cased.extend(rest.iter().map(|byte| char::from(byte.to_ascii_lowercase())));
        }
    });
    let cased = if cased.is_empty() { "Value".to_owned() } else { cased };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) { format!("N{cased}") } else { cased };
    escape_keyword(cased)
}

/// `raw`'s bytes with ASCII letters and digits kept and every other byte a
/// space (a separator).
fn separated(raw: &str) -> Vec<u8> {
    raw.bytes().map(|byte| if byte.is_ascii_alphanumeric() { byte } else { b' ' }).collect()
}

/// `APIs` → `APIS`, `IDs` → `IDS`: an acronym's plural `s` stays in its word.
fn plural_acronyms(text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    for (index, &byte) in text.iter().enumerate() {
        let acronym_before = index >= 2 && text[index - 1].is_ascii_uppercase() && text[index - 2].is_ascii_uppercase();
        let word_ends = text.get(index + 1).is_none_or(|next| !next.is_ascii_lowercase());
        if byte == b's' && acronym_before && word_ends {
            out[index] = b'S';
        }
    }
    out
}

/// Calls `each` with the words of `text` (ASCII letters, digits and spaces,
/// as [`separated`] leaves it), split as heck splits them: at spaces, before
/// a capital that follows a lower-case letter (digits in between keep the
/// case before them), and before the last capital of an acronym followed by
/// a lower-case letter (`HTTPServer` → `HTTP`, `Server`). heck does the same
/// through `fmt` and Unicode case tables; these names are ASCII by now, and
/// this is their hot path.
fn for_each_word(text: &[u8], mut each: impl FnMut(&[u8])) {
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        /// No letter since the word began.
        None,
        Lower,
        Upper,
    }
    for word in text.split(|&byte| byte == b' ') {
        let mut start = 0;
        let mut case = Case::None;
        for (index, &byte) in word.iter().enumerate() {
            let Some(&next) = word.get(index + 1) else {
                each(&word[start..]);
                break;
            };
            let case_here = if byte.is_ascii_lowercase() {
                Case::Lower
            } else if byte.is_ascii_uppercase() {
                Case::Upper
            } else {
                case
            };
            if case_here == Case::Lower && next.is_ascii_uppercase() {
                each(&word[start..=index]);
                start = index + 1;
                case = Case::None;
            } else if case == Case::Upper && byte.is_ascii_uppercase() && next.is_ascii_lowercase() {
                each(&word[start..index]);
                start = index;
                case = Case::None;
            } else {
                case = case_here;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use heck::{ToSnakeCase, ToUpperCamelCase};

    use super::*;

    /// What `snake` and `pascal` were when heck cased the words: the fast
    /// path must name everything the same.
    fn with_heck(raw: &str) -> (String, String) {
        let words: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
        let plural = String::from_utf8(plural_acronyms(words.as_bytes())).expect("ASCII");
        let snake = plural.to_snake_case().replace("o_auth", "oauth");
        let snake = if snake.is_empty() { "value".to_owned() } else { snake };
        let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("n{snake}") } else { snake };
        let pascal = words.to_upper_camel_case();
        let pascal = if pascal.is_empty() { "Value".to_owned() } else { pascal };
        let pascal = if pascal.starts_with(|c: char| c.is_ascii_digit()) { format!("N{pascal}") } else { pascal };
        (escape_keyword(snake), escape_keyword(pascal))
    }

    #[test]
    fn words_are_cased_as_heck_cases_them() {
        const ALPHABET: [char; 9] = ['a', 'B', 's', 'S', 'o', 'A', '1', '-', 'é'];
        let mut raw = Vec::new();
        let mut checked = 0;
        // Every string of up to 5 of these characters.
        fn visit(raw: &mut Vec<char>, left: usize, checked: &mut usize) {
            let text: String = raw.iter().collect();
            assert_eq!((snake(&text), pascal(&text)), with_heck(&text), "{text:?}");
            *checked += 1;
            if left == 0 {
                return;
            }
            for c in ALPHABET {
                raw.push(c);
                visit(raw, left - 1, checked);
                raw.pop();
            }
        }
        visit(&mut raw, 5, &mut checked);
        assert!(checked > 60_000);
        for text in ["OAuthToken", "APIsList", "getHTTPResponseCode", "v2Api", "ßigma", "a_b-c.d e", "IDs", "x__y"] {
            assert_eq!((snake(text), pascal(text)), with_heck(text), "{text:?}");
        }
    }
}
