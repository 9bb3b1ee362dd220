//! Which types a caller may send: only those need a constructor, and only
//! those must leave unset optional fields out when serialised.

use crate::ir::Api;

/// Marks the types a request body or parameter holds, at any depth, and the
/// types no operation uses (a caller may build them for anything). Types only
/// ever received get no `new` (a caller reads them; a test writes the struct
/// literal) and plain `Option` fields, as one would write by hand.
pub fn mark_sent(api: &mut Api) {
    let requested = super::reach::reachable(api, |operation| {
        let body = operation.body.as_ref().map(|body| &body.ty);
        body.into_iter().chain(operation.params.iter().map(|param| &param.ty)).collect()
    });
    let used = super::reach::reachable_from(api, api.operations());
    for ((def, requested), used) in api.types.iter_mut().zip(requested).zip(used) {
        def.sent = requested || !used;
    }
}
