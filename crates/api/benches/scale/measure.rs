//! Times the returns queue and the analytics cards on a small and a big database for the typical and the large
//! merchant: the median of many sequential requests to the real server over HTTP, as the
//! dashboard sends them, and the status counts alone as the statement the service builds
//! (`queue_statements`, the same function `list_returns` calls), so every figure is what a
//! user gets and none comes from SQL written here.

use crate::{MEASURED, PASSWORD, start};
use rebound_api::routes::page::Limit;
use rebound_api::services::returns::queue_statements::{ReturnFilter, queue_statements};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use uuid::Uuid;

const RUNS: usize = 40;

/// What is timed, by name: a path under /api/v1, or (empty) the counts statement.
const CASES: [(&str, &str); 4] = [
    ("first queue page", "/returns"),
    (
        "filtered page (status + resolution)",
        "/returns?status=resolved&resolution=refund",
    ),
    ("search by email", "/returns?q=shopper30%40example.com"),
    ("status counts (the service's statement)", ""),
];

/// The analytics cards over the last 90 days, one request each, as the dashboard asks them.
const CARDS: [&str; 5] = ["return-rate", "reasons", "resolutions", "speed", "shoppers"];

async fn median<F, Fut>(mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..5 {
        f().await;
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        f().await;
        times.push(t.elapsed());
    }
    times.sort();
    times[RUNS / 2]
}

/// The counts a first page of the queue runs for `merchant`.
async fn counts(db: &DatabaseConnection, merchant: Uuid) {
    let filter = ReturnFilter {
        status: None,
        reason_id: None,
        resolution: None,
        defective: None,
        from: None,
        to: None,
        q: None,
        cursor: None,
        limit: Limit::<25, 100>::default().get().unwrap(),
    };
    let statements = queue_statements(merchant, &filter).unwrap();
    db.query_one(&statements.counts).await.unwrap().unwrap();
}

/// Medians per (merchant, case) on one database.
async fn times(url: &str, dir: &std::path::Path) -> Vec<Vec<Duration>> {
    let (base, db) = start(url, dir).await;
    let client = reqwest::Client::new();
    let mut out = Vec::new();
    for slug in MEASURED {
        let session: Value = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"email": format!("owner@{slug}.example"), "password": PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = session["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("{session}"))
            .to_owned();
        let merchant: Uuid = session["merchant"]["id"].as_str().unwrap().parse().unwrap();
        let mut row = Vec::new();
        for (_, path) in CASES {
            let time = if path.is_empty() {
                median(|| counts(&db, merchant)).await
            } else {
                let url = format!("{base}/api/v1{path}");
                median(|| async {
                    let r = client.get(&url).bearer_auth(&token).send().await.unwrap();
                    assert!(r.status().is_success(), "{url}: {}", r.status());
                    let page: Value = r.json().await.unwrap();
                    // A search that finds nothing would time nothing.
                    assert!(!page["returns"].as_array().unwrap().is_empty(), "{url}");
                })
                .await
            };
            row.push(time);
        }
        let today = chrono::Utc::now().date_naive();
        let from = today - chrono::Duration::days(89);
        for card in CARDS {
            let url = format!("{base}/api/v1/analytics/{card}?from={from}&to={today}");
            row.push(
                median(|| async {
                    let r = client.get(&url).bearer_auth(&token).send().await.unwrap();
                    assert!(r.status().is_success(), "{url}: {}", r.status());
                    r.bytes().await.unwrap();
                })
                .await,
            );
        }
        out.push(row);
    }
    out
}

/// "SQLite" or "PostgreSQL", from the URL's scheme.
fn database(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

pub async fn compare(small: &str, big: &str, dir: &std::path::Path) {
    let small_times = times(small, &dir.join("small")).await;
    let big_times = times(big, &dir.join("big")).await;
    let db = database(big);
    println!("| database | merchant | what | small DB (ms) | big DB (ms) | ratio |");
    println!("|---|---|---|---:|---:|---:|");
    for (m, slug) in MEASURED.iter().enumerate() {
        let names = CASES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .chain(CARDS.iter().map(|c| format!("analytics: {c} (90 days)")));
        for (c, name) in names.enumerate() {
            let (s, b) = (small_times[m][c], big_times[m][c]);
            println!(
                "| {db} | {slug} | {name} | {:.2} | {:.2} | {:.2} |",
                s.as_secs_f64() * 1e3,
                b.as_secs_f64() * 1e3,
                b.as_secs_f64() / s.as_secs_f64()
            );
        }
    }
}
