//! An API's root module: the `Client`, its builder, and the module list.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Docs, ParamLocation, SecurityKind, SecurityScheme};
use crate::naming::unraw;

use super::docs::{doc_attrs, inner_lines, lines, sanitize};
use super::ty::ident;

/// The API's `mod.rs`.
pub fn client_module(api: &Api) -> TokenStream {
    let mut header = format!("# {} (version {})", sanitize(&api.title), sanitize(&api.version));
    if let Some(description) = &api.description {
        header.push_str(&format!("\n\n{}", sanitize(description)));
    }
    header.push_str("\n\nStart with [`Client::builder`].");
    let header = inner_lines(&header);
    let modules = api.groups.iter().map(|group| {
        let module = ident(&group.module);
        quote!(pub mod #module;)
    });
    // Only APIs with something to check have impls of `Validate` worth naming.
    let checked = super::validate::has_checks(api);
    let validate_module = checked.then(|| {
        quote!(
            mod validate;
        )
    });
    let validate_trait = checked.then(|| {
        quote!(
            pub use crate::runtime::Validate;
        )
    });
    let base_url = &api.default_base_url;
    let credentials = api.security_schemes.iter().map(credential_methods);
    quote! {
        #header
        // Names come from the API description; lints about their shape would
        // flag the API, not the generated code.
        #![allow(clippy::enum_variant_names, clippy::large_enum_variant)]

        #( #modules )*
        pub mod types;
        #validate_module

        pub use crate::runtime::{ApiError, BuildError, ConstraintViolation, DecodeFailure, Error, Response, Secret, TokenProvider, UnexpectedResponse};
        #validate_trait

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
                ClientBuilder { config: runtime::ClientConfig::new(Self::DEFAULT_BASE_URL) }
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
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

            /// Uses this `reqwest::Client` (proxies, TLS settings, middleware-free pooling…).
            pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
                self.config.set_http_client(http_client);
                self
            }

            /// Fails any request that takes longer than `timeout`.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.config.set_timeout(timeout);
                self
            }

            #( #credentials )*

            /// Builds the client; fails if the base URL is not an absolute URL.
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
        SecurityKind::ApiKey { location, name } => {
            let place = match location {
                ParamLocation::Query => "query parameter",
                ParamLocation::Cookie => "cookie",
                _ => "header",
            };
            format!("Sent as the `{name}` {place}")
        }
        SecurityKind::Bearer { .. } => "Sent as `Authorization: Bearer …`".to_owned(),
        SecurityKind::Basic => "Sent as HTTP basic authentication".to_owned(),
    };
    let docs = doc_attrs(
        &Docs { summary: scheme.docs.summary.clone(), description: scheme.docs.description.clone(), deprecated: false },
        &[format!("{how} (security scheme `{scheme_name}`) to the operations that accept it. Never shown by `Debug`.")],
    );
    match &scheme.kind {
        SecurityKind::ApiKey { location, name } => {
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
                        value: Secret::new(key),
                    });
                    self
                }
            }
        }
        SecurityKind::Bearer { refreshable } => {
            let provider = refreshable.then(|| {
                let provider_method = format_ident!("{}_provider", unraw(&scheme.builder_method));
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
