//! Rebound's developer commands. The README promises two: `cargo xtask run`
//! (set up and run the whole product) and `cargo xtask test` (set up and run
//! every test); the rest are their building blocks and maintenance helpers.
//! Argument parsing is by hand to keep xtask compiling in seconds.

mod bench;
mod cmd;
mod lint;
mod openapi;
mod postgres;
mod run;
mod s3_server;
mod scale;
mod schemathesis;
mod setup;
mod test;
mod web;
mod web_budget;
mod web_load;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

  run [-- ARGS]                  set up, build the web app, run the server with demo data
  test [--skip-browser] [--skip-postgres]
                                 set up and run every test (what CI runs)
  setup [--browser] [--postgres] install missing tools (wasm target, trunk, wasm-bindgen, wasm-opt)
  build-web                      setup, then both entries (portal, dashboard) into dist/,
                                 compressed, checked against their size budgets
  openapi [--check]              write (or check) openapi/openapi.json
  lint                           clippy with -D warnings, host crates and the wasm app
  fuzz-api                       schemathesis against the real server, many examples per operation
  crash [--rounds N]             the kill -9 test (tests/api/crashes.rs) N times in a row
                                 (default 20) on SQLite, then on a throwaway PostgreSQL
  lookup-clients [--clients N]   100,000 (or N) distinct lookup clients over HTTP, each from its
                                 own loopback address, and the server's memory (SQLite)
  bench [--quick]                wrk against the server (ratios to a bare actix-web handler),
                                 label renders per core, the 100k-row CSV import, and the
                                 portal's lookup form on a throttled phone (headless Chromium)
  seed --database-url URL [--returns N] [--merchants M] [--large N]
                                 bulk-insert a year of returns into a fresh database
  bench-scale [--big N] [--skip-postgres]
                                 the returns queue on 10,000 vs 1,000,000 (or N) returns,
                                 SQLite then a throwaway PostgreSQL
";

fn main() -> ExitCode {
    match run_command() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_command() -> Result<()> {
    let root = workspace_root()?;
    let mut args = std::env::args_os().skip(1);
    let Some(command) = args.next() else {
        print!("{USAGE}");
        bail!("no command given");
    };
    let rest: Vec<OsString> = args.collect();
    match command.to_str().unwrap_or("") {
        "run" => {
            let extra = match rest.split_first() {
                None => &[][..],
                Some((first, extra)) if first == "--" => extra,
                Some(_) => bail!("`run` takes extra server arguments only after `--`"),
            };
            setup::setup(&root, setup::Options::default())?;
            web::build(&root)?;
            run::run(&root, extra)
        }
        "test" => {
            let [skip_browser, skip_postgres] =
                flags(&rest, ["--skip-browser", "--skip-postgres"])?;
            test::test(
                &root,
                test::Options {
                    skip_browser,
                    skip_postgres,
                },
            )
        }
        "setup" => {
            let [browser, postgres] = flags(&rest, ["--browser", "--postgres"])?;
            setup::setup(&root, setup::Options { browser, postgres })
        }
        "build-web" => {
            flags(&rest, [])?;
            setup::setup(&root, setup::Options::default())?;
            web::build(&root)
        }
        "openapi" => {
            let [check] = flags(&rest, ["--check"])?;
            openapi::openapi(&root, check)
        }
        "lint" => {
            flags(&rest, [])?;
            lint::lint(&root)
        }
        "fuzz-api" => {
            flags(&rest, [])?;
            schemathesis::run(&root, schemathesis::Depth::Long)
        }
        "crash" => crash(&root, &rest),
        "lookup-clients" => lookup_clients(&root, &rest),
        "bench" => {
            let [quick] = flags(&rest, ["--quick"])?;
            bench::bench(&root, bench::Options { quick })
        }
        "seed" => scale::seed(&root, &rest),
        "bench-scale" => scale::bench_scale(&root, scale::options(&rest)?),
        // Hidden: checks the throwaway PostgreSQL used by `test` starts and stops.
        "pg-check" => {
            flags(&rest, [])?;
            postgres::check()
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            print!("{USAGE}");
            bail!("unknown command `{other}`")
        }
    }
}

/// The crash test's long run: `--rounds N` kills and restarts (default 20) per database.
fn crash(root: &Path, args: &[OsString]) -> Result<()> {
    let rounds = match args {
        [] => 20,
        [flag, n] if flag == "--rounds" => n
            .to_string_lossy()
            .parse::<u32>()
            .context("--rounds takes a number")?,
        _ => bail!("usage: cargo xtask crash [--rounds N]"),
    };
    let test = |database: Option<&str>| -> Result<()> {
        let mut cmd = cmd::workspace_tests()?;
        cmd.args(["--test", "api", "crashes", "--", "--nocapture"])
            .env("REBOUND_CRASH_ROUNDS", rounds.to_string())
            .env_remove("DATABASE_URL")
            .current_dir(root);
        if let Some(url) = database {
            cmd.env("DATABASE_URL", url);
        }
        cmd::run(&mut cmd)
    };
    cmd::say!("{rounds} kills on SQLite");
    test(None)?;
    setup::setup(
        root,
        setup::Options {
            browser: false,
            postgres: true,
        },
    )?;
    let server = postgres::TempPostgres::start()?;
    cmd::say!("{rounds} kills on PostgreSQL");
    test(Some(&server.url()))
}

/// The lookup limiter's long run: `tests/api/lookup_clients.rs` with 100,000 clients (the
/// suite runs 5,000), about a minute and a half on two cores.
fn lookup_clients(root: &Path, args: &[OsString]) -> Result<()> {
    let clients = match args {
        [] => 100_000,
        [flag, n] if flag == "--clients" => n
            .to_string_lossy()
            .parse::<u32>()
            .context("--clients takes a number")?,
        _ => bail!("usage: cargo xtask lookup-clients [--clients N]"),
    };
    cmd::run(
        cmd::workspace_tests()?
            .args(["--test", "api", "lookup_clients", "--", "--nocapture"])
            .env("REBOUND_LOOKUP_CLIENTS", clients.to_string())
            .env_remove("DATABASE_URL")
            .current_dir(root),
    )
}

/// Which of the `known` flags are present; anything else is an error.
fn flags<const N: usize>(args: &[OsString], known: [&str; N]) -> Result<[bool; N]> {
    let mut present = [false; N];
    for arg in args {
        let index = known
            .iter()
            .position(|flag| arg == flag)
            .with_context(|| format!("unknown argument `{}`\n{USAGE}", arg.to_string_lossy()))?;
        present[index] = true;
    }
    Ok(present)
}

/// The workspace root: xtask lives in `<root>/xtask`. `cargo run` sets
/// CARGO_MANIFEST_DIR at run time too; prefer that over the compile-time value,
/// which goes stale when a checkout is copied or moved along with `target/`
/// (cargo then does not rebuild xtask).
fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("xtask's manifest directory has no parent")
}
