//! The `types` module: structs, enums and aliases.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Field, Presence, StringEnum, Struct, TypeDef, TypeKind};
use crate::naming::unraw;

use super::docs::{doc_attrs, inner_lines, lines};
use super::ty::{argument, field_init, ident, rust_type, Place};

/// The whole `types` module.
pub fn types_module(api: &Api) -> TokenStream {
    let defs = api.types.iter().map(|def| type_def(api, def));
    let header = inner_lines(&format!("Types from the schemas of {}.", api.title));
    quote! {
        #header
        #( #defs )*
    }
}

/// The type's docs, or where it comes from when the spec has none.
fn type_docs(def: &TypeDef) -> TokenStream {
    if def.docs.summary.is_some() || def.docs.description.is_some() {
        return doc_attrs(&def.docs, &[]);
    }
    let origin = match def.origin.strip_prefix("#/components/schemas/") {
        Some(name) if !name.contains('/') => format!("The `{}` schema.", name.replace("~1", "/").replace("~0", "~")),
        _ => format!("The inline schema at `{}`.", def.origin),
    };
    doc_attrs(&def.docs, &[origin])
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(fields) => struct_def(api, def, fields),
        TypeKind::Enum(values) => enum_def(def, values),
        TypeKind::Alias(ty) => {
            let docs = type_docs(def);
            let name = ident(&def.name);
            let ty = rust_type(api, ty, Place::Types);
            quote! { #docs pub type #name = #ty; }
        }
    }
}

fn struct_def(api: &Api, def: &TypeDef, shape: &Struct) -> TokenStream {
    let docs = type_docs(def);
    let name = ident(&def.name);
    let eq = def.derives.eq.then(|| quote!(Eq,));
    let default = def.derives.default.then(|| quote!(Default,));
    let fields = shape.fields.iter().map(|field| {
        let docs = if field.docs.summary.is_some() || field.docs.description.is_some() {
            doc_attrs(&field.docs, &[])
        } else {
            doc_attrs(&field.docs, &[format!("The `{}` property.", field.wire_name.replace('`', "'"))])
        };
        let name = ident(&field.name);
        let ty = field_type(api, field);
        let mut serde = Vec::new();
        if unraw(&field.name) != field.wire_name {
            let wire = &field.wire_name;
            serde.push(quote!(rename = #wire));
        }
        match field.presence {
            Presence::Optional => serde.push(quote!(default, skip_serializing_if = "Option::is_none")),
            // A server that omits a nullable field still decodes; `None` serialises as null.
            Presence::RequiredNullable => serde.push(quote!(default)),
            Presence::Required => {}
        }
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        quote! { #docs #serde pub #name: #ty, }
    });
    let constructor = constructor(api, def, shape);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #eq #default serde::Serialize, serde::Deserialize)]
        pub struct #name { #( #fields )* }
        #constructor
    }
}

fn field_type(api: &Api, field: &Field) -> TokenStream {
    let inner = rust_type(api, &field.ty, Place::Types);
    let inner = if field.boxed { quote!(Box<#inner>) } else { inner };
    match field.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#inner>),
    }
}

/// `new(required…)`, for structs with required fields: the caller cannot forget one.
fn constructor(api: &Api, def: &TypeDef, shape: &Struct) -> Option<TokenStream> {
    if shape.constructor.is_empty() {
        return None;
    }
    let name = ident(&def.name);
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for (index, field) in shape.fields.iter().enumerate() {
        let field_name = ident(&field.name);
        if !shape.constructor.contains(&index) {
            inits.push(quote!(#field_name: None));
            continue;
        }
        let (arg_ty, value) = match field.presence {
            Presence::Required => argument(api, &field.ty, &field_name, Place::Types),
            _ => (field_type(api, field), quote!(#field_name)),
        };
        let value = if field.boxed && field.presence == Presence::Required { quote!(Box::new(#value)) } else { value };
        params.push((index, quote!(#field_name: #arg_ty)));
        inits.push(field_init(&field_name, &value));
    }
    let ordered = shape.constructor.iter().filter_map(|index| params.iter().find(|(i, _)| i == index).map(|(_, p)| p));
    let allow = (shape.constructor.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let docs = lines(&format!("A `{}` with its required fields set and every optional field unset.", def.name));
    Some(quote! {
        impl #name {
            #docs
            #allow
            pub fn new(#( #ordered ),*) -> Self {
                Self { #( #inits ),* }
            }
        }
    })
}

fn enum_def(def: &TypeDef, values: &StringEnum) -> TokenStream {
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
