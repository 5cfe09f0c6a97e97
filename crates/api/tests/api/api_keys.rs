//! API keys: scoped, shown once, revocable, per merchant.

use crate::helpers::{assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_scoped_key_pushes_orders_and_nothing_else_until_revoked() {
    let app = spawn_app().await;
    let owner = app.register("keys").await;
    let manager = app.add_staff(&owner, "m@keys.example", "manager").await;
    let denied = app
        .post(
            "/api/v1/api-keys",
            Some(&manager.token),
            &json!({"name": "x", "scopes": ["orders:read", "orders:write"]}),
        )
        .await;
    assert_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;
    let empty = app
        .post(
            "/api/v1/api-keys",
            Some(&owner.token),
            &json!({"name": "x", "scopes": []}),
        )
        .await;
    assert_problem(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    let created = app
        .post(
            "/api/v1/api-keys",
            Some(&owner.token),
            &json!({"name": "Shop sync", "scopes": ["orders:read", "orders:write"]}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("rbk_"));
    assert_eq!(created["key"]["prefix"].as_str().unwrap(), &secret[..12]);

    let order = json!({"customer_name": "Jo", "email": "jo@example.com", "phone": null,
        "shipping_address": {"line1": "1 Rue", "line2": null, "city": "Paris", "region": null, "postal_code": "75011", "country": "FR"},
        "currency": "EUR", "placed_at": "2026-11-01T10:00:00Z",
        "items": [{"sku": "S", "title": "Scarf", "variant": null, "quantity": 1, "unit_price_minor": 5900, "image_url": null, "parent_sku": null}]});
    let pushed = app
        .client
        .put(app.url("/api/v1/orders/K-1"))
        .bearer_auth(&secret)
        .json(&order)
        .send()
        .await
        .unwrap();
    assert_eq!(pushed.status(), StatusCode::CREATED);
    assert_problem(
        app.get("/api/v1/settings", Some(&secret)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/api-keys", Some(&secret)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let other = app.register("keys-other").await;
    let theirs: Value = app
        .get("/api/v1/orders", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs["orders"].as_array().unwrap().is_empty());

    let listed: Vec<Value> = app
        .get("/api/v1/api-keys", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].get("secret").is_none());
    assert!(listed[0]["last_used_at"].is_string());

    let id = created["key"]["id"].as_str().unwrap();
    let revoked = app
        .client
        .delete(app.url(&format!("/api/v1/api-keys/{id}")))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert_problem(
        app.get("/api/v1/orders", Some(&secret)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let log: Vec<Value> = app
        .get("/api/v1/audit-log", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log.iter().filter(|e| e["area"] == "api_keys").count(), 2);
}
