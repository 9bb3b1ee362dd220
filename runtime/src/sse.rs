//! Server-sent events (`text/event-stream`): a parser of the format as the
//! HTML standard defines it (§9.2.6, "Interpreting an event stream"), and a
//! stream of typed events that reconnects with `Last-Event-ID` after a
//! dropped connection.

use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

use futures_util::stream::{Stream, StreamExt};

use super::{BoxFuture, DecodeFailure, Decoder, Error, StreamedResponse};

/// One event: its `data` decoded as the operation documents it, and the
/// fields the server sent with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The event type (`event:`); `message` when the server named none.
    pub event: String,
    /// The decoded `data:` lines.
    pub data: T,
    /// The last event ID (`id:`) the server set, on this event or an earlier one.
    pub id: Option<String>,
    /// The reconnection time the server asked for with this event (`retry:`).
    pub retry: Option<Duration>,
}

/// An event as the format defines it, before its data is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// The event type; `message` by default.
    pub event: String,
    /// The data lines joined by `\n`.
    pub data: String,
    /// The last event ID.
    pub id: Option<String>,
    /// The reconnection time set by this event, if any.
    pub retry: Option<Duration>,
}

/// Reads the event-stream format incrementally from chunks of bytes.
#[derive(Debug, Default)]
pub struct EventParser {
    /// Bytes of a line not yet ended.
    line: Vec<u8>,
    /// The previous chunk ended with `\r`: a `\n` starting the next one belongs to it.
    after_cr: bool,
    /// Whether the start of the stream (and a byte order mark there) is behind.
    started: bool,
    data: String,
    has_data: bool,
    event: String,
    /// The last event ID buffer: `id:` fields of the event being read.
    id_buffer: Option<String>,
    /// The last event ID string: set from the buffer when an event is dispatched.
    last_id: Option<String>,
    retry: Option<Duration>,
    ready: VecDeque<RawEvent>,
}

impl EventParser {
    /// A parser at the start of a stream, remembering `last_id` (from an
    /// earlier connection) as the last event ID.
    pub fn new(last_id: Option<String>) -> Self {
        Self { id_buffer: last_id.clone(), last_id, ..Self::default() }
    }

    /// Reads a chunk; the events it completes are returned by [`EventParser::next_event`].
    pub fn feed(&mut self, mut chunk: &[u8]) {
        if !self.started && !chunk.is_empty() {
            self.line.extend_from_slice(chunk);
            if self.line.len() < 3 && b"\xEF\xBB\xBF".starts_with(&self.line) {
                return;
            }
            self.started = true;
            let mut pending = std::mem::take(&mut self.line);
            if pending.starts_with(b"\xEF\xBB\xBF") {
                pending.drain(..3);
            }
            return self.feed(&pending);
        }
        if self.after_cr && chunk.first() == Some(&b'\n') {
            chunk = &chunk[1..];
        }
        self.after_cr = false;
        while let Some(end) = chunk.iter().position(|byte| *byte == b'\n' || *byte == b'\r') {
            self.line.extend_from_slice(&chunk[..end]);
            let line = std::mem::take(&mut self.line);
            self.process_line(&String::from_utf8_lossy(&line));
            let crlf = chunk[end] == b'\r' && chunk.get(end + 1) == Some(&b'\n');
            if chunk[end] == b'\r' && end + 1 == chunk.len() {
                self.after_cr = true;
            }
            chunk = &chunk[end + if crlf { 2 } else { 1 }..];
        }
        self.line.extend_from_slice(chunk);
    }

    /// The next complete event, if one has been read.
    pub fn next_event(&mut self) -> Option<RawEvent> {
        self.ready.pop_front()
    }

    /// The ID of the last event dispatched: what a reconnection sends as `Last-Event-ID`.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    fn process_line(&mut self, line: &str) {
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.id_buffer = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) => {
                if let Ok(millis) = value.parse() {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
    }

    fn dispatch(&mut self) {
        // An event that is cut off does not count: the ID is the last one dispatched.
        self.last_id.clone_from(&self.id_buffer);
        let event = std::mem::take(&mut self.event);
        let retry = self.retry.take();
        if !self.has_data {
            // No data: nothing is dispatched, but a `retry` still counts.
            if let Some(retry) = retry {
                self.ready.push_back(RawEvent {
                    event: String::new(),
                    data: String::new(),
                    id: None,
                    retry: Some(retry),
                });
            }
            return;
        }
        self.has_data = false;
        self.ready.push_back(RawEvent {
            event: if event.is_empty() { "message".to_owned() } else { event },
            data: std::mem::take(&mut self.data),
            id: self.last_id.clone(),
            retry,
        });
    }
}

/// How an event stream reconnects after its connection drops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconnect {
    /// How many reconnections in a row may fail or drop before any event
    /// arrives, after which the stream ends with [`Error::Reconnect`]
    /// (default 5; 0 never reconnects). Receiving an event resets the count.
    pub max_attempts: u32,
    /// The wait before reconnecting until the server sets one with `retry:` (default 3 s).
    pub delay: Duration,
    /// The longest wait honoured when the server asks for one (default 60 s).
    pub max_delay: Duration,
}

