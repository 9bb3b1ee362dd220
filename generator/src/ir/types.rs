//! Types: structs, enums and aliases, and references to them.

use super::constraints::Constraints;
use super::docs::Docs;

/// Index of a named type in [`super::Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A named Rust type to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// The JSON pointer of the schema it was made from.
    pub origin: String,
    /// Its documentation.
    pub docs: Docs,
    /// What it is.
    pub kind: TypeKind,
    /// Which optional traits it can derive (decided by `passes`).
    pub derives: Derives,
    /// Whether its values hold something checked before they are sent: a
    /// struct with a constrained field, or a type holding such a struct
    /// (decided by `passes`). Such structs implement the runtime's `Validate`.
    pub validated: bool,
    /// Whether a request sends values of it (decided by `passes`): only then
    /// it has a constructor, and its unset optional fields are left out when
    /// it is serialised.
    pub sent: bool,
    /// Whether a response holds values of it (decided by `passes`): only
    /// then it derives `Deserialize`.
    pub received: bool,
    /// Whether values of it are serialised (decided by `passes`): sent types,
    /// and the pages of paginated operations, which the runtime reads items
    /// and the next page from. Only then it derives `Serialize`: each derive
    /// costs the crate using the client compile time.
    pub serialized: bool,
    /// The cargo features of the groups whose operations use it, in a crate
    /// that gates tags by feature (`passes::gate_tags`): it is built when any
    /// is on. Empty: always built.
    pub features: Vec<String>,
}

/// Traits beyond `Debug, Clone, PartialEq` (and serde's, by direction) a type can derive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Derives {
    /// `Eq` (no floating-point value inside).
    pub eq: bool,
    /// `Default` (every field has a default).
    pub default: bool,
    /// `Hash` (no floating-point value or arbitrary JSON inside).
    pub hash: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum with a catch-all variant.
    Enum(StringEnum),
    /// An integer enum with a catch-all variant.
    IntEnum(IntEnum),
    /// One of several types (`oneOf`/`anyOf`), tagged by a discriminator or untagged.
    Union(Union),
    /// A type alias (`pub type Name = Vec<String>;`).
    Alias(Ty),
}

/// A struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Its fields, in the spec's order.
    pub fields: Vec<Field>,
    /// Indices into `fields` of the required ones, in the order of the schema's `required` list.
    pub constructor: Vec<usize>,
    /// Properties not listed (`additionalProperties`), kept in a flattened map field.
    pub additional: Option<Additional>,
}

/// The flattened map holding an object's unlisted properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Additional {
    /// The Rust field name (`additional_properties`).
    pub name: String,
    /// The type of each value.
    pub ty: Ty,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust field name.
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// The field's type, without the `Option` that `presence` may add.
    pub ty: Ty,
    /// Whether the property is required and may be null.
    pub presence: Presence,
    /// Whether the value sits behind a `Box` to break a cycle of types.
    pub boxed: bool,
    /// The schema's `default`, applied when the property is absent (`Presence::Defaulted`).
    pub default: Option<Literal>,
    /// `readOnly`/`writeOnly`.
    pub access: Access,
    /// What the schema requires of the value, checked before it is sent.
    pub constraints: Constraints,
    /// Its documentation.
    pub docs: Docs,
}

/// Whether a property must be present and may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Required and not nullable: `T`.
    Required,
    /// Required but nullable: `Option<T>`, serialised as `null`.
    RequiredNullable,
    /// Not required: `Option<T>`, omitted when `None`.
    Optional,
    /// Not required and nullable, in a type a JSON request body sends:
    /// `Option<Option<T>>`, three states: omitted (`None`), `null`
    /// (`Some(None)`) and a value. Elsewhere such a property is `Optional`.
    OptionalNullable,
    /// Not required but with a `default`: `T`, the default applied when absent.
    Defaulted,
}

