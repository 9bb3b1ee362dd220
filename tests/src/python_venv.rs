//! The Python environment of the FastAPI end-to-end test: a virtual environment
//! in the workspace's `target/`, made on first use with `python3 -m venv` (or
//! `$PYTHON -m venv`) and the pinned packages of `tests/fastapi/requirements.txt`,
//! and reused while the interpreter and the pins are those it was made with.
//!
//! Nothing is installed outside `target/`, so a system Python that refuses
//! `pip install` (PEP 668) is no obstacle. Several test processes may ask at
//! once: each builds in a folder of its own and renames it into place when it
//! is complete, so a venv at the final path is always whole; a process whose
//! rename loses to another's uses the winner's.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The venv's folder under `target/`.
pub const VENV_DIR: &str = "fastapi-venv";
/// The file in the venv recording what it was made from (see [`stamp`]).
pub const STAMP_FILE: &str = "openapi-clientgen-stamp.txt";

/// The interpreter that makes the venv: `$PYTHON`, else `python3`.
pub fn base_python() -> String {
    std::env::var("PYTHON").ok().filter(|python| !python.is_empty()).unwrap_or_else(|| "python3".to_owned())
}

/// What a venv is made from: the base interpreter as named and the whole text
/// of the requirements file. A venv whose stamp differs is made again.
pub fn stamp(python: &str, requirements: &str) -> String {
    format!("python: {python}\n--- requirements.txt\n{requirements}")
}

/// The venv's own interpreter.
pub fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Whether `venv` is complete and was made from `stamp`: its interpreter
/// exists (a dangling link to a removed base Python does not) and its stamp
/// file holds exactly `stamp`.
pub fn is_current(venv: &Path, stamp: &str) -> bool {
    venv_python(venv).exists() && std::fs::read_to_string(venv.join(STAMP_FILE)).is_ok_and(|saved| saved == stamp)
}

/// The interpreter of the FastAPI test's venv in `target`, made or remade
/// first when needed from `python` and the requirements file. The error is one
/// line naming what is missing.
pub fn ensure_venv(target: &Path, python: &str, requirements: &Path) -> Result<PathBuf, String> {
    let pins = std::fs::read_to_string(requirements)
        .map_err(|error| format!("cannot read {}: {error}", requirements.display()))?;
    let stamp = stamp(python, &pins);
    let venv = target.join(VENV_DIR);
    if is_current(&venv, &stamp) {
        return Ok(venv_python(&venv));
    }
    check_python(python)?;
    std::fs::create_dir_all(target).map_err(|error| format!("cannot create {}: {error}", target.display()))?;
    let staging = target.join(unique_name("building"));
    let built = build(&staging, python, requirements, &stamp);
    if let Err(message) = built {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(message);
    }
    // Another process may have put a venv in place meanwhile, current or not.
    for _ in 0..5 {
        if std::fs::rename(&staging, &venv).is_ok() {
            return Ok(venv_python(&venv));
        }
        if is_current(&venv, &stamp) {
            let _ = std::fs::remove_dir_all(&staging);
            return Ok(venv_python(&venv));
        }
        let aside = target.join(unique_name("stale"));
        if std::fs::rename(&venv, &aside).is_ok() {
            let _ = std::fs::remove_dir_all(&aside);
        }
    }
    let _ = std::fs::remove_dir_all(&staging);
    Err(format!("cannot move the new Python venv into {}", venv.display()))
}

/// Python 3 runs, and has `venv` and the `ensurepip` that `-m venv` needs
/// (Debian and Ubuntu ship both in `python3-venv`, apart from Python).
fn check_python(python: &str) -> Result<(), String> {
    let version = Command::new(python)
        .args(["-c", "import sys; sys.exit(0 if sys.version_info[0] == 3 else 3)"])
        .output()
        .map_err(|error| {
            format!(
                "the FastAPI test needs Python 3 with its venv module: `{python}` cannot be run ({error}); install \
                 Python 3 or set PYTHON to one"
            )
        })?;
    match version.status.code() {
        Some(0) => {}
        Some(3) => return Err(format!("the FastAPI test needs Python 3: `{python}` is another version")),
        _ => return Err(format!("the FastAPI test needs Python 3: `{python}` fails ({})", last_line(&version))),
    }
    let modules = Command::new(python)
        .args(["-c", "import venv, ensurepip"])
        .output()
        .map_err(|error| format!("`{python}` cannot be run: {error}"))?;
    if !modules.status.success() {
        return Err(format!(
            "the FastAPI test needs Python 3's venv module with ensurepip, which `{python}` lacks ({}); on Debian or \
             Ubuntu install python3-venv",
            last_line(&modules)
        ));
    }
    Ok(())
}

/// Makes a venv at `dir` with the requirements installed, its stamp written last.
fn build(dir: &Path, python: &str, requirements: &Path, stamp: &str) -> Result<(), String> {
    let created = Command::new(python)
        .args(["-m", "venv"])
        .arg(dir)
        .output()
        .map_err(|error| format!("`{python} -m venv` cannot be run: {error}"))?;
    if !created.status.success() {
        return Err(format!("`{python} -m venv {}` failed: {}", dir.display(), last_line(&created)));
    }
    let installed = Command::new(venv_python(dir))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "-r"])
        .arg(requirements)
        .output()
        .map_err(|error| format!("the new venv's pip cannot be run: {error}"))?;
    if !installed.status.success() {
        return Err(format!(
            "installing {} into a Python venv failed: {}",
            requirements.display(),
            last_line(&installed)
        ));
    }
    std::fs::write(dir.join(STAMP_FILE), stamp).map_err(|error| format!("cannot write the venv's stamp: {error}"))
}

