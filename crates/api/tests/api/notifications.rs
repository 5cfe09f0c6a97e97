//! Mail: the outbox delivers through a real SMTP listener, survives the mail server going down
//! without losing or doubling anything, uses the merchant's templates in the shopper's
//! language, respects opt-outs, and writes .eml files when no SMTP server is configured.

use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app, spawn_app_with};
use crate::smtp::{Received, SmtpServer};
use chrono::Utc;
use mail_parser::MimeHeaders;
use rebound_api::db::entities::outbox;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use std::time::Duration;
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(20);

async fn app_with_smtp(smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    spawn_app_with(move |c| c.smtp_url = Some(url)).await
}

fn order(email: &str, country: &str, postal: &str) -> Value {
    json!({
        "customer_name": "Élodie Martin", "email": email, "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Paris", "region": null,
            "postal_code": postal, "country": country},
        "currency": if country == "FR" { "EUR" } else { "CAD" },
        "placed_at": Utc::now().to_rfc3339(),
        "items": [{"sku": "MUG", "title": "Stoneware mug", "variant": null, "quantity": 1,
            "unit_price_minor": 2400, "image_url": null, "parent_sku": null}]
    })
}

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn push(app: &TestApp, who: &Account, number: &str, body: &Value) {
    let r = put(app, &format!("/api/v1/orders/{number}"), &who.token, body).await;
    assert!(r.status().is_success(), "{}", r.status());
}

