//! What every type definition starts with: its docs and its derives.

use proc_macro2::TokenStream;
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
    let eq = def.derives.eq.then(|| quote!(Eq,));
    let hash = def.derives.hash.then(|| quote!(Hash,));
    let default = def.derives.default.then(|| quote!(Default,));
    // The `types` module imports them (`types_module`), which keeps the list on one line.
    let derived = serde != Serde::Written;
    let serialize = (derived && def.serialized).then(|| quote!(Serialize,));
    let deserialize = (serde == Serde::Derived && def.received).then(|| quote!(Deserialize,));
    quote!(#[derive(Debug, Clone, PartialEq, #eq #hash #default #serialize #deserialize)])
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
pub fn gated(tokens: TokenStream, features: &[String]) -> TokenStream {
    let Some(cfg) = cfg_features(features) else { return tokens };
    let Ok(mut file) = syn::parse2::<syn::File>(tokens.clone()) else { return tokens };
    for item in &mut file.items {
        let attrs = match item {
            syn::Item::Const(item) => &mut item.attrs,
            syn::Item::Enum(item) => &mut item.attrs,
            syn::Item::Fn(item) => &mut item.attrs,
            syn::Item::Impl(item) => &mut item.attrs,
            syn::Item::Macro(item) => &mut item.attrs,
            syn::Item::Mod(item) => &mut item.attrs,
            syn::Item::Struct(item) => &mut item.attrs,
            syn::Item::Type(item) => &mut item.attrs,
            syn::Item::Use(item) => &mut item.attrs,
            _ => continue,
        };
        let docs = attrs.iter().take_while(|attr| attr.path().is_ident("doc")).count();
        attrs.insert(docs, cfg.clone());
    }
    let items = file.items;
    quote!( #( #items )* )
}
