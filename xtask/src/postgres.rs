//! A throwaway PostgreSQL server for the API tests: initialised in /tmp,
//! tuned for speed over durability, and always stopped again (a Drop guard,
//! so a failing test step still cleans up).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, say};

/// Each server lives in `<DIR_PREFIX><pid of the xtask that started it>`.
const DIR_PREFIX: &str = "/tmp/rebound-pg-";

/// The bin directory of the newest PostgreSQL in /usr/lib/postgresql
/// (Debian installs each major version side by side there).
pub fn bin_dir() -> Option<PathBuf> {
    let entries = std::fs::read_dir("/usr/lib/postgresql").ok()?;
    entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let major: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .max_by_key(|(major, _)| *major)
        .map(|(_, bin)| bin)
}

/// A running server; dropping it stops the server and removes its files.
#[derive(Debug)]
pub struct TempPostgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    /// PostgreSQL refuses to run as root, so as root every server command runs
    /// as the `postgres` OS user (created by Debian's package).
    as_postgres_user: bool,
}

impl TempPostgres {
    pub fn start() -> Result<Self> {
        let bin = bin_dir().context(
            "no PostgreSQL found in /usr/lib/postgresql/*/bin (run `cargo xtask setup --postgres`)",
        )?;
        let as_postgres_user = cmd::is_root();
        remove_stale(&bin, as_postgres_user);
        let dir = PathBuf::from(format!("{DIR_PREFIX}{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("removing stale {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let port = free_port()?;
        say!(
            "starting PostgreSQL from {} in {} on port {port}",
            bin.display(),
            dir.display()
        );
        // From here on the guard owns the directory: an error below removes it.
        let server = Self {
            bin,
            dir,
            port,
            as_postgres_user,
        };
        if server.as_postgres_user {
            cmd::run(
                Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(&server.dir),
            )
            .context("the `postgres` OS user is needed to run PostgreSQL as root")?;
        }
        let data = server.dir.join("data");
        // Trust auth and no fsync: a test server on loopback holding nothing of value.
        // UTF8 without a locale makes the cluster the same whatever the host's LANG.
        cmd::run(server.command("initdb").arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "--no-locale",
        ]))?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=200",
            server.dir.display()
        );
        cmd::run(
            server
                .command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(server.dir.join("log"))
                .arg("-o")
                .arg(options)
                .args(["-w", "start"]),
        )
        .with_context(|| {
            format!(
                "PostgreSQL did not start; see {}",
                server.dir.join("log").display()
            )
        })?;
        Ok(server)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn bin(&self) -> &Path {
        &self.bin
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A command for one of the server's programs, as the right OS user, run
    /// from the server's directory (the postgres user may not read our cwd).
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres_user {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(program);
            runuser
        } else {
            Command::new(program)
        };
        command.current_dir(&self.dir);
        command
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        if data.join("postmaster.pid").exists() {
            say!("stopping PostgreSQL in {}", self.dir.display());
            // Immediate: nothing in a throwaway server is worth a clean shutdown.
            let mut stop = self.command("pg_ctl");
            stop.arg("-D").arg(&data).args(["stop", "-m", "immediate"]);
            // A warning, not an error: Drop may run while another error unwinds.
            if let Err(err) = cmd::run(&mut stop) {
                eprintln!("xtask: warning: could not stop PostgreSQL: {err:#}");
                return; // keep the directory: the server may still use it
            }
        }
        if let Err(err) = std::fs::remove_dir_all(&self.dir) {
            eprintln!(
                "xtask: warning: could not remove {}: {err}",
                self.dir.display()
            );
        }
    }
}

/// Stops and removes servers left behind by an xtask that is gone (Ctrl-C
/// kills xtask before its Drop guard runs), so they do not pile up.
fn remove_stale(bin: &Path, as_postgres_user: bool) {
    let Ok(entries) = std::fs::read_dir("/tmp") else {
        return;
    };
    for entry in entries.filter_map(|entry| entry.ok()) {
        let dir = entry.path();
        let Some(pid) = dir
            .to_str()
            .and_then(|path| path.strip_prefix(DIR_PREFIX))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if Path::new(&format!("/proc/{pid}")).exists() {
            continue; // its xtask still runs (or the pid was reused): leave it
        }
        say!("removing a stale PostgreSQL left in {}", dir.display());
        // Dropping a guard for it stops the server and deletes the directory.
        drop(TempPostgres {
            bin: bin.to_path_buf(),
            dir,
            port: 0,
            as_postgres_user,
        });
    }
}

/// A port nobody listens on right now: the kernel picks one for a listener
/// we drop at once. (Another process could take it before PostgreSQL does;
/// on a test machine that race is rare enough.)
fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0 to find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// `cargo xtask pg-check`: start the throwaway server, query it, stop it.
pub fn check() -> Result<()> {
    let server = TempPostgres::start()?;
    cmd::run(Command::new(server.bin().join("psql")).args([
        "-h",
        "127.0.0.1",
        "-p",
        &server.port().to_string(),
        "-U",
        "postgres",
        "-c",
        "select 1",
    ]))?;
    say!("PostgreSQL check ok ({})", server.url());
    drop(server);
    Ok(())
}
