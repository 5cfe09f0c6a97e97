//! The server reads what the OpenAPI document allows, and nothing the document forbids: the
//! regressions the contract run (`positive_data_acceptance`) found.

use crate::helpers::{assert_problem, field_codes, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn order() -> Value {
    json!({"customer_name": "Jo", "email": "jo@example.com", "phone": null,
        "shipping_address": {"line1": "1 Rue", "line2": null, "city": "Paris", "region": null, "postal_code": "75011", "country": "FR"},
        "currency": "EUR", "placed_at": "2026-11-01T10:00:00Z",
        "items": [{"sku": "S", "title": "Scarf", "variant": null, "quantity": 1, "unit_price_minor": 5900, "image_url": null, "parent_sku": null}]})
}

#[tokio::test]
async fn a_whole_number_written_with_a_fraction_is_the_integer_it_is() {
    let app = spawn_app().await;
    let owner = app.register("whole").await;
    // JSON Schema's `integer` (and JavaScript's numbers) include `1.0`.
    let mut body = order();
    body["items"][0]["quantity"] = json!(2.0);
    body["items"][0]["unit_price_minor"] = json!(5900.0);
    let stored = app
        .put("/api/v1/orders/W-1", Some(&owner.token), &body)
        .await;
    assert!(stored.status().is_success(), "{}", stored.status());
    let view: Value = stored.json().await.unwrap();
    assert_eq!(view["items"][0]["quantity"], 2);
    // A fraction is still no integer.
    body["items"][0]["quantity"] = json!(1.5);
    let problem = assert_problem(
        app.put("/api/v1/orders/W-2", Some(&owner.token), &body)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("items[0].quantity".to_owned(), "type".to_owned())]
    );
}

#[tokio::test]
async fn a_property_the_request_does_not_have_is_ignored_whatever_it_holds() {
    let app = spawn_app().await;
    let owner = app.register("extras").await;
    // The document leaves request objects open: a client may send back a view it read.
    let mut body = order();
    body["\u{7}note"] = json!("\u{0}");
    body["shipping_address"]["extra"] = json!({"x": ["\u{1b}[31m"]});
    let stored = app
        .put("/api/v1/orders/X-1", Some(&owner.token), &body)
        .await;
    assert!(stored.status().is_success(), "{}", stored.status());
    // The text the request does read keeps the rule.
    body["customer_name"] = json!("Jo\u{0}");
    let problem = assert_problem(
        app.put("/api/v1/orders/X-2", Some(&owner.token), &body)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("customer_name".to_owned(), "control_character".to_owned())]
    );
}

#[tokio::test]
async fn a_cursor_has_the_shape_the_server_hands_out_and_any_such_text_is_a_page() {
    let app = spawn_app().await;
    let owner = app.register("cursor").await;
    let hex = "0190b1f0a1b2c3d4e5f60718293a4b5c";
    for bad in [
        format!("+1_{hex}"),
        format!("1_{}", hex.to_uppercase()),
        "1_0190b1f0-a1b2-c3d4-e5f6-0718293a4b5c".to_owned(),
        format!("12345678901234567_{hex}"),
    ] {
        let problem = assert_problem(
            app.get(
                &format!("/api/v1/orders?cursor={}", bad.replace('+', "%2B")),
                Some(&owner.token),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            [("cursor".to_owned(), "cursor".to_owned())],
            "{bad}"
        );
    }
    let page = app
        .get(
            &format!("/api/v1/orders?cursor=9999999999999999_{hex}"),
            Some(&owner.token),
        )
        .await;
    assert_eq!(page.status(), StatusCode::OK);
}
