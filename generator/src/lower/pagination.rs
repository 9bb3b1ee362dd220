//! Pagination: from the `x-speakeasy-pagination` extension of an operation,
//! or the same shape under `[pagination.<operationId>]` in codegen.toml.
//! Its `offsetLimit` (page or offset), `cursor` and `url` kinds are supported.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::ir::{Api, PageKind, Pagination, Param, ParamLocation, Success, Ty, TypeKind};
use crate::pointer::Pointer;

/// The extension real specs use; codegen.toml settings take the same shape.
pub(super) const EXTENSION: &str = "x-speakeasy-pagination";

/// Reads a pagination description; the item type is settled later by [`resolve_items`].
pub(super) fn lower(
    settings: &Value,
    params: &[Param],
    at: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Pagination> {
    let mut problem = |message: String| {
        diagnostics.push(Diagnostic::warning_at(format!("{message}; the operation is not paginated"), at));
        None
    };
    let kind_name = settings.get("type").and_then(Value::as_str).unwrap_or_default();
    let inputs: Vec<(&str, &str)> = settings
        .get("inputs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|input| Some((input.get("name")?.as_str()?, input.get("type")?.as_str()?)))
        .collect();
    let outputs = settings.get("outputs");
    let output = |name: &str| outputs.and_then(|outputs| outputs.get(name)).and_then(Value::as_str).map(str::to_owned);
    let input = |role: &str| inputs.iter().find(|(_, input_role)| *input_role == role).map(|(name, _)| *name);
    let (kind, param, next) = match kind_name {
        "offsetLimit" => match (input("page"), input("offset")) {
            (Some(page), _) => (PageKind::Page, Some(page), None),
            (None, Some(offset)) => (PageKind::Offset, Some(offset), None),
            (None, None) => return problem("`offsetLimit` pagination needs a `page` or `offset` input".to_owned()),
        },
        "cursor" => (PageKind::Cursor, input("cursor"), output("nextCursor")),
        "url" => (PageKind::Url, None, output("nextUrl")),
        other => return problem(format!("pagination type `{other}` is not supported")),
    };
    if matches!(kind, PageKind::Cursor | PageKind::Url) && next.is_none() {
        return problem(format!("`{kind_name}` pagination needs `outputs.nextCursor` or `outputs.nextUrl`"));
    }
    let param = match param {
        Some(wire) => {
            match params.iter().find(|param| param.wire_name == wire && param.location == ParamLocation::Query) {
                Some(param) if !param.required => Some(param.name.clone()),
                Some(_) => return problem(format!("the pagination parameter `{wire}` must be optional")),
                None => return problem(format!("the pagination input `{wire}` is not a query parameter")),
            }
        }
        None if kind == PageKind::Cursor => return problem("`cursor` pagination needs a `cursor` input".to_owned()),
        None => None,
    };
    Some(Pagination {
        kind,
        param,
        results: output("results").unwrap_or_else(|| "$".to_owned()),
        next,
        num_pages: output("numPages"),
        item: Ty::Json,
    })
}

/// Settles each paginated operation's item type by following its results
/// path through the success type (`$.data` → the `data` field's item type).
pub(super) fn resolve_items(api: &mut Api) {
    let mut resolved = Vec::new();
    for (group_index, group) in api.groups.iter().enumerate() {
        for (operation_index, operation) in group.operations.iter().enumerate() {
            let (Some(pagination), Success::Single(success)) = (&operation.pagination, &operation.success) else {
                continue;
            };
            let item = follow(api, success, &pagination.results).unwrap_or(Ty::Json);
            resolved.push((group_index, operation_index, item));
        }
    }
    for (group_index, operation_index, item) in resolved {
        if let Some(pagination) = &mut api.groups[group_index].operations[operation_index].pagination {
            pagination.item = item;
        }
    }
}

/// The item type at a simple path (`$`, `$.a.b`): the element type of the array found there.
fn follow(api: &Api, ty: &Ty, path: &str) -> Option<Ty> {
    let mut current = ty.clone();
    let rest = path.trim().strip_prefix('$')?;
    for name in rest.split('.').filter(|name| !name.is_empty()) {
        current = field_type(api, &current, name)?;
    }
    match api.unalias(&current) {
        Ty::Vec(item) => Some((**item).clone()),
        _ => None,
    }
}

fn field_type(api: &Api, ty: &Ty, wire_name: &str) -> Option<Ty> {
    let Ty::Named(id) = api.unalias(ty) else { return None };
    let TypeKind::Struct(shape) = &api.type_def(*id).kind else { return None };
    let field = shape.fields.iter().find(|field| field.wire_name == wire_name)?;
    Some(field.ty.clone())
}
