//! Passes over the lowered IR: keep three-state properties only where a
//! request sends them, box fields that would make a type infinitely large,
//! and decide which extra traits each type can derive.

use crate::ir::{Api, BodyEncoding, Presence, Scalar, Ty, TypeId, TypeKind};

/// Runs every pass, in order.
pub fn run(api: &mut Api) {
    order_untagged(api);
    settle_nullable(api);
    box_cycles(api);
    decide_derives(api);
}

/// Orders the alternatives of untagged unions, which are tried in turn, most
/// specific first. Runs once every type is known: ordered while lowering, a
/// union declared before its members saw them as placeholders.
fn order_untagged(api: &mut Api) {
    for index in 0..api.types.len() {
        let TypeKind::Union(union) = &api.types[index].kind else { continue };
        if union.discriminator.is_some() {
            continue;
        }
        let mut keyed: Vec<((u8, i64), usize)> = union
            .variants
            .iter()
            .enumerate()
            .map(|(position, variant)| (specificity(api, &variant.ty, api.types.len()), position))
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
/// other named types, arrays, maps, and scalars from narrow to wide;
/// following at most `aliases` aliases (they may form a cycle).
fn specificity(api: &Api, ty: &Ty, aliases: usize) -> (u8, i64) {
    match ty {
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
            TypeKind::Alias(inner) if aliases > 0 => specificity(api, inner, aliases - 1),
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
        Ty::Option(inner) => specificity(api, inner, aliases),
        Ty::Json | Ty::Bytes | Ty::Unit => (10, 0),
    }
}

/// Optional nullable properties are three-state (`Option<Option<T>>`: absent,
/// `null`, a value) only in types a JSON request body sends, where "set to
/// null" and "leave alone" differ (a PATCH); types only ever received read
/// `null` and absent alike, as `Option<T>`.
fn settle_nullable(api: &mut Api) {
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
        match &api.type_def(id).kind {
            TypeKind::Struct(shape) => {
                shape.fields.iter().for_each(|field| named_in(&field.ty, &mut stack));
                shape.additional.iter().for_each(|additional| named_in(&additional.ty, &mut stack));
            }
            TypeKind::Union(union) => union.variants.iter().for_each(|variant| named_in(&variant.ty, &mut stack)),
            TypeKind::Alias(ty) => named_in(ty, &mut stack),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
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
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => named_in(inner, out),
        Ty::Scalar(_) | Ty::Json | Ty::Bytes | Ty::Unit => {}
    }
}

/// The named types a value of `ty` contains inline (not behind a `Vec` or map).
fn inline_targets(api: &Api, ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => {
            let seen = out.contains(id);
            out.push(*id);
            if let (TypeKind::Alias(aliased), false) = (&api.type_def(*id).kind, seen) {
                inline_targets(api, aliased, out);
            }
        }
        Ty::Option(inner) => inline_targets(api, inner, out),
        _ => {}
    }
}

/// The types `id` holds inline through its unboxed fields or variants.
fn inline_members(api: &Api, id: TypeId) -> Vec<TypeId> {
    let mut targets = Vec::new();
    match &api.type_def(id).kind {
        TypeKind::Struct(shape) => {
            for field in shape.fields.iter().filter(|field| !field.boxed) {
                inline_targets(api, &field.ty, &mut targets);
            }
        }
        TypeKind::Union(union) => {
            for variant in union.variants.iter().filter(|variant| !variant.boxed) {
                inline_targets(api, &variant.ty, &mut targets);
            }
        }
        TypeKind::Alias(ty) => inline_targets(api, ty, &mut targets),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
    }
    targets
}

/// Whether `from` contains `to` inline, directly or through other types.
fn reaches(api: &Api, from: TypeId, to: TypeId) -> bool {
    let mut seen = vec![false; api.types.len()];
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !std::mem::replace(&mut seen[id.0], true) {
            stack.extend(inline_members(api, id));
        }
    }
    false
}

/// Boxes every struct field and union variant through which its type contains itself.
fn box_cycles(api: &mut Api) {
    for index in 0..api.types.len() {
        let this = TypeId(index);
        let cyclic = |ty: &Ty| {
            let mut targets = Vec::new();
            inline_targets(api, ty, &mut targets);
            targets.iter().any(|target| reaches(api, *target, this))
        };
        let to_box: Vec<usize> = match &api.types[index].kind {
            TypeKind::Struct(shape) => (0..shape.fields.len()).filter(|&i| cyclic(&shape.fields[i].ty)).collect(),
            TypeKind::Union(union) => (0..union.variants.len()).filter(|&i| cyclic(&union.variants[i].ty)).collect(),
            _ => Vec::new(),
        };
        match &mut api.types[index].kind {
            TypeKind::Struct(shape) => to_box.into_iter().for_each(|i| shape.fields[i].boxed = true),
            TypeKind::Union(union) => to_box.into_iter().for_each(|i| union.variants[i].boxed = true),
            _ => {}
        }
    }
}

/// Decides `Eq`, `Hash` and `Default` for every type, as a fixed point: start
/// from "yes" and withdraw until nothing changes, so cycles need no special case.
fn decide_derives(api: &mut Api) {
    for def in &mut api.types {
        def.derives.eq = true;
        def.derives.hash = true;
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
pub(crate) fn ty_eq(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => api.type_def(*id).derives.eq,
        Ty::Scalar(Scalar::F32 | Scalar::F64) => false,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => ty_eq(api, inner),
        Ty::Scalar(_) | Ty::Json | Ty::Bytes | Ty::Unit => true,
    }
}

fn ty_hash(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => api.type_def(*id).derives.hash,
        Ty::Scalar(Scalar::F32 | Scalar::F64) | Ty::Json => false,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => ty_hash(api, inner),
        Ty::Scalar(_) | Ty::Bytes | Ty::Unit => true,
    }
}

fn ty_default(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => api.type_def(*id).derives.default,
        _ => true,
    }
}
