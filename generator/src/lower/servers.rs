//! The first server: the client's default base URL and the variables of its URL template.

use openapiv3::OpenAPI;

use crate::ir::ServerVariable;
use crate::naming::{snake, unraw, Scope};

use super::docs::docs;

/// The first server's URL with its variables' defaults substituted.
pub(super) fn default_base_url(document: &OpenAPI) -> String {
    let Some(server) = document.servers.first() else { return "/".to_owned() };
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}

/// The variables of the first server's URL, each set by a builder method claimed in `methods`.
pub(super) fn variables(document: &OpenAPI, methods: &mut Scope) -> Vec<ServerVariable> {
    let Some(server) = document.servers.first() else { return Vec::new() };
    server
        .variables
        .iter()
        .flatten()
        .map(|(name, variable)| ServerVariable {
            name: name.clone(),
            builder_method: methods.claim(&format!("server_{}", unraw(&snake(name)))),
            default: variable.default.clone(),
            allowed: variable.enumeration.clone(),
            docs: docs(None, variable.description.as_ref(), false),
        })
        .collect()
}
