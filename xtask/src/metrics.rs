//! Size of a generated crate, as the corpus table reports it: lines of Rust
//! and the names of its schema types (the `types` modules).

use std::path::Path;

/// Lines of generated Rust and the type names of a crate.
#[derive(Debug, Default, Clone)]
pub struct Size {
    pub lines: usize,
    pub type_names: Vec<String>,
}

impl Size {
    /// Every `.rs` file under `dir` counts for lines; `pub struct`/`enum`/`type`
    /// items of files named `types.rs` are the schema types.
    pub fn of(dir: &Path) -> Size {
        let mut size = Size::default();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|extension| extension == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    size.lines += text.lines().count();
                    if path.file_name().is_some_and(|name| name == "types.rs") {
                        size.type_names.extend(text.lines().filter_map(type_name));
                    }
                }
            }
        }
        size.type_names.sort();
        size
    }

    pub fn longest(&self) -> usize {
        self.type_names.iter().map(String::len).max().unwrap_or(0)
    }

    pub fn median(&self) -> usize {
        let mut lengths: Vec<usize> = self.type_names.iter().map(String::len).collect();
        lengths.sort_unstable();
        lengths.get(lengths.len().saturating_sub(1) / 2).copied().unwrap_or(0)
    }

    /// How many names are at most `limit` characters long.
    pub fn at_most(&self, limit: usize) -> usize {
        self.type_names.iter().filter(|name| name.len() <= limit).count()
    }
}

/// `pub struct Name {` → `Name`.
fn type_name(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("pub ")?;
    let rest = ["struct ", "enum ", "type "].iter().find_map(|keyword| rest.strip_prefix(keyword))?;
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::type_name;

    #[test]
    fn type_items_are_found() {
        assert_eq!(type_name("pub struct Account {").as_deref(), Some("Account"));
        assert_eq!(type_name("    pub enum Kind {").as_deref(), Some("Kind"));
        assert_eq!(type_name("pub type Id = String;").as_deref(), Some("Id"));
        assert_eq!(type_name("pub fn new() -> Self {"), None);
    }
}
