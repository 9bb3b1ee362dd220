//! OpenAPI Overlay 1.0 documents (<https://spec.openapis.org/overlay/v1.0.0>):
//! changes to a vendor's OpenAPI document kept beside it, so that the vendor's
//! files stay verbatim.
//!
//! An overlay states `overlay: 1.0.x`, an `info` object (`title`, `version`),
//! optionally `extends` (not checked: the caller decides what an overlay
//! applies to) and a non-empty list of `actions`. Each action selects nodes of
//! the document with an RFC 9535 JSONPath `target` (evaluated by
//! `serde_json_path`) and then either
//!
//! - `remove: true`: each selected node is removed from the object or array
//!   holding it (`update`, if also given, has no effect and is warned about); or
//! - `update`: merged into each selected node. A selected object takes an
//!   object, merged recursively: a property only the update has is added (at
//!   the end), objects merge with objects, an array's entries are appended to
//!   an array, and a primitive value (string, number, boolean, `null`)
//!   replaces a primitive value. Any other pair (an object onto a string, an
//!   array onto an object, `null` onto an object) is an error: the overlay
//!   must be compatible with the document. A selected array takes the update
//!   value as one entry appended to it, as the 1.0 text says ("an entry to
//!   append to the array"); an array given as `update` is therefore appended
//!   as one nested array, not concatenated (which Overlay 1.1 changed).
//!
//! Targets must select objects or arrays: a string, number, boolean or `null`
//! selected is an error (to change a primitive, target the object holding it).
//! Actions apply in order, each to the document the previous one left. A target
//! selecting nothing is a warning, not an error. Every diagnostic is located in
//! the overlay file by JSON pointer (`#/actions/3/target`); an error leaves the
//! document unchanged.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::load::load_file;
use crate::pointer::Pointer;

/// Applies the overlay files in the order given to `document`, each to the
/// document the previous one left. Returns the warnings (each located in its
/// overlay file); on an error the document is left as the overlays before the
/// failing one made it, and the failure holds the warnings met so far too.
pub fn apply_overlay_files(document: &mut Value, files: &[PathBuf]) -> Result<Vec<Diagnostic>, Failure> {
    let mut warnings = Vec::new();
    for file in files {
        let outcome =
            load_file(file).map_err(Failure::from).and_then(|overlay| apply_overlay(document, &overlay, file));
        match outcome {
            Ok(found) => warnings.extend(found),
            Err(failure) => {
                warnings.extend(failure.diagnostics);
                return Err(warnings.into());
            }
        }
    }
    Ok(warnings)
}

/// Applies one overlay document (read from `file`, which locates diagnostics)
/// to `document`. Returns the warnings; on an error `document` is unchanged.
pub fn apply_overlay(document: &mut Value, overlay: &Value, file: &Path) -> Result<Vec<Diagnostic>, Failure> {
    let (actions, mut diagnostics) = read_overlay(overlay);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(locate(diagnostics, file).into());
    }
    let mut working = document.clone();
    for action in &actions {
        match apply_action(&mut working, action) {
            Ok(None) => {}
            Ok(Some(warning)) => diagnostics.push(warning),
            Err(error) => {
                diagnostics.push(error);
                return Err(locate(diagnostics, file).into());
            }
        }
    }
    *document = working;
    Ok(locate(diagnostics, file))
}

/// Puts `file` on diagnostics located by pointer only.
fn locate(mut diagnostics: Vec<Diagnostic>, file: &Path) -> Vec<Diagnostic> {
    for diagnostic in &mut diagnostics {
        diagnostic.location.file = Some(file.to_owned());
    }
    diagnostics
}

/// One action of an overlay, checked.
struct Action<'o> {
    /// Where the action is in the overlay: `#/actions/3`.
    at: Pointer,
    /// The target as written, for messages.
    target_text: &'o str,
    target: JsonPath,
    change: Change<'o>,
}

enum Change<'o> {
    Remove,
    Update(&'o Value),
}

const ROOT_FIELDS: &[&str] = &["overlay", "info", "extends", "actions"];
const INFO_FIELDS: &[&str] = &["title", "version"];
const ACTION_FIELDS: &[&str] = &["target", "description", "update", "remove"];

