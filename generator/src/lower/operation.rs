//! Operations → groups of request builders: parameters, bodies, responses
//! and security requirements.

use openapiv3::{
    MediaType, OpenAPI, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Response as SpecResponse, SchemaKind, StatusCode, Type,
};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ir::{
    Body, BodyEncoding, Constraints, Decode, Docs, Group, HeaderField, Operation, Param, ParamLocation, QueryStyle,
    ResponseCase, ResponseHeaders, SecurityScheme, StatusMatch, Success, Ty,
};
use crate::naming::{pascal, snake, unraw, Scope};
use crate::pointer::Pointer;

use super::docs::docs;
use super::refs::resolve;
use super::schema::Types;

/// Methods of every generated client; untagged operations and group accessors
/// share this namespace.
const CLIENT_METHODS: &[&str] = &["builder", "base_url", "with_retry_policy", "with_timeout"];
/// Names every group module imports or defines.
const MODULE_NAMES: &[&str] = &["Client", "Error", "Response", "Method", "types", "runtime"];
/// Fields and methods every request builder has.
const BUILDER_MEMBERS: &[&str] =
    &["client", "send_with_response", "check", "decode", "into_future", "pages", "items", "advance_page", "page_url"];

struct Context<'a, 'd> {
    document: &'d OpenAPI,
    config: &'a Config,
    schemes: &'a [SecurityScheme],
    types: &'a mut Types<'d>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

pub(super) fn lower_groups<'d>(
    module: &str,
    document: &'d OpenAPI,
    config: &Config,
    schemes: &[SecurityScheme],
    types: &mut Types<'d>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Group> {
    let mut context = Context { document, config, schemes, types, diagnostics };
    // The API's own name is taken too: `operations::operations` would read badly.
    let mut modules = Scope::with_reserved(&["types", "runtime", "client", "validate", module]);
    let mut client_methods = Scope::with_reserved(CLIENT_METHODS);
    let mut groups: Vec<(Group, Scope, Scope)> = Vec::new();
    for (path, item) in &document.paths.paths {
        let item_at = Pointer::root().join("paths").join(path);
        let ReferenceOr::Item(item) = item else {
            context.diagnostics.push(Diagnostic::warning_at(
                "a path item given by `$ref` is not supported; its operations are skipped",
                &item_at,
            ));
            continue;
        };
        for (method, operation) in item.iter() {
            let at = item_at.join(method);
            let tag = operation.tags.first().cloned();
            let position = match groups.iter().position(|(group, _, _)| group.tag == tag) {
                Some(position) => position,
                None => {
                    groups.push(new_group(document, tag, &mut modules, &mut client_methods));
                    groups.len() - 1
                }
            };
            let (group, names, methods) = &mut groups[position];
            let methods = if group.tag.is_some() { methods } else { &mut client_methods };
            let lowered = context.lower_operation(
                path,
                method,
                operation,
                &item.parameters,
                group.tag.as_deref(),
                methods,
                names,
                &at,
            );
            group.operations.push(lowered);
        }
    }
    groups
        .into_iter()
        .map(|(mut group, mut names, _)| {
            share_error_enums(&mut group, &mut names);
            group
        })
        .collect()
}

/// Operations of a group that document exactly the same errors share one enum
/// (`CustomersError`) instead of repeating it per operation: the largest such set.
fn share_error_enums(group: &mut Group, names: &mut Scope) {
    let operations = &group.operations;
    let mut best: Option<Vec<usize>> = None;
    for (index, operation) in operations.iter().enumerate() {
        if operation.error_responses.is_empty() {
            continue;
        }
        let same: Vec<usize> = (index..operations.len())
            .filter(|&other| operations[other].error_responses == operation.error_responses)
            .collect();
        if same.len() > 1 && best.as_ref().is_none_or(|best| same.len() > best.len()) {
            best = Some(same);
        }
    }
    let Some(sharing) = best else { return };
    let base = group.tag.as_deref().map_or_else(|| "Api".to_owned(), pascal);
    let name = names.claim(&format!("{base}Error"));
    for (position, index) in sharing.into_iter().enumerate() {
        group.operations[index].shared_error = Some(name.clone());
        group.operations[index].defines_error_enum = position == 0;
    }
}

