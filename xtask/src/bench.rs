//! `cargo xtask bench`: the benchmarks of the real server. `http` (crates/api/benches/http.rs)
//! prints throughput as ratios to `/healthz`; `import` (crates/api/benches/import.rs) times a
//! 100,000-row CSV import against one-by-one `PUT /orders` measured in the same run. The latest
//! figures are copied into the README.

use std::path::Path;

use anyhow::Result;

use crate::cmd::{cargo, run};

pub fn bench(root: &Path) -> Result<()> {
    for bench in ["http", "import"] {
        run(cargo()
            .current_dir(root)
            .args(["bench", "-p", "rebound-api", "--bench", bench])
            // Request logs would measure the terminal, not the server.
            .env("RUST_LOG", "warn"))?;
    }
    Ok(())
}
