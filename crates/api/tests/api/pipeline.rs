//! What every request goes through before a handler: credentials, body reading, text and date
//! rules, methods. The answers must not depend on which check happens to finish first.

use crate::helpers::{assert_problem, field_codes, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn order(placed_at: &str) -> Value {
    json!({"customer_name": "Jo", "email": "jo@example.com", "phone": null,
        "shipping_address": {"line1": "1 Rue", "line2": null, "city": "Paris", "region": null, "postal_code": "75011", "country": "FR"},
        "currency": "EUR", "placed_at": placed_at,
        "items": [{"sku": "S", "title": "Scarf", "variant": null, "quantity": 1, "unit_price_minor": 5900, "image_url": null, "parent_sku": null}]})
}

#[tokio::test]
async fn a_bad_key_is_refused_before_a_bad_body_every_time() {
    let app = spawn_app().await;
    app.register("creds").await;
    for attempt in 0..40 {
        let response = app
            .client
            .put(app.url(&format!("/api/v1/orders/N-{attempt}")))
            .bearer_auth("rbk_not-a-key-at-all")
            .header("content-type", "application/json")
            .body(r#"{"items": [{"quantity": "two"}]}"#)
            .send()
            .await
            .unwrap();
        assert_problem(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
}

#[tokio::test]
async fn type_errors_name_their_field() {
    let app = spawn_app().await;
    let owner = app.register("types").await;
    let mut body = order("2026-11-01T10:00:00Z");
    body["items"][0]["quantity"] = json!("two");
    let problem = assert_problem(
        app.put("/api/v1/orders/T-1", Some(&owner.token), &body)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("items[0].quantity".to_owned(), "type".to_owned())]
    );
    // Valid JSON of the wrong type is a 422, not "not valid JSON".
    let problem = assert_problem(
        app.post(
            "/api/v1/shipments/1Z999/events",
            Some(&owner.token),
            &json!({"kind": 7, "occurred_at": "2026-11-01T10:00:00Z"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(field_codes(&problem)[0].0, "kind");
    let malformed = app
        .client
        .put(app.url("/api/v1/orders/T-2"))
        .bearer_auth(&owner.token)
        .header("content-type", "application/json")
        .body("{\"customer_name\": ")
        .send()
        .await
        .unwrap();
    assert_problem(malformed, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[tokio::test]
async fn control_characters_are_refused_in_any_text_field() {
    let app = spawn_app().await;
    let owner = app.register("nul").await;
    let mut body = order("2026-11-01T10:00:00Z");
    body["customer_name"] = json!("Jo\u{0}");
    body["items"][0]["title"] = json!("Scarf\u{1b}[31m");
    let problem = assert_problem(
        app.put("/api/v1/orders/C-1", Some(&owner.token), &body)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [
            ("customer_name".to_owned(), "control_character".to_owned()),
            ("items[0].title".to_owned(), "control_character".to_owned()),
        ]
    );
    // Tabs and line breaks are text.
    let mut fine = order("2026-11-01T10:00:00Z");
    fine["items"][0]["title"] = json!("Scarf\tblue\r\nwool");
    let saved = app
        .put("/api/v1/orders/C-2", Some(&owner.token), &fine)
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn control_characters_in_the_url_are_refused_naming_the_parameter() {
    let app = spawn_app().await;
    let owner = app.register("nulurl").await;
    // A NUL in a search (PostgreSQL would refuse it in a query: a 500 there before).
    let problem = assert_problem(
        app.get("/api/v1/orders?q=Jo%00", Some(&owner.token)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("q".to_owned(), "control_character".to_owned())]
    );
    // In a path parameter, named after the route's parameter.
    let problem = assert_problem(
        app.get("/api/v1/orders/MC%001", Some(&owner.token)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("number".to_owned(), "control_character".to_owned())]
    );
    // Refused credentials still answer 401 first.
    let refused = app
        .client
        .get(app.url("/api/v1/orders?q=%00"))
        .bearer_auth("rbk_not-a-key-at-all")
        .send()
        .await
        .unwrap();
    assert_problem(refused, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // A tab is text: the same search with one is answered.
    let fine = app.get("/api/v1/orders?q=Jo%09", Some(&owner.token)).await;
    assert_eq!(fine.status(), StatusCode::OK);
}

#[tokio::test]
async fn far_future_and_ancient_dates_are_refused() {
    let app = spawn_app().await;
    let owner = app.register("dates").await;
    for (at, code) in [
        ("9999-12-31T00:00:00Z", "future_date"),
        ("1970-01-01T00:00:00Z", "too_old"),
    ] {
        let problem = assert_problem(
            app.put("/api/v1/orders/D-1", Some(&owner.token), &order(at))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            [("placed_at".to_owned(), code.to_owned())]
        );
    }
    let placed = app
        .put(
            "/api/v1/orders/D-2",
            Some(&owner.token),
            &order("2026-11-01T10:00:00Z"),
        )
        .await;
    assert_eq!(placed.status(), StatusCode::CREATED);
    let shipped = app
        .put(
            "/api/v1/orders/D-2/shipments",
            Some(&owner.token),
            &json!({"carrier": "UPS", "service": "Ground", "tracking_number": "1ZD2", "estimated_delivery": null}),
        )
        .await;
    assert!(shipped.status().is_success(), "{}", shipped.status());
    let problem = assert_problem(
        app.post(
            "/api/v1/shipments/1ZD2/events",
            Some(&owner.token),
            &json!({"kind": "delivered", "occurred_at": "9999-12-31T00:00:00Z"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("occurred_at".to_owned(), "future_date".to_owned())]
    );
}

#[tokio::test]
async fn a_method_the_path_does_not_take_is_405_with_allow() {
    let app = spawn_app().await;
    let response = app
        .client
        .delete(app.url("/api/v1/orders"))
        .send()
        .await
        .unwrap();
    let allow = response
        .headers()
        .get("allow")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_problem(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    assert_eq!(allow, "GET");
    // A path the API does not have at all is still 404.
    assert_problem(
        app.get("/api/v1/no-such-thing", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_portal_shows_no_tracking_when_the_shop_turned_it_off() {
    let app = spawn_app().await;
    let owner = app.register("quiet").await;
    let mut placed = order("2026-11-01T10:00:00Z");
    placed["email"] = json!("jane@example.com");
    let saved = app
        .put("/api/v1/orders/Q-1", Some(&owner.token), &placed)
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
    let shipped = app
        .put(
            "/api/v1/orders/Q-1/shipments",
            Some(&owner.token),
            &json!({"carrier": "UPS", "service": "Ground", "tracking_number": "1ZQ1", "estimated_delivery": null}),
        )
        .await;
    assert!(shipped.status().is_success());
    let off = app
        .put(
            "/api/v1/settings/aftercare",
            Some(&owner.token),
            &json!({"tracking_enabled": false, "address_edits_enabled": true,
                "issue_types": ["missing_item", "damaged_in_transit", "wrong_item", "other"],
                "survey_enabled": false, "survey_delay_days": 7,
                "support_email": null, "customer_service_email": null}),
        )
        .await;
    assert!(off.status().is_success(), "{}", off.status());
    let access: Value = app
        .post(
            "/api/v1/portal/quiet/lookup",
            None,
            &json!({"order": "Q-1", "contact": "jane@example.com"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = access["access_token"].as_str().unwrap();
    let view: Value = app
        .get("/api/v1/portal/quiet/order", Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["shipments"], json!([]));
    assert_eq!(view["items"].as_array().map(Vec::len), Some(1));
}
