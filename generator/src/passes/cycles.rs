//! Boxing: a struct field or union variant through which its type contains
//! itself (directly or through other types, inline) would make the type
//! infinitely large; it goes behind a `Box`.

use crate::ir::{Api, Ty, TypeId, TypeKind};

/// The named types a value of `ty` contains inline (not behind a `Vec` or map).
fn inline_targets(api: &Api, ty: &Ty, out: &mut Vec<TypeId>) {
    for ty in ty.walk().take_while(|ty| !matches!(ty, Ty::Vec(_) | Ty::Map(_))) {
        let Ty::Named(id) = ty else { continue };
        let seen = out.contains(id);
        out.push(*id);
        if let (TypeKind::Alias(aliased), false) = (&api.type_def(*id).kind, seen) {
            inline_targets(api, aliased, out);
        }
    }
}

/// The types `id` holds inline through its unboxed fields or variants.
fn inline_members(api: &Api, id: TypeId) -> Vec<TypeId> {
    let mut targets = Vec::new();
    let unboxed: Vec<&Ty> = match &api.type_def(id).kind {
        TypeKind::Struct(shape) => shape.fields.iter().filter(|field| !field.boxed).map(|field| &field.ty).collect(),
        TypeKind::Union(union) => {
            union.variants.iter().filter(|variant| !variant.boxed).map(|variant| &variant.ty).collect()
        }
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
    };
    for ty in unboxed {
        inline_targets(api, ty, &mut targets);
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
pub fn box_cycles(api: &mut Api) {
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
