//! The runtime shipped with generated crates: the files of the workspace's
//! `runtime` crate (`clientgen-runtime`), compiled, linted and unit-tested
//! there, copied here without their tests. A crate gets the modules its APIs
//! need (`ir::Dependencies`, decided by a pass) and a `mod.rs` declaring
//! them, derived from the runtime crate's `lib.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Dependencies};

/// One module of the runtime: its name, its source, and whether a crate needs it.
struct Module {
    name: &'static str,
    source: &'static str,
    needed: fn(&Dependencies) -> bool,
}

fn always(_: &Dependencies) -> bool {
    true
}

/// The runtime crate's root; what follows [`MOD_RS_MARKER`] is a generated crate's `runtime/mod.rs`.
const ROOT: &str = include_str!("../../../runtime/src/lib.rs");
const MOD_RS_MARKER: &str = "// ---- generated mod.rs ----\n";

/// The macros of generated code, appended to `mod.rs` when an API uses them.
const MACROS: &[Module] = &[
    Module {
        name: "into_future",
        source: include_str!("../../../runtime/src/macros/into_future.rs"),
        needed: |needs| needs.operations,
    },
    Module {
        name: "string_enum",
        source: include_str!("../../../runtime/src/macros/string_enum.rs"),
        needed: |needs| needs.string_enums,
    },
    Module {
        name: "int_enum",
        source: include_str!("../../../runtime/src/macros/int_enum.rs"),
        needed: |needs| needs.int_enums,
    },
    Module {
        name: "object",
        source: include_str!("../../../runtime/src/macros/object.rs"),
        needed: |needs| needs.objects,
    },
];

/// Every module, in the order `mod.rs` declares them. Those behind a cargo
/// feature of the generated crate (`blocking`, `trace`) are always shipped.
const MODULES: &[Module] = &[
    Module { name: "client", source: include_str!("../../../runtime/src/client.rs"), needed: always },
    Module { name: "error", source: include_str!("../../../runtime/src/error.rs"), needed: always },
    Module { name: "hooks", source: include_str!("../../../runtime/src/hooks.rs"), needed: always },
    Module { name: "reply", source: include_str!("../../../runtime/src/reply.rs"), needed: always },
    Module { name: "request", source: include_str!("../../../runtime/src/request.rs"), needed: always },
    Module { name: "response", source: include_str!("../../../runtime/src/response.rs"), needed: always },
    Module { name: "retry", source: include_str!("../../../runtime/src/retry.rs"), needed: always },
    Module { name: "base64", source: include_str!("../../../runtime/src/base64.rs"), needed: |needs| needs.base64 },
    Module { name: "blocking", source: include_str!("../../../runtime/src/blocking.rs"), needed: always },
    Module {
        name: "multipart",
        source: include_str!("../../../runtime/src/multipart.rs"),
        needed: |needs| needs.multipart,
    },
    Module {
        name: "nullable",
        source: include_str!("../../../runtime/src/nullable.rs"),
        needed: |needs| needs.nullable,
    },
    Module { name: "oauth", source: include_str!("../../../runtime/src/oauth.rs"), needed: |needs| needs.oauth },
    Module {
        name: "pagination",
        source: include_str!("../../../runtime/src/pagination.rs"),
        needed: |needs| needs.pagination,
    },
    Module { name: "sse", source: include_str!("../../../runtime/src/sse.rs"), needed: |needs| needs.sse },
    Module { name: "stream", source: include_str!("../../../runtime/src/stream.rs"), needed: |needs| needs.stream },
    Module { name: "tagged", source: include_str!("../../../runtime/src/tagged.rs"), needed: |needs| needs.tagged },
    Module { name: "time", source: include_str!("../../../runtime/src/time.rs"), needed: |needs| needs.time },
    Module { name: "trace", source: include_str!("../../../runtime/src/trace.rs"), needed: always },
    Module {
        name: "validate",
        source: include_str!("../../../runtime/src/validate.rs"),
        needed: |needs| needs.validation,
    },
];

/// Cargo features of the runtime crate that are cargo features of generated crates too:
/// their `#[cfg]`s stay in the emitted code.
const CRATE_FEATURES: [&str; 2] = ["tracing", "blocking"];

/// What a crate holding `apis` needs: the union of their needs.
pub fn needs(apis: &[&Api]) -> Dependencies {
    apis.iter().fold(Dependencies::default(), |all, api| all.union(api.dependencies))
}

/// The runtime's files in a crate holding `apis`, by path in the crate:
/// `src/runtime/mod.rs` and a file per module it needs.
pub fn runtime_files(apis: &[&Api]) -> Vec<(String, String)> {
    let needs = needs(apis);
    let mut files = vec![("src/runtime/mod.rs".to_owned(), mod_rs(&needs, gates_tags(apis)))];
    for module in MODULES.iter().filter(|module| (module.needed)(&needs)) {
        files.push((format!("src/runtime/{}.rs", module.name), without_tests(module.source).to_owned()));
    }
    files
}