/// Which direction a property travels in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Both ways.
    #[default]
    ReadWrite,
    /// `readOnly`: sent by the server only.
    ReadOnly,
    /// `writeOnly`: sent by the client only.
    WriteOnly,
}

/// A default value that can be written as a Rust expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `true`/`false`.
    Bool(bool),
    /// An integer.
    Integer(i128),
    /// A floating-point number.
    Float(f64),
    /// A string.
    String(String),
    /// A variant of the field's enum type, by Rust name.
    Variant(String),
}

/// An integer enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntEnum {
    /// The known values, by Rust variant name.
    pub variants: Vec<(String, i64)>,
    /// The name of the variant holding values the spec does not list.
    pub catch_all: String,
}

/// A `oneOf`/`anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The discriminator property, when the union is tagged.
    pub discriminator: Option<String>,
    /// The alternatives, in the order they are tried when untagged.
    pub variants: Vec<UnionVariant>,
    /// For tagged unions: the variant holding objects with an unknown tag.
    pub catch_all: Option<String>,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// Its payload type.
    pub ty: Ty,
    /// The discriminator value selecting it (tagged unions).
    pub tag: Option<String>,
    /// Whether the payload sits behind a `Box` to break a cycle of types.
    pub boxed: bool,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringEnum {
    /// The known values.
    pub variants: Vec<Variant>,
    /// The name of the variant holding values the spec does not list.
    pub catch_all: String,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub wire_value: String,
}

/// A Rust type as used in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    /// A named type.
    Named(TypeId),
    /// A primitive.
    Scalar(Scalar),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// `Option<T>`.
    Option(Box<Ty>),
    /// Any JSON: `serde_json::Value`.
    Json,
    /// Raw bytes of a binary body: `Vec<u8>`.
    Bytes,
    /// No value: `()`.
    Unit,
}

/// A primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// `bool`
    Bool,
    /// `i8` (`format: int8`)
    I8,
    /// `i16` (`format: int16`)
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `u8` (`format: uint8`)
    U8,
    /// `u16` (`format: uint16`)
    U16,
    /// `u32` (`format: uint32`)
    U32,
    /// `u64` (`format: uint64`)
    U64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `String`
    String,
    /// `uuid::Uuid`
    Uuid,
    /// The runtime's `time::DateTime` (RFC 3339, offset kept or absent as read)
    DateTime,
    /// The runtime's `time::Date`
    Date,
    /// Bytes sent as base64 text (`format: byte`): the runtime's `Base64`.
    Base64,
    /// A file (`format: binary`): the runtime's `FilePart`, a file part in multipart bodies.
    Binary,
}

impl Ty {
    /// This type and the types it holds, outermost first: `Vec<Option<X>>`,
    /// `Option<X>`, `X`. Named types are not entered (see [`TypeKind::member_types`]).
    pub fn walk(&self) -> impl Iterator<Item = &Ty> {
        std::iter::successors(Some(self), |ty| match ty {
            Self::Vec(inner) | Self::Map(inner) | Self::Option(inner) => Some(&**inner),
            _ => None,
        })
    }
}

impl TypeKind {
    /// The types a value of this kind holds: its fields' (and unlisted
    /// properties'), its variants', or the aliased type.
    pub fn member_types(&self) -> impl Iterator<Item = &Ty> {
        let (fields, additional, variants, aliased) = match self {
            Self::Struct(shape) => (shape.fields.as_slice(), shape.additional.as_ref(), [].as_slice(), None),
            Self::Union(union) => ([].as_slice(), None, union.variants.as_slice(), None),
            Self::Alias(ty) => ([].as_slice(), None, [].as_slice(), Some(ty)),
            Self::Enum(_) | Self::IntEnum(_) => ([].as_slice(), None, [].as_slice(), None),
        };
        let fields = fields.iter().map(|field| &field.ty);
        let additional = additional.into_iter().map(|additional| &additional.ty);
        fields.chain(additional).chain(variants.iter().map(|variant| &variant.ty)).chain(aliased)
    }
}
