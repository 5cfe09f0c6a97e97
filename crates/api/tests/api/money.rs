//! Amounts keep their currency's decimals from a CSV import to the refund mail: a KWD price of
//! 1.500 is 1500 fils (three decimals), a JPY price of 500 is 500 yen (none).

use crate::helpers::portal::{PortalOrder, add_return_address, return_reasons, submit_return};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app_with};
use crate::smtp::{Received, SmtpServer};
use chrono::{Duration, Utc};
use rebound_shared::domain::{Currency, Money};
use reqwest::StatusCode;
use serde_json::{Value, json};

const WAIT: std::time::Duration = std::time::Duration::from_secs(20);

async fn ok(response: reqwest::Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "{status} {body}");
    body
}

/// Uploads `csv`, starts it with the suggested mapping and waits until it has run.
async fn import(app: &TestApp, shop: &Account, csv: String) -> Value {
    let uploaded = ok(app
        .client
        .post(app.url("/api/v1/imports?file_name=orders.csv"))
        .bearer_auth(&shop.token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap())
    .await;
    let id = uploaded["id"].as_str().unwrap().to_owned();
    let started = app
        .post(
            &format!("/api/v1/imports/{id}/start"),
            Some(&shop.token),
            &json!({ "mapping": uploaded["suggested_mapping"] }),
        )
        .await;
    assert_eq!(started.status(), StatusCode::ACCEPTED);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let view = ok(app
            .get(&format!("/api/v1/imports/{id}"), Some(&shop.token))
            .await)
        .await;
        if view["status"] != "running" {
            return view;
        }
        assert!(tokio::time::Instant::now() < deadline, "{view}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The imported order, delivered yesterday, opened in the portal by its shopper.
async fn deliver_and_open(app: &TestApp, shop: &Account, number: &str) -> PortalOrder {
    let scanned = app
        .post(
            &format!("/api/v1/shipments/TRK{}/events", number.replace('-', "")),
            Some(&shop.token),
            &json!({"kind": "delivered", "description": null, "location": null,
                "occurred_at": (Utc::now() - Duration::days(1)).to_rfc3339()}),
        )
        .await;
    assert_eq!(scanned.status(), StatusCode::OK);
    let access = ok(app
        .post(
            &format!("/api/v1/portal/{}/lookup", shop.slug),
            None,
            &json!({"order": number, "contact": format!("buyer{number}@example.com")}),
        )
        .await)
    .await;
    let token = access["access_token"].as_str().unwrap().to_owned();
    let order = ok(app
        .get(&format!("/api/v1/portal/{}/order", shop.slug), Some(&token))
        .await)
    .await;
    PortalOrder {
        shop: shop.clone(),
        token,
        order,
    }
}

/// A return of the order's one line, approved, received and inspected: ready for a refund.
async fn inspected_return(app: &TestApp, shop: &Account, o: &PortalOrder) -> Value {
    let (plain, _) = return_reasons(app, o).await;
    let created = submit_return(
        app,
        o,
        &json!({"items": [{"order_item_id": o.item("LAMP"), "quantity": 1, "reason_id": plain}],
            "resolution": "refund", "method": "prepaid_label"}),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = ok(created).await["id"].as_str().unwrap().to_owned();
    let act = |action: &'static str, body: Value| {
        let path = format!("/api/v1/returns/{id}/{action}");
        async move { ok(app.post(&path, Some(&shop.token), &body).await).await }
    };
    act("approve", json!({})).await;
    let received = act("receive", json!({})).await;
    let line = received["return"]["items"][0]["id"].clone();
    act(
        "inspect",
        json!({"items": [{"return_item_id": line, "condition": "ok"}]}),
    )
    .await
}

async fn refund_mail(smtp: &SmtpServer, to: &str) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let found = smtp.messages().into_iter().find(|m: &Received| {
            // Addresses are stored lower-cased.
            m.to.iter().any(|t| t.eq_ignore_ascii_case(to))
                && m.parsed()
                    .subject()
                    .is_some_and(|s| s.starts_with("Your refund") || s.starts_with("Votre remb"))
        });
        if let Some(m) = found {
            return m.parsed().body_text(0).unwrap_or_default().into_owned();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no refund mail to {to}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn dinars_and_yen_keep_their_decimals_from_import_to_refund_mail() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = app.register("money").await;
    add_return_address(&app, &shop).await;

    // One order in Kuwaiti dinars shipped to Toronto (mails in English), one in yen shipped to
    // Paris (mails in French), each a lamp.
    let placed = (Utc::now() - Duration::days(20)).format("%Y-%m-%d %H:%M");
    let csv = format!(
        "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price,Carrier,Tracking number\n\
         K-1,Jane Doe,buyerK-1@example.com,1 Main St,Toronto,M5V 2T6,CA,KWD,{placed},LAMP,Brass lamp,1,1.500,Canada Post,TRKK1\n\
         J-1,Zoé Roy,buyerJ-1@example.com,1 rue Oberkampf,Paris,75011,FR,JPY,{placed},LAMP,Brass lamp,1,500,Canada Post,TRKJ1\n"
    );
    let imported = import(&app, &shop, csv).await;
    assert_eq!(imported["status"], "completed", "{imported}");
    assert_eq!(imported["rows_rejected"], 0, "{imported}");

    // The order view holds minor units of each currency: 1500 fils, 500 yen.
    for (number, currency, minor) in [("K-1", "KWD", 1500), ("J-1", "JPY", 500)] {
        let order = ok(app
            .get(&format!("/api/v1/orders/{number}"), Some(&shop.token))
            .await)
        .await;
        assert_eq!(order["currency"], currency);
        assert_eq!(order["items"][0]["unit_price_minor"], minor, "{order}");
    }

    for (number, typed, over, language_mark) in [
        ("K-1", "1.500", "1.501", "KWD\u{a0}1.500"),
        ("J-1", "500", "501", "500\u{a0}¥"),
    ] {
        let o = deliver_and_open(&app, &shop, number).await;
        let currency = Currency::parse(o.order["currency"].as_str().unwrap()).unwrap();
        let detail = inspected_return(&app, &shop, &o).await;
        let id = detail["return"]["id"].as_str().unwrap().to_owned();
        let line = detail["return"]["items"][0].clone();
        // What staff type in the refund form reads with the currency's own decimals, as the
        // web form reads it.
        let amount = Money::parse(typed, currency).unwrap().minor();
        assert_eq!(line["paid_minor"], amount, "{line}");
        let too_much = Money::parse(over, currency).unwrap().minor();

        let refused = app
            .post(
                &format!("/api/v1/returns/{id}/refund"),
                Some(&shop.token),
                &json!({"items": [{"return_item_id": line["id"], "amount_minor": too_much}],
                    "reason": "returned_item"}),
            )
            .await;
        let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(
            field_codes(&problem),
            vec![("items[0].amount_minor".to_owned(), "above_paid".to_owned())]
        );
        // The cap is said in the order's currency, not in bare minor units.
        let message = problem["errors"][0]["message"].as_str().unwrap();
        let cap = Money::new(amount, currency).format(rebound_shared::domain::Lang::En);
        assert!(message.contains(&cap), "{message}");

        let refunded = ok(app
            .post(
                &format!("/api/v1/returns/{id}/refund"),
                Some(&shop.token),
                &json!({"items": [{"return_item_id": line["id"], "amount_minor": amount}],
                    "reason": "returned_item"}),
            )
            .await)
        .await;
        assert_eq!(refunded["return"]["status"], "resolved");
        assert_eq!(refunded["refunds"][0]["amount_minor"], amount);

        let mail = refund_mail(&smtp, &format!("buyer{number}@example.com")).await;
        assert!(mail.contains(language_mark), "{mail}");
    }
}
