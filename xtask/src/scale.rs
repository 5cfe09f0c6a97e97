//! `cargo xtask seed` and `cargo xtask bench-scale`: a million returns. Both run the `scale`
//! bench of the server crate (crates/api/benches/scale) in release: `seed` bulk-inserts a
//! year of shop history into a fresh database; `bench-scale` seeds a small (10,000 returns)
//! and a big (1,000,000 + 1,000,000 for one large merchant) database, on SQLite under
//! target/scale and on a throwaway PostgreSQL, and times the returns queue on both.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{cargo, run, say};
use crate::postgres::TempPostgres;

/// Returns in the big database (and as many again for its large merchant) unless told.
pub const BIG: usize = 1_000_000;
/// The small database: the big one's shape, a hundred times smaller.
const SMALL: usize = 10_000;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Returns in the big database (its large merchant gets as many again).
    pub big: usize,
    pub skip_postgres: bool,
}

/// Runs the `scale` bench with these arguments.
fn scale(root: &Path, args: &[OsString]) -> Result<()> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["bench", "-p", "rebound-api", "--bench", "scale", "--"])
        .args(args)
        // Request logs would measure the terminal, not the server.
        .env("RUST_LOG", "warn");
    run(&mut command)
}

/// `cargo xtask seed --database-url URL [--returns N] [--merchants M] [--large N]`: the
/// database must be new (an SQLite file that does not exist yet, or an empty PostgreSQL one).
pub fn seed(root: &Path, args: &[OsString]) -> Result<()> {
    let mut all = vec![OsString::from("seed")];
    all.extend_from_slice(args);
    scale(root, &all)
}

/// Seeds the new database at `url` with `returns` over a thousandth as many merchants (at
/// least 100) plus as many again for the large one.
fn seed_sized(root: &Path, url: &str, returns: usize) -> Result<()> {
    let merchants = (returns / 1_000).max(100);
    seed(
        root,
        &[
            "--database-url".into(),
            url.into(),
            "--returns".into(),
            returns.to_string().into(),
            "--merchants".into(),
            merchants.to_string().into(),
            "--large".into(),
            returns.to_string().into(),
        ],
    )
}

/// A fresh SQLite file named `name` under `dir`, seeded with `returns`.
fn sqlite(root: &Path, dir: &Path, name: &str, returns: usize) -> Result<String> {
    let file: PathBuf = dir.join(format!("{name}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", file.display()));
        if path.exists() {
            std::fs::remove_file(&path).with_context(|| format!("remove {}", path.display()))?;
        }
    }
    let url = format!("sqlite://{}?mode=rwc", file.display());
    seed_sized(root, &url, returns)?;
    Ok(url)
}

/// A new database named `name` on `server`, seeded with `returns`.
fn postgres(root: &Path, server: &TempPostgres, name: &str, returns: usize) -> Result<String> {
    run(Command::new(server.bin().join("psql")).args([
        "-h",
        "127.0.0.1",
        "-p",
        &server.port().to_string(),
        "-U",
        "postgres",
        "-c",
        &format!("CREATE DATABASE {name}"),
    ]))?;
    let url = format!("postgres://postgres@127.0.0.1:{}/{name}", server.port());
    seed_sized(root, &url, returns)?;
    Ok(url)
}

fn measure(root: &Path, small: String, big: String) -> Result<()> {
    scale(
        root,
        &[
            "measure".into(),
            "--small".into(),
            small.into(),
            "--big".into(),
            big.into(),
        ],
    )
}

pub fn bench_scale(root: &Path, options: Options) -> Result<()> {
    let dir = root.join("target").join("scale");
    std::fs::create_dir_all(&dir)?;
    say!(
        "the queue on {SMALL} vs {} returns (+ as many for one large merchant), SQLite",
        options.big
    );
    let small = sqlite(root, &dir, "small", SMALL)?;
    let big = sqlite(root, &dir, "big", options.big)?;
    measure(root, small, big)?;
    if options.skip_postgres {
        return Ok(());
    }
    say!("the same on PostgreSQL");
    // Dropped (stopped and removed) on every way out, a failed step included.
    let server = TempPostgres::start()?;
    let small = postgres(root, &server, "scale_small", SMALL)?;
    let big = postgres(root, &server, "scale_big", options.big)?;
    measure(root, small, big)
}

/// `bench-scale [--big N] [--skip-postgres]`.
pub fn options(args: &[OsString]) -> Result<Options> {
    let mut options = Options {
        big: BIG,
        skip_postgres: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--skip-postgres") => options.skip_postgres = true,
            Some("--big") => {
                let n = args.next().and_then(|n| n.to_str()).unwrap_or_default();
                options.big = n
                    .replace('_', "")
                    .parse()
                    .ok()
                    .filter(|&n| n >= SMALL)
                    .with_context(|| format!("--big takes a number of at least {SMALL}"))?;
            }
            _ => anyhow::bail!(
                "unknown argument `{}` (bench-scale [--big N] [--skip-postgres])",
                arg.to_string_lossy()
            ),
        }
    }
    Ok(options)
}
