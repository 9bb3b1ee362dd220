//! What every type definition starts with: its docs and its derives.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::TypeDef;
use crate::pointer::Pointer;

use super::docs::doc_attrs;

/// The type's docs, or where it comes from when the spec has none.
pub fn type_docs(def: &TypeDef) -> TokenStream {
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

/// `Debug, Clone, PartialEq` plus whatever the type allows.
pub fn derives(def: &TypeDef, serde: bool) -> TokenStream {
    let eq = def.derives.eq.then(|| quote!(Eq,));
    let hash = def.derives.hash.then(|| quote!(Hash,));
    let default = def.derives.default.then(|| quote!(Default,));
    let serde = serde.then(|| quote!(serde::Serialize, serde::Deserialize));
    quote!(#[derive(Debug, Clone, PartialEq, #eq #hash #default #serde)])
}