/// The shop's outbox once its `count` rows are all sent (the count is checked on every read,
/// so a row that should not exist fails at once instead of being waited for).
async fn all_sent(app: &TestApp, shop: &Account, count: usize) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let page: Value = app
            .get("/api/v1/mail", Some(&shop.token))
            .await
            .json()
            .await
            .unwrap();
        let mails = page["mails"].as_array().unwrap().clone();
        assert_eq!(mails.len(), count, "{mails:?}");
        if mails.iter().all(|m| m["status"] == "sent") {
            return mails;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not all sent: {mails:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn ship(app: &TestApp, who: &Account, number: &str, tracking: &str) {
    let body = json!({"carrier": "Canada Post", "service": "Regular Parcel",
        "tracking_number": tracking, "estimated_delivery": null});
    let r = put(
        app,
        &format!("/api/v1/orders/{number}/shipments"),
        &who.token,
        &body,
    )
    .await;
    assert!(r.status().is_success());
}

fn subject(m: &Received) -> String {
    m.parsed().subject().unwrap_or_default().to_owned()
}

fn text(m: &Received) -> String {
    m.parsed().body_text(0).unwrap_or_default().into_owned()
}

fn html(m: &Received) -> String {
    m.parsed().body_html(0).unwrap_or_default().into_owned()
}

fn to_of(m: &Received) -> Vec<String> {
    m.to.clone()
}

#[tokio::test]
async fn order_mails_reach_a_real_smtp_server_with_both_parts_and_the_shop_brand() {
    let smtp = SmtpServer::start().await;
    let app = app_with_smtp(&smtp).await;
    let shop = app.register("maple-mail").await;
    push(
        &app,
        &shop,
        "1001",
        &order("jane@example.com", "CA", "M5V 2T6"),
    )
    .await;
    // Sending the same order again is an update: no second confirmation.
    push(
        &app,
        &shop,
        "1001",
        &order("jane@example.com", "CA", "M5V 2T6"),
    )
    .await;
    ship(&app, &shop, "1001", "7023210039414604").await;

    let got = smtp.wait_for(2, WAIT).await;
    // The outbox holds two rows (the repeat added none), both sent: nothing more can go.
    assert_eq!(all_sent(&app, &shop, 2).await.len(), 2);
    assert_eq!(smtp.messages().len(), 2, "one confirmation, one dispatch");
    let confirmed = got
        .iter()
        .find(|m| subject(m).contains("is confirmed"))
        .expect("confirmation");
    assert_eq!(to_of(confirmed), vec!["jane@example.com".to_owned()]);
    assert_eq!(confirmed.from, "no-reply@rebound.test", "envelope sender");
    assert_eq!(
        subject(confirmed),
        "Your Shop maple-mail order 1001 is confirmed"
    );
    assert!(text(confirmed).contains("Hello Élodie Martin"));
    assert!(text(confirmed).contains("1 × Stoneware mug"));
    assert!(html(confirmed).contains("Shop maple-mail"));
    // Optional mails carry their unsubscribe link in both parts.
    assert!(text(confirmed).contains("/maple-mail/unsubscribe?email=jane%40example.com"));
    let parsed = confirmed.parsed();
    let from = parsed.from().and_then(|f| f.first()).expect("from");
    assert_eq!(from.name(), Some("Shop maple-mail"));
    assert_eq!(from.address(), Some("no-reply@rebound.test"));

    let dispatched = got
        .iter()
        .find(|m| subject(m).contains("on its way"))
        .expect("dispatch mail");
    assert!(text(dispatched).contains("7023210039414604"));
    assert!(
        html(dispatched).contains("canadapost"),
        "tracking link button"
    );

    // "Sent mail" shows both as sent.
    let page: Value = app
        .get("/api/v1/mail", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let mails = page["mails"].as_array().unwrap();
    assert_eq!(mails.len(), 2);
    assert!(mails.iter().all(|m| m["status"] == "sent"));
    let id = mails[0]["id"].as_str().unwrap();
    let one: Value = app
        .get(&format!("/api/v1/mail/{id}"), Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        one["body_html"]
            .as_str()
            .unwrap()
            .starts_with("<!doctype html>")
    );
    // Another shop cannot read it.
    let other = app.register("other-mail").await;
    let r = app
        .get(&format!("/api/v1/mail/{id}"), Some(&other.token))
        .await;
    assert_problem(r, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn a_mail_server_down_loses_nothing_and_sends_nothing_twice() {
    let smtp = SmtpServer::start().await;
    let app = app_with_smtp(&smtp).await;
    let shop = app.register("down-mail").await;
    let down = smtp.stop().await;

    for n in 1..=3 {
        push(
            &app,
            &shop,
            &format!("20{n}"),
            &order(&format!("c{n}@example.com"), "CA", "M5V 2T6"),
        )
        .await;
        ship(&app, &shop, &format!("20{n}"), &format!("TRACK00000{n}")).await;
    }
    // The worker tried and failed: the mails wait with their errors.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let page: Value = app
            .get("/api/v1/mail", Some(&shop.token))
            .await
            .json()
            .await
            .unwrap();
        let mails = page["mails"].as_array().unwrap().clone();
        assert_eq!(mails.len(), 6);
        assert!(mails.iter().all(|m| m["status"] == "pending"));
        if mails.iter().all(|m| m["attempts"].as_i64().unwrap() >= 1) {
            assert!(mails.iter().all(|m| m["last_error"].is_string()));
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no attempt made");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let smtp = down.restart().await;
    let got = smtp.wait_for(6, WAIT).await;
    // Six rows, each recorded sent once (a lease holds a row while it goes): nothing is left
    // to send a second time.
    let sent = all_sent(&app, &shop, 6).await;
    assert!(sent.iter().all(|m| m["sent_at"].is_string()));
    assert_eq!(smtp.messages().len(), 6);
    let mut ids: Vec<String> = got
        .iter()
        .map(|m| m.parsed().message_id().unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "six different mails");
    for n in 1..=3 {
        let mine: Vec<&Received> = got
            .iter()
            .filter(|m| m.to == vec![format!("c{n}@example.com")])
            .collect();
        assert_eq!(mine.len(), 2, "confirmation and dispatch for c{n}");
    }
    let page: Value = app
        .get("/api/v1/mail", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        page["mails"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["status"] == "sent")
    );
}

#[tokio::test]
async fn address_changes_and_issue_reports_tell_the_shop() {
    let smtp = SmtpServer::start().await;
    let app = app_with_smtp(&smtp).await;
    let shop = app.register("shop-told").await;
    put(
        &app,
        "/api/v1/settings/aftercare",
        &shop.token,
        &json!({"tracking_enabled": true, "address_edits_enabled": true,
            "issue_types": ["missing_item", "damaged_in_transit", "wrong_item", "other"],
            "survey_enabled": false, "survey_delay_days": 7,
            "support_email": "help@shop-told.example", "customer_service_email": null}),
    )
    .await;
    let mut body = order("jane@example.com", "CA", "M5V 2T6");
    body["placed_at"] = json!("2026-01-01T10:00:00Z"); // old: no confirmation mail
    push(&app, &shop, "3001", &body).await;
    let access: Value = app
        .post(
            "/api/v1/portal/shop-told/lookup",
            None,
            &json!({"order": "3001", "contact": "jane@example.com"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = access["access_token"].as_str().unwrap();
    let r = put(
        &app,
        "/api/v1/portal/shop-told/order/address",
        token,
        &json!({"shipping_address": {"line1": "99 Queen St W", "line2": null, "city": "Toronto",
            "region": "ON", "postal_code": "M5H 2N2", "country": "CA"}}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post(
            "/api/v1/portal/shop-told/order/issues",
            Some(token),
            &json!({"issue_type": "missing_item", "message": "The lid is <missing>"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);

    let got = smtp.wait_for(2, WAIT).await;
    assert!(
        got.iter()
            .all(|m| m.to == vec!["help@shop-told.example".to_owned()])
    );
    let moved = got
        .iter()
        .find(|m| subject(m).starts_with("Shipping address changed"))
        .unwrap();
    assert!(text(moved).contains("1 Main St"));
    assert!(text(moved).contains("99 Queen St W"));
    let issue = got
        .iter()
        .find(|m| subject(m).starts_with("Issue reported"))
        .unwrap();
    assert_eq!(subject(issue), "Issue reported on order 3001: Missing item");
    assert!(text(issue).contains("The lid is <missing>"));
    assert!(html(issue).contains("The lid is &lt;missing&gt;"));
    // Mails to the shop carry no unsubscribe link.
    assert!(!text(issue).contains("unsubscribe"));
}

#[tokio::test]
async fn merchant_templates_are_used_in_the_shoppers_language() {
    let smtp = SmtpServer::start().await;
    let app = app_with_smtp(&smtp).await;
    let shop = app.register("tpl-shop").await;

    let r = put(
        &app,
        "/api/v1/settings/mail/order_dispatched/fr",
        &shop.token,
        &json!({"subject": "C'est parti, {{customer_name}} !", "body": "Colis {{tracking_number}} : {{coupon}}"}),
    )
    .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("body".into(), "placeholder".into())]
    );
    let r = put(
        &app,
        "/api/v1/settings/mail/order_dispatched/fr",
        &shop.token,
        &json!({"subject": "C'est parti, {{customer_name}} !", "body": "Votre colis {{tracking_number}} arrive.\n\n{{tracking_url}}"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let listed: Value = app
        .get("/api/v1/settings/mail", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let dispatched = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "order_dispatched")
        .unwrap();
    assert_eq!(dispatched["templates"][1]["customised"], true);
    assert_eq!(dispatched["templates"][0]["customised"], false);

    let mut old = order("paris@example.fr", "FR", "75001");
    old["placed_at"] = json!("2026-01-01T10:00:00Z");
    push(&app, &shop, "FR1", &old).await;
    ship(&app, &shop, "FR1", "FRTRACK0001").await;
    let mut old_ca = order("toronto@example.com", "CA", "M5V 2T6");
    old_ca["placed_at"] = json!("2026-01-01T10:00:00Z");
    push(&app, &shop, "CA1", &old_ca).await;
    ship(&app, &shop, "CA1", "CATRACK0001").await;

    let got = smtp.wait_for(2, WAIT).await;
    let fr = got
        .iter()
        .find(|m| m.to == vec!["paris@example.fr".to_owned()])
        .unwrap();
    assert_eq!(subject(fr), "C'est parti, Élodie Martin !");
    assert!(text(fr).contains("Votre colis FRTRACK0001 arrive."));
    let en = got
        .iter()
        .find(|m| m.to == vec!["toronto@example.com".to_owned()])
        .unwrap();
    assert_eq!(subject(en), "Your order CA1 is on its way");

    // Reset brings the default back.
    let r = app
        .client
        .delete(app.url("/api/v1/settings/mail/order_dispatched/fr"))
        .bearer_auth(&shop.token)
        .send()
        .await
        .unwrap();
    let reset: Value = r.json().await.unwrap();
    assert_eq!(
        reset["subject"],
        "Votre commande {{order_number}} est en route"
    );
    assert_eq!(reset["customised"], false);
}

#[tokio::test]
async fn optional_mails_can_be_turned_off_by_the_shop_and_by_the_shopper() {
    let smtp = SmtpServer::start().await;
    let app = app_with_smtp(&smtp).await;
    let shop = app.register("quiet-shop").await;

    // Transactional mails cannot be turned off.
    let r = put(
        &app,
        "/api/v1/settings/mail/refund_issued",
        &shop.token,
        &json!({"enabled": false}),
    )
    .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("enabled".into(), "transactional".into())]
    );
    let r = put(
        &app,
        "/api/v1/settings/mail/order_confirmed",
        &shop.token,
        &json!({"enabled": false}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    push(&app, &shop, "Q1", &order("a@example.com", "CA", "M5V 2T6")).await;
    ship(&app, &shop, "Q1", "QTRACK00001").await;
    let got = smtp.wait_for(1, WAIT).await;
    assert!(subject(&got[0]).contains("on its way"));

    // The shopper unsubscribes with the link from the mail: a forged one is refused.
    let link = text(&got[0])
        .lines()
        .find_map(|l| l.split("Se désabonner: ").nth(1).map(str::to_owned))
        .expect("unsubscribe link");
    let signature = link.split("signature=").nth(1).unwrap().trim().to_owned();
    let r = app
        .post(
            "/api/v1/portal/quiet-shop/unsubscribe",
            None,
            &json!({"email": "b@example.com", "signature": signature}),
        )
        .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_codes(&problem)[0].0, "signature");
    for _ in 0..2 {
        let r = app
            .post(
                "/api/v1/portal/quiet-shop/unsubscribe",
                None,
                &json!({"email": "A@example.com", "signature": signature}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    ship(&app, &shop, "Q1", "QTRACK00002").await;
    // The second dispatch was never queued: the outbox still holds the first mail only.
    let queued = all_sent(&app, &shop, 1).await;
    assert_eq!(queued.len(), 1, "no optional mail after unsubscribing");
    assert_eq!(
        smtp.messages().len(),
        1,
        "no optional mail after unsubscribing"
    );
}

#[tokio::test]
async fn without_smtp_mails_become_eml_files_in_the_data_folder() {
    let app = spawn_app().await;
    let shop = app.register("eml-shop").await;
    push(
        &app,
        &shop,
        "E1",
        &order("file@example.com", "CA", "M5V 2T6"),
    )
    .await;
    let folder = app._data_dir.path().join("mail");
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let files: Vec<_> = std::fs::read_dir(&folder)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        if let Some(eml) = files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "eml"))
        {
            let raw = std::fs::read(eml).unwrap();
            let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
            assert_eq!(
                parsed.subject(),
                Some("Your Shop eml-shop order E1 is confirmed")
            );
            assert!(parsed.body_html(0).is_some() && parsed.body_text(0).is_some());
            let _ = parsed.content_type();
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no .eml written");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn delivery_schedules_the_survey_whose_answers_reach_analytics() {
    let app = spawn_app().await;
    let shop = app.register("survey-shop").await;
    let r = put(
        &app,
        "/api/v1/settings/aftercare",
        &shop.token,
        &json!({"tracking_enabled": true, "address_edits_enabled": true,
            "issue_types": ["missing_item", "damaged_in_transit", "wrong_item", "other"],
            "survey_enabled": true, "survey_delay_days": 3,
            "support_email": null, "customer_service_email": null}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut body = order("s@example.com", "CA", "M5V 2T6");
    body["placed_at"] = json!("2026-01-01T10:00:00Z");
    push(&app, &shop, "S1", &body).await;
    ship(&app, &shop, "S1", "SURVEY00001").await;
    let delivered_at = Utc::now();
    let r = app
        .post(
            "/api/v1/shipments/SURVEY00001/events",
            Some(&shop.token),
            &json!({"kind": "delivered", "description": null, "location": null,
                "occurred_at": delivered_at.to_rfc3339()}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // The survey waits in the outbox for its day while the delivery mail goes.
    let page: Value = app
        .get("/api/v1/mail", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let survey = page["mails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["event"] == "follow_up_survey")
        .expect("survey queued")
        .clone();
    // Held by its due time, not by luck: the worker only takes rows due now.
    let held = outbox::Entity::find_by_id(Uuid::parse_str(survey["id"].as_str().unwrap()).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        held.next_attempt_at
            >= delivered_at + chrono::Duration::days(3) - chrono::Duration::minutes(1)
    );
    assert!(held.locked_until.is_none());
    let again: Value = app
        .get(
            &format!("/api/v1/mail/{}", survey["id"].as_str().unwrap()),
            Some(&shop.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        again["status"], "pending",
        "held until three days after delivery"
    );
    assert_eq!(again["attempts"], 0);
    let link = again["body_text"]
        .as_str()
        .unwrap()
        .lines()
        .find(|l| l.contains("/survey/"))
        .unwrap()
        .trim()
        .to_owned();
    let path = link
        .split_once("/survey-shop/survey/")
        .unwrap()
        .1
        .to_owned();
    let api = format!("/api/v1/portal/survey-shop/survey/{path}");

    let view: Value = app.get(&api, None).await.json().await.unwrap();
    assert_eq!(view["order_number"], "S1");
    assert!(view["answer"].is_null());
    // A forged token is one 404; a 6-star rating names the field.
    // Changing the last character: to '1' when it already is '0', or the "forgery" is the token.
    let last = if api.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &api[..api.len() - 1]);
    let r = app.get(&forged, None).await;
    assert_problem(r, StatusCode::NOT_FOUND, "not_found").await;
    let r = put(&app, &api, "", &json!({"rating": 6, "comment": null})).await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_codes(&problem)[0].0, "rating");
    // Answering twice changes the one answer.
    put(&app, &api, "", &json!({"rating": 2, "comment": "slow"})).await;
    let r = put(
        &app,
        &api,
        "",
        &json!({"rating": 5, "comment": "Lovely mug"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);

    let stats: Value = app
        .get("/api/v1/analytics/surveys", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["answers"], 1);
    assert_eq!(stats["average"], 5.0);
    assert_eq!(stats["distribution"], json!([0, 0, 0, 0, 1]));
    assert_eq!(stats["recent_comments"][0]["comment"], "Lovely mug");
    assert_eq!(stats["recent_comments"][0]["order_number"], "S1");
}
