//! Every integration test of the workspace, in one binary that links once and
//! shares its support (`support`): the shipped APIs' clients against a real
//! HTTP server on loopback (`fentu`, `fusebill`, `fusesign`, `nutcache`), the
//! clients of `tests/fixtures` (`credentials`, `operations`, `types_*`…),
//! snapshots of the emitted code and IR, the drift check, and the generated
//! crates built with clippy and rustdoc.

// The fixtures' clients (`build.rs`): their runtime at the crate root, where
// they look for it, and one module each under `fixtures`.
include!(concat!(env!("OUT_DIR"), "/runtime.rs"));

/// The clients `build.rs` generates from `tests/fixtures`, one module each,
/// named after the document's title (`tests/fixtures/types_values.yaml` is `values`).
pub mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}

mod support;

mod builder_names;
mod credentials;
mod determinism;
mod drift;
mod fastapi;
mod fentu;
mod fusebill;
mod fusesign;
mod generated_crates;
mod nutcache;
mod oauth;
mod operations;
mod pagination;
mod relative_server;
mod resilience;
mod runtime_features;
mod snapshots;
mod spec_validity;
mod streaming;
mod types_composition;
mod types_enums;
mod types_fastapi;
mod types_formats;
mod types_inline;
mod types_names;
mod types_objects;
mod types_openapi31;
mod types_recursion;
mod types_shared;
mod types_values;
mod validation;
mod workspace;
