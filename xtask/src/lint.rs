//! `cargo xtask lint`: clippy with warnings as errors, for the host crates and
//! for the web app on its only target, wasm32; and the check that the shared
//! crate stays free of server crates, so the web app can always build it.

use std::path::Path;

use anyhow::{Result, bail};

use crate::cmd::{self, say};
use crate::setup::{self, WASM_TARGET};

/// Crates that only make sense on a server. One of them under `rebound-shared`
/// would either break its wasm32 build or quietly swell the web app.
const SERVER_CRATES: &[&str] = &[
    "actix-web",
    "actix-http",
    "actix-rt",
    "actix-files",
    "sea-orm",
    "sea-query",
    "sqlx",
    "sqlx-core",
    "tokio",
    "mio",
    "hyper",
    "reqwest",
    "lettre",
    "object_store",
    "argon2",
    "jsonwebtoken",
    "tracing-subscriber",
    "rustls",
    "ring",
    "aws-lc-rs",
    "printpdf",
    "lopdf",
];

pub fn lint(root: &Path) -> Result<()> {
    clippy(root)?;
    shared_stays_portable(root)
}

/// Clippy with `-D warnings` on every target of the host crates, then on the
/// web app for wasm32 (the only target it builds for).
pub fn clippy(root: &Path) -> Result<()> {
    cmd::run(
        cmd::cargo()
            .args([
                "clippy",
                "--workspace",
                "--exclude",
                "rebound-web",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root),
    )?;
    setup::wasm_target()?;
    cmd::run(
        cmd::cargo()
            .args([
                "clippy",
                "-p",
                "rebound-web",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root),
    )
}

/// `rebound-shared` builds for wasm32, with and without the server's `openapi`
/// feature, and its dependency tree names no server crate. Its `sea-orm` feature is the
/// server's alone (the entities' column types): the web app never turns it on.
pub fn shared_stays_portable(root: &Path) -> Result<()> {
    setup::wasm_target()?;
    for features in [&[][..], &["--features", "openapi"][..]] {
        cmd::run(
            cmd::cargo()
                .args(["check", "-p", "rebound-shared", "--target", WASM_TARGET])
                .args(features)
                .current_dir(root),
        )?;
        let tree = cmd::output(
            cmd::cargo()
                .args([
                    "tree",
                    "-p",
                    "rebound-shared",
                    "--target",
                    WASM_TARGET,
                    "-e",
                    "normal",
                    "--prefix",
                    "none",
                    "--format",
                    "{p}",
                ])
                .args(features)
                .current_dir(root),
        )?;
        let found = server_crates_in(&tree);
        if !found.is_empty() {
            bail!(
                "rebound-shared depends on server crates: {} (see `cargo tree -p rebound-shared \
                 --target {WASM_TARGET} -e normal -i <crate>`); keep them in rebound-api",
                found.join(", ")
            );
        }
    }
    say!("rebound-shared pulls in no server crate");
    Ok(())
}

/// The server crates named in `cargo tree --prefix none --format {p}` output
/// (one `name version [extra]` per line), each once, in the order met.
fn server_crates_in(tree: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    for name in tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
    {
        if SERVER_CRATES.contains(&name) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::server_crates_in;

    #[test]
    fn names_each_server_crate_once() {
        let tree = "rebound-shared v0.1.0 (/x/crates/shared)\n\
                    serde v1.0.229\n\
                    tokio v1.47.0\n\
                    tokio-util v0.7.1\n\
                    sqlx v0.8.6\n\
                    tokio v1.47.0 (*)\n";
        assert_eq!(server_crates_in(tree), ["tokio", "sqlx"]);
    }

    #[test]
    fn a_portable_tree_passes() {
        let tree = "rebound-shared v0.1.0 (/x/crates/shared)\nchrono v0.4.45\nuuid v1.18.0\n";
        assert!(server_crates_in(tree).is_empty());
    }
}
