//! The staff half of returns: the queue (filters, search, counts, pages), the case, every
//! action from allowed and refused states, resolutions, bulk approval, permissions and
//! tenancy; and the mails the journey sends, read off a real SMTP listener.

use crate::helpers::portal::{
    PortalOrder, add_return_address, open_in_portal, portal_returns, put_returns_settings,
    return_reasons, submit_return,
};
use crate::helpers::{
    Account, JWT_SECRET, TestApp, assert_problem, field_codes, spawn_app, spawn_app_with,
};
use crate::photos::png;
use crate::return_terms::outcomes_of;
use crate::smtp::{Received, SmtpServer};
use chrono::{Duration, Utc};
use mail_parser::{MimeHeaders, PartType};
use rebound_api::db::entities::{
    job, order_item, outbox, return_item, return_label, return_reason, return_request,
};
use rebound_api::notify::jobs::{self, JobDeps};
use rebound_api::notify::worker::WorkerConfig;
use rebound_api::storage::Storage;
use rebound_migration::{Migrator, MigratorTrait};
use rebound_shared::api::outcomes::OutcomeKind;
use reqwest::{Response, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;

const WAIT: std::time::Duration = std::time::Duration::from_secs(20);

async fn shop(app: &TestApp, slug: &str) -> Account {
    let shop = app.register(slug).await;
    add_return_address(app, &shop).await;
    shop
}

/// An order opened in the portal, delivered yesterday: a coat (with a care plan attached)
/// and a hat.
pub(crate) async fn open_order(
    app: &TestApp,
    shop: &Account,
    number: &str,
    country: &str,
) -> PortalOrder {
    let (postal, currency, city) = if country == "FR" {
        ("75011", "EUR", "Paris")
    } else {
        ("M5V 2T6", "CAD", "Toronto")
    };
    let email = format!("buyer{number}@example.com");
    let body = json!({
        "customer_name": "Jane Doe", "email": email, "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": city, "region": null,
            "postal_code": postal, "country": country},
        "currency": currency, "placed_at": (Utc::now() - Duration::days(60)).to_rfc3339(),
        "items": [
            {"sku": "COAT", "title": "Wool coat", "variant": "M", "quantity": 2,
                "unit_price_minor": 10000, "image_url": null, "parent_sku": null},
            {"sku": "CARE", "title": "Care plan", "variant": null, "quantity": 2,
                "unit_price_minor": 1500, "image_url": null, "parent_sku": "COAT",
                "returnable": false},
            {"sku": "HAT", "title": "Felt hat", "variant": null, "quantity": 1,
                "unit_price_minor": 2000, "image_url": null, "parent_sku": null}
        ]
    });
    open_in_portal(app, shop, number, &body, Some(1)).await
}

