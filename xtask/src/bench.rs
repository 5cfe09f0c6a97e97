//! `cargo xtask bench`: the HTTP benchmark of the real server (crates/api/benches/http.rs).
//! It prints a Markdown table of throughput as ratios to `/healthz` measured in the same run;
//! the latest figures are copied into the README.

use std::path::Path;

use anyhow::Result;

use crate::cmd::{cargo, run};

pub fn bench(root: &Path) -> Result<()> {
    run(cargo()
        .current_dir(root)
        .args(["bench", "-p", "rebound-api", "--bench", "http"])
        // Request logs would measure the terminal, not the server.
        .env("RUST_LOG", "warn"))
}
