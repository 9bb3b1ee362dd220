//! Emission: IR → token streams, one per output file. Reads the IR only.

mod attrs;
mod client;
mod deferred;
mod docs;
mod enums;
mod items_text;
mod manifest;
mod operations;
mod runtime;
mod send_text;
pub mod text;
mod ty;
mod types;
mod unions;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

use client::{Content, Submodule};

pub use deferred::{deferring, Deferred, DOC_MARK, INTO_FUTURE_WIDTH, ITEM_MACRO};
pub use docs::write_doc_lines;
pub use manifest::cargo_manifest;
pub use runtime::{runtime_files, runtime_module};

/// One file of an API module: its path relative to the crate's `src/`, and
/// its tokens, made when asked for.
#[derive(Debug, Clone)]
pub struct ApiFile {
    /// e.g. `fusesign/types.rs`.
    pub path: String,
    content: Option<Content>,
    submodules: Vec<Submodule>,
}

impl ApiFile {
    /// How many parts the file is emitted in (see [`ApiFile::part`]).
    pub fn parts(&self, api: &Api) -> usize {
        self.content.map_or(1, |content| content.parts(api))
    }

    /// The items of part `part`: the file is these parts' items in order.
    pub fn part(&self, api: &Api, part: usize) -> TokenStream {
        match self.content {
            Some(content) => content.part_tokens(api, part),
            None => client::client_module(api, &self.submodules, false),
        }
    }

    /// Roughly how much there is to emit in part `part`, to share parts out among threads.
    pub fn weight(&self, api: &Api, part: usize) -> usize {
        self.content.map_or(1, |content| content.part_weight(api, part))
    }
}

/// The files of one API module, the `mod.rs` first.
pub fn api_files(api: &Api) -> Vec<ApiFile> {
    let module = crate::naming::unraw(&api.module);
    let submodules = submodules(api);
    let mut files: Vec<ApiFile> = submodules
        .iter()
        .map(|submodule| ApiFile {
            path: format!("{module}/{}.rs", crate::naming::unraw(&submodule.name)),
            content: Some(submodule.content),
            submodules: Vec::new(),
        })
        .collect();
    files.insert(0, ApiFile { path: format!("{module}/mod.rs"), content: None, submodules });
    files
}

/// The API's submodules: one per group of operations, `types`, and `validate` when there is something to check.
fn submodules(api: &Api) -> Vec<Submodule> {
    let mut submodules: Vec<Submodule> = api
        .groups
        .iter()
        .enumerate()
        .map(|(index, group)| Submodule {
            name: group.module.clone(),
            public: true,
            content: Content::Group(index),
            feature: group.feature.clone(),
        })
        .collect();
    submodules.push(Submodule { name: "types".to_owned(), public: true, content: Content::Types, feature: None });
    if api.validates() {
        submodules.push(Submodule {
            name: "validate".to_owned(),
            public: false,
            content: Content::Validate,
            feature: None,
        });
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
