//! Streamed bodies and server-sent events through the client of
//! `fixtures/streaming.yaml`, against a small HTTP/1.1 server on loopback
//! written here (wiremock holds whole bodies in memory; this one generates a
//! download as it sends it, reads an upload as it arrives, and can drop a
//! connection in the middle of an event stream).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::fixtures::streaming::files::{DownloadFileError, GetImageError};
use crate::fixtures::streaming::types::Notification;
use crate::fixtures::streaming::{Client, Error};
use crate::runtime::{Reconnect, Upload};

/// The byte at `index` of a generated download.
fn byte_at(index: u64) -> u8 {
    ((index * 31 + 7) % 251) as u8
}

/// The sum of `bytes`, modulo 2^32, continuing from `sum`.
fn checksum(sum: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(sum, |sum, byte| (sum + u64::from(*byte)) % (1 << 32))
}

/// What the server saw, for the tests to check.
#[derive(Default)]
struct Seen {
    /// `Last-Event-ID` of each request to `/events`, in order.
    last_event_ids: Mutex<Vec<Option<String>>>,
    /// Requests to `/files/moved`.
    moved: AtomicUsize,
    /// Requests to `/files/busy`.
    busy: AtomicUsize,
}

/// A request's line and headers.
struct Head {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

async fn read_head(reader: &mut BufReader<TcpStream>) -> Option<Head> {
    let mut line = String::new();
    reader.read_line(&mut line).await.ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            return Some(Head { method, target, headers });
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
}

/// Reads a request body as it arrives (by `Content-Length` or chunked),
/// returning its length, checksum and whether it was chunked.
async fn read_body(reader: &mut BufReader<TcpStream>, head: &Head) -> (u64, u64, bool) {
    let mut buffer = vec![0u8; 64 * 1024];
    let (mut length, mut sum) = (0u64, 0u64);
    if let Some(declared) = head.header("content-length") {
        let mut left: u64 = declared.parse().expect("a numeric Content-Length");
        while left > 0 {
            let want = buffer.len().min(usize::try_from(left).expect("fits"));
            let read = reader.read(&mut buffer[..want]).await.expect("the body arrives");
            assert!(read > 0, "the body ended early");
            sum = checksum(sum, &buffer[..read]);
            length += read as u64;
            left -= read as u64;
        }
        return (length, sum, false);
    }
    assert_eq!(head.header("transfer-encoding"), Some("chunked"), "a body without a length is chunked");
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).await.expect("a chunk size");
        let size = u64::from_str_radix(size.trim().split(';').next().unwrap_or_default(), 16).expect("hex size");
        if size == 0 {
            let mut end = String::new();
            reader.read_line(&mut end).await.expect("the last CRLF");
            return (length, sum, true);
        }
        let mut left = size;
        while left > 0 {
            let want = buffer.len().min(usize::try_from(left).expect("fits"));
            let read = reader.read(&mut buffer[..want]).await.expect("chunk data");
            assert!(read > 0, "a chunk ended early");
            sum = checksum(sum, &buffer[..read]);
            length += read as u64;
            left -= read as u64;
        }
        let mut crlf = String::new();
        reader.read_line(&mut crlf).await.expect("the chunk's CRLF");
    }
}

async fn respond(stream: &mut BufReader<TcpStream>, status: &str, content_type: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.get_mut().write_all(response.as_bytes()).await;
}

/// Sends one chunk of a chunked body.
async fn chunk(stream: &mut BufReader<TcpStream>, text: &str) {
    let _ = stream.get_mut().write_all(format!("{:x}\r\n{text}\r\n", text.len()).as_bytes()).await;
    let _ = stream.get_mut().flush().await;
}

