//! One merchant never sees another's data.

use crate::helpers::{JWT_SECRET, assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn staff_lists_are_per_merchant() {
    let app = spawn_app().await;
    let a = app.register("shop-a").await;
    let b = app.register("shop-b").await;
    app.add_staff(&b, "agent@shop-b.example", "agent").await;

    let a_staff: Vec<Value> = app
        .get("/api/v1/staff", Some(&a.token))
        .await
        .json()
        .await
        .unwrap();
    let emails: Vec<_> = a_staff
        .iter()
        .map(|s| s["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, vec!["owner@shop-a.example"]);
    let b_staff: Vec<Value> = app
        .get("/api/v1/staff", Some(&b.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(b_staff.len(), 2);
}

#[tokio::test]
async fn a_token_claiming_another_merchant_is_refused() {
    // Even a validly signed token cannot move a staff member into another merchant: the
    // extractor checks the claimed merchant against the staff row.
    let app = spawn_app().await;
    let a = app.register("claims-a").await;
    let b = app.register("claims-b").await;
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &json!({"sub": a.staff_id, "mid": b.merchant_id, "role": "owner",
            "aud": "rebound-dashboard", "iss": "rebound", "iat": 0, "exp": 4_000_000_000u64}),
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap();
    assert_problem(
        app.get("/api/v1/staff", Some(&forged)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn portal_branding_is_public_and_shows_no_staff_data() {
    let app = spawn_app().await;
    app.register("public-face").await;
    let response = app.get("/api/v1/portal/public-face", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(!text.contains("owner@"), "{text}");
    let branding: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(branding["company_name"], "Shop public-face");
    assert_eq!(branding["primary_colour"], "#1F4ED8");
    assert_problem(
        app.get("/api/v1/portal/no-such-shop", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}
