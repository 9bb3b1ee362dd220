//! Objects → structs: properties gathered from the schema and, for `allOf`,
//! from every member (referenced or inline), with required lists merged.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use crate::ir::{
    Access, Additional, Constraints, Docs, Field, Literal, Presence, Scalar, Struct, Ty, TypeId, TypeKind,
};
use crate::limits::MAX_DEPTH;
use crate::naming::{pascal, snake, Scope};
use crate::pointer::Pointer;

use super::{enums, schema_docs, Lowered, SchemaRef, Types};

/// An object's members, gathered from `properties` and `allOf`.
pub(in crate::lower) struct ObjectShape<'d> {
    /// Wire name, schema and pointer of each property, in order of first
    /// occurrence; a property several `allOf` members declare keeps the most
    /// specific schema (see [`Types::merge_property`]).
    pub properties: Vec<(&'d String, SchemaRef<'d>, Pointer)>,
    pub required: Vec<&'d String>,
    pub additional: Option<(&'d AdditionalProperties, Pointer)>,
    /// Properties declared with types that contradict each other: where the
    /// later declaration is, and the earlier one that was kept.
    pub conflicts: Vec<(Pointer, Pointer)>,
}

impl<'d> Types<'d> {
    /// Whether the schema becomes a struct (an object with properties, possibly through `allOf`).
    pub(super) fn is_struct(&self, schema: &'d Schema) -> bool {
        self.object_shape(schema, &Pointer::root()).is_some_and(|shape| !shape.properties.is_empty())
    }

