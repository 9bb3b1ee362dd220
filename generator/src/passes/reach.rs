//! Which types operations reach, through the types that hold them.

use crate::ir::{Api, Operation, Ty, TypeId};

/// Which types (by index) the types `roots` picks from each operation
/// contain, at any depth: what a request sends, for instance.
pub(super) fn reachable(api: &Api, roots: impl Fn(&Operation) -> Vec<&Ty>) -> Vec<bool> {
    reachable_by(api, api.operations(), roots)
}

/// Which types (by index) the given operations use, at any depth.
pub(super) fn reachable_from<'a>(api: &Api, operations: impl Iterator<Item = &'a Operation>) -> Vec<bool> {
    reachable_by(api, operations, |operation| operation.types().collect())
}

fn reachable_by<'a>(
    api: &Api,
    operations: impl Iterator<Item = &'a Operation>,
    roots: impl Fn(&Operation) -> Vec<&Ty>,
) -> Vec<bool> {
    let mut stack: Vec<TypeId> = Vec::new();
    for operation in operations {
        for ty in roots(operation) {
            named_in(ty, &mut stack);
        }
    }
    closure(api, stack)
}

/// Which types (by index) the types `seeds` are or hold, at any depth.
pub(super) fn closure(api: &Api, seeds: Vec<TypeId>) -> Vec<bool> {
    let mut found = vec![false; api.types.len()];
    let mut stack = seeds;
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut found[id.0], true) {
            continue;
        }
        for ty in api.type_def(id).kind.member_types() {
            named_in(ty, &mut stack);
        }
    }
    found
}

/// The named types `ty` mentions, at any depth of `Vec`, map or `Option`.
fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    out.extend(ty.walk().filter_map(|ty| match ty {
        Ty::Named(id) => Some(*id),
        _ => None,
    }));
}