/// Reads and checks an overlay document: its version, `info`, `extends` and
/// every action (a JSONPath that parses, `remove` a boolean, something to do).
/// Returns the actions and every diagnostic found (errors and warnings).
fn read_overlay(overlay: &Value) -> (Vec<Action<'_>>, Vec<Diagnostic>) {
    let root = Pointer::root();
    let mut diagnostics = Vec::new();
    let Some(object) = overlay.as_object() else {
        let message = format!("an Overlay document must be an object, not {}", kind(overlay));
        return (Vec::new(), vec![Diagnostic::error(message, Location::pointer(root.to_string()))]);
    };
    check_version(object, &mut diagnostics);
    unknown_fields(object, ROOT_FIELDS, "an Overlay 1.0 document", &root, &mut diagnostics);
    match object.get("info") {
        None => {
            diagnostics.push(error_at(&root, "`info` is missing: an object with the overlay's `title` and `version`"))
        }
        Some(Value::Object(info)) => {
            let info_at = root.join("info");
            for field in INFO_FIELDS {
                match info.get(*field) {
                    None => diagnostics.push(error_at(&info_at, format!("`info.{field}` is missing"))),
                    Some(Value::String(_)) => {}
                    Some(other) => diagnostics.push(error_at(
                        &info_at.join(field),
                        format!("`info.{field}` must be a string, not {}", kind(other)),
                    )),
                }
            }
            unknown_fields(info, INFO_FIELDS, "the Overlay `info` object", &info_at, &mut diagnostics);
        }
        Some(other) => {
            diagnostics.push(error_at(&root.join("info"), format!("`info` must be an object, not {}", kind(other))));
        }
    }
    if let Some(extends) = object.get("extends").filter(|extends| !extends.is_string()) {
        let message = format!("`extends` must be a URI reference string, not {}", kind(extends));
        diagnostics.push(error_at(&root.join("extends"), message));
    }
    let actions_at = root.join("actions");
    let actions = match object.get("actions") {
        None => {
            diagnostics.push(error_at(&root, "`actions` is missing: the list of changes to apply"));
            Vec::new()
        }
        Some(Value::Array(list)) if list.is_empty() => {
            diagnostics.push(error_at(&actions_at, "`actions` must hold at least one action"));
            Vec::new()
        }
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .filter_map(|(index, action)| read_action(action, actions_at.join(index.to_string()), &mut diagnostics))
            .collect(),
        Some(other) => {
            diagnostics.push(error_at(&actions_at, format!("`actions` must be a list, not {}", kind(other))));
            Vec::new()
        }
    };
    (actions, diagnostics)
}

fn check_version(object: &Map<String, Value>, diagnostics: &mut Vec<Diagnostic>) {
    let at = Pointer::root().join("overlay");
    match object.get("overlay") {
        None => diagnostics.push(error_at(
            &Pointer::root(),
            "not an Overlay document: `overlay`, the Overlay Specification version (\"1.0.0\"), is missing",
        )),
        Some(Value::String(version)) if is_supported(version) => {}
        Some(Value::String(version)) => diagnostics
            .push(error_at(&at, format!("Overlay version {version} is not supported (only 1.0.x is, e.g. \"1.0.0\")"))),
        // YAML reads an unquoted `overlay: 1.0` as a number.
        Some(Value::Number(number)) => diagnostics.push(error_at(
            &at,
            format!("`overlay` must be a version string such as \"1.0.0\", not the number {number}"),
        )),
        Some(other) => diagnostics
            .push(error_at(&at, format!("`overlay` must be a version string such as \"1.0.0\", not {}", kind(other)))),
    }
}

