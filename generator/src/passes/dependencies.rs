//! What the emitted code needs beyond every client's runtime: the runtime's
//! `time` module (and `chrono`) for dates and date-times, `uuid`.

use crate::ir::{Api, Scalar, Ty, TypeKind};

/// Sets `api.dependencies` from the scalar types the API uses anywhere.
pub fn find_dependencies(api: &mut Api) {
    api.dependencies.time = uses_scalar(api, Scalar::DateTime) || uses_scalar(api, Scalar::Date);
    api.dependencies.uuid = uses_scalar(api, Scalar::Uuid);
}

fn uses_scalar(api: &Api, scalar: Scalar) -> bool {
    fn uses(ty: &Ty, scalar: Scalar) -> bool {
        match ty {
            Ty::Scalar(found) => *found == scalar,
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => uses(inner, scalar),
            _ => false,
        }
    }
    let in_types = api.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(shape) => {
            shape.fields.iter().any(|field| uses(&field.ty, scalar))
                || shape.additional.as_ref().is_some_and(|additional| uses(&additional.ty, scalar))
        }
        TypeKind::Alias(ty) => uses(ty, scalar),
        TypeKind::Union(union) => union.variants.iter().any(|variant| uses(&variant.ty, scalar)),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) => false,
    });
    in_types
        || api.operations().any(|operation| {
            operation.params.iter().any(|param| uses(&param.ty, scalar))
                || operation.body.as_ref().is_some_and(|body| uses(&body.ty, scalar))
                || operation.success_responses.iter().any(|case| uses(&case.decode.ty(), scalar))
                || operation.error_responses.iter().any(|case| uses(&case.decode.ty(), scalar))
        })
}
