//! Which optional traits (`Eq`, `Hash`, `Default`) each type can derive, and
//! whether each operation's response enums derive `Eq`.

use crate::ir::{Api, Presence, ResponseCase, Scalar, Ty, TypeKind};

/// Decides `Eq`, `Hash` and `Default` for every type, as a fixed point: start
/// from "yes" and withdraw until nothing changes, so cycles need no special
/// case; then `Eq` for the enums of each operation's success and error responses.
pub fn decide_derives(api: &mut Api) {
    decide_type_derives(api);
    // Operations' enums hold the types, whose derives are now decided.
    let decided: Vec<(bool, bool)> = api
        .operations()
        .map(|operation| {
            let all_eq = |cases: &[ResponseCase]| cases.iter().all(|case| ty_eq(api, case.decode.ty()));
            (all_eq(&operation.success_responses), all_eq(&operation.error_responses))
        })
        .collect();
    let operations = api.groups.iter_mut().flat_map(|group| &mut group.operations);
    for (operation, (success_eq, errors_eq)) in operations.zip(decided) {
        operation.success_eq = success_eq;
        operation.errors_eq = errors_eq;
    }
}

/// `Eq`, `Hash` and `Default` of the named types. Structs and unions derive
/// neither `Eq` nor `Hash`: an API's models are compared with `PartialEq`
/// and are not map keys, and each derive costs the crate using the client
/// compile time (Stripe's has over a thousand such types). Enums keep both.
fn decide_type_derives(api: &mut Api) {
    for def in &mut api.types {
        let comparable = !matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_));
        def.derives.eq = comparable;
        def.derives.hash = comparable;
        def.derives.default = matches!(def.kind, TypeKind::Struct(_) | TypeKind::Alias(_));
    }
    loop {
        let mut changed = false;
        for index in 0..api.types.len() {
            let def = &api.types[index];
            let (eq, hash, default) = match &def.kind {
                TypeKind::Struct(shape) => {
                    let mut types: Vec<&Ty> = shape.fields.iter().map(|field| &field.ty).collect();
                    types.extend(shape.additional.iter().map(|additional| &additional.ty));
                    (
                        types.iter().all(|ty| ty_eq(api, ty)),
                        types.iter().all(|ty| ty_hash(api, ty)),
                        shape.fields.iter().all(|field| match field.presence {
                            Presence::Required => ty_default(api, &field.ty),
                            // The spec's default differs from `Default::default()`.
                            Presence::Defaulted => false,
                            Presence::Optional | Presence::OptionalNullable | Presence::RequiredNullable => true,
                        }),
                    )
                }
                TypeKind::Union(union) => (
                    union.variants.iter().all(|variant| ty_eq(api, &variant.ty)),
                    union.catch_all.is_none() && union.variants.iter().all(|variant| ty_hash(api, &variant.ty)),
                    false,
                ),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => (true, true, false),
                TypeKind::Alias(ty) => (ty_eq(api, ty), ty_hash(api, ty), ty_default(api, ty)),
            };
            let derives = &mut api.types[index].derives;
            let withdrawn = (derives.eq && !eq) || (derives.hash && !hash) || (derives.default && !default);
            derives.eq &= eq;
            derives.hash &= hash;
            derives.default &= default;
            changed |= withdrawn;
        }
        if !changed {
            break;
        }
    }
}

/// Whether `ty` is `Eq`, given the decisions made so far for named types.
fn ty_eq(api: &Api, ty: &Ty) -> bool {
    ty.walk().all(|ty| match ty {
        Ty::Named(id) => api.type_def(*id).derives.eq,
        Ty::Scalar(Scalar::F32 | Scalar::F64) => false,
        _ => true,
    })
}

/// Whether `ty` is `Hash`, given the decisions made so far for named types.
fn ty_hash(api: &Api, ty: &Ty) -> bool {
    ty.walk().all(|ty| match ty {
        Ty::Named(id) => api.type_def(*id).derives.hash,
        Ty::Scalar(Scalar::F32 | Scalar::F64) | Ty::Json => false,
        _ => true,
    })
}

fn ty_default(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => api.type_def(*id).derives.default,
        _ => true,
    }
}
