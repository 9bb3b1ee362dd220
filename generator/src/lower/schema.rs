//! Schemas → types. Every component schema gets its id and name before any is
//! converted, so references (forward, cyclic) need no special case.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{Derives, Docs, Field, Presence, Scalar, StringEnum, Struct, Ty, TypeDef, TypeId, TypeKind, Variant};
use crate::naming::{pascal, snake, Scope};
use crate::pointer::Pointer;

use super::{docs, warning};

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

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

/// The types of one API while they are being lowered.
pub(super) struct Types<'d> {
    components: Vec<(&'d String, &'d ReferenceOr<Schema>)>,
    defs: Vec<TypeDef>,
    scope: Scope,
    by_component: BTreeMap<&'d str, TypeId>,
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
            scope: Scope::with_reserved(&["Client", "ClientBuilder", "Error", "Response"]),
            by_component: BTreeMap::new(),
            diagnostics: Vec::new(),
        };
        let mut names = vec![String::new(); types.components.len()];
        for (index, (name, _)) in types.components.iter().enumerate() {
            if let Some(rename) = config.types.get(name.as_str()) {
                names[index] = types.scope.claim(&pascal(rename));
            }
        }
        for (index, (name, _)) in types.components.iter().enumerate() {
            if names[index].is_empty() {
                names[index] = types.scope.claim(&pascal(name));
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
            });
            types.by_component.insert(component.as_str(), TypeId(index));
        }
        types
    }

    /// Converts every component schema.
    pub(super) fn define_components(&mut self) {
        for index in 0..self.components.len() {
            let (component, schema) = self.components[index];
            let at = Pointer::root().join("components").join("schemas").join(component);
            let name = self.defs[index].name.clone();
            let (docs, kind) = match schema {
                ReferenceOr::Reference { .. } => {
                    (Docs::default(), TypeKind::Alias(self.ty_of(schema.into(), &name, &at).0))
                }
                ReferenceOr::Item(schema) => (schema_docs(schema), self.kind_of(schema, &name, &at)),
            };
            self.defs[index].docs = docs;
            self.defs[index].kind = kind;
        }
    }

    /// The lowered types and the warnings met on the way.
    pub(super) fn finish(self) -> (Vec<TypeDef>, Vec<Diagnostic>) {
        (self.defs, self.diagnostics)
    }

    /// The type of a schema used somewhere (a property, parameter, body…) and
    /// whether it admits `null`. Inline objects and enums become named types
    /// called after `hint`.
    pub(super) fn ty_of(&mut self, schema: SchemaRef<'_>, hint: &str, at: &Pointer) -> (Ty, bool) {
        match schema {
            SchemaRef::Ref(reference) => {
                let component = reference
                    .strip_prefix(SCHEMA_REF_PREFIX)
                    .and_then(|name| Pointer::parse(&format!("/{name}"))?.tokens().next());
                match component.as_deref().and_then(|name| self.by_component.get(name)) {
                    Some(id) => (Ty::Named(*id), false),
                    None => {
                        self.warn(
                            format!("`$ref` to `{reference}` is not a component schema; using serde_json::Value"),
                            at,
                        );
                        (Ty::Json, false)
                    }
                }
            }
            SchemaRef::Inline(schema) => self.ty_of_schema(schema, hint, at),
        }
    }

    fn ty_of_schema(&mut self, schema: &Schema, hint: &str, at: &Pointer) -> (Ty, bool) {
        let nullable = schema.schema_data.nullable;
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                let nullable = nullable || string.enumeration.iter().any(Option::is_none);
                return (self.named(schema, hint, at), nullable);
            }
            SchemaKind::Type(Type::String(string)) => Ty::Scalar(string_scalar(&string.format)),
            SchemaKind::Type(Type::Integer(integer)) => Ty::Scalar(match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Scalar::I32,
                _ => Scalar::I64,
            }),
            SchemaKind::Type(Type::Number(number)) => Ty::Scalar(match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Scalar::F32,
                _ => Scalar::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => Ty::Scalar(Scalar::Bool),
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => self.named(schema, hint, at),
            SchemaKind::Type(Type::Object(object)) => self.map_of(object.additional_properties.as_ref(), hint, at),
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let (item, _) = self.ty_of(items.into(), &format!("{hint}Item"), &at.join("items"));
                    Ty::Vec(Box::new(item))
                }
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            SchemaKind::OneOf { one_of: members }
            | SchemaKind::AnyOf { any_of: members }
            | SchemaKind::AllOf { all_of: members }
                if members.len() == 1 =>
            {
                let keyword = composition_keyword(&schema.schema_kind);
                let (ty, inner_nullable) = self.ty_of((&members[0]).into(), hint, &at.join(keyword).join("0"));
                return (ty, nullable || inner_nullable);
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::AllOf { .. } => {
                let keyword = composition_keyword(&schema.schema_kind);
                self.warn(
                    format!("`{keyword}` with several schemas is not supported yet; using serde_json::Value"),
                    at,
                );
                Ty::Json
            }
            SchemaKind::Not { .. } => {
                self.warn("`not` cannot be expressed as a Rust type; using serde_json::Value", at);
                Ty::Json
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => self.named(schema, hint, at),
            SchemaKind::Any(_) => Ty::Json,
        };
        (ty, nullable)
    }

    fn map_of(&mut self, additional: Option<&AdditionalProperties>, hint: &str, at: &Pointer) -> Ty {
        match additional {
            Some(AdditionalProperties::Schema(value)) => {
                let (value, _) =
                    self.ty_of(value.as_ref().into(), &format!("{hint}Value"), &at.join("additionalProperties"));
                Ty::Map(Box::new(value))
            }
            Some(AdditionalProperties::Any(true)) => Ty::Map(Box::new(Ty::Json)),
            Some(AdditionalProperties::Any(false)) | None => Ty::Json,
        }
    }

    /// A new named type for an inline schema.
    fn named(&mut self, schema: &Schema, hint: &str, at: &Pointer) -> Ty {
        let id = TypeId(self.defs.len());
        let name = self.scope.claim(&pascal(hint));
        self.defs.push(TypeDef {
            name: name.clone(),
            origin: at.to_string(),
            docs: schema_docs(schema),
            kind: TypeKind::Alias(Ty::Json),
            derives: Derives::default(),
        });
        let kind = self.kind_of(schema, &name, at);
        self.defs[id.0].kind = kind;
        Ty::Named(id)
    }

    fn kind_of(&mut self, schema: &Schema, name: &str, at: &Pointer) -> TypeKind {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                TypeKind::Struct(self.lower_struct(&object.properties, &object.required, name, at))
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                TypeKind::Struct(self.lower_struct(&any.properties, &any.required, name, at))
            }
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                TypeKind::Enum(lower_enum(string.enumeration.iter().flatten()))
            }
            _ => TypeKind::Alias(self.ty_of_schema(schema, name, at).0),
        }
    }

    fn lower_struct(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        parent: &str,
        at: &Pointer,
    ) -> Struct {
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, property) in properties {
            let property_at = at.join("properties").join(wire_name);
            let hint = format!("{parent}{}", pascal(wire_name));
            let (ty, nullable) = self.ty_of(property.into(), &hint, &property_at);
            let presence = match (required.contains(wire_name), nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, _) => Presence::Optional,
            };
            let docs = match property {
                ReferenceOr::Item(schema) => schema_docs(schema),
                ReferenceOr::Reference { .. } => Docs::default(),
            };
            let name = scope.claim(&snake(wire_name));
            let lookup = |component: &str| self.by_component.get(component).map(|id| self.components[id.0].1);
            let constraints = super::constraints::lower(property.into(), lookup, &property_at, &mut self.diagnostics);
            fields.push(Field { name, wire_name: wire_name.clone(), ty, presence, boxed: false, constraints, docs });
        }
        let mut constructor = Vec::new();
        for wire_name in required {
            match fields.iter().position(|field| &field.wire_name == wire_name) {
                Some(index) if !constructor.contains(&index) => constructor.push(index),
                Some(_) => {}
                None => self.warn(
                    format!("required property `{wire_name}` is not among the properties; it is ignored"),
                    &at.join("required"),
                ),
            }
        }
        Struct { fields, constructor }
    }

    fn warn(&mut self, message: impl Into<String>, at: &Pointer) {
        self.diagnostics.push(warning(message, at));
    }
}

fn lower_enum<'v>(values: impl Iterator<Item = &'v String>) -> StringEnum {
    let mut scope = Scope::default();
    let mut variants: Vec<Variant> = Vec::new();
    for value in values {
        if variants.iter().all(|variant| &variant.wire_value != value) {
            variants.push(Variant { name: scope.claim(&pascal(value)), wire_value: value.clone() });
        }
    }
    StringEnum { variants, catch_all: scope.claim("Unknown") }
}

fn string_scalar(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Scalar {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Scalar::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Scalar::Date,
        VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" || format == "guid" => Scalar::Uuid,
        _ => Scalar::String,
    }
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
