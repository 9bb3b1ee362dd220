//! One API: how to reach and authenticate with it, its types and operations.

use crate::limits::MAX_DEPTH;

use super::docs::Docs;
use super::operations::{Group, Operation, ParamLocation};
use super::types::{Ty, TypeDef, TypeId, TypeKind};

/// One API: its types, operations and how to reach and authenticate with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The Rust module the API is emitted into (`fusesign`).
    pub module: String,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The first server's URL with its variables' defaults, the client's default base URL.
    pub default_base_url: String,
    /// The first server's URL as written, with `{variables}`.
    pub server_template: String,
    /// The variables of the first server's URL.
    pub server_variables: Vec<ServerVariable>,
    /// Credentials the client builder accepts, one per security scheme.
    pub security_schemes: Vec<SecurityScheme>,
    /// Every named type; `TypeId(n)` is `types[n]`.
    pub types: Vec<TypeDef>,
    /// Operations grouped by their first tag.
    pub groups: Vec<Group>,
    /// Crates the emitted code needs beyond those every client needs (decided by `passes`).
    pub dependencies: Dependencies,
    /// The cargo features that build parts of the API, in a crate that gates
    /// tags by feature (`passes::gate_tags`); empty: everything is always built.
    pub features: Vec<Feature>,
}

/// A cargo feature of a generated crate that builds part of its API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// Its name in `Cargo.toml` and in `cfg(feature = …)`.
    pub name: String,
    /// What it builds.
    pub kind: FeatureKind,
    /// The other features it turns on.
    pub enables: Vec<String>,
}

/// What a [`Feature`] builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FeatureKind {
    /// A tag's operations and the types only they use; on by default.
    Tag,
    /// Component schemas no operation uses, and the types they hold; on by default.
    Unused,
    /// Types more tags use than a `cfg` should list: on when one of those tags is
    /// (they enable it), never named by users.
    Shared,
}

impl FeatureKind {
    /// Whether the crate's `default` features list it.
    pub fn is_default(self) -> bool {
        !matches!(self, Self::Shared)
    }
}

/// The optional modules of the runtime and the crates a client needs only
/// when its API uses them (decided once by `passes::dependencies`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dependencies {
    /// The runtime's `time` module and `chrono`, for `date-time` and `date` values.
    pub time: bool,
    /// `uuid`, for `uuid` values.
    pub uuid: bool,
    /// `regex`, for checked `pattern`s.
    pub regex: bool,
    /// The runtime's macros of operation builders: the API has operations.
    pub operations: bool,
    /// The runtime's `pagination` module and `futures-util`: an operation pages.
    pub pagination: bool,
    /// The runtime's `multipart` module (`FilePart`, `Multipart`) and reqwest's
    /// `multipart` feature: a `format: binary` value or a multipart body.
    pub multipart: bool,
    /// The runtime's `validate` module: something is checked before it is sent.
    pub validation: bool,
    /// The runtime's `base64` module and `base64`: a `format: byte` value.
    pub base64: bool,
    /// The runtime's `tagged` module: a union with a discriminator.
    pub tagged: bool,
    /// The runtime's `nullable` module: an optional nullable property.
    pub nullable: bool,
    /// The runtime's `string_enum!` macro: the API has string enums.
    pub string_enums: bool,
    /// The runtime's `int_enum!` macro: the API has integer enums.
    pub int_enums: bool,
    /// The runtime's `object!` macro: a response holds a struct.
    pub objects: bool,
    /// The runtime's `stream` module, reqwest's `stream` feature, `futures-util`
    /// and tokio's `fs` and `io-util`: a binary body is sent or received.
    pub stream: bool,
    /// The runtime's `sse` module: a response is `text/event-stream`.
    pub sse: bool,
    /// The runtime's `oauth` module and tokio's `sync`: a security scheme has OAuth 2 flows the client runs.
    pub oauth: bool,
}

