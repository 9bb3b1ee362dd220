//! Streams of pages and items of paginated operations.

use super::{BoxFuture, DecodeFailure, Error, Response};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// How an operation pages through results (from `x-speakeasy-pagination`
/// or the API's codegen settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A page number parameter, starting at this number.
    Page(i64),
    /// An offset parameter, advanced by the number of items received.
    Offset,
    /// A cursor parameter, set from the previous response.
    Cursor,
    /// The next page's URL, read from the previous response.
    Url,
}

/// Where a paginated operation's items and its next page are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// How pages advance.
    pub kind: PageKind,
    /// JSONPath of the items in a page (`$.data`).
    pub results: &'static str,
    /// JSONPath of the next cursor or URL (cursor and URL kinds).
    pub next: Option<&'static str>,
    /// JSONPath of the number of pages (page kind, optional).
    pub num_pages: Option<&'static str>,
}

/// What the next request must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStep {
    /// This page number.
    Page(i64),
    /// This offset.
    Offset(i64),
    /// This cursor.
    Cursor(String),
    /// This URL (absolute, or relative to the base URL).
    Url(String),
}

/// A stream of results.
pub use futures_util::stream::Stream;

/// Sends one page's request: an operation's `send_with_response`.
pub type SendPage<'a, B, T, E> = fn(B) -> BoxFuture<'a, Result<Response<T>, Error<E>>>;

/// Streams every page of a paginated operation, requesting the next one only
/// when the stream is polled past the current one.
pub fn pages<'a, B, T, E>(
    first: B,
    pagination: Pagination,
    advance: fn(B, PageStep) -> B,
    send: SendPage<'a, B, T, E>,
) -> impl Stream<Item = Result<Response<T>, Error<E>>> + 'a
where
    B: Clone + 'a,
    T: Serialize + 'a,
    E: 'a,
{
    let start = match pagination.kind {
        PageKind::Page(first_page) => Some(PageStep::Page(first_page)),
        PageKind::Offset => Some(PageStep::Offset(0)),
        PageKind::Cursor | PageKind::Url => None,
    };
    let first = match &start {
        Some(step) => advance(first, step.clone()),
        None => first,
    };
    futures_util::stream::unfold(Some((first, start)), move |state| async move {
        let (builder, step) = state?;
        match send(builder.clone()).await {
            Err(error) => Some((Err(error), None)),
            Ok(response) => {
                let next = next_step(&pagination, step.as_ref(), response.body())
                    .map(|next| (advance(builder, next.clone()), Some(next)));
                Some((Ok(response), next))
            }
        }
    })
}

/// Streams every item of every page, decoding each as `I`.
pub fn items<'a, B, T, E, I>(
    first: B,
    pagination: Pagination,
    advance: fn(B, PageStep) -> B,
    send: SendPage<'a, B, T, E>,
) -> impl Stream<Item = Result<I, Error<E>>> + 'a
where
    B: Clone + 'a,
    T: Serialize + 'a,
    E: 'a,
    I: DeserializeOwned + 'a,
{
    use futures_util::StreamExt as _;
    pages(first, pagination, advance, send).flat_map(move |page| {
        let items: Vec<Result<I, Error<E>>> = match page {
            Err(error) => vec![Err(error)],
            Ok(response) => {
                let status = response.status();
                page_items(&pagination, response.body())
                    .into_iter()
                    .map(|item| {
                        serde_json::from_value(item).map_err(|error| {
                            Error::Decode(Box::new(DecodeFailure {
                                status,
                                path: pagination.results.to_owned(),
                                message: error.to_string(),
                                body: String::new(),
                            }))
                        })
                    })
                    .collect()
            }
        };
        futures_util::stream::iter(items)
    })
}

fn page_items(pagination: &Pagination, body: &impl Serialize) -> Vec<serde_json::Value> {
    let Ok(value) = serde_json::to_value(body) else { return Vec::new() };
    json_path(&value, pagination.results)
        .into_iter()
        .flat_map(|found| match found {
            serde_json::Value::Array(items) => items.clone(),
            serde_json::Value::Null => Vec::new(),
            other => vec![other.clone()],
        })
        .collect()
}

