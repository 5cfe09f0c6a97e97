//! The contract check: schemathesis (pinned, in `.tools/venv`) drives the real server from
//! its own `/api/openapi.json`, with every check on, as the owner of the demo shop for staff
//! operations and as a shopper who looked up a demo order for the portal's. Any response the
//! document does not promise (a status, a body, a header) or any 5xx fails the run, so a
//! client generated from the document is never surprised.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cmd::{self, say};

/// The schemathesis release the checks are written for; bumped on purpose, never floating.
const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The demo shop's owner and one of its orders (crates/api/src/demo.rs).
const DEMO_LOGIN: &str = r#"{"email":"owner@maple.example","password":"rebound-demo-2026"}"#;
const DEMO_LOOKUP: &str = r#"{"order":"MC-1001","contact":"olivia@example.com"}"#;
const DEMO_SLUG: &str = "maple";
const API_KEY_BODY: &str = r#"{"name":"contract","scopes":["orders:read","orders:write","returns:read","returns:write","webhooks:manage","settings:read"]}"#;

/// How hard to push: the short run guards every `cargo xtask test`, `fuzz-api` digs.
#[derive(Debug, Clone, Copy)]
pub enum Depth {
    /// A few examples per operation: a couple of minutes on two cores.
    Short,
    /// Many examples per operation and the stateful phase's longer chains.
    Long,
}

impl Depth {
    fn max_examples(self) -> &'static str {
        match self {
            Depth::Short => "8",
            Depth::Long => "200",
        }
    }
}

pub fn run(root: &Path, depth: Depth) -> Result<()> {
    let st = install(root)?;
    let server = Server::start(root)?;
    let staff = token(server.port, "/api/v1/auth/login", DEMO_LOGIN)?;
    let shopper = token(
        server.port,
        &format!("/api/v1/portal/{DEMO_SLUG}/lookup"),
        DEMO_LOOKUP,
    )?;
    let key = api_key(server.port, &staff)?;
    // The staff pass, then the API key's in the staff token's place (the shopper's token
    // stays on the portal's operations): every operation as each caller.
    let passes = [
        ("the demo owner", staff),
        ("an API key with every scope", key),
    ];
    for (caller, credential) in passes {
        say!("contract as {caller}");
        let result = pass(root, &st, &server, depth, &credential, &shopper);
        if result.is_err() {
            say!("server log: {}", server.log.display());
        }
        result?;
    }
    Ok(())
}

/// One schemathesis run with `staff` for the staff operations.
fn pass(
    root: &Path,
    st: &Path,
    server: &Server,
    depth: Depth,
    staff: &str,
    shopper: &str,
) -> Result<()> {
    let dir = root.join("tests/schemathesis");
    let mut command = Command::new(st);
    command
        .arg("--config-file")
        .arg(dir.join("schemathesis.toml"))
        .args([
            "run",
            &format!("http://127.0.0.1:{}/api/openapi.json", server.port),
        ])
        // Every check, "a request the document allows is accepted" included; the few rules a
        // schema cannot carry are listed per operation in tests/schemathesis/schemathesis.toml.
        .args(["--checks", "all", "--max-examples", depth.max_examples()])
        // Reproducible in CI: the same inputs every run; `fuzz-api` explores instead.
        .args(match depth {
            Depth::Short => &["--generation-deterministic"][..],
            Depth::Long => &[][..],
        })
        .env("STAFF_TOKEN", staff)
        .env("SHOPPER_TOKEN", shopper)
        .current_dir(root);
    cmd::run(&mut command)
}

/// `.tools/venv/bin/st` at SCHEMATHESIS_VERSION, made and installed only when it is not.
fn install(root: &Path) -> Result<PathBuf> {
    let venv = root.join(".tools/venv");
    let st = venv.join("bin/st");
    let reported = cmd::probe(Command::new(&st).arg("--version")).unwrap_or_default();
    if reported
        .split_whitespace()
        .any(|word| word == SCHEMATHESIS_VERSION)
    {
        say!("schemathesis {SCHEMATHESIS_VERSION} present");
        return Ok(st);
    }
    if !venv.join("bin/python").exists() {
        say!("creating a Python virtualenv in {} ...", venv.display());
        cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    say!(
        "installing schemathesis {SCHEMATHESIS_VERSION} into {} ...",
        venv.display()
    );
    cmd::run(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}")),
    )?;
    Ok(st)
}

