//! The shape of the generator's source: modules depend on each other one way
//! only, and emission reads the IR (it never reaches back into lowering,
//! passes or the OpenAPI model). Dependencies are the paths a module's code
//! names (`use` trees and paths in expressions), read from its tokens; code
//! inside `quote!`, which is emitted code, is not the module's own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// A module by its path from the crate root: `[]` is `lib.rs`, `["emit", "types"]` is `emit/types.rs`.
type Module = Vec<String>;

/// Every module of `src/` and the modules it names.
fn dependencies() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = BTreeMap::new();
    collect(&src, &src, &mut sources);
    let modules: BTreeSet<Module> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(module, tokens)| {
            let mut named = BTreeSet::new();
            for path in paths(tokens.clone()) {
                if let Some(target) = resolve(module, &path, &modules) {
                    if target != *module {
                        named.insert(target);
                    }
                }
            }
            (module.clone(), named)
        })
        .collect()
}

fn collect(src: &Path, dir: &Path, sources: &mut BTreeMap<Module, TokenStream>) {
    for entry in std::fs::read_dir(dir).expect("readable src").map(|entry| entry.expect("readable entry").path()) {
        if entry.is_dir() {
            collect(src, &entry, sources);
            continue;
        }
        let relative = entry.strip_prefix(src).expect("under src").with_extension("");
        let mut module: Module = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
        match module.last().map(String::as_str) {
            Some("main") | None => continue,
            Some("lib" | "mod") => {
                module.pop();
            }
            _ => {}
        }
        let text = std::fs::read_to_string(&entry).expect("readable source");
        let tokens = TokenStream::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", entry.display()));
        add_module(module, tokens, sources);
    }
}

/// Adds `module`, with each inline module (`mod tests { … }`) in it as a module of its own.
fn add_module(module: Module, tokens: TokenStream, sources: &mut BTreeMap<Module, TokenStream>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut own = Vec::with_capacity(tokens.len());
    let mut index = 0;
    while index < tokens.len() {
        if let (TokenTree::Ident(keyword), Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
            (&tokens[index], tokens.get(index + 1), tokens.get(index + 2))
        {
            if keyword == "mod" && body.delimiter() == Delimiter::Brace {
                add_module([module.as_slice(), &[name.to_string()]].concat(), body.stream(), sources);
                index += 3;
                continue;
            }
        }
        own.push(tokens[index].clone());
        index += 1;
    }
    sources.insert(module, own.into_iter().collect());
}

/// The paths of at least two segments in `tokens` (`crate::ir::Api`,
/// `super::docs`, `types::Foo`), with `use` trees expanded; macro bodies skipped.
fn paths(tokens: TokenStream) -> Vec<Vec<String>> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        match &tokens[index] {
            TokenTree::Ident(ident) if ident == "use" => {
                let end = tokens[index..]
                    .iter()
                    .position(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == ';'))
                    .map_or(tokens.len(), |offset| index + offset);
                use_tree(&tokens[index + 1..end], Vec::new(), &mut found);
                index = end + 1;
            }
            TokenTree::Ident(ident) if ident == "quote" && is_punct(tokens.get(index + 1), '!') => {
                // Emitted code, not this module's own.
                index += 3;
            }
            TokenTree::Ident(ident) if ident == "pub" => {
                // `pub(in crate::lower)` restricts visibility; it uses nothing.
                let restricted = matches!(tokens.get(index + 1), Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis);
                index += if restricted { 2 } else { 1 };
            }
            TokenTree::Ident(_) => {
                let (path, next) = path_at(&tokens, index);
                if path.len() > 1 {
                    found.push(path);
                }
                index = next.max(index + 1);
            }
            TokenTree::Group(group) => {
                found.extend(paths(group.stream()));
                index += 1;
            }
            _ => index += 1,
        }
    }
    found
}

fn is_punct(token: Option<&TokenTree>, wanted: char) -> bool {
    matches!(token, Some(TokenTree::Punct(punct)) if punct.as_char() == wanted)
}

/// The path starting at `tokens[start]` (`a::b::c`) and the index after it.
fn path_at(tokens: &[TokenTree], start: usize) -> (Vec<String>, usize) {
    let mut path = Vec::new();
    let mut index = start;
    while let Some(TokenTree::Ident(ident)) = tokens.get(index) {
        path.push(ident.to_string());
        if !(is_punct(tokens.get(index + 1), ':') && is_punct(tokens.get(index + 2), ':')) {
            return (path, index + 1);
        }
        index += 3;
    }
    (path, index)
}

