//! JSON pointers (RFC 6901) in their URI-fragment form, `#/paths/~1pets/get`.

use serde_json::Value;

/// A JSON pointer being built while walking a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Self::default()
    }

    /// This pointer extended by one reference token.
    pub fn join(&self, token: impl AsRef<str>) -> Self {
        let token = token.as_ref();
        let mut joined = Self(String::with_capacity(self.0.len() + 1 + token.len()));
        joined.0.push_str(&self.0);
        joined.push(token);
        joined
    }

    /// Extends this pointer by one reference token in place; what
    /// [`Pointer::truncate`] takes to undo it. A walk over a whole document
    /// reuses one pointer this way rather than making one per value.
    pub fn push(&mut self, token: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        let mut rest = token;
        while let Some(at) = rest.find(['~', '/']) {
            self.0.push_str(&rest[..at]);
            self.0.push_str(if rest.as_bytes()[at] == b'~' { "~0" } else { "~1" });
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
        mark
    }

    /// Undoes the [`Pointer::push`] that returned `mark`.
    pub fn truncate(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    /// This pointer without its last reference token.
    pub fn parent(&self) -> Self {
        Self(self.0.rsplit_once('/').map_or_else(String::new, |(parent, _)| parent.to_owned()))
    }

    /// Parses the fragment of a `$ref` (`#/components/schemas/Pet`).
    pub fn parse(fragment: &str) -> Option<Self> {
        let path = fragment.strip_prefix('#').unwrap_or(fragment);
        (path.is_empty() || path.starts_with('/')).then(|| Self(path.to_owned()))
    }

    /// This pointer followed by the tokens of `relative`.
    pub fn concat(&self, relative: &Pointer) -> Self {
        relative.tokens().fold(self.clone(), |at, token| at.join(token))
    }

    /// Where a serde error happened (`paths./pets.get.responses`), as a pointer.
    pub fn from_serde_path(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment;
        path.iter().fold(Self::root(), |at, segment| match segment {
            Segment::Seq { index } => at.join(index.to_string()),
            Segment::Map { key } => at.join(key),
            Segment::Enum { variant } => at.join(variant),
            Segment::Unknown => at,
        })
    }

    /// The name of the component in `#/components/{section}/` this pointer is
    /// at or inside (`#/components/schemas/Pet/properties/id` → `Pet`).
    pub fn component(&self, section: &str) -> Option<String> {
        let mut tokens = self.tokens();
        let in_section = tokens.next()? == "components" && tokens.next()? == section;
        in_section.then(|| tokens.next()).flatten()
    }

    /// The component this pointer designates itself (`#/components/schemas/Pet`),
    /// not a place inside it.
    pub fn names_component(&self, section: &str) -> Option<String> {
        (self.tokens().count() == 3).then(|| self.component(section)).flatten()
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0.split('/').skip(1).map(|token| token.replace("~1", "/").replace("~0", "~"))
    }

    /// The value this pointer designates in `root`.
    pub fn resolve<'v>(&self, root: &'v Value) -> Option<&'v Value> {
        self.tokens().try_fold(root, |value, token| match value {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|index| items.get(index)),
            _ => None,
        })
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> Self {
        pointer.to_string()
    }
}

/// The name of the component a `$ref` designates in `#/components/{section}/`
/// (`#/components/schemas/Pet` → `Pet`, escapes undone), if it points there.
pub fn component_name(reference: &str, section: &str) -> Option<String> {
    Pointer::parse(reference).filter(|_| reference.starts_with('#'))?.component(section)
}

/// The first place where `left` and `right` differ, below `at`.
pub fn first_difference(left: &Value, right: &Value, at: &Pointer) -> Option<Pointer> {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => {
            let mut keys: Vec<&String> = l.keys().chain(r.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|key| match (l.get(key), r.get(key)) {
                (Some(a), Some(b)) => first_difference(a, b, &at.join(key)),
                _ => Some(at.join(key)),
            })
        }
        (Value::Array(l), Value::Array(r)) => {
            let common = l.iter().zip(r).enumerate();
            common
                .into_iter()
                .find_map(|(index, (a, b))| first_difference(a, b, &at.join(index.to_string())))
                .or_else(|| (l.len() != r.len()).then(|| at.join(l.len().min(r.len()).to_string())))
        }
        _ => (left != right).then(|| at.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_and_resolves_tokens() {
        let doc = json!({"paths": {"/pets/{id}": {"get": {"tags": ["a", "b"]}}}});
        let pointer = Pointer::root().join("paths").join("/pets/{id}").join("get").join("tags").join("1");
        assert_eq!(pointer.to_string(), "#/paths/~1pets~1{id}/get/tags/1");
        assert_eq!(pointer.resolve(&doc), Some(&json!("b")));
        assert_eq!(Pointer::parse(&pointer.to_string()), Some(pointer));
        let mut walked = Pointer::root().join("paths");
        let mark = walked.push("a~b/c~");
        assert_eq!(walked.to_string(), "#/paths/a~0b~1c~0");
        walked.truncate(mark);
        assert_eq!(walked, Pointer::root().join("paths"));
    }

    #[test]
    fn component_names_come_from_local_refs_into_their_section() {
        assert_eq!(component_name("#/components/schemas/Pet", "schemas").as_deref(), Some("Pet"));
        assert_eq!(component_name("#/components/schemas/a~1b~0c", "schemas").as_deref(), Some("a/b~c"));
        assert_eq!(component_name("#/components/schemas/Pet/properties/id", "schemas").as_deref(), Some("Pet"));
        assert_eq!(component_name("#/components/responses/Pet", "schemas"), None);
        assert_eq!(component_name("other.yaml#/components/schemas/Pet", "schemas"), None);
        assert_eq!(component_name("/components/schemas/Pet", "schemas"), None);
        assert_eq!(component_name("#/components/schemas", "schemas"), None);
        let pet = Pointer::root().join("components").join("schemas").join("Pet");
        assert_eq!(pet.names_component("schemas").as_deref(), Some("Pet"));
        assert_eq!(pet.join("properties").names_component("schemas"), None);
    }

    #[test]
    fn finds_the_first_difference() {
        let a = json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {}}});
        let b = json!({"type": "object", "properties": {"a": {"type": "integer"}, "b": {}}});
        let at = first_difference(&a, &b, &Pointer::root()).map(|p| p.to_string());
        assert_eq!(at.as_deref(), Some("#/properties/a/type"));
        assert_eq!(first_difference(&a, &a, &Pointer::root()), None);
    }
}
