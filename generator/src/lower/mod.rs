//! Lowering: an OpenAPI document into the IR. Names are decided here (through
//! `naming`), so emission never has to think about the input format.

mod docs;
mod operation;
mod pagination;
mod refs;
mod schema;
mod security;

use openapiv3::OpenAPI;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{Api, Dependencies, ServerVariable};
use crate::naming;

use docs::docs;
use schema::Types;

/// Lowers `document` into the IR of the module `module`. Constructs that are
/// not supported become warnings and a sound fallback type; lowering itself
/// never fails.
pub fn lower(document: &OpenAPI, config: &Config, module: &str) -> (Api, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut types = Types::declare(document, config);
    types.define_components();
    let security_schemes = security::lower_schemes(document, config, &mut diagnostics);
    let module = naming::snake(module);
    let groups = operation::lower_groups(
        naming::unraw(&module),
        document,
        config,
        &security_schemes,
        &mut types,
        &mut diagnostics,
    );
    let (type_defs, type_diagnostics) = types.finish();
    diagnostics.extend(type_diagnostics);
    let mut api = Api {
        module,
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        description: document.info.description.clone(),
        default_base_url: default_base_url(document),
        server_template: document.servers.first().map_or_else(|| "/".to_owned(), |server| server.url.clone()),
        server_variables: server_variables(document),
        security_schemes,
        types: type_defs,
        groups,
        dependencies: Dependencies::default(),
    };
    // Item types follow paths through the finished types.
    pagination::resolve_items(&mut api);
    (api, diagnostics)
}

/// The first server's URL with its variables' defaults substituted.
fn default_base_url(document: &OpenAPI) -> String {
    let Some(server) = document.servers.first() else { return "/".to_owned() };
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}

fn server_variables(document: &OpenAPI) -> Vec<ServerVariable> {
    let Some(server) = document.servers.first() else { return Vec::new() };
    server
        .variables
        .iter()
        .flatten()
        .map(|(name, variable)| ServerVariable {
            name: name.clone(),
            builder_method: format!("server_{}", naming::unraw(&naming::snake(name))),
            default: variable.default.clone(),
            allowed: variable.enumeration.clone(),
            docs: docs(None, variable.description.as_ref(), false),
        })
        .collect()
}
