//! Documentation from the spec's text.

use crate::ir::Docs;

/// Docs from a summary and a description, skipping empty text.
pub(super) fn docs(summary: Option<&String>, description: Option<&String>, deprecated: bool) -> Docs {
    let text = |value: Option<&String>| value.map(|text| text.trim().to_owned()).filter(|text| !text.is_empty());
    let summary = text(summary);
    let description = text(description).filter(|description| Some(description) != summary.as_ref());
    Docs { summary, description, deprecated }
}
