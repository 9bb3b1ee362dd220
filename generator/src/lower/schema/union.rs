//! `oneOf`/`anyOf` → enums: tagged by the discriminator when there is one,
//! otherwise untagged, with alternatives ordered so the first that decodes
//! is the right one.

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::{Scalar, Ty, Union, UnionVariant};
use crate::naming::{pascal, Scope};
use crate::pointer::Pointer;

use super::object::ObjectShape;
use super::Types;

impl<'d> Types<'d> {
    /// Whether a member only says "or null": `{nullable: true}` and nothing
    /// else, or a nullable schema whose `enum` is `[null]` (the form 3.0.3
    /// validators accept, `{type: string, nullable: true, enum: [null]}`).
    pub(super) fn is_null_member(&self, member: &ReferenceOr<Schema>) -> bool {
        let ReferenceOr::Item(schema) = member else { return false };
        schema.schema_data.nullable
            && match &schema.schema_kind {
                SchemaKind::Any(any) => any.properties.is_empty() && any.typ.is_none(),
                SchemaKind::Type(Type::String(string)) => matches!(string.enumeration.as_slice(), [None]),
                SchemaKind::Type(Type::Integer(integer)) => matches!(integer.enumeration.as_slice(), [None]),
                SchemaKind::Type(Type::Number(number)) => matches!(number.enumeration.as_slice(), [None]),
                SchemaKind::Type(Type::Boolean(boolean)) => matches!(boolean.enumeration.as_slice(), [None]),
                _ => false,
            }
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
        // Without a discriminator, a property every member fixes to its own
        // constant (Pydantic's `kind: Literal["item"]`) tags the union as well.
        let constant_tags = if tagged.is_none() { self.constant_tags(members) } else { None };
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
            let ty = self.ty_of(member.into(), &hint, &member_at).ty;
            if variants.iter().any(|variant| variant.ty == ty) {
                continue;
            }
            let tag = match (tagged, member, &constant_tags) {
                (Some(discriminator), ReferenceOr::Reference { reference }, _) => {
                    Some(tag_of(discriminator, reference))
                }
                (None, _, Some((_, tags))) => tags[index].clone(),
                _ => None,
            };
            let variant_name = scope.claim(&self.variant_name(&ty));
            variants.push(UnionVariant { name: variant_name, ty, tag, boxed: false });
        }
        let property = match (tagged, constant_tags) {
            (Some(discriminator), _) => Some(discriminator.property_name.clone()),
            (None, Some((property, _))) => Some(property.to_owned()),
            (None, None) => None,
        };
        // Untagged alternatives are ordered by `passes`, once every type is known.
        Union { catch_all: property.as_ref().map(|_| scope.claim("Unknown")), discriminator: property, variants }
    }

    /// The property every member (but "or null" ones) fixes to a constant of
    /// its own (a one-value string `enum`, which is what 3.1's `const` reads
    /// as), with each member's constant; `None` unless all constants differ.
    fn constant_tags(&self, members: &'d [ReferenceOr<Schema>]) -> Option<(&'d str, Vec<Option<String>>)> {
        let shapes: Vec<Option<ObjectShape<'d>>> = members
            .iter()
            .map(|member| {
                let schema = self.resolve(member.into())?;
                self.object_shape(schema, &Pointer::root())
            })
            .collect();
        let constant = |shape: &ObjectShape<'d>, property: &str| {
            let (_, schema, _) = shape.properties.iter().find(|(name, _, _)| name.as_str() == property)?;
            match &self.resolve(*schema)?.schema_kind {
                SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
                    [Some(value)] => Some(value.clone()),
                    _ => None,
                },
                _ => None,
            }
        };
        let tagged_members: Vec<(usize, &ObjectShape<'d>)> = members
            .iter()
            .zip(&shapes)
            .enumerate()
            .filter(|(_, (member, _))| !self.is_null_member(member))
            .map(|(index, (_, shape))| Some((index, shape.as_ref()?)))
            .collect::<Option<_>>()?;
        let (_, first) = tagged_members.first()?;
        first.properties.iter().find_map(|(property, _, _)| {
            let mut tags = vec![None; members.len()];
            for (index, shape) in &tagged_members {
                let value = constant(shape, property)?;
                if tags.contains(&Some(value.clone())) {
                    return None;
                }
                tags[*index] = Some(value);
            }
            (tagged_members.len() > 1).then_some((property.as_str(), tags))
        })
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
