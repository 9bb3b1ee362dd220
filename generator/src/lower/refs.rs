//! Following `$ref`s to the components they name.

use openapiv3::ReferenceOr;

use crate::diagnostics::{Diagnostic, Location};
use crate::limits::MAX_DEPTH;
use crate::pointer::{component_name, Pointer};

/// Follows `#/components/<section>/<name>` references (also chains of them)
/// to the item, or explains why it cannot.
pub(super) fn resolve<'d, T>(
    item: &'d ReferenceOr<T>,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'d ReferenceOr<T>>,
    at: &Pointer,
) -> Result<&'d T, Diagnostic> {
    let mut current = item;
    for _ in 0..MAX_DEPTH {
        match current {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => {
                let target = component_name(reference, section).and_then(|name| lookup(&name));
                current = target.ok_or_else(|| {
                    Diagnostic::error(
                        format!("unresolvable $ref `{reference}`"),
                        Location::pointer(at.join("$ref").to_string()),
                    )
                })?;
            }
        }
    }
    Err(Diagnostic::error("`$ref` chain does not end (a cycle of references)", Location::pointer(at.to_string())))
}