impl Default for Reconnect {
    fn default() -> Self {
        Self { max_attempts: 5, delay: Duration::from_secs(3), max_delay: Duration::from_secs(60) }
    }
}

impl Reconnect {
    /// Never reconnects: a dropped connection ends the stream with its error.
    pub fn never() -> Self {
        Self { max_attempts: 0, ..Self::default() }
    }

    /// Sets how many reconnections in a row may fail.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Sets the wait before reconnecting when the server asked for none.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Sets the longest wait honoured when the server asks for one.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }
}

/// Opens (or reopens, with the last event ID) an operation's event stream.
pub type OpenEvents<'a, B, E> = fn(B, Option<String>) -> BoxFuture<'a, Result<StreamedResponse<E>, Error<E>>>;

/// The typed events of an operation answering `text/event-stream`: each
/// item an [`Event`] whose `data` is decoded, or the error that ended the
/// stream. A clean end of the server's stream ends it; a dropped connection
/// reconnects as its [`Reconnect`] settings allow, sending `Last-Event-ID`.
pub struct EventStream<'a, T, E> {
    inner: BoxedEvents<'a, T, E>,
}

type BoxedEvents<'a, T, E> = std::pin::Pin<Box<dyn Stream<Item = Result<Event<T>, Error<E>>> + Send + 'a>>;

impl<T, E> fmt::Debug for EventStream<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").finish_non_exhaustive()
    }
}

impl<T, E> EventStream<'_, T, E> {
    /// The next event; `None` once the stream has ended.
    pub async fn next_event(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        self.inner.next().await
    }
}

impl<T, E> Stream for EventStream<'_, T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Where the event stream is.
enum State<E> {
    /// Not connected: connect (after `wait`) with the last event ID.
    Connect { wait: Option<Duration>, failures: u32 },
    /// Reading a connection.
    Reading { body: StreamedResponse<E>, failures: u32 },
    /// Ended.
    Done,
}

/// The event stream of the operation `builder` sends, opened by `open` (the
/// builder's own sending with a `Last-Event-ID`), each event's data decoded by
/// `decode`. `tag` is the discriminator property of a tagged union of events:
/// data that is an object without it takes the event's name (`event:`) as its
/// tag, so that event names select the union's variants.
pub fn events<'a, B, T, E>(
    builder: B,
    reconnect: Reconnect,
    open: OpenEvents<'a, B, E>,
    decode: Decoder<T>,
    tag: Option<&'static str>,
) -> EventStream<'a, T, E>
where
    B: Clone + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    let parser = EventParser::new(None);
    let start = (State::Connect { wait: None, failures: 0 }, parser, reconnect.delay);
    let stream = futures_util::stream::unfold(start, move |(mut state, mut parser, mut delay)| {
        let builder = builder.clone();
        let reconnect = reconnect.clone();
        async move {
            loop {
                if let Some(raw) = parser.next_event() {
                    if let Some(retry) = raw.retry {
                        delay = retry.min(reconnect.max_delay);
                    }
                    if raw.event.is_empty() {
                        continue;
                    }
                    // An event arrived: the connection works again.
                    if let State::Reading { failures, .. } = &mut state {
                        *failures = 0;
                    }
                    let item = decode_event(raw, decode, tag);
                    return Some((item, (state, parser, delay)));
                }
                match state {
                    State::Done => return None,
                    State::Connect { wait, failures } => {
                        if let Some(wait) = wait {
                            tokio::time::sleep(wait).await;
                        }
                        let last_id = parser.last_event_id().map(str::to_owned);
                        match open(builder.clone(), last_id.clone()).await {
                            Ok(body) => {
                                // A new connection starts a new stream; the last ID carries over.
                                parser = EventParser::new(last_id);
                                state = State::Reading { body, failures };
                            }
                            Err(error) if failures > 0 && is_dropped(&error) && failures < reconnect.max_attempts => {
                                state = State::Connect { wait: Some(delay), failures: failures + 1 };
                            }
                            Err(error) => return Some((Err(error), (State::Done, parser, delay))),
                        }
                    }
                    State::Reading { mut body, failures } => match body.chunk().await {
                        Some(Ok(chunk)) => {
                            parser.feed(&chunk);
                            state = State::Reading { body, failures };
                        }
                        // The server closed the stream cleanly: it is over.
                        None => state = State::Done,
                        Some(Err(error)) if failures < reconnect.max_attempts && is_dropped(&error) => {
                            state = State::Connect { wait: Some(delay), failures: failures + 1 };
                        }
                        Some(Err(Error::Transport(error))) if reconnect.max_attempts > 0 => {
                            let message = format!(
                                "the connection dropped {} times in a row without an event: {error}",
                                failures + 1
                            );
                            return Some((Err(Error::Reconnect(message)), (State::Done, parser, delay)));
                        }
                        Some(Err(error)) => return Some((Err(error), (State::Done, parser, delay))),
                    },
                }
            }
        }
    });
    EventStream { inner: Box::pin(stream) }
}

