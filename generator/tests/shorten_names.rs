//! `shorten-names` over the FuseSign spec: the machine-made schema names
//! become the names a person would choose, with no `[types]` renames.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use openapi_clientgen::{analyse, generate_crate, load_file, parse_document, Config};

const SCHEMAS: &str = "#/components/schemas/";

fn fusesign_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/fusesign/openapi.json")
}

fn shortening() -> Config {
    Config { module: Some("fusesign".to_owned()), shorten_names: true, ..Config::default() }
}

/// Schema name → Rust type name of every component schema.
fn component_names(config: &Config) -> BTreeMap<String, String> {
    let value = load_file(&fusesign_spec()).expect("the FuseSign spec loads");
    let (document, _) = parse_document(value).expect("the FuseSign spec is OpenAPI 3.0");
    let (api, _) = analyse(&document, config, "fusesign");
    api.types.iter().filter_map(|def| Some((def.origin.strip_prefix(SCHEMAS)?.to_owned(), def.name.clone()))).collect()
}

/// Every type name, inline ones included, in declaration order.
fn all_type_names(config: &Config) -> Vec<String> {
    let value = load_file(&fusesign_spec()).expect("the FuseSign spec loads");
    let (document, _) = parse_document(value).expect("the FuseSign spec is OpenAPI 3.0");
    analyse(&document, config, "fusesign").0.types.into_iter().map(|def| def.name).collect()
}

#[test]
fn fusesign_schemas_get_short_names_without_renames() {
    let names = component_names(&shortening());
    let expected = [
        ("ExternalApiExternalHandlersDtosResponsesCustomerCustomerDto", "CustomerDto"),
        ("ExternalApiExternalHandlersFeaturesCustomerCreateCreateCustomerRequest", "CreateCustomerRequest"),
        ("ExternalApiExternalHandlersDtosRequestsCustomerContactCreationOptionsDto", "ContactCreationOptionsDto"),
        ("FuseWebSharedObjectsFuseSignEnumsSource", "Source"),
        ("ExternalApiCommonModelsApiErrorResponse", "ApiErrorResponse"),
        ("FuseWebSharedObjectsModelsValidationError", "ValidationError"),
    ];
    let expected: BTreeMap<String, String> =
        expected.iter().map(|(schema, name)| ((*schema).to_owned(), (*name).to_owned())).collect();
    assert_eq!(names, expected);
}

#[test]
fn the_fusesign_client_is_named_by_shortening_alone() {
    let committed = Config::load(&fusesign_spec().with_file_name("codegen.toml")).expect("codegen.toml is valid");
    assert!(committed.types.is_empty() && committed.shorten_names, "no hand-written type renames are needed");
    assert_eq!(all_type_names(&shortening()), all_type_names(&committed));
}

#[test]
fn shortening_is_off_by_default() {
    let config = Config { module: Some("fusesign".to_owned()), ..Config::default() };
    let names = component_names(&config);
    assert_eq!(names["FuseWebSharedObjectsFuseSignEnumsSource"], "FuseWebSharedObjectsFuseSignEnumsSource");
}

#[test]
fn renames_win_and_shortened_names_avoid_them() {
    let mut config = shortening();
    config.types.insert("ExternalApiCommonModelsApiErrorResponse".to_owned(), "Source".to_owned());
    let names = component_names(&config);
    assert_eq!(names["ExternalApiCommonModelsApiErrorResponse"], "Source");
    assert_eq!(names["FuseWebSharedObjectsFuseSignEnumsSource"], "EnumsSource");
    assert_eq!(names["ExternalApiExternalHandlersDtosResponsesCustomerCustomerDto"], "CustomerDto");
}

#[test]
fn generating_twice_gives_identical_output() {
    let first = generate_crate(&fusesign_spec(), "fusesign-client", &shortening()).expect("generates");
    let second = generate_crate(&fusesign_spec(), "fusesign-client", &shortening()).expect("generates");
    assert_eq!(first, second);
    let types = first.files.iter().find(|file| file.path.ends_with("fusesign/types.rs")).expect("a types module");
    assert!(types.contents.contains("pub struct CustomerDto"), "{}", types.contents);
    for long in ["struct ExternalApi", "enum FuseWeb", "struct FuseWeb"] {
        assert!(!types.contents.contains(long), "no long type names remain: {long}");
    }
}

#[test]
fn the_cli_flag_is_listed_and_shortens_names() {
    let binary = env!("CARGO_BIN_EXE_openapi-clientgen");
    let help = Command::new(binary).args(["generate", "--help"]).output().expect("the CLI runs");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--shorten-names"));

    let out = tempfile::tempdir().expect("a temporary directory");
    let status = Command::new(binary)
        .arg("generate")
        .arg(fusesign_spec())
        .arg("--out")
        .arg(out.path())
        .arg("--shorten-names")
        .output()
        .expect("the CLI runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let module = out.path().join("src");
    let types = std::fs::read_dir(&module)
        .expect("src/ was written")
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("types.rs"))
        .find(|path| path.is_file())
        .expect("a types module");
    let contents = std::fs::read_to_string(types).expect("types.rs is readable");
    assert!(contents.contains("pub struct CreateCustomerRequest"), "{contents}");
}
