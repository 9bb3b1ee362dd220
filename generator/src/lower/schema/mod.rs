//! Schemas → types. Every component schema gets its id and name before any is
//! converted, so references (forward, cyclic) need no special case.
//!
//! Objects (including `allOf` merges) are in `object`, enums in `enums`,
//! `oneOf`/`anyOf` in `union`.

mod constraints;
mod enums;
mod names;
mod object;
mod shape;
mod shared;
#[cfg(test)]
mod tree;
mod union;

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{Constraints, Derives, Docs, Scalar, Ty, TypeDef, TypeId, TypeKind};
use crate::limits::MAX_DEPTH;
use crate::naming::{pascal, Scope};
use crate::pointer::{component_name, Pointer};

pub(super) use constraints::Found;

use super::docs::docs;

/// Names a type cannot take: the API module's own, and the standard prelude's,
/// which emitted code names unqualified (`pub type String = String;` is a cycle).
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "Response",
    "Box",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "ToOwned",
    "Vec",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "Extend",
    "FromIterator",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    // The `types` module imports serde's derives.
    "Serialize",
    "Deserialize",
];

/// Type names longer than this are shortened to the words that tell them apart.
const LONG_NAME: usize = 40;

/// A schema, referenced or inline.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'s> {
    Ref(&'s str),
    Inline(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(schema: &'s ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

/// What the type walk gives a schema used somewhere: its type, whether it
/// admits `null`, and what a value must satisfy.
pub(super) struct Lowered {
    pub ty: Ty,
    pub nullable: bool,
    pub constraints: Found,
}

impl Lowered {
    fn json() -> Self {
        Self { ty: Ty::Json, nullable: false, constraints: Found::Nothing }
    }

    fn of(ty: Ty, nullable: bool) -> Self {
        Self { ty, nullable, constraints: Found::Nothing }
    }
}

/// The types of one API while they are being lowered.
pub(super) struct Types<'d> {
    components: Vec<(&'d String, &'d ReferenceOr<Schema>)>,
    defs: Vec<TypeDef>,
    scope: Scope,
    by_component: BTreeMap<&'d str, TypeId>,
    /// Inline schemas whose named types are being lowered: met again inside
    /// themselves (through a component's properties merged by `allOf`), they
    /// refer to that type instead of nesting a new one forever.
    in_progress: Vec<(&'d Schema, TypeId)>,
    /// Inline schemas already lowered, by shape: one type for identical ones.
    shared: shared::SharedInline,
    /// Where inline types are used, for their final names.
    places: names::Places,
    /// What a value of each component must satisfy, by component index.
    component_constraints: Vec<Found>,
    /// Struct fields whose constraints are settled once every component is lowered.
    field_constraints: Vec<(TypeId, usize, Found)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'d> Types<'d> {
    /// Gives every component schema its id and Rust name; explicit renames
    /// claim their names first, so they always win.
    pub(super) fn declare(document: &'d OpenAPI, config: &Config) -> Self {
        let components: Vec<_> = document.components.iter().flat_map(|components| components.schemas.iter()).collect();
        let mut types = Self {
            components,
            defs: Vec::new(),
            scope: Scope::with_reserved(RESERVED_TYPE_NAMES),
            by_component: BTreeMap::new(),
            in_progress: Vec::new(),
            shared: shared::SharedInline::default(),
            places: names::Places::default(),
            component_constraints: Vec::new(),
            field_constraints: Vec::new(),
            diagnostics: Vec::new(),
        };
        let mut names = vec![String::new(); types.components.len()];
        for (index, (name, _)) in types.components.iter().enumerate() {
            if let Some(rename) = config.types.get(name.as_str()) {
                names[index] = types.scope.claim(&pascal(rename));
            }
        }
        let shortened = if config.shorten_names { types.shortened_names(&names) } else { BTreeMap::new() };
        let wanted: Vec<String> = types
            .components
            .iter()
            .map(|(name, _)| shortened.get(name.as_str()).cloned().unwrap_or_else(|| pascal(name)))
            .collect();
        let wanted = crate::naming::shorten_long_names(&wanted, LONG_NAME);
        for (index, wanted) in wanted.iter().enumerate() {
            if names[index].is_empty() {
                names[index] = types.scope.claim(wanted);
            }
        }
        for (index, ((component, _), name)) in types.components.iter().zip(names).enumerate() {
            let origin = Pointer::root().join("components").join("schemas").join(component).to_string();
            types.defs.push(TypeDef {
                name,
                origin,
                docs: Docs::default(),
                kind: TypeKind::Alias(Ty::Json),
                derives: Derives::default(),
                validated: false,
                sent: false,
                received: false,
                serialized: false,
                features: Vec::new(),
            });
            types.by_component.insert(component.as_str(), TypeId(index));
        }
        types
    }

    /// Shortened names of the components not named yet (`names[i]` empty),
    /// unique against the names already taken (reserved and renamed).
    fn shortened_names(&self, names: &[String]) -> BTreeMap<String, String> {
        let unnamed: Vec<&str> = self
            .components
            .iter()
            .zip(names)
            .filter(|(_, name)| name.is_empty())
            .map(|((component, _), _)| component.as_str())
            .collect();
        let taken: Vec<&str> = self.scope.taken().collect();
        crate::naming::shorten_type_names(&unnamed, &taken)
    }

    /// Converts every component schema.
    pub(super) fn define_components(&mut self) {
        for index in 0..self.components.len() {
            let (component, schema) = self.components[index];
            let at = Pointer::root().join("components").join("schemas").join(component);
            let name = self.defs[index].name.clone();
            self.places.enter(TypeId(index));
            let (docs, (kind, constraints)) = match schema {
                ReferenceOr::Reference { .. } => {
                    let lowered = self.ty_of(schema.into(), &name, &at);
                    (Docs::default(), (TypeKind::Alias(lowered.ty), lowered.constraints))
                }
                ReferenceOr::Item(schema) => (schema_docs(schema), self.kind_of(schema, TypeId(index), &name, &at)),
            };
            self.places.leave();
            self.defs[index].docs = docs;
            self.defs[index].kind = kind;
            self.component_constraints.push(constraints);
        }
    }

    /// The constraints `found` stands for, once every component is lowered;
    /// warnings about keywords left unchecked go to `diagnostics`.
    pub(super) fn constraints(&self, found: &Found, diagnostics: &mut Vec<Diagnostic>) -> Constraints {
        constraints::settle(found, &self.component_constraints, diagnostics)
    }

    /// Inline types met from now on are used by the operation whose hints
    /// start with `hint`, and named in the context `context` (or by none).
    pub(super) fn set_operation(&mut self, operation: Option<(&str, Vec<String>)>) {
        self.places.set_operation(operation);
    }

    /// The lowered types and the warnings met on the way.
    pub(super) fn finish(mut self) -> (Vec<TypeDef>, Vec<Diagnostic>) {
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        for (id, index, found) in &self.field_constraints {
            let constraints = self.constraints(found, &mut diagnostics);
            if let TypeKind::Struct(shape) = &mut self.defs[id.0].kind {
                shape.fields[*index].constraints = constraints;
            }
        }
        self.places.rename(&mut self.defs, RESERVED_TYPE_NAMES, LONG_NAME);
        (self.defs, diagnostics)
    }

    /// The component a `$ref` designates.
    fn component(&self, reference: &str) -> Option<(TypeId, &'d ReferenceOr<Schema>)> {
        let name = component_name(reference, "schemas")?;
        let id = *self.by_component.get(name.as_str())?;
        Some((id, self.components[id.0].1))
    }

    /// The schema itself, following `$ref`s.
    fn resolve(&self, schema: SchemaRef<'d>) -> Option<&'d Schema> {
        let mut current = schema;
        for _ in 0..MAX_DEPTH {
            match current {
                SchemaRef::Inline(schema) => return Some(schema),
                SchemaRef::Ref(reference) => current = self.component(reference)?.1.into(),
            }
        }
        None
    }

    /// The type of a schema used somewhere (a property, parameter, body…),
    /// whether it admits `null`, and what a value must satisfy. Inline
    /// objects, enums and unions become named types called after `hint`.
    pub(super) fn ty_of(&mut self, schema: SchemaRef<'d>, hint: &str, at: &Pointer) -> Lowered {
        match schema {
            SchemaRef::Ref(reference) => match self.component(reference) {
                Some((id, _)) => Lowered { ty: Ty::Named(id), nullable: false, constraints: Found::Component(id) },
                None => {
                    self.warn(
                        format!("`$ref` to `{reference}` is not a component schema; using serde_json::Value"),
                        at,
                    );
                    Lowered::json()
                }
            },
            SchemaRef::Inline(schema) => self.ty_of_schema(schema, hint, at),
        }
    }

    fn ty_of_schema(&mut self, schema: &'d Schema, hint: &str, at: &Pointer) -> Lowered {
        let nullable = schema.schema_data.nullable;
        if let SchemaKind::AllOf { all_of: members } = &schema.schema_kind {
            if let Some(index) = sole_member(members) {
                let nullable = nullable || members.iter().any(|member| self.is_null_member(member));
                let member = self.ty_of((&members[index]).into(), hint, &at.join("allOf").join(index.to_string()));
                return Lowered { nullable: nullable || member.nullable, ..member };
            }
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                let nullable = nullable || string.enumeration.iter().any(Option::is_none);
                Lowered::of(self.named(schema, hint, at), nullable)
            }
            SchemaKind::Type(Type::String(string)) => {
                let scalar = string_scalar(&string.format);
                let constraints = if scalar == Scalar::String { Found::of_string(string, at) } else { Found::Nothing };
                Lowered { ty: Ty::Scalar(scalar), nullable, constraints }
            }
            SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.iter().any(Option::is_some) => {
                let nullable = nullable || integer.enumeration.iter().any(Option::is_none);
                Lowered::of(self.named(schema, hint, at), nullable)
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                let ty = Ty::Scalar(integer_scalar(&integer.format));
                Lowered { ty, nullable, constraints: Found::of_integer(integer, at) }
            }
            SchemaKind::Type(Type::Number(number)) => {
                let scalar = match number.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Scalar::F32,
                    _ => Scalar::F64,
                };
                Lowered { ty: Ty::Scalar(scalar), nullable, constraints: Found::of_number(number, at) }
            }
            SchemaKind::Type(Type::Boolean(_)) => Lowered::of(Ty::Scalar(Scalar::Bool), nullable),
            SchemaKind::Type(Type::Array(array)) => {
                let (ty, items) = self.list_of(array.items.as_ref(), hint, at);
                Lowered { ty, nullable, constraints: Found::of_array(array, items, at) }
            }
            SchemaKind::OneOf { one_of: members }
            | SchemaKind::AnyOf { any_of: members }
            | SchemaKind::AllOf { all_of: members }
                if members.len() == 1 =>
            {
                let keyword = composition_keyword(&schema.schema_kind);
                let member = self.ty_of((&members[0]).into(), hint, &at.join(keyword).join("0"));
                Lowered { nullable: nullable || member.nullable, ..member }
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                let keyword = composition_keyword(&schema.schema_kind);
                let mut others = members.iter().enumerate().filter(|(_, member)| !self.is_null_member(member));
                if let (Some((index, member)), None) = (others.next(), others.next()) {
                    // `anyOf: [X, null]` is a nullable `X`.
                    let member = self.ty_of(member.into(), hint, &at.join(keyword).join(index.to_string()));
                    return Lowered { nullable: true, ..member };
                }
                let nullable = nullable || members.iter().any(|member| self.is_null_member(member));
                Lowered::of(self.named(schema, hint, at), nullable)
            }
            _ if self.is_struct(schema) => Lowered::of(self.named(schema, hint, at), nullable),
            SchemaKind::Type(Type::Object(object)) => {
                Lowered { nullable, ..self.map_of(object.additional_properties.as_ref(), hint, at) }
            }
            SchemaKind::AllOf { .. } => {
                self.warn("`allOf` of schemas that are not all objects is not supported; using serde_json::Value", at);
                Lowered::of(Ty::Json, nullable)
            }
            SchemaKind::Not { .. } => {
                self.warn("`not` cannot be expressed as a Rust type; using serde_json::Value", at);
                Lowered::of(Ty::Json, nullable)
            }
            SchemaKind::Any(any) => Lowered { nullable, ..self.any_ty(any, hint, at) },
        }
    }

    /// A schema the 3.0 model read as "any type" because its keywords do not
    /// fit the type it states (a string `enum` with a number in it, say):
    /// read by its `type` and `format`. Only a schema that states nothing
    /// (`{}`, or an object without properties) is arbitrary JSON without a
    /// warning; any other fallback to `serde_json::Value` is reported. Its own
    /// validation keywords, which may not fit the type it states, are not
    /// checked; what its items, values or `allOf` member require is.
    fn any_ty(&mut self, any: &'d AnySchema, hint: &str, at: &Pointer) -> Lowered {
        match any.typ.as_deref() {
            Some("string") => Lowered::of(Ty::Scalar(string_scalar(&format_of(any.format.as_ref()))), false),
            Some("integer") => Lowered::of(Ty::Scalar(integer_scalar(&format_of(any.format.as_ref()))), false),
            Some("number") if any.format.as_deref() == Some("float") => Lowered::of(Ty::Scalar(Scalar::F32), false),
            Some("number") => Lowered::of(Ty::Scalar(Scalar::F64), false),
            Some("boolean") => Lowered::of(Ty::Scalar(Scalar::Bool), false),
            Some("array") => self.unchecked_list(any.items.as_ref(), hint, at),
            // `items` without `type` says "array" all the same.
            None if any.items.is_some() && any.properties.is_empty() => {
                self.unchecked_list(any.items.as_ref(), hint, at)
            }
            // One `allOf` member beside keywords that only constrain it (`pattern` beside an enum's `$ref`).
            None if any.all_of.len() == 1
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
                && any.properties.is_empty() =>
            {
                self.ty_of((&any.all_of[0]).into(), hint, &at.join("allOf").join("0"))
            }
            Some("object") | None
                if any.one_of.is_empty() && any.any_of.is_empty() && any.all_of.is_empty() && any.not.is_none() =>
            {
                // `type: object` with an `enum` of objects (docker's `enum: [{}]`) is an object without
                // properties: free-form. Without a `type`, the values mix objects with other kinds.
                if !any.enumeration.is_empty() && any.typ.is_none() {
                    self.warn("an `enum` of values of several types has no Rust type; using serde_json::Value", at);
                }
                self.map_of(any.additional_properties.as_ref(), hint, at)
            }
            Some(typ) => {
                self.warn(format!("`type: {typ}` with these keywords has no Rust type; using serde_json::Value"), at);
                Lowered::json()
            }
            None => {
                self.warn("a composition mixed with other keywords has no Rust type; using serde_json::Value", at);
                Lowered::json()
            }
        }
    }

    /// A list of `items` (of any JSON value when the schema does not say), and
    /// what each item must satisfy.
    fn list_of(&mut self, items: Option<&'d ReferenceOr<Box<Schema>>>, hint: &str, at: &Pointer) -> (Ty, Found) {
        let item = match items {
            Some(items) => self.ty_of(items.into(), &format!("{hint}Item"), &at.join("items")),
            None => Lowered::json(),
        };
        (Ty::Vec(Box::new(item.ty)), item.constraints)
    }

    /// A list from [`Types::list_of`] whose own keywords are not checked.
    fn unchecked_list(&mut self, items: Option<&'d ReferenceOr<Box<Schema>>>, hint: &str, at: &Pointer) -> Lowered {
        let (ty, items) = self.list_of(items, hint, at);
        Lowered { ty, nullable: false, constraints: Found::of_items(items, at) }
    }

    fn map_of(&mut self, additional: Option<&'d AdditionalProperties>, hint: &str, at: &Pointer) -> Lowered {
        match additional {
            Some(AdditionalProperties::Schema(value)) => {
                let value_at = at.join("additionalProperties");
                let value = self.ty_of(value.as_ref().into(), &format!("{hint}Value"), &value_at);
                let constraints = Found::of_map(value.constraints, at);
                Lowered { ty: Ty::Map(Box::new(value.ty)), nullable: false, constraints }
            }
            Some(AdditionalProperties::Any(true)) => Lowered::of(Ty::Map(Box::new(Ty::Json)), false),
            Some(AdditionalProperties::Any(false)) | None => Lowered::json(),
        }
    }

    /// A new named type for an inline schema.
    fn named(&mut self, schema: &'d Schema, hint: &str, at: &Pointer) -> Ty {
        if let Some((_, id)) = self.in_progress.iter().find(|(open, _)| std::ptr::eq(*open, schema)) {
            return Ty::Named(*id);
        }
        let title = schema.schema_data.title.as_deref();
        let id = TypeId(self.defs.len());
        match self.shared.find(schema) {
            Ok(made) => {
                self.places.meet(made, hint, title, &self.defs);
                return Ty::Named(made);
            }
            Err(vacant) => vacant.insert(id),
        }
        self.places.meet(id, hint, title, &self.defs);
        let name = self.scope.claim(&pascal(hint));
        self.defs.push(TypeDef {
            name: name.clone(),
            origin: at.to_string(),
            docs: schema_docs(schema),
            kind: TypeKind::Alias(Ty::Json),
            derives: Derives::default(),
            validated: false,
            sent: false,
            received: false,
            serialized: false,
            features: Vec::new(),
        });
        self.in_progress.push((schema, id));
        self.places.enter(id);
        // What values of an inline type must satisfy is checked where the type is
        // defined, never where it is used: only components are aliases worth following.
        let (kind, _) = self.kind_of(schema, id, &name, at);
        self.places.leave();
        self.in_progress.pop();
        self.defs[id.0].kind = kind;
        Ty::Named(id)
    }

    /// The kind of the named type `id`, and what an alias's values must
    /// satisfy. Must agree with `ty_of_schema` on which schemas are named, or
    /// the two would call each other forever.
    fn kind_of(&mut self, schema: &'d Schema, id: TypeId, name: &str, at: &Pointer) -> (TypeKind, Found) {
        if let Some(shape) = self.object_shape(schema, at).filter(|shape| !shape.properties.is_empty()) {
            return (TypeKind::Struct(self.lower_struct(shape, id, name, at)), Found::Nothing);
        }
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                TypeKind::Enum(enums::string_enum(string.enumeration.iter().flatten()))
            }
            SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.iter().any(Option::is_some) => {
                let values: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
                TypeKind::IntEnum(enums::int_enum(&values, enums::varnames(&schema.schema_data.extensions)))
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members }
                if members.iter().filter(|member| !self.is_null_member(member)).count() > 1 =>
            {
                let keyword = composition_keyword(&schema.schema_kind);
                let discriminator = schema.schema_data.discriminator.as_ref();
                TypeKind::Union(self.lower_union(members, keyword, discriminator, name, at))
            }
            _ => {
                let lowered = self.ty_of_schema(schema, name, at);
                return (TypeKind::Alias(lowered.ty), lowered.constraints);
            }
        };
        (kind, Found::Nothing)
    }

    fn warn(&mut self, message: impl Into<String>, at: &Pointer) {
        self.diagnostics.push(Diagnostic::warning_at(message, at));
    }
}

fn integer_scalar(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Scalar {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Scalar::I32,
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "int8" => Scalar::I8,
            "int16" => Scalar::I16,
            "uint8" => Scalar::U8,
            "uint16" => Scalar::U16,
            "uint32" => Scalar::U32,
            "uint64" | "uint" => Scalar::U64,
            _ => Scalar::I64,
        },
        _ => Scalar::I64,
    }
}

