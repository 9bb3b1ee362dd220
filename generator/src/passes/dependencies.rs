//! Which optional modules of the runtime the emitted code uses, and which
//! crates: the runtime's `time` module (and `chrono`) for dates and
//! date-times, `uuid`, `base64`, file parts and multipart bodies, pagination,
//! checks of constraints, tagged unions, nullable properties, OAuth 2 flows,
//! the macros of operations and enums, streamed bodies and server-sent events. `regex` is
//! decided with validation. Emission reads the answers only.

use crate::ir::{Api, BodyEncoding, Presence, Scalar, SecurityKind, Ty, TypeKind};

/// Sets `api.dependencies` from what the API's types and operations use.
pub fn find_dependencies(api: &mut Api) {
    let mut dependencies = api.dependencies;
    dependencies.time = uses_scalar(api, Scalar::DateTime) || uses_scalar(api, Scalar::Date);
    dependencies.uuid = uses_scalar(api, Scalar::Uuid);
    dependencies.base64 = uses_scalar(api, Scalar::Base64);
    dependencies.operations = api.operations().next().is_some();
    dependencies.pagination = api.operations().any(|operation| operation.pagination.is_some());
    dependencies.multipart = uses_scalar(api, Scalar::Binary)
        || api.operations().any(|operation| {
            operation.body.as_ref().is_some_and(|body| matches!(body.encoding, BodyEncoding::Multipart(_)))
        });
    dependencies.validation = validates(api);
    dependencies.tagged = api.types.iter().any(|def| match &def.kind {
        TypeKind::Union(union) => union.discriminator.is_some(),
        _ => false,
    });
    dependencies.nullable = api.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(shape) => shape.fields.iter().any(|field| field.presence == Presence::OptionalNullable),
        _ => false,
    });
    dependencies.string_enums = api.types.iter().any(|def| matches!(def.kind, TypeKind::Enum(_)));
    dependencies.int_enums = api.types.iter().any(|def| matches!(def.kind, TypeKind::IntEnum(_)));
    dependencies.objects = api.types.iter().any(|def| def.received && matches!(def.kind, TypeKind::Struct(_)));
    dependencies.sse = api.operations().any(|operation| operation.event_data().is_some());
    // File parts stream from a file or a stream too.
    dependencies.stream = dependencies.sse
        || dependencies.multipart
        || api.operations().any(|operation| {
            operation.streams_bytes()
                || operation.body.as_ref().is_some_and(|body| matches!(body.encoding, BodyEncoding::Binary(_)))
        });
    dependencies.oauth = api
        .security_schemes
        .iter()
        .any(|scheme| matches!(&scheme.kind, SecurityKind::Bearer { flows, .. } if !flows.is_empty()));
    api.dependencies = dependencies;
}

fn uses_scalar(api: &Api, scalar: Scalar) -> bool {
    let in_types = api.types.iter().flat_map(|def| def.kind.member_types());
    let in_operations = api.operations().flat_map(|operation| operation.types());
    in_types.chain(in_operations).flat_map(Ty::walk).any(|ty| *ty == Ty::Scalar(scalar))
}

/// Whether the emitted code checks anything: a type's values (marked by the
/// validation pass), or an operation's parameters or body.
fn validates(api: &Api) -> bool {
    api.validates()
        || api.operations().any(|operation| {
            operation.params.iter().any(|param| !param.constraints.is_empty())
                || operation.body.as_ref().is_some_and(|body| !body.constraints.is_empty())
        })
}
