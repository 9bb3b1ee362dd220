//! Rust type expressions for IR types.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{format_ident, quote};

use crate::ir::{Api, Scalar, Ty};

/// Where a type expression is written: inside the `types` module, or in a
/// sibling module that reaches named types through `types::`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Inside the `types` module.
    Types,
    /// In an operations module.
    Operations,
}

/// The Rust type for `ty`.
pub fn rust_type(api: &Api, ty: &Ty, place: Place) -> TokenStream {
    match ty {
        Ty::Named(id) => {
            let name = format_ident!("{}", api.type_def(*id).name);
            match place {
                Place::Types => quote!(#name),
                Place::Operations => quote!(types::#name),
            }
        }
        Ty::Scalar(scalar) => scalar_type(*scalar),
        Ty::Vec(inner) => {
            let inner = rust_type(api, inner, place);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = rust_type(api, inner, place);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Option(inner) => {
            let inner = rust_type(api, inner, place);
            quote!(Option<#inner>)
        }
        Ty::Json => quote!(serde_json::Value),
        Ty::Bytes => quote!(Vec<u8>),
        Ty::Unit => quote!(()),
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::U8 => quote!(u8),
        Scalar::U16 => quote!(u16),
        Scalar::U32 => quote!(u32),
        Scalar::U64 => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::String => quote!(String),
        Scalar::Uuid => quote!(uuid::Uuid),
        Scalar::DateTime => quote!(crate::runtime::time::DateTime),
        Scalar::Date => quote!(crate::runtime::time::Date),
        Scalar::Base64 => quote!(crate::runtime::Base64),
        Scalar::Binary => quote!(crate::runtime::FilePart),
    }
}

/// Plain tokens as the formatter prints them: types (`Option<Vec<String>>`,
/// `&'a types::Pet`, `impl Into<String>`, `()`) and calls without arguments
/// (`value.into()`); `None` for anything else.
pub fn token_text(tokens: TokenStream) -> Option<String> {
    let mut out = String::new();
    let mut after_word = false;
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                if after_word {
                    out.push(' ');
                }
                out.push_str(&ident.to_string());
                after_word = true;
                continue;
            }
            TokenTree::Punct(punct) => match punct.as_char() {
                c @ (':' | '<' | '>' | '&' | '\'' | '.') => out.push(c),
                ',' => out.push_str(", "),
                _ => return None,
            },
            TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis && group.stream().is_empty() => {
                out.push_str("()");
            }
            TokenTree::Group(_) | TokenTree::Literal(_) => return None,
        }
        after_word = false;
    }
    Some(out)
}

/// An argument taking a value of `ty`, and the expression converting it to
/// the stored type: `impl Into<…>` for strings, dates and date-times, the type itself otherwise.
pub fn argument(api: &Api, ty: &Ty, name: &proc_macro2::Ident, place: Place) -> (TokenStream, TokenStream) {
    if matches!(ty, Ty::Scalar(Scalar::String | Scalar::DateTime | Scalar::Date)) {
        // Dates and date-times also from chrono's types.
        let stored = rust_type(api, ty, place);
        (quote!(impl Into<#stored>), quote!(#name.into()))
    } else {
        (rust_type(api, ty, place), quote!(#name))
    }
}

/// The value a struct-literal field `name` is initialised with; none for
/// the shorthand form, when it is the variable of the same name.
pub fn init_value(name: &proc_macro2::Ident, value: TokenStream) -> Option<TokenStream> {
    (*name != value.to_string()).then_some(value)
}

/// An identifier token, raw (`r#type`) where the name needs it.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}
