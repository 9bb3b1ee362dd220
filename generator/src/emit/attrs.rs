//! What every type definition starts with: its docs and its derives.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::quote;

use crate::ir::{Docs, TypeDef, TypeKind};
use crate::naming::pascal;
use crate::pointer::Pointer;

use super::docs::doc_attrs;

/// The type's docs, or where it comes from when the spec has none. A title
/// that is the type's own name (`Account` on `Account`) says nothing and is left out.
pub fn type_docs(def: &TypeDef) -> TokenStream {
    let own_name = def.docs.summary.as_deref().is_some_and(|title| pascal(title) == def.name);
    if own_name && def.docs.description.is_some() {
        return doc_attrs(&Docs { summary: None, ..def.docs.clone() }, &[]);
    }
    if def.docs.summary.is_some() || def.docs.description.is_some() {
        return doc_attrs(&def.docs, &[]);
    }
    let component = Pointer::parse(&def.origin).and_then(|origin| origin.names_component("schemas"));
    let origin = match component {
        Some(name) => format!("The `{name}` schema."),
        None => format!("The inline schema at `{}`.", def.origin),
    };
    doc_attrs(&def.docs, &[origin])
}

/// `Debug, Clone, PartialEq` plus whatever the type allows, and serde's
/// `Serialize` when it is serialised and `Deserialize` when it is received,
/// as far as `serde` says they are derived.
pub fn derives(def: &TypeDef, serde: Serde) -> TokenStream {
    let names = derive_names(def, serde).into_iter().map(|name| proc_macro2::Ident::new(name, Span::call_site()));
    quote!(#[derive(#( #names ),*)])
}

/// The traits [`derives`] derives.
pub fn derive_names(def: &TypeDef, serde: Serde) -> Vec<&'static str> {
    let mut names = vec!["Debug", "Clone", "PartialEq"];
    names.extend(def.derives.eq.then_some("Eq"));
    names.extend(def.derives.hash.then_some("Hash"));
    names.extend(def.derives.default.then_some("Default"));
    // The `types` module imports them (`types_module`), which keeps the list on one line.
    let derived = serde != Serde::Written;
    names.extend((derived && def.serialized).then_some("Serialize"));
    names.extend((serde == Serde::Derived && def.received).then_some("Deserialize"));
    names
}

/// How a type gets serde's traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serde {
    /// Both derived (unions told apart by shape).
    Derived,
    /// `Serialize` derived, `Deserialize` written by the runtime's `object!` (structs).
    SerializeDerived,
    /// Both written out (tagged unions, enums).
    Written,
}

/// How a type of `api` gets serde's traits.
pub fn serde_of(def: &TypeDef) -> Serde {
    match &def.kind {
        TypeKind::Struct(_) => Serde::SerializeDerived,
        TypeKind::Union(union) if !matches!((&union.discriminator, &union.catch_all), (Some(_), Some(_))) => {
            Serde::Derived
        }
        _ => Serde::Written,
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", …))]`: built when
/// any of `features` is on; `None` for an item always built.
pub fn cfg_features(features: &[String]) -> Option<syn::Attribute> {
    match features {
        [] => None,
        [feature] => Some(syn::parse_quote!(#[cfg(feature = #feature)])),
        features => Some(syn::parse_quote!(#[cfg(any( #( feature = #features ),* ))])),
    }
}

/// `tokens` (items) with each item built only when one of `features` is on;
/// the `cfg` goes after the item's docs.
///
/// The items are told apart at the top level of the tokens rather than by
/// parsing them (which took a tenth of the time generating GitHub's crate):
/// an item ends with a `;`, or with a `{ … }` that no `;` follows.
pub fn gated(tokens: TokenStream, features: &[String]) -> TokenStream {
    let Some(cfg) = cfg_features(features) else { return tokens };
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut gated = TokenStream::new();
    let mut start = 0;
    while start < trees.len() {
        let docs_end = docs_end(&trees, start);
        let end = item_end(&trees, docs_end);
        gated.extend(trees[start..docs_end].iter().cloned());
        gated.extend(quote!(#cfg));
        gated.extend(trees[docs_end..end].iter().cloned());
        start = end;
    }
    gated
}

/// Where the `#[doc = …]` attributes starting at `start` end.
fn docs_end(trees: &[TokenTree], mut start: usize) -> usize {
    while let (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(group))) = (trees.get(start), trees.get(start + 1)) {
        let is_doc = hash.as_char() == '#'
            && group.delimiter() == Delimiter::Bracket
            && matches!(group.stream().into_iter().next(), Some(TokenTree::Ident(name)) if name == "doc");
        if !is_doc {
            break;
        }
        start += 2;
    }
    start
}

/// Where the item starting at `start` ends: after its `;`, or after a
/// `{ … }` that no `;` follows.
fn item_end(trees: &[TokenTree], start: usize) -> usize {
    let semicolon = |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(punct)) if punct.as_char() == ';');
    for at in start..trees.len() {
        let braces = matches!(&trees[at], TokenTree::Group(group) if group.delimiter() == Delimiter::Brace);
        if semicolon(trees.get(at)) || (braces && !semicolon(trees.get(at + 1))) {
            return at + 1;
        }
    }
    trees.len()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::gated;

    #[test]
    fn every_item_gets_the_cfg_after_its_docs() {
        let items = quote! {
            #[doc = " A pet."]
            #[derive(Debug, Clone)]
            pub struct Pet { pub name: String }
            pub struct Id(pub String);
            impl Pet { pub fn new() -> Self { Self { name: String::new() } } }
            const DEFAULT: Pet = Pet { name: String::new() };
            crate::runtime::object!(Pet { name: required("name") });
            #[doc = " Kinds."]
            #[doc = ""]
            pub enum Kind { Cat, Dog }
        };
        let file: syn::File = syn::parse2(gated(items, &["pets".to_owned(), "stores".to_owned()])).expect("items");
        assert_eq!(file.items.len(), 6);
        let cfg: syn::Attribute = syn::parse_quote!(#[cfg(any(feature = "pets", feature = "stores"))]);
        for item in &file.items {
            let attrs = match item {
                syn::Item::Struct(item) => &item.attrs,
                syn::Item::Impl(item) => &item.attrs,
                syn::Item::Const(item) => &item.attrs,
                syn::Item::Macro(item) => &item.attrs,
                syn::Item::Enum(item) => &item.attrs,
                other => panic!("unexpected item {}", quote!(#other)),
            };
            let docs = attrs.iter().take_while(|attr| attr.path().is_ident("doc")).count();
            assert_eq!(attrs.get(docs), Some(&cfg), "{}", quote!(#item));
            assert_eq!(attrs.iter().filter(|attr| attr.path().is_ident("cfg")).count(), 1);
        }
    }

    #[test]
    fn items_always_built_are_left_alone() {
        let items = quote!(
            pub struct Pet;
        );
        assert_eq!(gated(items.clone(), &[]).to_string(), items.to_string());
    }
}
