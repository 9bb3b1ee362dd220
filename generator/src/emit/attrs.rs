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

/// `Debug, Clone, PartialEq` plus whatever the type allows.
pub fn derives(def: &TypeDef, serde: bool) -> TokenStream {
    let eq = def.derives.eq.then(|| quote!(Eq,));
    let hash = def.derives.hash.then(|| quote!(Hash,));
    let default = def.derives.default.then(|| quote!(Default,));
    // The `types` module imports both (`serde_import`), which keeps the list on one line.
    let serde = serde.then(|| quote!(Serialize, Deserialize));
    quote!(#[derive(Debug, Clone, PartialEq, #eq #hash #default #serde)])
}

/// Whether a type of `api` derives serde's traits (`derives(…, true)`): its
/// structs, and unions told apart by shape.
pub fn derives_serde(def: &TypeDef) -> bool {
    match &def.kind {
        TypeKind::Struct(_) => true,
        TypeKind::Union(union) => !matches!((&union.discriminator, &union.catch_all), (Some(_), Some(_))),
        _ => false,
    }
}
