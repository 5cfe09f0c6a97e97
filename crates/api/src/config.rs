//! Configuration from the environment, with defaults that run the product on one machine with
//! nothing else installed. Every variable is listed in the README.

use anyhow::Context;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

#[derive(Debug, Clone)]
pub struct Config {
    /// `REBOUND_BIND`, default `127.0.0.1:8080`.
    pub bind: String,
    /// `DATABASE_URL`, default an SQLite file `rebound.sqlite` in the data folder.
    pub database_url: String,
    /// `REBOUND_DATA_DIR`, default `./data`: the SQLite file, the JWT secret, uploads, mail.
    pub data_dir: PathBuf,
    /// `REBOUND_JWT_SECRET`; when absent one is generated once and kept in the data folder.
    pub jwt_secret: Option<String>,
    /// `REBOUND_WEB_DIST`: the built web app (Trunk's `dist/`). Without it only the API is served.
    pub web_dist: Option<PathBuf>,
    /// `REBOUND_DEMO=1`: load the demo merchant on first start.
    pub demo_data: bool,
    /// `REBOUND_PUBLIC_URL`: the address shoppers reach, used in links and printed at start.
    pub public_url: Option<String>,
    /// `REBOUND_DB_POOL`: maximum database connections (default 16).
    pub db_pool_size: u32,
    /// `REBOUND_LOG_JSON=1`: JSON log lines for log collectors.
    pub log_json: bool,
    /// `REBOUND_S3_BUCKET`: keep uploads in this S3-compatible bucket instead of the data
    /// folder (endpoint and credentials from the usual `AWS_*` variables).
    pub s3_bucket: Option<String>,
    /// `REBOUND_LOOKUPS_PER_MINUTE`: order lookups allowed per client address (default 20;
    /// half of it per order).
    pub lookups_per_minute: u32,
    /// `REBOUND_API_KEY_REQUESTS_PER_MINUTE`: requests one API key may make a minute (default
    /// 600, all at once if it likes); past it the answer is 429 with `Retry-After`.
    pub api_key_requests_per_minute: u32,
    /// `REBOUND_SMTP_URL`, e.g. `smtp://mail.example.com:587` or `smtps://user:pass@host`.
    /// Without it mails are written as `.eml` files in `<data>/mail` (and listed in the
    /// dashboard's "Sent mail").
    pub smtp_url: Option<String>,
    /// `REBOUND_MAIL_FROM`: the sender address (default `no-reply@rebound.localhost`); the
    /// shop's name is shown as the sender's name.
    pub mail_from: String,
    /// `REBOUND_OUTBOX_POLL_MS`: how often the mail worker looks for due mail (default 1000).
    pub outbox_poll_ms: u64,
    /// `REBOUND_OUTBOX_RETRY_MS`: first retry delay after a failed delivery, doubled each time
    /// up to an hour (default 30000).
    pub outbox_retry_ms: u64,
    /// `REBOUND_LEASE_MS`: how long an instance holds a mail, webhook delivery or background
    /// job it works on before another instance may take it over (default 60 s). It is also
    /// how soon work a crashed instance held is picked up again.
    pub lease_ms: u64,
    /// `REBOUND_WEBHOOKS_ALLOW_PRIVATE=1`: webhook endpoints may use `http` and loopback,
    /// private or link-local addresses (development and tests only; off by default).
    pub webhooks_allow_private: bool,
    /// `REBOUND_SIGNIN_BACKOFF_MS`: the first wait after five failed sign-ins in a row for one
    /// address (default 1000), doubled with each further failure up to 15 minutes.
    pub sign_in_backoff_ms: u64,
    /// Not from the environment: tests set it to count the SQL statements the server runs
    /// (a list endpoint must cost the same few whatever its page size).
    pub statement_counter: Option<Arc<AtomicU64>>,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let flag =
            |name: &str| var(name).is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        let number = |name: &str, default: u64| -> anyhow::Result<u64> {
            match var(name) {
                Some(v) => v
                    .parse()
                    .with_context(|| format!("{name} must be a number")),
                None => Ok(default),
            }
        };
        let data_dir = PathBuf::from(var("REBOUND_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| sqlite_url(&data_dir));
        let db_pool_size = match var("REBOUND_DB_POOL") {
            Some(v) => v.parse().context("REBOUND_DB_POOL must be a number")?,
            None => 16,
        };
        Ok(Config {
            bind: var("REBOUND_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_url,
            data_dir,
            jwt_secret: var("REBOUND_JWT_SECRET"),
            web_dist: var("REBOUND_WEB_DIST").map(PathBuf::from),
            demo_data: flag("REBOUND_DEMO"),
            public_url: var("REBOUND_PUBLIC_URL"),
            db_pool_size,
            log_json: flag("REBOUND_LOG_JSON"),
            s3_bucket: var("REBOUND_S3_BUCKET"),
            lookups_per_minute: match var("REBOUND_LOOKUPS_PER_MINUTE") {
                Some(v) => v
                    .parse()
                    .context("REBOUND_LOOKUPS_PER_MINUTE must be a number")?,
                None => 20,
            },
            api_key_requests_per_minute: u32::try_from(number(
                "REBOUND_API_KEY_REQUESTS_PER_MINUTE",
                600,
            )?)
            .context("REBOUND_API_KEY_REQUESTS_PER_MINUTE is too large")?,
            smtp_url: var("REBOUND_SMTP_URL"),
            mail_from: var("REBOUND_MAIL_FROM")
                .unwrap_or_else(|| "no-reply@rebound.localhost".into()),
            outbox_poll_ms: number("REBOUND_OUTBOX_POLL_MS", 1000)?,
            outbox_retry_ms: number("REBOUND_OUTBOX_RETRY_MS", 30_000)?,
            lease_ms: number("REBOUND_LEASE_MS", 60_000)?,
            webhooks_allow_private: flag("REBOUND_WEBHOOKS_ALLOW_PRIVATE"),
            sign_in_backoff_ms: number("REBOUND_SIGNIN_BACKOFF_MS", 1000)?,
            statement_counter: None,
        })
    }

    /// A config for tests: a fresh data folder, an ephemeral port, SQLite inside the folder.
    pub fn for_tests(data_dir: PathBuf) -> Config {
        Config {
            bind: "127.0.0.1:0".into(),
            database_url: sqlite_url(&data_dir),
            data_dir,
            jwt_secret: Some("test-secret-test-secret-test-secret".into()),
            web_dist: None,
            demo_data: false,
            public_url: None,
            db_pool_size: 16,
            log_json: false,
            s3_bucket: None,
            lookups_per_minute: 20,
            api_key_requests_per_minute: 600,
            smtp_url: None,
            mail_from: "no-reply@rebound.test".into(),
            outbox_poll_ms: 50,
            outbox_retry_ms: 200,
            lease_ms: 60_000,
            webhooks_allow_private: false,
            // A minute: a test sees the wait without racing it; tests of the wait's end set
            // their own.
            sign_in_backoff_ms: 60_000,
            statement_counter: None,
        }
    }
}

pub fn sqlite_url(data_dir: &std::path::Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("rebound.sqlite").display()
    )
}
