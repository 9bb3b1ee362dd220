//! `cargo xtask sweep` end to end on a few small specs: outcomes, the report,
//! and a worker process that dies (as on a stack overflow) without stopping the run.

use std::path::PathBuf;
use std::process::Command;

const SPEC: &str = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n";

fn specs(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-sweep-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("nested")).expect("temporary directory");
    for (file, text) in [
        ("a.yaml", SPEC),
        ("abort-me.yaml", SPEC),
        ("nested/c.json", "{\"swagger\": \"2.0\"}"),
        ("nested/d.yaml", SPEC),
        ("notes.txt", "not a spec"),
    ] {
        std::fs::write(dir.join(file), text).expect("write a spec");
    }
    dir
}

#[test]
fn a_dying_worker_is_a_crash_of_its_spec_and_the_run_goes_on() {
    let dir = specs("crash");
    let report = dir.join("out").join("report.md");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["sweep", dir.to_str().expect("UTF-8"), "--report", report.to_str().expect("UTF-8"), "--jobs", "2"])
        .env("XTASK_SWEEP_ABORT_ON", "abort-me")
        .output()
        .expect("xtask runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("4 specs in"), "{stdout}");
    assert!(stdout.contains("2 generated"), "{stdout}");
    assert!(stdout.contains("1 errors, 0 panics, 1 crashes, 0 timeouts"), "{stdout}");
    let report = std::fs::read_to_string(&report).expect("the report is written");
    assert!(report.contains("| abort-me.yaml | 3.0.0 | CRASH |"), "{report}");
    assert!(report.contains("aborting on"), "{report}");
    assert!(report.contains("| a.yaml | 3.0.0 | ok |"), "{report}");
    assert!(report.contains("| nested/c.json | swagger 2.0 | error |"), "{report}");
    assert!(report.contains("Swagger 2.0 is not supported (only OpenAPI 3.0.x and 3.1.x are) at #"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}
