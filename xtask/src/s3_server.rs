//! The S3-compatible server the API tests keep uploads and labels in: moto's standalone
//! server (PyPI `moto[server]`, pinned), in its own virtualenv in `.tools/s3-venv`. MinIO is
//! in none of the registries this project installs from; moto is, and speaks the S3 API
//! (signed requests, path-style buckets, plain HTTP) on a port of our choosing.
//!
//! Its own virtualenv, not schemathesis's: the two pull in overlapping web libraries at
//! versions of their own, and one install must not move the other's.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, bail};

use crate::cmd::{self, say};

/// The moto release the S3 tests run against; bumped on purpose, never floating.
const MOTO_VERSION: &str = "5.2.5";
/// What the API tests read to find the server (crates/api/tests/api/s3_storage.rs).
pub const ENV: &str = "REBOUND_S3_TEST_SERVER";

/// `.tools/s3-venv/bin/moto_server` at MOTO_VERSION, made and installed only when it is not.
pub fn install(root: &Path) -> Result<PathBuf> {
    let venv = root.join(".tools/s3-venv");
    let server = venv.join("bin/moto_server");
    // The server's own extras (flask) are imported too: a bare `moto` has no server.
    let reported = cmd::probe(Command::new(venv.join("bin/python")).args([
        "-c",
        "import moto, flask, flask_cors; print(moto.__version__)",
    ]))
    .unwrap_or_default();
    if reported.trim() == MOTO_VERSION && server.exists() {
        say!("moto {MOTO_VERSION} (S3-compatible test server) present");
        return Ok(server);
    }
    if !venv.join("bin/python").exists() {
        say!("creating a Python virtualenv in {} ...", venv.display());
        cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    say!(
        "installing moto[server] {MOTO_VERSION} (S3-compatible test server) into {} ...",
        venv.display()
    );
    cmd::run(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("moto[server]=={MOTO_VERSION}")),
    )?;
    if !server.exists() {
        bail!(
            "{} is missing after installing moto[server]",
            server.display()
        );
    }
    Ok(server)
}