/// A `format` given as text, read the way the 3.0 model reads it for its typed schemas.
fn format_of<F: serde::de::DeserializeOwned>(format: Option<&String>) -> VariantOrUnknownOrEmpty<F> {
    format
        .and_then(|format| serde_json::from_value(serde_json::Value::from(format.as_str())).ok())
        .unwrap_or(VariantOrUnknownOrEmpty::Empty)
}

/// Unknown formats (`email`, `uri`, `hostname`…) are plain strings.
fn string_scalar(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Scalar {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Scalar::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Scalar::Date,
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Scalar::Base64,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Scalar::Binary,
        VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" || format == "guid" => Scalar::Uuid,
        _ => Scalar::String,
    }
}

/// The index of the only member of an `allOf` that says more than annotations
/// and constraints (`description`, `nullable`, `pattern`, `maxLength`…):
/// `allOf: [{$ref: X}, {description: …, pattern: …}]` (the AWS style) is `X`.
pub(super) fn sole_member(members: &[ReferenceOr<Schema>]) -> Option<usize> {
    let annotation = |member: &ReferenceOr<Schema>| {
        matches!(member, ReferenceOr::Item(schema)
            if schema.schema_data.discriminator.is_none()
                && matches!(&schema.schema_kind, SchemaKind::Any(any) if adds_no_shape(any)))
    };
    let mut significant = members.iter().enumerate().filter(|(_, member)| !annotation(member));
    match (significant.next(), significant.next()) {
        (Some((index, _)), None) => Some(index),
        _ => None,
    }
}

/// An untyped schema that only constrains values (`pattern`, bounds, lengths,
/// `format`) without saying what shape they have.
fn adds_no_shape(any: &AnySchema) -> bool {
    let constraints_only = AnySchema {
        pattern: None,
        multiple_of: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        minimum: None,
        maximum: None,
        min_length: None,
        max_length: None,
        min_items: None,
        max_items: None,
        unique_items: None,
        min_properties: None,
        max_properties: None,
        format: None,
        ..any.clone()
    };
    any.typ.is_none() && constraints_only == AnySchema::default()
}

fn composition_keyword(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AnyOf { .. } => "anyOf",
        _ => "allOf",
    }
}

fn schema_docs(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    docs(data.title.as_ref(), data.description.as_ref(), data.deprecated)
}
