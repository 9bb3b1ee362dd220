//! Security schemes → the credentials the client builder accepts.

use openapiv3::{APIKeyLocation, OAuth2Flows, OpenAPI, ReferenceOr, SecurityScheme as Scheme};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{OAuthFlow, OAuthGrant, ParamLocation, SecurityKind, SecurityScheme};
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
                (SecurityKind::Bearer { provider_method: None, flows: Vec::new() }, description)
            }
            Scheme::OAuth2 { flows, description, .. } => {
                let provider_method = methods.claim(&format!("{}_provider", unraw(&builder_method)));
                let flows = oauth_flows(flows, &builder_method, methods);
                (SecurityKind::Bearer { provider_method: Some(provider_method), flows }, description)
            }
            Scheme::OpenIDConnect { description, .. } => {
                let provider_method = methods.claim(&format!("{}_provider", unraw(&builder_method)));
                (SecurityKind::Bearer { provider_method: Some(provider_method), flows: Vec::new() }, description)
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

/// The grants the client runs itself for an OAuth 2 scheme whose builder
/// method is `builder_method`: client credentials from a `clientCredentials`
/// flow's `tokenUrl`; a refresh token from the `refreshUrl` (else `tokenUrl`)
/// of the first of `authorizationCode`, `password` and `implicit` (only with
/// a `refreshUrl`) that has one.
fn oauth_flows(flows: &OAuth2Flows, builder_method: &str, methods: &mut Scope) -> Vec<OAuthFlow> {
    let scopes = |scopes: &indexmap::IndexMap<String, String>| scopes.keys().cloned().collect::<Vec<_>>();
    let mut grants = Vec::new();
    if let Some(flow) = &flows.client_credentials {
        grants.push(OAuthFlow {
            grant: OAuthGrant::ClientCredentials,
            builder_method: methods.claim(&format!("{}_client_credentials", unraw(builder_method))),
            token_url: flow.token_url.clone(),
            scopes: scopes(&flow.scopes),
        });
    }
    let refreshing = [
        flows
            .authorization_code
            .as_ref()
            .map(|flow| (flow.refresh_url.as_ref().unwrap_or(&flow.token_url), &flow.scopes)),
        flows.password.as_ref().map(|flow| (flow.refresh_url.as_ref().unwrap_or(&flow.token_url), &flow.scopes)),
        flows.implicit.as_ref().and_then(|flow| flow.refresh_url.as_ref().map(|url| (url, &flow.scopes))),
    ];
    if let Some((url, flow_scopes)) = refreshing.into_iter().flatten().next() {
        grants.push(OAuthFlow {
            grant: OAuthGrant::RefreshToken,
            builder_method: methods.claim(&format!("{}_refresh_token", unraw(builder_method))),
            token_url: url.clone(),
            scopes: scopes(flow_scopes),
        });
    }
    grants
}
