//! Documentation carried from the spec.

/// Documentation carried from the spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// A one-line summary (`summary` or `title`).
    pub summary: Option<String>,
    /// The longer text (`description`).
    pub description: Option<String>,
    /// Whether the spec marks the item `deprecated`.
    pub deprecated: bool,
}
