//! Three-state properties (absent, `null`, a value) only where a request sends them.

use crate::ir::{Api, BodyEncoding, Presence, Ty, TypeId, TypeKind};

/// Optional nullable properties are three-state (`Option<Option<T>>`: absent,
/// `null`, a value) only in types a JSON request body sends, where "set to
/// null" and "leave alone" differ (a PATCH); types only ever received read
/// `null` and absent alike, as `Option<T>`.
pub fn settle_nullable(api: &mut Api) {
    let mut sent = vec![false; api.types.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    for operation in api.operations() {
        if let Some(body) = operation.body.as_ref().filter(|body| body.encoding == BodyEncoding::Json) {
            named_in(&body.ty, &mut stack);
        }
    }
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut sent[id.0], true) {
            continue;
        }
        for ty in api.type_def(id).kind.member_types() {
            named_in(ty, &mut stack);
        }
    }
    for (def, sent) in api.types.iter_mut().zip(sent) {
        if let (TypeKind::Struct(shape), false) = (&mut def.kind, sent) {
            for field in shape.fields.iter_mut().filter(|field| field.presence == Presence::OptionalNullable) {
                field.presence = Presence::Optional;
            }
        }
    }
}

/// The named types `ty` mentions, at any depth of `Vec`, map or `Option`.
fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    out.extend(ty.walk().filter_map(|ty| match ty {
        Ty::Named(id) => Some(*id),
        _ => None,
    }));
}
