//! `cargo xtask seed` and `cargo xtask bench-scale`: a million returns. Both run the `scale`
//! bench of the server crate (crates/api/benches/scale) in release: `seed` bulk-inserts a
//! year of shop history into a fresh database; `bench-scale` seeds a small (10,000 returns)
//! and a big (1,000,000 + 1,000,000 for one large merchant) SQLite database under
//! target/scale and times the returns queue on both.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cmd::{cargo, run};

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

/// A fresh SQLite file seeded with `returns` over `merchants` plus `large` for the large one.
fn seeded(root: &Path, dir: &Path, name: &str, sizes: [usize; 3]) -> Result<String> {
    let file: PathBuf = dir.join(format!("{name}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", file.display()));
        if path.exists() {
            std::fs::remove_file(&path).with_context(|| format!("remove {}", path.display()))?;
        }
    }
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let [returns, merchants, large] = sizes.map(|n| OsString::from(n.to_string()));
    seed(
        root,
        &[
            "--database-url".into(),
            url.clone().into(),
            "--returns".into(),
            returns,
            "--merchants".into(),
            merchants,
            "--large".into(),
            large,
        ],
    )?;
    Ok(url)
}

pub fn bench_scale(root: &Path) -> Result<()> {
    let dir = root.join("target").join("scale");
    std::fs::create_dir_all(&dir)?;
    // Same shape, a hundred times smaller: a typical shop of 100 returns vs 1,000.
    let small = seeded(root, &dir, "small", [10_000, 100, 10_000])?;
    let big = seeded(root, &dir, "big", [1_000_000, 1_000, 1_000_000])?;
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
