//! `cargo xtask test`: every test, in order of cost, stopping at the first
//! failing step, with a timing summary at the end (also after a failure).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use crate::cmd::{self, say};
use crate::postgres::TempPostgres;
use crate::{lint, s3_server, schemathesis, setup, web};

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub skip_browser: bool,
    pub skip_postgres: bool,
}

pub fn test(root: &Path, options: Options) -> Result<()> {
    // An external server (DATABASE_URL) needs no local PostgreSQL.
    let external_db = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let mut steps = Steps::default();
    let mut s3_binary = std::path::PathBuf::new();
    let result = (|| {
        steps.run("setup", || {
            setup::setup(
                root,
                setup::Options {
                    browser: !options.skip_browser,
                    postgres: !options.skip_postgres && external_db.is_none(),
                },
            )?;
            // The API suite keeps uploads and labels in a real S3-compatible server too.
            s3_binary = s3_server::install(root)?;
            Ok(())
        })?;
        steps.run("cargo fmt --check", || {
            cmd::run(
                cmd::cargo()
                    .args(["fmt", "--all", "--", "--check"])
                    .current_dir(root),
            )
        })?;
        // Every test binary, compiled once with clippy's driver (`-D warnings`): a warning fails
        // here, before the long steps, and the steps below reuse the build.
        steps.run("build + clippy (host)", || {
            cmd::run(
                cmd::workspace_tests()?
                    .args(["--all-targets", "--no-run"])
                    .current_dir(root),
            )
        })?;
        steps.run("shared crate stays portable", || {
            lint::shared_stays_portable(root)
        })?;
        // Always built: it is the web crate's compile check and its clippy run (wasm32, the
        // only target it builds for), and the browser tests serve dist/.
        steps.run("build + clippy (web, trunk)", || web::build_linted(root))?;
        steps.run("unit + API tests (SQLite)", || {
            cmd::run(
                // Every unit test and the API suite; the browser suite has its own step.
                cmd::workspace_tests()?
                    .args(["--lib", "--bins", "--test", "api"])
                    // These run on SQLite files; a DATABASE_URL in the environment must not leak in.
                    .env_remove("DATABASE_URL")
                    .env("REBOUND_TEST_DATABASE", "sqlite")
                    .env(s3_server::ENV, &s3_binary)
                    // The static-file tests serve the app built in the previous step.
                    .env("REBOUND_WEB_DIST", root.join("dist"))
                    .current_dir(root),
            )
        })?;
        // The web app's own pure rules (payout wording, form state), run natively. A run of its
        // own: in the workspace run above its features would change how every shared
        // dependency is built.
        steps.run("web app unit tests", || {
            cmd::run(
                cmd::cargo()
                    .args(["test", "-p", "rebound-web"])
                    // Its dependencies (Leptos and the rest) are built natively for this step
                    // alone: unoptimised, they compile in a fraction of the time, and its few
                    // tests of pure rules need no speed.
                    .args(["--config", "profile.dev.package.\"*\".opt-level=0"])
                    .current_dir(root),
            )
        })?;
        if options.skip_postgres {
            steps.skip("API tests (PostgreSQL)");
        } else {
            steps.run("API tests (PostgreSQL)", || {
                // The guard lives until the tests finish, then stops the server.
                let (url, _server) = match &external_db {
                    Some(url) => (url.clone(), None),
                    None => {
                        let server = TempPostgres::start()?;
                        (server.url(), Some(server))
                    }
                };
                // The tests create one fresh database per test from this URL.
                cmd::run(
                    cmd::workspace_tests()?
                        .args(["--test", "api"])
                        .env("DATABASE_URL", url)
                        .env(s3_server::ENV, &s3_binary)
                        .env("REBOUND_WEB_DIST", root.join("dist"))
                        .current_dir(root),
                )
            })?;
        }
        if options.skip_browser {
            steps.skip("browser tests");
        } else {
            steps.run("browser tests", || {
                cmd::run(
                    cmd::workspace_tests()?
                        .args(["--test", "browser", "--", "--test-threads=1"])
                        .env("REBOUND_WEB_DIST", root.join("dist"))
                        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
                        .env("CHROME_BIN", "/usr/bin/chromium")
                        // Setup installed it; every screen the tests reach is checked with it.
                        .env(
                            "REBOUND_AXE_JS",
                            root.join(".tools/node_modules/axe-core/axe.min.js"),
                        )
                        .current_dir(root),
                )
            })?;
        }
        // Last: it reuses the API tests' build for the server it starts, and a contract
        // finding should not hide what the other suites say.
        steps.run("API contract (schemathesis)", || {
            schemathesis::run(root, schemathesis::Depth::Short)
        })?;
        Ok(())
    })();
    steps.print_summary();
    result
}

#[derive(Debug, Default)]
struct Steps {
    done: Vec<(&'static str, Option<Duration>, &'static str)>,
}

impl Steps {
    fn run(&mut self, name: &'static str, step: impl FnOnce() -> Result<()>) -> Result<()> {
        say!("=== {name} ===");
        let start = Instant::now();
        let result = step();
        let status = if result.is_ok() { "ok" } else { "FAILED" };
        self.done.push((name, Some(start.elapsed()), status));
        result.map_err(|err| anyhow!("test step `{name}` failed: {err:#}"))
    }

    fn skip(&mut self, name: &'static str) {
        say!("=== {name}: skipped ===");
        self.done.push((name, None, "skipped"));
    }

    fn print_summary(&self) {
        say!("summary:");
        let mut total = Duration::ZERO;
        for (name, duration, status) in &self.done {
            total += duration.unwrap_or_default();
            let time = duration
                .map(|d| format!("{:.1}s", d.as_secs_f64()))
                .unwrap_or_default();
            println!("    {name:<28} {time:>8}  {status}");
        }
        println!(
            "    {:<28} {:>8}",
            "total",
            format!("{:.1}s", total.as_secs_f64())
        );
    }
}
