//! The two statements of an operation's `send_with_response` as the
//! formatter prints them: building and sending the request, and matching its
//! status. They are nearly half of a large API's operation code, of a plain
//! shape, so they are written directly and deferred (see `deferred`).
//!
//! The calls and arms are written here once: `operations` reads them as
//! tokens, and while deferring the statements are kept as text, broken into
//! lines as the formatter breaks them (a chain one call per line, long
//! arguments one per line, a long arm in a block). Where it would break
//! them otherwise (a long closure, an argument too long for its own line)
//! the statement is emitted as tokens. Tests compare each form with the
//! formatter, and print both ways for every fixture.

use proc_macro2::Literal;

use crate::ir::{
    Body, BodyEncoding, Decode, Operation, PageKind, ParamLocation, PartKind, Presence, QueryStyle, ResponseCase,
    Retries, StatusMatch, Success,
};

use super::deferred::MARGIN;
use super::ty::ident;

/// The indentation of a statement of a builder's method: a file's `impl`
/// block holds the method, the method the statement.
pub(super) const STATEMENT_INDENT: usize = 8;

/// One step of a method chain: `.name(args…)`, or `.name` without arguments.
pub(super) struct Call {
    name: &'static str,
    args: Option<Vec<String>>,
}

impl Call {
    fn new(name: &'static str, args: Vec<String>) -> Self {
        Self { name, args: Some(args) }
    }

    fn field(name: &'static str) -> Self {
        Self { name, args: None }
    }

    /// The call on one line.
    fn one_line(&self) -> String {
        let mut out = String::new();
        self.write_one_line(&mut out);
        out
    }

    /// Appends the call on one line to `out`.
    fn write_one_line(&self, out: &mut String) {
        out.push('.');
        out.push_str(self.name);
        if let Some(args) = &self.args {
            out.push('(');
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                out.push_str(arg);
            }
            out.push(')');
        }
    }

    /// The call's lines at `indent` as the formatter prints them, followed
    /// by `trailing` characters on its last line: on one line, or with an
    /// argument per line when that is too long. `None` when an argument
    /// would be too long for a line of its own, or is a closure.
    fn lines(&self, indent: usize, trailing: usize) -> Option<Vec<String>> {
        let one_line = self.one_line();
        if indent + one_line.len() + trailing <= MARGIN {
            return Some(vec![one_line]);
        }
        // A closure whose body calls something may be broken inside before its
        // arguments are: not written here. `|()| Error::Variant` is not.
        let calls_in_closure = |arg: &String| {
            arg.strip_prefix('|')
                .and_then(|closure| closure.split_once('|'))
                .is_some_and(|(_, body)| body.contains('('))
        };
        let args = self.args.as_ref().filter(|args| !args.iter().any(calls_in_closure))?;
        let mut lines = vec![format!(".{}(", self.name)];
        for arg in args {
            // A string or a path cannot be broken: it goes past the margin on its line.
            if indent + 4 + arg.len() + 1 > MARGIN && !is_string(arg) && !is_path(arg) {
                return None;
            }
            lines.push(format!("    {arg},"));
        }
        lines.push(")".to_owned());
        Some(lines)
    }
}

/// Whether `arg` is one string literal, as [`string`] writes it.
fn is_string(arg: &str) -> bool {
    arg.len() >= 2 && arg.starts_with('"') && arg.ends_with('"') && {
        let inner = &arg[1..arg.len() - 1];
        // Every quote inside is escaped (a backslash before a closing quote is itself escaped).
        let mut escaped = false;
        inner.chars().all(|c| {
            let ok = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
            ok
        }) && !escaped
    }
}

