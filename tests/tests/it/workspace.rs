//! The maintainer's commands on a scratch copy of the repository: importing
//! the vendor page and regenerating, in write and check mode.

use std::path::{Path, PathBuf};

use openapi_clientgen::import::{extract_fragments, import_page};
use openapi_clientgen::workspace::{codegen, fragment_files, Mode};
use openapi_clientgen::{load_file, Config};

use crate::support::workspace_root;

fn fusesign() -> PathBuf {
    workspace_root().join("specs").join("fusesign")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create directory");
    for entry in std::fs::read_dir(from).expect("readable directory").filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

#[test]
fn the_fragments_are_exactly_the_documents_the_vendor_publishes() {
    let config = Config::load(&fusesign().join("codegen.toml")).expect("valid config");
    let page_path = fusesign().join("vendor-page.md");
    let page = std::fs::read_to_string(&page_path).expect("the vendor page is kept beside the fragments");
    let published = extract_fragments(&page, &page_path, &config).expect("the page's JSON blocks parse");
    let names: Vec<&str> = published.iter().map(|fragment| fragment.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "customer-get.json",
            "customer-create.json",
            "customer-search.json",
            "customer-search-by-meta-data.json",
            "customer-get-country-codes.json"
        ]
    );
    let files = fragment_files(&fusesign()).expect("fragments folder");
    assert_eq!(files.len(), published.len(), "one file per published document, nothing else");
    for fragment in &published {
        let stored =
            load_file(&fusesign().join("fragments").join(&fragment.file_name)).expect("stored fragment parses");
        assert_eq!(stored, fragment.document, "{} differs from the published document", fragment.file_name);
    }
}

#[test]
fn re_importing_the_same_page_changes_nothing() {
    let scratch = tempfile::tempdir().expect("temporary directory");
    let dest = scratch.path().join("fragments");
    let config = Config::load(&fusesign().join("codegen.toml")).expect("valid config");
    let page = fusesign().join("vendor-page.md");

    let first = import_page(&page, &dest, &config).expect("imports");
    assert_eq!(first.written.len(), 5);
    let contents: Vec<(PathBuf, Vec<u8>)> =
        first.written.iter().map(|path| (path.clone(), std::fs::read(path).expect("written"))).collect();

    let second = import_page(&page, &dest, &config).expect("imports again");
    assert!(second.written.is_empty(), "nothing rewritten: {:?}", second.written);
    assert_eq!(second.unchanged.len(), 5);
    for (path, bytes) in contents {
        assert_eq!(std::fs::read(&path).expect("still there"), bytes);
        let committed = std::fs::read(fusesign().join("fragments").join(path.file_name().expect("file name")));
        assert_eq!(
            committed.expect("committed fragment"),
            bytes,
            "import reproduces the committed fragment byte for byte"
        );
    }
}

#[test]
fn check_mode_lists_stale_files_and_write_mode_fixes_them() {
    let scratch = tempfile::tempdir().expect("temporary directory");
    let root = scratch.path();
    copy_dir(&fusesign(), &root.join("specs").join("fusesign"));
    std::fs::remove_file(root.join("specs/fusesign/openapi.json")).expect("remove merged spec");
    std::fs::create_dir_all(root.join("generated-client/src/old")).expect("create directory");
    std::fs::write(root.join("generated-client/src/old/leftover.rs"), "// from a removed API\n").expect("write");

    let stale = codegen(root, Mode::Check).expect("check runs");
    let stale: Vec<String> =
        stale.all_changed().iter().map(|path| path.strip_prefix(root).expect("inside").display().to_string()).collect();
    for expected in [
        "specs/fusesign/openapi.json",
        "generated-client/src/fusesign/mod.rs",
        "generated-client/src/fusesign/types.rs",
        "generated-client/src/fusesign/customer.rs",
        "generated-client/Cargo.toml",
        "generated-client/src/lib.rs",
        "generated-client/src/runtime/mod.rs",
        "generated-client/src/runtime/client.rs",
        "generated-client/src/old/leftover.rs",
    ] {
        assert!(stale.iter().any(|path| path == expected), "{expected} is reported stale: {stale:?}");
    }
    assert!(!root.join("specs/fusesign/openapi.json").exists(), "check mode writes nothing");
    assert!(root.join("generated-client/src/old/leftover.rs").exists(), "check mode deletes nothing");

    let written = codegen(root, Mode::Write).expect("write runs");
    assert_eq!(written.apis[0].operations, 5);
    assert_eq!(written.apis[0].types, 6);
    assert!(!root.join("generated-client/src/old/leftover.rs").exists(), "files no API produces are removed");
    let merged = std::fs::read_to_string(root.join("specs/fusesign/openapi.json")).expect("merged spec written");
    let committed = std::fs::read_to_string(fusesign().join("openapi.json")).expect("committed merged spec");
    assert_eq!(merged, committed, "the merged spec is byte-identical to the committed one");

    assert!(codegen(root, Mode::Check).expect("check runs").all_changed().is_empty());
    assert!(codegen(root, Mode::Write).expect("write runs").all_changed().is_empty(), "a second run changes nothing");
}

