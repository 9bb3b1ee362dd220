//! Retry policies from the `x-speakeasy-retries` extension, at the document's
//! top level (every operation) or an operation's (that one):
//!
//! ```yaml
//! x-speakeasy-retries:
//!   strategy: backoff
//!   backoff: {initialInterval: 500, maxInterval: 60000, maxElapsedTime: 3600000, exponent: 1.5}
//!   statusCodes: [5XX, 429]
//!   retryConnectionErrors: true
//! ```
//!
//! Times are milliseconds; a missing one takes Speakeasy's default (above). A
//! value that cannot be read is a warning at its JSON pointer, and the
//! extension is ignored: the operation keeps the document's policy, or the
//! runtime's default.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::ir::{Api, Retries};
use crate::pointer::Pointer;

/// The extension's name.
pub(super) const EXTENSION: &str = "x-speakeasy-retries";

/// Reads the extension at `at`; `None` (with a warning) when a value is invalid.
pub(super) fn lower(settings: &Value, at: &Pointer, diagnostics: &mut Vec<Diagnostic>) -> Option<Retries> {
    match read(settings, at) {
        Ok(retries) => Some(retries),
        Err((message, pointer)) => {
            diagnostics.push(Diagnostic::warning_at(
                format!("{message}; `{EXTENSION}` is ignored here (the default retry policy applies)"),
                &pointer,
            ));
            None
        }
    }
}

/// Gives every operation without a policy of its own the document's, if any.
pub(super) fn apply_document_policy(api: &mut Api, document: Option<Retries>) {
    let Some(document) = document else { return };
    for group in &mut api.groups {
        for operation in &mut group.operations {
            operation.retries.get_or_insert_with(|| document.clone());
        }
    }
}

type Invalid = (String, Pointer);

fn read(settings: &Value, at: &Pointer) -> Result<Retries, Invalid> {
    let Value::Object(settings) = settings else {
        return Err(("`x-speakeasy-retries` must be an object".to_owned(), at.clone()));
    };
    match settings.get("strategy") {
        Some(Value::String(strategy)) if strategy == "backoff" => {}
        Some(other) => {
            return Err((format!("retry strategy {other} is not supported (only `backoff`)"), at.join("strategy")))
        }
        None => return Err(("a retry policy needs `strategy: backoff`".to_owned(), at.clone())),
    }
    let backoff_at = at.join("backoff");
    let backoff = match settings.get("backoff") {
        None => None,
        Some(Value::Object(backoff)) => Some(backoff),
        Some(_) => return Err(("`backoff` must be an object".to_owned(), backoff_at)),
    };
    let millis = |name: &str, default: u64| -> Result<u64, Invalid> {
        match backoff.and_then(|backoff| backoff.get(name)) {
            None => Ok(default),
            Some(value) => value
                .as_u64()
                .filter(|millis| *millis > 0)
                .ok_or_else(|| (format!("`{name}` must be a positive number of milliseconds"), backoff_at.join(name))),
        }
    };
    let initial_interval_ms = millis("initialInterval", 500)?;
    let max_interval_ms = millis("maxInterval", 60_000)?;
    let max_elapsed_ms = millis("maxElapsedTime", 3_600_000)?;
    let exponent = match backoff.and_then(|backoff| backoff.get("exponent")) {
        None => 1.5,
        Some(value) => value
            .as_f64()
            .filter(|exponent| *exponent >= 1.0 && exponent.is_finite())
            .ok_or_else(|| ("`exponent` must be a number of at least 1".to_owned(), backoff_at.join("exponent")))?,
    };
    let statuses = match settings.get("statusCodes") {
        None => None,
        Some(Value::Array(codes)) => Some(
            codes
                .iter()
                .enumerate()
                .map(|(index, code)| {
                    status_range(code).ok_or_else(|| {
                        (
                            format!("status code {code} is not a status (`503`) or a class (`5XX`)"),
                            at.join("statusCodes").join(index.to_string()),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Some(_) => return Err(("`statusCodes` must be a list".to_owned(), at.join("statusCodes"))),
    };
    let connection_errors = match settings.get("retryConnectionErrors") {
        None => true,
        Some(Value::Bool(retry)) => *retry,
        Some(_) => {
            return Err(("`retryConnectionErrors` must be true or false".to_owned(), at.join("retryConnectionErrors")))
        }
    };
    Ok(Retries { initial_interval_ms, max_interval_ms, max_elapsed_ms, exponent, statuses, connection_errors })
}

/// `503` (a number or text) or a class `5XX`, as an inclusive range.
fn status_range(code: &Value) -> Option<(u16, u16)> {
    let text = match code {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.trim().to_owned(),
        _ => return None,
    };
    if let Some(class) = text.strip_suffix("XX").or_else(|| text.strip_suffix("xx")) {
        let class: u16 = class.parse().ok().filter(|class| (1..=5).contains(class))?;
        return Some((class * 100, class * 100 + 99));
    }
    let status: u16 = text.parse().ok().filter(|status| (100..=599).contains(status))?;
    Some((status, status))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_at(settings: Value) -> (Option<Retries>, Vec<String>) {
        let mut diagnostics = Vec::new();
        let at = Pointer::root().join(EXTENSION);
        let retries = lower(&settings, &at, &mut diagnostics);
        (retries, diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_backoff_policy_is_read_with_speakeasys_defaults() {
        let (retries, warnings) = read_at(json!({
            "strategy": "backoff",
            "backoff": {"initialInterval": 100, "exponent": 2},
            "statusCodes": ["5XX", 429, "408"],
            "retryConnectionErrors": false
        }));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            retries,
            Some(Retries {
                initial_interval_ms: 100,
                max_interval_ms: 60_000,
                max_elapsed_ms: 3_600_000,
                exponent: 2.0,
                statuses: Some(vec![(500, 599), (429, 429), (408, 408)]),
                connection_errors: false,
            })
        );
    }

    #[test]
    fn bad_values_are_warnings_at_their_pointer() {
        let cases = [
            (json!({"strategy": "linear"}), "#/x-speakeasy-retries/strategy"),
            (json!({"backoff": {}}), "#/x-speakeasy-retries"),
            (
                json!({"strategy": "backoff", "backoff": {"maxInterval": -1}}),
                "#/x-speakeasy-retries/backoff/maxInterval",
            ),
            (json!({"strategy": "backoff", "backoff": {"exponent": 0.5}}), "#/x-speakeasy-retries/backoff/exponent"),
            (json!({"strategy": "backoff", "statusCodes": ["5XX", "9XX"]}), "#/x-speakeasy-retries/statusCodes/1"),
            (json!({"strategy": "backoff", "statusCodes": [600]}), "#/x-speakeasy-retries/statusCodes/0"),
            (
                json!({"strategy": "backoff", "retryConnectionErrors": "yes"}),
                "#/x-speakeasy-retries/retryConnectionErrors",
            ),
            (json!(true), "#/x-speakeasy-retries"),
        ];
        for (settings, pointer) in cases {
            let (retries, warnings) = read_at(settings.clone());
            assert_eq!(retries, None, "{settings}");
            assert_eq!(warnings.len(), 1, "{settings}");
            assert!(warnings[0].contains(pointer), "{settings}: {}", warnings[0]);
        }
    }
}