/// `pub mod runtime { … }` for a crate holding `apis`, its modules written out inside it.
pub fn runtime_module(apis: &[&Api]) -> Result<TokenStream, syn::Error> {
    let needs = needs(apis);
    let mut root: syn::File = syn::parse_str(&mod_rs(&needs, gates_tags(apis)))?;
    for item in &mut root.items {
        let syn::Item::Mod(declared) = item else { continue };
        if declared.content.is_some() {
            continue;
        }
        let name = declared.ident.to_string();
        let Some(module) = MODULES.iter().find(|module| module.name == name) else { continue };
        let file: syn::File = syn::parse_str(without_tests(module.source))?;
        // The file's inner docs and attributes become the module's own.
        declared.attrs.extend(file.attrs.into_iter().map(|mut attr| {
            attr.style = syn::AttrStyle::Outer;
            attr
        }));
        declared.content = Some((syn::token::Brace::default(), file.items));
        declared.semi = None;
    }
    Ok(quote!(pub mod runtime { #root }))
}

/// The runtime's `mod.rs` for a crate that `needs` these modules: the
/// runtime crate's root after the marker, keeping the declarations of the
/// modules needed (without their `#[cfg(feature)]`), then the macros the
/// APIs use.
fn mod_rs(needs: &Dependencies, gated: bool) -> String {
    let tail = ROOT.split_once(MOD_RS_MARKER).map_or(ROOT, |(_, tail)| tail);
    let mut text = String::from(MOD_RS_DOCS);
    if gated {
        // With only some tags' features on, the macros may have no user.
        text.push_str("#![allow(unused_macros, unused_imports)]\n");
    }
    let mut lines = tail.lines();
    while let Some(line) = lines.next() {
        let feature = line.strip_prefix("#[cfg(feature = \"").and_then(|rest| rest.strip_suffix("\")]"));
        match feature {
            Some(feature) if !CRATE_FEATURES.contains(&feature) => {
                let keep = MODULES.iter().any(|module| module.name == feature && (module.needed)(needs));
                // The item under the `#[cfg]` runs to the line ending with `;`.
                for item_line in lines.by_ref() {
                    if keep {
                        text.push_str(item_line);
                        text.push('\n');
                    }
                    if item_line.ends_with(';') {
                        break;
                    }
                }
            }
            _ => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    for macros in MACROS.iter().filter(|macros| (macros.needed)(needs)) {
        text.push('\n');
        text.push_str(without_tests(macros.source));
    }
    // The declarations left out leave their blank lines behind.
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text
}

/// Whether a crate holding `apis` builds tags by cargo feature.
fn gates_tags(apis: &[&Api]) -> bool {
    apis.iter().flat_map(|api| &api.groups).any(|group| group.feature.is_some())
}

/// The inner docs of a generated crate's `runtime/mod.rs`.
const MOD_RS_DOCS: &str = "//! The client runtime the API modules share: configuration, credentials, sending (retries,\n//! redirects, hooks), responses and errors, and the optional modules these APIs use. Copied from\n//! openapi-clientgen's runtime crate, where it is tested.\n";

/// A runtime file without its unit tests, which stay in the runtime crate:
/// everything before its `#[cfg(test)] mod …`, which every file holding
/// tests ends with (checked by `runtime_files_end_with_their_tests`).
fn without_tests(source: &'static str) -> &'static str {
    match source.find(TESTS) {
        Some(end) => &source[..end + 1],
        None => source,
    }
}

const TESTS: &str = "\n#[cfg(test)]\nmod ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_files_end_with_their_tests() {
        for Module { name, source, .. } in MODULES.iter().chain(MACROS) {
            let kept = without_tests(source);
            assert!(
                !kept.contains("#[cfg(test)]"),
                "{name}: a `#[cfg(test)]` before its `mod tests`, or not at the end"
            );
            let file: syn::File = syn::parse_str(kept).unwrap_or_else(|error| panic!("{name}: {error}"));
            assert!(!file.items.is_empty(), "{name}");
            let tests: syn::File =
                syn::parse_str(&source[kept.len()..]).unwrap_or_else(|error| panic!("{name}'s tests: {error}"));
            assert!(tests.items.len() <= 1, "{name}: items after its tests module");
        }
    }

    #[test]
    fn every_module_of_the_runtime_crate_is_shipped_and_every_optional_one_is_a_feature() {
        let tail = ROOT.split_once(MOD_RS_MARKER).map(|(_, tail)| tail).expect("the marker is in lib.rs");
        for module in MODULES {
            assert!(tail.contains(&format!("mod {};", module.name)), "{} is declared", module.name);
        }
        let all = Dependencies {
            time: true,
            uuid: true,
            regex: true,
            operations: true,
            pagination: true,
            multipart: true,
            validation: true,
            base64: true,
            tagged: true,
            nullable: true,
            string_enums: true,
            int_enums: true,
            objects: true,
            stream: true,
            sse: true,
            oauth: true,
        };
        let full = mod_rs(&all, false);
        let bare = mod_rs(&Dependencies::default(), false);
        for optional in
            ["base64", "multipart", "nullable", "oauth", "pagination", "sse", "stream", "tagged", "time", "validate"]
        {
            assert!(full.contains(&format!("mod {optional};")), "{optional}");
            assert!(!bare.contains(&format!("mod {optional};")), "{optional}");
            assert!(!full.contains(&format!("feature = \"{optional}\"")), "{optional}");
        }
        assert!(bare.contains("#[cfg(feature = \"tracing\")]\nmod trace;"), "{bare}");
        assert!(bare.contains("#[cfg(feature = \"blocking\")]\npub mod blocking;"), "{bare}");
        assert!(!bare.contains("macro_rules!"), "{bare}");
        for name in ["into_future", "string_enum", "int_enum", "object"] {
            assert!(full.contains(&format!("macro_rules! {name}")), "{name}");
        }
        syn::parse_str::<syn::File>(&full).expect("mod.rs parses");
        syn::parse_str::<syn::File>(&bare).expect("mod.rs parses");
    }
}
