//! The checked-in merged specs and generated client are what the fragments
//! produce; otherwise `cargo test` fails and says which command fixes it.

use openapi_clientgen::workspace::{codegen, Mode, CODEGEN_COMMAND};

use crate::support::workspace_root;

#[test]
fn generated_code_and_merged_specs_are_up_to_date() {
    let report = codegen(&workspace_root(), Mode::Check).unwrap_or_else(|failure| panic!("codegen failed:\n{failure}"));
    let stale = report.all_changed();
    assert!(
        stale.is_empty(),
        "generated files are stale; run `{CODEGEN_COMMAND}` and commit the result:\n{}",
        stale.iter().map(|path| format!("  {}\n", path.display())).collect::<String>()
    );
}
