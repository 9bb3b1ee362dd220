//! Generates the clients of every fixture spec into `OUT_DIR`: their shared
//! runtime (`runtime.rs`) and a module for each (`fixtures.rs`), so the
//! behavioural tests can compile against and exercise the generated types.

use std::path::Path;

use openapi_clientgen::{generate_sources, workspace::spec_files, Config};

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let specs = spec_files(&fixtures).expect("tests/fixtures exists");
    let config = Config::default();
    let specs: Vec<(&Path, &Config)> = specs.iter().map(|spec| (spec.as_path(), &config)).collect();
    let generated =
        generate_sources(&specs).unwrap_or_else(|failure| panic!("cannot generate the fixtures:\n{failure}"));
    std::fs::write(Path::new(&out_dir).join("runtime.rs"), generated.runtime).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out_dir).join("fixtures.rs"), generated.apis).expect("OUT_DIR is writable");
}
