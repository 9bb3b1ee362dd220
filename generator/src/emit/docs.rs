//! Doc comments from spec text, made safe for rustdoc: no accidental
//! doctests, intra-doc links or HTML, and URLs as autolinks.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

use super::deferred;
use crate::ir::Docs;

/// `#[doc]` attributes for `docs`, plus `extra` paragraphs written by the generator.
pub fn doc_attrs(docs: &Docs, extra: &[String]) -> TokenStream {
    lines(&doc_text(docs, extra))
}

/// The text of [`doc_attrs`]: a line per `///` line.
pub fn doc_text(docs: &Docs, extra: &[String]) -> String {
    let mut paragraphs: Vec<String> = docs.summary.iter().chain(&docs.description).map(|text| sanitize(text)).collect();
    if docs.deprecated {
        paragraphs.push("**Deprecated** in the API description.".to_owned());
    }
    paragraphs.extend(extra.iter().cloned());
    paragraphs.join("\n\n")
}

/// The lines of doc `text`, each after `prefix` (indentation and `///`), as
/// prettyplease prints [`lines`]' attributes: trailing spaces trimmed.
pub fn write_doc_lines(prefix: &str, text: &str, out: &mut String) {
    for line in super::text::lines(text) {
        out.push_str(prefix);
        let kept = line.trim_end_matches(' ');
        if !kept.is_empty() {
            out.push(' ');
            out.push_str(kept);
        }
        out.push('\n');
    }
}

/// The text of the spec's docs, or of `fallback` when it has none (every
/// public item is documented).
pub fn doc_text_or(docs: &Docs, fallback: &str) -> String {
    if docs.summary.is_some() || docs.description.is_some() {
        doc_text(docs, &[])
    } else {
        doc_text(docs, &[fallback.to_owned()])
    }
}

/// `#[doc]` attributes for text the generator wrote itself (already valid Markdown).
pub fn lines(text: &str) -> TokenStream {
    if let Some(marker) = deferred::doc(text) {
        return quote! { #[doc = #marker] };
    }
    let lines = text.lines().map(doc_line);
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc]` attributes, documenting the enclosing module.
pub fn inner_lines(text: &str) -> TokenStream {
    if let Some(marker) = deferred::doc(text) {
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

/// Spec text as Markdown that renders as the author meant and never runs as code.
pub fn sanitize(text: &str) -> String {
    let text = if text.contains('\r') { text.replace("\r\n", "\n").into() } else { Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_fence = false;
    for (index, line) in super::text::lines(&text).enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let line = line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            // Fenced code in a description is an example, never a doctest.
            out.push_str(if in_fence { "```" } else { "```text" });
            in_fence = !in_fence;
        } else if in_fence {
            out.push_str(line);
        } else {
            escape_line(line, &mut out);
        }
    }
    if in_fence {
        out.push_str("\n```");
    }
    out
}

/// Appends `line` to `out` with Markdown markup escaped and URLs made autolinks.
fn escape_line(line: &str, out: &mut String) {
    if !line.contains(['[', ']', '<', '>', '\\', '|']) && !line.contains("://") {
        out.push_str(line);
        return;
    }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_autolinks_and_markup_is_escaped() {
        assert_eq!(sanitize("See https://x.io/a."), "See <https://x.io/a>.");
        assert_eq!(sanitize("a [link] <b> `c`"), "a \\[link\\] \\<b\\> `c`");
        assert_eq!(sanitize("Windows\r\nline ends | pipes"), "Windows\nline ends \\| pipes");
    }

    #[test]
    fn indented_and_fenced_text_never_becomes_a_doctest() {
        assert_eq!(sanitize("intro\n\n    let x = 1;"), "intro\n\nlet x = 1;");
        assert_eq!(sanitize("```\nfn x() {}\n```"), "```text\nfn x() {}\n```");
        assert_eq!(sanitize("```json\n{}"), "```text\n{}\n```");
    }
}
