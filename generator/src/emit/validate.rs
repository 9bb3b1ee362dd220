//! Constraint checks. Each API gets a private `validate` module implementing
//! `runtime::Validate` for every struct with a constraint anywhere inside
//! (types without one get nothing), and each operation checks its
//! constrained parameters and its body before it builds the request.
//!
//! Checks are calls of the runtime's helpers (`check_length`,
//! `check_minimum`…), one per rule; containers of validated types use the
//! runtime's generic `Validate` impls, so the emitted code stays a list of
//! one-liners. A `pattern` becomes a `LazyLock<regex::Regex>` local to the
//! function that checks it, compiled on first use.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Api, Constraints, Number, Operation, Presence, Scalar, Ty, TypeKind};
use crate::limits::MAX_DEPTH;
use crate::naming::{unraw, Scope};

use super::docs::inner_lines;
use super::ty::ident;

/// The `validate` module of `api`, when some type has something to check.
pub fn module(api: &Api) -> Option<TokenStream> {
    if !api.validates() {
        return None;
    }
    let impls = api.types.iter().filter(|def| def.validated).filter_map(|def| {
        let TypeKind::Struct(shape) = &def.kind else { return None };
        let mut checks = Checks::new(api);
        let statements: Vec<TokenStream> = shape
            .fields
            .iter()
            .flat_map(|field| {
                let name = ident(&field.name);
                let wire = &field.wire_name;
                let ty = match field.presence {
                    Presence::Required | Presence::Defaulted => field.ty.clone(),
                    Presence::RequiredNullable | Presence::Optional => Ty::Option(Box::new(field.ty.clone())),
                    Presence::OptionalNullable => Ty::Option(Box::new(Ty::Option(Box::new(field.ty.clone())))),
                };
                let value = Value::Place(quote!(self.#name));
                let at = quote!(at.field(#wire));
                checks.of(&ty, &field.constraints, &value, &at, unraw(&field.name), 0)
            })
            .collect();
        let statics = &checks.patterns.statics;
        let name = ident(&def.name);
        Some(quote! {
            impl runtime::Validate for types::#name {
                fn validate_at(&self, at: runtime::At<'_>) -> Result<(), runtime::ConstraintViolation> {
                    #( #statics )*
                    #( #statements )*
                    Ok(())
                }
            }
        })
    });
    let impls: Vec<TokenStream> = impls.collect();
    let header = inner_lines(&format!(
        "Checks of the constraints the schemas of {} put on values (`maxLength`, `pattern`, `minimum`…),\nrun by every operation before it sends a request.",
        api.title
    ));
    Some(quote! {
        #header
        use super::types;
        use crate::runtime;

        #( #impls )*
    })
}

/// The statements an operation's `send_with_response` runs before building
/// its request: checks of constrained parameters, then of the body.
pub fn request_checks(api: &Api, operation: &Operation) -> TokenStream {
    let mut checks = Checks::new(api);
    let mut statements = Vec::new();
    for param in &operation.params {
        let name = ident(&param.name);
        let wire = &param.wire_name;
        let ty = if param.required { param.ty.clone() } else { Ty::Option(Box::new(param.ty.clone())) };
        let value = Value::Place(quote!(self.#name));
        let at = quote!(runtime::At::ROOT.field(#wire));
        statements.extend(checks.of(&ty, &param.constraints, &value, &at, unraw(&param.name), 0));
    }
    if let Some(body) = &operation.body {
        let name = ident(&body.name);
        let root = quote!(runtime::At::ROOT);
        let hint = unraw(&body.name);
        if body.required {
            if body.constraints.is_empty() && api.holds_validated(&body.ty) {
                statements.push(quote!(runtime::Validate::validate(self.#name)?;));
            } else {
                let value = Value::Ref(quote!(self.#name));
                statements.extend(checks.of(&body.ty, &body.constraints, &value, &root, hint, 0));
            }
        } else {
            // `Option<&T>`: bind the reference itself.
            let value = Value::Ref(quote!(value));
            let inner = checks.of(&body.ty, &body.constraints, &value, &root, hint, 0);
            if !inner.is_empty() {
                statements.push(quote!(if let Some(value) = self.#name { #( #inner )* }));
            }
        }
    }
    let statics = &checks.patterns.statics;
    quote! { #( #statics )* #( #statements )* }
}

/// The checks of one function, and the patterns they compile.
struct Checks<'a> {
    api: &'a Api,
    patterns: Patterns,
}

impl<'a> Checks<'a> {
    fn new(api: &'a Api) -> Self {
        Self { api, patterns: Patterns::default() }
    }

    /// Statements checking `value` (of type `ty`, at path `at`) against
    /// `constraints` and the constraints inside its types. `depth` counts
    /// the aliases and loops they are in.
    fn of(
        &mut self,
        ty: &Ty,
        constraints: &Constraints,
        value: &Value,
        at: &TokenStream,
        hint: &str,
        depth: usize,
    ) -> Vec<TokenStream> {
        if constraints.is_empty() {
            if !self.api.holds_validated(ty) {
                return Vec::new();
            }
            let value = value.by_ref();
            return vec![quote!(runtime::Validate::validate_at(#value, #at)?;)];
        }
        match ty {
            Ty::Named(id) => match &self.api.type_def(*id).kind {
                TypeKind::Alias(aliased) if depth < MAX_DEPTH => {
                    self.of(aliased, constraints, value, at, hint, depth + 1)
                }
                _ => Vec::new(),
            },
            Ty::Option(inner) => {
                let option = value.by_ref();
                // `Option<Option<T>>` (absent, null, value): one pattern reaches the value.
                let (pattern, inner) = match inner.as_ref() {
                    Ty::Option(innermost) => (quote!(Some(Some(value))), innermost),
                    _ => (quote!(Some(value)), inner),
                };
                let inner = self.of(inner, constraints, &Value::Ref(quote!(value)), at, hint, depth);
                vec![quote!(if let #pattern = #option { #( #inner )* })]
            }
            Ty::Scalar(Scalar::String) => {
                let mut checks = Vec::new();
                let text = value.by_ref();
                if constraints.min_length.is_some() || constraints.max_length.is_some() {
                    let min = optional(constraints.min_length);
                    let max = optional(constraints.max_length);
                    checks.push(quote!(runtime::check_length(#at, #text, #min, #max)?;));
                }
                if let Some(pattern) = &constraints.pattern {
                    let regex = self.patterns.static_for(pattern, hint);
                    checks.push(quote!(runtime::check_pattern(#at, #regex.is_match(#text), #regex.as_str())?;));
                }
                checks
            }
            Ty::Scalar(_) => {
                let mut checks = Vec::new();
                let number = value.by_copy();
                if let Some(minimum) = constraints.minimum {
                    let bound = number_literal(minimum.value);
                    checks.push(if minimum.exclusive {
                        quote!(runtime::check_exclusive_minimum(#at, #number, #bound)?;)
                    } else {
                        quote!(runtime::check_minimum(#at, #number, #bound)?;)
                    });
                }
                if let Some(maximum) = constraints.maximum {
                    let bound = number_literal(maximum.value);
                    checks.push(if maximum.exclusive {
                        quote!(runtime::check_exclusive_maximum(#at, #number, #bound)?;)
                    } else {
                        quote!(runtime::check_maximum(#at, #number, #bound)?;)
                    });
                }
                if let Some(factor) = constraints.multiple_of {
                    let factor = number_literal(factor);
                    checks.push(quote!(runtime::check_multiple_of(#at, #number, #factor)?;));
                }
                checks
            }
            Ty::Vec(inner) => {
                let mut checks = Vec::new();
                if constraints.min_items.is_some() || constraints.max_items.is_some() {
                    let items = value.by_ref();
                    let min = optional(constraints.min_items);
                    let max = optional(constraints.max_items);
                    checks.push(quote!(runtime::check_items(#at, #items, #min, #max)?;));
                }
                let (index, item) = loop_names(depth, "index", "item");
                let item_at = quote!(#at.index(#index));
                let item_constraints = constraints.items.as_deref().cloned().unwrap_or_default();
                let hint = format!("{hint}_item");
                let inner = self.of(inner, &item_constraints, &Value::Ref(quote!(#item)), &item_at, &hint, depth + 1);
                if !inner.is_empty() {
                    let items = value.tokens();
                    checks.push(quote!(for (#index, #item) in #items.iter().enumerate() { #( #inner )* }));
                }
                checks
            }
            Ty::Map(inner) => {
                let (key, entry) = loop_names(depth, "key", "entry");
                let entry_at = quote!(#at.key(#key));
                let value_constraints = constraints.values.as_deref().cloned().unwrap_or_default();
                let hint = format!("{hint}_value");
                let inner =
                    self.of(inner, &value_constraints, &Value::Ref(quote!(#entry)), &entry_at, &hint, depth + 1);
                let map = value.by_ref();
                vec![quote!(for (#key, #entry) in #map { #( #inner )* })]
            }
            _ => Vec::new(),
        }
    }
}

/// A value being checked: a place (`self.name`) or a reference to one (`value`).
enum Value {
    Place(TokenStream),
    Ref(TokenStream),
}

impl Value {
    fn by_ref(&self) -> TokenStream {
        match self {
            Self::Place(place) => quote!(&#place),
            Self::Ref(reference) => reference.clone(),
        }
    }

    fn by_copy(&self) -> TokenStream {
        match self {
            Self::Place(place) => place.clone(),
            Self::Ref(reference) => quote!(*#reference),
        }
    }

    /// For method calls, which borrow by themselves.
    fn tokens(&self) -> TokenStream {
        match self {
            Self::Place(tokens) | Self::Ref(tokens) => tokens.clone(),
        }
    }
}

/// The compiled patterns of one function: a `static` each, shared by equal patterns.
#[derive(Default)]
struct Patterns {
    statics: Vec<TokenStream>,
    by_pattern: BTreeMap<String, proc_macro2::Ident>,
    names: Scope,
}

impl Patterns {
    fn static_for(&mut self, pattern: &str, hint: &str) -> proc_macro2::Ident {
        if let Some(name) = self.by_pattern.get(pattern) {
            return name.clone();
        }
        let name = format_ident!("{}", self.names.claim(&format!("{}_PATTERN", hint.to_uppercase())));
        let literal = string_literal(pattern);
        self.statics.push(quote! {
            static #name: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| regex::Regex::new(#literal).expect("the generator checked that it compiles"));
        });
        self.by_pattern.insert(pattern.to_owned(), name.clone());
        name
    }
}

/// A raw string literal where the pattern allows, so it reads as written in the spec.
fn string_literal(text: &str) -> Literal {
    let raw = (0..4).map(|hashes| "#".repeat(hashes)).find(|hashes| !text.contains(&format!("\"{hashes}")));
    match raw.and_then(|hashes| format!("r{hashes}\"{text}\"{hashes}").parse::<Literal>().ok()) {
        Some(literal) => literal,
        None => Literal::string(text),
    }
}

fn optional(value: Option<u64>) -> TokenStream {
    match value {
        Some(value) => {
            let value = Literal::u64_unsuffixed(value);
            quote!(Some(#value))
        }
        None => quote!(None),
    }
}

fn number_literal(number: Number) -> TokenStream {
    let (negative, literal) = match number {
        Number::Int(value) => (value < 0, format!("{}i64", value.unsigned_abs())),
        Number::Float(value) => (value < 0.0, format!("{:?}f64", value.abs())),
    };
    let literal = literal.parse::<Literal>().unwrap_or_else(|_| Literal::i64_suffixed(0));
    if negative {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// Loop variables, numbered in nested loops so inner paths can name outer indices.
fn loop_names(depth: usize, first: &str, second: &str) -> (proc_macro2::Ident, proc_macro2::Ident) {
    if depth == 0 {
        (format_ident!("{first}"), format_ident!("{second}"))
    } else {
        (format_ident!("{first}{}", depth + 1), format_ident!("{second}{}", depth + 1))
    }
}