impl Dependencies {
    /// What a crate holding two APIs needs: what either needs.
    pub fn union(self, other: Self) -> Self {
        Self {
            time: self.time || other.time,
            uuid: self.uuid || other.uuid,
            regex: self.regex || other.regex,
            operations: self.operations || other.operations,
            pagination: self.pagination || other.pagination,
            multipart: self.multipart || other.multipart,
            validation: self.validation || other.validation,
            base64: self.base64 || other.base64,
            tagged: self.tagged || other.tagged,
            nullable: self.nullable || other.nullable,
            string_enums: self.string_enums || other.string_enums,
            int_enums: self.int_enums || other.int_enums,
            objects: self.objects || other.objects,
            stream: self.stream || other.stream,
            sse: self.sse || other.sse,
            oauth: self.oauth || other.oauth,
        }
    }
}

impl Api {
    /// The type `id` designates.
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The type `ty` stands for, aliases followed: `Named(id)` of an alias of
    /// `Vec<X>` is `Vec<X>`. A cycle of aliases ends at one of them.
    pub fn unalias<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        let mut current = ty;
        for _ in 0..MAX_DEPTH {
            match current {
                Ty::Named(id) => match &self.type_def(*id).kind {
                    TypeKind::Alias(aliased) => current = aliased,
                    _ => break,
                },
                _ => break,
            }
        }
        current
    }

    /// Whether some type has something to check before it is sent (see `TypeDef::validated`).
    pub fn validates(&self) -> bool {
        self.types.iter().any(|def| def.validated)
    }

    /// Whether a value of `ty` holds a type marked validated.
    pub fn holds_validated(&self, ty: &Ty) -> bool {
        ty.walk().any(|ty| matches!(ty, Ty::Named(id) if self.type_def(*id).validated))
    }

    /// Every operation, in emission order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|group| &group.operations)
    }
}

/// A variable of a server URL template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    /// Its name in the template (`region`).
    pub name: String,
    /// The builder method setting it (`server_region`).
    pub builder_method: String,
    /// Its default value.
    pub default: String,
    /// The values the spec allows, if it lists them.
    pub allowed: Vec<String>,
    /// Its description.
    pub docs: Docs,
}

/// A credential the API accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in `components/securitySchemes`, used by security requirements.
    pub name: String,
    /// The client builder method that sets it (`api_key`).
    pub builder_method: String,
    /// How the credential is sent.
    pub kind: SecurityKind,
    /// The scheme's description.
    pub docs: Docs,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where it goes.
        location: ParamLocation,
        /// The header, parameter or cookie name.
        name: String,
        /// Text sent before the key (`Basic `), from codegen.toml.
        prefix: Option<String>,
    },
    /// `Authorization: Bearer …`: HTTP bearer, OAuth 2 and OpenID Connect.
    Bearer {
        /// The builder method taking a refreshing token provider instead of a
        /// token (`oauth_provider`), for OAuth 2 and OpenID Connect.
        provider_method: Option<String>,
        /// The OAuth 2 grants the client can run itself, from the scheme's flows.
        flows: Vec<OAuthFlow>,
    },
    /// HTTP basic authentication.
    Basic,
}

/// An OAuth 2 grant the client runs itself, set by a builder method taking it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthFlow {
    /// Which grant.
    pub grant: OAuthGrant,
    /// The builder method taking it (`oauth_client_credentials`).
    pub builder_method: String,
    /// Where tokens come from: the flow's `tokenUrl`, or its `refreshUrl` to refresh.
    pub token_url: String,
    /// The scopes the flow documents.
    pub scopes: Vec<String>,
}

/// The OAuth 2 grants a client runs itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthGrant {
    /// Client id and secret buy access tokens (a `clientCredentials` flow).
    ClientCredentials,
    /// A refresh token buys access tokens (a flow with a `refreshUrl`, or an
    /// `authorizationCode` or `password` flow's `tokenUrl`).
    RefreshToken,
}