/// The real server (a dev build: the API tests have just compiled it) on a free port with a
/// fresh SQLite data folder and the demo shop; stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn start(root: &Path) -> Result<Server> {
        // Built as the tests build it (same features, so nothing recompiles): `cargo test`
        // puts the server binary the API suite uses at target/debug/rebound.
        cmd::run(
            cmd::workspace_tests()?
                .args(["--test", "api", "--no-run"])
                .current_dir(root),
        )?;
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let binary = target.join("debug/rebound");
        let data = target.join("schemathesis");
        if data.exists() {
            std::fs::remove_dir_all(&data)
                .with_context(|| format!("removing {}", data.display()))?;
        }
        std::fs::create_dir_all(&data).with_context(|| format!("creating {}", data.display()))?;
        let log = data.join("server.log");
        let log_file =
            std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let port = free_port()?;
        let mut command = Command::new(&binary);
        command
            .env("REBOUND_BIND", format!("127.0.0.1:{port}"))
            .env("REBOUND_DATA_DIR", &data)
            .env("REBOUND_DEMO", "1")
            .env_remove("DATABASE_URL")
            .env_remove("REBOUND_WEB_DIST")
            // Thousands of generated lookups must meet the document, not the rate limit.
            .env("REBOUND_LOOKUPS_PER_MINUTE", "1000000")
            // ... and the key's thousands of requests, not its rate (tested by the API suite).
            .env("REBOUND_API_KEY_REQUESTS_PER_MINUTE", "1000000")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file);
        say!("$ {} (log: {})", cmd::describe(&command), log.display());
        let child = command
            .spawn()
            .with_context(|| format!("could not start {}", binary.display()))?;
        let server = Server { child, port, log };
        server.wait_ready()?;
        Ok(server)
    }

    fn wait_ready(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if http(self.port, "GET", "/readyz", None).is_ok_and(|(status, _)| status == 200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        bail!(
            "the server was not ready within a minute; see {}",
            self.log.display()
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now (the OS picks it; the server binds it right after).
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// POSTs `body` and returns the `access_token` of the answer.
fn token(port: u16, path: &str, body: &str) -> Result<String> {
    let (status, answer) = http(port, "POST", path, Some(body))?;
    if status != 200 {
        bail!("POST {path} answered {status}: {answer}");
    }
    string_field(&answer, "access_token", path)
}

/// An API key of the demo shop with every scope, made by its owner: the contract's third
/// caller, for whom every staff operation is either allowed by a scope or a documented 403.
fn api_key(port: u16, staff: &str) -> Result<String> {
    let path = "/api/v1/api-keys";
    let (status, answer) = http_as(port, "POST", path, Some(API_KEY_BODY), Some(staff))?;
    if status != 201 {
        bail!("POST {path} answered {status}: {answer}");
    }
    string_field(&answer, "secret", path)
}

/// The string `field` of a JSON answer. Tokens and keys are base64url, dots and underscores:
/// they never hold a quote, so no JSON parser is needed.
fn string_field(answer: &str, field: &str, path: &str) -> Result<String> {
    let key = format!(r#""{field}":""#);
    let start = answer
        .find(&key)
        .map(|at| at + key.len())
        .with_context(|| format!("no {field} in the answer to POST {path}: {answer}"))?;
    let length = answer[start..]
        .find('"')
        .with_context(|| format!("unterminated {field}"))?;
    Ok(answer[start..start + length].to_owned())
}

/// A one-shot HTTP/1.1 exchange: xtask keeps to std, and these three calls need no client.
fn http(port: u16, method: &str, path: &str, body: Option<&str>) -> Result<(u16, String)> {
    http_as(port, method, path, body, None)
}

/// [`http`] with `Authorization: Bearer {bearer}`.
fn http_as(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&str>,
    bearer: Option<&str>,
) -> Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let body = body.unwrap_or("");
    let authorization = bearer
        .map(|b| format!("Authorization: Bearer {b}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         {authorization}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .with_context(|| format!("not an HTTP answer: {answer}"))?;
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}
