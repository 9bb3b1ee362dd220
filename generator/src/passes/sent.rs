//! Which types a caller may send and which a response holds: only sent types
//! need a constructor, leave unset optional fields out when serialised, and
//! derive `Serialize`; only received ones derive `Deserialize`.

use crate::ir::{Api, TypeId};

/// Marks the types a request body or parameter holds, at any depth, as sent
/// (and serialised, as are the pages of paginated operations);
/// those a response or its headers hold as received; and the types no
/// operation uses as both (a caller may use them for anything). Types only
/// ever received get no `new` (a caller reads them; a test writes the struct
/// literal) and plain `Option` fields, as one would write by hand.
pub fn mark_sent(api: &mut Api) {
    let requested = super::reach::reachable(api, |operation| {
        let body = operation.body.as_ref().map(|body| &body.ty);
        body.into_iter().chain(operation.params.iter().map(|param| &param.ty)).collect()
    });
    let responded = super::reach::reachable(api, |operation| {
        let responses = operation.success_responses.iter().chain(&operation.error_responses);
        let headers = operation.response_headers.iter().flat_map(|headers| &headers.fields);
        let bodies = responses.map(|case| case.decode.ty()).chain(operation.event_data());
        bodies.chain(headers.map(|field| &field.ty)).collect()
    });
    let paged = super::reach::reachable(api, |operation| match operation.pagination {
        Some(_) => operation.success_responses.iter().map(|case| case.decode.ty()).collect(),
        None => Vec::new(),
    });
    let used = super::reach::reachable_from(api, api.operations());
    // A type no operation uses is one a caller may use either way, and so
    // are the types it holds.
    let unused = (0..api.types.len()).filter(|&index| !used[index]).map(TypeId).collect();
    let free = super::reach::closure(api, unused);
    let marks = requested.into_iter().zip(responded).zip(paged).zip(used).zip(free);
    for (def, ((((requested, responded), paged), used), free)) in api.types.iter_mut().zip(marks) {
        def.sent = requested || !used;
        def.received = responded || free;
        def.serialized = requested || paged || free;
    }
}
