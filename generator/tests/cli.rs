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
    for file in [
        "src/lib.rs",
        "src/runtime/mod.rs",
        "src/runtime/client.rs",
        "src/petstore/mod.rs",
        "src/petstore/types.rs",
        "src/petstore/pets.rs",
    ] {
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
    for option in ["--out", "--name", "--config", "--deny-warnings", "--shorten-names", "--overlay"] {
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

#[test]
fn overlays_given_twice_apply_in_the_order_given() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let rename = dir.path().join("rename.yaml");
    std::fs::write(
        &rename,
        "overlay: 1.0.0\ninfo: {title: Rename, version: '1'}\nactions:\n  - target: $.paths['/pets'].get\n    update: {operationId: browseShelter, description: Pets waiting for a home.}\n",
    )
    .expect("write");
    let refine = dir.path().join("refine.json");
    std::fs::write(
        &refine,
        r#"{"overlay": "1.0.0", "info": {"title": "Refine", "version": "1"}, "actions": [
            {"target": "$.paths.*[?@.operationId == 'browseShelter']", "update": {"operationId": "adoptable"}},
            {"target": "$.paths['/pets/{petId}'].delete", "remove": true}]}"#,
    )
    .expect("write");
    let run = |first: &Path, second: &Path, out: &str, extra: &[&str]| {
        let out = dir.path().join(out);
        let mut args = vec![fixture("petstore.yaml"), "--out".to_owned(), out.display().to_string()];
        for overlay in [first, second] {
            args.extend(["--overlay".to_owned(), overlay.display().to_string()]);
        }
        args.extend(extra.iter().map(|arg| (*arg).to_owned()));
        let output = generate(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let pets = std::fs::read_to_string(out.join("src/petstore/pets.rs")).unwrap_or_default();
        (output, pets)
    };

    let (output, pets) = run(&rename, &refine, "in-order", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "no warnings: {stderr}");
    assert!(pets.contains("pub fn adoptable("), "the second overlay sees the first one's name:\n{pets}");
    assert!(pets.contains("Pets waiting for a home."), "{pets}");
    assert!(!pets.contains("browse_shelter") && !pets.contains("list_pets") && !pets.contains("DELETE"), "{pets}");
    assert!(
        pets.contains(&format!("--overlay {} --overlay {}", rename.display(), refine.display())),
        "the preamble's command names the overlays:\n{pets}"
    );

    let (output, pets) = run(&refine, &rename, "reversed", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(pets.contains("pub fn browse_shelter("), "the rename came last:\n{pets}");
    assert!(!pets.contains("DELETE"), "the removal applies in either order");
    assert!(
        stderr.contains("warning: the target `$.paths.*[?@.operationId == 'browseShelter']` selects nothing"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("--> {} at #/actions/0/target", refine.display())), "{stderr}");

    let (output, _) = run(&refine, &rename, "denied", &["--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1), "a target selecting nothing is a warning --deny-warnings refuses");
}

#[test]
fn an_invalid_overlay_exits_one_located_in_the_overlay() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let overlay = dir.path().join("bad.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: '$.info', update: {}}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let output = generate(&[
        &fixture("petstore.yaml"),
        "--out",
        out.to_str().expect("UTF-8"),
        "--overlay",
        overlay.to_str().expect("UTF-8"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: Overlay version 1.1.0 is not supported"), "{stderr}");
    assert!(stderr.contains(&format!("--> {} at #/overlay", overlay.display())), "{stderr}");
    assert!(!out.exists(), "nothing is written on failure");
}
