//! What a visitor downloads: brotli and gzip copies written beside each built asset (the
//! server sends them as they are), and the size budget per entry, which fails the build when
//! a change makes a bundle heavier than promised.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cmd::say;

/// Brotli bytes of wasm + JS each entry may weigh (1 KB = 1,000 bytes). The targets are 250 KB
/// for the portal and 600 KB for the dashboard; these are what the build reaches plus a small
/// margin, so any growth fails it while the remaining gap (mostly Leptos's own view code and
/// reactivity, see the README's table of what takes the space) is closed: a new screen is a
/// decision to raise a budget, never a silent drift (the README's "shopper's download" keeps
/// how each screen moved them). Last lowered on 2026-12-03, when Leptos's type-erased views
/// (`--cfg erase_components`, `.cargo/config.toml`) took the portal from 463.5 to 391.5 KB
/// and the dashboard from 1,051.4 to 837.5 KB.
const BUDGETS: [Budget; 2] = [
    Budget {
        entry: "portal",
        max_brotli: 393_000,
    },
    Budget {
        entry: "dashboard",
        max_brotli: 840_000,
    },
];

struct Budget {
    /// The Trunk bin name, which prefixes its files: `portal-<hash>_bg.wasm`, `portal-<hash>.js`.
    entry: &'static str,
    max_brotli: u64,
}

/// Files worth compressing: text and wasm. Images (`.png`) are compressed already.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "svg", "json"];
/// Below this, the encoding header costs about what compression saves.
const MIN_SIZE: u64 = 1024;

/// Writes `x.br` and `x.gz` beside every compressible file under `dist`, at the strongest
/// settings: it runs once per build, the bytes are served many times.
pub fn compress_assets(dist: &Path) -> Result<()> {
    for file in files(dist)? {
        let compressible = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible || fs::metadata(&file)?.len() < MIN_SIZE {
            continue;
        }
        let raw = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        fs::write(with_suffix(&file, "br"), brotli(&raw)?)?;
        fs::write(with_suffix(&file, "gz"), gzip(&raw)?)?;
    }
    say!(
        "brotli and gzip copies written beside the assets in {}",
        dist.display()
    );
    Ok(())
}

/// Prints each entry's wasm + JS size (raw, gzip, brotli) and fails past its budget.
pub fn check(dist: &Path) -> Result<()> {
    let files = files(dist)?;
    let mut over = Vec::new();
    say!("entry       wasm+js raw    gzip   brotli   budget (brotli)");
    for budget in BUDGETS {
        let bundle: Vec<&PathBuf> = files
            .iter()
            .filter(|f| is_bundle_file(f, budget.entry))
            .collect();
        if bundle.len() != 2 {
            bail!(
                "expected the {} entry's wasm and JS in {}, found {bundle:?}",
                budget.entry,
                dist.display()
            );
        }
        let mut sizes = [0u64; 3];
        for file in bundle {
            sizes[0] += fs::metadata(file)?.len();
            sizes[1] += fs::metadata(with_suffix(file, "gz"))?.len();
            sizes[2] += fs::metadata(with_suffix(file, "br"))?.len();
        }
        say!(
            "{:<10} {:>9} KB {:>5} KB {:>5} KB   {:>5} KB",
            budget.entry,
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2]),
            kb(budget.max_brotli)
        );
        if sizes[2] > budget.max_brotli {
            over.push(format!(
                "{} is {} KB brotli, over its {} KB budget",
                budget.entry,
                kb(sizes[2]),
                kb(budget.max_brotli)
            ));
        }
    }
    if !over.is_empty() {
        bail!("web bundle over budget: {}", over.join("; "));
    }
    Ok(())
}

/// `portal-<hash>_bg.wasm` and `portal-<hash>.js`, not `portal.html` nor compressed copies.
fn is_bundle_file(path: &Path, entry: &str) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.strip_prefix(entry)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|rest| rest.ends_with("_bg.wasm") || rest.ends_with(".js"))
}

fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1000.0)
}

fn brotli(raw: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(raw: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(raw)?;
    Ok(encoder.finish()?)
}

/// `x.wasm` -> `x.wasm.br`.
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Every file under `dir`, except earlier compressed copies.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_is_its_entrys_wasm_and_js_only() {
        assert!(is_bundle_file(
            Path::new("dist/portal-0a1b_bg.wasm"),
            "portal"
        ));
        assert!(is_bundle_file(Path::new("dist/portal-0a1b.js"), "portal"));
        assert!(!is_bundle_file(Path::new("dist/portal.html"), "portal"));
        assert!(!is_bundle_file(
            Path::new("dist/dashboard-0a1b.js"),
            "portal"
        ));
        assert!(!is_bundle_file(
            Path::new("dist/portal-0a1b.js.br"),
            "portal"
        ));
    }

    #[test]
    fn compressed_copies_round_trip() {
        let raw = b"rebound ".repeat(500);
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(&raw).unwrap()[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, raw);
        let mut gunzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&gzip(&raw).unwrap()[..]),
            &mut gunzipped,
        )
        .unwrap();
        assert_eq!(gunzipped, raw);
    }
}