/// Whether `arg` is a path (`Error::Variant`), which has nowhere to break.
fn is_path(arg: &str) -> bool {
    !arg.is_empty()
        && arg.split("::").all(|segment| {
            segment.chars().next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
                && segment.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `receiver.calls…` on one line.
pub(super) fn chain(receiver: &str, calls: &[Call]) -> String {
    let mut chain = receiver.to_owned();
    for call in calls {
        call.write_one_line(&mut chain);
    }
    chain
}

/// The lines of `receiver.calls…` at `indent`, written over several lines:
/// the receiver, then each call indented one step; `trailing` characters
/// follow the last.
fn broken_chain(receiver: &str, calls: &[Call], indent: usize, trailing: usize) -> Option<Vec<String>> {
    let mut lines = vec![receiver.to_owned()];
    for (index, call) in calls.iter().enumerate() {
        let trailing = if index + 1 == calls.len() { trailing } else { 0 };
        lines.extend(call.lines(indent + 4, trailing)?.into_iter().map(|line| format!("    {line}")));
    }
    Some(lines)
}

/// The calls building an operation's request after `self`: the client,
/// method and path, parameters, body and security (and `Last-Event-ID` when
/// `last_event_id` is in scope).
pub(super) fn request_calls(operation: &Operation, last_event_id: bool) -> Vec<Call> {
    let mut calls = vec![
        Call::field("client"),
        Call::field("core"),
        Call::new("request", vec![format!("Method::{}", operation.http_method), string(&operation.path)]),
        Call::new("operation", vec![string(&operation.operation_id)]),
    ];
    calls.extend(operation.retries.as_ref().map(|retries| Call::new("retry_policy", vec![retry_policy(retries)])));
    for param in &operation.params {
        let (wire, place) = (string(&param.wire_name), format!("&self.{}", ident(&param.name)));
        let style = |style: &str| vec![wire.clone(), place.clone(), format!("runtime::QueryStyle::{style}")];
        calls.push(match param.location {
            ParamLocation::Path => Call::new("path_param", vec![wire, place]),
            ParamLocation::Query => match param.style {
                QueryStyle::Form => Call::new("query", vec![wire, place]),
                QueryStyle::FormUnexploded => Call::new("query_style", style("FormUnexploded")),
                QueryStyle::SpaceDelimited => Call::new("query_style", style("SpaceDelimited")),
                QueryStyle::PipeDelimited => Call::new("query_style", style("PipeDelimited")),
                QueryStyle::DeepObject => Call::new("query_style", style("DeepObject")),
            },
            ParamLocation::Header if param.idempotency_key => Call::new("idempotency_key", vec![wire, place]),
            ParamLocation::Header => Call::new("header", vec![wire, place]),
            ParamLocation::Cookie => Call::new("cookie", vec![wire, place]),
        });
    }
    if let Some(body) = &operation.body {
        let name = ident(&body.name);
        calls.push(match &body.encoding {
            BodyEncoding::Binary(content_type) if body.required => {
                Call::new("binary", vec![string(content_type), format!("Some(self.{name})")])
            }
            BodyEncoding::Binary(content_type) => {
                Call::new("binary", vec![string(content_type), format!("self.{name}")])
            }
            _ => {
                let with = if body.required { "with" } else { "with_optional" };
                Call::new(with, vec![format!("self.{name}"), encode_body(body)])
            }
        });
    }
    if operation.pagination.as_ref().is_some_and(|pagination| pagination.kind == PageKind::Url) {
        calls.push(Call::new("page_url", vec!["self.page_url.as_deref()".to_owned()]));
    }
    if !operation.security.is_empty() {
        let alternatives =
            operation.security.iter().map(|schemes| format!("&[{}]", list(schemes.iter().map(|s| string(s)))));
        calls.push(Call::new("security", vec![format!("&[{}]", list(alternatives))]));
    }
    if last_event_id {
        calls.push(Call::new("header", vec![string("Last-Event-ID"), "&last_event_id".to_owned()]));
    }
    calls
}

/// A closure adding the body to the request in its encoding.
fn encode_body(body: &Body) -> String {
    match &body.encoding {
        BodyEncoding::Json => "|request, body| request.json(body)".to_owned(),
        BodyEncoding::Form => "|request, body| request.form(body)".to_owned(),
        BodyEncoding::Text(content_type) => format!("|request, body| request.text({}, body)", string(content_type)),
        BodyEncoding::Binary(content_type) => format!("|request, body| request.bytes({}, body)", string(content_type)),
        BodyEncoding::Multipart(parts) => {
            let parts: String = parts
                .iter()
                .map(|part| {
                    let (wire, name) = (string(&part.wire_name), ident(&part.field));
                    match (part.kind, part.presence) {
                        (PartKind::File, Presence::Required | Presence::Defaulted) => {
                            format!(".file({wire}, Some(&body.{name}))")
                        }
                        // A multipart part is there or not: `null` sends none.
                        (PartKind::File, Presence::OptionalNullable) => {
                            format!(".file({wire}, body.{name}.as_ref().and_then(Option::as_ref))")
                        }
                        (PartKind::File, Presence::Optional | Presence::RequiredNullable) => {
                            format!(".file({wire}, body.{name}.as_ref())")
                        }
                        (PartKind::Text, _) => format!(".text({wire}, &body.{name})"),
                    }
                })
                .collect();
            format!("|request, body| request.multipart(runtime::Multipart::new(){parts})")
        }
    }
}

/// The operation's retry policy from the document (`x-speakeasy-retries`).
fn retry_policy(retries: &Retries) -> String {
    let millis = |value: u64| format!("std::time::Duration::from_millis({})", Literal::u64_unsuffixed(value));
    let mut policy = format!(
        "runtime::RetryPolicy::default().max_attempts(u32::MAX).backoff({}, {}).backoff_exponent({}).max_elapsed({})",
        millis(retries.initial_interval_ms),
        millis(retries.max_interval_ms),
        Literal::f64_unsuffixed(retries.exponent),
        millis(retries.max_elapsed_ms)
    );
    if let Some(ranges) = &retries.statuses {
        let ranges = ranges.iter().map(|(low, high)| format!("{low}..={high}"));
        policy.push_str(&format!(".retry_statuses([{}])", list(ranges)));
    }
    if !retries.connection_errors {
        policy.push_str(".retry_connection_errors(false)");
    }
    policy
}

/// `let request = self.client.core.request(…)…;` as the formatter prints
/// it, with `.checked(self.check())` where the operation has checks.
pub(super) fn request_statement(operation: &Operation, checked: bool) -> Option<String> {
    chain_statement("let request = self", &reply_calls(operation, checked))
}

/// The calls building the request `send_with_response` replies with: those
/// of [`request_calls`], and `.checked(self.check())` after `.operation(…)`
/// where the operation has checks.
pub(super) fn reply_calls(operation: &Operation, checked: bool) -> Vec<Call> {
    let mut calls = request_calls(operation, false);
    if checked {
        let after_operation = calls.iter().position(|call| call.name == "operation").map_or(calls.len(), |at| at + 1);
        calls.insert(after_operation, Call::new("checked", vec!["self.check()".to_owned()]));
    }
    calls
}

/// The last statement of `send_with_response`.
pub(super) const REPLY: &str = "request.reply(Self::decode)\n";

/// The statement `start.calls…;` as the formatter prints it: on one line,
/// or one call per line.
fn chain_statement(start: &str, calls: &[Call]) -> Option<String> {
    let one_line = format!("{};", chain(start, calls));
    if STATEMENT_INDENT + one_line.len() <= MARGIN {
        return Some(one_line + "\n");
    }
    let mut lines = broken_chain(start, calls, STATEMENT_INDENT, 1)?;
    lines.last_mut()?.push(';');
    Some(lines.join("\n") + "\n")
}

/// An arm of the status match: `pattern => response.calls…`.
pub(super) struct Arm {
    pattern: String,
    calls: Vec<Call>,
}

impl Arm {
    /// The arm on one line.
    pub(super) fn one_line(&self) -> String {
        format!("{} => {},", self.pattern, chain("response", &self.calls))
    }

    /// The arm's lines at `indent` as the formatter prints them: on one line,
    /// else its expression in a block, on one line or one call per line.
    fn lines(&self, indent: usize) -> Option<Vec<String>> {
        let one_line = self.one_line();
        // The comma after an arm may pass the margin.
        if indent + one_line.len() - 1 <= MARGIN {
            return Some(vec![one_line]);
        }
        let expression = chain("response", &self.calls);
        let body = if indent + 4 + expression.len() <= MARGIN {
            vec![expression]
        } else {
            broken_chain("response", &self.calls, indent + 4, 0)?
        };
        let mut lines = vec![format!("{} => {{", self.pattern)];
        lines.extend(body.into_iter().map(|line| format!("    {line}")));
        lines.push("}".to_owned());
        Some(lines)
    }
}

/// The arms decoding a response read whole with a success status.
pub(super) fn success_arms(operation: &Operation) -> Vec<Arm> {
    operation
        .success_responses
        .iter()
        .map(|case| {
            let mut calls = vec![Call::new("success", vec![decoder(&case.decode).to_owned()])];
            if let Success::Enum(name) = &operation.success {
                let wrap = variant(name, &case.variant, &case.decode);
                calls.push(Call::new("map", vec![format!("|response| response.map({wrap})")]));
            }
            Arm { pattern: pattern(case.status), calls }
        })
        .collect()
}

/// The arms decoding a response read whole with an error status, and one for
/// the statuses not documented unless the document has a default.
pub(super) fn error_arms(operation: &Operation) -> Vec<Arm> {
    let mut arms: Vec<Arm> = operation
        .error_responses
        .iter()
        .map(|case| Arm { pattern: pattern(case.status), calls: vec![failure(operation, case)] })
        .collect();
    if !operation.error_responses.iter().any(|case| case.status == StatusMatch::Default) {
        arms.push(Arm { pattern: "_".to_owned(), calls: vec![Call::new("unexpected", Vec::new())] });
    }
    arms
}

/// `response.failure(…)`: decoding one documented error response into its variant.
pub(super) fn error_decode(operation: &Operation, case: &ResponseCase) -> String {
    chain("response", &[failure(operation, case)])
}

fn failure(operation: &Operation, case: &ResponseCase) -> Call {
    let variant = variant(&operation.error_name, &case.variant, &case.decode);
    Call::new("failure", vec![decoder(&case.decode).to_owned(), variant])
}

/// `match response.status().as_u16() { … }` over `arms` as the formatter
/// prints it (a match always breaks into lines).
pub(super) fn status_match(arms: &[Arm]) -> Option<String> {
    let mut out = "match response.status().as_u16() {\n".to_owned();
    for arm in arms {
        for line in arm.lines(STATEMENT_INDENT + 4)? {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out.push_str("}\n");
    Some(out)
}

/// The doc line of every `send_with_response`.
pub(super) const SEND_DOCS: &str =
    "Sends the request and returns the decoded body with the response status and headers.";

/// The doc line of every `decode`.
pub(super) const DECODE_DOCS: &str = "Decodes the response by its status.";

/// The doc line of every `check`.
pub(super) const CHECK_DOCS: &str = "Checks the parameters and body against their schemas' constraints.";

/// The signature of a builder's method returning a generic type:
/// `head(param) -> returns<args…>`.
pub(super) struct Signature<'s> {
    /// `pub fn name` or `fn name`.
    pub head: &'s str,
    pub param: &'s str,
    /// The returned type's path, without its generic arguments.
    pub returns: &'s str,
    pub args: Vec<&'s str>,
}

impl<'s> Signature<'s> {
    /// `pub fn send_with_response(self) -> runtime::Reply<'a, success, error>`.
    pub(super) fn send(success: &'s str, error: &'s str) -> Self {
        Signature {
            head: "pub fn send_with_response",
            param: "self",
            returns: "runtime::Reply",
            args: vec!["'a", success, error],
        }
    }

    /// `fn check(&self) -> Result<(), runtime::ConstraintViolation>`.
    pub(super) fn check() -> Self {
        Signature {
            head: "fn check",
            param: "&self",
            returns: "Result",
            args: vec!["()", "runtime::ConstraintViolation"],
        }
    }

    /// `fn decode(response: runtime::RawResponse) -> SendResult<success, error>`.
    pub(super) fn decode(success: &'s str, error: &'s str) -> Self {
        Signature {
            head: "fn decode",
            param: "response: runtime::RawResponse",
            returns: "SendResult",
            args: vec![success, error],
        }
    }
}

/// A builder's method with its `docs` line, as the formatter prints it: its
/// statements (printed, at `STATEMENT_INDENT`) under its signature, on one
/// line, with the parameter on its own, or with the result's generic
/// arguments on their own too; `None` where the formatter would break it
/// otherwise.
pub(super) fn method(docs: &str, signature: &Signature<'_>, statements: &[String]) -> Option<String> {
    let method_indent = STATEMENT_INDENT - 4;
    let Signature { head, param, returns, args } = signature;
    let result = format!("{returns}<{}>", args.join(", "));
    let one_line = format!("{head}({param}) -> {result} {{");
    let mut out = format!("/// {docs}\n");
    if method_indent + one_line.len() <= MARGIN {
        out.push_str(&one_line);
    } else {
        out.push_str(&format!("{head}(\n    {param},\n"));
        let last = format!(") -> {result}");
        if method_indent + last.len() + 2 <= MARGIN {
            out.push_str(&last);
            out.push_str(" {");
        } else if method_indent + last.len() > MARGIN {
            // The arguments one per line, where each fits on its own.
            if args.iter().any(|arg| STATEMENT_INDENT + arg.len() + 1 > MARGIN) {
                return None;
            }
            out.push_str(&format!(") -> {returns}<\n"));
            for arg in args {
                out.push_str(&format!("    {arg},\n"));
            }
            out.push_str("> {");
        } else {
            // Only ` {` past the margin: left to the formatter.
            return None;
        }
    }
    out.push('\n');
    for line in statements.iter().flat_map(|statement| super::text::lines(statement)) {
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str("}\n");
    Some(out)
}

/// The function making a decoded body the enum's `variant`.
fn variant(name: &str, variant: &str, decode: &Decode) -> String {
    let path = format!("{}::{}", ident(name), ident(variant));
    if *decode == Decode::Empty {
        format!("|()| {path}")
    } else {
        path
    }
}

/// The pattern matching `status`.
pub(super) fn pattern(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(range) => format!("{}..={}", range * 100, range * 100 + 99),
        StatusMatch::Default => "_".to_owned(),
    }
}

fn decoder(decode: &Decode) -> &'static str {
    match decode {
        Decode::Json(_) => "runtime::json",
        Decode::JsonString => "runtime::string",
        Decode::Text | Decode::Events(_) => "runtime::text",
        Decode::Binary => "runtime::binary",
        Decode::Empty => "runtime::empty",
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// A string literal as the formatter prints it: plain printable ASCII is
/// quoted as it is (most paths and names), anything else escaped by `Literal`.
fn string(text: &str) -> String {
    if text.bytes().all(|byte| matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\') {
        format!("\"{text}\"")
    } else {
        Literal::string(text).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How the formatter prints `statement` in a builder's method, at the
    /// statement's indentation.
    fn printed(statement: &str) -> String {
        let source = format!("impl Builder<'_> {{ async fn send(self) {{ {statement} }} }}");
        let file = syn::parse_file(&source).expect("the statement parses");
        let printed = prettyplease::unparse(&file);
        let lines: Vec<&str> = printed.lines().collect();
        let body = &lines[2..lines.len() - 2];
        body.iter().map(|line| format!("{}\n", line.strip_prefix("        ").unwrap_or(line))).collect()
    }

    fn name(length: usize) -> String {
        "N".repeat(length)
    }

    #[test]
    fn one_string_literal_is_told_from_other_arguments() {
        for text in ["/a", "", "quote\" and \\", "end\\"] {
            assert!(is_string(&string(text)), "{text:?}");
        }
        for arg in ["\"a\", \"b\"", "\"a\\\"", "self.a", "\"", "&[\"a\"]"] {
            assert!(!is_string(arg), "{arg}");
        }
    }

    #[test]
    fn paths_are_told_from_other_arguments() {
        for arg in ["runtime::json", "Error::NotFound", "crate::types::_A1"] {
            assert!(is_path(arg), "{arg}");
        }
        for arg in ["", "|()| Error::Gone", "self.body", "1i64", "a::", "::a", "Some(1)", "\"a\""] {
            assert!(!is_path(arg), "{arg}");
        }
    }

    #[test]
    fn string_literals_are_written_as_literal_writes_them() {
        for text in ["/repos/{owner}/{repo}", "a b~!", "", "quote\" and \\", "tab\t", "é", "nul\0'"] {
            assert_eq!(string(text), Literal::string(text).to_string(), "{text:?}");
        }
    }

    #[test]
    fn methods_print_as_the_formatter_prints_them() {
        let (mut one_line, mut broken, mut args_broken) = (0, 0, 0);
        for (length, error) in
            (1..120).flat_map(|length| [(length, "Error".to_owned()), (length, name(length / 2 + 1))])
        {
            let success = format!("types::{}", name(length));
            let statements = ["let request = self.client;\n".to_owned(), REPLY.to_owned()];
            let signatures =
                [Signature::send(&success, &error), Signature::decode(&success, &error), Signature::check()];
            for signature in &signatures {
                let Some(text) = method(SEND_DOCS, signature, &statements) else { continue };
                let source = format!("impl<'a> Builder<'a> {{ {text} }}");
                let file = syn::parse_file(&source).expect("the method parses");
                let printed = prettyplease::unparse(&file);
                let lines: Vec<&str> = printed.lines().collect();
                let printed: String = lines[1..lines.len() - 1]
                    .iter()
                    .map(|line| format!("{}\n", line.strip_prefix("    ").unwrap_or(line)))
                    .collect();
                assert_eq!(text, printed, "{}: success type of {length} characters, error {error}", signature.head);
                if text.contains("<\n") {
                    args_broken += 1;
                } else if text.contains(&format!("(\n    {},\n)", signature.param)) {
                    broken += 1;
                } else {
                    one_line += 1;
                }
            }
        }
        assert!(one_line > 10 && broken > 10 && args_broken > 10, "{one_line} {broken} {args_broken}");
    }

    #[test]
    fn request_chains_print_as_the_formatter_prints_them() {
        let (mut written, mut broken, mut past_margin) = (0, 0, 0);
        for length in 1..120 {
            let mut calls = vec![
                Call::field("client"),
                Call::new("request", vec!["Method::GET".to_owned(), string(&format!("/{}", name(length)))]),
                Call::new("with", vec!["self.body".to_owned(), "|request, body| request.json(body)".to_owned()]),
            ];
            if length % 2 == 0 {
                calls.push(Call::new("security", vec![format!("&[&[{}]]", string(&name(length)))]));
            }
            let text = chain_statement("let request = self", &calls);
            let Some(text) = text else { continue };
            broken += usize::from(text.contains("    .request(\n"));
            past_margin += usize::from(text.lines().any(|line| STATEMENT_INDENT + line.len() > MARGIN));
            assert_eq!(text, printed(&text), "path of {length} characters");
            written += 1;
        }
        assert!(written > 60 && broken > 5 && past_margin > 10, "{written} {broken} {past_margin}");
    }

    #[test]
    fn status_matches_print_as_the_formatter_prints_them() {
        let (mut written, mut blocks, mut broken, mut closures, mut past_margin) = (0, 0, 0, 0, 0);
        for length in 1..120 {
            for decode in [Decode::Text, Decode::Empty] {
                let variant = variant(&name(length), "Variant", &decode);
                let mut arms = vec![
                    Arm {
                        pattern: "200".to_owned(),
                        calls: vec![Call::new("success", vec!["runtime::json".to_owned()])],
                    },
                    Arm {
                        pattern: "400..=499".to_owned(),
                        calls: vec![Call::new("failure", vec![decoder(&decode).to_owned(), variant.clone()])],
                    },
                ];
                if length % 3 == 0 {
                    arms.push(Arm {
                        pattern: "201".to_owned(),
                        calls: vec![
                            Call::new("success", vec!["runtime::json".to_owned()]),
                            Call::new("map", vec![format!("|response| response.map({variant})")]),
                        ],
                    });
                }
                if let Some(text) = status_match(&arms) {
                    assert_eq!(text, printed(&text), "a name of {length} characters");
                    written += 1;
                    blocks += usize::from(text.contains("=> {\n"));
                    broken += usize::from(text.contains("            .failure(\n"));
                    closures += usize::from(text.contains("            .failure(\n") && text.contains("|()|"));
                    past_margin += usize::from(text.lines().any(|line| STATEMENT_INDENT + line.len() > MARGIN));
                }
            }
        }
        // Every form: arms on one line, in a block, and broken into calls and arguments.
        assert!(
            written > 40 && blocks > 10 && broken > 5 && closures > 5 && past_margin > 5,
            "{written} {blocks} {broken} {closures} {past_margin}"
        );
    }
}
