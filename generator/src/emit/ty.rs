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

/// The Rust type for `ty`: [`type_text`] as tokens.
pub fn rust_type(api: &Api, ty: &Ty, place: Place) -> TokenStream {
    tokens(&type_text(api, ty, place))
}

/// The Rust type for `ty`, as printed (`Option<Vec<types::Pet>>`).
pub fn type_text(api: &Api, ty: &Ty, place: Place) -> String {
    let mut out = String::with_capacity(32);
    write_type(api, ty, place, &mut out);
    out
}

fn write_type(api: &Api, ty: &Ty, place: Place, out: &mut String) {
    let wrapped = |before: &str, inner: &Ty, out: &mut String| {
        out.push_str(before);
        write_type(api, inner, place, out);
        out.push('>');
    };
    match ty {
        Ty::Named(id) => {
            if place == Place::Operations {
                out.push_str("types::");
            }
            out.push_str(&api.type_def(*id).name);
        }
        Ty::Scalar(scalar) => out.push_str(scalar_type(*scalar)),
        Ty::Vec(inner) => wrapped("Vec<", inner, out),
        Ty::Map(inner) => wrapped("std::collections::BTreeMap<String, ", inner, out),
        Ty::Option(inner) => wrapped("Option<", inner, out),
        Ty::Json => out.push_str("serde_json::Value"),
        Ty::Bytes => out.push_str("Vec<u8>"),
        Ty::Unit => out.push_str("()"),
    }
}

fn scalar_type(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool => "bool",
        Scalar::I8 => "i8",
        Scalar::I16 => "i16",
        Scalar::I32 => "i32",
        Scalar::I64 => "i64",
        Scalar::U8 => "u8",
        Scalar::U16 => "u16",
        Scalar::U32 => "u32",
        Scalar::U64 => "u64",
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::String => "String",
        Scalar::Uuid => "uuid::Uuid",
        Scalar::DateTime => "crate::runtime::time::DateTime",
        Scalar::Date => "crate::runtime::time::Date",
        Scalar::Base64 => "crate::runtime::Base64",
        Scalar::Binary => "crate::runtime::FilePart",
    }
}

/// The tokens of code the emitter writes as text: it always lexes (the tests print it).
pub(super) fn tokens(text: &str) -> TokenStream {
    text.parse().unwrap_or_default()
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
