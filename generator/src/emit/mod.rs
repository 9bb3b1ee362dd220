//! Emission: IR → token streams, one per output file. Reads the IR only.

mod client;
mod docs;
mod operations;
mod ty;
mod types;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// The runtime, shipped verbatim into every generated crate (without its tests).
pub const RUNTIME_SOURCE: &str = include_str!("../runtime.rs");

/// The files of one API module, as paths relative to the crate's `src/`.
pub fn api_files(api: &Api) -> Vec<(String, TokenStream)> {
    let module = crate::naming::unraw(&api.module);
    let mut files = vec![
        (format!("{module}/mod.rs"), client::client_module(api)),
        (format!("{module}/types.rs"), types::types_module(api)),
    ];
    for group in &api.groups {
        let file = format!("{module}/{}.rs", crate::naming::unraw(&group.module));
        files.push((file, operations::group_module(api, group)));
    }
    if let Some(checks) = validate::module(api) {
        files.push((format!("{module}/validate.rs"), checks));
    }
    files
}

/// Whether the code emitted for `api` checks a `pattern` (and needs the regex crate).
pub fn uses_regex(api: &Api) -> bool {
    validate::uses_regex(api)
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
