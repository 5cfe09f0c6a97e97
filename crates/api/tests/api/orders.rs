//! Orders from the shop and the shopper's side of them: upsert, tracking, lookup, address
//! changes, issue reports.

use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app, spawn_app_with};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

fn order_body(email: &str, postal: &str, skus: &[&str]) -> Value {
    let items: Vec<Value> = skus
        .iter()
        .map(|sku| {
            json!({"sku": sku, "title": format!("Item {sku}"), "variant": null, "quantity": 2,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null})
        })
        .collect();
    json!({
        "customer_name": "Jane Doe", "email": email, "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto", "region": "ON",
            "postal_code": postal, "country": "CA"},
        "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z", "items": items
    })
}

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> Response {
    app.client
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn push_order(app: &TestApp, who: &Account, number: &str) -> Value {
    let response = put(
        app,
        &format!("/api/v1/orders/{number}"),
        &who.token,
        &order_body("Jane@Example.com", "m5v2t6", &["A", "B"]),
    )
    .await;
    assert!(response.status().is_success(), "{}", response.status());
    response.json().await.unwrap()
}

async fn ship(app: &TestApp, who: &Account, number: &str, tracking: &str) {
    let body = json!({"carrier": "Canada Post", "service": "Regular Parcel", "tracking_number": tracking, "estimated_delivery": null});
    let response = put(
        app,
        &format!("/api/v1/orders/{number}/shipments"),
        &who.token,
        &body,
    )
    .await;
    assert!(response.status().is_success());
}

async fn scan(app: &TestApp, who: &Account, tracking: &str, kind: &str, at: &str) -> Value {
    let response = app
        .post(&format!("/api/v1/shipments/{tracking}/events"), Some(&who.token), &json!({"kind": kind, "description": null, "location": "Toronto, ON", "occurred_at": at}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn lookup(app: &TestApp, slug: &str, order: &str, contact: &str) -> Response {
    app.post(
        &format!("/api/v1/portal/{slug}/lookup"),
        None,
        &json!({"order": order, "contact": contact}),
    )
    .await
}

#[tokio::test]
async fn upsert_is_idempotent_and_follows_the_shop() {
    let app = spawn_app().await;
    let shop = app.register("upsert").await;
    let body = order_body("jane@example.com", "M5V 2T6", &["A", "B"]);
    let first = put(&app, "/api/v1/orders/1001", &shop.token, &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = put(&app, "/api/v1/orders/1001", &shop.token, &body).await;
    assert_eq!(again.status(), StatusCode::OK);
    let again: Value = again.json().await.unwrap();
    assert_eq!(first, again, "a retry changes nothing");
    assert_eq!(first["shipping_address"]["postal_code"], "M5V 2T6");

    let changed = put(
        &app,
        "/api/v1/orders/1001",
        &shop.token,
        &order_body("jane@example.com", "M5V 2T6", &["B", "C"]),
    )
    .await;
    let changed: Value = changed.json().await.unwrap();
    let skus: Vec<_> = changed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["sku"].as_str().unwrap())
        .collect();
    assert_eq!(skus, vec!["B", "C"]);
    assert_eq!(
        changed["items"][0]["id"], first["items"][1]["id"],
        "item B kept its id"
    );
    let page: Value = app
        .get("/api/v1/orders", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["orders"].as_array().unwrap().len(), 1);

    let mut bad = order_body("nope", "90210", &["A", "B"]);
    bad["items"][0]["quantity"] = json!(0);
    // Image links end up in `src` attributes: only http(s) ones are kept.
    bad["items"][1]["image_url"] = json!("javascript:alert(1)");
    let problem = assert_problem(
        put(&app, "/api/v1/orders/1002", &shop.token, &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let fields: Vec<_> = field_codes(&problem).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        vec!["email", "items[0].quantity", "items[1].image_url"]
    );
    let problem = assert_problem(
        put(
            &app,
            "/api/v1/orders/1002",
            &shop.token,
            &order_body("a@b.example", "90210", &["A"]),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        problem["errors"][0]["field"],
        "shipping_address.postal_code"
    );
}

#[tokio::test]
async fn order_status_follows_its_shipments_and_scans_are_idempotent() {
    let app = spawn_app().await;
    let shop = app.register("parcels").await;
    push_order(&app, &shop, "2001").await;
    ship(&app, &shop, "2001", "TRACK0001").await;
    ship(&app, &shop, "2001", "TRACK0002").await;
    scan(
        &app,
        &shop,
        "TRACK0001",
        "label_created",
        "2026-11-02T08:00:00Z",
    )
    .await;
    scan(
        &app,
        &shop,
        "TRACK0001",
        "out_for_delivery",
        "2026-11-03T08:00:00Z",
    )
    .await;
    let view = scan(
        &app,
        &shop,
        "TRACK0001",
        "delivered",
        "2026-11-03T15:00:00Z",
    )
    .await;
    assert_eq!(
        view["status"], "in_transit",
        "the second parcel is still moving"
    );
    let view = scan(
        &app,
        &shop,
        "TRACK0002",
        "delivered",
        "2026-11-04T12:00:00Z",
    )
    .await;
    assert_eq!(view["status"], "delivered");
    assert_eq!(view["delivered_at"], "2026-11-04T12:00:00Z");
    // The same scan again is recorded once; a late, older scan does not move it back.
    let view = scan(
        &app,
        &shop,
        "TRACK0002",
        "delivered",
        "2026-11-04T12:00:00Z",
    )
    .await;
    let view = {
        let _ = view;
        scan(
            &app,
            &shop,
            "TRACK0002",
            "in_transit",
            "2026-11-03T09:00:00Z",
        )
        .await
    };
    let events = view["shipments"][1]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["kind"], "in_transit", "oldest first");
    assert_eq!(view["status"], "delivered");
    assert!(
        view["shipments"][0]["tracking_url"]
            .as_str()
            .unwrap()
            .contains("TRACK0001")
    );

    let other = app.register("parcels-other").await;
    let foreign = app
        .post("/api/v1/shipments/TRACK0001/events", Some(&other.token), &json!({"kind": "exception", "description": null, "location": null, "occurred_at": "2026-11-05T00:00:00Z"}))
        .await;
    assert_problem(foreign, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn orders_list_searches_and_pages_by_keyset() {
    let app = spawn_app().await;
    let shop = app.register("listing").await;
    for n in 0..23 {
        let mut body = order_body(&format!("c{n}@example.com"), "M5V 2T6", &["A"]);
        body["placed_at"] = json!(format!("2026-10-{:02}T10:00:00Z", n + 1));
        assert!(
            put(&app, &format!("/api/v1/orders/L-{n}"), &shop.token, &body)
                .await
                .status()
                .is_success()
        );
    }
    ship(&app, &shop, "L-5", "ZZ123").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/orders?limit=10&cursor={c}"),
            None => "/api/v1/orders?limit=10".to_owned(),
        };
        let page: Value = app
            .get(&path, Some(&shop.token))
            .await
            .json()
            .await
            .unwrap();
        seen.extend(
            page["orders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["number"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 23);
    assert_eq!(seen[0], "L-22", "newest first");
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique.len(), 23);

    for q in ["L-7", "C7@Example.com", "ZZ123"] {
        let page: Value = app
            .get(&format!("/api/v1/orders?q={q}"), Some(&shop.token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(page["orders"].as_array().unwrap().len(), 1, "{q}");
    }
    let problem = assert_problem(
        app.get("/api/v1/orders?cursor=garbage", Some(&shop.token))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "cursor");
}

#[tokio::test]
async fn lookup_forgives_case_and_spacing_and_gives_one_answer_for_any_miss() {
    let app = spawn_app().await;
    let shop = app.register("lookup").await;
    let other = app.register("lookup-other").await;
    push_order(&app, &shop, "3001").await;
    ship(&app, &shop, "3001", "7023 4410").await;

    let by_number = lookup(&app, "lookup", " 3001 ", "  JANE@example.COM ").await;
    assert_eq!(by_number.status(), StatusCode::OK);
    let access: Value = by_number.json().await.unwrap();
    assert_eq!(access["order_number"], "3001");
    let by_tracking = lookup(&app, "lookup", "70234410", "m5v 2t6").await;
    assert_eq!(by_tracking.status(), StatusCode::OK);

    let wrong_contact = assert_problem(
        lookup(&app, "lookup", "3001", "someone@else.example").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let wrong_number = assert_problem(
        lookup(&app, "lookup", "9999", "jane@example.com").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(wrong_contact, wrong_number);
    // Another shop's portal never finds this shop's order.
    let foreign = assert_problem(
        lookup(&app, "lookup-other", "3001", "jane@example.com").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(foreign, wrong_number);

    let token = access["access_token"].as_str().unwrap();
    let tracking: Value = app
        .get("/api/v1/portal/lookup/order", Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tracking["number"], "3001");
    assert_eq!(tracking["shipments"][0]["tracking_number"], "70234410");
    // The token opens this order on this shop only; a staff token is not an order token.
    assert_problem(
        app.get("/api/v1/portal/lookup-other/order", Some(token))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    assert_problem(
        app.get("/api/v1/portal/lookup/order", Some(&other.token))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    assert_problem(
        app.get("/api/v1/me", Some(token)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn lookups_are_rate_limited_with_retry_after() {
    let app = spawn_app_with(|c| c.lookups_per_minute = 6).await;
    let shop = app.register("limited").await;
    push_order(&app, &shop, "4001").await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            lookup(&app, "limited", "4001", "wrong@example.com")
                .await
                .status(),
        );
    }
    // Per order: 3 a minute here, whatever the client.
    assert_eq!(&statuses[..3], &[StatusCode::NOT_FOUND; 3]);
    let limited = lookup(&app, "limited", "4001", "jane@example.com").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    assert_problem(limited, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Per client: 6 a minute across orders.
    let mut last = StatusCode::OK;
    for n in 0..4 {
        last = lookup(&app, "limited", &format!("other-{n}"), "x@example.com")
            .await
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn address_changes_until_dispatch_and_issue_reports_reach_the_shop() {
    let app = spawn_app().await;
    let shop = app.register("aftercare").await;
    push_order(&app, &shop, "5001").await;
    let access: Value = lookup(&app, "aftercare", "5001", "jane@example.com")
        .await
        .json()
        .await
        .unwrap();
    let token = access["access_token"].as_str().unwrap().to_owned();
    let new_address = json!({"shipping_address": {"line1": "22 Queen St W", "line2": "Apt 4", "city": "Toronto", "region": "ON", "postal_code": "m5h2n2", "country": "CA"}});
    let changed = app
        .client
        .put(app.url("/api/v1/portal/aftercare/order/address"))
        .bearer_auth(&token)
        .json(&new_address)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["shipping_address"]["postal_code"], "M5H 2N2");
    let staff_view: Value = app
        .get("/api/v1/orders/5001", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(staff_view["shipping_address"]["line1"], "22 Queen St W");

    ship(&app, &shop, "5001", "SHIPPED01").await;
    let refused = app
        .client
        .put(app.url("/api/v1/portal/aftercare/order/address"))
        .bearer_auth(&token)
        .json(&new_address)
        .send()
        .await
        .unwrap();
    let problem = assert_problem(refused, StatusCode::CONFLICT, "conflict").await;
    assert!(problem["detail"].as_str().unwrap().contains("dispatched"));

    let report = app
        .post(
            "/api/v1/portal/aftercare/order/issues",
            Some(&token),
            &json!({"issue_type": "damaged_in_transit", "message": "The box was crushed."}),
        )
        .await;
    assert_eq!(report.status(), StatusCode::CREATED);
    let issues: Vec<Value> = app
        .get("/api/v1/issues", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (
            issues[0]["order_number"].as_str(),
            issues[0]["issue_type"].as_str()
        ),
        (Some("5001"), Some("damaged_in_transit"))
    );
    let other = app.register("aftercare-other").await;
    let theirs: Vec<Value> = app
        .get("/api/v1/issues", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty());

    // A type the shop turned off is refused by name.
    let mut aftercare: Value = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json::<Value>()
        .await
        .unwrap()["aftercare"]
        .clone();
    aftercare["issue_types"] = json!(["missing_item"]);
    aftercare["address_edits_enabled"] = json!(false);
    assert!(
        app.client
            .put(app.url("/api/v1/settings/aftercare"))
            .bearer_auth(&shop.token)
            .json(&aftercare)
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    let refused = app
        .post(
            "/api/v1/portal/aftercare/order/issues",
            Some(&token),
            &json!({"issue_type": "wrong_item", "message": "Not mine"}),
        )
        .await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "issue_type");
}