async fn handle(stream: TcpStream, seen: Arc<Seen>) {
    let mut stream = BufReader::new(stream);
    let Some(head) = read_head(&mut stream).await else { return };
    let (path, query) = head.target.split_once('?').unwrap_or((&head.target, ""));
    match (head.method.as_str(), path) {
        ("GET", "/files/missing") => {
            respond(&mut stream, "404 Not Found", "application/json", r#"{"message":"no such file"}"#).await;
        }
        ("GET", "/images/7") => {
            respond(&mut stream, "500 Internal Server Error", "application/json", r#"{"message":"broken"}"#).await;
        }
        ("GET", _) if path.starts_with("/files/") => {
            let size: u64 = query.strip_prefix("size=").and_then(|size| size.parse().ok()).unwrap_or(1024);
            let mut sum = 0;
            let mut block = vec![0u8; 64 * 1024];
            // The checksum header first: the server computes it without keeping the body.
            for start in (0..size).step_by(block.len()) {
                let end = (start + block.len() as u64).min(size);
                let part = &mut block[..usize::try_from(end - start).expect("fits")];
                part.iter_mut().zip(start..).for_each(|(byte, index)| *byte = byte_at(index));
                sum = checksum(sum, part);
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {size}\r\nx-checksum: {sum}\r\nconnection: close\r\n\r\n"
            );
            if stream.get_mut().write_all(head.as_bytes()).await.is_err() {
                return;
            }
            for start in (0..size).step_by(block.len()) {
                let end = (start + block.len() as u64).min(size);
                let part = &mut block[..usize::try_from(end - start).expect("fits")];
                part.iter_mut().zip(start..).for_each(|(byte, index)| *byte = byte_at(index));
                if stream.get_mut().write_all(part).await.is_err() {
                    return;
                }
            }
        }
        ("PUT", "/files/moved") => {
            seen.moved.fetch_add(1, Ordering::SeqCst);
            let response = "HTTP/1.1 307 Temporary Redirect\r\nlocation: /files/elsewhere\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            let _ = stream.get_mut().write_all(response.as_bytes()).await;
        }
        ("PUT", "/files/busy") => {
            seen.busy.fetch_add(1, Ordering::SeqCst);
            let response =
                "HTTP/1.1 503 Service Unavailable\r\nretry-after: 0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            let _ = stream.get_mut().write_all(response.as_bytes()).await;
        }
        ("PUT", _) => {
            let (bytes, sum, chunked) = read_body(&mut stream, &head).await;
            let body = format!(r#"{{"bytes":{bytes},"checksum":{sum},"chunked":{chunked}}}"#);
            respond(&mut stream, "200 OK", "application/json", &body).await;
        }
        ("GET", "/events") => {
            let last = head.header("last-event-id").map(str::to_owned);
            seen.last_event_ids.lock().expect("not poisoned").push(last.clone());
            let _ = stream
                .get_mut()
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
                .await;
            match last.as_deref() {
                None => {
                    chunk(&mut stream, ": hello\nretry: 20\n\n").await;
                    chunk(
                        &mut stream,
                        "id: 1\nevent: created\ndata: {\"kind\":\"created\",\"id\":1,\"name\":\"a\"}\n\n",
                    )
                    .await;
                    chunk(&mut stream, "id: 2\nevent: deleted\ndata: {\"kind\":\"deleted\",\n").await;
                    chunk(&mut stream, "data: \"id\":1}\n\n").await;
                    // Half an event, then the connection drops without the last chunk.
                    chunk(&mut stream, "id: 3\ndata: {\"kind\":").await;
                }
                Some(_) => {
                    chunk(&mut stream, "id: 3\ndata: {\"kind\":\"created\",\"id\":3,\"name\":\"c\"}\n\n").await;
                    // No `kind` in the data: the event's name selects the variant.
                    chunk(&mut stream, "id: 4\nevent: deleted\ndata: {\"id\":3}\n\n").await;
                    let _ = stream.get_mut().write_all(b"0\r\n\r\n").await;
                }
            }
            let _ = stream.get_mut().shutdown().await;
        }
        _ => respond(&mut stream, "404 Not Found", "text/plain", "unknown").await,
    }
}

/// Starts the server; its base URL and what it saw.
async fn start() -> (String, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("bound");
    let seen = Arc::new(Seen::default());
    let shared = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream, shared.clone()));
        }
    });
    (format!("http://{address}"), seen)
}

fn client(base_url: &str) -> Client {
    Client::builder().base_url(base_url).max_response_bytes(1024 * 1024).build().expect("valid")
}

