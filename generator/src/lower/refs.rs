//! Following `$ref`s to the components they name.

use openapiv3::ReferenceOr;

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::Pointer;

/// Follows `#/components/<section>/<name>` references (also chains of them)
/// to the item, or explains why it cannot.
pub(super) fn resolve<'d, T>(
    item: &'d ReferenceOr<T>,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'d ReferenceOr<T>>,
    at: &Pointer,
) -> Result<&'d T, Diagnostic> {
    let mut current = item;
    for _ in 0..32 {
        match current {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => {
                let prefix = format!("#/components/{section}/");
                let target = reference.strip_prefix(&prefix).and_then(|name| {
                    let name = Pointer::parse(&format!("/{name}"))?.tokens().next()?;
                    lookup(&name)
                });
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
