//! Property tests on generated documents: whatever the input, generation
//! ends (with a result or a located error), never panics, never loops, and
//! what it emits parses as Rust. Documents come from a small deterministic
//! generator (seeded, so failures reproduce) that favours the awkward: names
//! that are keywords or collide, self-referencing `$ref`s through `allOf`,
//! `items` and `additionalProperties`, deep nesting, and values of the wrong
//! type. The `cargo fuzz` target under `fuzz/` explores the same from bytes.

use std::sync::mpsc;
use std::time::Duration;

use openapi_clientgen::{analyse, emit_api, emit_crate_support, parse_document, parse_str, Config, Format};
use serde_json::{json, Map, Value};

/// How long one document may take (a debug build on a busy machine); far more than any needs.
const LIMIT: Duration = Duration::from_secs(20);

/// How much code a document of the tests may become: each is a few kilobytes.
const MAX_OUTPUT: usize = 1 << 20;

/// Generates `document` as `openapi-clientgen` does, on a thread with a main
/// thread's stack, and checks the properties; `Err` says which failed.
fn check(document: Value) -> Result<(), String> {
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new().stack_size(8 << 20).spawn(move || {
        let outcome = std::panic::catch_unwind(|| generate(&document));
        let _ = sender.send(outcome.unwrap_or_else(|_| Err("panicked".to_owned())));
    });
    spawned.map_err(|error| error.to_string())?;
    receiver.recv_timeout(LIMIT).unwrap_or_else(|_| Err(format!("did not end within {LIMIT:?}")))
}

fn generate(document: &Value) -> Result<(), String> {
    let model = match parse_document(document.clone()) {
        Ok((model, _)) => model,
        Err(error) if error.location.pointer.is_some() => return Ok(()),
        Err(error) => return Err(format!("an error without a JSON pointer: {error}")),
    };
    let (api, _) = analyse(&model, &Config::default(), "api");
    let command = "properties";
    let mut files = emit_crate_support(&[&api], "api", "Generated.", command).map_err(|failure| failure.to_string())?;
    files.extend(emit_api(&api, command).map_err(|failure| failure.to_string())?);
    // Bounded output: small documents, small clients (the runtime alone is about 80 kB).
    let size: usize = files.iter().map(|file| file.contents.len()).sum();
    if size > MAX_OUTPUT {
        return Err(format!("{size} bytes of code from a small document"));
    }
    for file in files.iter().filter(|file| file.path.extension().is_some_and(|ext| ext == "rs")) {
        syn::parse_file(&file.contents).map_err(|error| format!("{} does not parse: {error}", file.path.display()))?;
    }
    Ok(())
}

fn document(schemas: Value, paths: Value) -> Value {
    json!({"openapi": "3.0.3", "info": {"title": "Api", "version": "1"}, "paths": paths, "components": {"schemas": schemas}})
}

fn assert_holds(name: &str, document: Value) {
    if let Err(failure) = check(document.clone()) {
        panic!("{name}: {failure}\n{}", serde_json::to_string_pretty(&document).unwrap_or_default());
    }
}

#[test]
fn self_references_end() {
    let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    let cases = [
        ("allOf of itself", json!({"A": {"allOf": [reference("A")]}})),
        ("allOf of itself and a description", json!({"A": {"allOf": [reference("A"), {"description": "d"}]}})),
        ("items of itself", json!({"A": {"type": "array", "items": reference("A")}})),
        ("map of itself", json!({"A": {"type": "object", "additionalProperties": reference("A")}})),
        ("alias of itself", json!({"A": reference("A")})),
        ("aliases of each other", json!({"A": reference("B"), "B": reference("A")})),
        ("allOf of each other", json!({"A": {"allOf": [reference("B")]}, "B": {"allOf": [reference("A")]}})),
        ("oneOf of itself", json!({"A": {"oneOf": [reference("A"), {"type": "string"}]}})),
        ("anyOf of itself only", json!({"A": {"anyOf": [reference("A"), reference("A")]}})),
        ("not of itself", json!({"A": {"not": reference("A")}})),
        (
            "property merging itself",
            json!({"A": {"type": "object", "properties": {
                "a": {"allOf": [reference("A"), {"type": "object", "properties": {"b": {"type": "string"}}}]}
            }}}),
        ),
        (
            "union of merges of itself",
            json!({"A": {"oneOf": [
                {"allOf": [reference("A"), {"properties": {"x": reference("A")}}]},
                {"allOf": [reference("A"), {"properties": {"y": {"items": reference("A")}}}]}
            ]}}),
        ),
    ];
    for (name, schemas) in cases {
        let paths = json!({"/a": {"post": {
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}
        }}});
        assert_holds(name, document(schemas, paths));
    }
}

