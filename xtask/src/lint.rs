//! `cargo xtask lint`: clippy with warnings as errors, for the host crates and
//! for the web app on its only target, wasm32; and the check that the shared
//! crate stays free of server crates, so the web app can always build it.
//!
//! `cargo xtask test` lints while it builds instead (`lint_while_building`): a separate
//! `cargo clippy` pass type-checks every workspace crate a second time, which cost CI about
//! eleven minutes of a forty-minute run.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

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

/// Makes `cmd` (a cargo build, or trunk, which runs one) compile the workspace's own crates
/// with clippy's driver and `-D warnings`, as `cargo clippy` does: the build both lints and
/// produces the binaries, so nothing is type-checked twice. Dependencies are compiled by
/// plain rustc, as under `cargo clippy`.
pub fn lint_while_building(cmd: &mut Command) -> Result<()> {
    cmd.env("RUSTC_WORKSPACE_WRAPPER", clippy_driver()?)
        // clippy-driver reads its own arguments from here, separated this way (what
        // `cargo clippy -- -D warnings` sets).
        .env(
            "CLIPPY_ARGS",
            "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
        );
    Ok(())
}

/// The clippy driver of the toolchain that builds the project (not rustup's proxy, which
/// would choose a toolchain on its own).
fn clippy_driver() -> Result<PathBuf> {
    let sysroot = cmd::output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let driver = Path::new(sysroot.trim()).join("bin/clippy-driver");
    if !driver.is_file() {
        bail!(
            "{} is missing: install clippy with `rustup component add clippy`",
            driver.display()
        );
    }
    std::fs::canonicalize(&driver).with_context(|| format!("resolving {}", driver.display()))
}

/// `rebound-shared`'s dependency tree for wasm32, with and without the server's `openapi`
/// feature, names no server crate. Its wasm32 compile is checked by the web build (trunk);
/// its `sea-orm` feature is the server's alone (the entities' column types): the web app
/// never turns it on.
pub fn shared_stays_portable(root: &Path) -> Result<()> {
    setup::wasm_target()?;
    for features in [&[][..], &["--features", "openapi"][..]] {
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
    use super::{lint_while_building, server_crates_in};
    use crate::cmd;

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

    /// A throwaway crate built the way the test command builds ours: a clippy finding must
    /// fail the build, and the same crate without it must build.
    #[test]
    fn a_linted_build_fails_on_a_clippy_warning() {
        let dir = std::env::temp_dir().join(format!("xtask-lint-probe-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\n[workspace]\n",
        )
        .unwrap();
        let build = |source: &str| {
            std::fs::write(dir.join("src/lib.rs"), source).unwrap();
            let mut cargo = cmd::cargo();
            cargo
                .args(["build", "--offline", "--quiet"])
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", dir.join("target"));
            lint_while_building(&mut cargo).unwrap();
            cargo.output().unwrap()
        };
        // clippy::ptr_arg, a warn-by-default lint rustc alone does not have.
        let flagged = build("pub fn len(v: &Vec<u8>) -> usize { v.len() }\n");
        let clean = build("pub fn len(v: &[u8]) -> usize { v.len() }\n");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!flagged.status.success(), "the clippy finding passed");
        assert!(String::from_utf8_lossy(&flagged.stderr).contains("ptr_arg"));
        assert!(
            clean.status.success(),
            "{}",
            String::from_utf8_lossy(&clean.stderr)
        );
    }
}
