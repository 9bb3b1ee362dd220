//! A real server nobody here wrote: the FastAPI application in
//! `tests/fastapi/app.py` runs under uvicorn on a loopback port; the client is
//! generated from the OpenAPI 3.1 document it serves and built into a scratch
//! crate whose program (`tests/fastapi/client_program.rs`) calls every
//! endpoint. The test makes its own Python environment: a venv in `target/`
//! with the pins of `tests/fastapi/requirements.txt` (`tests::python_venv`),
//! made from `python3` (or `$PYTHON`) on first use and reused after. Without
//! Python 3 and its `venv` module this test fails, it never skips.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use openapi_clientgen::{generate_crate, Config};
use serde_json::Value;

use crate::support::{cargo, fixture, venv_python, workspace_root};

/// The uvicorn process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn start(python: &Path, scratch: &Path) -> Self {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .expect("a free loopback port")
            .port();
        let log = scratch.join("uvicorn.log");
        let log_file = std::fs::File::create(&log).expect("writable scratch directory");
        let app_dir = workspace_root().join("tests").join("fastapi");
        let child = Command::new(python)
            .args(["-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--log-level", "warning"])
            .arg("--port")
            .arg(port.to_string())
            .arg("--app-dir")
            .arg(&app_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start uvicorn with `{}`: {error}", python.display()));
        Self { child, port, log }
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The OpenAPI document, once the server answers (at most 30 s).
    fn openapi_document(&mut self) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("uvicorn exited ({status}) before answering:\n{}", self.log());
            }
            if let Some(body) = get(self.port, "/openapi.json") {
                return serde_json::from_str(&body).expect("/openapi.json is JSON");
            }
            assert!(Instant::now() < deadline, "uvicorn did not answer within 30 s:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body of a `200` answer to `GET path`, or `None` while the server is not up.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_owned())
}

/// The served document is the fixture `tests/fixtures/fastapi.json` (which the
/// snapshot and build tests use); `UPDATE_FASTAPI_FIXTURE=1` rewrites it.
fn check_fixture(document: &Value) {
    let fixture = fixture("fastapi.json");
    if std::env::var_os("UPDATE_FASTAPI_FIXTURE").is_some() {
        let text = serde_json::to_string_pretty(document).expect("serialisable") + "\n";
        std::fs::write(&fixture, text).expect("writable fixture");
        return;
    }
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).expect("fixture exists")).expect("fixture is JSON");
    assert!(
        saved == *document,
        "FastAPI serves a different document than tests/fixtures/fastapi.json; after changing app.py or the pins, rerun with \
         UPDATE_FASTAPI_FIXTURE=1 and review the snapshots"
    );
}

#[test]
fn a_client_generated_from_fastapis_openapi_31_calls_every_endpoint() {
    let python = venv_python();
    // One folder per process: test runs started at once do not share one.
    let scratch = workspace_root().join("target").join("fastapi-e2e").join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("writable target directory");
    let mut server = Server::start(&python, &scratch);
    let document = server.openapi_document();
    assert_eq!(document["openapi"].as_str().map(|version| &version[..3]), Some("3.1"), "FastAPI serves OpenAPI 3.1");
    check_fixture(&document);

    let spec = scratch.join("openapi.json");
    std::fs::write(&spec, serde_json::to_string_pretty(&document).expect("serialisable")).expect("writable");
    let generated =
        generate_crate(&spec, "fastapi-client", &Config::default()).unwrap_or_else(|failure| panic!("{failure}"));
    generated.write_to(&scratch.join("fastapi-client")).expect("writable target directory");

    let runner = scratch.join("runner");
    std::fs::create_dir_all(runner.join("src")).expect("writable target directory");
    let program = workspace_root().join("tests").join("fastapi").join("client_program.rs");
    std::fs::copy(&program, runner.join("src").join("main.rs")).expect("the client program exists");
    std::fs::write(
        runner.join("Cargo.toml"),
        "[package]\nname = \"runner\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         fastapi-client = { path = \"../fastapi-client\" }\n\
         serde_json = \"1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n",
    )
    .expect("writable target directory");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"fastapi-client\", \"runner\"]\n",
    )
    .expect("writable target directory");

    let output = cargo(&scratch, &["run", "--quiet", "-p", "runner", "--", &server.base_url()], &[]);
    assert!(output.contains("fastapi client: all"), "the program did not finish:\n{output}");
    println!("{output}");
    drop(server);
    let _ = std::fs::remove_dir_all(&scratch);
}
