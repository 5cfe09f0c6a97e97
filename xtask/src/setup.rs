//! `cargo xtask setup`: installs the toolchain pieces the build and the tests
//! need, each only when it is missing or at the wrong version, so a second run
//! is quick and a clean CI machine gets everything.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, say};
use crate::postgres;

/// The Trunk release we build with: 0.22 needs a newer rustc than the
/// workspace's toolchain.
const TRUNK_VERSION: &str = "0.21.14";
/// npm's binaryen ships a current wasm-opt; Debian's is too old for the
/// wasm features rustc emits.
const BINARYEN_NPM: &str = "binaryen@132";
/// The accessibility engine the browser tests inject into every screen they
/// check, served from disk (never a CDN) so a run is repeatable offline.
const AXE_CORE_VERSION: &str = "4.14.1";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What to install beyond the web toolchain.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Chromium and chromedriver for the browser tests.
    pub browser: bool,
    /// PostgreSQL server binaries for the PostgreSQL API tests.
    pub postgres: bool,
}

pub fn setup(root: &Path, options: Options) -> Result<()> {
    wasm_target()?;
    trunk(root)?;
    wasm_bindgen(root)?;
    npm_tools(root)?;
    if options.browser {
        browser()?;
    }
    if options.postgres {
        postgres_server()?;
    }
    Ok(())
}

pub fn wasm_target() -> Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        say!("rust target {WASM_TARGET} present");
        return Ok(());
    }
    say!("adding rust target {WASM_TARGET} ...");
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk(root: &Path) -> Result<()> {
    if reports_version(&mut cmd::tool(root, "trunk"), TRUNK_VERSION) {
        say!("trunk {TRUNK_VERSION} present");
        return Ok(());
    }
    say!("installing trunk {TRUNK_VERSION} ...");
    // --force replaces another version's binary.
    cmd::run(install_command(root).args([
        "install",
        "--locked",
        "--force",
        "trunk",
        "--version",
        TRUNK_VERSION,
    ]))
}

/// `cargo install`, tuned for a 2-core CI machine that builds these tools from
/// source on every clean run:
/// - trunk's own release profile asks for fat LTO and one codegen unit, which
///   costs minutes of compiling and buys nothing for a build tool; opt-level 1 keeps
///   most of the speed that matters (trunk and wasm-bindgen run for seconds) and
///   compiles the two tools' ~500 crates much faster than opt-level 3;
/// - one shared, kept target dir lets trunk and wasm-bindgen-cli reuse common
///   dependencies, and makes a reinstall (say, after a wasm-bindgen bump) quick.
fn install_command(root: &Path) -> Command {
    let mut command = cmd::cargo();
    command
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_TARGET_DIR", root.join("target/xtask-tools"));
    command
}

/// wasm-bindgen-cli must match the `wasm-bindgen` crate in Cargo.lock exactly,
/// or the generated glue refuses the wasm file.
fn wasm_bindgen(root: &Path) -> Result<()> {
    let version = locked_version(root, "wasm-bindgen")?;
    if reports_version(&mut cmd::tool(root, "wasm-bindgen"), &version) {
        say!("wasm-bindgen-cli {version} present");
        return Ok(());
    }
    say!("installing wasm-bindgen-cli {version} ...");
    // Not --locked: the published lock file names a crate version that
    // crates.io no longer has. --force replaces another version's binary.
    cmd::run(install_command(root).args([
        "install",
        "--force",
        "wasm-bindgen-cli",
        "--version",
        &version,
    ]))
}

/// The npm packages in `<root>/.tools`: binaryen (wasm-opt) and axe-core.
/// Installed together in one command: npm prunes what a `--no-save` install
/// does not name, so installing one alone would remove the other.
fn npm_tools(root: &Path) -> Result<()> {
    let tools = root.join(".tools");
    let wasm_opt = tools.join("node_modules/.bin/wasm-opt");
    let wasm_opt_version = cmd::probe(Command::new(&wasm_opt).arg("--version"));
    let axe = axe_core_version(root);
    if let (Some(version), Some(axe)) = (&wasm_opt_version, &axe)
        && axe == AXE_CORE_VERSION
    {
        say!(
            "wasm-opt present ({}), axe-core {axe} present",
            version.trim()
        );
        return Ok(());
    }
    let axe_npm = format!("axe-core@{AXE_CORE_VERSION}");
    say!(
        "installing wasm-opt from npm {BINARYEN_NPM} and {axe_npm} into {} ...",
        tools.display()
    );
    std::fs::create_dir_all(&tools).with_context(|| format!("creating {}", tools.display()))?;
    cmd::run(
        Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
            ])
            .arg(&tools)
            .args([BINARYEN_NPM, &axe_npm]),
    )?;
    if cmd::probe(Command::new(&wasm_opt).arg("--version")).is_none() {
        bail!(
            "{} does not run after installing {BINARYEN_NPM}",
            wasm_opt.display()
        );
    }
    if axe_core_version(root).as_deref() != Some(AXE_CORE_VERSION) {
        bail!(
            "{axe_npm} is not in {} after installing it",
            tools.display()
        );
    }
    Ok(())
}

