//! Dates and date-times as servers send them, written back as they were read.

use std::fmt;
use std::str::FromStr;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `format: date-time` value.
///
/// Reads RFC 3339 date-times with an offset (`2026-01-02T03:04:05.250+01:00`,
/// `…Z`) and the offset-less forms many servers send (`2026-01-02T03:04:05`
/// from Python's naive `datetime` through FastAPI, `2018-01-01T03:33:33.02`
/// from .NET's `DateTime`), with `T` or a space between date and time and
/// fractional seconds of any length. A value is written back as it was read:
/// an offset-less one stays offset-less, no offset is invented.
///
/// An offset-less value is the server's local time, whose zone the API does
/// not say; [`DateTime::to_utc`] reads it as UTC, the common convention, and
/// [`DateTime::offset`] tells the two kinds apart. Equality compares what was
/// written: the same instant with two different offsets is two values.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

impl DateTime {
    /// A date-time without an offset, written as such.
    pub fn naive(local: NaiveDateTime) -> Self {
        Self { local, offset: None }
    }

    /// The date and time as written, without the offset.
    pub fn naive_local(self) -> NaiveDateTime {
        self.local
    }

    /// The offset it was written with; `None` for an offset-less value.
    pub fn offset(self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant in UTC; an offset-less value is read as UTC.
    pub fn to_utc(self) -> chrono::DateTime<chrono::Utc> {
        let utc = self.local
            - self.offset.map_or(chrono::TimeDelta::zero(), |offset| {
                chrono::TimeDelta::seconds(i64::from(offset.local_minus_utc()))
            });
        chrono::Utc.from_utc_datetime(&utc)
    }
}

/// The Unix epoch in UTC, as chrono's `DateTime<Utc>` defaults.
impl Default for DateTime {
    fn default() -> Self {
        chrono::DateTime::<chrono::Utc>::default().into()
    }
}

impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for DateTime {
    fn from(value: chrono::DateTime<Tz>) -> Self {
        let value = value.fixed_offset();
        Self { local: value.naive_local(), offset: Some(*value.offset()) }
    }
}

impl From<NaiveDateTime> for DateTime {
    fn from(local: NaiveDateTime) -> Self {
        Self::naive(local)
    }
}

/// Offset-less forms, tried after RFC 3339.
const NAIVE_FORMATS: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"];

/// Forms with an offset that RFC 3339 does not allow (`+0100`, a space before it).
const OFFSET_FORMATS: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f %z"];

impl FromStr for DateTime {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Ok(value) = chrono::DateTime::parse_from_rfc3339(text) {
            return Ok(value.into());
        }
        if let Some(value) =
            OFFSET_FORMATS.iter().find_map(|format| chrono::DateTime::parse_from_str(text, format).ok())
        {
            return Ok(value.into());
        }
        NAIVE_FORMATS
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .map(Self::naive)
            .ok_or_else(|| TimeError { text: text.to_owned(), expected: "a date-time" })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset.and_then(|offset| offset.from_local_datetime(&self.local).single()) {
            Some(value) => f.write_str(&value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
            None => write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S%.f")),
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({self})")
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A `format: date` value: `2026-01-02`.
///
/// Also read from the date-time forms some servers send for dates
/// (`2026-01-02T00:00:00`, with or without an offset), keeping the date as
/// written; always written as `2026-01-02`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl std::ops::Deref for Date {
    type Target = NaiveDate;

    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Self(date)
    }
}

impl FromStr for Date {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Self(date));
        }
        text.parse::<DateTime>()
            .map(|value| Self(value.naive_local().date()))
            .map_err(|_| TimeError { text: text.to_owned(), expected: "a date" })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A text that is not a date or date-time in any form this module reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError {
    text: String,
    expected: &'static str,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not {} (RFC 3339, with or without an offset)", self.text, self.expected)
    }
}

impl std::error::Error for TimeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let value: DateTime = text.parse().unwrap_or_else(|error| panic!("{error}"));
        let json = serde_json::to_string(&value).expect("serialises");
        let back: DateTime = serde_json::from_str(&json).expect("reads its own output");
        assert_eq!(back, value, "{text}");
        value.to_string()
    }

    #[test]
    fn offset_less_date_times_read_and_stay_offset_less() {
        assert_eq!(round_trip("2026-01-02T03:04:05"), "2026-01-02T03:04:05");
        assert_eq!(round_trip("2018-01-01T03:33:33.02"), "2018-01-01T03:33:33.020");
        assert_eq!(round_trip("2026-01-02T03:04:05.123456789"), "2026-01-02T03:04:05.123456789");
        assert_eq!(round_trip("2026-01-02T03:04:05.1234"), "2026-01-02T03:04:05.123400");
        assert_eq!(round_trip("2026-01-02 03:04:05"), "2026-01-02T03:04:05");
        assert_eq!(round_trip("2026-01-02T03:04"), "2026-01-02T03:04:00");
        let naive: DateTime = "2026-01-02T03:04:05".parse().expect("naive");
        assert_eq!(naive.offset(), None);
        assert_eq!(naive.to_utc().to_rfc3339(), "2026-01-02T03:04:05+00:00", "read as UTC");
    }

    #[test]
    fn rfc3339_date_times_keep_their_offset() {
        assert_eq!(round_trip("2026-01-02T03:04:05Z"), "2026-01-02T03:04:05Z");
        assert_eq!(round_trip("2026-01-02T03:04:05.5+01:00"), "2026-01-02T03:04:05.500+01:00");
        assert_eq!(round_trip("2026-01-02T03:04:05+0530"), "2026-01-02T03:04:05+05:30");
        let value: DateTime = "2026-01-02T03:04:05-02:00".parse().expect("offset");
        assert_eq!(value.offset(), FixedOffset::west_opt(2 * 3600));
        assert_eq!(value.to_utc().to_rfc3339(), "2026-01-02T05:04:05+00:00");
        let from_chrono = DateTime::from(value.to_utc());
        assert_eq!(from_chrono.to_string(), "2026-01-02T05:04:05Z");
    }

    #[test]
    fn dates_read_plain_and_date_time_forms() {
        for text in ["2026-01-02", "2026-01-02T00:00:00", "2026-01-02T23:00:00-05:00", "2026-01-02 00:00:00"] {
            let date: Date = serde_json::from_str(&format!("\"{text}\"")).unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(serde_json::to_string(&date).expect("serialises"), "\"2026-01-02\"", "{text}");
        }
    }

    #[test]
    fn what_is_not_a_date_time_says_so() {
        let error = serde_json::from_str::<DateTime>("\"tomorrow\"").expect_err("not a date-time");
        assert!(error.to_string().contains("`tomorrow` is not a date-time"), "{error}");
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!(serde_json::from_str::<DateTime>("12").is_err());
    }
}
