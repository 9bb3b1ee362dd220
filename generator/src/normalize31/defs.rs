//! `$defs`, `$id` and `$anchor`: every `$defs` entry becomes a component
//! schema (named after its key, or prefixed by its owner's name when that is
//! taken), and every `$ref` that reaches a schema through an `$id`, an
//! `$anchor` or a `$defs` pointer is rewritten to the document-relative
//! pointer 3.0 resolves (`#/components/schemas/Name`).
//!
//! References are resolved as JSON Schema does: a fragment-only `$ref`
//! inside a schema with an `$id` is relative to that schema; other relative
//! references are resolved against the nearest `$id` (a subset of RFC 3986:
//! absolute, host-relative and path-relative references). References to
//! other documents are left alone.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostic;
use crate::limits::MAX_DEPTH;
use crate::pointer::Pointer;

use crate::walk::walk_document;

/// The schema resource a schema belongs to: the nearest `$id` and where it is.
#[derive(Clone, Default)]
struct Resource {
    base: Option<String>,
    root: Pointer,
}

/// One `$defs` entry.
struct Def {
    at: Pointer,
    name: String,
    /// The component schema it is inside, if any.
    owner: Option<String>,
}

/// One reference to resolve: a schema's `$ref`, or a discriminator mapping value.
struct Reference {
    /// The `$ref` member's object, or the mapping value itself.
    at: Pointer,
    is_mapping: bool,
    reference: String,
    resource: Resource,
    /// Schemas with `$defs` around the reference, innermost last.
    enclosing: Vec<Pointer>,
}

#[derive(Default)]
struct Scan {
    ids: BTreeMap<String, Pointer>,
    anchors: BTreeMap<(String, String), Pointer>,
    defs: Vec<Def>,
    references: Vec<Reference>,
}

/// Hoists every `$defs` entry into `components/schemas` and rewrites the
/// references that reach schemas through `$defs`, `$id` or `$anchor`.
pub(super) fn hoist(document: &mut Value, warnings: &mut Vec<Diagnostic>) {
    let mut scan = Scan::default();
    walk_document(document, &mut |schema, at| {
        let owner = at.component("schemas");
        scan_schema(schema, at, &Resource::default(), owner.as_deref(), &mut Vec::new(), &mut scan, 0);
    });
    if scan.ids.is_empty() && scan.anchors.is_empty() && scan.defs.is_empty() {
        return;
    }
    let names = new_names(&scan.defs, document);
    let rewrites: Vec<(&Reference, String)> = scan
        .references
        .iter()
        .filter_map(|reference| Some((reference, rewrite(reference, &scan, &names, document, warnings)?)))
        .collect();
    for (reference, rewritten) in rewrites {
        apply(document, reference, rewritten);
    }
    move_defs(document, &scan.defs, &names);
}

fn scan_schema(
    value: &Value,
    at: &Pointer,
    resource: &Resource,
    owner: Option<&str>,
    enclosing: &mut Vec<Pointer>,
    scan: &mut Scan,
    depth: usize,
) {
    let Value::Object(schema) = value else { return };
    if depth > MAX_DEPTH {
        return;
    }
    let mut resource = resource.clone();
    if let Some(id) = schema.get("$id").and_then(Value::as_str) {
        let (absolute, _) = split_fragment(&resolve_uri(resource.base.as_deref(), id));
        scan.ids.entry(absolute.clone()).or_insert_with(|| at.clone());
        resource = Resource { base: Some(absolute), root: at.clone() };
    }
    if let Some(anchor) = schema.get("$anchor").and_then(Value::as_str) {
        let key = (resource.base.clone().unwrap_or_default(), anchor.to_owned());
        scan.anchors.entry(key).or_insert_with(|| at.clone());
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        scan.references.push(Reference {
            at: at.clone(),
            is_mapping: false,
            reference: reference.to_owned(),
            resource: resource.clone(),
            enclosing: enclosing.clone(),
        });
    }
    if let Some(Value::Object(mapping)) =
        schema.get("discriminator").and_then(|discriminator| discriminator.get("mapping"))
    {
        for (key, target) in mapping {
            // A bare name is a component schema name, not a reference.
            let Some(target) = target.as_str().filter(|target| target.contains(['#', '/'])) else { continue };
            scan.references.push(Reference {
                at: at.join("discriminator").join("mapping").join(key),
                is_mapping: true,
                reference: target.to_owned(),
                resource: resource.clone(),
                enclosing: enclosing.clone(),
            });
        }
    }
    let defs = match schema.get("$defs") {
        Some(Value::Object(defs)) => Some(defs),
        _ => None,
    };
    if let Some(defs) = defs {
        for name in defs.keys() {
            let def_at = at.join("$defs").join(name);
            scan.defs.push(Def { at: def_at, name: name.clone(), owner: owner.map(str::to_owned) });
        }
        enclosing.push(at.clone());
    }
    for (child, child_at) in all_subschemas(schema, at) {
        scan_schema(child, &child_at, &resource, owner, enclosing, scan, depth + 1);
    }
    if defs.is_some() {
        enclosing.pop();
    }
}

