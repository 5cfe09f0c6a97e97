//! Risk per shopper: the thresholds (checked field by field, owners and managers only), a
//! shopper flagged past them (held for review under automatic approval, the flag in the queue
//! and the case, never in the shopper's own view), and the shoppers view (ranked, one shop's).

use crate::helpers::portal::{
    PortalOrder, open_in_portal, put_returns_settings, return_reasons, submit_return,
};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn put_risk(app: &TestApp, shop: &Account, thresholds: Value) -> reqwest::Response {
    app.put("/api/v1/settings/risk", Some(&shop.token), &thresholds)
        .await
}

async fn get_json(app: &TestApp, shop: &Account, path: &str) -> Value {
    let response = app.get(path, Some(&shop.token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// `name`'s order `number` (email `email`): five of `A` at 49.00 CAD, delivered yesterday.
async fn order_of(
    app: &TestApp,
    shop: &Account,
    number: &str,
    name: &str,
    email: &str,
) -> PortalOrder {
    let body = json!({
        "customer_name": name, "email": email, "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Town", "region": null,
            "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": (Utc::now() - Duration::days(10)).to_rfc3339(),
        "items": [{"sku": "A", "title": "Item A", "variant": "M", "quantity": 5,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null, "returnable": true}]
    });
    open_in_portal(app, shop, number, &body, Some(1)).await
}

/// One unit of `A` back, for a refund: the shopper's view of the new return.
async fn return_one(app: &TestApp, o: &PortalOrder) -> Value {
    let (plain, _) = return_reasons(app, o).await;
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 1, "reason_id": plain}],
        "resolution": "refund", "method": "prepaid_label"});
    let made = submit_return(app, o, &body).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    made.json().await.unwrap()
}

/// The queue's row for return `number`.
async fn queue_row(app: &TestApp, shop: &Account, number: &Value) -> Value {
    let page = get_json(app, shop, "/api/v1/returns?limit=100").await;
    page["returns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| &r["number"] == number)
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn thresholds_are_checked_field_by_field_and_only_managers_change_them() {
    let app = spawn_app().await;
    let shop = app.register("risk-rules").await;
    let empty = get_json(&app, &shop, "/api/v1/settings/risk").await;
    assert_eq!(
        empty["thresholds"],
        json!({"returns_at_least": null, "return_rate_at_least_basis_points": null,
            "value_returned_at_least": null, "not_received_at_least": null,
            "review_flagged": true})
    );
    let currency = empty["currency"].as_str().unwrap().to_owned();
    let other = if currency == "JPY" { "EUR" } else { "JPY" };

    let refused = put_risk(
        &app,
        &shop,
        json!({"returns_at_least": 0, "return_rate_at_least_basis_points": 10001,
            "value_returned_at_least": {"minor": 100, "currency": other},
            "not_received_at_least": 10001, "review_flagged": true}),
    )
    .await;
    let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![
            ("returns_at_least".into(), "range".into()),
            ("return_rate_at_least_basis_points".into(), "range".into()),
            ("value_returned_at_least".into(), "currency".into()),
            ("not_received_at_least".into(), "range".into()),
        ]
    );
    let nothing = put_risk(
        &app,
        &shop,
        json!({"value_returned_at_least": {"minor": 0, "currency": currency}}),
    )
    .await;
    let problem = assert_problem(nothing, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("value_returned_at_least".into(), "range".into())]
    );
    // Nothing was saved by the refusals.
    let still = get_json(&app, &shop, "/api/v1/settings/risk").await;
    assert_eq!(still["thresholds"]["returns_at_least"], Value::Null);

    let wanted = json!({"returns_at_least": 3, "return_rate_at_least_basis_points": 5000,
        "value_returned_at_least": {"minor": 25000, "currency": currency},
        "not_received_at_least": 2, "review_flagged": false});
    let saved = put_risk(&app, &shop, wanted.clone()).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let read = get_json(&app, &shop, "/api/v1/settings/risk").await;
    assert_eq!(read["thresholds"], wanted);

    // The change is in the audit log, under its area.
    let audit = get_json(&app, &shop, "/api/v1/audit-log").await;
    assert!(
        audit.to_string().contains("\"risk\""),
        "no risk entry in {audit}"
    );

    let agent = app
        .add_staff(&shop, "agent@risk-rules.example", "agent")
        .await;
    let agent_read = app.get("/api/v1/settings/risk", Some(&agent.token)).await;
    assert_eq!(agent_read.status(), StatusCode::OK);
    let agent_write = put_risk(&app, &agent, json!({"returns_at_least": 1})).await;
    assert_problem(agent_write, StatusCode::FORBIDDEN, "forbidden").await;
    let unchanged = get_json(&app, &shop, "/api/v1/settings/risk").await;
    assert_eq!(unchanged["thresholds"], wanted);
}