/// `1.0.N`: the patch version does not change the feature set.
fn is_supported(version: &str) -> bool {
    version
        .strip_prefix("1.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|byte| byte.is_ascii_digit()))
}

fn read_action<'o>(action: &'o Value, at: Pointer, diagnostics: &mut Vec<Diagnostic>) -> Option<Action<'o>> {
    let Some(object) = action.as_object() else {
        diagnostics.push(error_at(&at, format!("an action must be an object, not {}", kind(action))));
        return None;
    };
    let errors_before = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    unknown_fields(object, ACTION_FIELDS, "an Overlay 1.0 action", &at, diagnostics);
    if let Some(description) = object.get("description").filter(|description| !description.is_string()) {
        let message = format!("`description` must be a string, not {}", kind(description));
        diagnostics.push(error_at(&at.join("description"), message));
    }
    let remove = match object.get("remove") {
        None => false,
        Some(Value::Bool(remove)) => *remove,
        Some(other) => {
            let message = format!("`remove` must be `true` or `false`, not {}", kind(other));
            diagnostics.push(error_at(&at.join("remove"), message));
            false
        }
    };
    let update = object.get("update");
    let change = match (remove, update) {
        (true, update) => {
            if update.is_some() {
                diagnostics.push(Diagnostic::warning(
                    "`update` has no effect beside `remove: true`",
                    Location::pointer(at.join("update").to_string()),
                ));
            }
            Some(Change::Remove)
        }
        (false, Some(update)) => Some(Change::Update(update)),
        (false, None) => {
            // A `remove` that is not a boolean is reported above.
            if object.get("remove").is_none_or(Value::is_boolean) {
                diagnostics
                    .push(error_at(&at, "the action has neither `update` nor `remove: true`: it would do nothing"));
            }
            None
        }
    };
    let target = match object.get("target") {
        None => {
            diagnostics.push(error_at(&at, "`target`, the JSONPath of the nodes to change, is missing"));
            None
        }
        Some(Value::String(text)) => match JsonPath::parse(text) {
            Ok(path) => Some((text.as_str(), path)),
            Err(error) => {
                let message = format!("`target` is not an RFC 9535 JSONPath: `{text}`: {error}");
                diagnostics.push(error_at(&at.join("target"), message));
                None
            }
        },
        Some(other) => {
            let message = format!("`target` must be a JSONPath string, not {}", kind(other));
            diagnostics.push(error_at(&at.join("target"), message));
            None
        }
    };
    let errors_after = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    let ((target_text, target), change) = (target?, change?);
    (errors_after == errors_before).then_some(Action { at, target_text, target, change })
}

/// Fields other than `known` and `x-` extensions are errors: a misspelt
/// `update` would otherwise make an action silently do nothing.
fn unknown_fields(
    object: &Map<String, Value>,
    known: &[&str],
    what: &str,
    at: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for key in object.keys().filter(|key| !known.contains(&key.as_str()) && !key.starts_with("x-")) {
        let expected = known.iter().map(|field| format!("`{field}`")).collect::<Vec<_>>().join(", ");
        let message = format!("unknown field `{key}` in {what} (expected {expected} or an `x-` extension)");
        diagnostics.push(error_at(&at.join(key), message));
    }
}

/// One step of a path from the document root to a selected node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Index(usize),
    Key(String),
}

/// A node the target selected: its path and its normalized path as text (`$['paths']['/x']`).
struct Selected {
    steps: Vec<Step>,
    shown: String,
}

/// Applies one action to `document`, all or nothing: every selected node is
/// checked before any is changed. `Ok(Some(_))` is a warning.
fn apply_action(document: &mut Value, action: &Action<'_>) -> Result<Option<Diagnostic>, Diagnostic> {
    let target_at = action.at.join("target");
    let mut selected: Vec<Selected> = action
        .target
        .query_located(document)
        .iter()
        .map(|node| {
            let steps = node
                .location()
                .iter()
                .map(|element| match element.as_index() {
                    Some(index) => Step::Index(index),
                    None => Step::Key(element.as_name().unwrap_or_default().to_owned()),
                })
                .collect();
            Selected { steps, shown: node.location().to_string() }
        })
        .collect();
    if selected.is_empty() {
        let message =
            format!("the target `{}` selects nothing in the document: the action changes nothing", action.target_text);
        return Ok(Some(Diagnostic::warning_at(message, &target_at)));
    }
    // A JSONPath may select a node twice (`$.tags[0,0]`): change it once.
    let mut seen = std::collections::BTreeSet::new();
    selected.retain(|node| seen.insert(node.steps.clone()));
    for node in &selected {
        let value = resolve(document, &node.steps).unwrap_or(&Value::Null);
        if !(value.is_object() || value.is_array()) {
            let message = format!(
                "the target `{}` selects {} at {}; Overlay 1.0 targets must be objects or arrays (to change a property, target the object holding it)",
                action.target_text,
                kind(value),
                node.shown
            );
            return Err(error_at(&target_at, message));
        }
    }
    match action.change {
        Change::Remove => remove_all(document, selected, &target_at, action.target_text).map(|()| None),
        Change::Update(update) => {
            let update_at = action.at.join("update");
            for node in &selected {
                if let Some(Value::Object(target)) = resolve(document, &node.steps) {
                    let Value::Object(update) = update else {
                        let message = format!(
                            "the target {} is an object, so `update` must be an object of properties to merge into it, not {}",
                            node.shown,
                            kind(update)
                        );
                        return Err(error_at(&update_at, message));
                    };
                    check_merge(target, update, &node.shown, &update_at)?;
                }
            }
            for node in &selected {
                match resolve_mut(document, &node.steps) {
                    Some(Value::Object(target)) => {
                        if let Value::Object(update) = update {
                            merge_into(target, update);
                        }
                    }
                    Some(Value::Array(items)) => items.push(update.clone()),
                    _ => {}
                }
            }
            Ok(None)
        }
    }
}

