//! Three-state properties (absent, `null`, a value) only where a request sends them.

use crate::ir::{Api, BodyEncoding, Presence, TypeKind};

/// Optional nullable properties are three-state (`Option<Option<T>>`: absent,
/// `null`, a value) only in types a JSON request body sends, where "set to
/// null" and "leave alone" differ (a PATCH); types only ever received read
/// `null` and absent alike, as `Option<T>`.
pub fn settle_nullable(api: &mut Api) {
    let sent = super::reach::reachable(api, |operation| {
        let json = operation.body.as_ref().filter(|body| body.encoding == BodyEncoding::Json);
        json.map(|body| &body.ty).into_iter().collect()
    });
    for (def, sent) in api.types.iter_mut().zip(sent) {
        if let (TypeKind::Struct(shape), false) = (&mut def.kind, sent) {
            for field in shape.fields.iter_mut().filter(|field| field.presence == Presence::OptionalNullable) {
                field.presence = Presence::Optional;
            }
        }
    }
}
