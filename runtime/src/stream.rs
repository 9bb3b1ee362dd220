//! Streamed bodies: responses read as they arrive (not held in memory, not
//! subject to the size cap), and request bodies sent from a stream or a file
//! without reading them whole.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{Stream, StreamExt, TryStream};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::{BoxError, Error, FromHeaders, HeaderMap, RawResponse, Request, StatusCode};

/// The chunks of a body as they arrive.
type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>;

/// A success response whose body is read as it arrives: its status and
/// headers, and the body as a stream of [`Bytes`] chunks
/// (`Stream<Item = Result<Bytes, Error<E>>>`). The body is not held in memory
/// and the client's `max_response_bytes` does not apply to it.
pub struct StreamedResponse<E> {
    status: StatusCode,
    headers: HeaderMap,
    chunks: Chunks,
    error: PhantomData<fn() -> E>,
}

impl<E> fmt::Debug for StreamedResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamedResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl<E> StreamedResponse<E> {
    fn new(response: reqwest::Response) -> Self {
        Self {
            status: response.status(),
            headers: response.headers().clone(),
            chunks: Box::pin(response.bytes_stream()),
            error: PhantomData,
        }
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The documented headers, typed (see the operation's `…Headers` struct).
    pub fn typed_headers<H: FromHeaders>(&self) -> H {
        H::from_headers(&self.headers)
    }

    /// The length the server announced (`Content-Length`), if any.
    pub fn content_length(&self) -> Option<u64> {
        self.headers.get(reqwest::header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
    }

    /// The next chunk of the body; `None` at its end.
    pub async fn chunk(&mut self) -> Option<Result<Bytes, Error<E>>> {
        self.next().await
    }

    /// Writes the whole body to `writer` as it arrives (then flushes it),
    /// returning the number of bytes written.
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(mut self, writer: &mut W) -> Result<u64, Error<E>> {
        let mut written = 0;
        while let Some(chunk) = self.chunks.next().await {
            let chunk = chunk.map_err(Error::Transport)?;
            writer.write_all(&chunk).await.map_err(Error::Io)?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(Error::Io)?;
        Ok(written)
    }

    /// Writes the whole body to the file at `path` (created, or truncated),
    /// returning the number of bytes written.
    pub async fn save(self, path: impl AsRef<Path>) -> Result<u64, Error<E>> {
        let mut file = tokio::fs::File::create(path).await.map_err(Error::Io)?;
        let written = self.write_to(&mut file).await?;
        file.sync_all().await.map_err(Error::Io)?;
        Ok(written)
    }

    /// Reads the rest of the body into memory, up to `limit` bytes
    /// (beyond it, [`Error::BodyTooLarge`]).
    pub async fn collect(mut self, limit: u64) -> Result<Bytes, Error<E>> {
        let mut body = Vec::new();
        while let Some(chunk) = self.chunks.next().await {
            let chunk = chunk.map_err(Error::Transport)?;
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(Error::BodyTooLarge { status: self.status, limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.into())
    }
}

impl<E> Stream for StreamedResponse<E> {
    type Item = Result<Bytes, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx).map(|chunk| chunk.map(|chunk| chunk.map_err(Error::Transport)))
    }
}

/// What sending a streamed call gave: the success response to stream, or
/// any other response read whole, to decode into the operation's errors.
#[derive(Debug)]
pub enum Streamed<E> {
    /// A success status: the body is read as it arrives.
    Body(StreamedResponse<E>),
    /// Another status, its body read whole (capped as usual).
    Buffered(RawResponse),
}

impl Request<'_> {
    /// Sends the request; a response whose status passes `success` is
    /// returned unread, to stream, and any other is read whole. Redirects,
    /// credentials and retries work as for [`Request::send`].
    pub async fn send_streaming<E>(self, success: fn(StatusCode) -> bool) -> Result<Streamed<E>, Error<E>> {
        let mut raw = self.stream_statuses(success).send().await?;
        Ok(match raw.unread.take() {
            Some(response) => Streamed::Body(StreamedResponse::new(*response)),
            None => Streamed::Buffered(raw),
        })
    }

    /// Sends `body` with `content_type`: bytes, or a stream or file sent once
    /// as it is read (such a call is never retried, and a 307 or 308 redirect
    /// is returned as [`Error::Redirect`] rather than sent again).
    pub fn binary(self, content_type: &'static str, body: Option<BinaryBody<'_>>) -> Self {
        match body {
            None => self,
            Some(BinaryBody::Bytes(bytes)) => self.bytes(content_type, bytes),
            Some(BinaryBody::Upload(upload)) => match upload.take() {
                Some(upload) => self.streamed_body(move |request| {
                    upload.attach(request.header(reqwest::header::CONTENT_TYPE, content_type))
                }),
                None => self.fail("the streamed request body was already sent".to_owned()),
            },
        }
    }
}

/// A request body sent as it is read: from a stream of chunks or a file.
/// It is sent once; the length goes in `Content-Length` when known (a
/// file's), else the body is sent chunked.
pub struct Upload {
    pub(super) body: reqwest::Body,
    pub(super) length: Option<u64>,
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload").field("length", &self.length).finish_non_exhaustive()
    }
}

impl Upload {
    /// A body read from `stream`, of unknown length (sent chunked).
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<BoxError>,
        Bytes: From<S::Ok>,
    {
        Self { body: reqwest::Body::wrap_stream(stream), length: None }
    }

    /// A body read from `stream` of exactly `length` bytes (sent with `Content-Length`).
    pub fn from_stream_with_length<S>(stream: S, length: u64) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<BoxError>,
        Bytes: From<S::Ok>,
    {
        Self { length: Some(length), ..Self::from_stream(stream) }
    }

    /// A body read from an open file, from its current position to its end.
    pub async fn from_file(file: tokio::fs::File) -> std::io::Result<Self> {
        let length = file.metadata().await?.len();
        Ok(Self { body: reqwest::Body::from(file), length: Some(length) })
    }

    /// A body read from the file at `path`.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        Self::from_file(tokio::fs::File::open(path).await?).await
    }

    /// The length sent in `Content-Length`, when known.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    fn attach(self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let request = match self.length {
            Some(length) => request.header(reqwest::header::CONTENT_LENGTH, length),
            None => request,
        };
        request.body(self.body)
    }
}

