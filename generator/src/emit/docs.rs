//! Doc comments from spec text, made safe for rustdoc: no accidental
//! doctests, intra-doc links or HTML, and URLs as autolinks.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// `#[doc]` attributes for `docs`, plus `extra` paragraphs written by the generator.
pub fn doc_attrs(docs: &Docs, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<String> = docs.summary.iter().chain(&docs.description).map(|text| sanitize(text)).collect();
    if docs.deprecated {
        paragraphs.push("**Deprecated** in the API description.".to_owned());
    }
    paragraphs.extend(extra.iter().cloned());
    lines(&paragraphs.join("\n\n"))
}

/// The spec's docs, or `fallback` when it has none (every public item is documented).
pub fn doc_attrs_or(docs: &Docs, fallback: &str) -> TokenStream {
    if docs.summary.is_some() || docs.description.is_some() {
        doc_attrs(docs, &[])
    } else {
        doc_attrs(docs, &[fallback.to_owned()])
    }
}

/// `#[doc]` attributes for text the generator wrote itself (already valid Markdown).
pub fn lines(text: &str) -> TokenStream {
    if let Some(marker) = defer(text) {
        return quote! { #[doc = #marker] };
    }
    let lines = text.lines().map(doc_line);
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc]` attributes, documenting the enclosing module.
pub fn inner_lines(text: &str) -> TokenStream {
    if let Some(marker) = defer(text) {
        return quote! { #![doc = #marker] };
    }
    let lines = text.lines().map(doc_line);
    quote! { #( #![doc = #lines] )* }
}

/// A line of docs as its `#[doc]` attribute holds it: after a space, which
/// `///` is printed without.
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// Marks a deferred doc block in a `#[doc]` attribute, before the block's index.
pub const DEFERRED_MARK: char = '\u{1}';

thread_local! {
    /// The doc blocks deferred on this thread, while [`deferring_docs`] runs.
    static DEFERRED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `emit` with the doc blocks it makes kept out of its tokens: each is
/// one `#[doc]` attribute holding a marker ([`DEFERRED_MARK`] and an index
/// into the blocks returned), which [`crate::format::part_with_docs`] replaces
/// with the block's `///` lines once printed. Docs are a third of a large
/// API's code; as tokens, each line was escaped into a literal, parsed back
/// by syn and printed by prettyplease, only to come out as it went in.
pub fn deferring_docs(emit: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<String>) {
    let outer = DEFERRED.with(|deferred| deferred.borrow_mut().replace(Vec::new()));
    let tokens = emit();
    let blocks = DEFERRED.with(|deferred| std::mem::replace(&mut *deferred.borrow_mut(), outer));
    (tokens, blocks.unwrap_or_default())
}

/// The marker of `text` kept as a deferred block, when blocks are being
/// deferred and it has lines.
fn defer(text: &str) -> Option<String> {
    text.lines().next()?;
    DEFERRED.with(|deferred| {
        let mut deferred = deferred.borrow_mut();
        let blocks = deferred.as_mut()?;
        blocks.push(text.to_owned());
        Some(format!("{DEFERRED_MARK}{}", blocks.len() - 1))
    })
}

/// Spec text as Markdown that renders as the author meant and never runs as code.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.replace("\r\n", "\n").lines() {
        let line = line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            // Fenced code in a description is an example, never a doctest.
            out.push(if in_fence { "```".to_owned() } else { "```text".to_owned() });
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.to_owned());
        } else {
            out.push(escape_line(line));
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let url_start = ["https://", "http://"].iter().filter_map(|scheme| rest.find(scheme)).min();
        let (plain, url) = match url_start {
            Some(start) => rest.split_at(start),
            None => (rest, ""),
        };
        for c in plain.chars() {
            if matches!(c, '[' | ']' | '<' | '>' | '\\' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
        if url.is_empty() {
            break;
        }
        let end = url.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')).unwrap_or(url.len());
        let link = url[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        out.push('<');
        out.push_str(link);
        out.push('>');
        rest = &url[link.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deferred_docs_leave_one_marker_per_block_and_only_while_deferring() {
        let (tokens, blocks) = deferring_docs(|| {
            let mut tokens = lines("First line.\nSecond line.");
            tokens.extend(inner_lines("Module docs."));
            tokens.extend(lines(""));
            tokens
        });
        assert_eq!(blocks, ["First line.\nSecond line.", "Module docs."]);
        let text = tokens.to_string();
        assert_eq!(text.matches("doc").count(), 2, "{text}");
        assert!(text.contains("\\u{1}0") && text.contains("\\u{1}1"), "{text}");
        // Outside `deferring_docs`, the lines are attributes of their own.
        assert_eq!(lines("a\nb").to_string().matches("doc").count(), 2);
    }

    #[test]
    fn urls_become_autolinks_and_markup_is_escaped() {
        assert_eq!(sanitize("See https://x.io/a."), "See <https://x.io/a>.");
        assert_eq!(sanitize("a [link] <b> `c`"), "a \\[link\\] \\<b\\> `c`");
    }

    #[test]
    fn indented_and_fenced_text_never_becomes_a_doctest() {
        assert_eq!(sanitize("intro\n\n    let x = 1;"), "intro\n\nlet x = 1;");
        assert_eq!(sanitize("```\nfn x() {}\n```"), "```text\nfn x() {}\n```");
        assert_eq!(sanitize("```json\n{}"), "```text\n{}\n```");
    }
}
