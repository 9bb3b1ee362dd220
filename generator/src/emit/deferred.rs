//! Text kept out of the tokens: what the emitter knows the final form of
//! skips the round trip through syn and prettyplease.
//!
//! While [`deferring`] runs `emit`, doc blocks and whole items whose printed
//! form is fixed are kept aside, and the tokens hold a marker in their place:
//! a `#[doc]` attribute holding [`DOC_MARK`] and the block's index, or an
//! item `__clientgen_deferred!(index);`. `format::part_with_deferred` puts
//! the text back once the tokens are printed. Docs are a third of a large
//! API's code and `object!` invocations a tenth; as tokens, each was escaped,
//! parsed back by syn and printed by prettyplease (and `object!` then
//! printed again), only to come out as it went in.
//!
//! Outside [`deferring`] nothing is kept aside: the tokens are whole.

use proc_macro2::TokenStream;
use quote::quote;

/// Marks a deferred doc block in a `#[doc]` attribute, before the block's index.
pub const DOC_MARK: char = '\u{1}';

/// The formatter's margin: the last column a line may reach before it
/// breaks it. Text written as printed keeps to it.
pub(super) const MARGIN: usize = 89;

/// The widest `runtime::into_future!` invocation the printed files keep on
/// one line (prettyplease breaks it at [`MARGIN`]; `format` joins it again).
pub const INTO_FUTURE_WIDTH: usize = 100;

/// The macro a deferred item's marker invokes.
pub const ITEM_MACRO: &str = "__clientgen_deferred";

/// What was kept out of one part's tokens.
#[derive(Debug, Default)]
pub struct Deferred {
    /// Doc blocks: their text, one line per `///` line.
    pub docs: Vec<String>,
    /// Items as printed, at the indentation of their marker.
    pub items: Vec<String>,
}

thread_local! {
    /// What is being deferred on this thread, while [`deferring`] runs.
    static DEFERRED: std::cell::RefCell<Option<Deferred>> = const { std::cell::RefCell::new(None) };
}

/// Runs `emit` with doc blocks and fixed items kept out of its tokens.
pub fn deferring(emit: impl FnOnce() -> TokenStream) -> (TokenStream, Deferred) {
    let outer = DEFERRED.with(|deferred| deferred.borrow_mut().replace(Deferred::default()));
    let tokens = emit();
    let deferred = DEFERRED.with(|deferred| std::mem::replace(&mut *deferred.borrow_mut(), outer));
    (tokens, deferred.unwrap_or_default())
}

/// The marker a `#[doc]` attribute holds for `text`, kept aside, when
/// deferring and it has lines.
pub(super) fn doc(text: &str) -> Option<String> {
    text.lines().next()?;
    DEFERRED.with(|deferred| {
        let mut deferred = deferred.borrow_mut();
        let docs = &mut deferred.as_mut()?.docs;
        docs.push(text.to_owned());
        Some(format!("{DOC_MARK}{}", docs.len() - 1))
    })
}

/// The marker of the item `text` writes, when deferring and it writes one;
/// `None` otherwise, for the caller to emit the item's tokens.
pub(super) fn text(text: impl FnOnce() -> Option<String>) -> Option<TokenStream> {
    let deferring = DEFERRED.with(|deferred| deferred.borrow().is_some());
    deferring.then(text).flatten().map(item)
}

/// The tokens of the item printed as `text`: a marker while deferring,
/// else `text` read as tokens.
pub(super) fn item(text: String) -> TokenStream {
    let marker = DEFERRED.with(|deferred| {
        let mut deferred = deferred.borrow_mut();
        let items = &mut deferred.as_mut()?.items;
        items.push(text.clone());
        Some(proc_macro2::Literal::usize_unsuffixed(items.len() - 1))
    });
    match marker {
        Some(index) => {
            let name = proc_macro2::Ident::new(ITEM_MACRO, proc_macro2::Span::call_site());
            quote!(#name!(#index);)
        }
        // The emitter's own text: it always lexes (see the tests).
        None => text.parse().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::docs::{inner_lines, lines};
    use super::*;

    #[test]
    fn deferred_docs_leave_one_marker_per_block_and_only_while_deferring() {
        let (tokens, deferred) = deferring(|| {
            let mut tokens = lines("First line.\nSecond line.");
            tokens.extend(inner_lines("Module docs."));
            tokens.extend(lines(""));
            tokens
        });
        assert_eq!(deferred.docs, ["First line.\nSecond line.", "Module docs."]);
        let text = tokens.to_string();
        assert_eq!(text.matches("doc").count(), 2, "{text}");
        assert!(text.contains("\\u{1}0") && text.contains("\\u{1}1"), "{text}");
        // Outside `deferring`, the lines are attributes of their own.
        assert_eq!(lines("a\nb").to_string().matches("doc").count(), 2);
    }

    #[test]
    fn deferred_items_are_markers_and_tokens_otherwise() {
        let text = "m!(A {\n    a: f(\"x\\\"y\"),\n});".to_owned();
        let (tokens, deferred) = deferring(|| item(text.clone()));
        assert_eq!(deferred.items, std::slice::from_ref(&text));
        assert_eq!(tokens.to_string(), format!("{ITEM_MACRO} ! (0) ;"));
        assert_eq!(item(text).to_string(), "m ! (A { a : f (\"x\\\"y\") , }) ;");
    }
}
