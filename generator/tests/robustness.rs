//! Regression tests for what sweeping the APIs.guru directory found
//! (`cargo xtask sweep`): each fixture under `tests/robustness/` is a minimal
//! document showing one failure, and says which real API had it. Those
//! directly in the folder are valid and must generate a crate that builds
//! (`tests/tests/it/generated_crates.rs` fails otherwise); those in
//! `errors/` must fail with a located error.

use std::path::PathBuf;

use openapi_clientgen::{generate_crate, Config, Generated};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/robustness").join(name)
}

fn generate(name: &str) -> Generated {
    generate_crate(&fixture(name), "robustness", &Config::default()).unwrap_or_else(|failure| panic!("{failure}"))
}

fn file<'g>(generated: &'g Generated, path: &str) -> &'g str {
    // The API's own files, not the runtime's (which has a `validate.rs` too).
    let file = generated.files.iter().find(|file| file.path.ends_with(path) && !file.path.starts_with("src/runtime"));
    &file.unwrap_or_else(|| panic!("{path} is generated")).contents
}

/// Every generated Rust file parses.
fn assert_parses(generated: &Generated) {
    for file in generated.files.iter().filter(|file| file.path.extension().is_some_and(|ext| ext == "rs")) {
        if let Err(error) = syn::parse_file(&file.contents) {
            panic!("{} does not parse: {error}", file.path.display());
        }
    }
}

#[test]
fn a_property_of_its_own_type_through_all_of_is_the_type_itself() {
    let generated = generate("self_reference_through_all_of.yaml");
    assert_parses(&generated);
    let types = file(&generated, "types.rs");
    assert!(types.contains("pub not: Option<Box<Expression>>"), "{types}");
    assert!(types.contains("pub or: Option<Expressions>"), "{types}");
    // The member with properties of its own makes a struct, which refers to
    // itself; it is named after its property, which no other type wants.
    assert!(types.contains("pub struct Extended"), "{types}");
    assert!(types.contains("pub extended: Option<Box<Extended>>"), "{types}");
    assert!(!types.contains("ExpressionNot"), "{types}");
    // The referenced schema's constraints are checked, as for a plain `$ref`.
    let checks = file(&generated, "validate.rs");
    assert!(checks.contains(r#"at.field("first").length(&self.first, None, Some(8))?;"#), "{checks}");
}

#[test]
fn properties_named_like_keywords_are_properties() {
    let generated = generate("ref_named_property.yaml");
    assert_parses(&generated);
    let types = file(&generated, "types.rs");
    for field in ["pub r#ref: Option<String>", "pub default: Option<String>", "pub deprecated: Option<bool>"] {
        assert!(types.contains(field), "{field} in {types}");
    }
}

#[test]
fn callbacks_given_by_ref_are_read_and_unresolvable_ones_warned_about() {
    let generated = generate("callback_ref.yaml");
    assert_parses(&generated);
    let messages: Vec<String> = generated.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("warning: callback `$ref` `#/components/callbacks/nowhere`"), "{}", messages[0]);
    assert!(messages[0].ends_with("at #/paths/~1search/get/callbacks/missing/$ref"), "{}", messages[0]);
}

#[test]
fn a_mistyped_keyword_is_an_error_at_the_keyword() {
    let failure = generate_crate(&fixture("errors/mistyped_keyword.yaml"), "robustness", &Config::default())
        .expect_err("`pattern: 0` is not a string");
    let error = failure.to_string();
    assert!(
        error.starts_with("error: invalid OpenAPI 3.0 document: invalid type: integer `0`, expected a string"),
        "{error}"
    );
    assert!(
        error.ends_with("mistyped_keyword.yaml at #/components/schemas/Pick/properties/timecode/pattern"),
        "{error}"
    );
}

#[test]
fn a_mistyped_keyword_in_an_operation_is_an_error_at_the_keyword() {
    let failure = generate_crate(&fixture("errors/mistyped_operation.yaml"), "robustness", &Config::default())
        .expect_err("`deprecated: sometimes` is not a boolean");
    let error = failure.to_string();
    assert!(error.starts_with("error: invalid OpenAPI 3.0 document: invalid type: string \"sometimes\""), "{error}");
    assert!(error.ends_with("mistyped_operation.yaml at #/paths/~1pets/get/deprecated"), "{error}");
}

#[test]
fn schemas_named_like_the_prelude_get_other_names() {
    let generated = generate("prelude_names.yaml");
    assert_parses(&generated);
    let types = file(&generated, "types.rs");
    for declaration in
        ["pub type String2 = String;", "pub enum Option2 {", "pub struct Result2 {", "pub type Vec2 = Vec<Result2>;"]
    {
        assert!(types.contains(declaration), "{declaration} in {types}");
    }
    assert!(types.contains("pub name: String2,"), "{types}");
}

#[test]
fn versions_written_as_numbers_are_named() {
    let error = |text: &str| {
        let value = openapi_clientgen::parse_str(text, openapi_clientgen::Format::Yaml).expect("YAML");
        openapi_clientgen::parse_document(value).expect_err("not a readable 3.0 document").to_string()
    };
    let swagger = error("swagger: 2.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assert!(swagger.starts_with("error: Swagger 2.0 is not supported (only OpenAPI 3.0.x and 3.1.x are)"), "{swagger}");
    let unquoted = error("openapi: 3.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assert!(
        unquoted
            .starts_with("error: invalid OpenAPI 3.0 document: invalid type: floating point `3.0`, expected a string"),
        "{unquoted}"
    );
    assert!(unquoted.ends_with("at #/openapi"), "{unquoted}");
    let newer = error("openapi: 3.1\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assert!(
        newer.starts_with("error: `openapi` must be a version string such as \"3.1.0\", not the number 3.1"),
        "{newer}"
    );
    let unknown = error("openapi: '4.0.0'\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assert!(
        unknown.starts_with("error: OpenAPI version 4.0.0 is not supported (only 3.0.x and 3.1.x are)"),
        "{unknown}"
    );
}

#[test]
fn the_documents_own_extensions_reach_the_model_in_their_order() {
    let text = "openapi: 3.0.3\nx-b: {hooks: [1, 2]}\ninfo: {title: T, version: '1'}\npaths: {}\nx-a: 1\n";
    let value = openapi_clientgen::parse_str(text, openapi_clientgen::Format::Yaml).expect("YAML");
    let (model, _) = openapi_clientgen::parse_document(value).expect("a 3.0 document");
    let extensions: Vec<(&str, String)> =
        model.extensions.iter().map(|(key, value)| (key.as_str(), value.to_string())).collect();
    assert_eq!(extensions, [("x-b", r#"{"hooks":[1,2]}"#.to_owned()), ("x-a", "1".to_owned())]);
}
