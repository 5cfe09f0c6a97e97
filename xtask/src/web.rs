//! Building the Leptos web app with Trunk into `<root>/dist`: two entries, the merchant
//! dashboard (`index.html`) and the shopper portal (`portal.html`), each with its own wasm
//! bundle; then brotli and gzip copies of every asset and the size budget (`web_budget`).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, say};
use crate::{lint, web_budget};

/// The dashboard's document, as Trunk reads it (Trunk.toml's `build.target`).
const DASHBOARD_HTML: &str = "crates/web/index.html";
/// The portal's document: built on its own, since Trunk 0.21 builds one HTML file per run.
const PORTAL_HTML: &str = "crates/web/portal.html";

/// `trunk build --release --offline`, once per entry, at the root (where Trunk.toml is).
/// Offline: trunk must use the wasm-bindgen and wasm-opt that setup installed (first on
/// PATH), never download its own.
pub fn build(root: &Path) -> Result<()> {
    build_with(root, false)
}

/// `build`, with clippy (`-D warnings`) linting the web app and the shared crate for wasm32
/// as they compile: the test command's web build and web lint in one pass.
pub fn build_linted(root: &Path) -> Result<()> {
    build_with(root, true)
}

fn build_with(root: &Path, linted: bool) -> Result<()> {
    let dist = root.join("dist");
    // Trunk empties its dist folder, so the portal is built aside and moved in afterwards.
    let portal_dist = root.join("target").join("trunk-portal");
    trunk_build(root, DASHBOARD_HTML, &dist, linted)?;
    trunk_build(root, PORTAL_HTML, &portal_dist, linted)?;
    merge_portal(&portal_dist, &dist)?;
    web_budget::compress_assets(&dist)?;
    web_budget::check(&dist)
}

fn trunk_build(root: &Path, html: &str, dist: &Path, linted: bool) -> Result<()> {
    let mut trunk = cmd::tool(root, "trunk");
    // The document first: `--offline` takes an optional value and would swallow it.
    trunk
        .args(["build", html, "--release", "--offline", "--dist"])
        .arg(dist)
        .current_dir(root);
    if linted {
        // Trunk's cargo inherits the environment, and with it the clippy driver.
        lint::lint_while_building(&mut trunk)?;
    }
    cmd::run(&mut trunk)
}

/// Moves the portal's files into `dist/`: its document becomes `portal.html` (Trunk always
/// writes `index.html`); the stylesheet, icon and stock images both builds share have the same
/// content hash, so either copy will do.
fn merge_portal(portal_dist: &Path, dist: &Path) -> Result<()> {
    let document = ["portal.html", "index.html"]
        .into_iter()
        .map(|name| portal_dist.join(name))
        .find(|p| p.is_file());
    let Some(document) = document else {
        bail!(
            "trunk wrote no HTML document into {}",
            portal_dist.display()
        );
    };
    fs::copy(&document, dist.join("portal.html"))
        .with_context(|| format!("copying {}", document.display()))?;
    copy_tree(portal_dist, dist, &document)?;
    say!("portal entry merged into {}", dist.display());
    Ok(())
}

fn copy_tree(from: &Path, to: &Path, skip: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let path = entry?.path();
        if path == skip {
            continue;
        }
        let Some(name) = path.file_name() else {
            continue;
        };
        let target = to.join(name);
        if path.is_dir() {
            copy_tree(&path, &target, skip)?;
        } else if !target.exists() {
            fs::copy(&path, &target).with_context(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}