/// The request after `step`, or `None` when this was the last page.
fn next_step(pagination: &Pagination, step: Option<&PageStep>, body: &impl Serialize) -> Option<PageStep> {
    let value = serde_json::to_value(body).ok()?;
    let received = page_items(pagination, body).len();
    let found = |path: Option<&str>| path.and_then(|path| json_path(&value, path).into_iter().next().cloned());
    match (pagination.kind, step) {
        (PageKind::Page(_), Some(PageStep::Page(page))) => {
            let last = found(pagination.num_pages).and_then(|pages| pages.as_i64());
            let more = match last {
                Some(last) => *page < last,
                None => received > 0,
            };
            more.then(|| PageStep::Page(page + 1))
        }
        (PageKind::Offset, Some(PageStep::Offset(offset))) => {
            (received > 0).then(|| PageStep::Offset(offset + i64::try_from(received).unwrap_or(i64::MAX)))
        }
        (PageKind::Cursor, previous) => match found(pagination.next)? {
            serde_json::Value::String(cursor) if !cursor.is_empty() => {
                // A server repeating its cursor would otherwise loop forever.
                (previous != Some(&PageStep::Cursor(cursor.clone()))).then_some(PageStep::Cursor(cursor))
            }
            serde_json::Value::Number(cursor) => Some(PageStep::Cursor(cursor.to_string())),
            _ => None,
        },
        (PageKind::Url, previous) => match found(pagination.next)? {
            serde_json::Value::String(url) if !url.is_empty() => {
                (previous != Some(&PageStep::Url(url.clone()))).then_some(PageStep::Url(url))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The values a JSONPath selects: `$`, `.name`, `['name']`, `[0]`, `[*]`
/// and filters `[?(@.name == 'value')]`.
pub fn json_path<'v>(value: &'v serde_json::Value, path: &str) -> Vec<&'v serde_json::Value> {
    let mut current = vec![value];
    let mut rest = path.trim().strip_prefix('$').unwrap_or(path.trim());
    while !rest.is_empty() {
        let (segment, remaining) = if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            (JsonPathStep::Name(after[..end].to_owned()), &after[end..])
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else { return Vec::new() };
            (JsonPathStep::parse(&after[..end]), &after[end + 1..])
        } else {
            return Vec::new();
        };
        rest = remaining;
        current = current.into_iter().flat_map(|value| segment.select(value)).collect();
    }
    current
}

enum JsonPathStep {
    Name(String),
    Index(usize),
    All,
    Filter(String, String),
    Invalid,
}

impl JsonPathStep {
    fn parse(inner: &str) -> Self {
        let inner = inner.trim();
        let unquote = |text: &str| text.trim().trim_matches(|c| c == '\'' || c == '"').to_owned();
        if inner == "*" {
            Self::All
        } else if let Ok(index) = inner.parse() {
            Self::Index(index)
        } else if let Some(filter) = inner.strip_prefix("?(").and_then(|filter| filter.strip_suffix(')')) {
            match filter.trim().strip_prefix("@.").and_then(|filter| filter.split_once("==")) {
                Some((key, expected)) => Self::Filter(key.trim().to_owned(), unquote(expected)),
                None => Self::Invalid,
            }
        } else if inner.starts_with(['\'', '"']) {
            Self::Name(unquote(inner))
        } else {
            Self::Invalid
        }
    }

    fn select<'v>(&self, value: &'v serde_json::Value) -> Vec<&'v serde_json::Value> {
        match (self, value) {
            (Self::Name(name), serde_json::Value::Object(object)) => object.get(name).into_iter().collect(),
            (Self::Index(index), serde_json::Value::Array(items)) => items.get(*index).into_iter().collect(),
            (Self::All, serde_json::Value::Array(items)) => items.iter().collect(),
            (Self::All, serde_json::Value::Object(object)) => object.values().collect(),
            (Self::Filter(key, expected), serde_json::Value::Array(items)) => items
                .iter()
                .filter(|item| match item.get(key) {
                    Some(serde_json::Value::String(text)) => text == expected,
                    Some(other) => {
                        serde_json::from_str::<serde_json::Value>(expected).is_ok_and(|value| value == *other)
                    }
                    None => false,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths_select_names_indices_wildcards_and_filters() {
        let value = serde_json::json!({
            "data": [{"id": 1}, {"id": 2}],
            "links": [{"rel": "self", "href": "a"}, {"rel": "navigation-next", "href": "customers?page=2"}],
            "meta": {"total_pages": 3}
        });
        let ids: Vec<&serde_json::Value> = json_path(&value, "$.data[*].id");
        assert_eq!(ids, [&serde_json::json!(1), &serde_json::json!(2)]);
        assert_eq!(json_path(&value, "$.meta.total_pages"), [&serde_json::json!(3)]);
        assert_eq!(json_path(&value, "$['meta']['total_pages']"), [&serde_json::json!(3)]);
        assert_eq!(json_path(&value, "$.data[1].id"), [&serde_json::json!(2)]);
        let next = json_path(&value, "$.links[?(@.rel == 'navigation-next')].href");
        assert_eq!(next, [&serde_json::json!("customers?page=2")]);
        assert!(json_path(&value, "$.missing.deeper").is_empty());
        assert!(json_path(&value, "$.data[").is_empty());
    }

    #[test]
    fn the_next_page_depends_on_the_kind() {
        let spec = |kind, next| Pagination { kind, results: "$.data", next, num_pages: Some("$.meta.pages") };
        let body = serde_json::json!({"data": [1, 2], "meta": {"pages": 2}, "cursor": "c2", "next": "/x?page=2"});
        let empty = serde_json::json!({"data": [], "cursor": ""});
        assert_eq!(next_step(&spec(PageKind::Page(1), None), Some(&PageStep::Page(1)), &body), Some(PageStep::Page(2)));
        assert_eq!(next_step(&spec(PageKind::Page(1), None), Some(&PageStep::Page(2)), &body), None);
        assert_eq!(
            next_step(&spec(PageKind::Offset, None), Some(&PageStep::Offset(4)), &body),
            Some(PageStep::Offset(6))
        );
        assert_eq!(next_step(&spec(PageKind::Offset, None), Some(&PageStep::Offset(6)), &empty), None);
        let cursor = spec(PageKind::Cursor, Some("$.cursor"));
        assert_eq!(next_step(&cursor, None, &body), Some(PageStep::Cursor("c2".into())));
        assert_eq!(next_step(&cursor, Some(&PageStep::Cursor("c2".into())), &body), None, "a repeated cursor ends");
        assert_eq!(next_step(&cursor, None, &empty), None);
        let url = spec(PageKind::Url, Some("$.next"));
        assert_eq!(next_step(&url, None, &body), Some(PageStep::Url("/x?page=2".into())));
    }
}
