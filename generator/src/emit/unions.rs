//! `oneOf`/`anyOf` enums: untagged (serde tries the variants in order), or
//! tagged by a discriminator property through the runtime's helpers.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, TypeDef, Union};

use super::attrs::{derives, type_docs, Serde};
use super::ty::{ident, rust_type, Place};

pub(super) fn union_def(api: &Api, def: &TypeDef, union: &Union) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = rust_type(api, &variant.ty, Place::Types);
        let ty = if variant.boxed { quote!(Box<#ty>) } else { ty };
        let doc = match &variant.tag {
            Some(tag) => format!(" Selected by `{tag}`."),
            None => format!(" A `{}`.", variant.name),
        };
        quote!(#[doc = #doc] #variant_name(#ty),)
    });
    match (&union.discriminator, &union.catch_all) {
        (Some(property), Some(catch_all)) => {
            let derives = derives(def, Serde::Written);
            let catch_all = ident(catch_all);
            let catch_all_doc =
                format!(" An object whose `{property}` this client does not know; newer servers may send it.");
            let serialize_arms = union.variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                let tag = variant.tag.as_deref().unwrap_or(&variant.name);
                quote!(Self::#variant_name(value) => crate::runtime::serialize_tagged(value, #property, #tag, serializer),)
            });
            let deserialize_arms = union.variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                let tag = variant.tag.as_deref().unwrap_or(&variant.name);
                let wrap = if variant.boxed {
                    quote!(|value| Self::#variant_name(Box::new(value)))
                } else {
                    quote!(Self::#variant_name)
                };
                quote!(#tag => crate::runtime::decode_variant(value).map(#wrap),)
            });
            let serialize = def.serialized.then(|| {
                quote! {
                    impl serde::Serialize for #name {
                        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                            match self {
                                #( #serialize_arms )*
                                Self::#catch_all(value) => serde::Serialize::serialize(value, serializer),
                            }
                        }
                    }
                }
            });
            let deserialize = def.received.then(|| {
                quote! {
                    impl<'de> serde::Deserialize<'de> for #name {
                        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                            let (tag, value) = crate::runtime::read_tagged(deserializer, #property)?;
                            match tag.as_str() {
                                #( #deserialize_arms )*
                                _ => Ok(Self::#catch_all(value)),
                            }
                        }
                    }
                }
            });
            quote! {
                #docs
                #derives
                pub enum #name {
                    #( #variants )*
                    #[doc = #catch_all_doc]
                    #catch_all(serde_json::Value),
                }
                #serialize
                #deserialize
            }
        }
        _ => {
            let derives = derives(def, Serde::Derived);
            quote! {
                #docs
                #derives
                #[serde(untagged)]
                pub enum #name {
                    #( #variants )*
                }
            }
        }
    }
}
