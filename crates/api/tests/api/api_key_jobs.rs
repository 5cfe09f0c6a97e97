//! API keys that can do an integrator's job: create returns (once per idempotency key),
//! ask what an order can return, export the queue as CSV; scoped, revocable, rate-limited,
//! and never across shops.

use crate::helpers::portal::{OrderSpec, PLAIN, portal_order, portal_returns, return_reasons};
use crate::helpers::{Account, TestApp, assert_problem, spawn_app, spawn_app_with};
use crate::queue_scale::insert_history;
use rebound_api::db::entities::{api_key, order};
use reqwest::{Response, StatusCode};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A new key of `shop` with `scopes`: (id, secret).
async fn key(app: &TestApp, shop: &Account, name: &str, scopes: &[&str]) -> (String, String) {
    let created = app
        .post(
            "/api/v1/api-keys",
            Some(&shop.token),
            &json!({"name": name, "scopes": scopes}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    (
        created["key"]["id"].as_str().unwrap().to_owned(),
        created["secret"].as_str().unwrap().to_owned(),
    )
}

async fn create_return(app: &TestApp, token: &str, idempotency: &str, body: &Value) -> Response {
    app.client
        .post(app.url("/api/v1/returns"))
        .bearer_auth(token)
        .header("Idempotency-Key", idempotency)
        .json(body)
        .send()
        .await
        .unwrap()
}

fn shop_return(order_number: &str, item: &str, quantity: i32, reason: &str) -> Value {
    json!({"order_number": order_number,
        "items": [{"order_item_id": item, "quantity": quantity, "reason_id": reason}],
        "resolution": "refund", "method": "prepaid_label"})
}

#[tokio::test]
async fn a_returns_write_key_creates_one_return_per_idempotency_key() {
    let app = spawn_app().await;
    let shop = app.register("jobs").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let (_, writer) = key(&app, &shop, "Helpdesk sync", &["returns:write"]).await;
    let body = shop_return("7001", &o.item("A"), 1, &plain);

    let first = create_return(&app, &writer, "call-42", &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["status"], "pending_review");
    assert_eq!(first["order_number"], "7001");
    let again = create_return(&app, &writer, "call-42", &body).await;
    assert_eq!(again.status(), StatusCode::OK);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again, first);
    // The shopper sees the one return in the portal, like one they made themselves.
    let seen = portal_returns(&app, &o).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["id"], first["id"]);

    // The same key for another request is a conflict, not a second return.
    let other = shop_return("7001", &o.item("A"), 2, &plain);
    assert_problem(
        create_return(&app, &writer, "call-42", &other).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    // The portal's rules hold: one unit is left, so two more are refused naming the field.
    let too_many = assert_problem(
        create_return(&app, &writer, "call-43", &other).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(too_many["errors"][0]["field"], "items[0].quantity");

    // The audit log names the key for the return it made (and for its creation).
    let log: Vec<Value> = app
        .get("/api/v1/audit-log", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let made: Vec<&Value> = log.iter().filter(|e| e["area"] == "returns").collect();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["staff_name"], "API key “Helpdesk sync”");
    assert_eq!(made[0]["changes"][0]["to"], first["number"]);

    // Staff take a phoned-in return the same way, named in the return's history.
    let agent = app.add_staff(&shop, "agent@jobs.example", "agent").await;
    let phoned = create_return(
        &app,
        &agent.token,
        "phone-1",
        &shop_return("7001", &o.item("A"), 1, &plain),
    )
    .await;
    assert_eq!(phoned.status(), StatusCode::CREATED);
    let phoned: Value = phoned.json().await.unwrap();
    let detail: Value = app
        .get(
            &format!("/api/v1/returns/{}", phoned["id"].as_str().unwrap()),
            Some(&agent.token),
        )
        .await
        .json()
        .await
        .unwrap();
    let submitted = &detail["return"]["history"][0];
    assert_eq!(submitted["actor"], "staff");
    assert_eq!(
        submitted["staff_id"].as_str(),
        Some(agent.staff_id.as_str())
    );
    // The key's return names no staff member: the audit log names the key.
    let by_key: Value = app
        .get(
            &format!("/api/v1/returns/{}", first["id"].as_str().unwrap()),
            Some(&agent.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_key["return"]["history"][0]["actor"], "staff");
    assert_eq!(by_key["return"]["history"][0]["staff_id"], Value::Null);
}

#[tokio::test]
async fn a_key_without_the_scope_is_refused_and_a_revoked_key_is_not_known() {
    let app = spawn_app().await;
    let shop = app.register("jobs-scope").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let body = shop_return("7001", &o.item("A"), 1, &plain);
    let (_, reader) = key(&app, &shop, "Reports", &["returns:read", "orders:read"]).await;
    assert_problem(
        create_return(&app, &reader, "k-1", &body).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // A read key reads: the queue, an order and what it can return.
    assert_eq!(
        app.get("/api/v1/returns", Some(&reader)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/orders/7001", Some(&reader)).await.status(),
        StatusCode::OK
    );
    // ... and writes nothing, orders included.
    let (_, pusher) = key(&app, &shop, "Pusher", &["orders:write"]).await;
    assert_problem(
        app.get("/api/v1/orders/7001", Some(&pusher)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let (id, writer) = key(&app, &shop, "Writer", &["returns:write"]).await;
    let revoked = app
        .client
        .delete(app.url(&format!("/api/v1/api-keys/{id}")))
        .bearer_auth(&shop.token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert_problem(
        create_return(&app, &writer, "k-2", &body).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    assert!(portal_returns(&app, &o).await.is_empty());
}

#[tokio::test]
async fn returnable_says_how_many_and_why_not() {
    let app = spawn_app().await;
    let shop = app.register("jobs-returnable").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let late = OrderSpec {
        number: "7002",
        delivered_days_ago: Some(31),
        ..PLAIN
    };
    portal_order(&app, &shop, &late).await;
    let (_, writer) = key(&app, &shop, "Writer", &["returns:write"]).await;
    let made = create_return(
        &app,
        &writer,
        "all-of-a",
        &shop_return("7001", &o.item("A"), 2, &plain),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);

    let (_, reader) = key(&app, &shop, "Reader", &["returns:read"]).await;
    let why_not = |options: &Value| -> HashMap<String, (i64, Value)> {
        options["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["sku"].as_str().unwrap().to_owned(),
                    (
                        i["returnable_quantity"].as_i64().unwrap(),
                        i["why_not"].clone(),
                    ),
                )
            })
            .collect()
    };
    let options: Value = app
        .get("/api/v1/orders/7001/returnable", Some(&reader))
        .await
        .json()
        .await
        .unwrap();
    let items = why_not(&options);
    assert_eq!(items["A"], (0, json!("all_returned")));
    assert_eq!(items["B"], (0, json!("not_returnable")));
    assert_eq!(options["resolutions"][0], "refund");
    assert!(!options["reasons"].as_array().unwrap().is_empty());

    // The writer may ask too (it is part of making a return), staff as well.
    let late: Value = app
        .get("/api/v1/orders/7002/returnable", Some(&writer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(why_not(&late)["A"], (0, json!("window_closed")));
    assert_problem(
        app.get("/api/v1/orders/NOPE/returnable", Some(&shop.token))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let (_, settings) = key(&app, &shop, "Settings", &["settings:read"]).await;
    assert_problem(
        app.get("/api/v1/orders/7001/returnable", Some(&settings))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_key_past_its_rate_limit_waits_and_nobody_else_does() {
    let app = spawn_app_with(|c| c.api_key_requests_per_minute = 3).await;
    let shop = app.register("jobs-rate").await;
    let (_, busy) = key(&app, &shop, "Busy", &["returns:read"]).await;
    let (_, quiet) = key(&app, &shop, "Quiet", &["returns:read"]).await;
    for _ in 0..3 {
        assert_eq!(
            app.get("/api/v1/returns", Some(&busy)).await.status(),
            StatusCode::OK
        );
    }
    let refused = app.get("/api/v1/returns", Some(&busy)).await;
    let wait: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(
        app.get("/api/v1/returns", Some(&quiet)).await.status(),
        StatusCode::OK
    );
    // People signed in are not counted against any key.
    for _ in 0..5 {
        assert_eq!(
            app.get("/api/v1/returns", Some(&shop.token)).await.status(),
            StatusCode::OK
        );
    }
    // What reads no caller is not the key's request, even with the key in the header: it is
    // neither refused nor counted (found by the contract run with a key).
    for _ in 0..5 {
        assert_eq!(
            app.get("/healthz", Some(&busy)).await.status(),
            StatusCode::OK
        );
        assert_eq!(
            app.get("/api/v1/portal/jobs-rate", Some(&busy))
                .await
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn only_what_reads_the_caller_counts_against_a_key() {
    let app = spawn_app_with(|c| c.api_key_requests_per_minute = 3).await;
    let shop = app.register("jobs-rate-public").await;
    let (_, key_secret) = key(&app, &shop, "Public", &["returns:read"]).await;
    for _ in 0..10 {
        assert_eq!(
            app.get("/healthz", Some(&key_secret)).await.status(),
            StatusCode::OK
        );
    }
    // The key's three requests of the minute are all still there.
    for _ in 0..3 {
        assert_eq!(
            app.get("/api/v1/returns", Some(&key_secret)).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        app.get("/api/v1/returns", Some(&key_secret)).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

async fn export(app: &TestApp, token: &str, query: &str) -> (StatusCode, String) {
    let response = app
        .get(&format!("/api/v1/returns/export.csv{query}"), Some(token))
        .await;
    let status = response.status();
    if status == StatusCode::OK {
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
    }
    (status, response.text().await.unwrap())
}

fn records(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn the_csv_export_has_every_row_once_and_defuses_formulas() {
    const ROWS: usize = 1_234;
    let app = spawn_app().await;
    let shop = app.register("jobs-export").await;
    let merchant = shop.merchant_id.parse().unwrap();
    insert_history(&app.db, merchant, ROWS).await;
    // A shopper named like a formula, as a hostile or careless shop system could send.
    order::Entity::update_many()
        .col_expr(
            order::Column::CustomerName,
            Expr::value("=HYPERLINK(\"http://evil.example\",\"x\")"),
        )
        .filter(order::Column::Number.eq("#100007"))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, reader) = key(&app, &shop, "Warehouse", &["returns:read"]).await;

    let (status, text) = export(&app, &reader, "").await;
    assert_eq!(status, StatusCode::OK);
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("return_number,status,order_number,customer_name,email"));
    let rows = records(&text);
    assert_eq!(rows.len(), ROWS);
    let mut numbers: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), ROWS, "every return exactly once");
    let hostile = rows.iter().find(|r| &r[2] == "#100007").unwrap();
    assert_eq!(&hostile[3], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert!(rows.iter().all(|r| !r[3].starts_with('=')));

    // The queue's filters apply: the same rows as the queue's own counts.
    let page: Value = app
        .get("/api/v1/returns?status=received", Some(&reader))
        .await
        .json()
        .await
        .unwrap();
    let received = page["counts_per_status"]["received"].as_u64().unwrap();
    let (_, text) = export(&app, &reader, "?status=received").await;
    let rows = records(&text);
    assert_eq!(rows.len() as u64, received);
    assert!(rows.iter().all(|r| &r[1] == "received"));

    let (_, writer) = key(&app, &shop, "Writer", &["returns:write"]).await;
    let (status, _) = export(&app, &writer, "").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = export(&app, &shop.token, "?status=nonsense").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_key_of_one_shop_never_reaches_another_shops_orders() {
    let app = spawn_app().await;
    let a = app.register("jobs-a").await;
    let b = app.register("jobs-b").await;
    let o = portal_order(&app, &a, &PLAIN).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let (_, b_key) = key(&app, &b, "B's sync", &["returns:write", "returns:read"]).await;
    assert_problem(
        app.get("/api/v1/orders/7001/returnable", Some(&b_key))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_problem(
        create_return(
            &app,
            &b_key,
            "cross",
            &shop_return("7001", &o.item("A"), 1, &plain),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(portal_returns(&app, &o).await.is_empty());
    let (a_key_id, a_key) = key(&app, &a, "A's sync", &["returns:write"]).await;
    let made = create_return(
        &app,
        &a_key,
        "own",
        &shop_return("7001", &o.item("A"), 1, &plain),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let (_, text) = export(&app, &b_key, "").await;
    assert_eq!(records(&text).len(), 0);
    // B's owner cannot revoke A's key.
    let revoke = app
        .client
        .delete(app.url(&format!("/api/v1/api-keys/{a_key_id}")))
        .bearer_auth(&b.token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_key_made_before_the_split_keeps_what_it_could_do() {
    let app = spawn_app().await;
    let shop = app.register("jobs-old").await;
    let (id, old) = key(&app, &shop, "Old sync", &["settings:read"]).await;
    // As keys were stored before reads and writes were separate scopes.
    api_key::Entity::update_many()
        .col_expr(
            api_key::Column::Scopes,
            Expr::value(r#"["returns","settings_read"]"#),
        )
        .filter(api_key::Column::Id.eq(id.parse::<uuid::Uuid>().unwrap()))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/v1/returns", Some(&old)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/settings", Some(&old)).await.status(),
        StatusCode::OK
    );
    assert_problem(
        app.get("/api/v1/orders", Some(&old)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let listed: Vec<Value> = app
        .get("/api/v1/api-keys", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed[0]["scopes"],
        json!(["returns:read", "returns:write", "settings:read"])
    );
}
