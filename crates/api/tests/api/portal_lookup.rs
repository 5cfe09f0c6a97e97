//! The shopper's lookup forgives what people type: case, a leading `#`, spaces in the number,
//! and an email in any case with spaces around it.

use crate::helpers::{Account, TestApp, assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn push(app: &TestApp, shop: &Account, number: &str) {
    let body = json!({
        "customer_name": "Jane Doe", "email": "Jane.Doe@Example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z",
        "items": [{"sku": "A", "title": "Parka", "variant": null, "quantity": 1,
            "unit_price_minor": 7900, "image_url": null, "parent_sku": null}]
    });
    let path = format!("/api/v1/orders/{}", number.replace('#', "%23"));
    let pushed = app.put(&path, Some(&shop.token), &body).await;
    assert!(pushed.status().is_success(), "{}", pushed.status());
}

async fn look_up(app: &TestApp, order: &str, contact: &str) -> (StatusCode, Value) {
    let response = app
        .post(
            "/api/v1/portal/forgiving/lookup",
            None,
            &json!({"order": order, "contact": contact}),
        )
        .await;
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn lookup_forgives_case_a_leading_hash_and_spaces() {
    let app = spawn_app().await;
    let shop = app.register("forgiving").await;
    push(&app, &shop, "MC-1040").await;
    // Shopify's numbers arrive with their `#`; shoppers often leave it out.
    push(&app, &shop, "#1001").await;

    for (typed, contact, found) in [
        ("mc-1040", "jane.doe@example.com", "MC-1040"),
        ("#MC-1040", "JANE.DOE@EXAMPLE.COM", "MC-1040"),
        ("  #mc-1040 ", "  Jane.Doe@example.com  ", "MC-1040"),
        ("MC - 1040", "jane.doe@example.com", "MC-1040"),
        ("1001", "jane.doe@example.com", "#1001"),
        ("# 1001", "jane.doe@example.com", "#1001"),
    ] {
        let (status, body) = look_up(&app, typed, contact).await;
        assert_eq!(status, StatusCode::OK, "{typed:?} {contact:?}: {body}");
        assert_eq!(body["order_number"], found, "{typed:?}");
    }

    // Forgiving is not guessing: another number or contact is still the one generic miss.
    for (typed, contact) in [
        ("mc-104", "jane.doe@example.com"),
        ("mc-1040", "jane@example.com"),
    ] {
        let response = app
            .post(
                "/api/v1/portal/forgiving/lookup",
                None,
                &json!({"order": typed, "contact": contact}),
            )
            .await;
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
}