fn new_group(
    document: &OpenAPI,
    tag: Option<String>,
    modules: &mut Scope,
    client_methods: &mut Scope,
) -> (Group, Scope, Scope) {
    let mut names = Scope::with_reserved(MODULE_NAMES);
    let group = match &tag {
        Some(tag) => {
            let description =
                document.tags.iter().find(|known| &known.name == tag).and_then(|known| known.description.as_ref());
            let module = modules.claim(&snake(tag));
            let accessor = client_methods.claim(&module);
            let struct_name = names.claim(&format!("{}Api", pascal(tag)));
            Group {
                tag: Some(tag.clone()),
                module,
                accessor: Some(accessor),
                struct_name: Some(struct_name),
                docs: docs(None, description, false),
                operations: Vec::new(),
                feature: None,
            }
        }
        None => Group {
            tag: None,
            module: modules.claim("operations"),
            accessor: None,
            struct_name: None,
            docs: Docs::default(),
            operations: Vec::new(),
            feature: None,
        },
    };
    (group, names, Scope::default())
}

impl<'d> Context<'_, 'd> {
    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        path: &str,
        method: &str,
        operation: &'d SpecOperation,
        path_parameters: &'d [ReferenceOr<Parameter>],
        group: Option<&str>,
        methods: &mut Scope,
        names: &mut Scope,
        at: &Pointer,
    ) -> Operation {
        let wanted = match &operation.operation_id {
            Some(id) => self
                .config
                .operations
                .get(id)
                .map_or_else(|| crate::naming::operation_method(id, group, path, method), |rename| snake(rename)),
            None => snake(&format!("{method} {}", path.replace('{', " by ").replace('}', " "))),
        };
        let method_name = methods.claim(&wanted);
        let builder_name = names.claim(&pascal(unraw(&method_name)));
        let error_name = names.claim(&format!("{builder_name}Error"));
        let type_hint = operation.operation_id.as_deref().map_or_else(|| pascal(unraw(&method_name)), pascal);

        let mut member_scope = Scope::with_reserved(BUILDER_MEMBERS);
        // Its inline types are named in the context of its method (and group, if that is not enough).
        let context: Vec<String> = group
            .map(pascal)
            .into_iter()
            .chain([crate::naming::collapse_repeats(&pascal(unraw(&method_name)))])
            .collect();
        self.types.set_operation(Some((&type_hint, context)));
        let params = self.lower_params(path_parameters, &operation.parameters, &type_hint, &mut member_scope, at);
        let body = operation.request_body.as_ref().and_then(|body| {
            self.lower_body(body, &format!("{type_hint}Body"), &mut member_scope, &at.join("requestBody"))
        });
        let (success, success_responses, error_responses, response_headers) =
            self.lower_responses(operation, &type_hint, &builder_name, names, &at.join("responses"));
        self.types.set_operation(None);
        let security = self.lower_security(operation, at);
        let settings = operation.operation_id.as_ref().and_then(|id| self.config.pagination.get(id));
        let pagination = settings
            .or_else(|| operation.extensions.get(super::pagination::EXTENSION))
            .and_then(|settings| super::pagination::lower(settings, &params, at, self.diagnostics));
        Operation {
            origin: at.to_string(),
            operation_id: operation.operation_id.clone().unwrap_or_else(|| unraw(&method_name).to_owned()),
            method_name,
            builder_name,
            error_name,
            shared_error: None,
            defines_error_enum: true,
            http_method: method.to_uppercase(),
            path: path.to_owned(),
            docs: docs(operation.summary.as_ref(), operation.description.as_ref(), operation.deprecated),
            params,
            body,
            success,
            success_responses,
            error_responses,
            response_headers,
            pagination,
            security,
            retries: operation.extensions.get(super::retries::EXTENSION).and_then(|settings| {
                super::retries::lower(settings, &at.join(super::retries::EXTENSION), self.diagnostics)
            }),
            success_eq: false,
            errors_eq: false,
        }
    }

    fn lower_params(
        &mut self,
        path_level: &'d [ReferenceOr<Parameter>],
        operation_level: &'d [ReferenceOr<Parameter>],
        type_hint: &str,
        scope: &mut Scope,
        at: &Pointer,
    ) -> Vec<Param> {
        let document = self.document;
        let lookup = |name: &str| document.components.as_ref()?.parameters.get(name);
        let mut resolved: Vec<(&'d Parameter, Pointer)> = Vec::new();
        let levels = [(path_level, at.parent()), (operation_level, at.clone())];
        for (parameters, level_at) in levels {
            for (index, parameter) in parameters.iter().enumerate() {
                let parameter_at = level_at.join("parameters").join(index.to_string());
                match resolve(parameter, "parameters", lookup, &parameter_at) {
                    Ok(parameter) => {
                        // An operation-level parameter overrides a path-level one by name and location.
                        let key = (&parameter.parameter_data_ref().name, location_of(parameter));
                        resolved
                            .retain(|(earlier, _)| (&earlier.parameter_data_ref().name, location_of(earlier)) != key);
                        resolved.push((parameter, parameter_at));
                    }
                    Err(diagnostic) => self.diagnostics.push(diagnostic),
                }
            }
        }
        let mut params = Vec::with_capacity(resolved.len());
        for (parameter, parameter_at) in resolved {
            let data = parameter.parameter_data_ref();
            let location = location_of(parameter);
            let style = self.query_style(parameter, &parameter_at);
            let hint = format!("{type_hint}{}", pascal(&data.name));
            let (ty, constraints) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let lowered = self.types.ty_of(schema.into(), &hint, &parameter_at.join("schema"));
                    (lowered.ty, self.types.constraints(&lowered.constraints, self.diagnostics))
                }
                ParameterSchemaOrContent::Content(_) => {
                    self.diagnostics.push(Diagnostic::warning_at(
                        "a parameter described by `content` is sent as JSON text",
                        &parameter_at,
                    ));
                    (Ty::Json, Constraints::default())
                }
            };
            params.push(Param {
                name: scope.claim(&snake(&data.name)),
                wire_name: data.name.clone(),
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                style,
                idempotency_key: location == ParamLocation::Header
                    && ["idempotency-key", "x-idempotency-key"].iter().any(|key| data.name.eq_ignore_ascii_case(key)),
                constraints,
                docs: docs(None, data.description.as_ref(), data.deprecated.unwrap_or(false)),
            });
        }
        params
    }

    /// The query style of a parameter; path styles other than `simple` are approximated.
    fn query_style(&mut self, parameter: &Parameter, at: &Pointer) -> QueryStyle {
        let explode = parameter.parameter_data_ref().explode;
        match parameter {
            Parameter::Query { style, .. } => match (style, explode) {
                (openapiv3::QueryStyle::Form, Some(false)) => QueryStyle::FormUnexploded,
                (openapiv3::QueryStyle::Form, _) => QueryStyle::Form,
                (openapiv3::QueryStyle::SpaceDelimited, _) => QueryStyle::SpaceDelimited,
                (openapiv3::QueryStyle::PipeDelimited, _) => QueryStyle::PipeDelimited,
                (openapiv3::QueryStyle::DeepObject, _) => QueryStyle::DeepObject,
            },
            Parameter::Path { style, .. } if *style != openapiv3::PathStyle::Simple => {
                self.diagnostics.push(Diagnostic::warning_at(
                    "path styles other than `simple` are sent as `simple`",
                    &at.join("style"),
                ));
                QueryStyle::Form
            }
            _ => QueryStyle::Form,
        }
    }

    fn lower_body(
        &mut self,
        body: &'d ReferenceOr<RequestBody>,
        hint: &str,
        scope: &mut Scope,
        at: &Pointer,
    ) -> Option<Body> {
        let document = self.document;
        let lookup = |name: &str| document.components.as_ref()?.request_bodies.get(name);
        let body =
            resolve(body, "requestBodies", lookup, at).map_err(|diagnostic| self.diagnostics.push(diagnostic)).ok()?;
        // JSON first, then forms, then text, then anything else as bytes.
        let rank = |media_type: &str| {
            let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            match essence.as_str() {
                _ if is_json(&essence) => (0, BodyEncoding::Json),
                "application/x-www-form-urlencoded" => (1, BodyEncoding::Form),
                "multipart/form-data" => (2, BodyEncoding::Multipart(Vec::new())),
                _ if essence.starts_with("text/") || essence.ends_with("xml") => (3, BodyEncoding::Text(essence)),
                _ => (4, BodyEncoding::Binary(essence)),
            }
        };
        let (media_type, content, encoding) = body
            .content
            .iter()
            .map(|(media_type, content)| (media_type, content, rank(media_type)))
            .min_by_key(|(_, _, (rank, _))| *rank)
            .map(|(media_type, content, (_, encoding))| (media_type, content, encoding))?;
        // An optional body that can only be `{}` (Stripe's GETs declare one) carries
        // nothing: leaving it out is what the spec allows, and no setter is needed.
        if !body.required && content.schema.as_ref().is_some_and(only_empty_object) {
            return None;
        }
        let schema_at = at.join("content").join(media_type).join("schema");
        let (ty, constraints) = match (&encoding, &content.schema) {
            (BodyEncoding::Text(_), _) => (Ty::Scalar(crate::ir::Scalar::String), Constraints::default()),
            (BodyEncoding::Binary(_), _) => (Ty::Bytes, Constraints::default()),
            (_, Some(schema)) => {
                let lowered = self.types.ty_of(schema.into(), hint, &schema_at);
                (lowered.ty, self.types.constraints(&lowered.constraints, self.diagnostics))
            }
            (_, None) => (Ty::Json, Constraints::default()),
        };
        let mut notes = Vec::new();
        let others: Vec<&str> = body.content.keys().map(String::as_str).filter(|other| *other != media_type).collect();
        if !others.is_empty() {
            notes.push(format!("The API also accepts {}; this client sends `{media_type}`.", others.join(", ")));
        }
        let encoding = match (encoding, &ty) {
            (BodyEncoding::Multipart(parts), Ty::Named(_)) => BodyEncoding::Multipart(parts),
            (BodyEncoding::Multipart(_), _) => {
                self.diagnostics
                    .push(Diagnostic::warning_at("a multipart body that is not an object is sent as JSON", at));
                BodyEncoding::Json
            }
            (encoding, _) => encoding,
        };
        let mut docs = docs(None, body.description.as_ref(), false);
        if !notes.is_empty() {
            let description = docs.description.take().into_iter().chain(notes).collect::<Vec<_>>().join("\n\n");
            docs.description = Some(description);
        }
        Some(Body { name: scope.claim("body"), ty, required: body.required, encoding, constraints, docs })
    }

    fn lower_responses(
        &mut self,
        operation: &'d SpecOperation,
        type_hint: &str,
        builder_name: &str,
        names: &mut Scope,
        at: &Pointer,
    ) -> (Success, Vec<ResponseCase>, Vec<ResponseCase>, Option<ResponseHeaders>) {
        let document = self.document;
        let lookup = |name: &str| document.components.as_ref()?.responses.get(name);
        let mut success = Vec::new();
        let mut errors = Vec::new();
        let mut variants = Scope::default();
        let listed = operation.responses.responses.iter().map(|(status, response)| {
            let (status, key) = match status {
                StatusCode::Code(code) => (StatusMatch::Code(*code), code.to_string()),
                StatusCode::Range(range) => (StatusMatch::Range(*range), format!("{range}XX")),
            };
            (status, key, response)
        });
        let default =
            operation.responses.default.iter().map(|response| (StatusMatch::Default, "default".to_owned(), response));
        let mut header_fields: Vec<HeaderField> = Vec::new();
        let mut header_scope = Scope::default();
        for (status, key, response) in listed.chain(default) {
            let response_at = at.join(&key);
            let Ok(response) = resolve(response, "responses", lookup, &response_at)
                .map_err(|diagnostic| self.diagnostics.push(diagnostic))
            else {
                continue;
            };
            let is_success = matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
            let hint = if is_success {
                format!("{type_hint}Response")
            } else {
                format!("{type_hint}{}", status_variant(status))
            };
            let decode = self.lower_decode(response, &hint, &response_at);
            let docs = docs(None, Some(&response.description), false);
            if is_success {
                self.collect_headers(response, &mut header_fields, &mut header_scope, type_hint, &response_at);
                success.push(ResponseCase { status, decode, variant: String::new(), docs });
            } else {
                errors.push(ResponseCase { status, decode, variant: variants.claim(&status_variant(status)), docs });
            }
        }
        // Specific codes before ranges before `default`, as the match arms must be.
        errors.sort_by_key(|case| case.status);
        success.sort_by_key(|case| case.status);
        let success_ty = success_type(&mut success, builder_name, names);
        let headers = (!header_fields.is_empty())
            .then(|| ResponseHeaders { name: names.claim(&format!("{builder_name}Headers")), fields: header_fields });
        (success_ty, success, errors, headers)
    }

    /// The documented headers of a success response, added to `fields` once per name.
    fn collect_headers(
        &mut self,
        response: &'d SpecResponse,
        fields: &mut Vec<HeaderField>,
        scope: &mut Scope,
        type_hint: &str,
        at: &Pointer,
    ) {
        let document = self.document;
        let lookup = |name: &str| document.components.as_ref()?.headers.get(name);
        for (wire_name, header) in &response.headers {
            if fields.iter().any(|field| field.wire_name.eq_ignore_ascii_case(wire_name)) {
                continue;
            }
            let header_at = at.join("headers").join(wire_name);
            let Ok(header) = resolve(header, "headers", lookup, &header_at).map_err(|d| self.diagnostics.push(d))
            else {
                continue;
            };
            let ty = match &header.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let hint = format!("{type_hint}{}Header", pascal(wire_name));
                    self.types.ty_of(schema.into(), &hint, &header_at.join("schema")).ty
                }
                ParameterSchemaOrContent::Content(_) => Ty::Scalar(crate::ir::Scalar::String),
            };
            fields.push(HeaderField {
                name: scope.claim(&snake(wire_name)),
                wire_name: wire_name.clone(),
                ty,
                docs: docs(None, header.description.as_ref(), header.deprecated.unwrap_or(false)),
            });
        }
    }

    fn lower_decode(&mut self, response: &'d SpecResponse, hint: &str, at: &Pointer) -> Decode {
        let Some((media_type, content)) = pick_media_type(&response.content) else { return Decode::Empty };
        if is_event_stream(media_type) {
            let at = at.join("content").join(media_type).join("schema");
            return Decode::Events(match &content.schema {
                Some(ReferenceOr::Item(schema)) if is_plain_string(schema) => Ty::Scalar(crate::ir::Scalar::String),
                Some(schema) => {
                    let hint = format!("{}Event", hint.strip_suffix("Response").unwrap_or(hint));
                    self.types.ty_of(schema.into(), &hint, &at).ty
                }
                None => Ty::Scalar(crate::ir::Scalar::String),
            });
        }
        if is_json(media_type) {
            return match &content.schema {
                Some(ReferenceOr::Item(schema)) if is_plain_string(schema) => Decode::JsonString,
                Some(schema) => Decode::Json(
                    self.types.ty_of(schema.into(), hint, &at.join("content").join(media_type).join("schema")).ty,
                ),
                None => Decode::Json(Ty::Json),
            };
        }
        if media_type.starts_with("text/") {
            Decode::Text
        } else {
            Decode::Binary
        }
    }

    fn lower_security(&mut self, operation: &SpecOperation, at: &Pointer) -> Vec<Vec<String>> {
        let (requirements, requirements_at) = match &operation.security {
            Some(requirements) => (requirements, at.join("security")),
            None => match &self.document.security {
                Some(requirements) => (requirements, Pointer::root().join("security")),
                None => return Vec::new(),
            },
        };
        let mut alternatives = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let unknown: Vec<&String> =
                requirement.keys().filter(|name| self.schemes.iter().all(|scheme| &scheme.name != *name)).collect();
            if let Some(name) = unknown.first() {
                self.diagnostics.push(Diagnostic::warning_at(
                    format!("security scheme `{name}` is not defined; this alternative is ignored"),
                    &requirements_at.join(index.to_string()),
                ));
                continue;
            }
            alternatives.push(requirement.keys().cloned().collect());
        }
        alternatives
    }
}

