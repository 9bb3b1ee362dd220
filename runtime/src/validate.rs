//! Checking request data against its schemas' constraints before it is sent.

use super::{ConstraintViolation, Number, Rule};

/// The number as a float; precision lost past 2^53 only matters when comparing with a float.
fn as_f64(number: Number) -> f64 {
    match number {
        Number::Int(value) => value as f64,
        Number::Float(value) => value,
    }
}

/// How two numbers compare: integers exactly, anything else as floats.
fn compare(left: Number, right: Number) -> Option<std::cmp::Ordering> {
    match (left, right) {
        (Number::Int(left), Number::Int(right)) => Some(left.cmp(&right)),
        (left, right) => as_f64(left).partial_cmp(&as_f64(right)),
    }
}

/// Where a value sits in a request: `Options.Meta`, `items[2].name`. Built on
/// the stack as checks descend and rendered only when one fails.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl At<'static> {
    /// The value itself: a body, or the container of parameters.
    pub const ROOT: Self = Self { parent: None, segment: Segment::Root };

    /// The parameter `name` (its name on the wire) of an operation.
    pub const fn param(name: &'static str) -> Self {
        Self { parent: Some(&Self::ROOT), segment: Segment::Field(name) }
    }
}

impl<'a> At<'a> {
    /// The property or parameter `name` (its name on the wire) of this value.
    pub fn field<'b>(&'b self, name: &'b str) -> At<'b> {
        At { parent: Some(self), segment: Segment::Field(name) }
    }

    /// Item `index` of this array.
    pub fn index(&self, index: usize) -> At<'_> {
        At { parent: Some(self), segment: Segment::Index(index) }
    }

    /// The value under `key` of this map.
    pub fn key<'b>(&'b self, key: &'b str) -> At<'b> {
        At { parent: Some(self), segment: Segment::Key(key) }
    }

    /// The path from the root, e.g. `items[2].name`; empty for the root.
    pub fn path(&self) -> String {
        let mut segments = Vec::new();
        let mut current = Some(self);
        while let Some(at) = current {
            segments.push(at.segment);
            current = at.parent;
        }
        let mut path = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Field(name) | Segment::Key(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Index(index) => path.push_str(&format!("[{index}]")),
            }
        }
        path
    }

    fn violates(&self, rule: Rule) -> Result<(), ConstraintViolation> {
        Err(ConstraintViolation::new(self.path(), rule))
    }
}

/// Values whose schemas constrain them (or something inside them). Operations
/// check their bodies before sending; call [`Validate::validate`] to check earlier.
pub trait Validate {
    /// Checks the value, which sits at `at` in the request.
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation>;

    /// Checks the value and everything inside it against their schemas' constraints.
    fn validate(&self) -> Result<(), ConstraintViolation> {
        self.validate_at(At::ROOT)
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        (**self).validate_at(at)
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        (**self).validate_at(at)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        match self {
            Some(value) => value.validate_at(at),
            None => Ok(()),
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        self.iter().enumerate().try_for_each(|(index, item)| item.validate_at(at.index(index)))
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        self.as_slice().validate_at(at)
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
        self.iter().try_for_each(|(key, value)| value.validate_at(at.key(key)))
    }
}

/// `minLength` and `maxLength`, counted in characters as JSON Schema does.
pub fn check_length(
    at: At<'_>,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ConstraintViolation> {
    let length = value.chars().count();
    match (min, max) {
        (Some(min), _) if length < min => at.violates(Rule::MinLength(min)),
        (_, Some(max)) if length > max => at.violates(Rule::MaxLength(max)),
        _ => Ok(()),
    }
}

/// `pattern`: `matched` tells whether the text matches `pattern` (the
/// generated code holds the compiled expression).
pub fn check_pattern(at: At<'_>, matched: bool, pattern: &'static str) -> Result<(), ConstraintViolation> {
    if matched {
        Ok(())
    } else {
        at.violates(Rule::Pattern(pattern))
    }
}

/// `minItems` and `maxItems`.
pub fn check_items<T>(
    at: At<'_>,
    items: &[T],
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ConstraintViolation> {
    match (min, max) {
        (Some(min), _) if items.len() < min => at.violates(Rule::MinItems(min)),
        (_, Some(max)) if items.len() > max => at.violates(Rule::MaxItems(max)),
        _ => Ok(()),
    }
}

/// A bound check: `value` passes when its ordering against `bound` is `accepted`.
/// A value that does not compare (NaN) violates every bound.
fn check_bound(
    at: At<'_>,
    value: Number,
    bound: Number,
    accepted: fn(std::cmp::Ordering) -> bool,
    rule: fn(Number) -> Rule,
) -> Result<(), ConstraintViolation> {
    if compare(value, bound).is_some_and(accepted) {
        Ok(())
    } else {
        at.violates(rule(bound))
    }
}

/// `minimum`.
pub fn check_minimum(
    at: At<'_>,
    value: impl Into<Number>,
    minimum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), minimum.into(), std::cmp::Ordering::is_ge, Rule::Minimum)
}