/// Whether `error` is a dropped or refused connection, which reconnecting may cure.
fn is_dropped<E>(error: &Error<E>) -> bool {
    matches!(error, Error::Transport(error) if error.is_body() || error.is_connect() || error.is_request() || error.is_decode() || error.is_timeout())
}

fn decode_event<T, E>(raw: RawEvent, decode: Decoder<T>, tag: Option<&str>) -> Result<Event<T>, Error<E>> {
    let tagged = tag.and_then(|tag| tagged_by_name(&raw, tag));
    match decode(tagged.as_deref().unwrap_or(&raw.data).as_bytes()) {
        Ok(data) => Ok(Event { event: raw.event, data, id: raw.id, retry: raw.retry }),
        Err(error) => Err(Error::Decode(Box::new(DecodeFailure {
            status: super::StatusCode::OK,
            path: error.path,
            message: format!("event `{}`: {}", raw.event, error.message),
            body: super::response::truncated_text(&raw.data),
        }))),
    }
}

/// `raw`'s data with the event's name as the value of `tag`, when the data is
/// a JSON object without it and the event is named.
fn tagged_by_name(raw: &RawEvent, tag: &str) -> Option<String> {
    if raw.event == "message" {
        return None;
    }
    let mut object = match serde_json::from_str::<serde_json::Value>(&raw.data).ok()? {
        serde_json::Value::Object(object) if !object.contains_key(tag) => object,
        _ => return None,
    };
    object.insert(tag.to_owned(), serde_json::Value::String(raw.event.clone()));
    serde_json::to_string(&object).ok()
}

/// The events of a whole body already read (its `retry`-only records left out).
pub fn parse_all(body: impl AsRef<[u8]>) -> Vec<RawEvent> {
    let mut parser = EventParser::new(None);
    parser.feed(body.as_ref());
    std::iter::from_fn(|| parser.next_event()).filter(|event| !event.event.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(event: &str, data: &str, id: Option<&str>) -> RawEvent {
        RawEvent { event: event.to_owned(), data: data.to_owned(), id: id.map(str::to_owned), retry: None }
    }

    #[test]
    fn fields_comments_and_defaults_follow_the_standard() {
        let events = parse_all(": a comment\ndata: one\n\nevent: tick\ndata:two\ndata:  three\nid: 7\n\ndata\n\n");
        assert_eq!(
            events,
            [event("message", "one", None), event("tick", "two\n three", Some("7")), event("message", "", Some("7"))]
        );
    }

    #[test]
    fn every_line_ending_and_chunk_boundary_reads_the_same() {
        let text = "\u{feff}id: 1\r\ndata: a\r\n\r\ndata: b\rdata: c\r\rdata: d\n\n";
        let whole = parse_all(text);
        assert_eq!(
            whole,
            [event("message", "a", Some("1")), event("message", "b\nc", Some("1")), event("message", "d", Some("1"))]
        );
        for size in 1..text.len() {
            let mut parser = EventParser::new(None);
            for chunk in text.as_bytes().chunks(size) {
                parser.feed(chunk);
            }
            let split: Vec<RawEvent> =
                std::iter::from_fn(|| parser.next_event()).filter(|event| !event.event.is_empty()).collect();
            assert_eq!(split, whole, "chunks of {size} bytes");
        }
    }

    #[test]
    fn retry_takes_digits_only_and_ids_without_nul() {
        let mut parser = EventParser::new(Some("0".to_owned()));
        parser.feed(b"retry: 1500\n\nretry: 2x\nid: a\0b\ndata: x\n\n");
        let first = parser.next_event().expect("a retry-only event");
        assert_eq!(first.retry, Some(Duration::from_millis(1500)));
        assert!(first.event.is_empty(), "not dispatched as an event");
        let second = parser.next_event().expect("an event");
        assert_eq!((second.retry, second.id.as_deref()), (None, Some("0")), "invalid retry and id ignored");
    }

    #[test]
    fn event_names_tag_objects_without_their_tag() {
        let named = RawEvent { event: "deleted".to_owned(), data: r#"{"id":1}"#.to_owned(), id: None, retry: None };
        assert_eq!(tagged_by_name(&named, "kind").as_deref(), Some(r#"{"id":1,"kind":"deleted"}"#));
        let tagged = RawEvent { data: r#"{"kind":"created"}"#.to_owned(), ..named.clone() };
        assert_eq!(tagged_by_name(&tagged, "kind"), None, "the data's own tag wins");
        let unnamed = RawEvent { event: "message".to_owned(), ..named };
        assert_eq!(tagged_by_name(&unnamed, "kind"), None);
    }

    #[test]
    fn an_unfinished_event_is_not_dispatched_and_does_not_move_the_last_id() {
        assert_eq!(parse_all("data: complete\n\ndata: cut off"), [event("message", "complete", None)]);
        let mut parser = EventParser::new(None);
        parser.feed(b"id: 1\ndata: a\n\nid: 2\ndata: cut");
        assert_eq!(parser.last_event_id(), Some("1"));
        assert!(parse_all("event: only-a-type\n\n").is_empty(), "no data, no event");
    }
}
