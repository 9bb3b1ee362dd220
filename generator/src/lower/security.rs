//! Security schemes → the credentials the client builder accepts.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme as Scheme};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{ParamLocation, SecurityKind, SecurityScheme};
use crate::naming::{snake, unraw, Scope};
use crate::pointer::Pointer;

use super::docs::docs;

/// The credentials of `components/securitySchemes`, each set by builder
/// methods claimed in `methods`.
pub(super) fn lower_schemes(
    document: &OpenAPI,
    config: &Config,
    methods: &mut Scope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SecurityScheme> {
    let Some(components) = &document.components else { return Vec::new() };
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = Pointer::root().join("components").join("securitySchemes").join(name);
        let ReferenceOr::Item(scheme) = scheme else {
            diagnostics
                .push(Diagnostic::warning_at("a security scheme given by `$ref` is not supported; it is ignored", &at));
            continue;
        };
        let settings = config.security.get(name.as_str()).cloned().unwrap_or_default();
        let builder_method = methods.claim(&snake(settings.method.as_deref().unwrap_or(name)));
        let (mut kind, description) = match scheme {
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
                (SecurityKind::Bearer { provider_method: None }, description)
            }
            Scheme::OAuth2 { description, .. } | Scheme::OpenIDConnect { description, .. } => {
                let provider_method = methods.claim(&format!("{}_provider", unraw(&builder_method)));
                (SecurityKind::Bearer { provider_method: Some(provider_method) }, description)
            }
        };
        match (&mut kind, settings.prefix) {
            (SecurityKind::ApiKey { prefix, .. }, Some(wanted)) => *prefix = Some(wanted),
            (_, Some(_)) => {
                diagnostics.push(Diagnostic::warning_at("a `prefix` applies to API keys only; it is ignored", &at))
            }
            (_, None) => {}
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