/// Removes every selected node from its parent. Paths are taken in reverse
/// order, so removing an array entry never shifts one still to remove (a
/// later index, or a node inside a later entry, goes first) and a node inside
/// another selected node goes before it.
fn remove_all(
    document: &mut Value,
    mut selected: Vec<Selected>,
    target_at: &Pointer,
    target: &str,
) -> Result<(), Diagnostic> {
    if selected.iter().any(|node| node.steps.is_empty()) {
        let message = format!("the target `{target}` selects the document itself, which cannot be removed");
        return Err(error_at(target_at, message));
    }
    selected.sort_by(|a, b| b.steps.cmp(&a.steps));
    for node in selected {
        let Some((last, parent)) = node.steps.split_last() else { continue };
        match (resolve_mut(document, parent), last) {
            (Some(Value::Object(map)), Step::Key(key)) => {
                map.shift_remove(key);
            }
            (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
                items.remove(*index);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks that `update` can merge into `target` (see the module's rules),
/// naming the first property that cannot, at its pointer in the overlay.
fn check_merge(
    target: &Map<String, Value>,
    update: &Map<String, Value>,
    shown: &str,
    at: &Pointer,
) -> Result<(), Diagnostic> {
    for (key, new) in update {
        let Some(old) = target.get(key) else { continue };
        let here = format!("{shown}['{}']", key.replace('\\', "\\\\").replace('\'', "\\'"));
        match (old, new) {
            (Value::Object(old), Value::Object(new)) => check_merge(old, new, &here, &at.join(key))?,
            (Value::Array(_), Value::Array(_)) => {}
            (old, new) if is_primitive(old) && is_primitive(new) => {}
            (old, new) => {
                let message = format!(
                    "`update` cannot merge {} into {} at {here}: objects merge with objects, arrays append to arrays, and primitive values replace primitive values",
                    kind(new),
                    kind(old)
                );
                return Err(error_at(&at.join(key), message));
            }
        }
    }
    Ok(())
}

/// Merges `update` into `target`; `check_merge` has accepted them.
fn merge_into(target: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, new) in update {
        match (target.get_mut(key), new) {
            (Some(Value::Object(old)), Value::Object(new)) => merge_into(old, new),
            (Some(Value::Array(old)), Value::Array(new)) => old.extend(new.iter().cloned()),
            (Some(old), new) => *old = new.clone(),
            (None, new) => {
                target.insert(key.clone(), new.clone());
            }
        }
    }
}

fn resolve<'v>(value: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    steps.iter().try_fold(value, |value, step| match (value, step) {
        (Value::Object(map), Step::Key(key)) => map.get(key),
        (Value::Array(items), Step::Index(index)) => items.get(*index),
        _ => None,
    })
}

fn resolve_mut<'v>(value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    steps.iter().try_fold(value, |value, step| match (value, step) {
        (Value::Object(map), Step::Key(key)) => map.get_mut(key),
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        _ => None,
    })
}

fn is_primitive(value: &Value) -> bool {
    !(value.is_object() || value.is_array())
}

/// What a value is, for messages: `an object`, `the string "x"`.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(value) => format!("the boolean {value}"),
        Value::Number(value) => format!("the number {value}"),
        Value::String(value) => {
            let mut shown: String = value.chars().take(40).collect();
            if shown.len() < value.len() {
                shown.push('…');
            }
            format!("the string {shown:?}")
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn error_at(at: &Pointer, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message, Location::pointer(at.to_string()))
}

#[cfg(test)]
mod tests;
