//! Every fixture, and every regression fixture of the generator that is a
//! valid document (`generator/tests/robustness/*.yaml`; the invalid ones are
//! in its `errors/`), generates a standalone crate that passes `cargo clippy`
//! and `cargo doc` with warnings denied. A fixture that stops generating fails
//! the test. The crates share one target directory (under this workspace's
//! `target/`) so dependencies build once.

use std::path::Path;

use openapi_clientgen::{generate_crate, Config};

use crate::support::{cargo, spec_files, workspace_root};

#[test]
fn fixture_crates_build_without_warnings() {
    let out = workspace_root().join("target").join("generated-crates");
    let _ = std::fs::remove_dir_all(&out);
    let stem = |spec: &Path| spec.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 name").to_owned();
    let fixtures = spec_files("tests/fixtures").into_iter().map(|spec| (format!("{}-client", stem(&spec)), spec));
    let robustness = spec_files("generator/tests/robustness")
        .into_iter()
        .map(|spec| (format!("robustness-{}", stem(&spec).replace('_', "-")), spec));
    let mut members = Vec::new();
    for (name, spec) in fixtures.chain(robustness) {
        let generated = generate_crate(&spec, &name, &Config::default())
            .unwrap_or_else(|failure| panic!("{} no longer generates:\n{failure}", spec.display()));
        generated.write_to(&out.join(&name)).expect("writable target directory");
        members.push(format!("\"{name}\""));
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(out.join("Cargo.toml"), manifest).expect("writable target directory");
    let deny = [("RUSTDOCFLAGS", "-D warnings")];
    cargo(&out, &["clippy", "--workspace", "--quiet", "--", "-D", "warnings"], &deny);
    cargo(&out, &["doc", "--workspace", "--no-deps", "--quiet"], &deny);
}