#[tokio::test]
async fn a_shopper_past_a_threshold_is_flagged_and_held_for_review() {
    let app = spawn_app().await;
    let shop = app.register("risk-flags").await;
    let automatic =
        put_returns_settings(&app, &shop, |r| r["approval_mode"] = json!("automatic")).await;
    assert_eq!(automatic.status(), StatusCode::OK);
    let saved = put_risk(&app, &shop, json!({"returns_at_least": 2})).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let jane = order_of(&app, &shop, "9101", "Jane Doe", "jane@example.com").await;

    // Under the threshold: approved at once, no flag.
    let first = return_one(&app, &jane).await;
    let second = return_one(&app, &jane).await;
    for r in [&first, &second] {
        assert_eq!(r["status"], "approved");
        let row = queue_row(&app, &shop, &r["number"]).await;
        assert_eq!(row["risk_flags"], json!([]));
    }

    // Two returns in twelve months: the third waits for staff despite automatic approval.
    let third = return_one(&app, &jane).await;
    assert_eq!(third["status"], "pending_review");
    // The shopper's own view says nothing of the flag, nor why it waits.
    assert_eq!(third["risk_flags"], json!([]));
    assert!(
        third["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["code"] != "risk_review"),
        "{third}"
    );
    let flag = json!([{"kind": "returns", "figure": 2, "threshold": 2}]);
    let row = queue_row(&app, &shop, &third["number"]).await;
    assert_eq!(row["status"], "pending_review");
    assert_eq!(row["risk_flags"], flag);
    let id = third["id"].as_str().unwrap();
    let case = get_json(&app, &shop, &format!("/api/v1/returns/{id}")).await;
    assert_eq!(case["return"]["risk_flags"], flag);
    assert_eq!(case["return"]["history"][0]["code"], "risk_review");
    assert_eq!(case["return"]["history"][0]["params"]["flags"], "returns");

    // Another shopper of the same shop is judged on their own history.
    let bob = order_of(&app, &shop, "9102", "Bob Roe", "bob@example.com").await;
    let bobs = return_one(&app, &bob).await;
    assert_eq!(bobs["status"], "approved");
    let row = queue_row(&app, &shop, &bobs["number"]).await;
    assert_eq!(row["risk_flags"], json!([]));

    // "Try it" reads the flag as the submission does: a rule approving automatically unless
    // the shopper is flagged sends Jane's order to review, not Bob's.
    let rules = json!({"rules": [
        {"id": "window", "enabled": true, "conditions": [],
            "effect": {"kind": "window", "basis": "delivery", "days": 30}},
        {"id": "review-flagged", "enabled": true, "conditions": [],
            "effect": {"kind": "approval", "approval": "manual_when_flagged"}}]});
    let saved = app
        .put("/api/v1/settings/policies", Some(&shop.token), &rules)
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    for (number, approval) in [("9101", "manual"), ("9102", "automatic")] {
        let tried: Value = app
            .post(
                "/api/v1/settings/policies/try",
                Some(&shop.token),
                &json!({"order_number": number}),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            tried["items"][0]["verdict"]["approval"], approval,
            "{tried}"
        );
    }
    let cleared = app
        .put(
            "/api/v1/settings/policies",
            Some(&shop.token),
            &json!({"rules": [rules["rules"][0].clone()]}),
        )
        .await;
    assert_eq!(cleared.status(), StatusCode::OK);

    // Without forced review, a flagged shopper's return follows the approval setting but
    // keeps its flag.
    let relaxed = put_risk(
        &app,
        &shop,
        json!({"returns_at_least": 2, "review_flagged": false}),
    )
    .await;
    assert_eq!(relaxed.status(), StatusCode::OK);
    let fourth = return_one(&app, &jane).await;
    assert_eq!(fourth["status"], "approved");
    let row = queue_row(&app, &shop, &fourth["number"]).await;
    assert_eq!(
        row["risk_flags"],
        json!([{"kind": "returns", "figure": 3, "threshold": 2}])
    );
}

#[tokio::test]
async fn the_shoppers_view_ranks_by_returns_within_one_shop() {
    let app = spawn_app().await;
    let shop = app.register("risk-list").await;
    let jane = order_of(&app, &shop, "9201", "Jane Doe", "jane@example.com").await;
    let bob = order_of(&app, &shop, "9202", "Bob Roe", "bob@example.com").await;
    return_one(&app, &bob).await;
    return_one(&app, &jane).await;
    return_one(&app, &jane).await;
    let claim = app
        .post(
            &bob.path("/issues"),
            Some(&bob.token),
            &json!({"issue_type": "missing_item", "message": "Never came"}),
        )
        .await;
    assert_eq!(claim.status(), StatusCode::CREATED);
    // Another shop's busier shopper, under an email nobody uses here.
    let other = app.register("risk-elsewhere").await;
    let zed = order_of(&app, &other, "9301", "Zed Hidden", "zed@example.com").await;
    for _ in 0..3 {
        return_one(&app, &zed).await;
    }

    let list = get_json(&app, &shop, "/api/v1/shoppers").await;
    assert_eq!(list["thresholds_set"], false);
    let shoppers = list["shoppers"].as_array().unwrap();
    let emails: Vec<&str> = shoppers
        .iter()
        .map(|s| s["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["jane@example.com", "bob@example.com"]);
    let top = &shoppers[0];
    assert_eq!(top["name"], "Jane Doe");
    assert_eq!(top["orders"], 1);
    assert_eq!(top["returns"], 2);
    assert_eq!(top["orders_returned"], 1);
    assert_eq!(top["return_rate_basis_points"], 10000);
    assert_eq!(top["value_returned"]["minor"], 2 * 4900);
    assert_eq!(top["not_received"], 0);
    assert_eq!(top["flags"], json!([]));
    assert_eq!(shoppers[1]["returns"], 1);
    assert_eq!(shoppers[1]["not_received"], 1);

    // With thresholds, the list says who crosses them and why.
    let saved = put_risk(
        &app,
        &shop,
        json!({"returns_at_least": 2, "not_received_at_least": 1}),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let list = get_json(&app, &shop, "/api/v1/shoppers?limit=1").await;
    assert_eq!(list["thresholds_set"], true);
    assert_eq!(list["shoppers"].as_array().unwrap().len(), 1);
    assert_eq!(
        list["shoppers"][0]["flags"],
        json!([{"kind": "returns", "figure": 2, "threshold": 2}])
    );
    let list = get_json(&app, &shop, "/api/v1/shoppers").await;
    assert_eq!(
        list["shoppers"][1]["flags"],
        json!([{"kind": "not_received", "figure": 1, "threshold": 1}])
    );

    // The other shop sees only its own shopper.
    let theirs = get_json(&app, &other, "/api/v1/shoppers").await;
    let emails: Vec<&Value> = theirs["shoppers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["email"])
        .collect();
    assert_eq!(emails, [&json!("zed@example.com")]);
    assert_eq!(theirs["shoppers"][0]["returns"], 3);

    let bad = app.get("/api/v1/shoppers?limit=0", Some(&shop.token)).await;
    let problem = assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("limit".into(), "range".into())]
    );
    let anonymous = app.get("/api/v1/shoppers", None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