/// Every subschema, including those under keywords 3.0 does not know.
fn all_subschemas<'s>(schema: &'s Map<String, Value>, at: &Pointer) -> Vec<(&'s Value, Pointer)> {
    let mut found = Vec::new();
    for (key, value) in schema {
        let key_at = at.join(key);
        match (key.as_str(), value) {
            ("$defs" | "properties" | "patternProperties" | "dependentSchemas", Value::Object(members)) => {
                found.extend(members.iter().map(|(name, member)| (member, key_at.join(name))));
            }
            ("allOf" | "anyOf" | "oneOf" | "prefixItems", Value::Array(members)) => {
                found
                    .extend(members.iter().enumerate().map(|(index, member)| (member, key_at.join(index.to_string()))));
            }
            (
                "items"
                | "not"
                | "additionalProperties"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties",
                value,
            ) => found.push((value, key_at)),
            _ => {}
        }
    }
    found
}

/// The component name of each `$defs` entry: its key when free, else its
/// owner's name and its key, else either with the first free number.
fn new_names(defs: &[Def], document: &Value) -> BTreeMap<Pointer, String> {
    let existing = document.pointer("/components/schemas").and_then(Value::as_object);
    let mut taken: BTreeSet<String> = existing.map(|schemas| schemas.keys().cloned().collect()).unwrap_or_default();
    let mut names = BTreeMap::new();
    for def in defs {
        let prefixed = def.owner.as_ref().map(|owner| format!("{owner}{}", def.name));
        let base = prefixed.clone().unwrap_or_else(|| def.name.clone());
        let name = [Some(def.name.clone()), prefixed]
            .into_iter()
            .flatten()
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| {
                (2..)
                    .map(|number| format!("{base}{number}"))
                    .find(|candidate| !taken.contains(candidate))
                    .unwrap_or(base)
            });
        taken.insert(name.clone());
        names.insert(def.at.clone(), name);
    }
    names
}

/// The document-relative reference `reference` means, when it differs from it.
fn rewrite(
    reference: &Reference,
    scan: &Scan,
    names: &BTreeMap<Pointer, String>,
    document: &Value,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (uri, fragment) = split_fragment(&reference.reference);
    let (resource_root, base) = if uri.is_empty() {
        let root = if reference.resource.base.is_some() { reference.resource.root.clone() } else { Pointer::root() };
        (root, reference.resource.base.clone().unwrap_or_default())
    } else {
        let (absolute, _) = split_fragment(&resolve_uri(reference.resource.base.as_deref(), &uri));
        // Not an `$id` of this document: another document, left alone.
        (scan.ids.get(&absolute)?.clone(), absolute)
    };
    let mut target = if fragment.is_empty() {
        resource_root
    } else if fragment.starts_with('/') {
        append(&resource_root, &Pointer::parse(&fragment)?)
    } else {
        scan.anchors.get(&(base, fragment.clone()))?.clone()
    };
    if target.resolve(document).is_none() && uri.is_empty() && fragment.starts_with('/') {
        let relative = Pointer::parse(&fragment)?;
        if relative.resolve(document).is_some() {
            // `#/components/…` inside a schema with an `$id`: strictly relative
            // to that schema, where it designates nothing; the author meant
            // the document.
            return None;
        }
        // `#/$defs/X` without an `$id`: the document root has no `$defs`, so
        // the author meant the schema around the reference.
        if !fragment.starts_with("/$defs/") {
            return None;
        }
        let enclosing = reference.enclosing.iter().rev().map(|at| append(at, &relative));
        target = enclosing.into_iter().find(|candidate| candidate.resolve(document).is_some())?;
        let at = if reference.is_mapping { reference.at.clone() } else { reference.at.join("$ref") };
        warnings.push(Diagnostic::warning_at(
            format!(
                "`$ref` `{}` is resolved against the schema around it (there is no `$id` to make it relative); it designates {target}",
                reference.reference
            ),
            &at,
        ));
    }
    let rewritten = hoisted(&target, names).unwrap_or(target).to_string();
    (rewritten != reference.reference).then_some(rewritten)
}

/// Where `target` is once `$defs` are hoisted, if it is inside one.
fn hoisted(target: &Pointer, names: &BTreeMap<Pointer, String>) -> Option<Pointer> {
    let target_tokens: Vec<String> = target.tokens().collect();
    names
        .iter()
        .filter_map(|(def, name)| {
            let def_tokens: Vec<String> = def.tokens().collect();
            target_tokens.starts_with(&def_tokens).then_some((def_tokens.len(), name))
        })
        .max_by_key(|(length, _)| *length)
        .map(|(length, name)| {
            let component = Pointer::root().join("components").join("schemas").join(name);
            target_tokens[length..].iter().fold(component, |at, token| at.join(token))
        })
}

