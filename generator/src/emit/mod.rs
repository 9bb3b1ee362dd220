//! Emission: IR → token streams, one per output file. Reads the IR only.

mod attrs;
mod client;
mod docs;
mod enums;
mod manifest;
mod operations;
mod runtime;
mod ty;
mod types;
mod unions;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

use client::Submodule;

pub use manifest::cargo_manifest;
pub use runtime::{runtime_files, runtime_module};

/// The files of one API module, as paths relative to the crate's `src/`.
pub fn api_files(api: &Api) -> Vec<(String, TokenStream)> {
    let module = crate::naming::unraw(&api.module);
    let submodules = submodules(api);
    let mut files = vec![(format!("{module}/mod.rs"), client::client_module(api, &submodules, false))];
    for submodule in submodules {
        files.push((format!("{module}/{}.rs", crate::naming::unraw(&submodule.name)), submodule.tokens));
    }
    files
}

/// The API's submodules: one per group of operations, `types`, and `validate` when there is something to check.
fn submodules(api: &Api) -> Vec<Submodule> {
    let mut submodules: Vec<Submodule> = api
        .groups
        .iter()
        .map(|group| Submodule {
            name: group.module.clone(),
            public: true,
            tokens: operations::group_module(api, group),
            feature: group.feature.clone(),
        })
        .collect();
    submodules.push(Submodule {
        name: "types".to_owned(),
        public: true,
        tokens: types::types_module(api),
        feature: None,
    });
    if let Some(checks) = validate::module(api) {
        submodules.push(Submodule { name: "validate".to_owned(), public: false, tokens: checks, feature: None });
    }
    submodules
}

/// One file holding the runtime and the API module, to `include!` at a crate root.
pub fn single_file(api: &Api) -> Result<TokenStream, syn::Error> {
    let runtime = runtime_module(&[api])?;
    let module = api_module(api);
    Ok(quote! { #runtime #module })
}

/// `pub mod petstore { … }`: an API's module with its submodules written out
/// inside it, naming the runtime as `crate::runtime`.
pub fn api_module(api: &Api) -> TokenStream {
    let module = ty::ident(&api.module);
    let body = client::client_module(api, &submodules(api), true);
    quote!(pub mod #module { #body })
}

/// A crate root declaring the API modules and the runtime.
pub fn crate_root(apis: &[&Api], crate_docs: &str) -> TokenStream {
    let header = docs::inner_lines(crate_docs);
    // Modules document themselves with inner docs: rustdoc resolves links in
    // a module's outer docs from the parent, which would break theirs.
    let modules = apis.iter().map(|api| {
        let module = ty::ident(&api.module);
        quote!(pub mod #module;)
    });
    quote! {
        #header
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #( #modules )*
        pub mod runtime;
    }
}
