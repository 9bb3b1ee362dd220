//! The `types` module: structs and aliases here; enums and unions in their own modules.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Access, Api, Field, Literal, Presence, Scalar, Struct, Ty, TypeDef, TypeKind};
use crate::naming::unraw;

use super::attrs::{derive_names, derives, gated, serde_of, type_docs, Serde};
use super::deferred;
use super::docs::{doc_text, inner_lines, lines, write_doc_lines};
use super::enums::{int_enum_def, string_enum_def};
use super::items_text;
use super::ty::{argument, ident, init_value, rust_type, token_text, tokens, type_text, Place};
use super::unions::union_def;

/// The whole `types` module.
pub fn types_module(api: &Api) -> TokenStream {
    let header = types_header(api);
    let defs = type_defs(api, 0..api.types.len());
    quote!(#header #defs)
}

/// The definitions of the types at `range` (indices into `api.types`).
pub fn type_defs(api: &Api, range: std::ops::Range<usize>) -> TokenStream {
    api.types[range].iter().map(|def| type_def(api, def)).collect()
}

/// What the `types` module starts with: its docs, lint allowances and imports.
pub fn types_header(api: &Api) -> TokenStream {
    let serialize = serde_import(api, |def| serde_of(def) != Serde::Written && def.serialized, quote!(Serialize));
    let deserialize = serde_import(api, |def| serde_of(def) == Serde::Derived && def.received, quote!(Deserialize));
    let undocumented = api.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(shape) => shape.fields.iter().any(|field| field_doc_text(field).lines().next().is_none()),
        _ => false,
    });
    let allow = undocumented.then(|| quote!(#![allow(missing_docs)]));
    let note =
        if undocumented { "\n\nProperties the API description does not describe are left undocumented." } else { "" };
    let header = inner_lines(&format!("Types from the schemas of {}.{note}", api.title));
    quote! {
        #header
        #allow
        #serialize
        #deserialize
    }
}

/// `use serde::Serialize;` (or `Deserialize`) when a type derives it.
fn serde_import(api: &Api, derived: impl Fn(&TypeDef) -> bool, name: TokenStream) -> Option<TokenStream> {
    let mut deriving = api.types.iter().filter(|def| derived(def)).peekable();
    deriving.peek()?;
    // With every type that derives it gated by a feature, none may be built.
    let gated = deriving.all(|def| !def.features.is_empty());
    let allow = gated.then(|| quote!(#[allow(unused_imports)]));
    Some(quote!(#allow use serde::#name;))
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    gated(type_items(api, def), &def.features)
}

fn type_items(api: &Api, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(shape) => struct_def(api, def, shape),
        TypeKind::Enum(values) => string_enum_def(def, values),
        TypeKind::IntEnum(values) => int_enum_def(def, values),
        TypeKind::Union(union) => union_def(api, def, union),
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
    let item = deferred::text(|| struct_text(api, def, shape)).unwrap_or_else(|| struct_tokens(api, def, shape));
    let constructor = constructor(api, def, shape);
    let manual_default = manual_default(def, shape);
    let deserialize = def.received.then(|| object_macro(def, shape));
    quote! {
        #docs
        #item
        #deserialize
        #constructor
        #manual_default
    }
}

/// The struct's derives and definition, without its docs.
fn struct_tokens(api: &Api, def: &TypeDef, shape: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let derives = derives(def, Serde::SerializeDerived);
    let fields = shape.fields.iter().map(|field| field_def(api, def, field));
    let additional = shape.additional.as_ref().map(|additional| {
        let field = ident(&additional.name);
        let ty = rust_type(api, &additional.ty, Place::Types);
        let flatten = def.serialized.then(|| quote!(#[serde(flatten)]));
        quote! {
            #[doc = #ADDITIONAL_DOC]
            #flatten
            pub #field: std::collections::BTreeMap<String, #ty>,
        }
    });
    quote! {
        #derives
        pub struct #name { #( #fields )* #additional }
    }
}

/// The docs of the field holding the properties a schema does not list.
const ADDITIONAL_DOC: &str = " Properties the schema does not list, by name.";

/// [`struct_tokens`] as the formatter prints them, written directly: structs
/// are most of a large API's types, and their printed form is plain to see.
/// `None` when a line could be long enough for the formatter to break it.
fn struct_text(api: &Api, def: &TypeDef, shape: &Struct) -> Option<String> {
    let mut out =
        format!("#[derive({})]\npub struct {} {{", derive_names(def, Serde::SerializeDerived).join(", "), def.name);
    if !shape.fields.is_empty() || shape.additional.is_some() {
        out.push('\n');
    }
    for field in &shape.fields {
        write_doc_lines("    ///", &field_doc_text(field), &mut out);
        let serde = field_serde(def, field);
        if !serde.is_empty() {
            let serde: Vec<String> =
                serde.iter().map(|(key, value)| format!("{key} = {}", proc_macro2::Literal::string(value))).collect();
            out.push_str(&format!("    #[serde({})]\n", serde.join(", ")));
        }
        out.push_str(&format!("    pub {}: {},\n", field.name, field_type_text(api, field)));
    }
    if let Some(additional) = &shape.additional {
        out.push_str(&format!("    ///{ADDITIONAL_DOC}\n"));
        if def.serialized {
            out.push_str("    #[serde(flatten)]\n");
        }
        let ty = type_text(api, &additional.ty, Place::Types);
        out.push_str(&format!("    pub {}: std::collections::BTreeMap<String, {ty}>,\n", additional.name));
    }
    out.push_str("}\n");
    // A longer line might be broken by the formatter: the struct is printed from tokens.
    let plain =
        super::text::lines(&out).all(|line| line.len() <= deferred::MARGIN || line.trim_start().starts_with("///"));
    plain.then_some(out)
}

/// `crate::runtime::object!(Name { field: required("wire"), … })`: how a
/// received struct reads (see the macro). Written as the formatter prints
/// it, one field per line, and deferred: it is a tenth of a large API's code.
fn object_macro(def: &TypeDef, shape: &Struct) -> TokenStream {
    let mut fields: Vec<String> = shape
        .fields
        .iter()
        .map(|field| {
            let wire = proc_macro2::Literal::string(&field.wire_name);
            let reader = match field.presence {
                Presence::Required => format!("required({wire})"),
                Presence::Optional | Presence::RequiredNullable => format!("optional({wire})"),
                Presence::OptionalNullable => format!("nullable({wire})"),
                Presence::Defaulted => format!("defaulted({wire}, {}::{})", def.name, default_fn_name(field)),
            };
            format!("    {}: {reader},\n", field.name)
        })
        .collect();
    // `..rest` ends the list, as in a struct literal.
    fields.extend(shape.additional.as_ref().map(|additional| format!("    ..{}\n", additional.name)));
    let body = if fields.is_empty() { " {}".to_owned() } else { format!(" {{\n{}}}", fields.concat()) };
    deferred::item(format!("crate::runtime::object!({}{body});", def.name))
}

fn field_def(api: &Api, def: &TypeDef, field: &Field) -> TokenStream {
    let docs = lines(&field_doc_text(field));
    let name = ident(&field.name);
    let ty = field_type(api, field);
    let serde = field_serde(def, field);
    let serde = (!serde.is_empty()).then(|| {
        let serde = serde.iter().map(|(key, value)| {
            let key = format_ident!("{key}");
            quote!(#key = #value)
        });
        quote!(#[serde(#(#serde),*)])
    });
    quote! { #docs #serde pub #name: #ty, }
}

/// The `#[serde(…)]` arguments of a field: name and string value. Only
/// serialising is derived (`object!` reads received structs): they say how
/// a field is written.
fn field_serde(def: &TypeDef, field: &Field) -> Vec<(&'static str, String)> {
    let mut serde = Vec::new();
    if def.serialized {
        if unraw(&field.name) != field.wire_name {
            serde.push(("rename", field.wire_name.clone()));
        }
        match field.presence {
            // Types only received write every field; `None` is null.
            Presence::Optional if def.sent => serde.push(("skip_serializing_if", "Option::is_none".to_owned())),
            Presence::OptionalNullable => {
                serde.push(("skip_serializing_if", "Option::is_none".to_owned()));
                serde.push(("with", "crate::runtime::nullable".to_owned()));
            }
            Presence::Optional | Presence::RequiredNullable | Presence::Defaulted | Presence::Required => {}
        }
    }
    serde
}

/// The spec's docs of a field and what the generator knows about it; none
/// when the spec does not describe it (its name says as much as "The `name`
/// property." would, and the module allows it).
fn field_doc_text(field: &Field) -> String {
    let mut extra = Vec::new();
    match field.access {
        Access::ReadOnly => extra.push("Read-only: set by the server, not sent in requests.".to_owned()),
        Access::WriteOnly => extra.push("Write-only: sent in requests, not returned by the server.".to_owned()),
        Access::ReadWrite => {}
    }
    if let Some(default) = &field.default {
        extra.push(format!("Defaults to `{}` when absent.", literal_text(default)));
    }
    doc_text(&field.docs, &extra)
}

fn field_type(api: &Api, field: &Field) -> TokenStream {
    tokens(&field_type_text(api, field))
}

/// A field's type as printed: its value's, boxed and optional as the field is.
fn field_type_text(api: &Api, field: &Field) -> String {
    let inner = type_text(api, &field.ty, Place::Types);
    let inner = if field.boxed { format!("Box<{inner}>") } else { inner };
    match field.presence {
        Presence::Required | Presence::Defaulted => inner,
        Presence::RequiredNullable | Presence::Optional => format!("Option<{inner}>"),
        Presence::OptionalNullable => format!("Option<Option<{inner}>>"),
    }
}

fn default_fn_name(field: &Field) -> String {
    format!("default_{}", unraw(&field.name))
}

/// A private function giving a field's default, for serde and the constructors:
/// `fn name() -> ty { value }`.
struct DefaultFn {
    name: proc_macro2::Ident,
    /// The field's type, as printed.
    ty: String,
    value: Value,
}

impl DefaultFn {
    fn text(&self) -> Option<String> {
        let signature = format!("fn {}() -> {} {{", self.name, self.ty);
        let value = format!("    {}", self.value.text);
        let fits = [&signature, &value].iter().all(|line| items_text::METHOD_INDENT + line.len() <= deferred::MARGIN);
        fits.then(|| format!("{signature}\n{value}\n}}\n"))
    }

    fn tokens(&self) -> TokenStream {
        let DefaultFn { name, ty, value } = self;
        let (ty, value) = (tokens(ty), &value.tokens);
        quote! { fn #name() -> #ty { #value } }
    }
}

/// The functions giving the spec's defaults of `shape`'s fields.
fn default_fns(api: &Api, shape: &Struct) -> Vec<DefaultFn> {
    shape
        .fields
        .iter()
        .filter(|field| field.presence == Presence::Defaulted)
        .filter_map(|field| {
            let value = literal_expr(api, field.default.as_ref()?, &field.ty)?;
            let name = format_ident!("{}", default_fn_name(field));
            Some(DefaultFn { name, ty: field_type_text(api, field), value })
        })
        .collect()
}

/// An expression: its tokens, and its text as printed.
struct Value {
    tokens: TokenStream,
    text: String,
}

impl Value {
    fn literal(literal: proc_macro2::Literal) -> Self {
        Value { text: literal.to_string(), tokens: quote!(#literal) }
    }
}

/// A Rust expression for a default of type `ty`.
fn literal_expr(api: &Api, literal: &Literal, ty: &Ty) -> Option<Value> {
    Some(match (literal, ty) {
        (Literal::Bool(flag), _) => Value { text: flag.to_string(), tokens: quote!(#flag) },
        (Literal::Integer(value), Ty::Scalar(scalar)) => Value::literal(match scalar {
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => {
                proc_macro2::Literal::i64_unsuffixed(i64::try_from(*value).ok()?)
            }
            _ => proc_macro2::Literal::u64_unsuffixed(u64::try_from(*value).ok()?),
        }),
        (Literal::Float(value), _) => Value::literal(proc_macro2::Literal::f64_unsuffixed(*value)),
        (Literal::String(text), _) => {
            let literal = proc_macro2::Literal::string(text);
            Value { text: format!("{literal}.to_owned()"), tokens: quote!(#literal.to_owned()) }
        }
        (Literal::Variant(variant), Ty::Named(id)) => {
            let type_name = ident(&api.type_def(*id).name);
            let variant = ident(variant);
            Value { text: format!("{type_name}::{variant}"), tokens: quote!(#type_name::#variant) }
        }
        _ => return None,
    })
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::Bool(flag) => flag.to_string(),
        Literal::Integer(value) => value.to_string(),
        Literal::Float(value) => value.to_string(),
        Literal::String(text) => format!("{text:?}"),
        Literal::Variant(variant) => variant.clone(),
    }
}

/// The initial value of a field no constructor argument sets.
/// The value of a field a constructor does not take: its default, or `None`.
fn unset_value(field: &Field) -> TokenStream {
    match field.presence {
        Presence::Defaulted => {
            let function = format_ident!("{}", default_fn_name(field));
            quote!(Self::#function())
        }
        _ => quote!(None),
    }
}

/// `new(required…)`, for structs with required fields: the caller cannot forget one.
fn constructor(api: &Api, def: &TypeDef, shape: &Struct) -> Option<TokenStream> {
    if !def.sent {
        // Only received: no constructor, only the defaults serde applies.
        return type_impl(&def.name, None, &default_fns(api, shape));
    }
    let has_defaults = shape.fields.iter().any(|field| field.presence == Presence::Defaulted);
    if shape.constructor.is_empty() && !has_defaults {
        return None;
    }
    // Parameters (name and type) by field index; fields (name and value, none when it is the parameter).
    let mut params = Vec::new();
    let mut inits: Vec<(proc_macro2::Ident, Option<TokenStream>)> = Vec::new();
    for (index, field) in shape.fields.iter().enumerate() {
        let field_name = ident(&field.name);
        if !shape.constructor.contains(&index) {
            inits.push((field_name, Some(unset_value(field))));
            continue;
        }
        let (arg_ty, value) = match field.presence {
            Presence::Required => argument(api, &field.ty, &field_name, Place::Types),
            _ => (field_type(api, field), quote!(#field_name)),
        };
        let value = if field.boxed && field.presence == Presence::Required { quote!(Box::new(#value)) } else { value };
        params.push((index, field_name.clone(), arg_ty));
        inits.push((field_name.clone(), init_value(&field_name, value)));
    }
    if let Some(additional) = &shape.additional {
        inits.push((ident(&additional.name), Some(quote!(std::collections::BTreeMap::new()))));
    }
    let defaults = default_fns(api, shape);
    if shape.constructor.is_empty() {
        // Only defaults to fill in: `Default` does it (see `manual_default`).
        return type_impl(&def.name, None, &defaults);
    }
    let ordered: Vec<(&proc_macro2::Ident, &TokenStream)> = shape
        .constructor
        .iter()
        .filter_map(|index| params.iter().find(|(i, _, _)| i == index).map(|(_, name, ty)| (name, ty)))
        .collect();
    let constructor = Constructor { name: &def.name, params: ordered, inits, allow: shape.constructor.len() > 7 };
    type_impl(&def.name, Some(&constructor), &defaults)
}

/// `pub fn new(params…) -> Self { Self { inits… } }`, with its docs.
struct Constructor<'a> {
    /// The type's name.
    name: &'a str,
    params: Vec<(&'a proc_macro2::Ident, &'a TokenStream)>,
    inits: Vec<(proc_macro2::Ident, Option<TokenStream>)>,
    /// Whether clippy is told that its many arguments are meant.
    allow: bool,
}

impl Constructor<'_> {
    fn docs(&self) -> String {
        format!(
            "A `{}` with its required fields set, defaults applied, and every other optional field unset.",
            self.name
        )
    }

    /// The method as printed, without its docs and attributes.
    fn text(&self) -> Option<String> {
        let params: Option<Vec<String>> =
            self.params.iter().map(|(name, ty)| Some(format!("{name}: {}", token_text((*ty).clone())?))).collect();
        let inits = items_text::inits_text(&self.inits);
        items_text::literal_fn_text("pub fn new", &params?, "Self", "Self", &inits?)
    }

    fn tokens(&self) -> TokenStream {
        let docs = lines(&self.docs());
        let allow = self.allow.then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let new = deferred::text(|| self.text()).unwrap_or_else(|| {
            let params = self.params.iter().map(|(name, ty)| quote!(#name: #ty));
            let inits = items_text::inits_tokens(&self.inits);
            quote! {
                pub fn new(#( #params ),*) -> Self {
                    Self { #( #inits ),* }
                }
            }
        });
        quote!(#docs #allow #new)
    }
}

/// `impl Name { constructor defaults… }`, written whole as printed where
/// each method is; `None` when it would be empty.
fn type_impl(name: &str, constructor: Option<&Constructor<'_>>, defaults: &[DefaultFn]) -> Option<TokenStream> {
    if constructor.is_none() && defaults.is_empty() {
        return None;
    }
    let text = || {
        let mut out = format!("impl {name} {{\n");
        if let Some(constructor) = constructor {
            write_doc_lines("    ///", &constructor.docs(), &mut out);
            if constructor.allow {
                out.push_str("    #[allow(clippy::too_many_arguments)]\n");
            }
            items_text::indented(&constructor.text()?, &mut out);
        }
        for default in defaults {
            items_text::indented(&default.text()?, &mut out);
        }
        out.push_str("}\n");
        Some(out)
    };
    Some(deferred::text(text).unwrap_or_else(|| {
        let name = ident(name);
        let constructor = constructor.map(Constructor::tokens);
        let defaults = defaults.iter().map(DefaultFn::tokens);
        quote! {
            impl #name {
                #constructor

                #( #defaults )*
            }
        }
    }))
}

/// `Default` that applies the spec's defaults, for structs without required fields.
fn manual_default(def: &TypeDef, shape: &Struct) -> Option<TokenStream> {
    let has_defaults = shape.fields.iter().any(|field| field.presence == Presence::Defaulted);
    if !has_defaults || !shape.constructor.is_empty() {
        return None;
    }
    if shape.fields.iter().any(|field| matches!(field.presence, Presence::Required)) {
        return None;
    }
    let name = ident(&def.name);
    let inits = shape.fields.iter().map(|field| {
        let (name, value) = (ident(&field.name), unset_value(field));
        quote!(#name: #value)
    });
    let additional = shape.additional.as_ref().map(|additional| {
        let field = ident(&additional.name);
        quote!(#field: std::collections::BTreeMap::new(),)
    });
    Some(quote! {
        impl Default for #name {
            fn default() -> Self {
                Self { #( #inits, )* #additional }
            }
        }
    })
}
