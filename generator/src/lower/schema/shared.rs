//! Structurally identical inline schemas are one type: the same error body
//! declared inline by every operation (apisetu.gov.in's `{error,
//! error_description}` for each status of 32 operations) is emitted once.
//! Named component schemas stay distinct: they are the API's vocabulary.
//! Two schemas are the same when their shape keys are (`shape`): everything
//! but their documentation and their own nullability.
//!
//! A type met in several places is named after what those places have in
//! common (`names`).

use std::collections::hash_map::{Entry, VacantEntry};
use std::collections::HashMap;

use openapiv3::Schema;

use super::shape::shape_key;
use crate::ir::TypeId;

/// The inline schemas lowered so far, by shape.
#[derive(Default)]
pub(super) struct SharedInline {
    by_shape: HashMap<String, TypeId>,
}

impl SharedInline {
    /// The type already made for a schema of this shape, or where to record
    /// the one about to be made for it.
    pub(super) fn find(&mut self, schema: &Schema) -> Result<TypeId, Vacant<'_>> {
        match self.by_shape.entry(shape_key(schema)) {
            Entry::Occupied(made) => Ok(*made.get()),
            Entry::Vacant(vacant) => Err(Vacant(vacant)),
        }
    }
}

/// Where the type made for a shape not met before is recorded.
pub(super) struct Vacant<'s>(VacantEntry<'s, String, TypeId>);

impl Vacant<'_> {
    /// Records the type `id` made for the shape.
    pub(super) fn insert(self, id: TypeId) {
        self.0.insert(id);
    }
}
