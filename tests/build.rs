//! Generates a client from every fixture spec into `OUT_DIR`, so the
//! behavioural tests can compile against and exercise the generated types.

use std::path::Path;

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let mut specs: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "json"))
        .collect();
    specs.sort();
    for spec in specs {
        let generated = openapi_clientgen::generate_file(&spec, &openapi_clientgen::Config::default())
            .unwrap_or_else(|failure| panic!("cannot generate {}:\n{failure}", spec.display()));
        let stem = spec.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 fixture name");
        std::fs::write(Path::new(&out_dir).join(format!("{stem}.rs")), generated.source).expect("OUT_DIR is writable");
    }
}
