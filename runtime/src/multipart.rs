//! `multipart/form-data` bodies and the files they carry.

use super::request::scalar_text;
use super::{Request, SharedUpload, Upload};

use serde::Serialize;

/// A file: its bytes, and optionally the file name and content type sent
/// with it in a multipart body (OpenAPI's `format: binary`). In JSON it is a string.
///
/// In a multipart body its content may also come from a stream or a file,
/// read as it is sent ([`FilePart::upload`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FilePart {
    /// The content.
    pub bytes: Vec<u8>,
    /// The file name sent in the part's `Content-Disposition`.
    pub file_name: Option<String>,
    /// The part's `Content-Type` (`application/octet-stream` when unset).
    pub content_type: Option<String>,
    /// Content streamed once instead of `bytes`.
    upload: Option<SharedUpload>,
}

impl FilePart {
    /// A file whose content is `upload`, read from its stream or file as the
    /// multipart body is sent (once: such a call is never retried), with its
    /// length when known. Only a multipart body streams it; in JSON it is empty.
    pub fn upload(upload: Upload) -> Self {
        Self { upload: Some(SharedUpload::new(upload)), ..Self::default() }
    }

    /// A file read from the file at `path` as it is sent, named after the file.
    pub async fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let file = Self::upload(Upload::from_path(path).await?);
        Ok(match path.file_name().and_then(|name| name.to_str()) {
            Some(name) => file.file_name(name),
            None => file,
        })
    }

    /// A file with this content.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self { bytes: bytes.into(), file_name: None, content_type: None, upload: None }
    }

    /// Sets the file name.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Self::new(text.into_bytes()))
    }
}

/// A `multipart/form-data` body being assembled.
#[derive(Debug)]
pub struct Multipart {
    form: reqwest::multipart::Form,
    error: Option<String>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Request<'_> {
    /// Sends a `multipart/form-data` body.
    pub fn multipart(self, form: Multipart) -> Self {
        match form.error {
            Some(message) => self.fail(message),
            None => {
                let form = form.form;
                self.streamed_body(move |request| request.multipart(form))
            }
        }
    }
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self { form: reqwest::multipart::Form::new(), error: None }
    }

    /// A text part: scalars as text, arrays as one part per item, objects as
    /// JSON; `None` adds nothing.
    pub fn text(mut self, name: &str, value: &impl Serialize) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(error) => {
                self.error.get_or_insert(format!("part `{name}`: {error}"));
                return self;
            }
        };
        let items = match value {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
        for item in items {
            let part = match scalar_text(&item) {
                Some(text) => reqwest::multipart::Part::text(text.into_owned()),
                None => match reqwest::multipart::Part::text(item.to_string()).mime_str("application/json") {
                    Ok(part) => part,
                    Err(error) => {
                        self.error.get_or_insert(format!("part `{name}`: {error}"));
                        return self;
                    }
                },
            };
            self.form = self.form.part(name.to_owned(), part);
        }
        self
    }

    /// A file part; `None` adds nothing.
    pub fn file(mut self, name: &str, file: Option<&FilePart>) -> Self {
        let Some(file) = file else { return self };
        let mut part = match &file.upload {
            None => reqwest::multipart::Part::bytes(file.bytes.clone()),
            Some(shared) => match shared.take() {
                Some(Upload { body, length: Some(length) }) => {
                    reqwest::multipart::Part::stream_with_length(body, length)
                }
                Some(Upload { body, length: None }) => reqwest::multipart::Part::stream(body),
                None => {
                    self.error.get_or_insert(format!("part `{name}`: its streamed content was already sent"));
                    return self;
                }
            },
        };
        if let Some(file_name) = &file.file_name {
            part = part.file_name(file_name.clone());
        }
        let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
        match part.mime_str(content_type) {
            Ok(part) => self.form = self.form.part(name.to_owned(), part),
            Err(_) => {
                self.error.get_or_insert(format!("part `{name}` has an invalid content type"));
            }
        }
        self
    }
}
