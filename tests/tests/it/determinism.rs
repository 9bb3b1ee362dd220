//! Generating the same spec twice gives byte-identical output: no hash-map
//! iteration order (which differs between maps even in one process) leaks in.

use openapi_clientgen::{generate_crate, Config};

use crate::support::spec_files;

#[test]
fn every_fixture_and_corpus_spec_generates_identically_twice() {
    let config = Config { shorten_names: true, ..Config::default() };
    for spec in spec_files("tests/fixtures").into_iter().chain(spec_files("tests/corpus")) {
        let first = generate_crate(&spec, "client", &config).unwrap_or_else(|failure| panic!("{failure}"));
        let second = generate_crate(&spec, "client", &config).unwrap_or_else(|failure| panic!("{failure}"));
        assert_eq!(first.files.len(), second.files.len(), "{}", spec.display());
        for (a, b) in first.files.iter().zip(&second.files) {
            assert_eq!(a.path, b.path, "{}", spec.display());
            assert!(a.contents == b.contents, "{} differs between runs in {}", a.path.display(), spec.display());
        }
        assert_eq!(first.diagnostics, second.diagnostics, "{}", spec.display());
    }
}
