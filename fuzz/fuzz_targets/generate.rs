//! Any bytes, read as JSON and as YAML, through the whole pipeline: parsing
//! may fail (with a located error), generation may warn, but nothing panics,
//! nothing loops, and the emitted code always parses as Rust (`emit_api`
//! returns an internal error otherwise, turned into a crash here).

#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_clientgen::{analyse, emit_api, emit_crate_support, parse_document, parse_str, Config, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Json, Format::Yaml] {
        let Ok(value) = parse_str(text, format) else { continue };
        let Ok((document, _warnings)) = parse_document(value) else { continue };
        let (api, _warnings) = analyse(&document, &Config::default(), "fuzz");
        if let Err(failure) = emit_crate_support(&[&api], "fuzz", "Fuzzed.", "fuzz") {
            panic!("the crate root does not parse: {failure}");
        }
        if let Err(failure) = emit_api(&api, "fuzz") {
            panic!("the emitted code does not parse: {failure}");
        }
    }
});
