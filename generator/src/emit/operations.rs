//! A group's module: the accessor, one request builder per operation, and
//! its error enum. The request machinery itself lives in the runtime, so each
//! operation adds a few lines.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{
    Api, Body, BodyEncoding, Decode, Group, Operation, PageKind, Pagination, Param, ParamLocation, ResponseCase,
    Scalar, StatusMatch, Success, Ty, TypeKind,
};

use super::deferred;
use super::docs::{doc_attrs, doc_text_or, inner_lines, lines, write_doc_lines};
use super::items_text;
use super::send_text;
use super::ty::{argument, ident, init_value, rust_type, token_text, tokens, Place};

/// The module of one group of operations.
pub fn group_module(api: &Api, group: &Group) -> TokenStream {
    let header = group_header(api, group);
    let operations = group_operations(api, group, 0..group.operations.len());
    quote!(#header #operations)
}

/// The items of the group's operations at `range` (indices into `group.operations`).
pub fn group_operations(api: &Api, group: &Group, range: std::ops::Range<usize>) -> TokenStream {
    group.operations[range].iter().map(|operation| operation_items(api, group, operation)).collect()
}

/// What a group's module starts with: its docs, imports and the methods starting its operations.
pub fn group_header(api: &Api, group: &Group) -> TokenStream {
    const AWAITING: &str = "Each operation is a builder: required parameters are its constructor's arguments, optional ones\nits methods. Awaiting it sends the request and yields the decoded body; `send_with_response`\nalso gives the status and headers.";
    let feature = group
        .feature
        .as_ref()
        .map(|feature| format!("\n\nBuilt with the cargo feature `{feature}` (on by default)."))
        .unwrap_or_default();
    let header = match &group.tag {
        Some(tag) => inner_lines(&format!("Operations tagged `{tag}`.{feature}\n\n{AWAITING}")),
        None => inner_lines(&format!("Operations without a tag; they are methods of [`Client`].\n\n{AWAITING}")),
    };
    let starters = group.operations.iter().map(|operation| starter(api, group, operation));
    let entry = match (&group.accessor, &group.struct_name) {
        (Some(accessor), Some(struct_name)) => {
            let accessor = ident(accessor);
            let struct_name = ident(struct_name);
            let tag = group.tag.as_deref().unwrap_or_default();
            let docs = doc_attrs(&group.docs, &[format!("Operations tagged `{tag}`; from [`Client::{accessor}`].")]);
            let accessor_docs = lines(&format!("Operations tagged `{tag}`."));
            quote! {
                #docs
                #[derive(Debug, Clone, Copy)]
                pub struct #struct_name<'a> {
                    client: &'a Client,
                }

                impl Client {
                    #accessor_docs
                    pub fn #accessor(&self) -> #struct_name<'_> {
                        #struct_name { client: self }
                    }
                }

                impl<'a> #struct_name<'a> {
                    #( #starters )*
                }
            }
        }
        _ => quote! {
            impl Client {
                #( #starters )*
            }
        },
    };
    let uses_types = group.operations.iter().any(mentions_named);
    let types_import = uses_types.then(|| {
        quote!(
            use super::types;
        )
    });
    quote! {
        #header
        #types_import
        use super::Client;
        use crate::runtime::{self, Method, SendResult};

        #entry
    }
}

fn mentions_named(operation: &Operation) -> bool {
    operation.types().flat_map(Ty::walk).any(|ty| matches!(ty, Ty::Named(_)))
}

