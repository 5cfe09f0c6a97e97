//! Return policies: the rules a new shop starts with (seed 004's two tiers), rules saved by the
//! shop (final sale, a fee), the "try it" box, and who may change them.

use crate::helpers::portal::{
    OrderSpec, PLAIN, PortalOrder, open_in_portal, portal_order, return_options, submit_return,
};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app};
use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Jane's order `number`: one line of two `A` at 49.00 CAD, placed `placed_days_ago` days ago
/// and delivered two days later.
async fn order_placed(
    app: &TestApp,
    shop: &Account,
    number: &str,
    placed_days_ago: i64,
) -> PortalOrder {
    let body = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Town", "region": null,
            "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": (Utc::now() - Duration::days(placed_days_ago)).to_rfc3339(),
        "items": [{"sku": "A", "title": "Item A", "variant": "M", "quantity": 2,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null, "returnable": true}]
    });
    open_in_portal(app, shop, number, &body, Some(placed_days_ago - 2)).await
}

/// The id of the shop's reason labelled `label` (in English).
fn reason(options: &Value, label: &str) -> String {
    options["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label_en"] == label)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn line(o: &PortalOrder, quantity: i32, reason: &str) -> Value {
    json!({"items": [{"order_item_id": o.item("A"), "quantity": quantity, "reason_id": reason}],
        "resolution": "refund", "method": "prepaid_label"})
}

async fn put_rules(app: &TestApp, shop: &Account, rules: Value) -> reqwest::Response {
    app.put(
        "/api/v1/settings/policies",
        Some(&shop.token),
        &json!({"rules": rules}),
    )
    .await
}

fn window_from_delivery(days: u32) -> Value {
    json!({"id": "window", "enabled": true, "conditions": [],
        "effect": {"kind": "window", "basis": "delivery", "days": days}})
}

#[tokio::test]
async fn a_new_shop_starts_with_seed_004s_two_tiers() {
    let app = spawn_app().await;
    let shop = app.register_new_shop("tiers").await;
    let policies: Value = app
        .get("/api/v1/settings/policies", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(policies["source"], "rules");
    let sentences: Vec<&str> = policies["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sentence_en"].as_str().unwrap())
        .collect();
    assert_eq!(
        sentences,
        vec![
            "If the reason is defective, allow returns for 180 days from the order",
            "If the reason is not a defect, allow returns for 30 days from the order",
        ]
    );

    // A month and a day after purchase: "changed my mind" is refused...
    let late = order_placed(&app, &shop, "8001", 31).await;
    let options = return_options(&app, &late).await;
    let changed_mind = reason(&options, "Changed my mind");
    let refused = submit_return(&app, &late, &line(&late, 1, &changed_mind)).await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("items[0].order_item_id".into(), "window_closed".into())]
    );
    // ...while the form still offers the item, which a defect may bring back until 180 days.
    assert_eq!(options["items"][0]["why_not"], Value::Null);
    let ends = DateTime::parse_from_rfc3339(options["window_ends_at"].as_str().unwrap()).unwrap();
    let expected = Utc::now() + Duration::days(180 - 31);
    assert!((ends.timestamp() - expected.timestamp()).abs() < 120);

    // A hundred days after purchase, a defective item is accepted.
    let old = order_placed(&app, &shop, "8002", 100).await;
    let options = return_options(&app, &old).await;
    let defective = reason(&options, "Defective or not working");
    let photo: Value = crate::photos::upload(&app, &old, crate::photos::png(40, 30))
        .await
        .json()
        .await
        .unwrap();
    let body = json!({"items": [{"order_item_id": old.item("A"), "quantity": 1,
            "reason_id": defective, "comment": "It stopped working", "photo_ids": [photo["id"]]}],
        "resolution": "refund", "method": "prepaid_label"});
    let accepted = submit_return(&app, &old, &body).await;
    assert_eq!(accepted.status(), StatusCode::CREATED);
    let made: Value = accepted.json().await.unwrap();
    assert_eq!(made["status"], "needs_contact");
    assert_eq!(made["fee_minor"], Value::Null);
    // The same order with a shopper's reason is past its month.
    let changed_mind = reason(&options, "Changed my mind");
    let refused = submit_return(&app, &old, &line(&old, 1, &changed_mind)).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_fee_is_charged_on_what_a_partial_return_sends_back() {
    let app = spawn_app().await;
    let shop = app.register("fees").await;
    let fee = json!({"id": "fee", "enabled": true, "conditions": [],
        "effect": {"kind": "fee", "fee": {
            "charge": {"kind": "percent_of_value", "basis_points": 1000},
            "cap": {"minor": 1000, "currency": "CAD"},
            "waived_for": ["store_credit"]}}});
    let saved = put_rules(&app, &shop, json!([window_from_delivery(30), fee])).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["source"], "rules");
    assert_eq!(
        saved["rules"][1]["sentence_en"],
        "Charge a return fee of 10% of the returned value, capped at CA$10.00, waived for store credit"
    );

    // One of the two units comes back: 10% of 49.00.
    let o = portal_order(&app, &shop, &PLAIN).await;
    let options = return_options(&app, &o).await;
    let size = reason(&options, "Too small");
    let made = submit_return(&app, &o, &line(&o, 1, &size)).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["fee_minor"], 490);

    // Store credit waives it.
    let other = portal_order(
        &app,
        &shop,
        &OrderSpec {
            number: "7010",
            ..PLAIN
        },
    )
    .await;
    let mut credit = line(&other, 2, &size);
    credit["resolution"] = json!("store_credit");
    let made: Value = submit_return(&app, &other, &credit)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(made["fee_minor"], 0);
}

