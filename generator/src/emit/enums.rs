//! String and integer enums, each with a catch-all variant; their wire
//! text, `Display`, `FromStr`/`From` and serde come from one runtime macro.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{IntEnum, StringEnum, TypeDef};

use super::attrs::type_docs;
use super::ty::ident;

pub(super) fn string_enum_def(def: &TypeDef, values: &StringEnum) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    let catch_all = ident(&values.catch_all);
    let variants = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = format!(" `{}`", variant.wire_value.replace('`', "'"));
        quote! { #[doc = #doc] #variant_name, }
    });
    let wire = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire_value;
        quote!(#variant_name = #wire)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variants )*
            /// A value this client does not know; newer servers may send it.
            #catch_all(String),
        }

        crate::runtime::string_enum!(#name { #( #wire ),* } else #catch_all);
    }
}

pub(super) fn int_enum_def(def: &TypeDef, values: &IntEnum) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    let catch_all = ident(&values.catch_all);
    let variants = values.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        let doc = format!(" `{value}`");
        quote! { #[doc = #doc] #variant, }
    });
    let wire = values.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote!(#variant = #value)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variants )*
            /// A value this client does not know; newer servers may send it.
            #catch_all(i64),
        }

        crate::runtime::int_enum!(#name { #( #wire ),* } else #catch_all);
    }
}
