//! The specs this repository authors are valid for independent tools: each
//! merged `openapi.json` passes `openapi-spec-validator`, and every JSON
//! example of the vendor pages they were written from validates against the
//! schema it illustrates with `openapi-schema-validator`'s OpenAPI 3.0
//! validator (`tests/validators/validate.py`, in the tests' Python venv).
//! FuseSign's document is the vendor's own, kept verbatim, and not checked.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};

use crate::support::{venv_python, workspace_root};

/// The JSON blocks of a vendor page: each starts with a line that is `{` or
/// begins with `{`, and ends where its braces balance. Blocks that are not
/// JSON (C# and Python snippets) are skipped.
fn json_blocks(page: &str) -> Vec<Value> {
    let lines: Vec<&str> = page.lines().collect();
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if !lines[index].starts_with('{') {
            index += 1;
            continue;
        }
        let mut depth = 0_i64;
        let mut end = index;
        for (offset, line) in lines[index..].iter().enumerate() {
            depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
            end = index + offset;
            if depth <= 0 {
                break;
            }
        }
        if let Ok(value) = serde_json::from_str(&lines[index..=end].join("\n")) {
            blocks.push(value);
        }
        index = end + 1;
    }
    blocks
}

/// `#/paths/…/{method}/…`: the schema of a request body or of a response.
fn schema_pointer(path: &str, method: &str, place: &str) -> String {
    let path = path.replace('~', "~0").replace('/', "~1");
    match place {
        "request" => format!("#/paths/{path}/{method}/requestBody/content/application~1json/schema"),
        status => format!("#/paths/{path}/{method}/responses/{status}/content/application~1json/schema"),
    }
}

/// The schema an example illustrates: path, method, and `request` or a status.
type Illustrated = (&'static str, &'static str, &'static str);

/// Each page's JSON examples, in order, and the schema each illustrates.
const EXAMPLES: &[(&str, &[Illustrated])] = &[
    (
        "fusebill/vendor-docs/update-customer.txt",
        &[("/v1/customers", "put", "request"), ("/v1/customers", "put", "200"), ("/v1/customers", "put", "400")],
    ),
    (
        "fusebill/vendor-docs/customer-overview.txt",
        &[("/v1/customers/{customerId}/overview", "get", "200"), ("/v1/customers/{customerId}/overview", "get", "404")],
    ),
    ("nutcache/vendor-docs/customers.txt", &[("/customers/{id}", "get", "200"), ("/customers", "get", "200")]),
    (
        "fentu/vendor-docs/customers.txt",
        &[
            ("/customers", "get", "200"),
            ("/customers/{id}", "get", "200"),
            ("/customers", "post", "request"),
            ("/customers", "post", "201"),
            ("/customers/{id}", "put", "request"),
            ("/customers/{customer_id}/contacts", "post", "request"),
        ],
    ),
];

#[test]
fn authored_specs_and_their_vendor_examples_pass_independent_validators() {
    let root = workspace_root();
    let specs = root.join("specs");
    let mut examples = Vec::new();
    for (page, illustrated) in EXAMPLES {
        let text = std::fs::read_to_string(specs.join(page)).unwrap_or_else(|error| panic!("{page}: {error}"));
        let blocks = json_blocks(&text);
        assert_eq!(blocks.len(), illustrated.len(), "{page}: every JSON example is mapped to its schema");
        let api = page.split('/').next().expect("an API folder");
        let spec = specs.join(api).join("openapi.json");
        for (index, (block, (path, method, place))) in blocks.into_iter().zip(illustrated.iter()).enumerate() {
            examples.push(json!({
                "spec": spec,
                "pointer": schema_pointer(path, method, place),
                "name": format!("{page}, example {} ({} {path} {place})", index + 1, method.to_uppercase()),
                "instance": block,
            }));
        }
    }
    let authored: Vec<PathBuf> =
        ["fusebill", "nutcache", "fentu"].iter().map(|api| specs.join(api).join("openapi.json")).collect();
    let job = json!({"specs": authored, "examples": examples});
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let job_path = scratch.path().join("job.json");
    std::fs::write(&job_path, job.to_string()).expect("writable scratch directory");

    let python = venv_python();
    let output = Command::new(&python)
        .arg(root.join("tests").join("validators").join("validate.py"))
        .arg(&job_path)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the independent validators found problems:\n{report}");
    assert!(report.contains(&format!("checked 3 documents and {} examples: 0 problems", examples.len())), "{report}");
}