fn apply(document: &mut Value, reference: &Reference, rewritten: String) {
    let Some(value) = document.pointer_mut(&json_pointer(&reference.at)) else { return };
    if reference.is_mapping {
        *value = Value::from(rewritten);
    } else if let Value::Object(schema) = value {
        schema.insert("$ref".into(), Value::from(rewritten));
    }
}

/// Moves every `$defs` entry (deepest first) into `components/schemas`.
fn move_defs(document: &mut Value, defs: &[Def], names: &BTreeMap<Pointer, String>) {
    let mut order: Vec<usize> = (0..defs.len()).collect();
    order.sort_by_key(|index| std::cmp::Reverse(defs[*index].at.tokens().count()));
    let mut moved: Vec<Option<Value>> = vec![None; defs.len()];
    for index in order {
        let def = &defs[index];
        let holder = def.at.parent();
        if let Some(Value::Object(entries)) = document.pointer_mut(&json_pointer(&holder)) {
            moved[index] = entries.shift_remove(&def.name);
        }
        if let Some(Value::Object(owner)) = document.pointer_mut(&json_pointer(&holder.parent())) {
            if owner.get("$defs").and_then(Value::as_object).is_some_and(Map::is_empty) {
                owner.remove("$defs");
            }
        }
    }
    let Value::Object(root) = document else { return };
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(components) = components else { return };
    let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(schemas) = schemas else { return };
    for (def, value) in defs.iter().zip(moved) {
        if let (Some(value), Some(name)) = (value, names.get(&def.at)) {
            schemas.insert(name.clone(), value);
        }
    }
}

/// `#/a/b` → `/a/b`, the form `Value::pointer` takes.
fn json_pointer(at: &Pointer) -> String {
    at.to_string().trim_start_matches('#').to_owned()
}

fn append(base: &Pointer, relative: &Pointer) -> Pointer {
    relative.tokens().fold(base.clone(), |at, token| at.join(token))
}

/// `uri#fragment` → (`uri`, `fragment`).
fn split_fragment(reference: &str) -> (String, String) {
    match reference.split_once('#') {
        Some((uri, fragment)) => (uri.to_owned(), fragment.to_owned()),
        None => (reference.to_owned(), String::new()),
    }
}

/// `reference` resolved against `base` (RFC 3986, without dot segments).
fn resolve_uri(base: Option<&str>, reference: &str) -> String {
    let Some(base) = base.filter(|base| !base.is_empty()) else { return reference.to_owned() };
    if has_scheme(reference) {
        return reference.to_owned();
    }
    let (base, _) = split_fragment(base);
    if reference.is_empty() || reference.starts_with('#') {
        return format!("{base}{reference}");
    }
    let scheme_end = base.find(':').map_or(0, |colon| colon + 1);
    if let Some(rest) = reference.strip_prefix("//") {
        return format!("{}//{rest}", &base[..scheme_end]);
    }
    let authority_end = base[scheme_end..]
        .strip_prefix("//")
        .map(|after| scheme_end + 2 + after.find('/').unwrap_or(after.len()))
        .unwrap_or(scheme_end);
    if reference.starts_with('/') {
        return format!("{}{reference}", &base[..authority_end]);
    }
    let path = base.split('?').next().unwrap_or_default();
    match path[authority_end..].rfind('/') {
        Some(slash) => format!("{}{reference}", &path[..authority_end + slash + 1]),
        None if authority_end > scheme_end => format!("{}/{reference}", &path[..authority_end]),
        None => reference.to_owned(),
    }
}

fn has_scheme(reference: &str) -> bool {
    match reference.find(':') {
        Some(colon) => {
            let scheme = &reference[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_references_against_a_base() {
        let base = Some("https://example.com/schemas/order.json");
        assert_eq!(resolve_uri(base, "line.json"), "https://example.com/schemas/line.json");
        assert_eq!(resolve_uri(base, "/other.json"), "https://example.com/other.json");
        assert_eq!(resolve_uri(base, "//cdn.example.com/x"), "https://cdn.example.com/x");
        assert_eq!(resolve_uri(base, "#/$defs/A"), "https://example.com/schemas/order.json#/$defs/A");
        assert_eq!(resolve_uri(base, "urn:example:x"), "urn:example:x");
        assert_eq!(resolve_uri(Some("https://example.com"), "a"), "https://example.com/a");
        assert_eq!(resolve_uri(Some("urn:example:order"), "line"), "line");
        assert_eq!(resolve_uri(None, "line"), "line");
    }
}
