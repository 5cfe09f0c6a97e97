//! A shopper cancelling an order before dispatch, where the shop allows it: the shop is mailed,
//! `order.cancelled` goes to its endpoints, the order says so, and nothing of it can be returned.

use crate::helpers::portal::{PortalOrder, open_in_portal};
use crate::helpers::{Account, TestApp, assert_problem, spawn_app_with};
use rebound_api::db::entities::{outbox, webhook_delivery};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

async fn set_cancellations(app: &TestApp, shop: &Account, on: bool) {
    let r = app
        .put(
            "/api/v1/settings/aftercare",
            Some(&shop.token),
            &json!({"tracking_enabled": true, "address_edits_enabled": true,
            "order_cancellation_enabled": on,
            "issue_types": ["missing_item", "damaged_in_transit", "wrong_item", "other"],
            "survey_enabled": false, "survey_delay_days": 7,
            "support_email": "help@cancel.example", "customer_service_email": null}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

async fn order(app: &TestApp, shop: &Account, number: &str, shipped: bool) -> PortalOrder {
    let body = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": null, "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": chrono::Utc::now().to_rfc3339(),
        "items": [{"sku": "A", "title": "Item A", "variant": null, "quantity": 1,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null}]
    });
    open_in_portal(app, shop, number, &body, shipped.then_some(0)).await
}

async fn mails(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Event.eq("order_cancelled"))
        .all(&app.db)
        .await
        .unwrap()
}

async fn events(app: &TestApp) -> usize {
    webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Event.eq("order.cancelled"))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_shopper_cancels_before_dispatch_where_the_shop_allows_it() {
    let app = spawn_app_with(|c| {
        c.outbox_poll_ms = 3_600_000;
        c.webhooks_allow_private = true;
    })
    .await;
    let shop = app.register("cancel-order").await;
    let hook = app
        .post(
            "/api/v1/webhooks/endpoints",
            Some(&shop.token),
            &json!({"url": "http://127.0.0.1:9/hooks", "description": "ERP",
                "events": ["order.cancelled"]}),
        )
        .await;
    assert_eq!(hook.status(), StatusCode::CREATED);
    let o = order(&app, &shop, "8100", false).await;
    let cancel = o.path("/cancel");

    // Off by default: the shop decides.
    assert_problem(
        app.post(&cancel, Some(&o.token), &json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    set_cancellations(&app, &shop, true).await;
    let config: Value = app
        .get("/api/v1/portal/cancel-order", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(config["aftercare"]["order_cancellation_enabled"], true);
    let too_long = app
        .post(&cancel, Some(&o.token), &json!({"reason": "x".repeat(501)}))
        .await;
    let problem = assert_problem(too_long, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "reason");

    let done = app
        .post(
            &cancel,
            Some(&o.token),
            &json!({"reason": "Ordered the wrong size"}),
        )
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let done: Value = done.json().await.unwrap();
    assert!(done["cancelled_at"].is_string());
    let sent = mails(&app).await;
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].body_text.contains("Ordered the wrong size"),
        "{}",
        sent[0].body_text
    );
    assert_eq!(events(&app).await, 1);
    // Again: the same answer, nothing sent twice; the shop's view says it too.
    let again = app.post(&cancel, Some(&o.token), &json!({})).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(mails(&app).await.len(), 1);
    assert_eq!(events(&app).await, 1);
    let staff_view: Value = app
        .get("/api/v1/orders/8100", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(staff_view["cancelled_at"], done["cancelled_at"]);
    // Nothing of a cancelled order comes back.
    let refused = app
        .post(
            &o.path("/returns"),
            Some(&o.token),
            &json!({"items": [{"order_item_id": o.item("A"), "quantity": 1,
                "reason_id": uuid::Uuid::nil()}], "resolution": "refund",
                "method": "prepaid_label"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    // Once shipped, it is too late.
    let shipped = order(&app, &shop, "8101", true).await;
    assert_problem(
        app.post(&shipped.path("/cancel"), Some(&shipped.token), &json!({}))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
}