/// The method that starts an operation: required parameters positional, in the spec's order.
fn starter(api: &Api, group: &Group, operation: &Operation) -> TokenStream {
    let method = ident(&operation.method_name);
    let builder = ident(&operation.builder_name);
    // A tagged group's struct already carries `'a`; on the client itself a
    // borrowed body needs the method to name the lifetime it shares with `self`.
    let body_borrowed = operation.body.as_ref().is_some_and(|body| body.required);
    let (client, lifetime, generics, receiver) = match (&group.accessor, body_borrowed) {
        (Some(_), _) => ("self.client", "'a", "", "&self"),
        (None, true) => ("self", "'a", "<'a>", "&'a self"),
        (None, false) => ("self", "'_", "", "&self"),
    };
    // Arguments (name and type) and the builder's fields (name and value, none when it is the argument).
    let mut args: Vec<(Ident, TokenStream)> = Vec::new();
    let mut inits: Vec<(Ident, Option<TokenStream>)> = vec![(format_ident!("client"), Some(tokens(client)))];
    let mut arg_docs = Vec::new();
    for param in &operation.params {
        let name = ident(&param.name);
        if param.required {
            let (arg_ty, value) = argument(api, &param.ty, &name, Place::Operations);
            args.push((name.clone(), arg_ty));
            inits.push((name.clone(), init_value(&name, value)));
            arg_docs.push(param_doc(param));
        } else {
            inits.push((name, Some(quote!(None))));
        }
    }
    if let Some(body) = &operation.body {
        let name = ident(&body.name);
        let ty = body_type(api, body);
        if body.required {
            if matches!(body.encoding, BodyEncoding::Binary(_)) {
                args.push((name.clone(), quote!(impl Into<runtime::BinaryBody<'a>>)));
                inits.push((name.clone(), Some(quote!(#name.into()))));
            } else {
                args.push((name.clone(), quote!(&'a #ty)));
                inits.push((name, None));
            }
            let summary = body
                .docs
                .summary
                .iter()
                .chain(&body.docs.description)
                .next()
                .map_or("the request body", String::as_str);
            arg_docs.push(format!("- `{}`: {}", body.name, super::docs::sanitize(summary).replace('\n', " ")));
        } else {
            inits.push((name, Some(quote!(None))));
        }
    }
    if operation.pagination.as_ref().is_some_and(|pagination| pagination.kind == PageKind::Url) {
        inits.push((format_ident!("page_url"), Some(quote!(None))));
    }
    let mut extra = Vec::new();
    if !arg_docs.is_empty() {
        extra.push(format!("# Arguments\n{}", arg_docs.join("\n")));
    }
    extra.push(format!("`{} {}`", operation.http_method, operation.path.replace('`', "'")));
    let docs = doc_attrs(&operation.docs, &extra);
    let returns = format!("{builder}<{lifetime}>");
    let text = || {
        let params: Option<Vec<String>> = [Some(receiver.to_owned())]
            .into_iter()
            .chain(args.iter().map(|(name, ty)| Some(format!("{name}: {}", token_text(ty.clone())?))))
            .collect();
        let inits = items_text::inits_text(&inits);
        items_text::literal_fn_text(
            &format!("pub fn {method}{generics}"),
            &params?,
            &returns,
            &builder.to_string(),
            &inits?,
        )
    };
    let definition = deferred::text(text).unwrap_or_else(|| {
        let (generics, receiver, returns) = (tokens(generics), tokens(receiver), tokens(&returns));
        let args = args.iter().map(|(name, ty)| quote!(#name: #ty));
        let inits = items_text::inits_tokens(&inits);
        quote! {
            pub fn #method #generics(#receiver, #( #args ),*) -> #returns {
                #builder { #( #inits ),* }
            }
        }
    });
    quote! {
        #docs
        #definition
    }
}

fn param_doc(param: &Param) -> String {
    let text = param.docs.summary.iter().chain(&param.docs.description).next().map(|text| super::docs::sanitize(text));
    match text {
        Some(text) => format!("- `{}`: {}", param.name.trim_start_matches("r#"), text.replace('\n', " ")),
        None => format!("- `{}`: `{}`", param.name.trim_start_matches("r#"), param.wire_name),
    }
}

/// The builder struct, its setters and sending, and the error enum.
fn operation_items(api: &Api, group: &Group, operation: &Operation) -> TokenStream {
    let builder = ident(&operation.builder_name);
    let success = match &operation.success {
        Success::Single(ty) => rust_type(api, ty, Place::Operations),
        Success::Enum(name) => {
            let name = ident(name);
            quote!(#name)
        }
    };
    let success_enum = success_enum(api, operation);
    let headers_struct = headers_struct(api, operation);
    let has_errors = !operation.error_responses.is_empty();
    let error = if has_errors {
        let error = ident(&operation.error_name);
        quote!(#error)
    } else {
        quote!(std::convert::Infallible)
    };
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for param in &operation.params {
        let name = ident(&param.name);
        let ty = rust_type(api, &param.ty, Place::Operations);
        if param.required {
            fields.push((name, ty));
        } else {
            fields.push((name.clone(), quote!(Option<#ty>)));
            // The argument is `value`: the method already names it, and the signature stays one line.
            let value_name = quote::format_ident!("value");
            let (ty, value) = argument(api, &param.ty, &value_name, Place::Operations);
            let docs = doc_text_or(
                &param.docs,
                &format!("Sets the optional {} parameter `{}`.", location_word(param.location), param.wire_name),
            );
            setters.push(Setter { docs, name, argument: value_name, ty, value });
        }
    }
    if let Some(body) = &operation.body {
        let name = ident(&body.name);
        let ty = body_type(api, body);
        let binary = matches!(body.encoding, BodyEncoding::Binary(_));
        if body.required && binary {
            fields.push((name, quote!(runtime::BinaryBody<'a>)));
        } else if body.required {
            fields.push((name, quote!(&'a #ty)));
        } else if binary {
            fields.push((name.clone(), quote!(Option<runtime::BinaryBody<'a>>)));
            let docs = doc_text_or(
                &body.docs,
                "Sets the optional request body: bytes, or a `runtime::Upload` streamed from a file or a stream.",
            );
            let (ty, value) = (quote!(impl Into<runtime::BinaryBody<'a>>), quote!(#name.into()));
            setters.push(Setter { docs, name: name.clone(), argument: name, ty, value });
        } else {
            fields.push((name.clone(), quote!(Option<&'a #ty>)));
            let docs = doc_text_or(&body.docs, "Sets the optional request body.");
            setters.push(Setter {
                docs,
                name: name.clone(),
                argument: name.clone(),
                ty: quote!(&'a #ty),
                value: quote!(#name),
            });
        }
    }
    if operation.pagination.as_ref().is_some_and(|pagination| pagination.kind == PageKind::Url) {
        fields.push((quote::format_ident!("page_url"), quote!(Option<String>)));
    }
    let paging =
        operation.pagination.as_ref().map(|pagination| paging_methods(api, operation, pagination, &success, &error));
    let streaming = streaming_methods(api, operation, &error);
    // `send_with_response` borrows the client for `'a`: every header names it.
    let impl_header = format!("impl<'a> {builder}<'a>");
    // The result's types as printed, where they are plain: for `send_with_response` and `into_future!`.
    let result_text = token_text(success.clone()).zip(token_text(error.clone()));
    let send =
        SendMethod { operation, checks: super::validate::request_checks(api, operation), result_text, success, error };
    let into_future = into_future(&builder, &send);
    let methods = Methods { setters, paging, streaming, send };
    let builder_impl = methods.impl_block(&impl_header);
    let error_enum = has_errors.then(|| error_enum(api, group, operation));
    // The description is the starter's; the builder points there instead of repeating it.
    let owner = group.struct_name.as_deref().unwrap_or("Client");
    let deprecated = if operation.docs.deprecated { " **Deprecated** in the API description." } else { "" };
    let docs = lines(&format!(
        "The request [`{owner}::{}`] builds: `{} {}`.{deprecated}",
        operation.method_name, operation.http_method, operation.path
    ));
    let definition = deferred::text(|| items_text::struct_text(&builder, &fields)).unwrap_or_else(|| {
        let fields = fields.iter().map(|(name, ty)| quote!(#name: #ty));
        quote! {
            #[derive(Debug, Clone)]
            #[must_use = "an operation does nothing until it is awaited"]
            pub struct #builder<'a> {
                client: &'a Client,
                #( #fields, )*
            }
        }
    });
    quote! {
        #docs
        #definition

        #builder_impl

        #into_future

        #success_enum
        #headers_struct
        #error_enum
    }
}

/// `runtime::into_future!(Builder => Success, Error);`, on one line where
/// it fits.
fn into_future(builder: &Ident, send: &SendMethod<'_>) -> TokenStream {
    let text = || {
        let (success, error) = send.result_text.as_ref()?;
        let line = format!("runtime::into_future!({builder} => {success}, {error});");
        (line.len() <= deferred::INTO_FUTURE_WIDTH).then_some(line)
    };
    let (success, error) = (&send.success, &send.error);
    deferred::text(text).unwrap_or_else(|| quote!(runtime::into_future!(#builder => #success, #error);))
}

/// A setter of an optional parameter or body, with its docs:
/// `pub fn name(mut self, argument: ty) -> Self { self.name = Some(value); self }`.
struct Setter {
    docs: String,
    name: Ident,
    argument: Ident,
    ty: TokenStream,
    value: TokenStream,
}

impl Setter {
    fn text(&self) -> Option<String> {
        items_text::setter_text(&self.name, &self.argument, &self.ty, &self.value)
    }

    fn tokens(&self) -> TokenStream {
        let docs = lines(&self.docs);
        let setter = deferred::text(|| self.text()).unwrap_or_else(|| {
            let Setter { name, argument, ty, value, .. } = self;
            quote! {
                pub fn #name(mut self, #argument: #ty) -> Self {
                    self.#name = Some(#value);
                    self
                }
            }
        });
        quote!(#docs #setter)
    }
}

/// The methods of an operation's builder.
struct Methods<'o> {
    setters: Vec<Setter>,
    paging: Option<TokenStream>,
    streaming: Option<TokenStream>,
    send: SendMethod<'o>,
}

impl Methods<'_> {
    /// The `impl` block (`header { … }`) holding them: written whole as
    /// printed where each method is (most operations), else tokens in
    /// which each method written as printed is deferred by itself.
    fn impl_block(&self, header: &str) -> TokenStream {
        let text = || {
            if self.paging.is_some() || self.streaming.is_some() {
                return None;
            }
            let mut out = format!("{header} {{\n");
            for setter in &self.setters {
                write_doc_lines("    ///", &setter.docs, &mut out);
                items_text::indented(&setter.text()?, &mut out);
            }
            items_text::indented(&self.send.text()?, &mut out);
            out.push_str("}\n");
            Some(out)
        };
        deferred::text(text).unwrap_or_else(|| {
            let header = tokens(header);
            let setters = self.setters.iter().map(Setter::tokens);
            let (paging, streaming, send) = (&self.paging, &self.streaming, self.send.tokens());
            quote! {
                #header {
                    #( #setters )*

                    #paging

                    #streaming

                    #send
                }
            }
        })
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The request of an operation, up to sending it: method, path, parameters,
/// body and security (and `Last-Event-ID` when `last_event_id` is in scope).
fn request_chain(operation: &Operation, last_event_id: bool) -> TokenStream {
    tokens(&send_text::chain("self", &send_text::request_calls(operation, last_event_id)))
}

/// The arms decoding a response read whole with an error status.
fn error_arms(operation: &Operation) -> TokenStream {
    arm_tokens(&send_text::error_arms(operation))
}

fn arm_tokens(arms: &[send_text::Arm]) -> TokenStream {
    tokens(&arms.iter().map(send_text::Arm::one_line).collect::<Vec<_>>().join("\n"))
}

/// `send_with_response`, with its docs, and the methods it calls: `check`
/// (where the operation has checks) and `decode`. Written as printed where
/// they can be (statements and signatures as printed).
///
/// `send_with_response` is a plain function handing the request and
/// `decode` to `runtime::Reply`, not an `async fn`: a future per operation
/// is most of what checking a large client costs the compiler.
struct SendMethod<'o> {
    operation: &'o Operation,
    /// What is checked before the request is sent.
    checks: super::validate::RequestChecks,
    /// The success and error types as printed, where they are plain.
    result_text: Option<(String, String)>,
    success: TokenStream,
    error: TokenStream,
}

impl SendMethod<'_> {
    /// The arms of the status match: success statuses, then errors.
    fn arms(&self) -> Vec<send_text::Arm> {
        send_text::success_arms(self.operation).into_iter().chain(send_text::error_arms(self.operation)).collect()
    }

    fn checked(&self) -> bool {
        !self.checks.tokens.is_empty()
    }

    fn text(&self) -> Option<String> {
        let (success, error) = self.result_text.as_ref()?;
        let request = send_text::request_statement(self.operation, self.checked())?;
        let send = send_text::method(
            send_text::SEND_DOCS,
            &send_text::Signature::send(success, error),
            &[request, send_text::REPLY.to_owned()],
        )?;
        let check = if self.checked() {
            let statements = [self.checks.text.clone()?, "Ok(())\n".to_owned()];
            format!("\n{}", send_text::method(send_text::CHECK_DOCS, &send_text::Signature::check(), &statements)?)
        } else {
            String::new()
        };
        let status_match = send_text::status_match(&self.arms())?;
        let decode =
            send_text::method(send_text::DECODE_DOCS, &send_text::Signature::decode(success, error), &[status_match])?;
        Some(format!("{send}{check}\n{decode}"))
    }

    fn tokens(&self) -> TokenStream {
        deferred::text(|| self.text()).unwrap_or_else(|| {
            let SendMethod { operation, checks, success, error, .. } = self;
            let (send_docs, decode_docs) = (lines(send_text::SEND_DOCS), lines(send_text::DECODE_DOCS));
            let request =
                deferred::text(|| send_text::request_statement(operation, self.checked())).unwrap_or_else(|| {
                    let request = tokens(&send_text::chain("self", &send_text::reply_calls(operation, self.checked())));
                    quote!(let request = #request;)
                });
            let check = self.checked().then(|| {
                let (docs, checks) = (lines(send_text::CHECK_DOCS), &checks.tokens);
                quote! {
                    #docs
                    fn check(&self) -> Result<(), runtime::ConstraintViolation> {
                        #checks
                        Ok(())
                    }
                }
            });
            let arms = self.arms();
            let status_match = deferred::text(|| send_text::status_match(&arms)).unwrap_or_else(|| {
                let arms = arm_tokens(&arms);
                quote!(match response.status().as_u16() { #arms })
            });
            quote! {
                #send_docs
                pub fn send_with_response(self) -> runtime::Reply<'a, #success, #error> {
                    #request
                    request.reply(Self::decode)
                }

                #check

                #decode_docs
                fn decode(response: runtime::RawResponse) -> SendResult<#success, #error> {
                    #status_match
                }
            }
        })
    }
}

/// `send_streaming()` for an operation whose success bodies are binary;
/// `events()` and `events_with()` for one answering with server-sent events.
fn streaming_methods(api: &Api, operation: &Operation, error: &TokenStream) -> Option<TokenStream> {
    let streams_bytes = operation.streams_bytes();
    let event_data = operation.event_data();
    if !streams_bytes && event_data.is_none() {
        return None;
    }
    let checks = super::validate::request_checks(api, operation).tokens;
    let request = request_chain(operation, event_data.is_some());
    // The statuses streamed: every success status of a download, those answering with events.
    let patterns = operation
        .success_responses
        .iter()
        .filter(|case| event_data.is_none() || matches!(case.decode, Decode::Events(_)))
        .map(|case| tokens(&send_text::pattern(case.status)));
    // With no error status but `default`, no match is needed.
    let error_match = match operation.error_responses.as_slice() {
        [] => quote!(response.unexpected()),
        [case] if case.status == StatusMatch::Default => tokens(&send_text::error_decode(operation, case)),
        _ => {
            let arms = error_arms(operation);
            quote!(match response.status().as_u16() { #arms })
        }
    };
    let open = quote! {
        #checks
        let response = #request
            .send_streaming(|status| matches!(status.as_u16(), #( #patterns )|*))
            .await?;
        let response = match response {
            runtime::Streamed::Body(body) => return Ok(body),
            runtime::Streamed::Buffered(response) => response,
        };
        #error_match
    };
    let Some(data) = event_data else {
        let docs = lines(
            "Sends the request and returns the success response unread: its status, headers and body as a\n\
             stream of chunks as they arrive, neither held in memory nor capped by `max_response_bytes`\n\
             (`response.save(path)`, `response.write_to(&mut writer)`). Error statuses are read whole and\n\
             decoded as when the operation is awaited.",
        );
        return Some(quote! {
            #docs
            pub async fn send_streaming(self) -> Result<runtime::StreamedResponse<#error>, runtime::Error<#error>> {
                #open
            }
        });
    };
    let data_ty = rust_type(api, data, Place::Operations);
    let decode = match data {
        Ty::Scalar(Scalar::String) => quote!(runtime::string),
        _ => quote!(runtime::json),
    };
    // A tagged union of events: an event's name is its tag when its data has none.
    let tag = match data {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Union(union) => union.discriminator.as_ref().map(|tag| quote!(Some(#tag))),
            _ => None,
        },
        _ => None,
    }
    .unwrap_or_else(|| quote!(None));
    let events_docs = lines(
        "Opens the event stream: each event's `data` decoded (an event's name is the tag of a tagged union\n\
         when its data has none), with its `event`, `id` and `retry`. A dropped\n\
         connection is reopened with `Last-Event-ID` after the server's `retry` (at most 5 times in a row\n\
         without an event, see `events_with`); a clean end of the server's stream ends it.",
    );
    let with_docs = lines("Opens the event stream, reconnecting as `reconnect` allows.");
    let open_docs = lines("Sends the request, resuming after `last_event_id` when there is one.");
    Some(quote! {
        #events_docs
        pub fn events(self) -> runtime::EventStream<'a, #data_ty, #error> {
            self.events_with(runtime::Reconnect::default())
        }

        #with_docs
        pub fn events_with(self, reconnect: runtime::Reconnect) -> runtime::EventStream<'a, #data_ty, #error> {
            runtime::events(self, reconnect, |builder, last_event_id| Box::pin(builder.open_events(last_event_id)), #decode, #tag)
        }

        #open_docs
        async fn open_events(
            self,
            last_event_id: Option<String>,
        ) -> Result<runtime::StreamedResponse<#error>, runtime::Error<#error>> {
            #open
        }
    })
}

/// The type a caller lends as the body: `str` for text, `[u8]` for bytes
/// (which the builder holds as a `runtime::BinaryBody`, streamed or not).
fn body_type(api: &Api, body: &Body) -> TokenStream {
    match body.encoding {
        BodyEncoding::Text(_) => quote!(str),
        BodyEncoding::Binary(_) => quote!([u8]),
        _ => rust_type(api, &body.ty, Place::Operations),
    }
}

/// `pages()` and `items()` streams, and how the builder moves to the next page.
fn paging_methods(
    api: &Api,
    operation: &Operation,
    pagination: &Pagination,
    success: &TokenStream,
    error: &TokenStream,
) -> TokenStream {
    let item = rust_type(api, &pagination.item, Place::Operations);
    let results = &pagination.results;
    let option = |value: &Option<String>| match value {
        Some(path) => quote!(Some(#path)),
        None => quote!(None),
    };
    let (next, num_pages) = (option(&pagination.next), option(&pagination.num_pages));
    let kind = match pagination.kind {
        PageKind::Page => quote!(Page(1)),
        PageKind::Offset => quote!(Offset),
        PageKind::Cursor => quote!(Cursor),
        PageKind::Url => quote!(Url),
    };
    let param = pagination.param.as_ref().map(|name| ident(name));
    let param_ty = pagination
        .param
        .as_ref()
        .and_then(|name| operation.params.iter().find(|param| &param.name == name))
        .map(|param| param.ty.clone());
    // Page numbers and offsets are `i64`s; other integer parameters convert.
    let convert = |value: TokenStream| match &param_ty {
        Some(Ty::Scalar(Scalar::I64)) => quote!(Some(#value)),
        _ => quote!(#value.try_into().ok()),
    };
    let (page_value, offset_value) = (convert(quote!(page)), convert(quote!(offset)));
    let advance = match (pagination.kind, param, param_ty.clone()) {
        (PageKind::Page, Some(param), _) => {
            quote!(if let runtime::PageStep::Page(page) = step { self.#param = #page_value; })
        }
        (PageKind::Offset, Some(param), _) => {
            quote!(if let runtime::PageStep::Offset(offset) = step { self.#param = #offset_value; })
        }
        (PageKind::Cursor, Some(param), Some(Ty::Scalar(Scalar::String))) => {
            quote!(if let runtime::PageStep::Cursor(cursor) = step { self.#param = Some(cursor); })
        }
        (PageKind::Cursor, Some(param), _) => {
            quote!(if let runtime::PageStep::Cursor(cursor) = step { self.#param = cursor.parse().ok(); })
        }
        (PageKind::Url, _, _) => quote!(if let runtime::PageStep::Url(url) = step {
            self.page_url = Some(url);
        }),
        _ => quote!(let _ = step;),
    };
    let pagination = quote! {
        runtime::Pagination { kind: runtime::PageKind::#kind, results: #results, next: #next, num_pages: #num_pages }
    };
    quote! {
        const PAGINATION: runtime::Pagination = #pagination;

        /// Every page, each requested when the stream is polled past the previous one.
        pub fn pages(self) -> impl runtime::Stream<Item = SendResult<#success, #error>> + 'a {
            runtime::pages(self, Self::PAGINATION, Self::advance_page, |builder| Box::pin(builder.send_with_response()))
        }

        /// Every item of every page, pages requested as needed.
        pub fn items(self) -> impl runtime::Stream<Item = Result<#item, runtime::Error<#error>>> + 'a {
            runtime::items(self, Self::PAGINATION, Self::advance_page, |builder| Box::pin(builder.send_with_response()))
        }

        fn advance_page(mut self, step: runtime::PageStep) -> Self {
            #advance
            self
        }
    }
}

/// The struct reading an operation's documented response headers.
fn headers_struct(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let headers = operation.response_headers.as_ref()?;
    let name = ident(&headers.name);
    let fields = headers.fields.iter().map(|field| {
        let docs = doc_attrs(&field.docs, &[format!("The `{}` header.", field.wire_name)]);
        let field_name = ident(&field.name);
        let ty = rust_type(api, &field.ty, Place::Operations);
        quote!(#docs pub #field_name: Option<#ty>,)
    });
    let reads = headers.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let wire = &field.wire_name;
        quote!(#field_name: runtime::header_value(headers, #wire),)
    });
    let docs = lines(&format!(
        "Headers documented on the responses of [`{}`]: `response.typed_headers::<{}>()`.",
        operation.builder_name, headers.name
    ));
    Some(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #( #fields )*
        }

        impl runtime::FromHeaders for #name {
            fn from_headers(headers: &runtime::HeaderMap) -> Self {
                Self { #( #reads )* }
            }
        }
    })
}

/// The enum of success bodies, when success statuses carry different ones.
fn success_enum(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let Success::Enum(name) = &operation.success else { return None };
    let docs = lines(&format!("Success responses of [`{}`], by status.", operation.builder_name));
    Some(status_enum(api, docs, name, &operation.success_responses, operation.success_eq))
}

/// The operation's error enum, or an alias of the enum it shares with other operations.
fn error_enum(api: &Api, group: &Group, operation: &Operation) -> TokenStream {
    let own = ident(&operation.error_name);
    let alias = operation.shared_error.as_ref().map(|shared| {
        let shared = ident(shared);
        let docs = lines(&format!(
            "Error responses documented for [`{}`]: [`{shared}`], shared by the operations that document the same ones.",
            operation.builder_name
        ));
        quote!(#docs pub type #own = #shared;)
    });
    let definition = match &operation.shared_error {
        Some(shared) if operation.defines_error_enum => error_enum_definition(api, group, operation, shared),
        Some(_) => TokenStream::new(),
        None => error_enum_definition(api, group, operation, &operation.error_name),
    };
    quote!(#alias #definition)
}

fn error_enum_definition(api: &Api, group: &Group, operation: &Operation, name: &str) -> TokenStream {
    let users: Vec<String> = group
        .operations
        .iter()
        .filter(|other| {
            other.error_name == operation.error_name
                || (other.shared_error.is_some() && other.shared_error == operation.shared_error)
        })
        .map(|other| format!("[`{}`]", other.builder_name))
        .collect();
    let docs = lines(&format!("Error responses documented for {}.", users.join(", ")));
    status_enum(api, docs, name, &operation.error_responses, operation.errors_eq)
}

/// An enum with `docs` of the bodies of responses `cases`, a variant per
/// status; `Eq` besides `PartialEq` when `eq`.
fn status_enum(api: &Api, docs: TokenStream, name: &str, cases: &[ResponseCase], eq: bool) -> TokenStream {
    let variants: Vec<StatusVariant> = cases.iter().map(|case| StatusVariant::of(api, case)).collect();
    let derives = if eq { "Debug, Clone, PartialEq, Eq" } else { "Debug, Clone, PartialEq" };
    let text = || {
        let variants: Option<Vec<_>> = variants.iter().map(StatusVariant::text).collect();
        items_text::enum_text(derives, name, &variants?)
    };
    let definition = deferred::text(text).unwrap_or_else(|| {
        let (name, derives) = (ident(name), tokens(&format!("#[derive({derives})]")));
        let variants = variants.iter().map(StatusVariant::tokens);
        quote! {
            #derives
            pub enum #name {
                #( #variants )*
            }
        }
    });
    quote!(#docs #definition)
}

/// A variant of an enum of response bodies: its docs (the status and the
/// response's description), name and the body's type (none when empty).
struct StatusVariant {
    docs: String,
    name: Ident,
    ty: Option<TokenStream>,
}

impl StatusVariant {
    fn of(api: &Api, case: &ResponseCase) -> Self {
        let status = match case.status {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(range) => format!("{range}XX"),
            StatusMatch::Default => "Any other status".to_owned(),
        };
        let description = case.docs.summary.iter().chain(&case.docs.description).next();
        let docs = match description {
            Some(text) => format!("{status}: {}", super::docs::sanitize(text)),
            None => status,
        };
        let ty = match &case.decode {
            Decode::Empty => None,
            decode => Some(rust_type(api, decode.ty(), Place::Operations)),
        };
        StatusVariant { docs, name: ident(&case.variant), ty }
    }

    fn text(&self) -> Option<items_text::VariantText> {
        let mut docs = String::new();
        super::docs::write_doc_lines("    ///", &self.docs, &mut docs);
        let variant = match &self.ty {
            Some(ty) => format!("{}({})", self.name, token_text(ty.clone())?),
            None => self.name.to_string(),
        };
        Some(items_text::VariantText { docs, variant })
    }

    fn tokens(&self) -> TokenStream {
        let (docs, name) = (lines(&self.docs), &self.name);
        match &self.ty {
            Some(ty) => quote!(#docs #name(#ty),),
            None => quote!(#docs #name,),
        }
    }
}
