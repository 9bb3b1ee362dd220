//! `oneOf`/`anyOf` → enums: tagged by the discriminator when there is one,
//! otherwise untagged, with alternatives ordered so the first that decodes
//! is the right one.

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind};

use crate::ir::{Presence, Scalar, Ty, TypeKind, Union, UnionVariant};
use crate::naming::{pascal, Scope};
use crate::pointer::Pointer;

use super::{Types, MAX_DEPTH};

impl<'d> Types<'d> {
    /// Whether a member only says "or null" (`{nullable: true}` and nothing else).
    pub(super) fn is_null_member(&self, member: &ReferenceOr<Schema>) -> bool {
        matches!(member, ReferenceOr::Item(schema)
            if schema.schema_data.nullable && matches!(&schema.schema_kind, SchemaKind::Any(any) if any.properties.is_empty() && any.typ.is_none()))
    }

    pub(super) fn lower_union(
        &mut self,
        members: &'d [ReferenceOr<Schema>],
        keyword: &str,
        discriminator: Option<&'d Discriminator>,
        name: &str,
        at: &Pointer,
    ) -> Union {
        let tagged =
            discriminator.filter(|_| members.iter().all(|member| matches!(member, ReferenceOr::Reference { .. })));
        let mut scope = Scope::default();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            if self.is_null_member(member) {
                continue;
            }
            let member_at = at.join(keyword).join(index.to_string());
            let hint = match member {
                ReferenceOr::Item(schema) => match &schema.schema_data.title {
                    Some(title) => format!("{name}{}", pascal(title)),
                    None => format!("{name}Option{}", index + 1),
                },
                ReferenceOr::Reference { .. } => name.to_owned(),
            };
            let (ty, _) = self.ty_of(member.into(), &hint, &member_at);
            if variants.iter().any(|variant| variant.ty == ty) {
                continue;
            }
            let tag = match (tagged, member) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => Some(tag_of(discriminator, reference)),
                _ => None,
            };
            let variant_name = scope.claim(&self.variant_name(&ty));
            variants.push(UnionVariant { name: variant_name, ty, tag, boxed: false });
        }
        if tagged.is_none() {
            // Untagged alternatives are tried in order: the most specific first.
            variants.sort_by_key(|variant| self.specificity(&variant.ty));
        }
        Union {
            discriminator: tagged.map(|discriminator| discriminator.property_name.clone()),
            catch_all: tagged.map(|_| scope.claim("Unknown")),
            variants,
        }
    }

    fn variant_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named(id) => self.defs[id.0].name.clone(),
            Ty::Scalar(Scalar::Bool) => "Boolean".to_owned(),
            Ty::Scalar(Scalar::F32 | Scalar::F64) => "Number".to_owned(),
            Ty::Scalar(Scalar::String) => "String".to_owned(),
            Ty::Scalar(Scalar::Uuid) => "Uuid".to_owned(),
            Ty::Scalar(Scalar::DateTime) => "DateTime".to_owned(),
            Ty::Scalar(Scalar::Date) => "Date".to_owned(),
            Ty::Scalar(Scalar::Base64) => "Bytes".to_owned(),
            Ty::Scalar(Scalar::Binary) => "File".to_owned(),
            Ty::Scalar(_) => "Integer".to_owned(),
            Ty::Vec(inner) => format!("{}List", self.variant_name(inner)),
            Ty::Map(inner) => format!("{}Map", self.variant_name(inner)),
            Ty::Option(inner) => self.variant_name(inner),
            Ty::Json | Ty::Bytes | Ty::Unit => "Value".to_owned(),
        }
    }

    /// Sort key for untagged alternatives: objects with more required
    /// properties first (an object with fewer would also accept them), then
    /// other named types, arrays, maps, and scalars from narrow to wide.
    fn specificity(&self, ty: &Ty) -> (u8, i64) {
        self.specificity_within(ty, MAX_DEPTH)
    }

    /// `specificity`, following at most `aliases` aliases (they may form a cycle).
    fn specificity_within(&self, ty: &Ty, aliases: usize) -> (u8, i64) {
        match ty {
            Ty::Named(id) => match &self.defs[id.0].kind {
                TypeKind::Struct(shape) => {
                    let required = shape
                        .fields
                        .iter()
                        .filter(|field| matches!(field.presence, Presence::Required | Presence::RequiredNullable))
                        .count();
                    (0, -i64::try_from(required).unwrap_or(i64::MAX))
                }
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => (4, 0),
                TypeKind::Alias(inner) if aliases > 0 => self.specificity_within(inner, aliases - 1),
                TypeKind::Alias(_) => (10, 0),
                TypeKind::Union(_) => (1, 0),
            },
            Ty::Vec(_) => (2, 0),
            Ty::Map(_) => (3, 0),
            Ty::Scalar(Scalar::Bool) => (5, 0),
            Ty::Scalar(Scalar::F32 | Scalar::F64) => (7, 0),
            Ty::Scalar(Scalar::Uuid | Scalar::DateTime | Scalar::Date | Scalar::Base64 | Scalar::Binary) => (8, 0),
            Ty::Scalar(Scalar::String) => (9, 0),
            Ty::Scalar(_) => (6, 0),
            Ty::Option(inner) => self.specificity_within(inner, aliases),
            Ty::Json | Ty::Bytes | Ty::Unit => (10, 0),
        }
    }
}

/// The discriminator value for a member: the `mapping` key pointing at it, else its schema name.
fn tag_of(discriminator: &Discriminator, reference: &str) -> String {
    let schema_name = reference.rsplit('/').next().unwrap_or(reference);
    discriminator
        .mapping
        .iter()
        .find(|(_, target)| target.as_str() == reference || target.as_str() == schema_name)
        .map_or_else(|| schema_name.to_owned(), |(tag, _)| tag.clone())
}
