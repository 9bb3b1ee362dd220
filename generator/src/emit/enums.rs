//! String and integer enums, each with a catch-all variant, `Display` and `FromStr`/`From`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{IntEnum, StringEnum, TypeDef};
use crate::naming::unraw;

use super::attrs::type_docs;
use super::ty::ident;

pub(super) fn string_enum_def(def: &TypeDef, values: &StringEnum) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    let catch_all = ident(&values.catch_all);
    let variants = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire_value;
        let rename = (unraw(&variant.name) != wire).then(|| quote!(#[serde(rename = #wire)]));
        let doc = format!(" `{}`", wire.replace('`', "'"));
        quote! { #[doc = #doc] #rename #variant_name, }
    });
    let as_str = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire_value;
        quote!(Self::#variant_name => #wire,)
    });
    let from_str = values.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire_value;
        quote!(#wire => Self::#variant_name,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #( #variants )*
            /// A value this client does not know; newer servers may send it.
            #[serde(untagged)]
            #catch_all(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #as_str )*
                    Self::#catch_all(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(match value {
                    #( #from_str )*
                    other => Self::#catch_all(other.to_owned()),
                })
            }
        }
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
    let to_value = values.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote!(Self::#variant => #value,)
    });
    let from_value = values.variants.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote!(#value => Self::#variant,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variants )*
            /// A value this client does not know; newer servers may send it.
            #catch_all(i64),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #( #to_value )*
                    Self::#catch_all(value) => value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #from_value )*
                    other => Self::#catch_all(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
