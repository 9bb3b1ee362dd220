//! How deep the generator goes into what a document nests or refers to.

/// How deep anything nested or referred to is followed: JSON values, schemas
/// within schemas, `$ref` chains, `allOf`s within `allOf`s, aliases of
/// aliases. The JSON and YAML parsers stop at 128 levels, so a parsed document
/// is always walked whole; the limit only ends cycles and documents built in
/// memory.
pub const MAX_DEPTH: usize = 128;