#[tokio::test]
async fn a_final_sale_item_is_refused() {
    let app = spawn_app().await;
    let shop = app.register("final").await;
    let sale = json!({"id": "sale", "enabled": true,
        "conditions": [{"kind": "sku", "skus": ["a"]}],
        "effect": {"kind": "final_sale"}});
    let saved = put_rules(&app, &shop, json!([sale, window_from_delivery(30)])).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let o = portal_order(&app, &shop, &PLAIN).await;
    let options = return_options(&app, &o).await;
    assert_eq!(options["items"][0]["why_not"], "not_returnable");
    let size = reason(&options, "Too small");
    let refused = submit_return(&app, &o, &line(&o, 1, &size)).await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("items[0].order_item_id".into(), "not_returnable".into())]
    );

    // The try-it box says which rule refused it, and why.
    let tried = app
        .post(
            "/api/v1/settings/policies/try",
            Some(&shop.token),
            &json!({"order_number": "7001"}),
        )
        .await;
    assert_eq!(tried.status(), StatusCode::OK);
    let tried: Value = tried.json().await.unwrap();
    assert_eq!(tried["source"], "rules");
    let a = &tried["items"][0];
    assert_eq!(a["sku"], "A");
    assert_eq!(a["verdict"]["allowed"], false);
    assert_eq!(
        a["verdict"]["why"][0],
        json!({"code": "final_sale", "rule_id": "sale"})
    );
    assert_eq!(a["why_not"], "not_returnable");
    assert_eq!(a["by_reason"].as_array().unwrap().len(), 7);
    let b = &tried["items"][1];
    assert_eq!(
        b["verdict"]["why"][0]["code"], "not_returnable",
        "the shop's own flag"
    );
    assert_eq!(b["verdict"]["window"]["rule_id"], "window");
    assert_problem(
        app.post(
            "/api/v1/settings/policies/try",
            Some(&shop.token),
            &json!({"order_number": "NOPE"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn rules_are_checked_field_by_field_and_kept_for_owners_and_managers() {
    let app = spawn_app().await;
    let shop = app.register("checks").await;
    let policies: Value = app
        .get("/api/v1/settings/policies", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(policies["source"], "settings", "the Returns tab's window");
    assert_eq!(
        policies["rules"][0]["sentence_fr"],
        "Accepter les retours pendant 30 jours après la livraison"
    );
    let euro_cap = json!({"id": "window", "enabled": true, "conditions": [],
        "effect": {"kind": "fee", "fee": {"charge": {"kind": "flat", "amount": {"minor": 500, "currency": "CAD"}},
            "cap": {"minor": 100, "currency": "EUR"}, "waived_for": []}}});
    let long = json!({"id": "long", "enabled": true, "conditions": [],
        "effect": {"kind": "window", "basis": "order", "days": 4000}});
    let refused = put_rules(
        &app,
        &shop,
        json!([window_from_delivery(30), euro_cap, long]),
    )
    .await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![
            ("rules[1].id".into(), "duplicate".into()),
            ("rules[1].effect.fee.cap".into(), "currency".into()),
            ("rules[2].effect.days".into(), "range".into()),
        ]
    );
    let agent = app.add_staff(&shop, "agent@checks.example", "agent").await;
    assert_problem(
        put_rules(&app, &agent, json!([window_from_delivery(30)])).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let read = app
        .get("/api/v1/settings/policies", Some(&agent.token))
        .await;
    assert_eq!(read.status(), StatusCode::OK);
}
