//! The first-run checklist follows what the merchant really does (address, policy, branding,
//! orders, sharing), per shop; and a shop's portal may be framed by the shop's own sites while
//! the dashboard may not.

use crate::helpers::portal::{add_return_address, put_returns_settings};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn checklist(app: &TestApp, shop: &Account) -> Value {
    let response = app.get("/api/v1/onboarding", Some(&shop.token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn done(checklist: &Value) -> Vec<String> {
    checklist["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["done"] == true)
        .map(|s| s["key"].as_str().unwrap().to_owned())
        .collect()
}

async fn record(app: &TestApp, shop: &Account, event: &str) -> reqwest::Response {
    app.post(
        "/api/v1/onboarding",
        Some(&shop.token),
        &json!({ "event": event }),
    )
    .await
}

#[tokio::test]
async fn each_step_is_done_by_the_real_action_and_the_checklist_completes() {
    let app = spawn_app().await;
    let shop = app.register("first-run").await;

    let fresh = checklist(&app, &shop).await;
    assert!(done(&fresh).is_empty(), "{fresh}");
    assert_eq!(fresh["complete"], false);
    assert_eq!(fresh["dismissed"], false);
    assert_eq!(fresh["returns_closed"], "no_return_address");
    assert_eq!(fresh["portal_path"], "/first-run");
    let keys: Vec<&str> = fresh["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "return_address",
            "return_policy",
            "branding",
            "orders",
            "share_portal"
        ]
    );
    assert!(
        fresh["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["link"].as_str().unwrap().starts_with("/dashboard/"))
    );

    add_return_address(&app, &shop).await;
    let after_address = checklist(&app, &shop).await;
    assert_eq!(done(&after_address), ["return_address"]);
    assert_eq!(after_address["returns_closed"], Value::Null);

    let saved = put_returns_settings(&app, &shop, |r| r["return_window_days"] = json!(45)).await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(
        done(&checklist(&app, &shop).await),
        ["return_address", "return_policy"]
    );

    let mut branding = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json::<Value>()
        .await
        .unwrap()["branding"]
        .clone();
    branding["primary_colour"] = json!("#7A1F5C");
    let branded = app
        .put("/api/v1/settings/branding", Some(&shop.token), &branding)
        .await;
    assert_eq!(branded.status(), StatusCode::OK);
    let after_branding = checklist(&app, &shop).await;
    assert_eq!(
        done(&after_branding),
        ["return_address", "return_policy", "branding"]
    );
    assert_eq!(after_branding["primary_colour"], "#7A1F5C");

    let order = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Town", "region": null,
            "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z",
        "items": [{"sku": "A", "title": "Coat", "variant": "M", "quantity": 1,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null, "returnable": true}]
    });
    let pushed = app
        .put("/api/v1/orders/1001", Some(&shop.token), &order)
        .await;
    assert!(pushed.status().is_success());
    assert_eq!(done(&checklist(&app, &shop).await).len(), 4);

    let shared = record(&app, &shop, "portal_shared").await;
    assert_eq!(shared.status(), StatusCode::OK);
    let finished: Value = shared.json().await.unwrap();
    assert_eq!(done(&finished).len(), 5);
    assert_eq!(finished["complete"], true);
    // Recording it again changes nothing.
    let again: Value = record(&app, &shop, "portal_shared")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, finished);
}

#[tokio::test]
async fn a_shop_sees_only_its_own_progress_and_agents_cannot_dismiss() {
    let app = spawn_app().await;
    let busy = app.register("busy-shop").await;
    let other = app.register("new-shop").await;
    add_return_address(&app, &busy).await;
    assert_eq!(
        record(&app, &busy, "portal_shared").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        record(&app, &busy, "dismissed").await.status(),
        StatusCode::OK
    );

    let theirs = checklist(&app, &busy).await;
    assert_eq!(done(&theirs), ["return_address", "share_portal"]);
    assert_eq!(theirs["dismissed"], true);
    let mine = checklist(&app, &other).await;
    assert!(done(&mine).is_empty());
    assert_eq!(mine["dismissed"], false);
    assert_eq!(mine["returns_closed"], "no_return_address");

    let agent = app
        .add_staff(&other, "agent@new-shop.example", "agent")
        .await;
    assert_eq!(checklist(&app, &agent).await["dismissed"], false);
    assert_problem(
        record(&app, &agent, "dismissed").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // Copying the portal link is something an agent may do for the shop.
    assert_eq!(
        record(&app, &agent, "portal_shared").await.status(),
        StatusCode::OK
    );

    let unknown = record(&app, &other, "finished").await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_problem(
        app.get("/api/v1/onboarding", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Rebound</title>",
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn the_portal_may_be_framed_by_the_shops_own_sites_and_the_dashboard_by_none() {
    let dist = fake_dist();
    let path = dist.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dist = Some(path)).await;
    let shop = app.register("framed").await;
    let neighbour = app.register("neighbour").await;

    // Before any setting: same-origin framing only, as before.
    let page = app.get("/framed/order", None).await;
    assert_eq!(
        page.headers()["content-security-policy"],
        "frame-ancestors 'self'"
    );
    assert!(page.headers().get("x-frame-options").is_none());

    let saved = app
        .put(
            "/api/v1/settings/embedding",
            Some(&shop.token),
            &json!({"frame_ancestors": ["https://Framed.example/", "https://*.framed.example",
                "https://framed.example"]}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let stored: Value = saved.json().await.unwrap();
    assert_eq!(
        stored["frame_ancestors"],
        json!(["https://framed.example", "https://*.framed.example"])
    );
    assert_eq!(
        app.get("/api/v1/settings/embedding", Some(&shop.token))
            .await
            .json::<Value>()
            .await
            .unwrap(),
        stored
    );

    for route in ["/framed", "/framed/order/return"] {
        let page = app.get(route, None).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(
            page.headers()["content-security-policy"],
            "frame-ancestors 'self' https://framed.example https://*.framed.example",
            "{route}"
        );
        assert!(page.headers().get("x-frame-options").is_none());
    }
    // Another shop's portal keeps its own (empty) list.
    assert_eq!(
        app.get("/neighbour", None).await.headers()["content-security-policy"],
        "frame-ancestors 'self'"
    );
    // The dashboard and the API stay unframeable from anywhere else.
    for route in ["/dashboard", "/dashboard/settings", "/api/v1/portal/framed"] {
        let response = app.get(route, None).await;
        assert_eq!(
            response.headers()["x-frame-options"],
            "SAMEORIGIN",
            "{route}"
        );
        assert!(response.headers().get("content-security-policy").is_none());
    }

    // Values that would break out of the header are refused, naming the field.
    for bad in [
        "framed.example",
        "https://framed.example/shop",
        "https://x; script-src *",
    ] {
        let refused = app
            .put(
                "/api/v1/settings/embedding",
                Some(&shop.token),
                &json!({"frame_ancestors": [bad]}),
            )
            .await;
        let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert!(
            field_codes(&problem)
                .iter()
                .any(|(field, _)| field == "frame_ancestors"),
            "{problem}"
        );
    }
    let agent = app
        .add_staff(&neighbour, "agent@neighbour.example", "agent")
        .await;
    assert_problem(
        app.put(
            "/api/v1/settings/embedding",
            Some(&agent.token),
            &json!({"frame_ancestors": []}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}