/// The version of axe-core in `<root>/.tools`, from its package.json.
fn axe_core_version(root: &Path) -> Option<String> {
    let manifest = root.join(".tools/node_modules/axe-core/package.json");
    std::fs::read_to_string(manifest)
        .ok()
        .and_then(|text| version_in_package_json(&text))
}

/// The top-level `"version": "x.y.z"` of a package.json (the first one: npm
/// writes `name` and `version` before any nested object). By hand, to keep
/// xtask free of a JSON parser.
fn version_in_package_json(text: &str) -> Option<String> {
    let after_key = text.split_once("\"version\"")?.1;
    let value = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('"')?;
    value.split_once('"').map(|(version, _)| version.to_owned())
}

fn browser() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        say!("chromium and chromedriver present");
        return Ok(());
    }
    say!("installing chromium and chromium-driver ...");
    apt_install(&["chromium", "chromium-driver"])
}

/// wrk, the HTTP load generator `cargo xtask bench` drives the server with.
pub fn load_generator() -> Result<()> {
    if Path::new("/usr/bin/wrk").exists() {
        say!("wrk present");
        return Ok(());
    }
    say!("installing wrk ...");
    apt_install(&["wrk"])
}

fn postgres_server() -> Result<()> {
    if let Some(bin) = postgres::bin_dir() {
        say!("postgresql present ({})", bin.display());
        return Ok(());
    }
    say!("installing postgresql ...");
    apt_install(&["postgresql"])?;
    if postgres::bin_dir().is_none() {
        bail!("postgresql installed, but no initdb in /usr/lib/postgresql/*/bin");
    }
    Ok(())
}

/// `apt-get install`. A fresh machine (or a Docker image) has no package
/// lists, so update them first then; with lists present, update only when the
/// install fails (the lists may be stale), then try once more.
fn apt_install(packages: &[&str]) -> Result<()> {
    // With recommends: chromium's bring the fonts that give page text a size.
    let install = || apt(&["install", "-y", "-q"], packages);
    if !apt_lists_present() {
        say!("no apt package lists yet; updating them");
        apt(&["update", "-q"], &[])?;
        return install();
    }
    if install().is_ok() {
        return Ok(());
    }
    say!("apt-get install failed; updating the package lists and retrying");
    apt(&["update", "-q"], &[])?;
    install()
}

/// Whether `apt-get update` has ever run: it leaves `*_Packages` index files.
fn apt_lists_present() -> bool {
    std::fs::read_dir("/var/lib/apt/lists").is_ok_and(|entries| {
        entries
            .filter_map(|entry| entry.ok())
            .any(|entry| entry.file_name().to_string_lossy().contains("_Packages"))
    })
}

fn apt(args: &[&str], packages: &[&str]) -> Result<()> {
    // sudo resets the environment, so pass DEBIAN_FRONTEND through `env`.
    let mut command = if !cmd::is_root() && cmd::which("sudo").is_some() {
        let mut sudo = Command::new("sudo");
        sudo.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        sudo
    } else {
        let mut apt = Command::new("apt-get");
        apt.env("DEBIAN_FRONTEND", "noninteractive");
        apt
    };
    cmd::run(command.args(args).args(packages))
}

/// Whether `<program> --version` prints `version` as a separate word
/// (`trunk 0.21.14`, `wasm-bindgen 0.2.130`).
fn reports_version(command: &mut Command, version: &str) -> bool {
    cmd::probe(command.arg("--version"))
        .is_some_and(|out| out.split_whitespace().any(|word| word == version))
}

/// The version of `package` in the workspace's Cargo.lock.
pub fn locked_version(root: &Path, package: &str) -> Result<String> {
    let path = root.join("Cargo.lock");
    let lock =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    version_in_lock(&lock, package)
        .with_context(|| format!("no package `{package}` in {}", path.display()))
}

fn version_in_lock(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    lock.split("[[package]]")
        .find(|block| block.lines().any(|line| line.trim() == name_line))?
        .lines()
        .find_map(|line| line.trim().strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{version_in_lock, version_in_package_json};

    #[test]
    fn finds_the_package_json_version() {
        let manifest = r#"{
  "name": "axe-core",
  "description": "Accessibility engine",
  "version": "4.14.1",
  "devDependencies": { "esbuild": "^0.25.0" }
}"#;
        assert_eq!(version_in_package_json(manifest).as_deref(), Some("4.14.1"));
        assert_eq!(version_in_package_json("{}"), None);
    }

    #[test]
    fn finds_exact_package_version() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.1"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;
        assert_eq!(
            version_in_lock(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(version_in_lock(lock, "trunk"), None);
    }
}