/// `minimum` with `exclusiveMinimum: true`.
pub fn check_exclusive_minimum(
    at: At<'_>,
    value: impl Into<Number>,
    minimum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), minimum.into(), std::cmp::Ordering::is_gt, Rule::ExclusiveMinimum)
}

/// `maximum`.
pub fn check_maximum(
    at: At<'_>,
    value: impl Into<Number>,
    maximum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), maximum.into(), std::cmp::Ordering::is_le, Rule::Maximum)
}

/// `maximum` with `exclusiveMaximum: true`.
pub fn check_exclusive_maximum(
    at: At<'_>,
    value: impl Into<Number>,
    maximum: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    check_bound(at, value.into(), maximum.into(), std::cmp::Ordering::is_lt, Rule::ExclusiveMaximum)
}

/// `multipleOf`. Floats are compared within rounding error, so `0.3` is a
/// multiple of `0.1` as it is in decimal.
pub fn check_multiple_of(
    at: At<'_>,
    value: impl Into<Number>,
    factor: impl Into<Number>,
) -> Result<(), ConstraintViolation> {
    let factor = factor.into();
    let multiple = match (value.into(), factor) {
        (Number::Int(value), Number::Int(factor)) => value.checked_rem(factor).is_some_and(|rest| rest == 0),
        (value, factor) => {
            let quotient = as_f64(value) / as_f64(factor);
            quotient.is_finite() && (quotient - quotient.round()).abs() <= quotient.abs().max(1.0) * 8.0 * f64::EPSILON
        }
    };
    if multiple {
        Ok(())
    } else {
        at.violates(Rule::MultipleOf(factor))
    }
}

/// What a check reaches inside a value: the value itself, what an `Option`
/// holds, each item of a list and each value of a map, each with its path.
/// `L` is what is checked: `str` for texts, [`Number`] for numbers. It lets
/// one call check a field of any shape (`Option<Vec<String>>`…).
pub trait Leaves<L: ?Sized> {
    /// Runs `check` on every `L` inside, with its path from `at`.
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation>;
}

impl Leaves<str> for String {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &str) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        check(at, self)
    }
}

macro_rules! number_leaves {
    ($($number:ty),*) => {$(
        impl Leaves<Number> for $number {
            fn each(&self, at: At<'_>, check: &mut dyn FnMut(At<'_>, &Number) -> Result<(), ConstraintViolation>) -> Result<(), ConstraintViolation> {
                check(at, &Number::from(*self))
            }
        }
    )*};
}
number_leaves!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl<L: ?Sized, T: Leaves<L> + ?Sized> Leaves<L> for &T {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        (**self).each(at, check)
    }
}

impl<L: ?Sized, T: Leaves<L>> Leaves<L> for Option<T> {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        match self {
            Some(value) => value.each(at, check),
            None => Ok(()),
        }
    }
}

impl<L: ?Sized, T: Leaves<L>> Leaves<L> for Vec<T> {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        for (index, item) in self.iter().enumerate() {
            item.each(at.index(index), check)?;
        }
        Ok(())
    }
}

impl<L: ?Sized, T: Leaves<L>> Leaves<L> for std::collections::BTreeMap<String, T> {
    fn each(
        &self,
        at: At<'_>,
        check: &mut dyn FnMut(At<'_>, &L) -> Result<(), ConstraintViolation>,
    ) -> Result<(), ConstraintViolation> {
        for (key, value) in self {
            value.each(at.key(key), check)?;
        }
        Ok(())
    }
}

/// A list, or an optional one: what `minItems` and `maxItems` count.
pub trait Counted {
    /// The number of items; `None` when there is no list.
    fn count(&self) -> Option<usize>;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Counted + ?Sized> Counted for &T {
    fn count(&self) -> Option<usize> {
        (**self).count()
    }
}

impl<T: Counted> Counted for Option<T> {
    fn count(&self) -> Option<usize> {
        self.as_ref().and_then(Counted::count)
    }
}

/// One call per rule, whatever the shape of the field (the rule applies to
/// every text or number inside it): `at.field("name").length(&self.name, None, Some(64))?`.
impl At<'_> {
    /// `minLength` and `maxLength` of every text in `value`.
    pub fn length<V: Leaves<str> + ?Sized>(
        self,
        value: &V,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), ConstraintViolation> {
        value.each(self, &mut |at, text| check_length(at, text, min, max))
    }

