//! String and integer enums, each with a catch-all variant; their wire
//! text, `Display`, `FromStr`/`From` and serde come from one runtime macro.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{IntEnum, StringEnum, TypeDef};

use super::attrs::type_docs;
use super::deferred;
use super::items_text::{self, VariantText};
use super::ty::{ident, tokens};

/// The catch-all variant's docs.
const CATCH_ALL_DOC: &str = " A value this client does not know; newer servers may send it.";

pub(super) fn string_enum_def(def: &TypeDef, values: &StringEnum) -> TokenStream {
    let variants = values.variants.iter().map(|variant| (variant.name.as_str(), variant.wire_value.replace('`', "'")));
    let definition = definition(
        def,
        "Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord",
        variants.collect(),
        &values.catch_all,
        "String",
    );
    let name = ident(&def.name);
    let catch_all = ident(&values.catch_all);
    let wire = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire_value;
        quote!(#variant_name = #wire)
    });
    quote! {
        #definition
        crate::runtime::string_enum!(#name { #( #wire ),* } else #catch_all);
    }
}

pub(super) fn int_enum_def(def: &TypeDef, values: &IntEnum) -> TokenStream {
    let variants = values.variants.iter().map(|(variant, value)| (variant.as_str(), value.to_string()));
    let definition = definition(
        def,
        "Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord",
        variants.collect(),
        &values.catch_all,
        "i64",
    );
    let name = ident(&def.name);
    let catch_all = ident(&values.catch_all);
    let wire = values.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote!(#variant = #value)
    });
    quote! {
        #definition
        crate::runtime::int_enum!(#name { #( #wire ),* } else #catch_all);
    }
}

/// The enum with its docs: a variant per value (`variants`: name and wire
/// text, its docs), then the catch-all holding a `catch_all_ty`. Written as
/// printed unless a wire text would not print as a `///` line.
fn definition(
    def: &TypeDef,
    derives: &str,
    variants: Vec<(&str, String)>,
    catch_all: &str,
    catch_all_ty: &str,
) -> TokenStream {
    let docs = type_docs(def);
    let variant_doc = |wire: &str| format!(" `{wire}`");
    let catch_all = ident(catch_all);
    let text = || {
        // A line break or control character is printed otherwise, as `#[doc = "…"]`.
        if variants.iter().any(|(_, wire)| wire.contains(char::is_control)) {
            return None;
        }
        let mut lines: Vec<VariantText> = variants
            .iter()
            .map(|(name, wire)| VariantText {
                docs: format!("    ///{}\n", variant_doc(wire)),
                variant: ident(name).to_string(),
            })
            .collect();
        lines.push(VariantText {
            docs: format!("    ///{CATCH_ALL_DOC}\n"),
            variant: format!("{catch_all}({catch_all_ty})"),
        });
        items_text::enum_text(derives, &def.name, &lines)
    };
    let definition = deferred::text(text).unwrap_or_else(|| {
        let name = ident(&def.name);
        let derives = tokens(&format!("#[derive({derives})]"));
        let catch_all_ty = tokens(catch_all_ty);
        let variants = variants.iter().map(|(name, wire)| {
            let (name, doc) = (ident(name), variant_doc(wire));
            quote! { #[doc = #doc] #name, }
        });
        quote! {
            #derives
            pub enum #name {
                #( #variants )*
                #[doc = #CATCH_ALL_DOC]
                #catch_all(#catch_all_ty),
            }
        }
    });
    quote!(#docs #definition)
}
