//! End-to-end HTTP throughput of the main read and write paths, against the real server on
//! SQLite with the demo data. Figures are reported as ratios to `/healthz` measured in the same
//! run (a request that touches no database), so they compare across machines.
//!
//! Run with `cargo xtask bench` (or `cargo bench -p rebound-api --bench http`).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use rebound_api::config::Config;
use rebound_api::demo;
use rebound_api::startup::Application;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const CONCURRENCY: usize = 16;
const RUN_FOR: Duration = Duration::from_secs(3);

struct Target {
    name: &'static str,
    method: &'static str,
    path: String,
    body: Option<Value>,
    token: bool,
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_tests(dir.path().to_path_buf());
    config.demo_data = true;
    let app = Application::build(config).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let session: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": demo::DEMO_EMAIL, "password": demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["access_token"].as_str().unwrap().to_owned();
    let settings: Value = client
        .get(format!("{base}/api/v1/settings"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let targets = [
        Target {
            name: "GET /healthz (baseline)",
            method: "GET",
            path: "/healthz".into(),
            body: None,
            token: false,
        },
        Target {
            name: "GET /api/v1/portal/{slug}",
            method: "GET",
            path: format!("/api/v1/portal/{}", demo::DEMO_SLUG),
            body: None,
            token: false,
        },
        Target {
            name: "GET /api/v1/me",
            method: "GET",
            path: "/api/v1/me".into(),
            body: None,
            token: true,
        },
        Target {
            name: "GET /api/v1/settings",
            method: "GET",
            path: "/api/v1/settings".into(),
            body: None,
            token: true,
        },
        Target {
            name: "GET /api/v1/orders (first page of 25)",
            method: "GET",
            path: "/api/v1/orders".into(),
            body: None,
            token: true,
        },
        Target {
            name: "GET /api/v1/returns (queue page with counts)",
            method: "GET",
            path: "/api/v1/returns".into(),
            body: None,
            token: true,
        },
        Target {
            name: "PUT /api/v1/settings/returns (write txn)",
            method: "PUT",
            path: "/api/v1/settings/returns".into(),
            body: Some(settings["returns"].clone()),
            token: true,
        },
    ];

    println!("| endpoint | req/s | p50 ms | p99 ms | ratio to baseline |");
    println!("|---|---:|---:|---:|---:|");
    let mut baseline = None;
    for target in &targets {
        let (rps, p50, p99) = measure(&client, &base, target, &token).await;
        let base_rps = *baseline.get_or_insert(rps);
        println!(
            "| {} | {rps:.0} | {p50:.2} | {p99:.2} | {:.2} |",
            target.name,
            rps / base_rps
        );
    }
}

async fn measure(
    client: &reqwest::Client,
    base: &str,
    target: &Target,
    token: &str,
) -> (f64, f64, f64) {
    // Warm up connections and caches.
    for _ in 0..20 {
        send(client, base, target, token).await;
    }
    let start = Instant::now();
    let workers = (0..CONCURRENCY).map(|_| async {
        let mut latencies = Vec::new();
        while start.elapsed() < RUN_FOR {
            let t = Instant::now();
            send(client, base, target, token).await;
            latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        latencies
    });
    let mut all: Vec<f64> = futures_util::future::join_all(workers)
        .await
        .into_iter()
        .flatten()
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    (all.len() as f64 / elapsed, pct(0.5), pct(0.99))
}

async fn send(client: &reqwest::Client, base: &str, target: &Target, token: &str) {
    let url = format!("{base}{}", target.path);
    let mut req = match target.method {
        "PUT" => client.put(url),
        _ => client.get(url),
    };
    if target.token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = &target.body {
        req = req.json(body);
    }
    let response = req.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{} {}",
        target.name,
        response.status()
    );
    let _ = response.bytes().await;
}
