//! Running external commands: every command is printed before it runs, and a
//! failure names the command and its exit code so a CI log is self-explaining.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Prints a progress line with the `xtask:` prefix, so our lines stand out
/// from the output of the tools we drive.
macro_rules! say {
    ($($arg:tt)*) => {{
        println!("xtask: {}", format_args!($($arg)*));
    }};
}
pub(crate) use say;

/// `cargo` as invoked by the user: cargo sets `CARGO` for the programs it runs,
/// so nested cargo commands use the same toolchain as `cargo xtask`.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    forget_xtask_package(&mut cmd);
    cmd
}

/// `cargo test` over the one package selection every test step uses: the host crates and
/// their dev-dependencies. Cargo unifies features over the packages a command selects, so
/// `-p rebound-e2e` or a plain `cargo build -p rebound-api` would each compile sqlx, rustls,
/// actix-web, sea-orm and the API once more with another feature set (on a clean CI
/// machine, minutes per selection). Steps pick their test binaries with `--test` instead.
///
/// Clippy runs inside this build (`lint::lint_while_building`): every step passes the same
/// wrapper, so the crates built for one step are the ones the next reuses.
pub fn workspace_tests() -> Result<Command> {
    let mut cmd = cargo();
    cmd.args(["test", "--workspace", "--exclude", "rebound-web"]);
    crate::lint::lint_while_building(&mut cmd)?;
    Ok(cmd)
}

/// Removes what `cargo run` tells xtask about its own package (`CARGO_PKG_NAME=xtask`,
/// `CARGO_MANIFEST_DIR`, ...), so a nested build sees the environment of a hand-typed
/// command. Some build scripts watch these variables (ring declares
/// `rerun-if-env-changed=CARGO_PKG_NAME`): inherited, they made every switch between
/// `cargo xtask test` and a plain `cargo test` or `cargo clippy` rebuild ring, rustls, sqlx,
/// sea-orm and the API.
fn forget_xtask_package(cmd: &mut Command) {
    for (name, _) in std::env::vars_os() {
        if is_xtask_package_var(&name) {
            cmd.env_remove(&name);
        }
    }
}

fn is_xtask_package_var(name: &OsStr) -> bool {
    const SET_BY_CARGO_RUN: [&str; 5] = [
        "CARGO_MANIFEST_DIR",
        "CARGO_MANIFEST_PATH",
        "CARGO_CRATE_NAME",
        "CARGO_BIN_NAME",
        "CARGO_PRIMARY_PACKAGE",
    ];
    let name = name.to_string_lossy();
    name.starts_with("CARGO_PKG_") || SET_BY_CARGO_RUN.contains(&&*name)
}

/// A command whose PATH starts with the tools that setup installs
/// (`<root>/.tools/node_modules/.bin`, then cargo's bin dir), so trunk finds our
/// wasm-opt and wasm-bindgen even when the user's PATH lacks them and
/// Debian's older binaryen is installed.
pub fn tool(root: &Path, program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("PATH", tool_path(root));
    // Trunk runs cargo too.
    forget_xtask_package(&mut cmd);
    cmd
}

fn tool_path(root: &Path) -> OsString {
    let mut dirs: Vec<PathBuf> = vec![root.join(".tools/node_modules/.bin")];
    if let Some(cargo_home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(cargo_home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default())
}

/// Runs `cmd` with inherited stdio; a non-zero exit is an error naming it.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = describe(cmd);
    say!("$ {shown}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({})", exit_text(status));
    }
    Ok(())
}

/// Runs `cmd` and returns its stdout (stderr goes to the terminal).
pub fn output(cmd: &mut Command) -> Result<String> {
    let shown = describe(cmd);
    say!("$ {shown}");
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{shown}`"))?;
    if !out.status.success() {
        bail!("`{shown}` failed ({})", exit_text(out.status));
    }
    String::from_utf8(out.stdout).with_context(|| format!("`{shown}` printed non-UTF-8 output"))
}

/// Runs a version/status query quietly; `None` when it cannot start or fails.
/// Used to decide whether something must be installed.
pub fn probe(cmd: &mut Command) -> Option<String> {
    say!("$ {}", describe(cmd));
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn exit_text(status: std::process::ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => format!("{status}"),
    }
}

/// A shell-like rendering of a command: changed environment, program, arguments.
pub fn describe(cmd: &Command) -> String {
    let mut parts = Vec::new();
    if let Some(dir) = cmd.get_current_dir() {
        parts.push(format!("(cd {} &&", quote(dir.as_os_str())));
    }
    // PATH is always the same long prefix, and the package variables are always removed;
    // showing them would bury the command.
    let envs: Vec<_> = cmd
        .get_envs()
        .filter(|(key, _)| *key != "PATH" && !is_xtask_package_var(key))
        .collect();
    if !envs.is_empty() {
        parts.push("env".to_owned());
    }
    for (key, value) in envs {
        match value {
            Some(value) => parts.push(format!("{}={}", key.to_string_lossy(), quote(value))),
            None => parts.push(format!("-u {}", key.to_string_lossy())),
        }
    }
    // `cargo` rather than the toolchain's full path that cargo hands us in $CARGO.
    if std::env::var_os("CARGO").is_some_and(|cargo| cargo == cmd.get_program()) {
        parts.push("cargo".to_owned());
    } else {
        parts.push(quote(cmd.get_program()));
    }
    parts.extend(cmd.get_args().map(quote));
    let mut text = parts.join(" ");
    if cmd.get_current_dir().is_some() {
        text.push(')');
    }
    text
}

fn quote(arg: &OsStr) -> String {
    let text = arg.to_string_lossy();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Finds `program` on PATH, as a shell would.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// Whether this process runs as root: /proc/self belongs to our user.
pub fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}
