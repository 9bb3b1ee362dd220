//! The parts of multipart bodies: a file for each binary field of the body
//! struct, text for the others.

use crate::ir::{Api, BodyEncoding, Field, Part, PartKind, Scalar, Ty, TypeKind};

/// Fills `BodyEncoding::Multipart` with the body struct's fields, as their
/// presence is once three-state properties are settled.
pub fn find_parts(api: &mut Api) {
    let parts: Vec<Option<Vec<Part>>> = api
        .operations()
        .map(|operation| {
            let body = operation.body.as_ref().filter(|body| matches!(body.encoding, BodyEncoding::Multipart(_)))?;
            let Ty::Named(id) = &body.ty else { return Some(Vec::new()) };
            let TypeKind::Struct(shape) = &api.type_def(*id).kind else { return Some(Vec::new()) };
            let part = |field: &Field| Part {
                field: field.name.clone(),
                wire_name: field.wire_name.clone(),
                kind: if field.ty == Ty::Scalar(Scalar::Binary) { PartKind::File } else { PartKind::Text },
                presence: field.presence,
            };
            Some(shape.fields.iter().map(part).collect())
        })
        .collect();
    let operations = api.groups.iter_mut().flat_map(|group| &mut group.operations);
    for (operation, parts) in operations.zip(parts) {
        if let (Some(body), Some(parts)) = (&mut operation.body, parts) {
            body.encoding = BodyEncoding::Multipart(parts);
        }
    }
}
