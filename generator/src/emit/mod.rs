//! Emission: IR → token streams, one per output file. Reads the IR only.

mod client;
mod docs;
mod enums;
mod operations;
mod ty;
mod types;
mod unions;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// The runtime, shipped verbatim into every generated crate (without its tests).
pub const RUNTIME_SOURCE: &str = include_str!("../runtime.rs");

/// The files of one API module, as paths relative to the crate's `src/`.
pub fn api_files(api: &Api) -> Vec<(String, TokenStream)> {
    let module = crate::naming::unraw(&api.module);
    let mut files = vec![(format!("{module}/mod.rs"), client::client_module(api, None))];
    for (child, tokens) in children(api) {
        files.push((format!("{module}/{}.rs", crate::naming::unraw(&child)), tokens));
    }
    files
}

/// The API's submodules: one per group of operations, and `types`.
fn children(api: &Api) -> Vec<(String, TokenStream)> {
    let mut children: Vec<(String, TokenStream)> =
        api.groups.iter().map(|group| (group.module.clone(), operations::group_module(api, group))).collect();
    children.push(("types".to_owned(), types::types_module(api)));
    children
}

/// One file holding the runtime and the API module, to `include!` at a crate root.
pub fn single_file(api: &Api) -> Result<TokenStream, syn::Error> {
    let runtime: syn::File = syn::parse_str(runtime_source())?;
    let module = ty::ident(&api.module);
    let body = client::client_module(api, Some(&children(api)));
    Ok(quote! {
        pub mod runtime { #runtime }
        pub mod #module { #body }
    })
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

/// The runtime's source without its unit tests, which stay in this repository.
pub fn runtime_source() -> &'static str {
    match RUNTIME_SOURCE.find("\n#[cfg(test)]\nmod tests {") {
        Some(end) => &RUNTIME_SOURCE[..end + 1],
        None => RUNTIME_SOURCE,
    }
}
