//! The return form's terms per item and reason: a reason the rules refuse is refused in the
//! options (not only at submission), resolutions are what the rules leave of the shop's offer,
//! and the fee the form works out from the options is the fee the return is stored with; a
//! refund never goes below nothing.

use crate::helpers::portal::{
    PLAIN, add_return_address, portal_order, return_options, submit_return,
};
use crate::helpers::{assert_problem, field_codes, spawn_app};
use crate::return_queue::{act, ok};
use rebound_api::db::entities::return_outcome;
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::returns::{ReturnItemInput, ReturnOptions};
use rebound_shared::api::settings::Resolution;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

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

/// Item `sku`'s terms for `reason`.
fn terms<'a>(options: &'a Value, sku: &str, reason: &str) -> &'a Value {
    let item = options["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["sku"] == sku)
        .unwrap();
    item["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reason_id"] == reason)
        .unwrap()
}

#[tokio::test]
async fn options_carry_each_reasons_terms_and_the_forms_fee_is_the_stored_fee() {
    let app = spawn_app().await;
    let shop = app.register("terms").await;
    add_return_address(&app, &shop).await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let before = return_options(&app, &o).await;
    let changed_mind = reason(&before, "Changed my mind");
    let too_small = reason(&before, "Too small");
    let rules = json!([
        {"id": "no-mind-changes", "enabled": true,
            "conditions": [{"kind": "reason", "reason_ids": [changed_mind]}],
            "effect": {"kind": "final_sale"}},
        {"id": "credit-for-size", "enabled": true,
            "conditions": [{"kind": "reason", "reason_ids": [too_small]}],
            "effect": {"kind": "resolutions", "allowed": ["store_credit", "replacement"]}},
        {"id": "window", "enabled": true, "conditions": [],
            "effect": {"kind": "window", "basis": "delivery", "days": 30}},
        {"id": "fee", "enabled": true, "conditions": [],
            "effect": {"kind": "fee", "fee": {
                "charge": {"kind": "percent_of_value", "basis_points": 1250},
                "waived_for": ["defective", "exchange"]}}}
    ]);
    let saved = app
        .put(
            "/api/v1/settings/policies",
            Some(&shop.token),
            &json!({"rules": rules}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);

    let options = return_options(&app, &o).await;
    let a_items = options["items"][0]["terms"].as_array().unwrap();
    assert_eq!(
        a_items.len(),
        options["reasons"].as_array().unwrap().len(),
        "one entry per active reason"
    );
    // The reason a rule refuses is refused for this item before anything is submitted.
    let refused = terms(&options, "A", &changed_mind);
    assert_eq!(refused["allowed"], false);
    assert_eq!(refused["why_not"], "not_returnable");
    // Another reason is allowed, with the fee rule and what is left of the shop's offer.
    let size = terms(&options, "A", &too_small);
    assert_eq!(size["allowed"], true);
    assert_eq!(size["why_not"], Value::Null);
    assert_eq!(size["fee"]["rule_id"], "fee");
    assert_eq!(size["fee"]["fee"]["charge"]["basis_points"], 1250);
    assert_eq!(size["keep_item"], false);
    assert!(size["deadline"].is_string());
    let offered: Vec<Value> = options["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| ["store_credit", "replacement"].contains(&r.as_str().unwrap()))
        .cloned()
        .collect();
    assert!(
        !offered.is_empty(),
        "the shop offers one of them: {options}"
    );
    assert_eq!(size["resolutions"], Value::Array(offered));
    // B is marked not returnable by the shop: no reason brings it back.
    let b = &options["items"][1];
    assert!(
        b["terms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["allowed"] == false)
    );

    // A partial return, one coat of two, with a reason whose terms allow a refund: the
    // form's own reckoning (the shared `fee_for` on the options) is what the server stores.
    let wrong = options["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["defective"] == false
                && terms(&options, "A", r["id"].as_str().unwrap())["resolutions"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("refund"))
        })
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let typed: ReturnOptions = serde_json::from_value(options.clone()).unwrap();
    let line = ReturnItemInput {
        order_item_id: o.item("A").parse::<Uuid>().unwrap(),
        quantity: 1,
        reason_id: wrong.parse().unwrap(),
        comment: None,
        photo_ids: Vec::new(),
        exchange_sku: None,
    };
    let shown = typed
        .fee_for(std::slice::from_ref(&line), Some(Resolution::Refund))
        .unwrap();
    // 12.5% of 49.00, rounded half up to the cent.
    assert_eq!(shown.minor(), 613);
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 1, "reason_id": wrong}],
        "resolution": "refund", "method": "prepaid_label"});
    let made = submit_return(&app, &o, &body).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["fee_minor"], shown.minor());

    // Submitting the refused reason is still refused by the server.
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 1,
            "reason_id": changed_mind}],
        "resolution": "refund", "method": "prepaid_label"});
    let problem = assert_problem(
        submit_return(&app, &o, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("items[0].order_item_id".into(), "not_returnable".into())]
    );

    // Staff refund what was paid less the fee; a negative or empty refund is refused.
    let id = made["id"].as_str().unwrap().to_owned();
    ok(act(&app, &shop, &id, "approve", &json!({})).await).await;
    let received = ok(act(&app, &shop, &id, "receive", &json!({})).await).await;
    let return_line = received["return"]["items"][0]["id"].clone();
    assert_eq!(received["return"]["fee_minor"], 613);
    let inspect = json!({"items": [{"return_item_id": return_line, "condition": "ok"}]});
    ok(act(&app, &shop, &id, "inspect", &inspect).await).await;
    for amount in [-613, 0] {
        let problem = assert_problem(
            act(
                &app,
                &shop,
                &id,
                "refund",
                &json!({"items": [{"return_item_id": return_line, "amount_minor": amount}],
                    "reason": "returned_item"}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            vec![("items[0].amount_minor".into(), "range".into())],
            "{amount}"
        );
    }
    let refunded = ok(act(
        &app,
        &shop,
        &id,
        "refund",
        &json!({"items": [{"return_item_id": return_line, "amount_minor": 4900 - 613}],
            "reason": "returned_item"}),
    )
    .await)
    .await;
    assert_eq!(refunded["refunds"][0]["amount_minor"], 4287);

    // The ledger holds what the money came to: the refund and the fee kept back, once each.
    let ledger = outcomes_of(&app, &id).await;
    assert_eq!(
        ledger,
        vec![
            (OutcomeKind::Fee, 613, "CAD".to_owned()),
            (OutcomeKind::Refund, 4287, "CAD".to_owned())
        ]
    );
}

/// The outcomes ledger's rows for return `id`, as (kind, amount, currency), by kind's name.
pub async fn outcomes_of(
    app: &crate::helpers::TestApp,
    id: &str,
) -> Vec<(OutcomeKind, i64, String)> {
    let mut rows: Vec<_> = return_outcome::Entity::find()
        .filter(return_outcome::Column::ReturnId.eq(id.parse::<Uuid>().unwrap()))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.kind, o.amount_minor, o.currency))
        .collect();
    rows.sort_by_key(|(kind, ..)| format!("{kind:?}"));
    rows
}

