//! The approval mail that says "print the label" carries the label: a PDF attachment,
//! delivered through a real SMTP listener.

use crate::helpers::portal::{PLAIN, portal_order, return_reasons, submit_return};
use crate::helpers::spawn_app_with;
use crate::smtp::SmtpServer;
use mail_parser::MimeHeaders;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test]
async fn the_approval_mail_carries_the_label_pdf() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = app.register("label-mail").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 1, "reason_id": plain}],
        "resolution": "refund", "method": "prepaid_label"});
    let made = submit_return(&app, &o, &body).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    let number = made["number"].as_str().unwrap().to_owned();
    let approved = app
        .post(
            &format!("/api/v1/returns/{}/approve", made["id"].as_str().unwrap()),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);

    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let mail = loop {
        let found = smtp.messages().into_iter().find(|m| {
            m.to.iter().any(|t| t == "jane@example.com")
                && m.parsed()
                    .subject()
                    .is_some_and(|s| s.contains("is approved"))
        });
        if let Some(mail) = found {
            break mail;
        }
        assert!(tokio::time::Instant::now() < deadline, "no approval mail");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
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
