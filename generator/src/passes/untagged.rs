//! The order of an untagged union's alternatives, which are tried in turn:
//! the most specific first.

use crate::ir::{Api, Presence, Scalar, Ty, TypeKind};

/// Orders the alternatives of untagged unions, which are tried in turn, most
/// specific first. Runs once every type is known: ordered while lowering, a
/// union declared before its members saw them as placeholders.
pub fn order_untagged(api: &mut Api) {
    for index in 0..api.types.len() {
        let TypeKind::Union(union) = &api.types[index].kind else { continue };
        if union.discriminator.is_some() {
            continue;
        }
        let mut keyed: Vec<((u8, i64), usize)> = union
            .variants
            .iter()
            .enumerate()
            .map(|(position, variant)| (specificity(api, &variant.ty), position))
            .collect();
        keyed.sort();
        if let TypeKind::Union(union) = &mut api.types[index].kind {
            let mut variants: Vec<_> = union.variants.drain(..).map(Some).collect();
            union.variants = keyed.into_iter().filter_map(|(_, position)| variants[position].take()).collect();
        }
    }
}

/// Sort key for untagged alternatives: objects with more required
/// properties first (an object with fewer would also accept them), then
/// other named types, arrays, maps, and scalars from narrow to wide. Aliases
/// are what they stand for (a cycle of them is any value).
fn specificity(api: &Api, ty: &Ty) -> (u8, i64) {
    match api.unalias(ty) {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(shape) => {
                let required = shape
                    .fields
                    .iter()
                    .filter(|field| matches!(field.presence, Presence::Required | Presence::RequiredNullable))
                    .count();
                (0, -i64::try_from(required).unwrap_or(i64::MAX))
            }
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => (4, 0),
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
        Ty::Option(inner) => specificity(api, inner),
        Ty::Json | Ty::Bytes | Ty::Unit => (10, 0),
    }
}
