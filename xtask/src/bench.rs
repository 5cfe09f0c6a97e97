//! `cargo xtask bench`: the benchmarks of the real server. `http` (crates/api/benches/http)
//! drives the server with wrk and prints one table of throughput and latency as ratios to a
//! bare actix-web handler measured in the same run; `import` (crates/api/benches/import.rs)
//! times a 100,000-row CSV import against one-by-one `PUT /orders` measured in the same run;
//! `web_load` (tests/benches/web_load.rs) times the portal's lookup form on a throttled phone
//! profile against the dashboard's sign-in.
//! The latest figures are copied into the README.

use std::path::Path;

use anyhow::Result;

use crate::cmd::{cargo, run};
use crate::{setup, web_load};

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Shorter loads, no warm-up: a check that the benchmark runs, not figures to publish.
    pub quick: bool,
}

pub fn bench(root: &Path, options: Options) -> Result<()> {
    setup::load_generator()?;
    for bench in ["http", "import"] {
        let mut command = cargo();
        command
            .current_dir(root)
            .args(["bench", "-p", "rebound-api", "--bench", bench])
            // Request logs would measure the terminal, not the server.
            .env("RUST_LOG", "warn");
        if options.quick {
            command.args(["--", "--quick"]);
        }
        run(&mut command)?;
    }
    web_load::bench(root, options.quick)
}
