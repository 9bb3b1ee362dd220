//! Retrying failed calls: the policy, backoff with jitter, `Retry-After`, idempotency keys.

use std::ops::RangeInclusive;
use std::time::Duration;

use super::{HeaderMap, StatusCode};

/// Statuses worth another attempt by default: the server timed out, is
/// overloaded or briefly unavailable.
const RETRY_STATUSES: [RangeInclusive<u16>; 4] = [408..=408, 429..=429, 500..=500, 502..=504];

/// How calls that fail on the way are retried: connection errors and
/// timeouts, and the statuses 408, 429, 500, 502, 503 and 504.
///
/// The default makes at most 3 attempts within 30 s, waiting a random time
/// up to 200 ms, 400 ms, … (at most 5 s: exponential backoff with full
/// jitter, so many clients do not retry in step), or what `Retry-After` asks
/// when it asks at most 30 s (a server asking longer is not retried). Only
/// idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried, and calls
/// carrying an idempotency key; a POST or PATCH without one could be applied
/// twice, so it is retried only with [`RetryPolicy::retry_non_idempotent`]. A
/// body that streams once (multipart) is never sent again.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    exponent: f64,
    max_elapsed: Duration,
    max_retry_after: Duration,
    non_idempotent: bool,
    statuses: Vec<RangeInclusive<u16>>,
    connection_errors: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            exponent: 2.0,
            max_elapsed: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(30),
            non_idempotent: false,
            statuses: RETRY_STATUSES.to_vec(),
            connection_errors: true,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn never() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// At most `attempts` attempts in all (the first included; at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Waits a random time up to `initial`, then up to twice that, … never above `max`.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Multiplies the longest wait by `exponent` after each attempt instead of
    /// doubling it (at least 1; `x-speakeasy-retries`' `exponent`).
    pub fn backoff_exponent(mut self, exponent: f64) -> Self {
        self.exponent = if exponent >= 1.0 && exponent.is_finite() { exponent } else { 2.0 };
        self
    }

    /// Gives up once a retry would start later than `limit` after the call began.
    pub fn max_elapsed(mut self, limit: Duration) -> Self {
        self.max_elapsed = limit;
        self
    }

    /// Honours `Retry-After` up to `limit`; a server asking for longer is not retried.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Retries POST and PATCH too, which the server may apply twice.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.non_idempotent = retry;
        self
    }

    /// Retries the responses whose status is in one of `statuses` (`500..=599`
    /// for every server error) instead of 408, 429, 500, 502, 503 and 504.
    pub fn retry_statuses(mut self, statuses: impl IntoIterator<Item = RangeInclusive<u16>>) -> Self {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// Whether connection errors and timeouts are retried (by default they are).
    pub fn retry_connection_errors(mut self, retry: bool) -> Self {
        self.connection_errors = retry;
        self
    }

    /// Whether a response with `status` is retried.
    pub(super) fn retries_status(&self, status: StatusCode) -> bool {
        self.statuses.iter().any(|range| range.contains(&status.as_u16()))
    }

    /// Whether a connection error or timeout is retried.
    pub(super) fn retries_connection_errors(&self) -> bool {
        self.connection_errors
    }

    /// Whether POST and PATCH are retried without an idempotency key.
    pub(super) fn retries_non_idempotent(&self) -> bool {
        self.non_idempotent
    }

    /// Whether attempt `attempt + 1` may start after waiting `delay`, `elapsed` into the call.
    pub(super) fn allows(&self, attempt: u32, elapsed: Duration, delay: Duration) -> bool {
        attempt < self.max_attempts && elapsed + delay <= self.max_elapsed
    }

    /// How long to wait before attempt `attempt + 1`; `None` when the
    /// server asks for longer than the policy honours.
    pub(super) fn delay(&self, attempt: u32, headers: Option<&HeaderMap>) -> Option<Duration> {
        if let Some(asked) = headers.and_then(retry_after) {
            return (asked <= self.max_retry_after).then_some(asked);
        }
        let growth = self.exponent.powi(i32::try_from(attempt.saturating_sub(1)).unwrap_or(i32::MAX));
        let ceiling = Duration::try_from_secs_f64(self.initial_backoff.as_secs_f64() * growth)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        Some(ceiling.mul_f64(random_fraction()))
    }
}

/// A `Retry-After` header: delta-seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(text).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// A uniformly distributed number in `[0, 1)`, for jitter.
fn random_fraction() -> f64 {
    (random_u64() >> 11) as f64 / (1_u64 << 53) as f64
}

/// 64 random bits, from the standard library's per-process random hash keys.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.finish()
}

/// A fresh idempotency key: 128 random bits in hex.
pub(super) fn fresh_key() -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_by_the_exponent_up_to_the_cap() {
        let policy = RetryPolicy::default().backoff(Duration::from_millis(100), Duration::from_millis(250));
        for _ in 0..50 {
            assert!(policy.delay(1, None).is_some_and(|delay| delay <= Duration::from_millis(100)));
            assert!(policy.delay(2, None).is_some_and(|delay| delay <= Duration::from_millis(200)));
            assert!(policy.delay(9, None).is_some_and(|delay| delay <= Duration::from_millis(250)));
        }
        let slow = policy.clone().backoff_exponent(1.5);
        assert!(slow.delay(2, None).is_some_and(|delay| delay <= Duration::from_millis(150)));
        assert_eq!(policy.clone().backoff_exponent(f64::NAN), policy, "an unusable exponent keeps doubling");
    }

    #[test]
    fn statuses_are_ranges() {
        let default = RetryPolicy::default();
        assert!(default.retries_status(StatusCode::SERVICE_UNAVAILABLE));
        assert!(!default.retries_status(StatusCode::NOT_IMPLEMENTED));
        let servers = RetryPolicy::default().retry_statuses([500..=599]);
        assert!(servers.retries_status(StatusCode::NOT_IMPLEMENTED));
        assert!(!servers.retries_status(StatusCode::TOO_MANY_REQUESTS));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, reqwest::header::HeaderValue::from_static("2"));
        assert_eq!(RetryPolicy::default().delay(1, Some(&headers)), Some(Duration::from_secs(2)));
        headers.insert(reqwest::header::RETRY_AFTER, reqwest::header::HeaderValue::from_static("120"));
        assert_eq!(RetryPolicy::default().delay(1, Some(&headers)), None, "longer than the policy honours");
        let past = httpdate::fmt_http_date(std::time::SystemTime::UNIX_EPOCH);
        headers.insert(reqwest::header::RETRY_AFTER, reqwest::header::HeaderValue::from_str(&past).expect("date"));
        assert_eq!(RetryPolicy::default().delay(1, Some(&headers)), Some(Duration::ZERO));
    }

    #[test]
    fn idempotency_keys_are_fresh() {
        assert_ne!(fresh_key(), fresh_key());
        assert_eq!(fresh_key().len(), 32);
    }
}