#[tokio::test]
async fn a_share_of_the_label_is_charged_on_the_cheapest_label_the_form_showed() {
    let app = spawn_app().await;
    let shop = app.register("labelfee").await;
    add_return_address(&app, &shop).await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let rules = json!([{"id": "window", "enabled": true, "conditions": [],
            "effect": {"kind": "window", "basis": "delivery", "days": 30}},
        {"id": "label-share", "enabled": true, "conditions": [],
        "effect": {"kind": "fee", "fee": {
            "charge": {"kind": "percent_of_label", "basis_points": 5000}, "waived_for": []}}}]);
    let saved = app
        .put(
            "/api/v1/settings/policies",
            Some(&shop.token),
            &json!({"rules": rules}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let options = return_options(&app, &o).await;
    let typed: ReturnOptions = serde_json::from_value(options.clone()).unwrap();
    assert!(!typed.label_costs.is_empty(), "{options}");
    let reason_id = typed.reasons.iter().find(|r| !r.defective).unwrap().id;
    let line = ReturnItemInput {
        order_item_id: o.item("A").parse::<Uuid>().unwrap(),
        quantity: 2,
        reason_id,
        comment: None,
        photo_ids: Vec::new(),
        exchange_sku: None,
    };
    let label = typed.label_cost(std::slice::from_ref(&line)).unwrap();
    let shown = typed
        .fee_for(std::slice::from_ref(&line), Some(Resolution::Refund))
        .unwrap();
    assert!(label.minor() > 0);
    // Half the label, rounded half up.
    assert_eq!(shown.minor(), (label.minor() + 1) / 2);
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 2,
            "reason_id": reason_id}],
        "resolution": "refund", "method": "prepaid_label"});
    let made = submit_return(&app, &o, &body).await;
    let status = made.status();
    let made: Value = made.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["fee_minor"], shown.minor());
}
