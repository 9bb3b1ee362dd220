//! What the tests share: where the repository's files are, cargo on the crates
//! they generate, and the helpers of tests against a server on loopback.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tests::python_venv::{base_python, ensure_venv};
use wiremock::{MockServer, Request, ResponseTemplate};

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_owned()
}

/// `tests/fixtures/{name}`.
pub fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests").join("fixtures").join(name)
}

/// The OpenAPI documents directly in `dir` (relative to the workspace root), sorted by name.
pub fn spec_files(dir: &str) -> Vec<PathBuf> {
    let dir = workspace_root().join(dir);
    openapi_clientgen::workspace::spec_files(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
}

/// The interpreter of the tests' Python venv (`target/`, with the pins of
/// `tests/fastapi/requirements.txt`), made on first use; tests running at once
/// wait for one to make it. Fails (never skips) with one line naming what is missing.
pub fn venv_python() -> PathBuf {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let python = PYTHON.get_or_init(|| {
        let requirements = workspace_root().join("tests").join("fastapi").join("requirements.txt");
        ensure_venv(&workspace_root().join("target"), &base_python(), &requirements).map_err(|error| error.to_string())
    });
    python.clone().unwrap_or_else(|error| panic!("{error}"))
}

/// Runs `cargo ARGS` in `dir` with `envs` set, in the target directory the
/// generated crates share (their dependencies build once); fails the test
/// with cargo's output when cargo fails, and returns its standard output.
pub fn cargo(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target").join("generated-crates-target"))
        .envs(envs.iter().copied())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The one request `server` received; fails the test if there were more or none.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// A response with `payload` as its JSON body, byte for byte (a vendor page's example).
pub fn json_response(status: u16, payload: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(payload.as_bytes().to_vec(), "application/json")
}

/// Whether `request` has no query string.
pub fn no_query(request: &Request) -> bool {
    request.url.query().is_none()
}
