//! Per-tag cargo features: each tag's operations, and the types only they
//! use, are built only when the tag's feature is on (all are by default), so
//! a crate using one corner of a big API compiles only that corner.

use std::collections::BTreeMap;

use crate::ir::{Api, Feature, FeatureKind, TypeId};
use crate::naming::{unraw, Scope};

/// A type used under more features than this is gated by a feature of its
/// own, which each of those turns on, rather than by a `cfg` listing them all.
const LISTED_AT_MOST: usize = 3;

/// Feature names a tag cannot take: cargo's and the generated crate's own.
const RESERVED: &[&str] = &["default", "tracing", "blocking"];

/// The feature of the component schemas no operation uses.
const UNUSED: &str = "unused-schemas";

/// Gives every tagged group a feature named after its module, and every type
/// the features of the groups that use it (through other types too). A type
/// used by untagged operations is always built; one used by two tags is built
/// when either is on. Schemas no operation uses (a caller may want them for
/// anything: webhook payloads, for instance) have a feature of their own.
pub fn gate_tags(api: &mut Api) {
    let mut names = Scope::with_reserved(RESERVED);
    let mut features = Vec::new();
    // Per group, its index into `features`; `None`: untagged, always built.
    let mut group_features = Vec::with_capacity(api.groups.len());
    for group in &mut api.groups {
        group_features.push(group.tag.is_some().then(|| {
            let name = names.claim(&unraw(&group.module).replace('_', "-"));
            group.feature = Some(name.clone());
            features.push(Feature { name, kind: FeatureKind::Tag, enables: Vec::new() });
            features.len() - 1
        }));
    }
    // Per type, the indices into `features` that build it; `None`: always built.
    let mut gates: Vec<Option<Vec<usize>>> = vec![Some(Vec::new()); api.types.len()];
    let mut used = vec![false; api.types.len()];
    for (group, feature) in api.groups.iter().zip(group_features) {
        let reached = super::reach::reachable_from(api, group.operations.iter());
        for (index, _) in reached.into_iter().enumerate().filter(|(_, reached)| *reached) {
            used[index] = true;
            match (feature, &mut gates[index]) {
                (Some(feature), Some(gate)) => gate.push(feature),
                (None, gate) => *gate = None,
                (Some(_), None) => {}
            }
        }
    }
    let unused: Vec<TypeId> = (0..api.types.len()).filter(|&index| !used[index]).map(TypeId).collect();
    if !unused.is_empty() {
        let name = names.claim(UNUSED);
        features.push(Feature { name, kind: FeatureKind::Unused, enables: Vec::new() });
        let held = super::reach::closure(api, unused);
        for (gate, _) in gates.iter_mut().zip(held).filter(|(_, held)| *held) {
            if let Some(gate) = gate {
                gate.push(features.len() - 1);
            }
        }
    }
    // One shared feature per distinct set of features too long to list,
    // numbered in the order of the types that first need them.
    let mut shared: BTreeMap<Vec<usize>, String> = BTreeMap::new();
    let mut shared_features = Vec::new();
    let mut gate_names = Vec::with_capacity(gates.len());
    for gate in gates {
        gate_names.push(match gate {
            None => Vec::new(),
            Some(gate) if gate.len() <= LISTED_AT_MOST => {
                gate.iter().map(|&index| features[index].name.clone()).collect()
            }
            Some(gate) => {
                let name = shared.entry(gate).or_insert_with_key(|gate| {
                    let name = names.claim(&format!("_shared-{}", shared_features.len() + 1));
                    for &index in gate {
                        features[index].enables.push(name.clone());
                    }
                    shared_features.push(Feature {
                        name: name.clone(),
                        kind: FeatureKind::Shared,
                        enables: Vec::new(),
                    });
                    name
                });
                vec![name.clone()]
            }
        });
    }
    features.extend(shared_features);
    for (def, gate) in api.types.iter_mut().zip(gate_names) {
        def.features = gate;
    }
    api.features = features;
}