/// A plain return of `quantity` coats (and the hat when `hat`), resolution `resolution`.
pub(crate) async fn submit(
    app: &TestApp,
    o: &PortalOrder,
    quantity: i32,
    hat: bool,
    resolution: &str,
) -> Value {
    let (plain, _) = return_reasons(app, o).await;
    let mut items = vec![
        json!({"order_item_id": o.item("COAT"), "quantity": quantity,
        "reason_id": plain}),
    ];
    if hat {
        items.push(json!({"order_item_id": o.item("HAT"), "quantity": 1, "reason_id": plain}));
    }
    let r = submit_return(
        app,
        o,
        &json!({"items": items, "resolution": resolution, "method": "prepaid_label",
            "replacement_variant": if resolution == "replacement" { json!("L") } else { json!(null) }}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

pub(crate) async fn submit_defective(app: &TestApp, o: &PortalOrder) -> Value {
    let (_, defective) = return_reasons(app, o).await;
    let photo: Value = app
        .client
        .post(app.url(&o.path("/photos")))
        .bearer_auth(&o.token)
        .body(png(40, 30))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = submit_return(
        app,
        o,
        &json!({"items": [{"order_item_id": o.item("HAT"), "quantity": 1,
            "reason_id": defective, "comment": "The seam split on day two",
            "photo_ids": [photo["id"]]}],
            "resolution": "refund", "method": "prepaid_label"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

pub(crate) fn id_of(ret: &Value) -> String {
    ret["id"].as_str().unwrap().to_owned()
}

pub(crate) async fn act(
    app: &TestApp,
    who: &Account,
    id: &str,
    action: &str,
    body: &Value,
) -> Response {
    app.post(
        &format!("/api/v1/returns/{id}/{action}"),
        Some(&who.token),
        body,
    )
    .await
}

pub(crate) async fn ok(response: Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// A refused transition: 409 naming the status the return is in.
async fn refused(response: Response, status: &str) {
    let problem = assert_problem(response, StatusCode::CONFLICT, "conflict").await;
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains(&status.replace('_', " ")), "{detail}");
}

async fn inspect_all(app: &TestApp, who: &Account, detail: &Value, condition: &str) -> Value {
    let items: Vec<Value> = detail["return"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"return_item_id": i["id"], "condition": condition}))
        .collect();
    ok(act(
        app,
        who,
        &id_of(&detail["return"]),
        "inspect",
        &json!({"items": items}),
    )
    .await)
    .await
}

#[tokio::test]
async fn a_return_walks_from_review_to_refund_and_refused_steps_say_why() {
    let app = spawn_app().await;
    let shop = shop(&app, "walk").await;
    let o = open_order(&app, &shop, "5001", "CA").await;
    let ret = submit(&app, &o, 1, false, "refund").await;
    let id = id_of(&ret);
    assert_eq!(ret["status"], "pending_review");

    let detail = ok(app
        .get(&format!("/api/v1/returns/{id}"), Some(&shop.token))
        .await)
    .await;
    assert_eq!(
        detail["return"]["allowed_actions"],
        json!(["approve", "reject", "cancel"])
    );
    assert_eq!(detail["order"]["number"], "5001");
    assert_eq!(detail["total_value_minor"], 10000);
    assert!(detail["label"].is_null());

    refused(
        act(&app, &shop, &id, "receive", &json!({})).await,
        "pending_review",
    )
    .await;
    refused(
        act(
            &app,
            &shop,
            &id,
            "refund",
            &json!({"items": [{"return_item_id": ret["items"][0]["id"], "amount_minor": 100}],
                "reason": "other"}),
        )
        .await,
        "pending_review",
    )
    .await;
    refused(
        act(&app, &shop, &id, "label", &json!({"service": "regular"})).await,
        "pending_review",
    )
    .await;

    let approved = ok(act(&app, &shop, &id, "approve", &json!({})).await).await;
    assert_eq!(approved["return"]["status"], "approved");
    assert_eq!(approved["label"]["service"], "regular");
    assert!(
        approved["return"]["label_url"]
            .as_str()
            .unwrap()
            .contains("signature=")
    );
    refused(
        act(&app, &shop, &id, "approve", &json!({})).await,
        "approved",
    )
    .await;
    // The shopper sees the label and its QR code on the order page.
    let listed = portal_returns(&app, &o).await;
    assert!(
        listed[0]["label_url"]
            .as_str()
            .unwrap()
            .starts_with("/api/v1/labels/")
    );
    assert!(listed[0]["qr_url"].as_str().unwrap().contains("/qr.png?"));
    let qr = app.get(listed[0]["qr_url"].as_str().unwrap(), None).await;
    assert_eq!(qr.status(), StatusCode::OK);

    // The label again is the same label, and not a second timeline entry.
    let again = act(&app, &shop, &id, "label", &json!({"service": "regular"})).await;
    assert_eq!(again.status(), StatusCode::OK);

    let received = ok(act(&app, &shop, &id, "receive", &json!({})).await).await;
    assert_eq!(received["return"]["status"], "received");
    refused(
        act(&app, &shop, &id, "store-credit", &json!({})).await,
        "received",
    )
    .await;

    // The shop discards damaged items: the policy is recorded with the inspection.
    assert_eq!(
        put_returns_settings(&app, &shop, |r| r["damaged_policy"] = json!("discard"))
            .await
            .status(),
        StatusCode::OK
    );
    let missing = act(
        &app,
        &shop,
        &id,
        "inspect",
        &json!({"items": [
        {"return_item_id": uuid::Uuid::now_v7(), "condition": "ok"}]}),
    )
    .await;
    let problem = assert_problem(missing, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("items[0].return_item_id".to_owned(), "unknown".to_owned())]
    );
    let inspected = inspect_all(&app, &shop, &received, "damaged").await;
    assert_eq!(inspected["return"]["status"], "inspected");
    assert_eq!(inspected["inspections"][0]["condition"], "damaged");
    assert_eq!(inspected["inspections"][0]["disposition"], "discard");

    let line = inspected["return"]["items"][0]["id"].clone();
    let too_much = act(
        &app,
        &shop,
        &id,
        "refund",
        &json!({"items": [
        {"return_item_id": line, "amount_minor": 10001}], "reason": "returned_item"}),
    )
    .await;
    let problem = assert_problem(too_much, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("items[0].amount_minor".to_owned(), "above_paid".to_owned())]
    );
    let refunded = ok(act(
        &app,
        &shop,
        &id,
        "refund",
        &json!({"items": [
        {"return_item_id": line, "amount_minor": 10000}], "reason": "returned_item"}),
    )
    .await)
    .await;
    assert_eq!(refunded["return"]["status"], "resolved");
    assert_eq!(refunded["return"]["allowed_actions"], json!([]));
    // The coat's care plan is refunded (one unit for the one coat) and that unit ended; the
    // other coat's plan runs on (issue 11: the whole line used to end).
    let refunds = refunded["refunds"].as_array().unwrap();
    assert_eq!(refunds.len(), 2);
    let care = refunds
        .iter()
        .find(|r| r["return_item_id"].is_null())
        .unwrap();
    assert_eq!(care["order_item_id"].as_str().unwrap(), o.item("CARE"));
    assert_eq!(care["amount_minor"], 1500);
    let care_row = order_item::Entity::find()
        .filter(order_item::Column::Sku.eq("CARE"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(care_row.ended_quantity, 1);
    assert!(care_row.ended_at.is_none());
    refused(
        act(
            &app,
            &shop,
            &id,
            "refund",
            &json!({"items": [
            {"return_item_id": line, "amount_minor": 1}], "reason": "other"}),
        )
        .await,
        "resolved",
    )
    .await;

    // Every step is on the timeline: who, from, to, and the note.
    let history = refunded["return"]["history"].as_array().unwrap();
    let steps: Vec<(Value, Value)> = history
        .iter()
        .map(|e| (e["from"].clone(), e["to"].clone()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (json!(null), json!("pending_review")),
            (json!("pending_review"), json!("approved")),
            (json!("approved"), json!("received")),
            (json!("received"), json!("inspected")),
            (json!("inspected"), json!("resolved")),
        ]
    );
    assert!(
        history[1..].iter().all(
            |e| e["actor"] == "staff" && e["staff_id"].as_str() == Some(shop.staff_id.as_str())
        )
    );
    assert!(history[4]["note"].as_str().unwrap().contains("115.00 CAD"));
    // Stored as a code with its values, which the apps word in the reader's language.
    assert_eq!(history[4]["code"], "refunded");
    assert_eq!(
        history[4]["params"],
        json!({"amount_minor": "11500", "currency": "CAD", "reason": "returned_item"})
    );
    assert_eq!(history[3]["code"], "inspected_damaged");
    assert_eq!(
        history[3]["params"],
        json!({"count": "1", "policy": "discard"})
    );
    assert!(history[1]["code"].is_null());
}

#[tokio::test]
async fn a_rejection_reason_reaches_the_shopper() {
    let app = spawn_app().await;
    let shop = shop(&app, "nope").await;
    let o = open_order(&app, &shop, "5101", "CA").await;
    let id = id_of(&submit(&app, &o, 1, false, "refund").await);
    let empty = act(&app, &shop, &id, "reject", &json!({"reason": ""})).await;
    assert_problem(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let rejected = ok(act(
        &app,
        &shop,
        &id,
        "reject",
        &json!({"reason": "Worn and washed"}),
    )
    .await)
    .await;
    assert_eq!(rejected["return"]["status"], "rejected");
    let listed = portal_returns(&app, &o).await;
    assert_eq!(listed[0]["status"], "rejected");
    assert_eq!(listed[0]["rejection_reason"], "Worn and washed");
    refused(
        act(&app, &shop, &id, "approve", &json!({})).await,
        "rejected",
    )
    .await;
    // A rejected return gives the coat back: it can be returned again.
    let again = submit(&app, &o, 2, false, "refund").await;
    assert_eq!(again["status"], "pending_review");
}

pub(crate) async fn walk_to_inspected(app: &TestApp, shop: &Account, id: &str) -> Value {
    ok(act(app, shop, id, "approve", &json!({})).await).await;
    let received = ok(act(app, shop, id, "receive", &json!({})).await).await;
    inspect_all(app, shop, &received, "ok").await
}

/// Refunds `amount` for the first line of an inspected return.
async fn refund_first_line(
    app: &TestApp,
    shop: &Account,
    id: &str,
    inspected: &Value,
    amount: i64,
) -> Value {
    let line = inspected["return"]["items"][0]["id"].clone();
    ok(act(
        app,
        shop,
        id,
        "refund",
        &json!({"items": [{"return_item_id": line, "amount_minor": amount}],
            "reason": "returned_item"}),
    )
    .await)
    .await
}

async fn care_plan(app: &TestApp) -> order_item::Model {
    order_item::Entity::find()
        .filter(order_item::Column::Sku.eq("CARE"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn each_refunded_coat_ends_its_own_care_plan_unit() {
    let app = spawn_app().await;
    let shop = shop(&app, "two-coats").await;
    let o = open_order(&app, &shop, "5150", "CA").await;
    let care_refund = |refunded: &Value| {
        refunded["refunds"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["order_item_id"].as_str() == Some(o.item("CARE").as_str()))
            .map(|r| r["amount_minor"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };

    let first = id_of(&submit(&app, &o, 1, false, "refund").await);
    let inspected = walk_to_inspected(&app, &shop, &first).await;
    let refunded = refund_first_line(&app, &shop, &first, &inspected, 10000).await;
    assert_eq!(care_refund(&refunded), vec![1500], "one plan of two");
    let care = care_plan(&app).await;
    assert_eq!((care.ended_quantity, care.ended_at), (1, None));

    // The second coat comes back later: its plan is refunded and ended too, and only then is
    // the whole line over.
    let second = id_of(&submit(&app, &o, 1, false, "refund").await);
    let inspected = walk_to_inspected(&app, &shop, &second).await;
    let refunded = refund_first_line(&app, &shop, &second, &inspected, 10000).await;
    assert_eq!(care_refund(&refunded), vec![1500]);
    let care = care_plan(&app).await;
    assert_eq!(care.ended_quantity, 2);
    assert!(care.ended_at.is_some());
}

#[tokio::test]
async fn history_stored_as_english_sentences_becomes_codes() {
    let app = spawn_app().await;
    let shop = shop(&app, "old-notes").await;
    let o = open_order(&app, &shop, "5160", "FR").await;
    let id = id_of(&submit(&app, &o, 1, false, "refund").await);
    ok(act(
        &app,
        &shop,
        &id,
        "reject",
        &json!({"reason": "Porté et lavé"}),
    )
    .await)
    .await;

    // Back to the schema before codes, with the sentences the app used to store.
    let applied = Migrator::get_applied_migrations(&app.db).await.unwrap();
    let codes = applied
        .iter()
        .position(|m| m.name().contains("_000014_"))
        .unwrap();
    let later = u32::try_from(applied.len() - codes).unwrap();
    Migrator::down(&app.db, Some(later)).await.unwrap();
    for (sql, note) in [
        (
            "from_status IS NULL",
            "Withdrawal from the contract (EU), stated online.",
        ),
        ("to_status = 'rejected'", "Porté et lavé"),
    ] {
        app.db
            .execute_unprepared(&format!(
                "UPDATE return_events SET note = '{note}' WHERE {sql}"
            ))
            .await
            .unwrap();
    }
    Migrator::up(&app.db, None).await.unwrap();

    let detail = ok(app
        .get(&format!("/api/v1/returns/{id}"), Some(&shop.token))
        .await)
    .await;
    let history = detail["return"]["history"].as_array().unwrap();
    assert_eq!(history[0]["code"], "withdrawal_stated");
    assert_eq!(history[0]["params"], json!({}));
    assert_eq!(history[1]["code"], "rejected");
    assert_eq!(history[1]["params"], json!({"reason": "Porté et lavé"}));
    assert_eq!(history[1]["note"], "Porté et lavé");
    assert_eq!(
        portal_returns(&app, &o).await[0]["rejection_reason"],
        "Porté et lavé"
    );
}

#[tokio::test]
async fn refunds_stop_at_the_refund_deadline() {
    let app = spawn_app().await;
    let shop = shop(&app, "late").await;
    let o = open_order(&app, &shop, "5201", "CA").await;
    let id = id_of(&submit(&app, &o, 1, false, "refund").await);
    let inspected = walk_to_inspected(&app, &shop, &id).await;
    assert_eq!(inspected["inspections"][0]["disposition"], "restock");
    // Bought 60 days ago; the shop refunds up to 30 days from purchase.
    assert_eq!(
        put_returns_settings(&app, &shop, |r| r["refund_deadline_days"] = json!(30))
            .await
            .status(),
        StatusCode::OK
    );
    let line = inspected["return"]["items"][0]["id"].clone();
    let late = act(
        &app,
        &shop,
        &id,
        "refund",
        &json!({"items": [
        {"return_item_id": line, "amount_minor": 100}], "reason": "returned_item"}),
    )
    .await;
    let problem = assert_problem(late, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("refund_deadline_days".to_owned(), "passed".to_owned())]
    );
    // Nothing was refunded; store credit is still possible.
    let credited = ok(act(&app, &shop, &id, "store-credit", &json!({})).await).await;
    assert!(credited["refunds"].as_array().unwrap().is_empty());
    assert_eq!(credited["return"]["status"], "resolved");
}

#[tokio::test]
async fn store_credit_is_shown_to_the_shopper_and_replacements_ship() {
    let app = spawn_app().await;
    let shop = shop(&app, "credit").await;
    let o = open_order(&app, &shop, "5301", "CA").await;
    let id = id_of(&submit(&app, &o, 1, true, "store_credit").await);
    walk_to_inspected(&app, &shop, &id).await;
    let credited = ok(act(&app, &shop, &id, "store-credit", &json!({})).await).await;
    let credit = &credited["store_credit"];
    assert_eq!(credit["amount_minor"], 12000);
    assert_eq!(credit["balance_minor"], 12000);
    let code = credit["code"].as_str().unwrap();
    assert!(code.starts_with("SC-"));
    let listed = portal_returns(&app, &o).await;
    assert_eq!(listed[0]["store_credit"]["code"], code);
    assert_eq!(listed[0]["store_credit"]["balance_minor"], 12000);
    let credit_id = id.clone();

    let id = id_of(&submit(&app, &o, 1, false, "replacement").await);
    walk_to_inspected(&app, &shop, &id).await;
    let replaced = ok(act(
        &app,
        &shop,
        &id,
        "replace",
        &json!({"tracking_number": "RPL 123 456"}),
    )
    .await)
    .await;
    assert_eq!(replaced["return"]["status"], "resolved");
    assert_eq!(replaced["replacement"]["variant"], "L");
    assert_eq!(replaced["replacement"]["tracking_number"], "RPL123456");
    assert_eq!(replaced["replacement"]["carrier"], "Canada Post");
    // The ledger: the credit issued, and the replacement at what the returned coat sold for.
    assert_eq!(
        outcomes_of(&app, &credit_id).await,
        vec![(OutcomeKind::StoreCredit, 12000, "CAD".to_owned())]
    );
    assert_eq!(
        outcomes_of(&app, &id).await,
        vec![(OutcomeKind::Replacement, 10000, "CAD".to_owned())]
    );
    let order: Value = app
        .get("/api/v1/orders/5301", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let shipments = order["shipments"].as_array().unwrap();
    assert_eq!(shipments.len(), 2);
    assert!(
        shipments
            .iter()
            .any(|s| s["tracking_number"] == "RPL123456")
    );
    // The shopper is told, with the parcel's number and the carrier's tracking page.
    let mails: Value = ok(app.get("/api/v1/mail", Some(&shop.token)).await).await;
    let shipped: Vec<&Value> = mails["mails"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["event"] == "replacement_shipped")
        .collect();
    assert_eq!(shipped.len(), 1, "one mail for the replacement");
    let mail: Value = ok(app
        .get(
            &format!("/api/v1/mail/{}", shipped[0]["id"].as_str().unwrap()),
            Some(&shop.token),
        )
        .await)
    .await;
    let text = mail["body_text"].as_str().unwrap();
    assert!(
        text.contains("RPL123456") && text.contains("Canada Post"),
        "{text}"
    );
    assert!(
        text.contains("canadapost"),
        "the carrier's tracking link: {text}"
    );
}

async fn queue(app: &TestApp, who: &str, query: &str) -> Value {
    ok(app.get(&format!("/api/v1/returns{query}"), Some(who)).await).await
}

fn numbers(page: &Value) -> Vec<String> {
    page["returns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_queue_filters_searches_counts_and_pages() {
    let app = spawn_app().await;
    let shop = shop(&app, "queue").await;
    let a = open_order(&app, &shop, "5401", "CA").await;
    let b = open_order(&app, &shop, "5402", "CA").await;
    let first = submit(&app, &a, 1, true, "refund").await;
    let second = submit(&app, &b, 2, false, "store_credit").await;
    let broken = submit_defective(&app, &b).await;
    ok(act(&app, &shop, &id_of(&second), "approve", &json!({})).await).await;

    let all = queue(&app, &shop.token, "").await;
    assert_eq!(all["returns"].as_array().unwrap().len(), 3);
    // Newest first.
    assert_eq!(
        numbers(&all),
        vec![
            broken["number"].as_str().unwrap(),
            second["number"].as_str().unwrap(),
            first["number"].as_str().unwrap()
        ]
    );
    assert_eq!(all["counts_per_status"]["pending_review"], 1);
    assert_eq!(all["counts_per_status"]["approved"], 1);
    assert_eq!(all["counts_per_status"]["needs_contact"], 1);
    assert_eq!(all["counts_per_status"]["resolved"], 0);
    let row = &all["returns"][2];
    assert_eq!(row["order_number"], "5401");
    assert_eq!(row["email"], "buyer5401@example.com");
    assert_eq!(row["item_count"], 2);
    assert_eq!(row["total_value_minor"], 12000);
    assert_eq!(row["defective"], false);
    assert_eq!(all["returns"][0]["defective"], true);

    let approved = queue(&app, &shop.token, "?status=approved").await;
    assert_eq!(numbers(&approved), vec![second["number"].as_str().unwrap()]);
    // The tabs still count every status under the other filters.
    assert_eq!(approved["counts_per_status"]["pending_review"], 1);
    let defective = queue(&app, &shop.token, "?defective=true").await;
    assert_eq!(
        numbers(&defective),
        vec![broken["number"].as_str().unwrap()]
    );
    assert_eq!(
        queue(&app, &shop.token, "?defective=false").await["returns"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let credit = queue(&app, &shop.token, "?resolution=store_credit").await;
    assert_eq!(numbers(&credit), vec![second["number"].as_str().unwrap()]);
    let reason = first["items"][0]["reason"]["id"].as_str().unwrap();
    let by_reason = queue(&app, &shop.token, &format!("?reason_id={reason}")).await;
    assert_eq!(by_reason["returns"].as_array().unwrap().len(), 2);
    let by_order = queue(&app, &shop.token, "?q=5402").await;
    assert_eq!(by_order["returns"].as_array().unwrap().len(), 2);
    let by_email = queue(&app, &shop.token, "?q=BUYER5401@example.com").await;
    assert_eq!(numbers(&by_email), vec![first["number"].as_str().unwrap()]);
    let by_number = queue(
        &app,
        &shop.token,
        &format!("?q={}", first["number"].as_str().unwrap().to_lowercase()),
    )
    .await;
    assert_eq!(numbers(&by_number), vec![first["number"].as_str().unwrap()]);
    let future = (Utc::now() + Duration::hours(1)).format("%Y-%m-%dT%H:%M:%SZ");
    assert!(
        queue(&app, &shop.token, &format!("?from={future}")).await["returns"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        queue(&app, &shop.token, &format!("?to={future}")).await["returns"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Keyset pages: two, then one, then nothing more.
    let page1 = queue(&app, &shop.token, "?limit=2").await;
    assert_eq!(page1["returns"].as_array().unwrap().len(), 2);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2 = queue(&app, &shop.token, &format!("?limit=2&cursor={cursor}")).await;
    assert_eq!(numbers(&page2), vec![first["number"].as_str().unwrap()]);
    assert!(page2["next_cursor"].is_null());
    let bad = app
        .get("/api/v1/returns?cursor=nope", Some(&shop.token))
        .await;
    assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    // Another shop sees none of it.
    let other = app.register("queue-other").await;
    assert!(
        queue(&app, &other.token, "").await["returns"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let id = id_of(&first);
    let hidden = app
        .get(&format!("/api/v1/returns/{id}"), Some(&other.token))
        .await;
    assert_problem(hidden, StatusCode::NOT_FOUND, "not_found").await;
    let hidden = act(&app, &other, &id, "approve", &json!({})).await;
    assert_problem(hidden, StatusCode::NOT_FOUND, "not_found").await;

    // An agent handles returns.
    let agent = app.add_staff(&shop, "agent@queue.example", "agent").await;
    let by_agent = ok(act(&app, &agent, &id, "approve", &json!({})).await).await;
    assert_eq!(
        by_agent["return"]["history"][1]["staff_id"].as_str(),
        Some(agent.staff_id.as_str())
    );

    // An API key limited to orders may not; one with the returns scope may.
    for (scopes, status) in [
        (
            json!(["orders:read", "orders:write"]),
            StatusCode::FORBIDDEN,
        ),
        (json!(["returns:read"]), StatusCode::OK),
    ] {
        let key: Value = app
            .post(
                "/api/v1/api-keys",
                Some(&shop.token),
                &json!({"name": "sync", "scopes": scopes}),
            )
            .await
            .json()
            .await
            .unwrap();
        let secret = key["secret"].as_str().unwrap();
        assert_eq!(
            app.get("/api/v1/returns", Some(secret)).await.status(),
            status
        );
    }
}

#[tokio::test]
async fn bulk_approval_reports_each_return() {
    let app = spawn_app().await;
    let shop = shop(&app, "bulk").await;
    let a = open_order(&app, &shop, "5501", "CA").await;
    let b = open_order(&app, &shop, "5502", "CA").await;
    let one = id_of(&submit(&app, &a, 1, false, "refund").await);
    let two = id_of(&submit(&app, &b, 1, false, "refund").await);
    ok(act(
        &app,
        &shop,
        &two,
        "reject",
        &json!({"reason": "Outside policy"}),
    )
    .await)
    .await;
    let unknown = uuid::Uuid::now_v7().to_string();
    let result = ok(app
        .post(
            "/api/v1/returns/bulk-approve",
            Some(&shop.token),
            &json!({"ids": [one, two, unknown]}),
        )
        .await)
    .await;
    let outcomes = result["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 3);
    assert_eq!(
        (
            outcomes[0]["approved"].clone(),
            outcomes[0]["status"].clone()
        ),
        (json!(true), json!("approved"))
    );
    assert_eq!(
        (
            outcomes[1]["approved"].clone(),
            outcomes[1]["status"].clone()
        ),
        (json!(false), json!("rejected"))
    );
    assert!(outcomes[1]["error"].as_str().unwrap().contains("rejected"));
    assert_eq!(
        (
            outcomes[2]["approved"].clone(),
            outcomes[2]["status"].clone()
        ),
        (json!(false), json!(null))
    );
    let empty = app
        .post(
            "/api/v1/returns/bulk-approve",
            Some(&shop.token),
            &json!({"ids": []}),
        )
        .await;
    assert_problem(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
}

fn subject(m: &Received) -> String {
    m.parsed().subject().unwrap_or_default().to_owned()
}

fn text(m: &Received) -> String {
    m.parsed().body_text(0).unwrap_or_default().into_owned()
}

/// (content type, file name, bytes) of every attachment.
fn attachments(m: &Received) -> Vec<(String, String, Vec<u8>)> {
    let parsed = m.parsed();
    parsed
        .attachments()
        .map(|a| {
            let ct = a
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
                .unwrap_or_default();
            let name = a.attachment_name().unwrap_or_default().to_owned();
            let bytes = match &a.body {
                PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
                PartType::Text(t) => t.as_bytes().to_vec(),
                _ => Vec::new(),
            };
            (ct, name, bytes)
        })
        .collect()
}

async fn wait_for_subject(smtp: &SmtpServer, starts: &str) -> Received {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some(m) = smtp
            .messages()
            .into_iter()
            .find(|m| subject(m).starts_with(starts))
        {
            return m;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no mail \"{starts}\""
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn label_count(app: &TestApp, return_id: Uuid) -> usize {
    return_label::Entity::find()
        .filter(return_label::Column::ReturnId.eq(return_id))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

async fn approval_mails(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Event.eq("return_approved"))
        .all(&app.db)
        .await
        .unwrap()
}

/// A worker round run by the test itself, with the server's own links and signers.
async fn run_jobs(app: &TestApp) -> usize {
    let storage = Storage::local(&app._data_dir.path().join("uploads")).unwrap();
    let deps = JobDeps::new(storage, &app.address, JWT_SECRET.as_bytes());
    let config = WorkerConfig {
        poll: std::time::Duration::from_secs(3600),
        retry_base: std::time::Duration::from_secs(1),
        max_backoff: std::time::Duration::from_secs(1),
        lease: std::time::Duration::from_secs(60),
        from_address: "no-reply@rebound.test".into(),
    };
    jobs::run_due(&app.db, &deps, &config).await.unwrap()
}

#[tokio::test]
async fn automatic_approval_commits_its_label_job_and_the_job_runs_once() {
    // The worker looks once at start, then not for an hour: what follows is what the
    // submission committed, and the rounds the test runs itself.
    let app = spawn_app_with(|c| c.outbox_poll_ms = 3_600_000).await;
    let shop = shop(&app, "auto-job").await;
    assert_eq!(
        put_returns_settings(&app, &shop, |r| r["approval_mode"] = json!("automatic"))
            .await
            .status(),
        StatusCode::OK
    );
    let o = open_order(&app, &shop, "5650", "CA").await;
    let ret = submit(&app, &o, 1, false, "refund").await;
    assert_eq!(ret["status"], "approved");
    let return_id = Uuid::parse_str(&id_of(&ret)).unwrap();

    // Committed with the return: the label job, nothing bought or mailed yet.
    let queued = job::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].kind, "issue_label");
    assert_eq!(
        (queued[0].status.as_str(), queued[0].attempts),
        ("pending", 0)
    );
    assert!(queued[0].payload.contains(&return_id.to_string()));
    assert_eq!(label_count(&app, return_id).await, 0);
    assert!(approval_mails(&app).await.is_empty());

    // The worker buys the label and queues the mail carrying it.
    assert_eq!(run_jobs(&app).await, 1);
    assert_eq!(label_count(&app, return_id).await, 1);
    let mails = approval_mails(&app).await;
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].attachments.contains(".pdf"),
        "{}",
        mails[0].attachments
    );
    let done = job::Entity::find_by_id(queued[0].id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((done.status.as_str(), done.attempts), ("done", 1));
    let stamped = return_request::Entity::find_by_id(return_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .label_issued_at;
    assert!(stamped.is_some());

    // A crash before the job was marked done runs it again: still one label, one mail.
    let mut again: job::ActiveModel = done.into();
    again.status = Set("pending".into());
    again.update(&app.db).await.unwrap();
    assert_eq!(run_jobs(&app).await, 1);
    assert_eq!(label_count(&app, return_id).await, 1);
    assert_eq!(approval_mails(&app).await.len(), 1);
    let restamped = return_request::Entity::find_by_id(return_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .label_issued_at;
    assert_eq!(restamped, stamped);
    assert_eq!(run_jobs(&app).await, 0, "nothing left to do");
}

#[tokio::test]
async fn the_journey_mails_labels_photos_and_acknowledgments() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = shop(&app, "mails").await;
    let r = app
        .put(
            "/api/v1/settings/aftercare",
            Some(&shop.token),
            &json!({"tracking_enabled": true, "address_edits_enabled": true,
            "issue_types": ["missing_item", "damaged_in_transit", "wrong_item", "other"],
            "survey_enabled": false, "survey_delay_days": 7,
            "support_email": "help@mails.example", "customer_service_email": "care@mails.example"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Automatic approval: approved at once, the label bought and mailed as a PDF.
    assert_eq!(
        put_returns_settings(&app, &shop, |r| r["approval_mode"] = json!("automatic"))
            .await
            .status(),
        StatusCode::OK
    );
    let o = open_order(&app, &shop, "5601", "CA").await;
    let ret = submit(&app, &o, 1, false, "refund").await;
    assert_eq!(ret["status"], "approved");
    let approved = wait_for_subject(&smtp, "Your return").await;
    assert_eq!(approved.to, vec!["buyer5601@example.com".to_owned()]);
    let files = attachments(&approved);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "application/pdf");
    assert!(files[0].2.starts_with(b"%PDF-"));
    let body = text(&approved);
    assert!(
        body.contains("/api/v1/labels/") && body.contains("/qr.png?expires="),
        "{body}"
    );
    assert!(body.starts_with("Hello Jane Doe"));
    let listed = portal_returns(&app, &o).await;
    assert!(listed[0]["label_url"].as_str().is_some());

    // A defective item: customer service gets the comment and the photo.
    let broken = submit_defective(&app, &o).await;
    assert_eq!(broken["status"], "needs_contact");
    let contact = wait_for_subject(&smtp, "Defective item reported").await;
    assert_eq!(contact.to, vec!["care@mails.example".to_owned()]);
    assert!(text(&contact).contains("The seam split on day two"));
    let files = attachments(&contact);
    assert_eq!(files.len(), 1);
    assert!(files[0].0.starts_with("image/"), "{}", files[0].0);
    // Staff settle it with a label, which the shopper gets by mail.
    let labelled = act(
        &app,
        &shop,
        &id_of(&broken),
        "label",
        &json!({"service": "regular"}),
    )
    .await;
    assert_eq!(labelled.status(), StatusCode::CREATED);
    let detail = ok(app
        .get(
            &format!("/api/v1/returns/{}", id_of(&broken)),
            Some(&shop.token),
        )
        .await)
    .await;
    assert_eq!(detail["return"]["status"], "approved");
    let label_mail = wait_for_subject(&smtp, "Your return label for").await;
    assert_eq!(label_mail.to, vec!["buyer5601@example.com".to_owned()]);
    assert_eq!(attachments(&label_mail)[0].0, "application/pdf");

    // An EU withdrawal, in French: the acknowledgment states items, date and time.
    let fr = open_order(&app, &shop, "5602", "FR").await;
    let stated = app
        .post(
            &fr.path("/withdrawal"),
            Some(&fr.token),
            &json!({"name": "Chloé Fortin", "email": "chloe@example.fr", "all": true,
                "confirm": true}),
        )
        .await;
    assert_eq!(stated.status(), StatusCode::CREATED);
    let ack = wait_for_subject(&smtp, "Accusé de réception").await;
    assert_eq!(ack.to, vec!["chloe@example.fr".to_owned()]);
    let body = text(&ack);
    let today = Utc::now();
    let year = today.format("%Y").to_string();
    assert!(body.contains("Bonjour Chloé Fortin"), "{body}");
    assert!(
        body.contains("Wool coat") && body.contains("Felt hat"),
        "{body}"
    );
    assert!(
        body.contains(&format!("{year} à ")) && body.contains(" UTC"),
        "{body}"
    );
    assert!(body.contains("chloe@example.fr"));
}

/// Statements one request ran, counted by the server's own connection, from cold: a write
/// first empties what the server remembers between requests (the staff row behind the token,
/// the queue's counts), as any write does.
async fn statements(app: &TestApp, counter: &AtomicU64, path: &str, token: &str) -> u64 {
    let settings: Value = ok(app.get("/api/v1/settings", Some(token)).await).await;
    ok(app
        .put(
            "/api/v1/settings/returns",
            Some(token),
            &settings["returns"],
        )
        .await)
    .await;
    // One read: the write's answer came after the server forgot everything, so this read is
    // cold whatever the watcher does (its own statements are not counted).
    one_read(app, counter, path, token).await
}

async fn one_read(app: &TestApp, counter: &AtomicU64, path: &str, token: &str) -> u64 {
    counter.store(0, Ordering::SeqCst);
    let page = ok(app.get(path, Some(token)).await).await;
    assert!(page.is_object());
    counter.load(Ordering::SeqCst)
}

/// Statements one request ran, with whatever the server remembers from the one before.
async fn warm_statements(app: &TestApp, counter: &AtomicU64, path: &str, token: &str) -> u64 {
    // The fewest of three reads: the read cache's watcher asks the database every 100 ms, and
    // on a loaded machine one of its ticks can fall inside a request and be counted with it.
    let mut fewest = u64::MAX;
    for _ in 0..3 {
        fewest = fewest.min(one_read(app, counter, path, token).await);
    }
    fewest
}

#[tokio::test]
async fn list_endpoints_cost_the_same_few_statements_whatever_the_page_size() {
    let counter = Arc::new(AtomicU64::new(0));
    let wired = counter.clone();
    let app = spawn_app_with(move |c| {
        c.statement_counter = Some(wired);
        // The mail worker polls once at start, then stays out of the count.
        c.outbox_poll_ms = 3_600_000;
    })
    .await;
    let shop = app.register("fast").await;
    let merchant_id: Uuid = shop.merchant_id.parse().unwrap();
    let reason = return_reason::Entity::find()
        .filter(return_reason::Column::MerchantId.eq(merchant_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let placed = (Utc::now() - Duration::days(30)).to_rfc3339();
    let mut one_thread = 0;
    for n in 0..60 {
        let order: Value = app
            .put(
                &format!("/api/v1/orders/{}", 8000 + n),
                Some(&shop.token),
                &json!({"customer_name": "Jane Doe", "email": format!("j{n}@example.com"),
                "phone": null, "shipping_address": {"line1": "1 Main St", "line2": null,
                "city": "Toronto", "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
                "currency": "CAD", "placed_at": placed,
                "items": [{"sku": "A", "title": "Item A", "variant": null, "quantity": 2,
                    "unit_price_minor": 1000, "image_url": null, "parent_sku": null},
                    {"sku": "B", "title": "Item B", "variant": null, "quantity": 1,
                    "unit_price_minor": 500, "image_url": null, "parent_sku": null}]}),
            )
            .await
            .json()
            .await
            .unwrap();
        let return_id = Uuid::now_v7();
        return_request::ActiveModel {
            id: Set(return_id),
            merchant_id: Set(merchant_id),
            order_id: Set(order["id"].as_str().unwrap().parse().unwrap()),
            number: Set(format!("R-{n:04}")),
            status: Set(if n % 3 == 0 {
                rebound_shared::domain::ReturnStatus::Approved
            } else {
                rebound_shared::domain::ReturnStatus::PendingReview
            }),
            resolution: Set(rebound_shared::api::settings::Resolution::Refund),
            method: Set(rebound_shared::api::settings::ReturnMethod::PrepaidLabel),
            replacement_variant: Set(None),
            withdrawal: Set(false),
            label_issued_at: Set(None),
            fee_minor: Set(None),
            keep_item: Set(false),
            resolution_pending: Set(false),
            method_pending: Set(false),
            risk_flags: Set(None),
            exchange: Set(None),
            created_at: Set(Utc::now() - Duration::minutes(n)),
            updated_at: Set(Utc::now()),
        }
        .insert(&app.db)
        .await
        .unwrap();
        for item in order["items"].as_array().unwrap() {
            return_item::ActiveModel {
                id: Set(Uuid::now_v7()),
                return_id: Set(return_id),
                order_item_id: Set(item["id"].as_str().unwrap().parse().unwrap()),
                reason_id: Set(reason.id),
                quantity: Set(1),
                comment: Set(None),
                defective: Set(n % 2 == 0),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        if n < 12 {
            let r = app
                .post(
                    "/api/v1/messages",
                    Some(&shop.token),
                    &json!({"subject": {"kind": "order", "id": order["id"]}, "body": "Hello"}),
                )
                .await;
            assert!(r.status().is_success(), "{}", r.status());
        }
        if n == 0 {
            one_thread = statements(&app, &counter, "/api/v1/threads", &shop.token).await;
        }
    }
    let t = &shop.token;
    let small = statements(&app, &counter, "/api/v1/returns?limit=5", t).await;
    let large = statements(&app, &counter, "/api/v1/returns?limit=50", t).await;
    assert_eq!(small, large);
    assert!(small <= 8, "{small} statements for a page of returns");
    // The next page of the same queue: the staff row and the counts are remembered.
    let warm = warm_statements(&app, &counter, "/api/v1/returns?limit=50", t).await;
    assert_eq!(warm, small - 2, "{warm} statements for a second page");
    let filtered = "/api/v1/returns?limit=50&defective=true&status=approved&q=8006";
    assert_eq!(statements(&app, &counter, filtered, t).await, small);
    let small = statements(&app, &counter, "/api/v1/orders?limit=5", t).await;
    let large = statements(&app, &counter, "/api/v1/orders?limit=50", t).await;
    assert_eq!(small, large);
    assert!(small <= 4, "{small} statements for a page of orders");
    // Threads come in fixed pages: one thread or twelve cost the same.
    let twelve = statements(&app, &counter, "/api/v1/threads", t).await;
    assert_eq!(one_thread, twelve);
    assert!(twelve <= 6, "{twelve} statements for a page of threads");
}
