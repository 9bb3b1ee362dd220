//! The `openapi-clientgen generate` command: exit codes, located errors,
//! warnings on stderr, and a crate written to the output directory.

use std::path::Path;
use std::process::{Command, Output};

fn generate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_openapi-clientgen")).arg("generate").args(args).output().expect("the binary runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name).display().to_string()
}

#[test]
fn generates_a_crate_and_exits_zero() {
    let out = tempfile::tempdir().expect("temporary directory");
    let dir = out.path().join("petstore-client");
    let output = generate(&[&fixture("petstore.yaml"), "--out", dir.to_str().expect("UTF-8 path"), "--name", "pets"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains("name = \"pets\""), "{manifest}");
    for file in ["src/lib.rs", "src/runtime.rs", "src/petstore/mod.rs", "src/petstore/types.rs", "src/petstore/pets.rs"]
    {
        assert!(dir.join(file).is_file(), "{file} written");
    }
}

#[test]
fn a_syntax_error_exits_one_naming_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = dir.path().join("broken.json");
    std::fs::write(&spec, "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\n}").expect("write");
    let output =
        generate(&[spec.to_str().expect("UTF-8 path"), "--out", dir.path().join("out").to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: invalid JSON"), "{stderr}");
    assert!(stderr.contains("broken.json:4:"), "{stderr}");
    assert!(!dir.path().join("out").exists(), "nothing is written on failure");
}

#[test]
fn a_semantic_error_exits_one_naming_the_json_pointer() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = dir.path().join("bad.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      responses: 7\n",
    )
    .expect("write");
    let output =
        generate(&[spec.to_str().expect("UTF-8 path"), "--out", dir.path().join("out").to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.yaml at #/paths/~1x/get/responses"), "{stderr}");
}

#[test]
fn swagger_2_is_a_clear_unsupported_version_error() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = dir.path().join("swagger.json");
    std::fs::write(&spec, r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#).expect("write");
    let output =
        generate(&[spec.to_str().expect("UTF-8 path"), "--out", dir.path().join("out").to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Swagger 2.0 is not supported"));
}

#[test]
fn approximations_are_warnings_on_stderr_with_their_pointer_and_deny_warnings_fails() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = dir.path().join("not.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    NotString:\n      not: {type: string}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let output = generate(&[spec.to_str().expect("UTF-8 path"), "--out", out.to_str().expect("UTF-8")]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: `not` cannot be expressed") && stderr.contains("#/components/schemas/NotString"),
        "{stderr}"
    );
    let denied =
        generate(&[spec.to_str().expect("UTF-8 path"), "--out", out.to_str().expect("UTF-8"), "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn help_documents_every_option() {
    let output = generate(&["--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--out", "--name", "--config", "--deny-warnings", "--shorten-names"] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

#[test]
fn an_invalid_crate_name_is_rejected() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output =
        generate(&[&fixture("petstore.yaml"), "--out", dir.path().to_str().expect("UTF-8"), "--name", "no spaces"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("crate name"));
}

#[test]
fn an_openapi_3_1_document_generates_with_located_warnings() {
    let out = tempfile::tempdir().expect("temporary directory");
    let dir = out.path().join("shop");
    let output = generate(&[&fixture("openapi31.yaml"), "--out", dir.to_str().expect("UTF-8 path")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("webhooks are not generated"), "{stderr}");
    assert!(stderr.contains("openapi31.yaml at #/components/schemas/Order/properties/label/prefixItems"), "{stderr}");
    let types = std::fs::read_to_string(dir.join("src/shop/types.rs")).expect("types written");
    assert!(types.contains("pub struct OrderLine"), "`$defs` become types");
}

#[test]
fn an_unknown_openapi_version_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = dir.path().join("future.json");
    std::fs::write(&spec, r#"{"openapi": "4.0.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#)
        .expect("write");
    let output =
        generate(&[spec.to_str().expect("UTF-8 path"), "--out", dir.path().join("out").to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("OpenAPI version 4.0.0 is not supported (only 3.0.x and 3.1.x are)"), "{stderr}");
}