#[test]
fn deep_nesting_ends() {
    // The parsers stop at 128 levels of JSON or YAML: that deep, in every shape.
    type Wrap = fn(Value) -> Value;
    let wrappers: [(&str, Wrap); 5] = [
        ("properties", |inner| json!({"type": "object", "properties": {"next": inner}})),
        ("items", |inner| json!({"type": "array", "items": inner})),
        ("allOf", |inner| json!({"allOf": [inner, {"type": "object", "properties": {"x": {"type": "string"}}}]})),
        ("oneOf", |inner| json!({"oneOf": [inner, {"type": "integer"}]})),
        ("additionalProperties", |inner| json!({"type": "object", "additionalProperties": inner})),
    ];
    for (name, wrap) in wrappers {
        // Each wrapper adds two or three levels; the document adds three.
        let schema = (0..40).fold(json!({"type": "string", "enum": ["a"]}), |inner, _| wrap(inner));
        let text = serde_json::to_string(&document(json!({"Deep": schema}), json!({}))).unwrap_or_default();
        match parse_str(&text, Format::Json) {
            Ok(value) => assert_holds(name, value),
            Err(error) => assert!(error.message.contains("recursion limit"), "{name}: {error}"),
        }
    }
}

#[test]
fn random_documents_hold() {
    for seed in 1..=120 {
        let mut random = Random::new(seed);
        let value = random.document();
        // Through text as well: what a file would hold.
        let reread = parse_str(&serde_json::to_string(&value).unwrap_or_default(), Format::Json);
        assert!(reread.is_ok(), "seed {seed}: the document reads back");
        assert_holds(&format!("seed {seed}"), value);
    }
}

/// Names that are keywords, collide once cased, or have nothing to case.
const NAMES: &[&str] = &[
    "id",
    "Id",
    "ID",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "_",
    "",
    "1st",
    "foo bar",
    "foo-bar",
    "foo_bar",
    "$ref",
    "default",
    "r#x",
    "match",
    "async",
    "await",
    "Client",
    "ClientBuilder",
    "Error",
    "Response",
    "Result",
    "Option",
    "Some",
    "None",
    "Vec",
    "String",
    "Box",
    "std",
    "core",
    "serde",
    "runtime",
    "types",
    "validate",
    "new",
    "builder",
    "send",
    "into_future",
    "Unknown",
    "additional_properties",
    "Ünïcödé",
    "日本",
    "a.b.c",
    "a/b",
    "~0",
    "%20",
    "+",
    "-",
    "__",
    "0",
    "value",
    "Value",
    "body",
    "headers",
    "status",
];

const PATTERNS: &[&str] = &["^[a-z]+$", "(?=x)", "[", "\\p{Nope}", "a{2,1}", "(?<name>x)\\k<name>", ".*"];
const FORMATS: &[&str] = &["date-time", "date", "uuid", "byte", "binary", "email", "int32", "int64", "uint8", "float"];
const MEDIA: &[&str] = &[
    "application/json",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "text/plain",
    "application/octet-stream",
    "*/*",
    "application/problem+json",
];
const STATUSES: &[&str] = &["200", "201", "204", "2XX", "default", "301", "400", "404", "4XX", "500", "999"];
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/// A deterministic source of documents (xorshift64*).
struct Random {
    state: u64,
    components: Vec<String>,
}

