//! Status columns are enums: a stored value that is no known variant is a fault the server
//! reports (500), never read as some default ("pending review", "unfulfilled", "pending").

use crate::helpers::{TestApp, assert_problem, spawn_app};
use crate::labels::order_with_return;
use chrono::Utc;
use rebound_api::db::entities::outbox;
use rebound_shared::api::notifications::MailStatus;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

/// Writes `value` into `table.column` of every row, as a hand edit or a bad migration would.
async fn corrupt(app: &TestApp, table: &str, column: &str, value: &str) {
    app.db
        .execute_unprepared(&format!("UPDATE {table} SET {column} = '{value}'"))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_unknown_return_status_is_a_fault_not_pending_review() {
    let app = spawn_app().await;
    let shop = app.register("bad-return-status").await;
    let return_id = order_with_return(&app, &shop, "1001").await;
    let path = format!("/api/v1/returns/{return_id}");
    assert_eq!(
        app.get(&path, Some(&shop.token)).await.status(),
        StatusCode::OK
    );

    corrupt(&app, "returns", "status", "misplaced").await;
    let read = app.get(&path, Some(&shop.token)).await;
    assert_problem(read, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    let queue = app.get("/api/v1/returns", Some(&shop.token)).await;
    assert_problem(queue, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
}

#[tokio::test]
async fn an_unknown_resolution_is_a_fault_not_a_refund() {
    let app = spawn_app().await;
    let shop = app.register("bad-resolution").await;
    let return_id = order_with_return(&app, &shop, "1001").await;
    corrupt(&app, "returns", "resolution", "barter").await;
    let read = app
        .get(&format!("/api/v1/returns/{return_id}"), Some(&shop.token))
        .await;
    assert_problem(read, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
}

#[tokio::test]
async fn an_unknown_order_status_is_a_fault_not_unfulfilled() {
    let app = spawn_app().await;
    let shop = app.register("bad-order-status").await;
    order_with_return(&app, &shop, "1001").await;
    let path = "/api/v1/orders/1001";
    assert_eq!(
        app.get(path, Some(&shop.token)).await.status(),
        StatusCode::OK
    );

    corrupt(&app, "orders", "status", "teleported").await;
    let read = app.get(path, Some(&shop.token)).await;
    assert_problem(read, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    let list = app.get("/api/v1/orders", Some(&shop.token)).await;
    assert_problem(list, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
}

#[tokio::test]
async fn an_unknown_mail_status_is_a_fault_not_pending() {
    let app = spawn_app().await;
    let shop = app.register("bad-mail-status").await;
    // Already sent, so the outbox worker leaves it alone while the test rewrites it.
    let id = Uuid::now_v7();
    outbox::ActiveModel {
        id: Set(id),
        merchant_id: Set(shop.merchant_id.parse().unwrap()),
        event: Set("return_received".into()),
        dedupe_key: Set(format!("test:{id}")),
        recipient: Set("noah@example.com".into()),
        locale: Set("en".into()),
        subject: Set("We have your parcel".into()),
        body_text: Set("Thanks".into()),
        body_html: Set("<p>Thanks</p>".into()),
        reply_to: Set(None),
        attachments: Set("[]".into()),
        status: Set(MailStatus::Sent),
        attempts: Set(1),
        next_attempt_at: Set(Utc::now()),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        sent_at: Set(Some(Utc::now())),
    }
    .insert(&app.db)
    .await
    .unwrap();
    assert_eq!(
        app.get("/api/v1/mail", Some(&shop.token)).await.status(),
        StatusCode::OK
    );

    corrupt(&app, "outbox", "status", "lost").await;
    let list = app.get("/api/v1/mail", Some(&shop.token)).await;
    assert_problem(list, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
}
