//! CSV import throughput: a generated 100,000-row file (40,000 orders, one row per line item)
//! uploaded and imported through the HTTP API against the real server on an SQLite file, then
//! imported again (every order found and unchanged). The baseline, measured in the same run,
//! is the obvious alternative: the same kind of orders sent one by one with
//! `PUT /orders/{number}`, for a 2,000-row sample; the ratio compares the two per row.
//!
//! Run with `cargo bench -p rebound-api --bench import`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use rebound_api::config::Config;
use rebound_api::startup::Application;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const ORDERS: usize = 40_000;
const SAMPLE_ROWS: usize = 2_000;

/// Rows per order cycle 2, 3 (2.5 on average), so 40,000 orders make 100,000 rows.
fn rows_of(order: usize) -> usize {
    2 + order % 2
}

fn file() -> (String, usize) {
    let mut out = String::from(
        "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price,Carrier,Tracking number\n",
    );
    let mut rows = 0;
    for o in 0..ORDERS {
        // One order in four has shipped.
        let (carrier, tracking) = if o % 4 == 0 {
            ("Canada Post", format!("7000{o:08}"))
        } else {
            ("", String::new())
        };
        for i in 0..rows_of(o) {
            rows += 1;
            out.push_str(&format!(
                "B{o},Customer {o},customer{o}@example.com,{o} Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:{:02},SKU-{i},Item {i},{},{}.99,{carrier},{tracking}\n",
                o % 60,
                1 + i,
                10 + i
            ));
        }
    }
    (out, rows)
}

fn order_body(o: usize) -> Value {
    let items: Vec<Value> = (0..rows_of(o))
        .map(|i| {
            json!({"sku": format!("SKU-{i}"), "title": format!("Item {i}"), "variant": null,
                "quantity": 1 + i, "unit_price_minor": (10 + i) * 100 + 99, "image_url": null,
                "parent_sku": null})
        })
        .collect();
    json!({
        "customer_name": format!("Customer {o}"), "email": format!("customer{o}@example.com"),
        "phone": null,
        "shipping_address": {"line1": format!("{o} Main St"), "line2": null, "city": "Toronto",
            "region": null, "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z", "items": items
    })
}

async fn register(client: &reqwest::Client, base: &str, slug: &str) -> String {
    let session: Value = client
        .post(format!("{base}/api/v1/merchants"))
        .json(
            &json!({"company_name": slug, "slug": slug, "owner_name": "Owner",
            "owner_email": format!("owner@{slug}.example"), "password": "correct horse battery"}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    session["access_token"].as_str().unwrap().to_owned()
}

/// Uploads and imports the file; returns (upload seconds, import seconds, finished view).
async fn import(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    body: &str,
) -> (f64, f64, Value) {
    let t = Instant::now();
    let view: Value = client
        .post(format!("{base}/api/v1/imports?file_name=bench.csv"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let upload = t.elapsed().as_secs_f64();
    let id = view["id"].as_str().unwrap().to_owned();
    let t = Instant::now();
    let started = client
        .post(format!("{base}/api/v1/imports/{id}/start"))
        .bearer_auth(token)
        .json(&json!({"mapping": view["suggested_mapping"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 202);
    loop {
        let view: Value = client
            .get(format!("{base}/api/v1/imports/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if view["status"] != "running" {
            assert_eq!(view["status"], "completed", "{view}");
            return (upload, t.elapsed().as_secs_f64(), view);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let app = Application::build(Config::for_tests(dir.path().to_path_buf()))
        .await
        .unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let (body, rows) = file();
    println!(
        "file: {rows} rows, {ORDERS} orders, {:.1} MB",
        body.len() as f64 / 1e6
    );

    // Baseline: one PUT per order, sequentially, for the first orders up to SAMPLE_ROWS rows.
    let baseline_token = register(&client, &base, "bench-baseline").await;
    let t = Instant::now();
    let (mut sample_rows, mut o) = (0, 0);
    while sample_rows < SAMPLE_ROWS {
        let response = client
            .put(format!("{base}/api/v1/orders/B{o}"))
            .bearer_auth(&baseline_token)
            .json(&order_body(o))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        sample_rows += rows_of(o);
        o += 1;
    }
    let baseline_secs = t.elapsed().as_secs_f64();
    let baseline_rps = sample_rows as f64 / baseline_secs;

    let token = register(&client, &base, "bench-import").await;
    let (upload, first, view) = import(&client, &base, &token, &body).await;
    assert_eq!(view["orders_created"], ORDERS);
    assert_eq!(view["rows_rejected"], 0);
    let (upload_again, again, view) = import(&client, &base, &token, &body).await;
    assert_eq!(view["orders_updated"], ORDERS);
    assert_eq!(view["orders_created"], 0);

    println!("| run | rows | seconds | rows/s | ratio to baseline |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| baseline: PUT /orders/{{number}} one by one | {sample_rows} | {baseline_secs:.2} | {baseline_rps:.0} | 1.00 |"
    );
    for (name, secs) in [
        ("CSV import, new orders (upload + import)", upload + first),
        (
            "CSV import again, all unchanged (upload + import)",
            upload_again + again,
        ),
    ] {
        let rps = rows as f64 / secs;
        println!(
            "| {name} | {rows} | {secs:.2} | {rps:.0} | {:.1} |",
            rps / baseline_rps
        );
    }
    println!("upload alone (read, decode, count, keep): {upload:.2} s");
}
