//! Throughput and latency of the paths people wait on, against the real server (bench
//! profile, SQLite, demo data), driven by wrk from another process. Each figure is a ratio to
//! a bare actix-web JSON handler measured in the same run and the same process (see
//! `baseline.rs`), at 32 and 128 connections; return submission also runs with 8 shoppers.
//! The label row is different: PDF + QR renders per second on one core, in-process.
//!
//! Run with `cargo xtask bench` (`-- --quick` for a short run).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod baseline;
mod shop;
mod wrk;

use rebound_api::config::Config;
use rebound_api::demo;
use rebound_api::labels::{self, LabelContent, PrintedParty};
use rebound_api::startup::Application;
use shop::Shop;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use wrk::{Figures, Request};

/// Delivered orders opened in the portal for the shopper loads.
const POOL: usize = 200;

struct Load {
    name: &'static str,
    /// The base URL it is sent to (the baseline server or ours).
    base: String,
    requests: Vec<Request>,
    connections: &'static [usize],
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (duration, warm_up) = if quick {
        (Duration::from_secs(2), Duration::ZERO)
    } else {
        (Duration::from_secs(5), Duration::from_secs(1))
    };
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_tests(dir.path().to_path_buf());
    config.demo_data = true;
    // wrk comes from one address: the per-address lookup limit would refuse it at once.
    config.lookups_per_minute = u32::MAX / 2;
    let app = Application::build(config).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let bare = baseline::start();
    eprintln!("preparing {POOL} delivered orders in the portal ...");
    let shop = Shop::open(&base, POOL).await;

    // `--only TEXT`: the rows whose name holds TEXT (and the baseline), e.g. under a profiler.
    let args: Vec<String> = std::env::args().collect();
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    let loads: Vec<Load> = loads(&shop, &bare)
        .into_iter()
        .enumerate()
        .filter(|(row, load)| {
            *row == 0 || only.is_none_or(|only| load.name.contains(only.as_str()))
        })
        .map(|(_, load)| load)
        .collect();
    println!("| endpoint | connections | req/s | p50 ms | p99 ms | ratio to baseline |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut baseline_at: HashMap<usize, f64> = HashMap::new();
    for (row, load) in loads.iter().enumerate() {
        for &connections in load.connections {
            if !warm_up.is_zero() {
                let _ = wrk::run(&load.base, &load.requests, connections, warm_up);
            }
            let Figures {
                requests_per_second: rps,
                p50_ms,
                p99_ms,
            } = wrk::run(&load.base, &load.requests, connections, duration);
            // The baseline row comes first and runs at every connection count used below.
            let reference = if row == 0 {
                baseline_at.insert(connections, rps);
                rps
            } else {
                *baseline_at
                    .get(&connections)
                    .expect("the baseline ran at this connection count")
            };
            println!(
                "| {} | {connections} | {rps:.0} | {p50_ms:.2} | {p99_ms:.2} | {:.3} |",
                load.name,
                rps / reference
            );
        }
    }
    if only.is_some() {
        return;
    }
    let renders = label_renders_per_second(if quick { 1 } else { 3 });
    println!("| label PDF + QR, rendered on one core | 1 | {renders:.0} | | | |");
}

fn loads(shop: &Shop, bare: &str) -> Vec<Load> {
    let slug = demo::DEMO_SLUG;
    let base = shop.base.clone();
    let staff = |path: &str| vec![Request::get(path).bearer(&shop.staff_token)];
    let both: &'static [usize] = &[32, 128];
    vec![
        // First, so that every other row has its reference at each connection count.
        Load {
            name: "bare actix-web JSON handler (baseline)",
            base: bare.to_owned(),
            requests: vec![Request::get("/")],
            // Every count a row below uses, or that row would be its own reference.
            connections: &[8, 32, 128],
        },
        Load {
            name: "GET /healthz (all middlewares, no database)",
            base: base.clone(),
            requests: vec![Request::get("/healthz")],
            connections: both,
        },
        Load {
            name: "GET /api/v1/portal/{slug} (portal configuration)",
            base: base.clone(),
            requests: vec![Request::get(format!("/api/v1/portal/{slug}"))],
            connections: both,
        },
        Load {
            name: "GET /api/v1/portal/{slug}/order (tracking view)",
            base: base.clone(),
            requests: shop
                .orders
                .iter()
                .map(|o| Request::get(format!("/api/v1/portal/{slug}/order")).bearer(&o.token))
                .collect(),
            connections: both,
        },
        Load {
            name: "POST /api/v1/portal/{slug}/lookup (shopper lookup)",
            base: base.clone(),
            requests: shop
                .orders
                .iter()
                .map(|o| {
                    Request::json(
                        "POST",
                        format!("/api/v1/portal/{slug}/lookup"),
                        &serde_json::json!({"order": o.number, "contact": o.email}),
                    )
                })
                .collect(),
            connections: both,
        },
        Load {
            name: "GET /api/v1/orders (first page of 25)",
            base: base.clone(),
            requests: staff("/api/v1/orders"),
            connections: both,
        },
        Load {
            name: "GET /api/v1/returns (queue page with counts)",
            base: base.clone(),
            requests: staff("/api/v1/returns"),
            connections: both,
        },
        Load {
            name: "PUT /api/v1/settings/returns (settings write)",
            base: base.clone(),
            // The window alternates by a day, so that every write changes the row and is
            // audited, as a merchant's save is (the same body twice would change nothing).
            requests: [0, 1]
                .into_iter()
                .map(|shorter| {
                    let mut body = shop.returns_settings.clone();
                    let days = body["return_window_days"].as_u64().unwrap_or(30);
                    body["return_window_days"] = (days - shorter).into();
                    Request::json("PUT", "/api/v1/settings/returns", &body)
                        .bearer(&shop.staff_token)
                })
                .collect(),
            connections: both,
        },
        Load {
            name: "POST /api/v1/portal/{slug}/order/returns (return of 3 items)",
            base,
            requests: shop
                .orders
                .iter()
                .map(|o| {
                    Request::json(
                        "POST",
                        format!("/api/v1/portal/{slug}/order/returns"),
                        &o.return_body,
                    )
                    .bearer(&o.token)
                    .header("Idempotency-Key", "bench-{seq}")
                })
                .collect(),
            connections: &[8, 32],
        },
    ]
}

/// Label PDFs with their QR code rendered back to back on one thread for `seconds`.
fn label_renders_per_second(seconds: u64) -> f64 {
    let party = |name: &str| PrintedParty {
        name: name.to_owned(),
        lines: vec![
            "1 Main St".into(),
            "Toronto ON M5V 2T6".into(),
            "Canada".into(),
        ],
    };
    let content = LabelContent {
        shop_name: demo::DEMO_COMPANY.into(),
        carrier_name: "Canada Post".into(),
        service_name: "Regular Parcel".into(),
        from: party("Bench Shopper"),
        to: party(demo::DEMO_COMPANY),
        return_number: "R-000001".into(),
        tracking_number: "7023 4455 6677 8899".into(),
        weight_grams: 1200,
    };
    let start = Instant::now();
    let mut made = 0u64;
    while start.elapsed() < Duration::from_secs(seconds) {
        let pdf = labels::render_label(&content).unwrap();
        let qr = labels::qr_png(&labels::qr_payload(
            &content.return_number,
            &content.tracking_number,
        ))
        .unwrap();
        assert!(!pdf.is_empty() && !qr.is_empty());
        made += 1;
    }
    made as f64 / start.elapsed().as_secs_f64()
}