#[test]
fn a_conflicting_fragment_fails_codegen_naming_both_files() {
    let scratch = tempfile::tempdir().expect("temporary directory");
    let root = scratch.path();
    let api = root.join("specs").join("fusesign");
    copy_dir(&fusesign(), &api);
    let original = std::fs::read_to_string(api.join("fragments/customer-get.json")).expect("fragment");
    let altered = original.replacen("\"Customer Name\"", "\"The customer's name\"", 1);
    assert_ne!(original, altered);
    std::fs::write(api.join("fragments/customer-get.json"), altered).expect("write");

    let failure = codegen(root, Mode::Write).expect_err("conflicting component");
    let message = failure.to_string();
    assert!(message.contains("customer-create.json") && message.contains("customer-get.json"), "{message}");
    assert!(
        message.contains("#/components/schemas/ExternalApiExternalHandlersDtosResponsesCustomerCustomerDto/properties/Name/description"),
        "{message}"
    );
}

/// A scratch repository with one hand-written API, `specs/shop`, of three operations.
fn shop(root: &Path, codegen_toml: &str) -> PathBuf {
    let api = root.join("specs").join("shop");
    std::fs::create_dir_all(api.join("fragments")).expect("create directory");
    std::fs::write(api.join("codegen.toml"), codegen_toml).expect("write");
    let head = "openapi: 3.0.3\ninfo: {title: Shop, version: '1'}\nservers: [{url: 'https://shop.example'}]\n";
    let item = "components:\n  schemas:\n    Item:\n      type: object\n      properties: {name: {type: string}}\n";
    let fragments = [
        (
            "items-list.yaml",
            "paths:\n  /items:\n    get:\n      tags: [Catalogue]\n      operationId: listEverything\n      summary: Everything\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {$ref: '#/components/schemas/Item'}}\n",
        ),
        (
            "items-get.yaml",
            "paths:\n  /items/{id}:\n    get:\n      tags: [Catalogue]\n      operationId: fetchOne\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Item'}\n",
        ),
        (
            "items-delete.yaml",
            "paths:\n  /items/{id}:\n    delete:\n      tags: [Catalogue]\n      operationId: dropOne\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses:\n        '204': {description: gone}\n",
        ),
    ];
    for (name, body) in fragments {
        let text = if name == "items-delete.yaml" { format!("{head}{body}") } else { format!("{head}{body}{item}") };
        std::fs::write(api.join("fragments").join(name), text).expect("write");
    }
    api
}

/// Every generated file of the `shop` module, concatenated.
fn shop_client(root: &Path) -> String {
    let dir = root.join("generated-client/src/shop");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("module written").filter_map(Result::ok).map(|entry| entry.path()).collect();
    files.sort();
    files.iter().map(|file| std::fs::read_to_string(file).expect("readable")).collect()
}

