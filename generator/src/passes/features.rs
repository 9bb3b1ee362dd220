//! Per-tag cargo features: each tag's operations, and the types only they
//! use, are built only when the tag's feature is on (all are by default), so
//! a crate using one corner of a big API compiles only that corner.

use crate::ir::{Api, TypeId};
use crate::naming::{unraw, Scope};

/// A type used by more tags than this is always built: a short crate build
/// gains little from leaving it out, and its `cfg` would list them all.
const WIDELY_SHARED: usize = 3;

/// Feature names a tag cannot take: cargo's and the generated crate's own.
const RESERVED: &[&str] = &["default", "tracing", "blocking"];

/// Gives every tagged group a feature named after its module, and every type
/// the features of the groups that use it (through other types too). A type
/// used by untagged operations, or by none, is always built; one used by two
/// tags is built when either is on.
pub fn gate_tags(api: &mut Api) {
    let mut names = Scope::with_reserved(RESERVED);
    for group in api.groups.iter_mut().filter(|group| group.tag.is_some()) {
        group.feature = Some(names.claim(&unraw(&group.module).replace('_', "-")));
    }
    let mut features: Vec<Vec<String>> = vec![Vec::new(); api.types.len()];
    let mut untagged = vec![false; api.types.len()];
    let mut used = vec![false; api.types.len()];
    for group in &api.groups {
        let reached = super::reach::reachable_from(api, group.operations.iter());
        for (index, _) in reached.into_iter().enumerate().filter(|(_, reached)| *reached) {
            used[index] = true;
            match &group.feature {
                Some(feature) => features[index].push(feature.clone()),
                None => untagged[index] = true,
            }
        }
    }
    // Used by no operation (a caller may use it for anything) or by an
    // untagged one: always built, and so is everything it holds.
    let seeds = (0..api.types.len()).filter(|&index| untagged[index] || !used[index]).map(TypeId).collect();
    let always = super::reach::closure(api, seeds);
    for ((def, features), always) in api.types.iter_mut().zip(features).zip(always) {
        // A type most tags share is cheaper to build always than to name every tag on it.
        def.features = if always || features.len() > WIDELY_SHARED { Vec::new() } else { features };
    }
}