/// Expands a `use` tree (`crate::ir::{Api, types::Ty}`) into its paths.
fn use_tree(tokens: &[TokenTree], prefix: Vec<String>, found: &mut Vec<Vec<String>>) {
    let mut prefix_here = prefix.clone();
    for token in tokens {
        match token {
            TokenTree::Ident(ident) if ident == "as" => break,
            TokenTree::Ident(ident) if ident != "pub" => prefix_here.push(ident.to_string()),
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                for branch in inner.split(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == ',')) {
                    use_tree(branch, prefix_here.clone(), found);
                }
                return;
            }
            _ => {}
        }
    }
    if prefix_here.last().is_some_and(|last| last == "self") {
        prefix_here.pop();
    }
    if prefix_here.len() > prefix.len() || !prefix.is_empty() {
        found.push(prefix_here);
    }
}

/// The module of this crate a path in `module` names, if any.
fn resolve(module: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let (mut target, rest): (Module, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("super" | "self") => {
            let mut target = module.clone();
            let mut rest = path;
            while let Some(first) = rest.first().map(String::as_str).filter(|first| matches!(*first, "super" | "self"))
            {
                if first == "super" {
                    target.pop();
                }
                rest = &rest[1..];
            }
            (target, rest)
        }
        // A child module named relative to this one (`types::Foo` after `mod types;`).
        Some(first) if modules.contains(&[module.as_slice(), &[first.to_owned()]].concat()) => (module.clone(), path),
        _ => return None,
    };
    for segment in rest {
        let deeper = [target.as_slice(), std::slice::from_ref(segment)].concat();
        if !modules.contains(&deeper) {
            break;
        }
        target = deeper;
    }
    Some(target)
}

fn name(module: &Module) -> String {
    std::iter::once("crate").chain(module.iter().map(String::as_str)).collect::<Vec<_>>().join("::")
}

#[test]
fn modules_form_no_cycle() {
    let graph = dependencies();
    // Depth-first search; a module met again while still open closes a cycle.
    fn visit(
        module: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        open: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
        cycles: &mut Vec<String>,
    ) {
        if done.contains(module) {
            return;
        }
        if let Some(start) = open.iter().position(|open| open == module) {
            let cycle: Vec<String> = open[start..].iter().chain([module]).map(name).collect();
            cycles.push(cycle.join(" → "));
            return;
        }
        open.push(module.clone());
        for next in graph.get(module).into_iter().flatten() {
            visit(next, graph, open, done, cycles);
        }
        open.pop();
        done.insert(module.clone());
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "modules that depend on each other:\n{}", cycles.join("\n"));
}

#[test]
fn emission_reads_only_the_ir() {
    // Besides the IR: how names are written, where a pointer leads, how deep aliases are followed.
    let allowed = |target: &Module| {
        matches!(target.first().map(String::as_str), Some("emit" | "ir" | "naming" | "pointer" | "limits"))
    };
    let mut reaching_out = Vec::new();
    for (module, named) in dependencies() {
        if module.first().is_some_and(|first| first == "emit") {
            for target in named.iter().filter(|target| !allowed(target)) {
                reaching_out.push(format!("{} uses {}", name(&module), name(target)));
            }
        }
    }
    assert!(reaching_out.is_empty(), "emission must read only the IR:\n{}", reaching_out.join("\n"));
}

#[test]
fn the_dependency_reader_sees_cycles_and_skips_emitted_code() {
    let tokens = TokenStream::from_str(
        "use super::{docs::{self, lines}, ty::ident as id}; pub(in crate::lower) fn f() { crate::ir::Api::new(); quote!(use super::types;); }",
    )
    .expect("tokens");
    let found = paths(tokens);
    let expected: Vec<Vec<String>> = [
        vec!["super", "docs"],
        vec!["super", "docs", "lines"],
        vec!["super", "ty", "ident"],
        vec!["crate", "ir", "Api", "new"],
    ]
    .iter()
    .map(|path| path.iter().map(|segment| (*segment).to_owned()).collect())
    .collect();
    assert_eq!(found, expected);
}
