//! The helpdesk: threads between shoppers and staff, unread counts, canned replies with
//! placeholders, signatures, retries that never double a message, mail to the other side.

use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app_with};
use crate::smtp::SmtpServer;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// An old order (no confirmation mail) and the shopper's portal token for it.
async fn order_and_token(app: &TestApp, shop: &Account, number: &str) -> (String, String) {
    let body = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto", "region": "ON",
            "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": "2026-01-01T10:00:00Z",
        "items": [{"sku": "MUG", "title": "Mug", "variant": null, "quantity": 1,
            "unit_price_minor": 2400, "image_url": null, "parent_sku": null}]
    });
    let view: Value = put(app, &format!("/api/v1/orders/{number}"), &shop.token, &body)
        .await
        .json()
        .await
        .unwrap();
    let access: Value = app
        .post(
            &format!("/api/v1/portal/{}/lookup", shop.slug),
            None,
            &json!({"order": number, "contact": "jane@example.com"}),
        )
        .await
        .json()
        .await
        .unwrap();
    (
        view["id"].as_str().unwrap().to_owned(),
        access["access_token"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn staff_reply_with_a_canned_reply_and_signature_reaches_the_shopper() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = app.register("help-shop").await;
    let (order_id, token) = order_and_token(&app, &shop, "H1").await;

    // The shopper writes first; staff see one unread thread.
    let r = app
        .post(
            "/api/v1/portal/help-shop/order/messages",
            Some(&token),
            &json!({"body": "Where is my parcel?", "client_request_id": "tap-1"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // A retry of the same tap adds nothing.
    let again: Value = app
        .post(
            "/api/v1/portal/help-shop/order/messages",
            Some(&token),
            &json!({"body": "Where is my parcel?", "client_request_id": "tap-1"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["messages"].as_array().unwrap().len(), 1);
    let inbox: Value = app
        .get("/api/v1/threads?unread=true", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox["total_unread"], 1);
    let thread = &inbox["threads"][0];
    assert_eq!(thread["order_number"], "H1");
    assert_eq!(thread["unread"], 1);
    assert_eq!(thread["preview"], "Where is my parcel?");
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    let shop_mail = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(shop_mail[0].to, vec!["owner@help-shop.example".to_owned()]);

    // Canned reply with placeholders; a made-up placeholder is refused by name.
    let r = app
        .post(
            "/api/v1/canned-replies",
            Some(&shop.token),
            &json!({"title": "On its way", "body": "Hi {{customer_name}}, {{coupon}}"}),
        )
        .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("body".into(), "placeholder".into())]
    );
    let canned: Value = app
        .post(
            "/api/v1/canned-replies",
            Some(&shop.token),
            &json!({"title": "On its way", "body": "Hi {{customer_name}}, order {{order_number}} left today. {{staff_name}}"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let r = put(
        &app,
        "/api/v1/me/signature",
        &shop.token,
        &json!({"signature": "Owner — Help Shop"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Staff insert it from the composer and send.
    let sent: Value = app
        .post(
            "/api/v1/messages",
            Some(&shop.token),
            &json!({"subject": {"kind": "order", "id": order_id}, "body": canned["body"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let reply = sent["messages"][1]["body"].as_str().unwrap();
    assert_eq!(
        reply,
        "Hi Jane Doe, order H1 left today. Owner\n\n--\nOwner — Help Shop"
    );
    // Opening the thread marked it read.
    let inbox: Value = app
        .get("/api/v1/threads", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox["total_unread"], 0);
    assert_eq!(inbox["threads"][0]["id"], thread_id);

    // The shopper sees it in the portal, and by mail.
    let threads: Value = app
        .get("/api/v1/portal/help-shop/order/messages", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(threads[0]["unread"], 1);
    assert_eq!(threads[0]["messages"][1]["author"], "staff");
    assert_eq!(threads[0]["messages"][1]["body"], reply);
    let mails = smtp.wait_for(2, Duration::from_secs(20)).await;
    let to_shopper = mails
        .iter()
        .find(|m| m.to == vec!["jane@example.com".to_owned()])
        .expect("mail to the shopper");
    let text = to_shopper.parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains("order H1 left today"));
    // Read now.
    let threads: Value = app
        .get("/api/v1/portal/help-shop/order/messages", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(threads[0]["unread"], 0);
}

#[tokio::test]
async fn agents_reply_but_do_not_edit_canned_replies_and_shops_stay_apart() {
    let app = spawn_app_with(|_| {}).await;
    let shop = app.register("agent-shop").await;
    let agent = app
        .add_staff(&shop, "agent@agent-shop.example", "agent")
        .await;
    let (order_id, token) = order_and_token(&app, &shop, "A1").await;
    let r = app
        .post(
            "/api/v1/messages",
            Some(&agent.token),
            &json!({"subject": {"kind": "order", "id": order_id}, "body": "Hello"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app
        .post(
            "/api/v1/canned-replies",
            Some(&agent.token),
            &json!({"title": "x", "body": "y"}),
        )
        .await;
    assert_problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    // Staff must say what the message is about.
    let r = app
        .post(
            "/api/v1/messages",
            Some(&agent.token),
            &json!({"body": "Hello"}),
        )
        .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_codes(&problem)[0].0, "subject");

    // Another shop can neither write on this order nor read its thread.
    let other = app.register("other-agent-shop").await;
    let r = app
        .post(
            "/api/v1/messages",
            Some(&other.token),
            &json!({"subject": {"kind": "order", "id": order_id}, "body": "Hi"}),
        )
        .await;
    assert_problem(r, StatusCode::NOT_FOUND, "not_found").await;
    let inbox: Value = app
        .get("/api/v1/threads", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox["threads"].as_array().unwrap().len(), 0);

    // A shopper cannot write into another order's conversation.
    let (other_order, _) = order_and_token(&app, &shop, "A2").await;
    let r = app
        .post(
            "/api/v1/portal/agent-shop/order/messages",
            Some(&token),
            &json!({"subject": {"kind": "order", "id": other_order}, "body": "Hi"}),
        )
        .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("subject".into(), "not_yours".into())]
    );
}

#[tokio::test]
async fn messages_carry_checked_photo_attachments_both_ways() {
    let app = spawn_app_with(|_| {}).await;
    let shop = app.register("attach-shop").await;
    let (order_id, token) = order_and_token(&app, &shop, "P1").await;

    // Staff attach a photo: checked by content, a text file is refused.
    let upload = |bytes: Vec<u8>, token: String, path: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url(&path))
                .bearer_auth(token)
                .header("content-type", "image/png")
                .body(bytes)
                .send()
                .await
                .unwrap()
        }
    };
    let r = upload(
        b"not an image".to_vec(),
        shop.token.clone(),
        "/api/v1/orders/P1/photos".into(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let photo: Value = upload(
        crate::photos::png(40, 30),
        shop.token.clone(),
        "/api/v1/orders/P1/photos".into(),
    )
    .await
    .json()
    .await
    .unwrap();
    let sent: Value = app
        .post(
            "/api/v1/messages",
            Some(&shop.token),
            &json!({"subject": {"kind": "order", "id": order_id}, "body": "See the photo",
                "photo_ids": [photo["id"]]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent["messages"][0]["attachments"][0]["id"], photo["id"]);

    // The shopper sees it through a signed link that serves the image.
    let threads: Value = app
        .get("/api/v1/portal/attach-shop/order/messages", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let url = threads[0]["messages"][0]["attachments"][0]["url"]
        .as_str()
        .unwrap();
    let image = app.client.get(app.url(url)).send().await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/png");

    // The shopper answers with a photo of their own; it cannot be attached twice.
    let mine: Value = upload(
        crate::photos::png(20, 20),
        token.clone(),
        "/api/v1/portal/attach-shop/order/photos".into(),
    )
    .await
    .json()
    .await
    .unwrap();
    let r = app
        .post(
            "/api/v1/portal/attach-shop/order/messages",
            Some(&token),
            &json!({"body": "Here is mine", "photo_ids": [mine["id"]]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app
        .post(
            "/api/v1/portal/attach-shop/order/messages",
            Some(&token),
            &json!({"body": "Again", "photo_ids": [mine["id"]]}),
        )
        .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("photo_ids".into(), "already_attached".into())]
    );
    let thread: Value = app
        .get(
            &format!("/api/v1/threads/{}", sent["id"].as_str().unwrap()),
            Some(&shop.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        thread["messages"].as_array().unwrap().len(),
        2,
        "the refused post left nothing"
    );
    assert_eq!(thread["messages"][1]["attachments"][0]["id"], mine["id"]);
}