/// `{type: object, properties: {}, additionalProperties: false}`: only `{}` is valid.
fn only_empty_object(schema: &ReferenceOr<openapiv3::Schema>) -> bool {
    match schema {
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) => {
                object.properties.is_empty()
                    && matches!(object.additional_properties, Some(openapiv3::AdditionalProperties::Any(false)))
            }
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

fn location_of(parameter: &Parameter) -> ParamLocation {
    match parameter {
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

fn is_event_stream(media_type: &str) -> bool {
    media_type.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case("text/event-stream")
}

/// JSON if offered, otherwise the first media type; server-sent events
/// before a JSON body that documents nothing (FastAPI lists one by default).
fn pick_media_type(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    let undocumented = |media: &MediaType| match &media.schema {
        None => true,
        Some(ReferenceOr::Item(schema)) => {
            matches!(&schema.schema_kind, openapiv3::SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
        }
        Some(ReferenceOr::Reference { .. }) => false,
    };
    let events = content.iter().find(|(media_type, _)| is_event_stream(media_type));
    let json = content.iter().find(|(media_type, _)| is_json(media_type));
    match (json, events) {
        (Some((_, media)), Some(events)) if undocumented(media) => Some(events),
        (Some(json), _) => Some(json),
        (None, _) => content.iter().next(),
    }
}

fn is_plain_string(schema: &openapiv3::Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string))
        if string.enumeration.is_empty() && matches!(string.format, openapiv3::VariantOrUnknownOrEmpty::Empty))
}

/// The type every success response decodes into, or an enum of them when they differ.
fn success_type(cases: &mut Vec<ResponseCase>, builder_name: &str, names: &mut Scope) -> Success {
    let Some(first) = cases.first() else {
        cases.push(ResponseCase {
            status: StatusMatch::Range(2),
            decode: Decode::Empty,
            variant: String::new(),
            docs: Docs::default(),
        });
        return Success::Single(Ty::Unit);
    };
    let ty = first.decode.ty();
    if cases.iter().all(|case| case.decode.ty() == ty) {
        return Success::Single(ty.clone());
    }
    let mut variants = Scope::default();
    for case in cases.iter_mut() {
        case.variant = variants.claim(&status_variant(case.status));
    }
    Success::Enum(names.claim(&format!("{builder_name}Response")))
}

/// The error variant for a status: its reason phrase (`BadRequest`).
fn status_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => http::StatusCode::from_u16(code)
            .ok()
            .and_then(|status| status.canonical_reason())
            .map_or_else(|| format!("Status{code}"), pascal),
        StatusMatch::Range(1) => "Informational".to_owned(),
        StatusMatch::Range(2) => "Success".to_owned(),
        StatusMatch::Range(3) => "Redirection".to_owned(),
        StatusMatch::Range(4) => "ClientError".to_owned(),
        StatusMatch::Range(5) => "ServerError".to_owned(),
        StatusMatch::Range(range) => format!("Status{range}xx"),
        StatusMatch::Default => "Other".to_owned(),
    }
}
