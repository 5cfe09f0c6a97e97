//! The approval mail that says "print the label" carries the label: a PDF attachment,
//! delivered through a real SMTP listener. Without a label it says one will follow.

use crate::helpers::portal::{PLAIN, portal_order, return_reasons, submit_return};
use crate::helpers::{Account, TestApp, spawn_app_with};
use crate::smtp::{Received, SmtpServer};
use mail_parser::MimeHeaders;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Submits a one-item refund return on a fresh order and returns its id and number.
async fn submit_one(app: &TestApp, shop: &Account) -> (String, String) {
    let o = portal_order(app, shop, &PLAIN).await;
    let (plain, _) = return_reasons(app, &o).await;
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 1, "reason_id": plain}],
        "resolution": "refund", "method": "prepaid_label"});
    let made = submit_return(app, &o, &body).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    (
        made["id"].as_str().unwrap().to_owned(),
        made["number"].as_str().unwrap().to_owned(),
    )
}

async fn approve(app: &TestApp, shop: &Account, id: &str) {
    let approved = app
        .post(
            &format!("/api/v1/returns/{id}/approve"),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
}

async fn approval_mail(smtp: &SmtpServer) -> Received {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let found = smtp.messages().into_iter().find(|m| {
            m.to.iter().any(|t| t == "jane@example.com")
                && m.parsed()
                    .subject()
                    .is_some_and(|s| s.contains("is approved"))
        });
        if let Some(mail) = found {
            return mail;
        }
        assert!(tokio::time::Instant::now() < deadline, "no approval mail");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_approval_mail_carries_the_label_pdf() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = app.register("label-mail").await;
    let (id, number) = submit_one(&app, &shop).await;
    approve(&app, &shop, &id).await;

    let mail = approval_mail(&smtp).await;
    let parsed = mail.parsed();
    assert!(
        parsed
            .body_text(0)
            .unwrap_or_default()
            .contains("Print the label"),
        "the mail says to print the label"
    );
    assert_eq!(parsed.attachment_count(), 1, "one attachment");
    let label = parsed.attachment(0).unwrap();
    let content_type = label.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("application", Some("pdf"))
    );
    let name = label.attachment_name().unwrap_or_default();
    assert!(name.contains(&number) && name.ends_with(".pdf"), "{name}");
    assert!(label.contents().starts_with(b"%PDF"), "a PDF");
}

#[tokio::test]
async fn approved_without_a_label_the_mail_says_one_will_follow() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = app.register("label-later").await;
    let (id, _) = submit_one(&app, &shop).await;
    // The shop removes its return address after the shopper submitted: no label can be made.
    let settings: Value = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    for address in settings["return_addresses"].as_array().unwrap() {
        let gone = app
            .client
            .delete(app.url(&format!(
                "/api/v1/settings/return-addresses/{}",
                address["id"].as_str().unwrap()
            )))
            .bearer_auth(&shop.token)
            .send()
            .await
            .unwrap();
        assert!(gone.status().is_success(), "{}", gone.status());
    }
    approve(&app, &shop, &id).await;

    let mail = approval_mail(&smtp).await;
    let parsed = mail.parsed();
    let text = parsed.body_text(0).unwrap_or_default();
    assert!(!text.contains("Print the label"), "{text}");
    assert!(text.contains("preparing your return label"), "{text}");
    assert!(
        text.contains("/label-later"),
        "links the order page: {text}"
    );
    assert_eq!(parsed.attachment_count(), 0, "nothing to print yet");
}
