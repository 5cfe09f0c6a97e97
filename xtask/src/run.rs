//! `cargo xtask run`: the whole product on one machine — the web app built
//! with Trunk and served by the API server, with demo data.

use std::ffi::OsString;
use std::path::Path;

use anyhow::Result;

use crate::cmd;

pub fn run(root: &Path, extra_args: &[OsString]) -> Result<()> {
    let mut server = cmd::cargo();
    server
        .args([
            "run",
            "--profile",
            "server",
            "-p",
            "rebound-api",
            "--bin",
            "rebound",
            "--",
        ])
        .args(extra_args)
        .current_dir(root);
    // Defaults only: whatever the user exported wins.
    let defaults = [
        ("REBOUND_WEB_DIST", root.join("dist").into_os_string()),
        ("REBOUND_DATA_DIR", root.join("data").into_os_string()),
        ("REBOUND_DEMO", "1".into()),
        ("REBOUND_BIND", "127.0.0.1:8080".into()),
    ];
    for (key, value) in defaults {
        if std::env::var_os(key).is_none() {
            server.env(key, value);
        }
    }
    // The server prints the portal and dashboard URLs and the demo login itself.
    cmd::run(&mut server)
}
