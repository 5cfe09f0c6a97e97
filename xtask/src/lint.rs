//! `cargo xtask lint`: clippy with warnings as errors, for the host crates and
//! for the web app on its only target, wasm32.

use std::path::Path;

use anyhow::Result;

use crate::{cmd, setup};

pub fn lint(root: &Path) -> Result<()> {
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
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root),
    )
}
