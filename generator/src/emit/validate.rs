//! Constraint checks. Each API gets a private `validate` module implementing
//! `runtime::Validate` for every struct with a constraint anywhere inside
//! (types without one get nothing), and each operation checks its
//! constrained parameters and its body before it builds the request.
//!
//! Checks are one call per rule and field, whatever the field's shape:
//! `at.field("tags").length(&self.tags, None, Some(64))?` reaches every text
//! inside an `Option<Vec<String>>` (the runtime's `Leaves`); containers of
//! validated types use the runtime's generic `Validate` impls. Only shapes
//! those calls cannot express (item counts of nested lists) are
//! written out as loops of the runtime's `check_*` helpers. A `pattern`
//! becomes a `LazyLock<regex::Regex>` local to the function that checks it,
//! compiled on first use.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Api, Constraints, Number, Operation, Presence, Scalar, Ty, TypeKind};
use crate::limits::MAX_DEPTH;
use crate::naming::{unraw, Scope};

use super::attrs::cfg_features;
use super::docs::inner_lines;
use super::ty::ident;

/// The `validate` module of `api`, when some type has something to check.
pub fn module(api: &Api) -> Option<TokenStream> {
    if !api.validates() {
        return None;
    }
    let impls = api.types.iter().filter(|def| def.validated).filter_map(|def| {
        let TypeKind::Struct(shape) = &def.kind else { return None };
        let mut checks = Checks::new(api, None);
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
        let cfg = cfg_features(&def.features);
        Some(quote! {
            #cfg
            impl Validate for types::#name {
                fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
                    #( #statics )*
                    #( #statements )*
                    Ok(())
                }
            }
        })
    });
    let impls: Vec<TokenStream> = impls.collect();
    // With every check gated by a feature, none may be built.
    let gated = api.types.iter().filter(|def| def.validated).all(|def| !def.features.is_empty());
    let allow = gated.then(|| quote!(#[allow(unused_imports)]));
    let header = inner_lines(&format!(
        "Checks of the constraints the schemas of {} put on values (`maxLength`, `pattern`, `minimum`…),\nrun by every operation before it sends a request.",
        api.title
    ));
    Some(quote! {
        #header
        #allow
        use super::types;
        #allow
        use crate::runtime::{At, ConstraintViolation, Validate};

        #( #impls )*
    })
}

/// What an operation's `send_with_response` checks before building its request.
pub struct RequestChecks {
    /// The statements.
    pub tokens: TokenStream,
    /// The statements as printed (at a method's statement indentation),
    /// where they are only the body's own check and that fits on its line.
    pub text: Option<String>,
}

/// The statements an operation's `send_with_response` runs before building
/// its request: checks of constrained parameters, then of the body.
pub fn request_checks(api: &Api, operation: &Operation) -> RequestChecks {
    let mut checks = Checks::new(api, Some(quote!(runtime::Validate::validate_at)));
    let mut statements = Vec::new();
    // The text of the statements so far, while each is written as text too.
    let mut text = Some(String::new());
    for param in &operation.params {
        let name = ident(&param.name);
        let wire = &param.wire_name;
        let ty = if param.required { param.ty.clone() } else { Ty::Option(Box::new(param.ty.clone())) };
        let value = Value::Place(quote!(self.#name));
        let at = quote!(runtime::At::param(#wire));
        let found = checks.of(&ty, &param.constraints, &value, &at, unraw(&param.name), 0);
        if !found.is_empty() {
            text = None;
        }
        statements.extend(found);
    }
    if let Some(body) = &operation.body {
        let name = ident(&body.name);
        let root = quote!(runtime::At::ROOT);
        let hint = unraw(&body.name);
        if body.required {
            if body.constraints.is_empty() && api.holds_validated(&body.ty) {
                statements.push(quote!(runtime::Validate::validate(self.#name)?;));
                let line = format!("runtime::Validate::validate(self.{name})?;\n");
                let fits = super::send_text::STATEMENT_INDENT + line.len() - 1 <= super::deferred::MARGIN;
                text = text.filter(|_| fits).map(|text| text + &line);
            } else {
                let value = Value::Ref(quote!(self.#name));
                let found = checks.of(&body.ty, &body.constraints, &value, &root, hint, 0);
                if !found.is_empty() {
                    text = None;
                }
                statements.extend(found);
            }
        } else {
            // `Option<&T>`: bind the reference itself.
            let value = Value::Ref(quote!(value));
            let inner = checks.of(&body.ty, &body.constraints, &value, &root, hint, 0);
            if !inner.is_empty() {
                statements.push(quote!(if let Some(value) = self.#name { #( #inner )* }));
                text = None;
            }
        }
    }
    let statics = &checks.patterns.statics;
    if !statics.is_empty() {
        text = None;
    }
    RequestChecks { tokens: quote! { #( #statics )* #( #statements )* }, text }
}

/// The checks of one function, and the patterns they compile.
struct Checks<'a> {
    api: &'a Api,
    patterns: Patterns,
    /// How the function names `Validate::validate_at` (`None`: the trait is
    /// in scope, and `value.validate_at(at)` reads best).
    validate: Option<TokenStream>,
}

impl<'a> Checks<'a> {
    fn new(api: &'a Api, validate: Option<TokenStream>) -> Self {
        Self { api, patterns: Patterns::default(), validate }
    }

    /// One call per rule for `value` (of type `ty`, at path `at`), when its
    /// shape allows: rules on the texts or numbers inside any nesting of
    /// `Option`, lists and maps, and item counts of an outermost list.
    fn compact(
        &mut self,
        ty: &Ty,
        constraints: &Constraints,
        value: &Value,
        at: &TokenStream,
        hint: &str,
    ) -> Option<Vec<TokenStream>> {
        let mut current = ty;
        let mut leaf = constraints.clone();
        let mut items = None;
        let mut contained = false;
        let mut aliases = 0;
        let scalar = loop {
            match current {
                Ty::Named(id) => match &self.api.type_def(*id).kind {
                    TypeKind::Alias(aliased) if aliases < MAX_DEPTH => {
                        aliases += 1;
                        current = aliased;
                    }
                    _ => return None,
                },
                Ty::Option(inner) => current = inner,
                Ty::Vec(inner) => {
                    if leaf.min_items.is_some() || leaf.max_items.is_some() {
                        if contained {
                            return None;
                        }
                        items = Some((leaf.min_items, leaf.max_items));
                    }
                    contained = true;
                    leaf = leaf.items.as_deref().cloned().unwrap_or_default();
                    current = inner;
                }
                Ty::Map(inner) => {
                    contained = true;
                    leaf = leaf.values.as_deref().cloned().unwrap_or_default();
                    current = inner;
                }
                Ty::Scalar(scalar) => break scalar,
                _ => return None,
            }
        };
        let value = value.by_ref();
        let mut checks = Vec::new();
        if let Some((min, max)) = items {
            let (min, max) = (optional(min), optional(max));
            checks.push(quote!(#at.items(#value, #min, #max)?;));
        }
        if *scalar == Scalar::String {
            if leaf.min_length.is_some() || leaf.max_length.is_some() {
                let (min, max) = (optional(leaf.min_length), optional(leaf.max_length));
                checks.push(quote!(#at.length(#value, #min, #max)?;));
            }
            if let Some(pattern) = &leaf.pattern {
                let regex = self.patterns.static_for(pattern, hint);
                checks.push(quote!(#at.pattern(#value, #regex.as_str(), |text| #regex.is_match(text))?;));
            }
        } else if is_number(*scalar) {
            let bounds = [
                leaf.minimum.map(|bound| {
                    (bound.value, if bound.exclusive { quote!(exclusive_minimum) } else { quote!(minimum) })
                }),
                leaf.maximum.map(|bound| {
                    (bound.value, if bound.exclusive { quote!(exclusive_maximum) } else { quote!(maximum) })
                }),
                leaf.multiple_of.map(|factor| (factor, quote!(multiple_of))),
            ];
            for (bound, rule) in bounds.into_iter().flatten() {
                let bound = number_literal(bound);
                checks.push(quote!(#at.#rule(#value, #bound)?;));
            }
        }
        Some(checks)
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
            return match &self.validate {
                Some(validate) => {
                    let value = value.by_ref();
                    vec![quote!(#validate(#value, #at)?;)]
                }
                None => {
                    let value = value.tokens();
                    vec![quote!(#value.validate_at(#at)?;)]
                }
            };
        }
        if let Some(checks) = self.compact(ty, constraints, value, at, hint) {
            return checks;
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
                    checks.push(quote!(crate::runtime::check_length(#at, #text, #min, #max)?;));
                }
                if let Some(pattern) = &constraints.pattern {
                    let regex = self.patterns.static_for(pattern, hint);
                    checks.push(quote!(crate::runtime::check_pattern(#at, #regex.is_match(#text), #regex.as_str())?;));
                }
                checks
            }
            Ty::Scalar(_) => {
                let mut checks = Vec::new();
                let number = value.by_copy();
                if let Some(minimum) = constraints.minimum {
                    let bound = number_literal(minimum.value);
                    checks.push(if minimum.exclusive {
                        quote!(crate::runtime::check_exclusive_minimum(#at, #number, #bound)?;)
                    } else {
                        quote!(crate::runtime::check_minimum(#at, #number, #bound)?;)
                    });
                }
                if let Some(maximum) = constraints.maximum {
                    let bound = number_literal(maximum.value);
                    checks.push(if maximum.exclusive {
                        quote!(crate::runtime::check_exclusive_maximum(#at, #number, #bound)?;)
                    } else {
                        quote!(crate::runtime::check_maximum(#at, #number, #bound)?;)
                    });
                }
                if let Some(factor) = constraints.multiple_of {
                    let factor = number_literal(factor);
                    checks.push(quote!(crate::runtime::check_multiple_of(#at, #number, #factor)?;));
                }
                checks
            }
            Ty::Vec(inner) => {
                let mut checks = Vec::new();
                if constraints.min_items.is_some() || constraints.max_items.is_some() {
                    let items = value.by_ref();
                    let min = optional(constraints.min_items);
                    let max = optional(constraints.max_items);
                    checks.push(quote!(crate::runtime::check_items(#at, #items, #min, #max)?;));
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

fn is_number(scalar: Scalar) -> bool {
    use Scalar::*;
    matches!(scalar, I8 | I16 | I32 | I64 | U8 | U16 | U32 | U64 | F32 | F64)
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