/// The resident memory of this process, in bytes (Linux).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_far_larger_than_the_cap_streams_to_a_file_in_bounded_memory() {
    const SIZE: u64 = 64 * 1024 * 1024;
    let (base_url, _) = start().await;
    let client = client(&base_url);

    // Read whole, the body is over the 1 MiB cap.
    let error = client.files().download_file("big").size(SIZE as i64).await.expect_err("over the cap");
    assert!(matches!(error, Error::BodyTooLarge { limit: 1_048_576, .. }), "{error:?}");

    // Streamed, it is not capped and is never held whole.
    let baseline = resident_bytes();
    let peak = Arc::new(AtomicUsize::new(0));
    let sampling = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let (peak, sampling) = (peak.clone(), sampling.clone());
        std::thread::spawn(move || {
            while sampling.load(Ordering::SeqCst) {
                let now = usize::try_from(resident_bytes().unwrap_or(0)).expect("fits");
                peak.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("big.bin");
    let response = client.files().download_file("big").size(SIZE as i64).send_streaming().await.expect("200");
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(SIZE));
    let expected_sum: u64 = response.headers()["x-checksum"].to_str().expect("text").parse().expect("number");
    let written = response.save(&path).await.expect("written to the file");
    sampling.store(false, Ordering::SeqCst);
    sampler.join().expect("the sampler ends");
    assert_eq!(written, SIZE);

    let mut file = tokio::fs::File::open(&path).await.expect("the file exists");
    assert_eq!(file.metadata().await.expect("metadata").len(), SIZE);
    let (mut sum, mut index, mut buffer) = (0, 0u64, vec![0u8; 1024 * 1024]);
    loop {
        let read = file.read(&mut buffer).await.expect("readable");
        if read == 0 {
            break;
        }
        assert!(buffer[..read].iter().zip(index..).all(|(byte, at)| *byte == byte_at(at)), "bytes at {index}");
        sum = checksum(sum, &buffer[..read]);
        index += read as u64;
    }
    assert_eq!(sum, expected_sum);
    if let Some(baseline) = baseline {
        let grown = (peak.load(Ordering::SeqCst) as u64).saturating_sub(baseline);
        assert!(grown < SIZE / 2, "memory grew by {grown} bytes while streaming {SIZE}");
    }
}

#[tokio::test]
async fn a_body_arriving_in_many_pieces_is_read_whole_in_order() {
    let (base_url, _) = start().await;
    // 300 kB in 64 KiB writes: several chunks, joined by the read under the cap.
    let body = client(&base_url).files().download_file("pieces").size(300_000).await.expect("200");
    assert_eq!(body.len(), 300_000);
    assert!(body.iter().zip(0..).all(|(byte, index)| *byte == byte_at(index)));
    let one = client(&base_url).files().download_file("one").size(10).await.expect("200");
    assert_eq!(one, (0..10).map(byte_at).collect::<Vec<u8>>());
}

#[tokio::test]
async fn a_streamed_response_is_a_stream_of_chunks_and_writes_to_any_async_writer() {
    let (base_url, _) = start().await;
    let mut response =
        client(&base_url).files().download_file("small").size(300_000).send_streaming().await.expect("200");
    let mut received = Vec::new();
    while let Some(chunk) = response.chunk().await {
        received.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(received.len(), 300_000);
    assert!(received.iter().zip(0..).all(|(byte, index)| *byte == byte_at(index)));

    let mut buffer = Vec::new();
    let response = client(&base_url).files().download_file("small").size(5000).send_streaming().await.expect("200");
    assert_eq!(response.write_to(&mut buffer).await.expect("written"), 5000);
    assert_eq!(buffer.len(), 5000);
}

#[tokio::test]
async fn error_statuses_of_a_streamed_operation_decode_into_its_error_enum() {
    let (base_url, _) = start().await;
    let error = client(&base_url).files().download_file("missing").send_streaming().await.expect_err("404");
    let Error::Api(api) = &error else { panic!("a documented error: {error:?}") };
    assert_eq!(api.status, 404);
    assert!(matches!(&api.error, DownloadFileError::NotFound(problem) if problem.message == "no such file"));

    // `default` only: any error status is its variant.
    let error = client(&base_url).files().get_image(7).send_streaming().await.expect_err("500");
    assert!(matches!(error.api_error(), Some(GetImageError::Other(problem)) if problem.message == "broken"));
}

#[tokio::test]
async fn uploads_stream_from_a_file_with_its_length_and_from_a_stream_chunked() {
    let (base_url, _) = start().await;
    let client = client(&base_url);
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("upload.bin");
    let content: Vec<u8> = (0..3_000_000u64).map(byte_at).collect();
    std::fs::write(&path, &content).expect("writable");
    let expected = i64::try_from(checksum(0, &content)).expect("under 2^32");

    let upload = Upload::from_path(&path).await.expect("readable");
    let received = client.files().upload_file("a", upload).await.expect("200");
    assert_eq!((received.bytes, received.checksum, received.chunked), (3_000_000, expected, false));

    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = content.chunks(100_000).map(|part| Ok(part.to_vec())).collect();
    let upload = Upload::from_stream(futures_util::stream::iter(chunks));
    let received = client.files().upload_file("b", upload).await.expect("200");
    assert_eq!((received.bytes, received.checksum, received.chunked), (3_000_000, expected, true));

    // Bytes in memory still work as before, and are sent with their length.
    let received = client.files().upload_file("c", &content[..10]).await.expect("200");
    assert_eq!((received.bytes, received.chunked), (10, false));
}

#[tokio::test]
async fn a_streamed_upload_is_never_sent_again_on_a_307() {
    let (base_url, seen) = start().await;
    let chunks: Vec<Result<&'static [u8], std::io::Error>> = vec![Ok(b"once")];
    let upload = Upload::from_stream(futures_util::stream::iter(chunks));
    let error = client(&base_url).files().upload_file("moved", upload).await.expect_err("not re-sent");
    assert!(matches!(error, Error::Redirect(_)), "{error:?}");
    assert_eq!(seen.moved.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_streamed_upload_is_never_sent_again_on_a_503_that_bytes_are_retried_on() {
    let (base_url, seen) = start().await;
    let client = client(&base_url);
    // Bytes in memory are sent again, as a PUT may be: the default policy makes 3 attempts.
    let error = client.files().upload_file("busy", &b"bytes"[..]).await.expect_err("503");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503), "{error:?}");
    assert_eq!(seen.busy.swap(0, Ordering::SeqCst), 3);
    // A stream is read as it is sent: there is nothing to send a second time.
    let chunks: Vec<Result<&'static [u8], std::io::Error>> = vec![Ok(b"once")];
    let upload = Upload::from_stream(futures_util::stream::iter(chunks));
    let error = client.files().upload_file("busy", upload).await.expect_err("503");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503), "{error:?}");
    assert_eq!(seen.busy.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn events_arrive_typed_and_resume_after_a_dropped_connection() {
    let (base_url, seen) = start().await;
    let client = client(&base_url);
    let mut events = client.events().watch().events_with(Reconnect::default().delay(Duration::from_secs(30)));
    let mut received = Vec::new();
    while let Some(event) = tokio::time::timeout(Duration::from_secs(10), events.next_event()).await.expect("in time") {
        received.push(event.expect("an event"));
    }
    assert!(matches!(&received[3].data, Notification::Deleted(deleted) if deleted.kind == "deleted"));
    let summary: Vec<(String, Option<String>, i64)> = received
        .iter()
        .map(|event| {
            let id = match &event.data {
                Notification::Created(created) => created.id,
                Notification::Deleted(deleted) => deleted.id,
                Notification::Unknown(other) => panic!("unknown {other}"),
            };
            (event.event.clone(), event.id.clone(), id)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("created".to_owned(), Some("1".to_owned()), 1),
            ("deleted".to_owned(), Some("2".to_owned()), 1),
            ("message".to_owned(), Some("3".to_owned()), 3),
            ("deleted".to_owned(), Some("4".to_owned()), 3),
        ]
    );
    // The server's `retry: 20` replaced the 30 s delay, or the timeout above would have hit.
    assert_eq!(*seen.last_event_ids.lock().expect("not poisoned"), [None, Some("2".to_owned())]);
}

#[tokio::test]
async fn without_reconnection_a_dropped_connection_ends_the_stream_with_its_error() {
    let (base_url, seen) = start().await;
    let client = client(&base_url);
    let mut events = client.events().watch().events_with(Reconnect::never());
    assert!(events.next_event().await.expect("first").is_ok());
    assert!(events.next_event().await.expect("second").is_ok());
    let error = events.next_event().await.expect("the drop").expect_err("an error");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(events.next_event().await.is_none(), "then the stream ends");
    assert_eq!(seen.last_event_ids.lock().expect("not poisoned").len(), 1);
}

#[tokio::test]
async fn a_multipart_file_part_streams_from_a_file_and_from_a_stream() {
    use crate::fixtures::operations::types::UploadBody;
    use crate::runtime::FilePart;

    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = crate::fixtures::operations::Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .api_key_query("q-key")
        .build()
        .expect("valid");
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("report.pdf");
    let content: Vec<u8> = (0..200_000u64).map(byte_at).collect();
    std::fs::write(&path, &content).expect("writable");

    let file = FilePart::from_path(&path).await.expect("readable").content_type("application/pdf");
    client.items().upload(&UploadBody::new(file)).await.expect("200");
    let chunks: Vec<Result<&'static [u8], std::io::Error>> = vec![Ok(b"%PDF-"), Ok(b"streamed")];
    let file = FilePart::upload(Upload::from_stream(futures_util::stream::iter(chunks))).file_name("s.pdf");
    client.items().upload(&UploadBody::new(file)).await.expect("200");

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 2);
    let head = b"name=\"file\"; filename=\"report.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
    let at =
        requests[0].body.windows(head.len()).position(|window| window == head).expect("the file part") + head.len();
    assert_eq!(&requests[0].body[at..at + content.len()], &content[..], "the file's bytes, whole");
    let text = String::from_utf8_lossy(&requests[1].body);
    assert!(
        text.contains("filename=\"s.pdf\"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-streamed\r\n"),
        "{text}"
    );
}
