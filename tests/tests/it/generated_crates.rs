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

/// A crate of its own builds each tag alone: every tag's feature by itself,
/// and none, passes clippy; a type two tags use is built with either, one
/// every tag uses through a feature they all enable, and one no operation uses
/// (and what it holds) with the unused schemas' feature.
#[test]
fn each_tag_feature_builds_alone() {
    let out = workspace_root().join("target").join("tag-features");
    let _ = std::fs::remove_dir_all(&out);
    let spec = workspace_root().join("tests").join("fixtures").join("tags.yaml");
    let generated = generate_crate(&spec, "tags-client", &Config::default())
        .unwrap_or_else(|failure| panic!("the tags fixture generates:\n{failure}"));
    generated.write_to(&out.join("tags-client")).expect("writable target directory");
    std::fs::write(out.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"tags-client\"]\n")
        .expect("writable target directory");
    let manifest = std::fs::read_to_string(out.join("tags-client").join("Cargo.toml")).expect("a manifest");
    let defaults = r#"default = ["pets", "stores", "admin", "orders", "unused-schemas"]"#;
    assert!(manifest.contains(defaults), "{manifest}");
    for tag in ["pets", "stores", "admin", "orders", "unused-schemas"] {
        assert!(
            manifest.contains(&format!("\n{tag} = [\"_shared-1\"]\n")),
            "{tag} enables the shared types: {manifest}"
        );
    }
    assert!(manifest.contains("\n_shared-1 = []\n"), "{manifest}");
    let types = std::fs::read_to_string(out.join("tags-client/src/tags/types.rs")).expect("types.rs");
    // The `cfg` among the attributes right above `pub struct {name}`.
    let gate = |name: &str| {
        let lines: Vec<&str> = types.lines().collect();
        let at = lines.iter().position(|line| line.starts_with(&format!("pub struct {name} ")));
        let at = at.unwrap_or_else(|| panic!("{name} in {types}"));
        let attributes = lines[..at].iter().rev().take_while(|line| line.starts_with("#[") || line.starts_with("///"));
        attributes.into_iter().find(|line| line.starts_with("#[cfg(")).map(|line| (*line).to_owned())
    };
    assert_eq!(gate("Shared").as_deref(), Some(r#"#[cfg(any(feature = "pets", feature = "stores"))]"#));
    assert_eq!(gate("Pet").as_deref(), Some(r#"#[cfg(feature = "pets")]"#));
    assert_eq!(gate("Stamp").as_deref(), Some(r#"#[cfg(feature = "_shared-1")]"#));
    assert_eq!(gate("Archive").as_deref(), Some(r#"#[cfg(feature = "unused-schemas")]"#));
    let note = r#"#[cfg(any(feature = "admin", feature = "unused-schemas"))]"#;
    assert_eq!(gate("Note").as_deref(), Some(note), "held by a schema no operation uses");
    assert_eq!(gate("Health"), None, "used by an untagged operation");
    for features in [None, Some("pets"), Some("stores"), Some("admin"), Some("orders"), Some("unused-schemas")] {
        let mut args = vec!["clippy", "--quiet", "-p", "tags-client", "--no-default-features"];
        args.extend(features.iter().flat_map(|feature| ["--features", *feature]));
        args.extend(["--", "-D", "warnings"]);
        cargo(&out, &args, &[]);
    }
}