#[test]
fn overlays_patch_the_merged_document_the_client_is_generated_from() {
    let scratch = tempfile::tempdir().expect("temporary directory");
    let root = scratch.path();
    // codegen.toml renames stay a shorthand, keyed by the names the overlays leave.
    let api = shop(root, "module = \"shop\"\n[operations]\nlookUp = \"find\"\n");

    let before = codegen(root, Mode::Write).expect("generates without overlays");
    assert_eq!(before.apis[0].operations, 3);
    let client = shop_client(root);
    for expected in ["pub fn list_everything(", "pub fn fetch_one(", "pub fn drop_one(", "`DELETE /items/{id}`"] {
        assert!(client.contains(expected), "{expected} before the overlays:\n{client}");
    }
    let fragments_before: Vec<Vec<u8>> =
        fragment_files(&api).expect("fragments").iter().map(|file| std::fs::read(file).expect("readable")).collect();

    std::fs::create_dir_all(api.join("overlays")).expect("create directory");
    // Applied in file-name order: `20-…` sees what `10-…` did.
    std::fs::write(
        api.join("overlays/10-names.yaml"),
        "overlay: 1.0.0\ninfo: {title: Names a Rust user reads, version: '1'}\nactions:\n  - target: $.paths['/items'].get\n    description: The vendor's name repeats the tag.\n    update:\n      operationId: browse\n      description: Lists every item of the catalogue, oldest first.\n  - target: $.paths.*[?@.operationId == 'fetchOne']\n    update: {operationId: lookUp}\n",
    )
    .expect("write");
    std::fs::write(
        api.join("overlays/20-trim.json"),
        r#"{
  "overlay": "1.0.0",
  "info": {"title": "What we do not call", "version": "1"},
  "actions": [
    {"target": "$.paths['/items/{id}'].delete", "remove": true},
    {"target": "$.paths.*[?@.operationId == 'listEverything']", "update": {"summary": "never seen"}}
  ]
}
"#,
    )
    .expect("write");
    std::fs::write(api.join("overlays/notes.txt"), "not an overlay: ignored\n").expect("write");

    let stale = codegen(root, Mode::Check).expect("check runs");
    let stale: Vec<PathBuf> = stale.all_changed().iter().map(|path| path.to_path_buf()).collect();
    assert!(stale.contains(&api.join("openapi.json")), "{stale:?}");

    let report = codegen(root, Mode::Write).expect("generates with overlays");
    assert_eq!(report.apis[0].operations, 2, "the overlay removed an operation");
    let warnings = &report.apis[0].warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].location.file.as_deref(), Some(api.join("overlays/20-trim.json").as_path()));
    assert_eq!(warnings[0].location.pointer.as_deref(), Some("#/actions/1/target"), "the old name is gone");

    let client = shop_client(root);
    assert!(client.contains("pub fn browse("), "renamed by the overlay:\n{client}");
    assert!(client.contains("Lists every item of the catalogue, oldest first."), "described by the overlay");
    assert!(client.contains("pub fn find("), "codegen.toml renames the overlaid operationId:\n{client}");
    for gone in ["list_everything", "fetch_one", "look_up", "drop_one", "DELETE"] {
        assert!(!client.contains(gone), "{gone} is gone:\n{client}");
    }
    let merged = load_file(&api.join("openapi.json")).expect("openapi.json written");
    assert_eq!(merged["paths"]["/items"]["get"]["operationId"], "browse", "openapi.json holds the overlaid document");
    assert!(merged["paths"]["/items/{id}"].get("delete").is_none());
    let fragments_after: Vec<Vec<u8>> =
        fragment_files(&api).expect("fragments").iter().map(|file| std::fs::read(file).expect("readable")).collect();
    assert_eq!(fragments_before, fragments_after, "the fragments stay verbatim");
    assert!(codegen(root, Mode::Check).expect("check runs").all_changed().is_empty(), "a second run changes nothing");
}

#[test]
fn an_invalid_overlay_fails_codegen_located_in_the_overlay() {
    let scratch = tempfile::tempdir().expect("temporary directory");
    let root = scratch.path();
    let api = shop(root, "module = \"shop\"\n");
    std::fs::create_dir_all(api.join("overlays")).expect("create directory");
    std::fs::write(
        api.join("overlays/fix.yaml"),
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {title: Shop}\n  - target: $.paths[?@.get\n    remove: true\n",
    )
    .expect("write");
    let message = codegen(root, Mode::Write).expect_err("the JSONPath does not parse").to_string();
    assert!(message.contains("is not an RFC 9535 JSONPath"), "{message}");
    assert!(
        message.contains(&format!("{} at #/actions/1/target", api.join("overlays/fix.yaml").display())),
        "{message}"
    );
    assert!(!api.join("openapi.json").exists(), "nothing is written");

    std::fs::write(api.join("overlays/fix.yaml"), "overlay: 1.0.0\nactions: [\n").expect("write");
    let message = codegen(root, Mode::Write).expect_err("the YAML does not parse").to_string();
    assert!(message.contains(&format!("{}:", api.join("overlays/fix.yaml").display())), "line and column: {message}");
}
