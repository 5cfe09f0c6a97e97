//! Two ways a return ends without a parcel: the policy lets the shopper keep the item (no
//! label, resolved straight after approval), and the shopper cancels before sending anything
//! (the label voided, the items returnable again); and staff accepting what the policy refuses.

use crate::helpers::portal::{
    PortalOrder, add_return_address, portal_returns, put_returns_settings, return_options,
    return_reasons, submit_return,
};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app_with};
use crate::photos::{png, upload};
use crate::return_queue::{act, id_of, ok, open_order};
use crate::return_terms::outcomes_of;
use rebound_api::db::entities::{job, outbox, return_label, return_request};
use rebound_shared::api::outcomes::OutcomeKind;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

/// A shop with a return address, automatic approval, a 30-day window and `rules` before it.
async fn shop_with(app: &TestApp, slug: &str, rules: Value) -> Account {
    let shop = app.register(slug).await;
    add_return_address(app, &shop).await;
    let approval = put_returns_settings(app, &shop, |r| r["approval_mode"] = json!("automatic"));
    assert_eq!(approval.await.status(), StatusCode::OK);
    let mut all = rules.as_array().cloned().unwrap_or_default();
    all.push(json!({"id": "window", "enabled": true, "conditions": [],
        "effect": {"kind": "window", "basis": "delivery", "days": 30}}));
    let saved = app
        .put(
            "/api/v1/settings/policies",
            Some(&shop.token),
            &json!({"rules": all}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    shop
}

async fn send(app: &TestApp, o: &PortalOrder, skus: &[&str]) -> reqwest::Response {
    let (plain, _) = return_reasons(app, o).await;
    let items: Vec<Value> = skus
        .iter()
        .map(|sku| json!({"order_item_id": o.item(sku), "quantity": 1, "reason_id": plain}))
        .collect();
    submit_return(
        app,
        o,
        &json!({"items": items, "resolution": "refund", "method": "prepaid_label"}),
    )
    .await
}

async fn mails_of(app: &TestApp, event: &str) -> usize {
    outbox::Entity::find()
        .filter(outbox::Column::Event.eq(event))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

async fn labels_of(app: &TestApp, return_id: &str) -> Vec<return_label::Model> {
    return_label::Entity::find()
        .filter(return_label::Column::ReturnId.eq(Uuid::parse_str(return_id).unwrap()))
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_kept_item_needs_no_label_and_is_resolved_after_approval() {
    // No worker rounds: what the submission committed is what is checked.
    let app = spawn_app_with(|c| c.outbox_poll_ms = 3_600_000).await;
    let keep_hats = json!([{"id": "keep-hats", "enabled": true,
        "conditions": [{"kind": "sku", "skus": ["HAT"]}], "effect": {"kind": "keep_item"}}]);
    let shop = shop_with(&app, "keep", keep_hats).await;
    let o = open_order(&app, &shop, "6100", "CA").await;

    let made = send(&app, &o, &["HAT"]).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["keep_item"], true);
    assert_eq!(made["status"], "approved");
    assert!(made["label_url"].is_null());
    assert_eq!(
        made["allowed_actions"],
        json!(["refund", "store_credit", "replace", "cancel"])
    );
    // No label job, and the approval mail says to keep the items.
    assert!(job::Entity::find().all(&app.db).await.unwrap().is_empty());
    assert_eq!(mails_of(&app, "return_approved_keep_item").await, 1);
    assert_eq!(mails_of(&app, "return_approved").await, 0);

    // Nothing to ship or receive; the refund follows at once.
    let id = id_of(&made);
    for (action, body) in [
        ("label", json!({"service": "regular"})),
        ("receive", json!({})),
    ] {
        let refused = act(&app, &shop, &id, action, &body).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT, "{action}");
    }
    assert!(labels_of(&app, &id).await.is_empty());
    let line = made["items"][0]["id"].as_str().unwrap();
    let refunded = ok(act(
        &app,
        &shop,
        &id,
        "refund",
        &json!({"items": [{"return_item_id": line, "amount_minor": 2000}],
            "reason": "returned_item"}),
    )
    .await)
    .await;
    assert_eq!(refunded["return"]["status"], "resolved");
    // Staff see the shipping the rule saved: the cheapest label for the parcel, in the ledger.
    let saved = refunded["return"]["shipping_saved_minor"]
        .as_i64()
        .expect("shipping saved");
    assert!(saved > 0);
    assert_eq!(
        outcomes_of(&app, &id).await,
        vec![
            (OutcomeKind::Refund, 2000, "CAD".to_owned()),
            (OutcomeKind::ShippingSaved, saved, "CAD".to_owned())
        ]
    );
    // The shopper's own view never carries it.
    assert!(made["shipping_saved_minor"].is_null());

    // One item that must come back sends everything in a parcel.
    let both = open_order(&app, &shop, "6101", "CA").await;
    let made: Value = send(&app, &both, &["HAT", "COAT"])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(made["keep_item"], false);
    assert_eq!(made["status"], "approved");
    assert_eq!(job::Entity::find().all(&app.db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_shopper_cancels_before_sending_and_the_label_is_voided() {
    let app = spawn_app_with(|c| c.outbox_poll_ms = 3_600_000).await;
    let shop = app.register("cancel").await;
    add_return_address(&app, &shop).await;
    let o = open_order(&app, &shop, "6200", "CA").await;
    let made: Value = send(&app, &o, &["COAT"]).await.json().await.unwrap();
    assert_eq!(made["status"], "pending_review");
    let id = id_of(&made);
    // Approved by staff: the label is bought with the approval.
    ok(act(&app, &shop, &id, "approve", &json!({})).await).await;
    assert_eq!(labels_of(&app, &id).await.len(), 1);
    let before = return_options(&app, &o).await;
    let coat = |options: &Value| {
        options["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["sku"] == "COAT")
            .unwrap()["returnable_quantity"]
            .clone()
    };
    assert_eq!(coat(&before), 1);

    let cancel = o.path(&format!("/returns/{id}/cancel"));
    let cancelled = app.post(&cancel, Some(&o.token), &json!({})).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let cancelled: Value = cancelled.json().await.unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    assert!(cancelled["label_url"].is_null());
    let last = cancelled["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["actor"].as_str(), last["code"].as_str()),
        (Some("shopper"), Some("cancelled_by_shopper"))
    );
    let labels = labels_of(&app, &id).await;
    assert!(labels[0].voided_at.is_some() && labels[0].current_for_return.is_none());
    assert_eq!(
        coat(&return_options(&app, &o).await),
        2,
        "both coats free again"
    );
    // Asking again answers the same; the list agrees.
    let again = app.post(&cancel, Some(&o.token), &json!({})).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(portal_returns(&app, &o).await[0]["status"], "cancelled");

    // Once the shop has the parcel it is too late; another order's token finds nothing.
    let second: Value = send(&app, &o, &["COAT"]).await.json().await.unwrap();
    let second_id = id_of(&second);
    ok(act(&app, &shop, &second_id, "approve", &json!({})).await).await;
    ok(act(&app, &shop, &second_id, "receive", &json!({})).await).await;
    let late = o.path(&format!("/returns/{second_id}/cancel"));
    assert_problem(
        app.post(&late, Some(&o.token), &json!({})).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    let other = open_order(&app, &shop, "6201", "CA").await;
    let foreign = other.path(&format!("/returns/{second_id}/cancel"));
    assert_problem(
        app.post(&foreign, Some(&other.token), &json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn staff_override_a_refusal_on_record_with_who_and_why() {
    let app = spawn_app_with(|c| c.outbox_poll_ms = 3_600_000).await;
    let final_coats = json!([{"id": "final-coats", "enabled": true,
        "conditions": [{"kind": "sku", "skus": ["COAT"]}], "effect": {"kind": "final_sale"}}]);
    let shop = shop_with(&app, "override", final_coats).await;
    let o = open_order(&app, &shop, "6300", "CA").await;
    let (plain, _) = return_reasons(&app, &o).await;
    let body = |policy_override: Value| {
        json!({"order_number": "6300", "items": [{"order_item_id": o.item("COAT"),
            "quantity": 2, "reason_id": plain}], "resolution": "refund",
            "method": "prepaid_label", "policy_override": policy_override})
    };
    let refused = app
        .post("/api/v1/returns", Some(&shop.token), &body(json!(null)))
        .await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "items[0].order_item_id");
    let blank = app
        .post(
            "/api/v1/returns",
            Some(&shop.token),
            &body(json!({"reason": "  "})),
        )
        .await;
    let problem = assert_problem(blank, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "policy_override.reason");

    let why = "Seam split on first wear; agreed on the phone";
    let made = app
        .post(
            "/api/v1/returns",
            Some(&shop.token),
            &body(json!({"reason": why})),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    let first = &made["history"][0];
    assert_eq!(first["code"], "policy_overridden");
    assert_eq!(first["params"]["reason"], why);
    assert_eq!(first["actor"], "staff");
    let log: Vec<Value> = app
        .get("/api/v1/audit-log", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let entry = log
        .iter()
        .find(|e| e["area"] == "returns")
        .expect("the override is in the audit log");
    assert!(entry["staff_name"].as_str().is_some_and(|n| !n.is_empty()));
    let change = &entry["changes"][0];
    assert!(
        change["field"]
            .as_str()
            .unwrap()
            .contains("policy_override"),
        "{change}"
    );
    assert!(
        change["from"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c == "final_sale")
    );
    assert_eq!(change["to"], why);

    // Quantities still hold: both coats are in that return now.
    let more = app
        .post(
            "/api/v1/returns",
            Some(&shop.token),
            &json!({"order_number": "6300", "items": [{"order_item_id": o.item("COAT"),
                "quantity": 1, "reason_id": plain}], "resolution": "refund",
                "method": "prepaid_label", "policy_override": {"reason": why}}),
        )
        .await;
    assert_eq!(more.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn order_and_product_tags_are_kept_and_decide_tag_rules() {
    let app = spawn_app_with(|c| c.outbox_poll_ms = 3_600_000).await;
    let rules = json!([
        {"id": "clearance", "enabled": true,
            "conditions": [{"kind": "product_tag", "tags": ["Clearance"]}],
            "effect": {"kind": "final_sale"}},
        {"id": "vip", "enabled": true,
            "conditions": [{"kind": "order_tag", "tags": ["vip"]}],
            "effect": {"kind": "extra_days", "days": 30}}
    ]);
    let shop = shop_with(&app, "tags", rules).await;
    let order = |number: &str, tags: Value| {
        json!({"customer_name": "Jane Doe", "email": format!("{number}@example.com"),
            "phone": null, "shipping_address": {"line1": "1 Main St", "line2": null,
            "city": "Toronto", "region": null, "postal_code": "M5V 2T6", "country": "CA"},
            "currency": "CAD", "placed_at": (chrono::Utc::now() - chrono::Duration::days(45)).to_rfc3339(),
            "tags": tags,
            "items": [
                {"sku": "MUG", "title": "Mug", "variant": null, "quantity": 1,
                    "unit_price_minor": 1500, "image_url": null, "parent_sku": null,
                    "tags": ["clearance"]},
                {"sku": "SCARF", "title": "Scarf", "variant": null, "quantity": 1,
                    "unit_price_minor": 3000, "image_url": null, "parent_sku": null}]})
    };
    // Delivered 40 days ago: past the 30-day window, unless the order is a VIP's.
    let vip = crate::helpers::portal::open_in_portal(
        &app,
        &shop,
        "6400",
        &order("6400", json!([" VIP ", "vip", "", "wholesale"])),
        Some(40),
    )
    .await;
    // The shop reads its tags back trimmed, once each; the shopper never sees them.
    let staff_view: Value = app
        .get("/api/v1/orders/6400", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(staff_view["tags"], json!(["VIP", "wholesale"]));
    assert_eq!(staff_view["items"][0]["tags"], json!(["clearance"]));
    assert_eq!(vip.order["tags"], json!([]));
    assert_eq!(vip.order["items"][0]["tags"], json!([]));
    let options = return_options(&app, &vip).await;
    let why = |options: &Value, sku: &str| {
        let item = options["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["sku"] == sku)
            .unwrap()
            .clone();
        (item["returnable_quantity"].clone(), item["why_not"].clone())
    };
    assert_eq!(why(&options, "MUG"), (json!(0), json!("not_returnable")));
    assert_eq!(why(&options, "SCARF"), (json!(1), json!(null)));

    let plain = crate::helpers::portal::open_in_portal(
        &app,
        &shop,
        "6401",
        &order("6401", json!([])),
        Some(40),
    )
    .await;
    let options = return_options(&app, &plain).await;
    assert_eq!(why(&options, "SCARF"), (json!(0), json!("window_closed")));

    // Too many or too long tags are refused by field.
    let refused = app
        .put(
            "/api/v1/orders/6402",
            Some(&shop.token),
            &order("6402", json!(["x".repeat(65)])),
        )
        .await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "tags");
}

#[tokio::test]
async fn a_kept_item_the_shop_asks_to_see_needs_its_photo_first() {
    let app = spawn_app_with(|c| c.outbox_poll_ms = 3_600_000).await;
    let keep_hats = json!([{"id": "keep-hats-shown", "enabled": true,
        "conditions": [{"kind": "sku", "skus": ["HAT"]}],
        "effect": {"kind": "keep_item", "photos": true}}]);
    let shop = shop_with(&app, "keep-shown", keep_hats).await;
    let o = open_order(&app, &shop, "6200", "CA").await;
    // The form is told before anything is sent.
    let options = return_options(&app, &o).await;
    let hat = options["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["sku"] == "HAT")
        .unwrap();
    assert_eq!(hat["terms"][0]["keep_item"], true);
    assert_eq!(hat["terms"][0]["keep_item_photos"], true);

    let refused = send(&app, &o, &["HAT"]).await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("items[0].photo_ids".into(), "required".into())]
    );
    // Nothing was made.
    assert!(
        return_request::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );

    let uploaded: Value = upload(&app, &o, png(40, 30)).await.json().await.unwrap();
    let (plain, _) = return_reasons(&app, &o).await;
    let made = submit_return(
        &app,
        &o,
        &json!({"items": [{"order_item_id": o.item("HAT"), "quantity": 1, "reason_id": plain,
            "photo_ids": [uploaded["id"]]}], "resolution": "refund", "method": "prepaid_label"}),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["keep_item"], true);
    assert_eq!(made["items"][0]["photos"].as_array().unwrap().len(), 1);

    // A hat sent with a coat travels in the parcel: no photo asked for.
    let both = open_order(&app, &shop, "6201", "CA").await;
    let made = send(&app, &both, &["HAT", "COAT"]).await;
    assert_eq!(made.status(), StatusCode::CREATED);
}