/// A binary request body: borrowed bytes, or an [`Upload`] streamed once.
/// Anything byte-like converts into it (`&Vec<u8>`, `&[u8]`, `b"…"`), and so does an [`Upload`].
#[derive(Clone)]
pub enum BinaryBody<'a> {
    /// Bytes in memory, sent again when a call is retried or redirected.
    Bytes(&'a [u8]),
    /// A body streamed once; the builder's clones share it.
    Upload(SharedUpload),
}

impl fmt::Debug for BinaryBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Upload(_) => f.write_str("Upload(..)"),
        }
    }
}

impl<'a> From<&'a [u8]> for BinaryBody<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Self::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for BinaryBody<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Self::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for BinaryBody<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Self::Bytes(bytes)
    }
}

impl<'a> From<&'a Bytes> for BinaryBody<'a> {
    fn from(bytes: &'a Bytes) -> Self {
        Self::Bytes(bytes)
    }
}

impl From<Upload> for BinaryBody<'_> {
    fn from(upload: Upload) -> Self {
        Self::Upload(SharedUpload::new(upload))
    }
}

/// An [`Upload`] the clones of a request builder share: whichever sends first takes it.
#[derive(Clone)]
pub struct SharedUpload(Arc<Mutex<Option<Upload>>>);

impl fmt::Debug for SharedUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedUpload").finish_non_exhaustive()
    }
}

impl SharedUpload {
    /// Shares `upload`.
    pub fn new(upload: Upload) -> Self {
        Self(Arc::new(Mutex::new(Some(upload))))
    }

    /// The upload, to send it; `None` once a clone has taken it.
    pub(super) fn take(&self) -> Option<Upload> {
        self.0.lock().ok()?.take()
    }

    fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

/// Two handles are equal when they share one upload.
impl PartialEq for SharedUpload {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedUpload {}

impl std::hash::Hash for SharedUpload {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.address().hash(state);
    }
}

impl PartialOrd for SharedUpload {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// An arbitrary but consistent order (by where the upload is held), so that
/// types holding files can be ordered.
impl Ord for SharedUpload {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.address().cmp(&other.address())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_likes_convert_and_uploads_are_taken_once() {
        let owned = vec![1u8, 2, 3];
        assert!(matches!(BinaryBody::from(&owned), BinaryBody::Bytes([1, 2, 3])));
        assert!(matches!(BinaryBody::from(b"ab"), BinaryBody::Bytes(b"ab")));
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(vec![1]), Ok(vec![2])];
        let upload = Upload::from_stream_with_length(futures_util::stream::iter(chunks), 2);
        assert_eq!(upload.length(), Some(2));
        let BinaryBody::Upload(shared) = BinaryBody::from(upload) else { panic!("an upload") };
        let clone = shared.clone();
        assert!(shared.take().is_some());
        assert!(clone.take().is_none(), "clones share the one upload");
    }

    #[tokio::test]
    async fn files_are_sent_with_their_length() {
        let path = std::env::temp_dir().join(format!("clientgen-upload-{}", std::process::id()));
        std::fs::write(&path, vec![7u8; 1000]).expect("writable temp dir");
        let upload = Upload::from_path(&path).await.expect("readable file");
        assert_eq!(upload.length(), Some(1000));
        let _ = std::fs::remove_file(&path);
    }
}
