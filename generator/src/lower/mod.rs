//! Lowering: an OpenAPI document into the IR. Names are decided here (through
//! `naming`), so emission never has to think about the input format.

mod docs;
mod operation;
mod pagination;
mod refs;
mod retries;
mod schema;
mod security;
mod servers;

use openapiv3::OpenAPI;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{Api, Dependencies};
use crate::naming::{self, Scope};

use schema::Types;

/// Modules of every generated crate, which an API's module cannot be named.
pub(crate) const CRATE_MODULES: &[&str] = &["runtime"];

/// Methods every client builder has, which credentials and server variables cannot be named.
const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "origin",
    "http_client",
    "timeout",
    "redirect_policy",
    "trust_origin",
    "allow_insecure_credentials",
    "max_response_bytes",
    "retry_policy",
    "connect_timeout",
    "user_agent",
    "default_header",
    "hooks",
    "build",
];

/// Lowers `document` into the IR of the module `module`. Constructs that are
/// not supported become warnings and a sound fallback type; lowering itself
/// never fails.
pub fn lower(document: &OpenAPI, config: &Config, module: &str) -> (Api, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut types = Types::declare(document, config);
    types.define_components();
    // Credentials and server variables are set by methods of the same builder.
    let mut builder_methods = Scope::with_reserved(BUILDER_METHODS);
    let security_schemes = security::lower_schemes(document, config, &mut builder_methods, &mut diagnostics);
    let server_variables = servers::variables(document, &mut builder_methods);
    let module = Scope::with_reserved(CRATE_MODULES).claim(&naming::snake(module));
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
        default_base_url: servers::default_base_url(document),
        server_template: document.servers.first().map_or_else(|| "/".to_owned(), |server| server.url.clone()),
        server_variables,
        security_schemes,
        types: type_defs,
        groups,
        dependencies: Dependencies::default(),
        features: Vec::new(),
    };
    // Item types follow paths through the finished types.
    pagination::resolve_items(&mut api);
    let document_retries = document.extensions.get(retries::EXTENSION).and_then(|settings| {
        retries::lower(settings, &crate::pointer::Pointer::root().join(retries::EXTENSION), &mut diagnostics)
    });
    retries::apply_document_policy(&mut api, document_retries);
    (api, diagnostics)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn an_api_is_never_named_like_the_runtime_module_beside_it() {
        let document = json!({"openapi": "3.0.3", "info": {"title": "Runtime", "version": "1"}, "paths": {}});
        let (document, _) = crate::parse_document(document).expect("valid document");
        let (api, _) = crate::analyse(&document, &crate::Config::default(), "Runtime");
        assert_eq!(api.module, "runtime_2");
    }
}
