//! Snapshots of the emitted code and the IR: the FuseSign spec and every
//! fixture under `fixtures/`. Review changes with `cargo insta review`.

use std::path::Path;

use openapi_clientgen::{analyse, emit_api, load_file, parse_document, Config};

/// The generated API modules of a spec, concatenated with file headers.
fn emitted(spec: &Path, config: &Config, module: &str) -> (String, String) {
    let (document, mut diagnostics) =
        parse_document(&load_file(spec).expect("fixture parses")).expect("fixture is OpenAPI 3.0");
    let (api, warnings) = analyse(&document, config, module);
    diagnostics.extend(warnings);
    let files = emit_api(&api, "cargo xtask codegen").expect("emits");
    let code =
        files.iter().map(|file| format!("==> {} <==\n{}", file.path.display(), file.contents)).collect::<String>();
    let warnings = diagnostics.iter().map(|diagnostic| format!("{diagnostic}\n")).collect::<String>();
    (code, format!("{warnings}\n{api:#?}"))
}

#[test]
fn fusesign_client() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("specs").join("fusesign");
    let config = Config::load(&root.join("codegen.toml")).expect("valid codegen.toml");
    let (code, ir) = emitted(&root.join("openapi.json"), &config, "fusesign");
    insta::assert_snapshot!("fusesign_code", code);
    insta::assert_snapshot!("fusesign_ir", ir);
}

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "*.{yaml,json}", |path| {
        let module = path.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 file name");
        let (code, ir) = emitted(path, &Config::default(), module);
        insta::assert_snapshot!("code", code);
        insta::assert_snapshot!("ir", ir);
    });
}
