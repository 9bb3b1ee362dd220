//! An API's root module: the `Client`, its builder, and the module list.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Docs, OAuthFlow, OAuthGrant, ParamLocation, SecurityKind, SecurityScheme};

use super::docs::{doc_attrs, inner_lines, lines, sanitize};
use super::ty::ident;

/// A submodule of an API's module.
#[derive(Debug, Clone)]
pub struct Submodule {
    /// Its name.
    pub name: String,
    /// Whether it is `pub`.
    pub public: bool,
    /// What it holds.
    pub content: Content,
    /// The cargo feature it is built with, if any.
    pub feature: Option<String>,
}

/// What a submodule holds: its tokens are made when asked for, so that
/// each file's can be made, formatted and dropped on its own (and on its
/// own thread: token streams cannot move between threads).
#[derive(Debug, Clone, Copy)]
pub enum Content {
    /// The operations of the group at this index.
    Group(usize),
    /// The types.
    Types,
    /// The `Validate` impls.
    Validate,
}

/// How many types one part of the `types` file holds.
const TYPES_PER_PART: usize = 200;

/// How many operations one part of a group's file holds.
const OPERATIONS_PER_PART: usize = 50;

impl Content {
    /// The submodule's items.
    pub fn tokens(self, api: &Api) -> TokenStream {
        match self {
            Self::Group(index) => super::operations::group_module(api, &api.groups[index]),
            Self::Types => super::types::types_module(api),
            Self::Validate => super::validate::module(api).unwrap_or_default(),
        }
    }

    /// How many parts its file is emitted and formatted in: the `types`
    /// module and a group's module are a header and runs of types or
    /// operations, so that no one thread holds a big one whole.
    pub fn parts(self, api: &Api) -> usize {
        match self {
            Self::Types => 1 + api.types.len().div_ceil(TYPES_PER_PART),
            Self::Group(index) => 1 + api.groups[index].operations.len().div_ceil(OPERATIONS_PER_PART),
            Self::Validate => 1,
        }
    }

    /// The items of part `part` (of `parts`), in order.
    pub fn part_tokens(self, api: &Api, part: usize) -> TokenStream {
        match (self, part) {
            (Self::Types, 0) => super::types::types_header(api),
            (Self::Types, part) => {
                let start = (part - 1) * TYPES_PER_PART;
                super::types::type_defs(api, start..(start + TYPES_PER_PART).min(api.types.len()))
            }
            (Self::Group(index), 0) => super::operations::group_header(api, &api.groups[index]),
            (Self::Group(index), part) => {
                let group = &api.groups[index];
                let start = (part - 1) * OPERATIONS_PER_PART;
                let range = start..(start + OPERATIONS_PER_PART).min(group.operations.len());
                super::operations::group_operations(api, group, range)
            }
            (Self::Validate, _) => self.tokens(api),
        }
    }

    /// Roughly how much there is to emit in part `part`, to share parts out among threads.
    pub fn part_weight(self, api: &Api, part: usize) -> usize {
        match (self, part) {
            (Self::Group(_) | Self::Types, 0) => 1,
            (Self::Group(index), _) => api.groups[index].operations.len().min(OPERATIONS_PER_PART) * 4,
            (Self::Types, _) => TYPES_PER_PART * 2,
            (Self::Validate, _) => api.types.iter().filter(|def| def.validated).count(),
        }
    }
}

