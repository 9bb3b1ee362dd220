//! The maintainer's commands on a scratch copy of the repository: importing
//! the vendor page and regenerating, in write and check mode.

use std::path::{Path, PathBuf};

use openapi_clientgen::import::{extract_fragments, import_page};
use openapi_clientgen::workspace::{codegen, fragment_files, Mode};
use openapi_clientgen::{load_file, Config};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_owned()
}

fn fusesign() -> PathBuf {
    repository().join("specs").join("fusesign")
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
        "generated-client/src/runtime.rs",
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
