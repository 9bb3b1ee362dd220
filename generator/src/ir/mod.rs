//! The intermediate representation: plain data describing the client to
//! emit, with every name already decided. Lowering builds it, passes complete
//! it with what they decide about the whole API; emission reads it.

mod api;
mod constraints;
mod docs;
mod operations;
mod types;

pub use api::*;
pub use constraints::*;
pub use docs::*;
pub use operations::*;
pub use types::*;
