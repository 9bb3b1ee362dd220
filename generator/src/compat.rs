//! Valid OpenAPI 3.0 that the `openapiv3` model cannot read, rewritten before
//! it is: an operation's callback given by `$ref` (the model only reads
//! callbacks written out) is replaced by the component it names. Callbacks
//! are not generated; this only keeps the document readable.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::{component_name, Pointer};

/// Rewrites `document` in place; returns warnings for what had to be dropped.
pub fn rewrite(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let components = document.pointer("/components/callbacks").cloned().unwrap_or(Value::Null);
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else { return warnings };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            let Some(callbacks) = operation.get_mut("callbacks").and_then(Value::as_object_mut) else { continue };
            let at = Pointer::root().join("paths").join(path).join(method).join("callbacks");
            callbacks.retain(|name, callback| match callback.get("$ref").and_then(Value::as_str) {
                None => true,
                Some(reference) => match resolve_callback(&components, reference) {
                    Some(target) => {
                        *callback = target.clone();
                        true
                    }
                    None => {
                        warnings.push(Diagnostic::warning(
                            format!("callback `$ref` `{reference}` is not a component callback; it is ignored"),
                            Location::pointer(at.join(name).join("$ref").to_string()),
                        ));
                        false
                    }
                },
            });
        }
    }
    warnings
}

/// The written-out callback `#/components/callbacks/NAME` designates.
fn resolve_callback<'v>(components: &'v Value, reference: &str) -> Option<&'v Value> {
    let name = component_name(reference, "callbacks")?;
    components.get(&name).filter(|target| target.is_object() && target.get("$ref").is_none())
}