    /// `pattern` of every text in `value`; `matches` runs the compiled expression.
    pub fn pattern<V: Leaves<str> + ?Sized>(
        self,
        value: &V,
        pattern: &'static str,
        matches: impl Fn(&str) -> bool,
    ) -> Result<(), ConstraintViolation> {
        value.each(self, &mut |at, text| check_pattern(at, matches(text), pattern))
    }

    /// `minItems` and `maxItems` of the list `value` (if there is one).
    pub fn items<V: Counted + ?Sized>(
        self,
        value: &V,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), ConstraintViolation> {
        match value.count() {
            Some(count) => match (min, max) {
                (Some(min), _) if count < min => self.violates(Rule::MinItems(min)),
                (_, Some(max)) if count > max => self.violates(Rule::MaxItems(max)),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }

    /// `minimum` of every number in `value`.
    pub fn minimum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_minimum(at, *number, bound))
    }

    /// `minimum` with `exclusiveMinimum: true`, of every number in `value`.
    pub fn exclusive_minimum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_exclusive_minimum(at, *number, bound))
    }

    /// `maximum` of every number in `value`.
    pub fn maximum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_maximum(at, *number, bound))
    }

    /// `maximum` with `exclusiveMaximum: true`, of every number in `value`.
    pub fn exclusive_maximum<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        bound: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let bound = bound.into();
        value.each(self, &mut |at, number| check_exclusive_maximum(at, *number, bound))
    }

    /// `multipleOf` of every number in `value`.
    pub fn multiple_of<V: Leaves<Number> + ?Sized>(
        self,
        value: &V,
        factor: impl Into<Number>,
    ) -> Result<(), ConstraintViolation> {
        let factor = factor.into();
        value.each(self, &mut |at, number| check_multiple_of(at, *number, factor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn paths_use_wire_names_dots_and_indices() {
        let root = At::ROOT;
        let items = root.field("items");
        let item = items.index(2);
        assert_eq!(item.field("name").path(), "items[2].name");
        assert_eq!(At::ROOT.field("Options").field("Meta").path(), "Options.Meta");
        assert_eq!(At::ROOT.field("Labels").key("colour").path(), "Labels.colour");
        assert_eq!(At::ROOT.index(0).field("id").path(), "[0].id");
        assert_eq!(At::ROOT.path(), "");
    }

    #[test]
    fn lengths_count_characters_and_name_the_rule() {
        assert_eq!(check_length(At::ROOT.field("Meta"), &"é".repeat(128), None, Some(128)), Ok(()));
        let violation = check_length(At::ROOT.field("Meta"), &"x".repeat(129), Some(0), Some(128))
            .expect_err("129 characters exceed 128");
        assert_eq!((violation.path(), violation.rule()), ("Meta", Rule::MaxLength(128)));
        assert_eq!(violation.to_string(), "`Meta` violates maxLength 128");
        let violation = check_length(At::ROOT.field("Name"), "", Some(1), None).expect_err("empty");
        assert_eq!(violation.to_string(), "`Name` violates minLength 1");
    }

    #[test]
    fn patterns_and_item_counts() {
        assert_eq!(check_pattern(At::ROOT.field("Email"), true, "^[^@]+@[^@]+$"), Ok(()));
        let violation = check_pattern(At::ROOT.field("Email"), false, "^[^@]+@[^@]+$").expect_err("no match");
        assert_eq!(violation.to_string(), "`Email` violates pattern ^[^@]+@[^@]+$");
        assert_eq!(check_items(At::ROOT, &[1, 2], Some(1), Some(2)), Ok(()));
        assert_eq!(check_items(At::ROOT, &[0u8; 0], Some(1), None).map_err(|v| v.rule()), Err(Rule::MinItems(1)));
        let violation = check_items(At::ROOT, &[1, 2, 3], None, Some(2)).expect_err("three items");
        assert_eq!(violation.to_string(), "the request body violates maxItems 2");
    }

    #[test]
    fn numeric_bounds_respect_exclusivity() {
        let at = At::ROOT.field("n");
        assert_eq!(check_minimum(at, 1_i32, 1_i64), Ok(()));
        assert_eq!(check_minimum(at, 0_i32, 1_i64).map_err(|v| v.rule()), Err(Rule::Minimum(Number::Int(1))));
        assert_eq!(check_exclusive_minimum(at, 1_i64, 0_i64), Ok(()));
        let violation = check_exclusive_minimum(at, 0_i64, 0_i64).expect_err("the bound itself is excluded");
        assert_eq!(violation.to_string(), "`n` violates exclusiveMinimum 0");
        assert_eq!(check_maximum(at, 1.0_f64, 1.0_f64), Ok(()));
        assert_eq!(check_exclusive_maximum(at, 0.999_f64, 1.0_f64), Ok(()));
        assert!(check_exclusive_maximum(at, 1.0_f64, 1.0_f64).is_err());
        assert!(check_maximum(at, 2_i64, 1.5_f64).is_err(), "integers compare with float bounds");
        // An f32 is compared as the decimal it is sent as.
        assert!(check_exclusive_maximum(at, 0.1_f32, 0.1_f64).is_err());
        assert_eq!(check_maximum(at, 0.1_f32, 0.1_f64), Ok(()));
        assert!(check_minimum(at, f64::NAN, 0.0_f64).is_err(), "NaN satisfies no bound");
        // i64 bounds beyond 2^53 compare exactly.
        assert!(check_maximum(at, i64::MAX, i64::MAX - 1).is_err());
    }

    #[test]
    fn every_integer_width_compares_exactly() {
        let at = At::ROOT.field("n");
        assert_eq!(check_minimum(at, -5_i8, -5_i64), Ok(()));
        assert!(check_minimum(at, -6_i8, -5_i64).is_err());
        assert!(check_maximum(at, 300_i16, 255_i64).is_err());
        assert_eq!(check_maximum(at, 255_u8, 255_i64), Ok(()));
        assert!(check_exclusive_maximum(at, 65_535_u16, 65_535_i64).is_err());
        assert!(check_minimum(at, 0_u32, 1_i64).is_err());
        assert_eq!(check_minimum(at, u32::MAX, 1_i64), Ok(()));
        // Above i64::MAX, where an i64 or f64 comparison would be wrong.
        assert!(check_maximum(at, u64::MAX, i64::MAX).is_err());
        assert!(check_maximum(at, 1_u64 << 63, i64::MAX).is_err());
        assert_eq!(check_multiple_of(at, u64::MAX - 1, 2_i64), Ok(()));
        assert!(check_multiple_of(at, u64::MAX, 2_i64).is_err());
    }

    #[test]
    fn multiples_of_integers_and_decimal_fractions() {
        let at = At::ROOT.field("n");
        assert_eq!(check_multiple_of(at, 15_i64, 5_i64), Ok(()));
        assert_eq!(check_multiple_of(at, -15_i32, 5_i64), Ok(()));
        let violation = check_multiple_of(at, 16_i64, 5_i64).expect_err("16 is not a multiple of 5");
        assert_eq!(violation.to_string(), "`n` violates multipleOf 5");
        assert_eq!(check_multiple_of(at, 0.3_f64, 0.1_f64), Ok(()));
        assert_eq!(check_multiple_of(at, 12.34_f32, 0.01_f64), Ok(()));
        assert_eq!(check_multiple_of(at, 1e12_f64, 0.5_f64), Ok(()));
        assert!(check_multiple_of(at, 0.35_f64, 0.1_f64).is_err());
        assert!(check_multiple_of(at, 1e12_f64 + 0.25, 0.5_f64).is_err());
        assert!(check_multiple_of(at, 2.5_f64, 1_i64).is_err());
    }

    #[derive(Debug)]
    struct Item {
        name: String,
    }

    impl Validate for Item {
        fn validate_at(&self, at: At<'_>) -> Result<(), ConstraintViolation> {
            check_length(at.field("name"), &self.name, Some(1), None)
        }
    }

    #[test]
    fn containers_validate_every_element_at_its_path() {
        let item = |name: &str| Item { name: name.to_owned() };
        assert_eq!(vec![item("a"), item("b")].validate(), Ok(()));
        let violation = vec![item("a"), item("b"), item("")].validate().expect_err("third is empty");
        assert_eq!(violation.path(), "[2].name");
        let nested = Some(Box::new(vec![item("")]));
        assert_eq!(
            nested.validate_at(At::ROOT.field("items")).map_err(|v| v.path().to_owned()),
            Err("items[0].name".into())
        );
        let map: std::collections::BTreeMap<String, Item> = [("k".to_owned(), item(""))].into_iter().collect();
        assert_eq!(map.validate().map_err(|v| v.path().to_owned()), Err("k.name".into()));
        assert_eq!(None::<Item>.validate(), Ok(()));
        assert_eq!(Validate::validate(&&item("x")), Ok(()), "references validate what they refer to");
    }

    #[test]
    fn violations_become_validation_errors_that_send_nothing() {
        let violation = check_length(At::ROOT.field("Name"), "", Some(1), None).expect_err("empty");
        let error: Error<()> = violation.clone().into();
        assert!(matches!(&error, Error::Validation(found) if **found == violation));
        assert_eq!(error.status(), None);
        assert_eq!(error.to_string(), "invalid request: `Name` violates minLength 1");
        assert!(std::error::Error::source(&error).is_some());
    }
}
