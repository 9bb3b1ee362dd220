//! A value as a tree of plain data, through its `Serialize` impl: the
//! tests' second way of writing a schema's shape key (from its
//! serialisation), which the typed writer in `shape` must match.

use serde::ser::{self, Serialize};

/// A serialised value. Maps and structs are both `Map`, in the order written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tree {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
    Seq(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

/// `value` as a tree; `None` when it holds a map whose keys are not text.
pub(super) fn tree_of(value: &impl Serialize) -> Option<Tree> {
    value.serialize(Serializer).ok()
}

/// Why a value has no tree: a map key that is not text, or a custom error.
#[derive(Debug)]
pub(super) struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not representable as a tree")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

struct Serializer;

/// The members of a sequence or map being written.
struct Members<T> {
    items: Vec<T>,
    /// A map's key, until its value comes.
    key: Option<String>,
    /// The variant a `Name::Variant(..)` or `Name::Variant { .. }` is written under.
    variant: Option<&'static str>,
}

impl<T> Members<T> {
    fn new(capacity: usize, variant: Option<&'static str>) -> Self {
        Self { items: Vec::with_capacity(capacity), key: None, variant }
    }
}

/// `tree` under `variant`, as serde_json writes an externally tagged variant.
fn tagged(variant: Option<&'static str>, tree: Tree) -> Tree {
    match variant {
        Some(variant) => Tree::Map(vec![(variant.to_owned(), tree)]),
        None => tree,
    }
}

impl ser::Serializer for Serializer {
    type Ok = Tree;
    type Error = Unsupported;
    type SerializeSeq = Members<Tree>;
    type SerializeTuple = Members<Tree>;
    type SerializeTupleStruct = Members<Tree>;
    type SerializeTupleVariant = Members<Tree>;
    type SerializeMap = Members<(String, Tree)>;
    type SerializeStruct = Members<(String, Tree)>;
    type SerializeStructVariant = Members<(String, Tree)>;

    fn serialize_bool(self, value: bool) -> Result<Tree, Unsupported> {
        Ok(Tree::Bool(value))
    }
    fn serialize_i8(self, value: i8) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_i16(self, value: i16) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_i32(self, value: i32) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_i64(self, value: i64) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_i128(self, value: i128) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value))
    }
    fn serialize_u8(self, value: u8) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_u16(self, value: u16) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_u32(self, value: u32) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_u64(self, value: u64) -> Result<Tree, Unsupported> {
        Ok(Tree::Int(value.into()))
    }
    fn serialize_f32(self, value: f32) -> Result<Tree, Unsupported> {
        Ok(Tree::Float(value.into()))
    }
    fn serialize_f64(self, value: f64) -> Result<Tree, Unsupported> {
        Ok(Tree::Float(value))
    }
    fn serialize_char(self, value: char) -> Result<Tree, Unsupported> {
        Ok(Tree::Text(value.to_string()))
    }
    fn serialize_str(self, value: &str) -> Result<Tree, Unsupported> {
        Ok(Tree::Text(value.to_owned()))
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<Tree, Unsupported> {
        Ok(Tree::Seq(value.iter().map(|&byte| Tree::Int(byte.into())).collect()))
    }
    fn serialize_none(self) -> Result<Tree, Unsupported> {
        Ok(Tree::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree, Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Tree, Unsupported> {
        Ok(Tree::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Tree, Unsupported> {
        Ok(Tree::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Tree, Unsupported> {
        Ok(Tree::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Tree, Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree, Unsupported> {
        Ok(tagged(Some(variant), value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Members<Tree>, Unsupported> {
        Ok(Members::new(len.unwrap_or_default(), None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Members<Tree>, Unsupported> {
        Ok(Members::new(len, None))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Members<Tree>, Unsupported> {
        Ok(Members::new(len, None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Members<Tree>, Unsupported> {
        Ok(Members::new(len, Some(variant)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Members<(String, Tree)>, Unsupported> {
        Ok(Members::new(len.unwrap_or_default(), None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Members<(String, Tree)>, Unsupported> {
        Ok(Members::new(len, None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Members<(String, Tree)>, Unsupported> {
        Ok(Members::new(len, Some(variant)))
    }
}

impl Members<Tree> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.items.push(value.serialize(Serializer)?);
        Ok(())
    }

    fn finish(self) -> Tree {
        tagged(self.variant, Tree::Seq(self.items))
    }
}

impl ser::SerializeSeq for Members<Tree> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

impl ser::SerializeTuple for Members<Tree> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleStruct for Members<Tree> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleVariant for Members<Tree> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

impl Members<(String, Tree)> {
    fn push<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unsupported> {
        self.items.push((key.to_owned(), value.serialize(Serializer)?));
        Ok(())
    }

    fn finish(self) -> Tree {
        tagged(self.variant, Tree::Map(self.items))
    }
}

impl ser::SerializeMap for Members<(String, Tree)> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        match key.serialize(Serializer)? {
            Tree::Text(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(Unsupported),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let key = self.key.take().ok_or(Unsupported)?;
        self.items.push((key, value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

impl ser::SerializeStruct for Members<(String, Tree)> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.push(key, value)
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

impl ser::SerializeStructVariant for Members<(String, Tree)> {
    type Ok = Tree;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.push(key, value)
    }
    fn end(self) -> Result<Tree, Unsupported> {
        Ok(self.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_reads_as_serde_json_writes_it() {
        let json = serde_json::json!({
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "format": "int64", "minimum": 1},
                "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                "kind": {"oneOf": [{"type": "string", "enum": ["a", null]}, {"type": "number"}], "nullable": true}
            },
            "additionalProperties": false,
            "x-extra": {"nested": [1, 2.5, "three"]}
        });
        let schema: openapiv3::Schema = serde_json::from_value(json).expect("a schema");
        let tree = tree_of(&schema).expect("a tree");
        assert_eq!(tree, from_json(&serde_json::to_value(&schema).expect("JSON")));
    }

    fn from_json(value: &serde_json::Value) -> Tree {
        use serde_json::Value;
        match value {
            Value::Null => Tree::Null,
            Value::Bool(flag) => Tree::Bool(*flag),
            Value::Number(number) => match number.as_i64() {
                Some(int) => Tree::Int(int.into()),
                None => Tree::Float(number.as_f64().expect("a number")),
            },
            Value::String(text) => Tree::Text(text.clone()),
            Value::Array(items) => Tree::Seq(items.iter().map(from_json).collect()),
            Value::Object(members) => {
                Tree::Map(members.iter().map(|(key, value)| (key.clone(), from_json(value))).collect())
            }
        }
    }
}