    /// The object members of `schema`, or `None` when it is not an object
    /// (e.g. an `allOf` with a string member).
    pub(super) fn object_shape(&self, schema: &'d Schema, at: &Pointer) -> Option<ObjectShape<'d>> {
        let mut shape =
            ObjectShape { properties: Vec::new(), required: Vec::new(), additional: None, conflicts: Vec::new() };
        self.collect(schema, at, &mut shape, 0).then_some(shape)
    }

    fn collect(&self, schema: &'d Schema, at: &Pointer, shape: &mut ObjectShape<'d>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                self.add_members(
                    shape,
                    &object.properties,
                    &object.required,
                    object.additional_properties.as_ref(),
                    at,
                );
                true
            }
            SchemaKind::Any(any) if any.typ.as_deref().is_none_or(|typ| typ == "object") => {
                self.add_members(shape, &any.properties, &any.required, any.additional_properties.as_ref(), at);
                any.all_of.iter().enumerate().all(|(index, member)| {
                    self.collect_member(member.into(), &at.join("allOf").join(index.to_string()), shape, depth)
                })
            }
            SchemaKind::AllOf { all_of } => all_of.iter().enumerate().all(|(index, member)| {
                self.collect_member(member.into(), &at.join("allOf").join(index.to_string()), shape, depth)
            }),
            _ => false,
        }
    }

    fn collect_member(&self, member: SchemaRef<'d>, at: &Pointer, shape: &mut ObjectShape<'d>, depth: usize) -> bool {
        match member {
            SchemaRef::Inline(schema) => self.collect(schema, at, shape, depth + 1),
            SchemaRef::Ref(reference) => match self.resolve(member) {
                Some(schema) => {
                    let component_at = Pointer::parse(reference).unwrap_or_else(|| at.clone());
                    self.collect(schema, &component_at, shape, depth + 1)
                }
                None => false,
            },
        }
    }

    fn add_members(
        &self,
        shape: &mut ObjectShape<'d>,
        properties: &'d indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &'d [String],
        additional: Option<&'d AdditionalProperties>,
        at: &Pointer,
    ) {
        for (name, property) in properties {
            let property_at = at.join("properties").join(name);
            match shape.properties.iter().position(|(existing, _, _)| *existing == name) {
                None => shape.properties.push((name, property.into(), property_at)),
                Some(index) => self.merge_property(shape, index, property.into(), property_at),
            }
        }
        for name in required {
            if !shape.required.contains(&name) {
                shape.required.push(name);
            }
        }
        if let Some(additional) = additional {
            if shape.additional.is_none() {
                shape.additional = Some((additional, at.join("additionalProperties")));
            }
        }
    }

    /// A property declared again by another `allOf` member: the more specific
    /// declaration wins (a `$ref` or typed schema over a free-form object, as in
    /// `attributes: {type: object}` refined to `attributes: {$ref: AudioItemData}`);
    /// two declarations of different JSON types are a conflict, and the first is kept.
    fn merge_property(&self, shape: &mut ObjectShape<'d>, index: usize, later: SchemaRef<'d>, later_at: Pointer) {
        let (_, earlier, earlier_at) = &shape.properties[index];
        let (earlier_kind, later_kind) = (self.json_kind(*earlier), self.json_kind(later));
        if earlier_kind == Some(JsonKind::FreeForm) && later_kind != Some(JsonKind::FreeForm) {
            shape.properties[index].1 = later;
            shape.properties[index].2 = later_at;
        } else if earlier_kind.is_some()
            && later_kind.is_some()
            && earlier_kind != later_kind
            && later_kind != Some(JsonKind::FreeForm)
        {
            shape.conflicts.push((later_at, earlier_at.clone()));
        }
    }

    /// What kind of JSON value a schema describes, following `$ref`s; `None`
    /// when that is not one kind (a union) or cannot be told.
    fn json_kind(&self, schema: SchemaRef<'d>) -> Option<JsonKind> {
        let schema = self.resolve(schema)?;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => Some(JsonKind::String),
            SchemaKind::Type(Type::Integer(_) | Type::Number(_)) => Some(JsonKind::Number),
            SchemaKind::Type(Type::Boolean(_)) => Some(JsonKind::Boolean),
            SchemaKind::Type(Type::Array(_)) => Some(JsonKind::Array),
            SchemaKind::Type(Type::Object(object))
                if object.properties.is_empty()
                    && !matches!(object.additional_properties, Some(AdditionalProperties::Schema(_))) =>
            {
                Some(JsonKind::FreeForm)
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => Some(JsonKind::Object),
            SchemaKind::Any(any) if any.typ.is_none() && *any == openapiv3::AnySchema::default() => {
                Some(JsonKind::FreeForm)
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => Some(JsonKind::Object),
            _ => None,
        }
    }

    /// The struct for an object shape; nested inline types are named `{parent}{Property}`.
    pub(super) fn lower_struct(&mut self, shape: ObjectShape<'d>, id: TypeId, parent: &str, at: &Pointer) -> Struct {
        for (later, earlier) in &shape.conflicts {
            self.warn(format!("this property's type contradicts its declaration at `{earlier}`, which is kept"), later);
        }
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(shape.properties.len());
        for (wire_name, property, property_at) in &shape.properties {
            let hint = format!("{parent}{}", pascal(wire_name));
            let Lowered { ty, nullable, constraints } = self.ty_of(*property, &hint, property_at);
            let inline = match property {
                SchemaRef::Inline(schema) => Some(*schema),
                SchemaRef::Ref(_) => None,
            };
            let data = inline.map(|schema| &schema.schema_data);
            let access = match data {
                Some(data) if data.read_only => Access::ReadOnly,
                Some(data) if data.write_only => Access::WriteOnly,
                _ => Access::ReadWrite,
            };
            let default = data.and_then(|data| data.default.as_ref()).and_then(|value| self.literal(value, &ty));
            // A read-only property is never sent and a write-only one never
            // received, so neither can be required in both directions.
            let required = shape.required.contains(wire_name) && access == Access::ReadWrite;
            let presence = match (required, nullable, &default) {
                (true, false, _) => Presence::Required,
                (true, true, _) => Presence::RequiredNullable,
                (false, false, Some(_)) => Presence::Defaulted,
                (false, true, _) => Presence::OptionalNullable,
                (false, false, None) => Presence::Optional,
            };
            let docs = inline.map_or_else(Docs::default, schema_docs);
            let name = scope.claim(&snake(wire_name));
            // Settled once every component is lowered.
            self.field_constraints.push((id, fields.len(), constraints));
            fields.push(Field {
                name,
                wire_name: (*wire_name).clone(),
                ty,
                presence,
                boxed: false,
                default,
                access,
                constraints: Constraints::default(),
                docs,
            });
        }
        let mut constructor = Vec::new();
        for wire_name in &shape.required {
            match fields.iter().position(|field| &field.wire_name == *wire_name) {
                Some(index)
                    if !constructor.contains(&index)
                        && matches!(fields[index].presence, Presence::Required | Presence::RequiredNullable) =>
                {
                    constructor.push(index)
                }
                Some(_) => {}
                None => self.warn(
                    format!("required property `{wire_name}` is not among the properties; it is ignored"),
                    &at.join("required"),
                ),
            }
        }
        let additional = match shape.additional {
            Some((AdditionalProperties::Schema(value), value_at)) => {
                Some(self.ty_of(value.as_ref().into(), &format!("{parent}Value"), &value_at).ty)
            }
            Some((AdditionalProperties::Any(true), _)) => Some(Ty::Json),
            _ => None,
        };
        let additional = additional.map(|ty| Additional { name: scope.claim("additional_properties"), ty });
        Struct { fields, constructor, additional }
    }

    /// A `default` that can be written as a Rust value of `ty`.
    fn literal(&self, value: &Value, ty: &Ty) -> Option<Literal> {
        match (ty, value) {
            (Ty::Scalar(Scalar::Bool), Value::Bool(flag)) => Some(Literal::Bool(*flag)),
            (Ty::Scalar(Scalar::String), Value::String(text)) => Some(Literal::String(text.clone())),
            (Ty::Scalar(Scalar::F32 | Scalar::F64), Value::Number(number)) => {
                number.as_f64().filter(|float| float.is_finite()).map(Literal::Float)
            }
            (Ty::Scalar(scalar), Value::Number(number)) => {
                let integer = number.as_i64().map(i128::from).or_else(|| number.as_u64().map(i128::from))?;
                fits(*scalar, integer).then_some(Literal::Integer(integer))
            }
            (Ty::Named(id), value) => self.variant_for(*id, value).map(Literal::Variant),
            _ => None,
        }
    }

    /// The enum variant of type `id` whose wire value is `value`.
    fn variant_for(&self, id: TypeId, value: &Value) -> Option<String> {
        let kind = match &self.defs[id.0].kind {
            // A component defined later than its use: name its variants the same way now.
            TypeKind::Alias(_) => match &self.components.get(id.0)?.1 {
                ReferenceOr::Item(schema) => match &schema.schema_kind {
                    SchemaKind::Type(Type::String(string)) => {
                        TypeKind::Enum(enums::string_enum(string.enumeration.iter().flatten()))
                    }
                    _ => return None,
                },
                ReferenceOr::Reference { .. } => return None,
            },
            kind => kind.clone(),
        };
        match (kind, value) {
            (TypeKind::Enum(values), Value::String(text)) => {
                values.variants.into_iter().find(|variant| &variant.wire_value == text).map(|variant| variant.name)
            }
            (TypeKind::IntEnum(values), Value::Number(number)) => {
                let number = number.as_i64()?;
                values.variants.into_iter().find(|(_, value)| *value == number).map(|(name, _)| name)
            }
            _ => None,
        }
    }
}

/// The kinds of JSON value property declarations are compared by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    String,
    Number,
    Boolean,
    Array,
    Object,
    /// An object of any shape (`{}`, `type: object` without properties).
    FreeForm,
}

/// Whether `value` is in the range of the integer type `scalar`.
fn fits(scalar: Scalar, value: i128) -> bool {
    let (min, max): (i128, i128) = match scalar {
        Scalar::I8 => (i8::MIN.into(), i8::MAX.into()),
        Scalar::I16 => (i16::MIN.into(), i16::MAX.into()),
        Scalar::I32 => (i32::MIN.into(), i32::MAX.into()),
        Scalar::I64 => (i64::MIN.into(), i64::MAX.into()),
        Scalar::U8 => (0, u8::MAX.into()),
        Scalar::U16 => (0, u16::MAX.into()),
        Scalar::U32 => (0, u32::MAX.into()),
        Scalar::U64 => (0, u64::MAX.into()),
        _ => return false,
    };
    (min..=max).contains(&value)
}
