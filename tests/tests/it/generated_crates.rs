//! Every fixture generates a standalone crate that passes `cargo clippy` and
//! `cargo doc` with warnings denied. The crates share one target directory
//! (under this workspace's `target/`) so dependencies build once.

use std::path::{Path, PathBuf};
use std::process::Command;

use openapi_clientgen::{generate_crate, Config};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_owned()
}

fn cargo(dir: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target").join("generated-crates-target"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn fixture_crates_build_without_warnings() {
    let fixtures = workspace_root().join("tests").join("fixtures");
    let out = workspace_root().join("target").join("generated-crates");
    let _ = std::fs::remove_dir_all(&out);
    let mut members = Vec::new();
    for spec in tests::spec_files(&fixtures) {
        let name = format!("{}-client", spec.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 name"));
        let generated = generate_crate(&spec, &name, &Config::default()).unwrap_or_else(|failure| panic!("{failure}"));
        generated.write_to(&out.join(&name)).expect("writable target directory");
        members.push(format!("\"{name}\""));
    }
    // The generator's regression fixtures from sweeping real APIs, those meant to generate.
    let robustness = workspace_root().join("generator").join("tests").join("robustness");
    for spec in tests::spec_files(&robustness) {
        let stem = spec.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 name");
        let name = format!("robustness-{}", stem.replace('_', "-"));
        if let Ok(generated) = generate_crate(&spec, &name, &Config::default()) {
            generated.write_to(&out.join(&name)).expect("writable target directory");
            members.push(format!("\"{name}\""));
        }
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(out.join("Cargo.toml"), manifest).expect("writable target directory");
    cargo(&out, &["clippy", "--workspace", "--quiet", "--", "-D", "warnings"]);
    cargo(&out, &["doc", "--workspace", "--no-deps", "--quiet"]);
}
