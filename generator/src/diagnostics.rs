//! Diagnostics: errors and warnings as values, each with the place in the
//! input it is about. Generation collects them; it never panics on input.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::pointer::Pointer;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was approximated; generation went on.
    Warning,
    /// Generation cannot produce a correct result.
    Error,
}

/// A place in an input document.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, when known.
    pub file: Option<PathBuf>,
    /// Line and column (1-based), for syntax errors.
    pub line_column: Option<(usize, usize)>,
    /// JSON pointer (`#/paths/~1pets/get`), for semantic problems.
    pub pointer: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self { file: Some(file.into()), ..Self::default() }
    }

    /// A JSON pointer, in no particular file.
    pub fn pointer(pointer: impl Into<String>) -> Self {
        Self { pointer: Some(pointer.into()), ..Self::default() }
    }

    /// The same place, in `file`.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_owned());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}", file.display())?,
            None => f.write_str("<spec>")?,
        }
        if let Some((line, column)) = self.line_column {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(pointer) = &self.pointer {
            write!(f, " at {pointer}")?;
        }
        Ok(())
    }
}

/// One error or warning.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is.
    pub location: Location,
    /// Other places involved (e.g. the second file of a conflict).
    pub related: Vec<Location>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(message: impl Into<String>, location: Location) -> Self {
        Self { severity: Severity::Error, message: message.into(), location, related: Vec::new() }
    }

    /// A warning at `location`.
    pub fn warning(message: impl Into<String>, location: Location) -> Self {
        Self { severity: Severity::Warning, message: message.into(), location, related: Vec::new() }
    }

    /// A warning about the construct at `at` in the document.
    pub(crate) fn warning_at(message: impl Into<String>, at: &Pointer) -> Self {
        Self::warning(message, Location::pointer(at.to_string()))
    }

    /// Adds another place involved.
    pub fn with_related(mut self, location: Location) -> Self {
        self.related.push(location);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", self.message)?;
        // A crate name or the machine itself is at fault: no place in a document to show.
        if self.location != Location::default() {
            write!(f, "\n  --> {}", self.location)?;
        }
        for related in &self.related {
            write!(f, "\n  --> {related}")?;
        }
        Ok(())
    }
}

/// A failed step: the diagnostics explaining why (at least one is an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Every diagnostic collected, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for Failure {
    fn from(diagnostic: Diagnostic) -> Self {
        Self { diagnostics: vec![diagnostic] }
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Self { diagnostics }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for diagnostic in &self.diagnostics {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_comes_first_then_the_place() {
        let syntax = Location { line_column: Some((3, 7)), ..Location::file("api.yaml") };
        assert_eq!(Diagnostic::error("invalid YAML", syntax).to_string(), "error: invalid YAML\n  --> api.yaml:3:7");
        let semantic = Location::pointer("#/paths/~1pets/get").in_file(Path::new("api.yaml"));
        assert_eq!(
            Diagnostic::warning("approximated", semantic).to_string(),
            "warning: approximated\n  --> api.yaml at #/paths/~1pets/get"
        );
        assert_eq!(Diagnostic::error("bad crate name", Location::default()).to_string(), "error: bad crate name");
    }
}
