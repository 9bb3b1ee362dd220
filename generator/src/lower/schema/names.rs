//! Where each inline type is met, and its name once every type is known:
//! the shortest end of its context that no other type wants
//! (`naming::inline_type_names`), not the whole path to it. While types are
//! lowered, inline types carry their whole path as a provisional name, from
//! which nested hints are made.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Ty, TypeDef, TypeId, TypeKind};
use crate::limits::MAX_DEPTH;
use crate::naming::{common_suffix, inline_type_names, shorten_long_names, singular, InlinePlace, Scope};

/// One place an inline type is used: inside `parent` (a type being lowered)
/// or an operation, and the parts of context it adds there.
#[derive(Debug, Clone)]
struct Place {
    parent: Option<TypeId>,
    segments: Vec<String>,
}

#[derive(Default)]
pub(super) struct Places {
    /// Types whose members are being lowered, innermost last.
    owners: Vec<TypeId>,
    /// The operation being lowered, which owns its bodies, parameters and
    /// responses: the type hint its hints start with, and its context.
    operation: Option<(String, Vec<String>)>,
    /// Where each inline type was met, first place first, and its `title`.
    met: BTreeMap<TypeId, (Vec<Place>, Option<String>)>,
}

impl Places {
    /// The members of `id` are being lowered.
    pub(super) fn enter(&mut self, id: TypeId) {
        self.owners.push(id);
    }

    pub(super) fn leave(&mut self) {
        self.owners.pop();
    }

    /// What is met from now on belongs to the operation whose hints start
    /// with `hint` and whose context is `context` (or to none).
    pub(super) fn set_operation(&mut self, operation: Option<(&str, Vec<String>)>) {
        self.operation = operation.map(|(hint, context)| (hint.to_owned(), context));
    }

    /// Notes that the inline type `id` is used where `hint` names it.
    pub(super) fn meet(&mut self, id: TypeId, hint: &str, title: Option<&str>, defs: &[TypeDef]) {
        let owner = self.owners.last().map(|owner| (Some(*owner), defs[owner.0].name.as_str(), &[][..]));
        let operation = self.operation.as_ref().map(|(prefix, context)| (None, prefix.as_str(), context.as_slice()));
        let place = match owner.or(operation) {
            Some((parent, prefix, context)) if hint.len() > prefix.len() && hint.starts_with(prefix) => {
                let mut segments = context.to_vec();
                segments.push(own_segment(&hint[prefix.len()..]));
                Place { parent, segments }
            }
            _ => Place { parent: None, segments: vec![hint.to_owned()] },
        };
        let entry = self.met.entry(id).or_insert_with(|| (Vec::new(), title.map(str::to_owned)));
        entry.0.push(place);
    }

    /// Gives every inline type its final name, and the union variants named
    /// after one the same name.
    pub(super) fn rename(self, defs: &mut [TypeDef], reserved: &[&str], long_name: usize) {
        let mut chains: BTreeMap<TypeId, Vec<String>> = BTreeMap::new();
        let ids: Vec<TypeId> = self.met.keys().copied().collect();
        for id in &ids {
            self.chain(*id, defs, &mut chains, 0);
        }
        let places: Vec<InlinePlace> =
            ids.iter().map(|id| InlinePlace { segments: chains[id].clone(), title: self.met[id].1.clone() }).collect();
        let inline: BTreeSet<TypeId> = ids.iter().copied().collect();
        let mut scope = Scope::with_reserved(reserved);
        let mut taken = BTreeSet::new();
        for (index, def) in defs.iter().enumerate() {
            if !inline.contains(&TypeId(index)) {
                taken.insert(scope.claim(&def.name));
            }
        }
        taken.extend(reserved.iter().map(|name| (*name).to_owned()));
        let wanted = inline_type_names(&places, &taken);
        // Long names are cut like long component names, against every other name.
        let all: Vec<String> = taken.iter().cloned().chain(wanted).collect();
        let wanted = shorten_long_names(&all, long_name).split_off(taken.len());
        let mut renamed: BTreeMap<TypeId, String> = BTreeMap::new();
        for (id, name) in ids.iter().zip(wanted) {
            let name = scope.claim(&name);
            let old = std::mem::replace(&mut defs[id.0].name, name);
            renamed.insert(*id, old);
        }
        rename_variants(defs, &renamed);
    }

    /// The whole context of `id`, outermost first: its owner's, then its own
    /// parts; a type used in several places is named after the words they
    /// all end with, when those say something.
    fn chain(
        &self,
        id: TypeId,
        defs: &[TypeDef],
        chains: &mut BTreeMap<TypeId, Vec<String>>,
        depth: usize,
    ) -> Vec<String> {
        if let Some(chain) = chains.get(&id) {
            return chain.clone();
        }
        let Some((places, _)) = self.met.get(&id) else {
            // A component: its name is the context.
            return vec![defs[id.0].name.clone()];
        };
        let mut full: Vec<Vec<String>> = Vec::with_capacity(places.len());
        for place in places {
            let mut chain = match place.parent {
                Some(parent) if parent != id && depth < MAX_DEPTH => self.chain(parent, defs, chains, depth + 1),
                _ => Vec::new(),
            };
            chain.extend(place.segments.iter().cloned());
            full.push(chain);
        }
        let chain = match full.as_slice() {
            [one] => one.clone(),
            several => match common_suffix(&several.iter().map(|chain| chain.concat()).collect::<Vec<_>>()) {
                Some(common) => vec![common],
                None => several[0].clone(),
            },
        };
        chains.insert(id, chain.clone());
        chain
    }
}

/// The part of context a hint adds to its owner's: a property's name, a list
/// property's items in the singular (`lines` → `Line`), `Body`, `Response`…
fn own_segment(rest: &str) -> String {
    rest.strip_suffix("Item").filter(|list| !list.is_empty()).and_then(singular).unwrap_or_else(|| rest.to_owned())
}

/// Union variants named after a renamed inline type take its new name.
fn rename_variants(defs: &mut [TypeDef], renamed: &BTreeMap<TypeId, String>) {
    let names: Vec<String> = defs.iter().map(|def| def.name.clone()).collect();
    for def in defs.iter_mut() {
        let TypeKind::Union(union) = &mut def.kind else { continue };
        let follows = |ty: &Ty, name: &str| match ty {
            Ty::Named(id) => renamed.get(id).filter(|old| old.as_str() == name).map(|_| names[id.0].clone()),
            _ => None,
        };
        if !union.variants.iter().any(|variant| follows(&variant.ty, &variant.name).is_some()) {
            continue;
        }
        let mut scope = Scope::default();
        for variant in &mut union.variants {
            let wanted = follows(&variant.ty, &variant.name).unwrap_or_else(|| variant.name.clone());
            variant.name = scope.claim(&wanted);
        }
        if let Some(catch_all) = &mut union.catch_all {
            *catch_all = scope.claim(catch_all);
        }
    }
}
