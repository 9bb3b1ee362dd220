//! Operations: parameters, bodies, responses, grouped by tag.

use super::constraints::Constraints;
use super::docs::Docs;
use super::types::{Presence, Scalar, Ty};

/// Operations that share a first tag, emitted as one module.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The tag, or `None` for untagged operations (methods on the client itself).
    pub tag: Option<String>,
    /// The module holding the group's builders (`customer`).
    pub module: String,
    /// The client method returning the group (`customer`), when tagged.
    pub accessor: Option<String>,
    /// The struct the accessor returns (`CustomerApi`), when tagged.
    pub struct_name: Option<String>,
    /// The tag's description.
    pub docs: Docs,
    /// Its operations, in the spec's order.
    pub operations: Vec<Operation>,
    /// The cargo feature that builds it, in a crate that gates tags by
    /// feature (`passes::gate_tags`); `None`: always built.
    pub feature: Option<String>,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The JSON pointer of the operation in the spec.
    pub origin: String,
    /// The spec's `operationId`, else the method name: what hooks and logs call the operation.
    pub operation_id: String,
    /// The method that starts the call (`get`).
    pub method_name: String,
    /// The request builder struct (`Get`).
    pub builder_name: String,
    /// The operation's error type (`GetError`).
    pub error_name: String,
    /// The enum behind it when operations of the group that document the same
    /// errors share one (`CustomersError`); `error_name` is then an alias of it.
    pub shared_error: Option<String>,
    /// Whether this operation's items define the shared enum (the first of those sharing it).
    pub defines_error_enum: bool,
    /// The HTTP method, upper case.
    pub http_method: String,
    /// The path template, e.g. `/pets/{petId}`.
    pub path: String,
    /// Its documentation.
    pub docs: Docs,
    /// Parameters, in the spec's order (path-level first).
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// What a success response decodes into.
    pub success: Success,
    /// Success statuses and how each decodes.
    pub success_responses: Vec<ResponseCase>,
    /// Documented error statuses, one variant each.
    pub error_responses: Vec<ResponseCase>,
    /// Headers documented on success responses, read by a struct of their own.
    pub response_headers: Option<ResponseHeaders>,
    /// How to walk the pages of results, when the operation is paginated.
    pub pagination: Option<Pagination>,
    /// Security alternatives (OR), each a set of scheme names (AND).
    pub security: Vec<Vec<String>>,
    /// The retry policy the document gives the operation (`x-speakeasy-retries`), if any.
    pub retries: Option<Retries>,
    /// Whether the enum of success bodies (`Success::Enum`) derives `Eq` (decided by `passes`).
    pub success_eq: bool,
    /// Whether the error enum derives `Eq` (decided by `passes`).
    pub errors_eq: bool,
}

/// A retry policy from `x-speakeasy-retries`: exponential backoff.
#[derive(Debug, Clone, PartialEq)]
pub struct Retries {
    /// The longest first wait, in milliseconds.
    pub initial_interval_ms: u64,
    /// The longest wait, in milliseconds.
    pub max_interval_ms: u64,
    /// No retry starts later than this after the call began, in milliseconds.
    pub max_elapsed_ms: u64,
    /// What the longest wait is multiplied by after each attempt.
    pub exponent: f64,
    /// The statuses retried, as inclusive ranges (`5XX` is 500–599); the runtime's when `None`.
    pub statuses: Option<Vec<(u16, u16)>>,
    /// Whether connection errors and timeouts are retried.
    pub connection_errors: bool,
}

impl Operation {
    /// Every type the operation's code names: parameters, body, responses,
    /// response headers and paginated items.
    pub fn types(&self) -> impl Iterator<Item = &Ty> {
        let params = self.params.iter().map(|param| &param.ty);
        let body = self.body.iter().map(|body| &body.ty);
        let responses = self.success_responses.iter().chain(&self.error_responses).map(|case| case.decode.ty());
        let events = self.event_data();
        let headers = self.response_headers.iter().flat_map(|headers| &headers.fields).map(|field| &field.ty);
        let items = self.pagination.iter().map(|pagination| &pagination.item);
        params.chain(body).chain(responses).chain(events).chain(headers).chain(items)
    }

    /// Whether every success response is binary (`application/octet-stream`,
    /// images, PDF…): the body can be streamed rather than read whole.
    pub fn streams_bytes(&self) -> bool {
        !self.success_responses.is_empty() && self.success_responses.iter().all(|case| case.decode == Decode::Binary)
    }

    /// The type of each event's `data` when a success response is a
    /// `text/event-stream` (server-sent events).
    pub fn event_data(&self) -> Option<&Ty> {
        self.success_responses.iter().find_map(|case| match &case.decode {
            Decode::Events(ty) => Some(ty),
            _ => None,
        })
    }
}