impl Random {
    fn new(seed: u64) -> Self {
        Self { state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, components: Vec::new() }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn name(&mut self) -> String {
        let name = self.pick(NAMES);
        if self.chance(20) {
            format!("{name}{}", self.pick(NAMES))
        } else {
            name.to_owned()
        }
    }

    fn document(&mut self) -> Value {
        self.components = (0..1 + self.below(8)).map(|_| self.name()).collect();
        let mut schemas = Map::new();
        for name in self.components.clone() {
            let schema = self.schema(3);
            schemas.insert(name, schema);
        }
        let mut paths = Map::new();
        for _ in 0..self.below(5) {
            let path = format!("/{}/{{{}}}", self.name(), self.name());
            let item = self.path_item();
            paths.insert(path, item);
        }
        let mut document = document(Value::Object(schemas), Value::Object(paths));
        if self.chance(10) {
            // A wrong type somewhere: must be a located error, not a panic.
            let wrongs = [json!(0), json!("x"), json!([]), json!(null), json!(true)];
            let wrong = wrongs[self.below(wrongs.len())].clone();
            let key = self.pick(&["info", "paths", "components", "servers", "tags", "security"]);
            document[key] = wrong;
        }
        document
    }

    fn reference(&mut self) -> Value {
        let target = if self.chance(90) {
            let index = self.below(self.components.len());
            self.components[index].replace('~', "~0").replace('/', "~1")
        } else {
            "Missing".to_owned()
        };
        json!({"$ref": format!("#/components/schemas/{target}")})
    }

    fn schema(&mut self, depth: usize) -> Value {
        let choice = if depth == 0 { self.below(6) } else { self.below(14) };
        let mut schema = match choice {
            0 => self.string_schema(),
            1 => self.integer_schema(),
            2 => json!({"type": self.pick(&["number", "boolean"])}),
            3 | 4 => self.reference(),
            5 => json!({}),
            6 | 7 => self.object_schema(depth),
            8 => json!({"type": "array", "items": self.schema(depth - 1), "minItems": self.below(3)}),
            9 => json!({"allOf": self.members(depth)}),
            10 | 11 => {
                let keyword = self.pick(&["oneOf", "anyOf"]);
                let mut union = json!({keyword: self.members(depth)});
                if self.chance(40) {
                    union["discriminator"] = json!({"propertyName": self.name()});
                    if self.chance(50) {
                        let (tag, target) = (self.name(), self.reference()["$ref"].clone());
                        union["discriminator"]["mapping"] = json!({ tag: target });
                    }
                }
                union
            }
            12 => json!({"not": self.schema(depth - 1)}),
            _ => json!({"type": "object", "additionalProperties": self.schema(depth - 1)}),
        };
        if let Value::Object(object) = &mut schema {
            if self.chance(15) {
                object.insert("nullable".into(), json!(true));
            }
            if self.chance(10) {
                object.insert(self.pick(&["readOnly", "writeOnly"]).into(), json!(true));
            }
            if self.chance(10) {
                let defaults = [json!(1), json!("a"), json!(null), json!([1]), json!({})];
                object.insert("default".into(), defaults[self.below(defaults.len())].clone());
            }
            if self.chance(10) {
                object.insert("description".into(), json!("*/ /* `` [link] <b>\u{0} \\ \""));
            }
        }
        schema
    }

    fn members(&mut self, depth: usize) -> Value {
        Value::Array((0..1 + self.below(3)).map(|_| self.schema(depth - 1)).collect())
    }

    fn string_schema(&mut self) -> Value {
        let mut schema = json!({"type": "string"});
        if self.chance(30) {
            schema["format"] = json!(self.pick(FORMATS));
        }
        if self.chance(30) {
            schema["enum"] = Value::Array((0..1 + self.below(5)).map(|_| json!(self.name())).collect());
        }
        if self.chance(20) {
            schema["pattern"] = json!(self.pick(PATTERNS));
        }
        if self.chance(20) {
            schema["minLength"] = json!(self.below(3));
            schema["maxLength"] = json!(self.below(3));
        }
        schema
    }

    fn integer_schema(&mut self) -> Value {
        let mut schema = json!({"type": "integer"});
        if self.chance(30) {
            schema["format"] = json!(self.pick(FORMATS));
        }
        if self.chance(30) {
            let values = [json!(0), json!(-1), json!(1), json!(i64::MAX), json!(i64::MIN), json!(u64::MAX), json!(1)];
            schema["enum"] =
                Value::Array((0..1 + self.below(4)).map(|_| values[self.below(values.len())].clone()).collect());
            if self.chance(30) {
                schema["x-enum-varnames"] = Value::Array((0..self.below(4)).map(|_| json!(self.name())).collect());
            }
        }
        if self.chance(20) {
            schema["minimum"] = json!(-1.5);
            schema["maximum"] = json!(1e300);
            schema["multipleOf"] = json!(0.5);
        }
        schema
    }

    fn object_schema(&mut self, depth: usize) -> Value {
        let mut properties = Map::new();
        for _ in 0..self.below(6) {
            let name = self.name();
            let schema = self.schema(depth - 1);
            properties.insert(name, schema);
        }
        let required: Vec<Value> = (0..self.below(4)).map(|_| json!(self.name())).collect();
        let mut schema = json!({"type": "object", "properties": properties, "required": required});
        if self.chance(30) {
            schema["additionalProperties"] =
                if self.chance(50) { json!(self.chance(50)) } else { self.schema(depth - 1) };
        }
        schema
    }

    fn path_item(&mut self) -> Value {
        let mut item = Map::new();
        for _ in 0..1 + self.below(3) {
            let method = self.pick(METHODS);
            let operation = self.operation();
            item.insert(method.to_owned(), operation);
        }
        Value::Object(item)
    }

    fn operation(&mut self) -> Value {
        let parameters: Vec<Value> = (0..self.below(5))
            .map(|_| {
                let location = self.pick(&["path", "query", "header", "cookie"]);
                let mut parameter = json!({"name": self.name(), "in": location, "required": self.chance(50)});
                if self.chance(85) {
                    parameter["schema"] = self.schema(1);
                } else {
                    parameter["content"] = json!({"application/json": {"schema": self.schema(1)}});
                }
                if self.chance(20) {
                    let styles: &[&str] = match location {
                        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
                        "path" => &["simple", "label", "matrix"],
                        "header" => &["simple"],
                        _ => &["form"],
                    };
                    parameter["style"] = json!(self.pick(styles));
                    parameter["explode"] = json!(self.chance(50));
                }
                parameter
            })
            .collect();
        let mut responses = Map::new();
        for _ in 0..1 + self.below(4) {
            let mut response = json!({"description": "r"});
            if self.chance(70) {
                let (media, schema) = (self.pick(MEDIA), self.schema(2));
                response["content"] = json!({ media: {"schema": schema} });
            }
            if self.chance(20) {
                let (name, schema) = (self.name(), self.schema(0));
                response["headers"] = json!({ name: {"schema": schema} });
            }
            responses.insert(self.pick(STATUSES).to_owned(), response);
        }
        let mut operation = json!({"parameters": parameters, "responses": responses});
        if self.chance(70) {
            operation["operationId"] = json!(self.name());
        }
        if self.chance(60) {
            operation["tags"] = json!([self.name()]);
        }
        if self.chance(50) {
            let (required, media, schema) = (self.chance(50), self.pick(MEDIA), self.schema(2));
            operation["requestBody"] = json!({"required": required, "content": { media: {"schema": schema} }});
        }
        operation
    }
}
