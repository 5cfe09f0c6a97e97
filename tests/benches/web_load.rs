//! Time to the first form a visitor can use, in headless Chromium on a throttled phone
//! profile: Chrome DevTools' "Fast 3G" network (1.6 Mbps down, 750 kbps up, 150 ms RTT, as
//! DevTools applies them: ×0.9 throughput, ×3.75 latency) and a 4× CPU slowdown. Each load
//! starts with an empty cache, like a shopper opening a shop's link for the first time, and
//! is timed from navigation start to the form being in the page (Leptos attaches a form's
//! handlers as it renders it, so the form is usable from then on).
//!
//! Two documents, measured in the same run: a shop's portal (`/{slug}`, the lookup form) and
//! the dashboard's sign-in (`/dashboard/login`), whose bundle is the baseline: it carries what
//! every page loaded before the split. Prints the median, the spread, and the bytes of wasm
//! that went over the wire.
//!
//! Run with `cargo xtask bench` (`--quick`: fewer loads). It drives chromedriver over its
//! plain WebDriver HTTP interface (`goog/cdp/execute` for the DevTools commands). The server
//! is the test build, not a release one: on this profile the network and the browser's CPU
//! are what a visitor waits for, not the few milliseconds the server takes.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use rebound_e2e::{DEMO_SLUG, web_dist};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// DevTools' "Fast 3G" preset, in its own units (bytes per second, milliseconds).
const DOWNLOAD_BYTES_PER_S: f64 = 1.6 * 1000.0 * 1000.0 / 8.0 * 0.9;
const UPLOAD_BYTES_PER_S: f64 = 750.0 * 1000.0 / 8.0 * 0.9;
const LATENCY_MS: f64 = 150.0 * 3.75;
/// DevTools' "4× slowdown" (its mid-tier mobile profile).
const CPU_SLOWDOWN: u32 = 4;

/// Records when the first usable form appears: the portal's lookup (`#order`) or the
/// dashboard's sign-in (`#email`). `performance.now()` counts from navigation start.
const WATCH_FORM: &str = "
    new MutationObserver((_, observer) => {
        if (document.querySelector('form #order, form #email')) {
            window.__reboundFormAt = performance.now();
            observer.disconnect();
        }
    }).observe(document, { childList: true, subtree: true });";

/// The wasm bytes received for this document (compressed, as sent).
const WASM_BYTES: &str = "
    return performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('.wasm'))
        .reduce((sum, e) => sum + e.transferSize, 0);";

struct Page {
    name: &'static str,
    path: String,
}

struct Timing {
    ms: Vec<f64>,
    wasm_bytes: u64,
}

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let loads = if quick { 3 } else { 9 };

    let dir = tempfile::tempdir().unwrap();
    let mut config = rebound_api::config::Config::for_tests(dir.path().to_path_buf());
    config.web_dist = Some(web_dist());
    config.demo_data = true;
    let app = rebound_api::startup::Application::build(config)
        .await
        .unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let driver = Driver::start().await;
    driver.cdp("Network.enable", json!({})).await;
    driver
        .cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
    driver
        .cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": LATENCY_MS,
                "downloadThroughput": DOWNLOAD_BYTES_PER_S,
                "uploadThroughput": UPLOAD_BYTES_PER_S,
            }),
        )
        .await;
    driver
        .cdp(
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": CPU_SLOWDOWN }),
        )
        .await;
    driver
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": WATCH_FORM }),
        )
        .await;

    let pages = [
        Page {
            name: "portal: lookup form (/{slug})",
            path: format!("/{DEMO_SLUG}"),
        },
        Page {
            name: "dashboard: sign-in form (baseline)",
            path: "/dashboard/login".into(),
        },
    ];
    let mut timings: Vec<Timing> = pages
        .iter()
        .map(|_| Timing {
            ms: Vec::new(),
            wasm_bytes: 0,
        })
        .collect();
    eprintln!(
        "{loads} cold loads per page, Fast 3G and {CPU_SLOWDOWN}x CPU slowdown, alternating ..."
    );
    // Alternating the two pages spreads any drift of the machine's load over both.
    for _ in 0..loads {
        for (page, timing) in pages.iter().zip(timings.iter_mut()) {
            let (ms, bytes) = driver.time_form(&format!("{base}{}", page.path)).await;
            timing.ms.push(ms);
            timing.wasm_bytes = bytes;
        }
    }
    driver.quit().await;

    let baseline = median(&timings[1].ms);
    println!("| page | loads | median ms | min ms | max ms | wasm over the wire | vs baseline |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (page, timing) in pages.iter().zip(&timings) {
        let mid = median(&timing.ms);
        let min = timing.ms.iter().copied().fold(f64::INFINITY, f64::min);
        let max = timing.ms.iter().copied().fold(0.0, f64::max);
        println!(
            "| {} | {} | {mid:.0} | {min:.0} | {max:.0} | {:.1} KB | {:.2} |",
            page.name,
            timing.ms.len(),
            timing.wasm_bytes as f64 / 1000.0,
            mid / baseline
        );
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// A chromedriver process and one headless Chromium session, spoken to over plain HTTP.
struct Driver {
    child: Child,
    http: reqwest::Client,
    session: String,
}

impl Driver {
    async fn start() -> Driver {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chrome = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap();
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver} (set CHROMEDRIVER): {e}"));
        let http = reqwest::Client::new();
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chrome,
                // A phone-sized window: the portal is laid out for it.
                "args": ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-background-networking", "--disable-dev-shm-usage",
                         "--window-size=412,915", "--lang=en-US"],
            }
        }}});
        let started = Instant::now();
        let session = loop {
            let answer = http
                .post(format!("http://127.0.0.1:{port}/session"))
                .json(&capabilities)
                .send()
                .await;
            match answer {
                Ok(response) => {
                    let body: Value = response.json().await.unwrap();
                    match body["value"]["sessionId"].as_str() {
                        Some(id) => break id.to_owned(),
                        None => panic!("chromedriver refused the session: {body}"),
                    }
                }
                Err(_) if started.elapsed() < Duration::from_secs(15) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("chromedriver did not answer: {e}"),
            }
        };
        let session = format!("http://127.0.0.1:{port}/session/{session}");
        Driver {
            child,
            http,
            session,
        }
    }

    async fn command(&self, path: &str, body: Value) -> Value {
        let response: Value = self
            .http
            .post(format!("{}/{path}", self.session))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if response["value"]["error"].is_string() {
            panic!("{path} failed: {response}");
        }
        response["value"].clone()
    }

    async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.command("goog/cdp/execute", json!({ "cmd": cmd, "params": params }))
            .await
    }

    async fn script(&self, script: &str) -> Value {
        self.command("execute/sync", json!({ "script": script, "args": [] }))
            .await
    }

    /// Loads `url` from a blank page and returns the form's time (ms from navigation start)
    /// and the wasm bytes transferred.
    async fn time_form(&self, url: &str) -> (f64, u64) {
        self.command("url", json!({ "url": "about:blank" })).await;
        self.command("url", json!({ "url": url })).await;
        let started = Instant::now();
        loop {
            let at = self.script("return window.__reboundFormAt ?? null;").await;
            if let Some(ms) = at.as_f64() {
                let bytes = self.script(WASM_BYTES).await.as_u64().unwrap_or(0);
                return (ms, bytes);
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "no form at {url} after two minutes"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn quit(mut self) {
        let _ = self.http.delete(&self.session).send().await;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