/// How a paginated operation's pages advance and where its items are.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// How the next request differs from the previous one.
    pub kind: PageKind,
    /// The Rust name of the parameter carrying the page, offset or cursor.
    pub param: Option<String>,
    /// JSONPath of the items in a response.
    pub results: String,
    /// JSONPath of the next cursor or URL.
    pub next: Option<String>,
    /// JSONPath of the number of pages.
    pub num_pages: Option<String>,
    /// The type of one item (`serde_json::Value` when the path cannot be followed in the schema).
    pub item: Ty,
}

/// How pages advance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A page number, starting at 1.
    Page,
    /// An offset, advanced by the items received.
    Offset,
    /// A cursor from the previous response.
    Cursor,
    /// The next page's URL from the previous response.
    Url,
}

/// The struct an operation's documented response headers are read into.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeaders {
    /// The struct's name (`ListPetsHeaders`).
    pub name: String,
    /// One field per header.
    pub fields: Vec<HeaderField>,
}

/// One documented response header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderField {
    /// The Rust field name (`x_rate_limit`).
    pub name: String,
    /// The header name (`X-Rate-Limit`).
    pub wire_name: String,
    /// Its type (the field is an `Option` of it).
    pub ty: Ty,
    /// Its documentation.
    pub docs: Docs,
}

/// What an operation's success responses decode into.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// Every success status has the same body type.
    Single(Ty),
    /// Success statuses carry different bodies: an enum of this name in the
    /// group's module, one variant per success case (`ResponseCase::variant`).
    Enum(String),
}

/// A parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The Rust name (`tenant_id`).
    pub name: String,
    /// The name on the wire (`TenantId`).
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type (without `Option` for optional ones).
    pub ty: Ty,
    /// Whether it must be given (positional) or may be set (chained setter).
    pub required: bool,
    /// How a query parameter's value is written.
    pub style: QueryStyle,
    /// A header naming the call for the server to apply once (`Idempotency-Key`):
    /// a fresh key is sent when the caller sets none, the same on every retry.
    pub idempotency_key: bool,
    /// What its schema requires of the value, checked before sending.
    pub constraints: Constraints,
    /// Its documentation.
    pub docs: Docs,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    /// Substituted into the path template.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// How a query parameter's value is written: OpenAPI's `style` and `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryStyle {
    /// `form`, exploded: `id=1&id=2` (the default).
    #[default]
    Form,
    /// `form`, not exploded: `id=1,2`.
    FormUnexploded,
    /// `spaceDelimited`: `id=1%202`.
    SpaceDelimited,
    /// `pipeDelimited`: `id=1|2`.
    PipeDelimited,
    /// `deepObject`: `filter[key]=value`.
    DeepObject,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The Rust parameter name (`body`).
    pub name: String,
    /// Its type; the caller passes a reference.
    pub ty: Ty,
    /// Whether it must be sent.
    pub required: bool,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// What its schema requires of the value itself (its types check their fields).
    pub constraints: Constraints,
    /// Its documentation.
    pub docs: Docs,
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json` (or `+json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`: one part per field of the body struct (decided by `passes`).
    Multipart(Vec<Part>),
    /// Text with this content type (`text/plain`, XML…); the caller passes a `&str`.
    Text(String),
    /// Bytes with this content type (`application/octet-stream`, images…); the caller passes a `&[u8]`.
    Binary(String),
}

/// One part of a multipart body: a field of the body struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The Rust field it is read from.
    pub field: String,
    /// The part's name.
    pub wire_name: String,
    /// How it is sent.
    pub kind: PartKind,
    /// The field's presence: a part whose field is unset (or `null`) is not sent.
    pub presence: Presence,
}

/// How a multipart part is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A file, with its name and content type (`format: binary`).
    File,
    /// Text: the value as a query parameter would be written.
    Text,
}

/// Which statuses a response case covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// `2XX`, `4XX`…: the hundreds digit.
    Range(u16),
    /// `default`: every status not listed otherwise.
    Default,
}

/// How a response body decodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decode {
    /// JSON into the given type.
    Json(Ty),
    /// A JSON string, or the raw text when the server sends plain text.
    JsonString,
    /// `text/*` as a `String`.
    Text,
    /// Any other media type, as bytes.
    Binary,
    /// `text/event-stream` (server-sent events): read whole, it is the text;
    /// read as events, each one's `data` is of this type.
    Events(Ty),
    /// No body.
    Empty,
}

impl Decode {
    /// The Rust type the body decodes into.
    pub fn ty(&self) -> &Ty {
        match self {
            Self::Json(ty) => ty,
            Self::JsonString | Self::Text | Self::Events(_) => &Ty::Scalar(Scalar::String),
            Self::Binary => &Ty::Bytes,
            Self::Empty => &Ty::Unit,
        }
    }
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCase {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// How its body decodes.
    pub decode: Decode,
    /// The variant of the error enum (`BadRequest`), or of the success enum when there is one.
    pub variant: String,
    /// The response description.
    pub docs: Docs,
}
