//! What the emitted code needs for the types it uses: the runtime's `time`
//! module (and `chrono`) for dates and date-times, `uuid`; `regex` is
//! decided with validation.

use crate::ir::{Api, Scalar, Ty};

/// Sets `api.dependencies` from the scalar types the API uses anywhere.
pub fn find_dependencies(api: &mut Api) {
    api.dependencies.time = uses_scalar(api, Scalar::DateTime) || uses_scalar(api, Scalar::Date);
    api.dependencies.uuid = uses_scalar(api, Scalar::Uuid);
}

fn uses_scalar(api: &Api, scalar: Scalar) -> bool {
    let in_types = api.types.iter().flat_map(|def| def.kind.member_types());
    let in_operations = api.operations().flat_map(|operation| operation.types());
    in_types.chain(in_operations).flat_map(Ty::walk).any(|ty| *ty == Ty::Scalar(scalar))
}
