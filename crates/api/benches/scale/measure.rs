//! Times the returns queue on a small and a big database for the typical and the large
//! merchant: the median of many sequential requests to the real server, and the capped
//! status counts as the one statement the server runs.

use crate::{MEASURED, PASSWORD, start};
use rebound_api::db::entities::return_request;
use rebound_shared::api::return_queue::QUEUE_COUNT_LIMIT;
use rebound_shared::domain::ReturnStatus;
use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Query, QueryStatementBuilder};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait,
};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use uuid::Uuid;

const RUNS: usize = 40;

/// What is timed, by name: a path under /api/v1, or the counts statement.
const CASES: [(&str, &str); 4] = [
    ("first queue page", "/returns"),
    (
        "filtered page (status + resolution)",
        "/returns?status=resolved&resolution=refund",
    ),
    ("search by email", "/returns?q=shopper30%40example.com"),
    ("status counts (the statement)", ""),
];

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

async fn counts(db: &DatabaseConnection, merchant: Uuid) {
    let mut counts = Query::select();
    for (i, status) in ReturnStatus::ALL.iter().enumerate() {
        let rows = return_request::Entity::find()
            .filter(return_request::Column::MerchantId.eq(merchant))
            .filter(return_request::Column::Status.eq(status.as_str()))
            .select_only()
            .expr(Expr::val(1))
            .limit(QUEUE_COUNT_LIMIT + 1)
            .into_query();
        let count = Query::select()
            .expr(Expr::col(Asterisk).count())
            .from_subquery(rows, format!("capped{i}"))
            .to_owned();
        counts.expr_as(
            Expr::SubQuery(None, Box::new(count.into_sub_query_statement())),
            format!("n{i}"),
        );
    }
    db.query_one(&counts).await.unwrap().unwrap();
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
                    r.bytes().await.unwrap();
                })
                .await
            };
            row.push(time);
        }
        out.push(row);
    }
    out
}

pub async fn compare(small: &str, big: &str, dir: &std::path::Path) {
    let small_times = times(small, &dir.join("small")).await;
    let big_times = times(big, &dir.join("big")).await;
    println!("| merchant | what | small DB (ms) | big DB (ms) | ratio |");
    println!("|---|---|---:|---:|---:|");
    for (m, slug) in MEASURED.iter().enumerate() {
        for (c, (name, _)) in CASES.iter().enumerate() {
            let (s, b) = (small_times[m][c], big_times[m][c]);
            println!(
                "| {slug} | {name} | {:.2} | {:.2} | {:.2} |",
                s.as_secs_f64() * 1e3,
                b.as_secs_f64() * 1e3,
                b.as_secs_f64() / s.as_secs_f64()
            );
        }
    }
}
