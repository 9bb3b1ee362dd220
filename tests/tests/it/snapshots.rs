//! Snapshots of the emitted code and the IR: every API under `specs/` and every
//! fixture under `fixtures/`. Review changes with `cargo insta review`.

use std::path::Path;

use openapi_clientgen::workspace::api_dirs;
use openapi_clientgen::{analyse, emit_api, load_file, parse_document, Config};

use crate::support::workspace_root;

/// The generated API modules of a spec, concatenated with file headers.
fn emitted(spec: &Path, config: &Config, module: &str) -> (String, String) {
    let (document, mut diagnostics) =
        parse_document(load_file(spec).expect("fixture parses")).expect("fixture is OpenAPI 3.0");
    let (api, warnings) = analyse(&document, config, module);
    diagnostics.extend(warnings);
    let files = emit_api(&api, "cargo xtask codegen").expect("emits");
    let code =
        files.iter().map(|file| format!("==> {} <==\n{}", file.path.display(), file.contents)).collect::<String>();
    let warnings = diagnostics.iter().map(|diagnostic| format!("{diagnostic}\n")).collect::<String>();
    (code, format!("{warnings}\n{api:#?}"))
}

/// One pair of snapshots per API the repository ships (`specs/<api>/`), with its codegen.toml.
fn api_client(api: &str) {
    let root = workspace_root().join("specs").join(api);
    let config = Config::load(&root.join("codegen.toml")).expect("valid codegen.toml");
    let module = config.module.clone().unwrap_or_else(|| api.to_owned());
    let (code, ir) = emitted(&root.join("openapi.json"), &config, &module);
    insta::assert_snapshot!(format!("{api}_code"), code);
    insta::assert_snapshot!(format!("{api}_ir"), ir);
}

#[test]
fn fusesign_client() {
    api_client("fusesign");
}

#[test]
fn fusebill_client() {
    api_client("fusebill");
}

#[test]
fn nutcache_client() {
    api_client("nutcache");
}

#[test]
fn fentu_client() {
    api_client("fentu");
}

#[test]
fn every_shipped_api_has_snapshots() {
    let apis: Vec<String> = api_dirs(&workspace_root())
        .expect("specs/ lists")
        .iter()
        .filter_map(|dir| dir.file_name()?.to_str().map(str::to_owned))
        .collect();
    assert_eq!(apis, ["fentu", "fusebill", "fusesign", "nutcache"], "add a snapshot test for each new API");
}

#[test]
fn fixtures() {
    insta::glob!("../../fixtures", "*.{yaml,json}", |path| {
        let module = path.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 file name");
        let (code, ir) = emitted(path, &Config::default(), module);
        insta::assert_snapshot!("code", code);
        insta::assert_snapshot!("ir", ir);
    });
}
