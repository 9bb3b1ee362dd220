//! Which types have something checked before they are sent, and whether
//! checking needs the regex crate.

use crate::ir::{Api, Constraints, TypeKind};

/// Marks every type whose values hold something to check (`TypeDef::validated`):
/// a struct with a constrained field, and any struct or alias holding one, as
/// a fixed point (types may hold each other in cycles). Sets
/// `api.dependencies.regex` when a checked constraint has a `pattern`.
pub fn find_validated(api: &mut Api) {
    for def in &mut api.types {
        def.validated = match &def.kind {
            TypeKind::Struct(shape) => shape.fields.iter().any(|field| !field.constraints.is_empty()),
            _ => false,
        };
    }
    loop {
        let newly: Vec<usize> = (0..api.types.len())
            .filter(|&index| !api.types[index].validated)
            .filter(|&index| match &api.types[index].kind {
                // What checks a struct's values checks its fields (unlisted properties are not checked).
                TypeKind::Struct(shape) => shape.fields.iter().any(|field| api.holds_validated(&field.ty)),
                TypeKind::Alias(aliased) => api.holds_validated(aliased),
                TypeKind::Union(_) | TypeKind::Enum(_) | TypeKind::IntEnum(_) => false,
            })
            .collect();
        if newly.is_empty() {
            break;
        }
        for index in newly {
            api.types[index].validated = true;
        }
    }
    let fields = api.types.iter().filter_map(|def| match &def.kind {
        TypeKind::Struct(shape) => Some(shape.fields.iter().map(|field| &field.constraints)),
        _ => None,
    });
    let params = api.operations().flat_map(|operation| operation.params.iter().map(|param| &param.constraints));
    let bodies = api.operations().filter_map(|operation| operation.body.as_ref().map(|body| &body.constraints));
    let regex = fields.flatten().chain(params).chain(bodies).any(has_pattern);
    api.dependencies.regex = regex;
}

fn has_pattern(constraints: &Constraints) -> bool {
    constraints.pattern.is_some()
        || constraints.items.as_deref().is_some_and(has_pattern)
        || constraints.values.as_deref().is_some_and(has_pattern)
}