/// `fastapi-venv.{what}-{process}-{n}`: unique among the processes and
/// threads making venvs in one `target/`.
fn unique_name(what: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!("{VENV_DIR}.{what}-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The last non-empty line a command wrote to stderr (else stdout).
fn last_line(output: &Output) -> String {
    [&output.stderr, &output.stdout]
        .iter()
        .find_map(|bytes| {
            String::from_utf8_lossy(bytes).lines().rev().find(|line| !line.trim().is_empty()).map(str::to_owned)
        })
        .unwrap_or_else(|| format!("exit status {}", output.status))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Held by the tests that start processes while the other writes an
    /// executable: a process forked meanwhile would keep the script open for
    /// writing, and running it would fail (`ETXTBSY`).
    static SPAWNING: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// A folder laid out as a venv made from `stamp`, in a fresh temp dir.
    fn fake_venv(name: &str, stamp: &str) -> PathBuf {
        let venv = std::env::temp_dir().join(format!("clientgen-venv-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&venv);
        let python = venv_python(&venv);
        std::fs::create_dir_all(python.parent().expect("bin/python has a folder")).expect("writable temp dir");
        std::fs::write(&python, "").expect("writable temp dir");
        std::fs::write(venv.join(STAMP_FILE), stamp).expect("writable temp dir");
        venv
    }

    #[test]
    fn a_venv_is_reused_only_with_the_same_pins_and_interpreter() {
        let pins = "fastapi==0.165.0\nuvicorn==0.54.0\n";
        let venv = fake_venv("reuse", &stamp("python3", pins));
        let same = is_current(&venv, &stamp("python3", pins));
        let repinned = is_current(&venv, &stamp("python3", "fastapi==0.166.0\nuvicorn==0.54.0\n"));
        let pin_added = is_current(&venv, &stamp("python3", "fastapi==0.165.0\nuvicorn==0.54.0\nhttpx==0.28.1\n"));
        let other_python = is_current(&venv, &stamp("/usr/bin/python3.12", pins));
        let _ = std::fs::remove_dir_all(&venv);
        assert!(same, "an unchanged venv is reused");
        assert!(!repinned && !pin_added, "changed pins make the venv again");
        assert!(!other_python, "another base interpreter makes the venv again");
    }

    #[test]
    fn a_venv_without_its_interpreter_or_stamp_is_made_again() {
        let stamp = stamp("python3", "uvicorn==0.54.0\n");
        let broken = fake_venv("broken", &stamp);
        std::fs::remove_file(venv_python(&broken)).expect("the fake interpreter exists");
        let without_python = is_current(&broken, &stamp);
        let unstamped = fake_venv("unstamped", &stamp);
        std::fs::remove_file(unstamped.join(STAMP_FILE)).expect("the stamp exists");
        let without_stamp = is_current(&unstamped, &stamp);
        let _ = std::fs::remove_dir_all(&broken);
        let _ = std::fs::remove_dir_all(&unstamped);
        assert!(!without_python, "a venv whose interpreter is gone is not reused");
        assert!(!without_stamp, "a venv never finished (no stamp) is not reused");
    }

    #[test]
    fn an_interpreter_that_does_not_run_is_one_line_naming_it() {
        let _spawning = SPAWNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let target = std::env::temp_dir().join(format!("clientgen-venv-missing-{}", std::process::id()));
        let requirements = Path::new(env!("CARGO_MANIFEST_DIR")).join("fastapi").join("requirements.txt");
        let error = ensure_venv(&target, "/nonexistent/python3", &requirements).expect_err("no such interpreter");
        let _ = std::fs::remove_dir_all(&target);
        assert!(!error.contains('\n'), "one line: {error}");
        assert!(error.contains("needs Python 3") && error.contains("`/nonexistent/python3` cannot be run"), "{error}");
    }

    /// A Python 3 without `ensurepip`, as Debian's is without `python3-venv`:
    /// a script answering the version check and failing the module check.
    #[cfg(unix)]
    #[test]
    fn a_python_without_ensurepip_is_one_line_naming_python3_venv() {
        use std::os::unix::fs::PermissionsExt;
        let _spawning = SPAWNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let dir = std::env::temp_dir().join(format!("clientgen-venv-noensurepip-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("writable temp dir");
        let python = dir.join("python3");
        std::fs::write(
            &python,
            "#!/bin/sh\ncase \"$2\" in\n  *ensurepip*) echo \"ModuleNotFoundError: No module named 'ensurepip'\" >&2; exit 1;;\nesac\nexit 0\n",
        )
        .expect("writable temp dir");
        std::fs::set_permissions(&python, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let requirements = Path::new(env!("CARGO_MANIFEST_DIR")).join("fastapi").join("requirements.txt");
        let python = python.to_str().expect("UTF-8 temp dir").to_owned();
        let error = ensure_venv(&dir.join("target"), &python, &requirements).expect_err("no ensurepip");
        let made = dir.join("target").exists();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!error.contains('\n'), "one line: {error}");
        assert!(error.contains("venv module with ensurepip") && error.contains("install python3-venv"), "{error}");
        assert!(error.contains("No module named 'ensurepip'"), "{error}");
        assert!(!made, "nothing is made before the check passes");
    }
}
