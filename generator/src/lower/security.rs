//! Security schemes → the credentials the client builder accepts.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme as Scheme};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{ParamLocation, SecurityKind, SecurityScheme};
use crate::naming::{snake, Scope};
use crate::pointer::Pointer;

use super::docs::docs;

/// Builder methods every client builder has.
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

pub(super) fn lower_schemes(
    document: &OpenAPI,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SecurityScheme> {
    let mut scope = Scope::with_reserved(BUILDER_METHODS);
    let Some(components) = &document.components else { return Vec::new() };
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = Pointer::root().join("components").join("securitySchemes").join(name);
        let ReferenceOr::Item(scheme) = scheme else {
            diagnostics
                .push(Diagnostic::warning_at("a security scheme given by `$ref` is not supported; it is ignored", &at));
            continue;
        };
        let (kind, description) = match scheme {
            Scheme::APIKey { location, name, description, .. } => {
                let location = match location {
                    APIKeyLocation::Header => ParamLocation::Header,
                    APIKeyLocation::Query => ParamLocation::Query,
                    APIKeyLocation::Cookie => ParamLocation::Cookie,
                };
                (SecurityKind::ApiKey { location, name: name.clone(), prefix: None }, description)
            }
            Scheme::HTTP { scheme, description, .. } if scheme.eq_ignore_ascii_case("basic") => {
                (SecurityKind::Basic, description)
            }
            Scheme::HTTP { scheme, description, .. } => {
                if !scheme.eq_ignore_ascii_case("bearer") {
                    diagnostics
                        .push(Diagnostic::warning_at(format!("HTTP scheme `{scheme}` is sent as a bearer token"), &at));
                }
                (SecurityKind::Bearer { refreshable: false }, description)
            }
            Scheme::OAuth2 { description, .. } | Scheme::OpenIDConnect { description, .. } => {
                (SecurityKind::Bearer { refreshable: true }, description)
            }
        };
        let settings = config.security.get(name.as_str()).cloned().unwrap_or_default();
        let mut kind = kind;
        match (&mut kind, settings.prefix) {
            (SecurityKind::ApiKey { prefix, .. }, Some(wanted)) => *prefix = Some(wanted),
            (_, Some(_)) => {
                diagnostics.push(Diagnostic::warning_at("a `prefix` applies to API keys only; it is ignored", &at))
            }
            (_, None) => {}
        }
        let builder_method = scope.claim(&snake(settings.method.as_deref().unwrap_or(name)));
        if matches!(kind, SecurityKind::Bearer { refreshable: true }) {
            scope.claim(&format!("{}_provider", crate::naming::unraw(&builder_method)));
        }
        schemes.push(SecurityScheme {
            name: name.clone(),
            builder_method,
            kind,
            docs: docs(None, description.as_ref(), false),
        });
    }
    schemes
}
