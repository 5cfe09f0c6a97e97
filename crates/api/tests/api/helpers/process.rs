//! The real `rebound` binary as a child process: what crash, restart and several-instance
//! tests run, where an in-process app cannot be killed or started twice.

use super::JWT_SECRET;
use reqwest::Client;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The server as a child process, killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server on `port` with its data in `dir` and `extra` settings on top of the
    /// test ones, and waits until it answers.
    pub async fn start(
        dir: &Path,
        database_url: &str,
        port: u16,
        smtp: &str,
        extra: &[(&str, &str)],
    ) -> Server {
        let log = std::fs::File::create(dir.join(format!("server-{}.log", now_ms())))
            .expect("server log");
        let child = Command::new(env!("CARGO_BIN_EXE_rebound"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("REBOUND_BIND", format!("127.0.0.1:{port}"))
            .env("REBOUND_DATA_DIR", dir)
            .env("DATABASE_URL", database_url)
            .env("REBOUND_JWT_SECRET", JWT_SECRET)
            .env("REBOUND_SMTP_URL", smtp)
            .env("REBOUND_OUTBOX_POLL_MS", "50")
            .env("REBOUND_OUTBOX_RETRY_MS", "200")
            // Work the killed server held is taken over this soon after the restart.
            .env("REBOUND_LEASE_MS", "1500")
            .env("REBOUND_LOOKUPS_PER_MINUTE", "100000")
            .env("RUST_LOG", "info")
            .envs(extra.iter().copied())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("the rebound binary starts");
        let server = Server { child };
        let client = Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let up = client
                .get(format!("http://127.0.0.1:{port}/healthz"))
                .send()
                .await;
            if up.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            assert!(Instant::now() < deadline, "the server did not come up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The process id, to read its memory from `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

pub fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Server {
    /// SIGTERM, then waits up to `within` for the process to exit; its exit status.
    pub async fn terminate(mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(sent.success());
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }
}

/// A [`TestApp`] for the server process listening on `port`, over the database at
/// `database_url` (`db` being a connection of the test's own to it), talking through `client`.
pub fn app_at(
    port: u16,
    db: &sea_orm::DatabaseConnection,
    database_url: &str,
    client: reqwest::ClientBuilder,
) -> crate::helpers::TestApp {
    crate::helpers::TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: client.build().expect("client"),
        db: db.clone(),
        database_url: database_url.to_owned(),
        _data_dir: tempfile::tempdir().expect("temp dir"),
    }
}
