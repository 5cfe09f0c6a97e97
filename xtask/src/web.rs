//! Building the Leptos web app with Trunk into `<root>/dist`.

use std::path::Path;

use anyhow::Result;

use crate::cmd;

/// `trunk build --release --offline` at the root (where Trunk.toml is).
/// Offline: trunk must use the wasm-bindgen and wasm-opt that setup installed
/// (first on PATH), never download its own.
pub fn build(root: &Path) -> Result<()> {
    cmd::run(
        cmd::tool(root, "trunk")
            .args(["build", "--release", "--offline"])
            .current_dir(root),
    )
}
