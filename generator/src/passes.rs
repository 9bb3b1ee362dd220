//! Passes over the lowered IR: box fields that would make a type infinitely
//! large, and decide which extra traits each type can derive.

use crate::ir::{Api, Presence, Scalar, Ty, TypeId, TypeKind};

/// Runs every pass, in order.
pub fn run(api: &mut Api) {
    box_cycles(api);
    decide_derives(api);
}

/// The named types a value of `ty` contains inline (not behind a `Vec` or map).
fn inline_targets(api: &Api, ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => {
            out.push(*id);
            if let TypeKind::Alias(aliased) = &api.type_def(*id).kind {
                if !out[..out.len() - 1].contains(id) {
                    inline_targets(api, aliased, out);
                }
            }
        }
        Ty::Option(inner) => inline_targets(api, inner, out),
        _ => {}
    }
}

/// Whether `from` contains `to` inline, directly or through other types.
fn reaches(api: &Api, from: TypeId, to: TypeId) -> bool {
    let mut seen = vec![false; api.types.len()];
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if std::mem::replace(&mut seen[id.0], true) {
            continue;
        }
        let mut targets = Vec::new();
        match &api.type_def(id).kind {
            TypeKind::Struct(fields) => {
                for field in fields.fields.iter().filter(|field| !field.boxed) {
                    inline_targets(api, &field.ty, &mut targets);
                }
            }
            TypeKind::Alias(ty) => inline_targets(api, ty, &mut targets),
            TypeKind::Enum(_) => {}
        }
        stack.extend(targets);
    }
    false
}

/// Boxes every struct field through which its struct contains itself.
fn box_cycles(api: &mut Api) {
    for index in 0..api.types.len() {
        let TypeKind::Struct(fields) = &api.types[index].kind else { continue };
        let mut to_box = Vec::new();
        for (position, field) in fields.fields.iter().enumerate() {
            let mut targets = Vec::new();
            inline_targets(api, &field.ty, &mut targets);
            if targets.iter().any(|target| reaches(api, *target, TypeId(index))) {
                to_box.push(position);
            }
        }
        if let TypeKind::Struct(fields) = &mut api.types[index].kind {
            for position in to_box {
                fields.fields[position].boxed = true;
            }
        }
    }
}

/// Decides `Eq` and `Default` for every type, as a fixed point: start from
/// "yes" and withdraw until nothing changes, so cycles need no special case.
fn decide_derives(api: &mut Api) {
    for def in &mut api.types {
        def.derives.eq = true;
        def.derives.default = !matches!(def.kind, TypeKind::Enum(_));
    }
    loop {
        let mut changed = false;
        for index in 0..api.types.len() {
            let def = &api.types[index];
            let (eq, default) = match &def.kind {
                TypeKind::Struct(fields) => (
                    fields.fields.iter().all(|field| ty_eq(api, &field.ty)),
                    fields
                        .fields
                        .iter()
                        .all(|field| field.presence != Presence::Required || ty_default(api, &field.ty)),
                ),
                TypeKind::Enum(_) => (true, false),
                TypeKind::Alias(ty) => (ty_eq(api, ty), ty_default(api, ty)),
            };
            let derives = &mut api.types[index].derives;
            let withdrawn = (derives.eq && !eq) || (derives.default && !default);
            derives.eq &= eq;
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

fn ty_default(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => api.type_def(*id).derives.default,
        _ => true,
    }
}
