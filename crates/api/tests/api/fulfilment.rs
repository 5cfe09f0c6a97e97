//! "Mark shipped" / "Mark delivered" without a carrier feed: one order and in bulk, forward
//! only, idempotent, audited, in the tracking timeline, within the caller's shop.

use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

async fn push_order(app: &TestApp, who: &Account, number: &str) {
    let body = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z",
        "items": [{"sku": "A", "title": "Shirt", "variant": null, "quantity": 1,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null}]
    });
    let response = app
        .client
        .put(app.url(&format!("/api/v1/orders/{number}")))
        .bearer_auth(&who.token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
}

async fn mark(app: &TestApp, who: &Account, number: &str, body: Value) -> Response {
    app.post(
        &format!("/api/v1/orders/{number}/fulfilment"),
        Some(&who.token),
        &body,
    )
    .await
}

async fn marked(app: &TestApp, who: &Account, number: &str, body: Value) -> Value {
    let response = mark(app, who, number, body).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn bulk(app: &TestApp, who: &Account, body: Value) -> Response {
    app.post("/api/v1/orders/fulfilment", Some(&who.token), &body)
        .await
}

fn kinds(o: &Value) -> Vec<String> {
    o["shipments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["events"].as_array().unwrap().clone())
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn one_order_moves_forward_once_and_never_back() {
    let app = spawn_app().await;
    let shop = app.register("mark-one").await;
    push_order(&app, &shop, "1001").await;

    let sent = "2026-11-03T09:00:00Z";
    let shipped = marked(
        &app,
        &shop,
        "1001",
        json!({"status": "shipped", "at": sent}),
    )
    .await;
    assert_eq!(shipped["status"], "in_transit");
    assert_eq!(kinds(&shipped), vec!["in_transit"]);
    assert_eq!(shipped["shipments"][0]["events"][0]["occurred_at"], sent);
    let again = marked(&app, &shop, "1001", json!({"status": "shipped"})).await;
    assert_eq!(kinds(&again), vec!["in_transit"], "no second event");

    let at = "2026-11-05T16:00:00Z";
    let delivered = marked(
        &app,
        &shop,
        "1001",
        json!({"status": "delivered", "at": at}),
    )
    .await;
    assert_eq!(delivered["status"], "delivered");
    assert_eq!(delivered["delivered_at"], at);
    assert_eq!(kinds(&delivered), vec!["in_transit", "delivered"]);
    let twice = marked(&app, &shop, "1001", json!({"status": "delivered"})).await;
    assert_eq!(twice, delivered, "marking delivered twice is a no-op");

    let problem = assert_problem(
        mark(&app, &shop, "1001", json!({"status": "shipped"})).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("status".to_owned(), "already_delivered".to_owned())]
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("cannot go back to shipped"),
        "{problem}"
    );

    // Two moves, two audit entries, naming the order.
    let log: Value = app
        .get("/api/v1/audit-log", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let marks = log
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["changes"].as_array().unwrap().clone())
        .filter(|c| c["field"] == "order.1001.fulfilment")
        .count();
    assert_eq!(marks, 2, "{log}");
}

#[tokio::test]
async fn a_delivered_order_is_returnable_from_its_delivery_date() {
    let app = spawn_app().await;
    let shop = app.register("mark-returnable").await;
    push_order(&app, &shop, "1001").await;
    let access: Value = app
        .post(
            "/api/v1/portal/mark-returnable/lookup",
            None,
            &json!({"order": "1001", "contact": "jane@example.com"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = access["access_token"].as_str().unwrap().to_owned();
    let options = || async {
        let o: Value = app
            .get(
                "/api/v1/portal/mark-returnable/order/returns/options",
                Some(&token),
            )
            .await
            .json()
            .await
            .unwrap();
        o
    };
    let before = options().await;
    assert_eq!(before["window_ends_at"], Value::Null, "{before}");
    assert_eq!(before["items"][0]["returnable_quantity"], 0, "{before}");

    let at = (chrono::Utc::now() - chrono::Duration::days(2))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    marked(
        &app,
        &shop,
        "1001",
        json!({"status": "delivered", "at": at}),
    )
    .await;
    let after = options().await;
    assert_eq!(after["items"][0]["returnable_quantity"], 1, "{after}");
    let ends =
        chrono::DateTime::parse_from_rfc3339(after["window_ends_at"].as_str().unwrap()).unwrap();
    let from = chrono::DateTime::parse_from_rfc3339(&at).unwrap();
    // Whole days after the delivery marked: the window counts from it.
    assert_eq!((ends - from).num_seconds() % 86_400, 0, "{after}");
    assert!(
        ends > from && (ends - from).num_days() <= 365,
        "window counted from {at}: {after}"
    );
}

#[tokio::test]
async fn implausible_or_early_dates_are_refused_by_field() {
    let app = spawn_app().await;
    let shop = app.register("mark-dates").await;
    push_order(&app, &shop, "1001").await;
    for (at, code) in [
        ("9999-01-01T00:00:00Z", "future_date"),
        ("2026-10-01T00:00:00Z", "before_placed"),
    ] {
        let problem = assert_problem(
            mark(
                &app,
                &shop,
                "1001",
                json!({"status": "delivered", "at": at}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            vec![("at".to_owned(), code.to_owned())]
        );
    }
    let problem = assert_problem(
        mark(&app, &shop, "1001", json!({"status": "lost"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(problem.to_string().contains("status"), "{problem}");
}

#[tokio::test]
async fn bulk_marks_answer_per_order() {
    let app = spawn_app().await;
    let shop = app.register("mark-bulk").await;
    for n in ["1", "2", "3"] {
        push_order(&app, &shop, n).await;
    }
    // 2 ships with a carrier; 3 is already delivered.
    let response = app
        .client
        .put(app.url("/api/v1/orders/2/shipments"))
        .bearer_auth(&shop.token)
        .json(&json!({"carrier": "UPS", "service": "Ground", "tracking_number": "1Z999", "estimated_delivery": null}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    marked(&app, &shop, "3", json!({"status": "delivered"})).await;

    let response = bulk(
        &app,
        &shop,
        json!({"numbers": ["1", "2", "3", "nope", "1"], "status": "shipped"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let got: Vec<(String, String, Value)> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["number"].as_str().unwrap().to_owned(),
                r["outcome"].as_str().unwrap().to_owned(),
                r["code"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("1".into(), "marked".into(), Value::Null),
            ("2".into(), "unchanged".into(), Value::Null),
            ("3".into(), "refused".into(), json!("already_delivered")),
            ("nope".into(), "refused".into(), json!("not_found")),
        ]
    );
    assert!(
        body["results"][2]["reason"]
            .as_str()
            .unwrap()
            .contains("delivered")
    );

    let body: Value = bulk(
        &app,
        &shop,
        json!({"numbers": ["1", "2"], "status": "delivered"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        body["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["outcome"] == "marked"),
        "{body}"
    );
    let carried: Value = app
        .get("/api/v1/orders/2", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(carried["status"], "delivered");
    assert_eq!(carried["shipments"][0]["status"], "delivered");
    assert_eq!(
        carried["shipments"].as_array().unwrap().len(),
        1,
        "the carrier's parcel, no other"
    );

    let too_many: Vec<String> = (0..101).map(|i| i.to_string()).collect();
    let problem = assert_problem(
        bulk(
            &app,
            &shop,
            json!({"numbers": too_many, "status": "shipped"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(
        field_codes(&problem).iter().any(|(f, _)| f == "numbers"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_shop_cannot_mark_another_shops_order() {
    let app = spawn_app().await;
    let a = app.register("mark-a").await;
    let b = app.register("mark-b").await;
    push_order(&app, &a, "1001").await;
    assert_problem(
        mark(&app, &b, "1001", json!({"status": "delivered"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let body: Value = bulk(
        &app,
        &b,
        json!({"numbers": ["1001"], "status": "delivered"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(body["results"][0]["code"], "not_found");
    let mine: Value = app
        .get("/api/v1/orders/1001", Some(&a.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["status"], "unfulfilled");
    assert_eq!(mine["shipments"], json!([]));
}