/// The API's `mod.rs`, declaring `submodules`: as files of their own, or
/// written out inside it when `inline` (single-file output).
pub fn client_module(api: &Api, submodules: &[Submodule], inline: bool) -> TokenStream {
    let mut header = format!("# {} (version {})", sanitize(&api.title), sanitize(&api.version));
    if let Some(description) = &api.description {
        header.push_str(&format!("\n\n{}", sanitize(description)));
    }
    header.push_str("\n\nStart with [`Client::builder`].");
    let header = inner_lines(&header);
    // Only APIs with something to check have impls of `Validate` worth naming.
    let checked = api.validates();
    let modules = submodules.iter().map(|submodule| {
        let module = ident(&submodule.name);
        let visibility = submodule.public.then(|| quote!(pub));
        let cfg = submodule.feature.as_ref().map(|feature| quote!(#[cfg(feature = #feature)]));
        if inline {
            let tokens = submodule.content.tokens(api);
            quote!(#cfg #visibility mod #module { #tokens })
        } else {
            quote!(#cfg #visibility mod #module;)
        }
    });
    let validate_trait = checked.then(|| {
        quote!(
            pub use crate::runtime::Validate;
        )
    });
    let oauth_types = api.dependencies.oauth.then(|| {
        quote!(
            pub use crate::runtime::{ClientAuth, ClientCredentials, RefreshToken};
        )
    });
    let base_url = &api.default_base_url;
    let template = &api.server_template;
    let new_config = if api.server_variables.is_empty() {
        quote!(runtime::ClientConfig::new(Self::DEFAULT_BASE_URL))
    } else {
        let defaults = api.server_variables.iter().map(|variable| {
            let (name, default) = (&variable.name, &variable.default);
            quote!((#name, #default))
        });
        quote!(runtime::ClientConfig::with_server_template(#template, &[#( #defaults ),*]))
    };
    let variable_methods = api.server_variables.iter().map(|variable| {
        let method = ident(&variable.builder_method);
        let name = &variable.name;
        let mut extra = vec![format!("Sets the server variable `{name}` (default `{}`).", variable.default)];
        if !variable.allowed.is_empty() {
            extra.push(format!(
                "Allowed: {}.",
                variable.allowed.iter().map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        let docs = doc_attrs(&variable.docs, &extra);
        quote! {
            #docs
            pub fn #method(mut self, value: impl Into<String>) -> Self {
                self.config.set_server_variable(#name, value.into());
                self
            }
        }
    });
    let relative = api.default_base_url.starts_with('/');
    let origin_method = relative.then(|| {
        quote! {
            /// The scheme and host (`https://api.example.com`) the API's relative server URL is resolved against.
            pub fn origin(mut self, origin: impl Into<String>) -> Self {
                self.config.set_origin(origin.into());
                self
            }
        }
    });
    let credentials = api.security_schemes.iter().map(credential_methods);
    quote! {
        #header
        // Names come from the API description; lints about their shape would
        // flag the API, not the generated code.
        #![allow(clippy::enum_variant_names, clippy::large_enum_variant)]

        #( #modules )*

        pub use crate::runtime::{ApiError, BuildError, Call, ConstraintViolation, DecodeFailure, Error, Hooks, Outcome, Redirect, RedirectPolicy, RedirectStop, Response, RetryPolicy, Secret, TokenError, TokenProvider, UnexpectedResponse};
        #validate_trait
        #oauth_types

        use crate::runtime;

        /// A client of the API. Cheap to clone: clones share one connection pool.
        #[derive(Debug, Clone)]
        pub struct Client {
            core: runtime::ClientCore,
        }

        impl Client {
            /// The base URL used unless [`ClientBuilder::base_url`] sets another (the spec's first server).
            pub const DEFAULT_BASE_URL: &'static str = #base_url;

            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder { config: #new_config }
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            /// This client (same connections and credentials) with calls retried by `policy`:
            /// `client.with_retry_policy(RetryPolicy::never()).…` for one call.
            pub fn with_retry_policy(&self, policy: RetryPolicy) -> Self {
                Self { core: self.core.with_retry_policy(policy) }
            }

            /// This client with each attempt of its calls limited to `timeout`.
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                Self { core: self.core.with_timeout(timeout) }
            }
        }

        /// Configures a [`Client`]: base URL, credentials, HTTP client and timeout.
        #[derive(Debug)]
        pub struct ClientBuilder {
            config: runtime::ClientConfig,
        }

        impl ClientBuilder {
            /// Sends requests to `base_url` instead of [`Client::DEFAULT_BASE_URL`].
            pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                self.config.set_base_url(base_url.into());
                self
            }

            #( #variable_methods )*

            #origin_method

            /// Builds the HTTP client from this `reqwest::ClientBuilder` (proxies, TLS settings, user agent…).
            /// Its redirect setting is replaced by [`ClientBuilder::redirect_policy`], so that credentials never
            /// leave the origins trusted with them.
            pub fn http_client(mut self, http_client: reqwest::ClientBuilder) -> Self {
                self.config.set_http_client(http_client);
                self
            }

            /// Chooses what happens on redirects; by default they are followed within the trusted origins
            /// and returned as [`Error::Redirect`] when they lead elsewhere.
            pub fn redirect_policy(mut self, policy: RedirectPolicy) -> Self {
                self.config.set_redirect_policy(policy);
                self
            }

            /// Trusts `origin` (`https://files.example.com`) with the credentials, as the base URL's origin is:
            /// redirects and next-page links may lead there. Credentials are never sent to other origins.
            pub fn trust_origin(mut self, origin: impl Into<String>) -> Self {
                self.config.trust_origin(origin.into());
                self
            }

            /// Allows credentials over plain `http://` to hosts that are not loopback addresses, where anyone on
            /// the network path can read them. Without it, such requests fail with [`Error::InsecureTransport`].
            pub fn allow_insecure_credentials(mut self) -> Self {
                self.config.allow_insecure_credentials();
                self
            }

            /// Caps the size of a response body read into memory (default 64 MiB); a larger one fails with
            /// [`Error::BodyTooLarge`].
            pub fn max_response_bytes(mut self, limit: u64) -> Self {
                self.config.set_max_response_bytes(limit);
                self
            }

            /// Chooses how failed calls are retried (by default up to 3 attempts of idempotent calls, with
            /// backoff; see [`RetryPolicy`]); `RetryPolicy::never()` turns retries off.
            pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
                self.config.set_retry_policy(policy);
                self
            }

            /// Fails a request whose connection takes longer than `timeout` to open.
            pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.config.set_connect_timeout(timeout);
                self
            }

            /// Sends `User-Agent: user_agent` instead of this crate's name and version.
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.config.set_user_agent(user_agent.into());
                self
            }

            /// Sends `name: value` with every request; an invalid header makes [`ClientBuilder::build`] fail.
            pub fn default_header(mut self, name: &str, value: &str) -> Self {
                self.config.add_default_header(name, value);
                self
            }

            /// Calls `hooks` with every request before it is sent and with what it got.
            pub fn hooks(mut self, hooks: impl Hooks + 'static) -> Self {
                self.config.set_hooks(std::sync::Arc::new(hooks));
                self
            }

            /// Fails any request that takes longer than `timeout`.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.config.set_timeout(timeout);
                self
            }

            #( #credentials )*

            /// Builds the client; fails if the base URL is not an absolute URL, or if credentials would go
            /// over plain `http` to a host that is not a loopback address.
            pub fn build(self) -> Result<Client, BuildError> {
                Ok(Client { core: self.config.build()? })
            }
        }
    }
}

fn credential_methods(scheme: &SecurityScheme) -> TokenStream {
    let method = ident(&scheme.builder_method);
    let scheme_name = &scheme.name;
    let how = match &scheme.kind {
        SecurityKind::ApiKey { location, name, prefix } => {
            let place = match location {
                ParamLocation::Query => "query parameter",
                ParamLocation::Cookie => "cookie",
                _ => "header",
            };
            match prefix {
                Some(prefix) => format!("Sent after `{prefix}` as the `{name}` {place}"),
                None => format!("Sent as the `{name}` {place}"),
            }
        }
        SecurityKind::Bearer { .. } => "Sent as `Authorization: Bearer …`".to_owned(),
        SecurityKind::Basic => "Sent as HTTP basic authentication".to_owned(),
    };
    let docs = doc_attrs(
        &Docs { summary: scheme.docs.summary.clone(), description: scheme.docs.description.clone(), deprecated: false },
        &[format!("{how} (security scheme `{scheme_name}`) to the operations that accept it. Never shown by `Debug`.")],
    );
    match &scheme.kind {
        SecurityKind::ApiKey { location, name, prefix } => {
            let value = match prefix {
                Some(prefix) => quote!(Secret::new(format!("{}{}", #prefix, key.into()))),
                None => quote!(Secret::new(key)),
            };
            let location = match location {
                ParamLocation::Query => quote!(Query),
                ParamLocation::Cookie => quote!(Cookie),
                _ => quote!(Header),
            };
            quote! {
                #docs
                pub fn #method(mut self, key: impl Into<String>) -> Self {
                    self.config.set_credential(#scheme_name, runtime::Credential::ApiKey {
                        location: runtime::ApiKeyLocation::#location,
                        name: #name,
                        value: #value,
                    });
                    self
                }
            }
        }
        SecurityKind::Bearer { provider_method, flows } => {
            let flows = flows.iter().map(|flow| oauth_method(scheme_name, flow));
            let provider = provider_method.as_ref().map(|provider_method| {
                let provider_method = ident(provider_method);
                let provider_docs = lines(&format!(
                    "Obtains the `{scheme_name}` token from `provider` before each request, so it can be refreshed."
                ));
                quote! {
                    #provider_docs
                    pub fn #provider_method(mut self, provider: impl TokenProvider + 'static) -> Self {
                        self.config.set_credential(#scheme_name, runtime::Credential::BearerProvider(std::sync::Arc::new(provider)));
                        self
                    }
                }
            });
            quote! {
                #docs
                pub fn #method(mut self, token: impl Into<String>) -> Self {
                    self.config.set_credential(#scheme_name, runtime::Credential::Bearer(Secret::new(token)));
                    self
                }
                #provider
                #( #flows )*
            }
        }
        SecurityKind::Basic => quote! {
            #docs
            pub fn #method(mut self, username: impl Into<String>, password: Option<String>) -> Self {
                self.config.set_credential(#scheme_name, runtime::Credential::Basic {
                    username: Secret::new(username),
                    password: password.map(Secret::new),
                });
                self
            }
        },
    }
}

/// The builder method taking the grant `flow` of the OAuth 2 scheme `scheme_name`.
fn oauth_method(scheme_name: &str, flow: &OAuthFlow) -> TokenStream {
    let method = ident(&flow.builder_method);
    let url = &flow.token_url;
    let scopes = match flow.scopes.is_empty() {
        true => String::new(),
        false => format!(
            "\nScopes the flow documents: {}.",
            flow.scopes.iter().map(|scope| format!("`{}`", sanitize(scope))).collect::<Vec<_>>().join(", ")
        ),
    };
    let url_text = sanitize(url);
    let (text, grant) = match flow.grant {
        OAuthGrant::ClientCredentials => (
            format!(
                "Obtains `{scheme_name}` access tokens with the client credentials grant from {url_text}\n\
                 (a relative URL resolves against the base URL): fetched when first needed, cached, and renewed\n\
                 shortly before they expire or once after a 401. Client id and secret go to that URL only, by HTTP\n\
                 basic authentication unless [`ClientCredentials::client_auth`] says otherwise.{scopes}"
            ),
            quote!(runtime::ClientCredentials),
        ),
        OAuthGrant::RefreshToken => (
            format!(
                "Obtains `{scheme_name}` access tokens by exchanging the refresh token at {url_text}\n\
                 (a relative URL resolves against the base URL): when first needed, shortly before the access token\n\
                 expires, and once after a 401. A rotated refresh token replaces the old one and is given to\n\
                 [`RefreshToken::on_refresh_token`] to be stored.{scopes}"
            ),
            quote!(runtime::RefreshToken),
        ),
    };
    let docs = lines(&text);
    quote! {
        #docs
        pub fn #method(mut self, grant: #grant) -> Self {
            self.config.set_credential(#scheme_name, grant.into_credential(#url));
            self
        }
    }
}
