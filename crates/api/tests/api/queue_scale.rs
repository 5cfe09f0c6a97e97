//! The returns queue at scale: status counts stop at 10,000 ("10,000+"), and a search pages
//! through its own merchant's returns. What the database does with the queue's statements
//! is in `queue_plans`.

use crate::helpers::spawn_app;
use chrono::{Duration, Utc};
use rebound_api::db::entities::{order, return_request};
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::{OrderStatus, ReturnStatus};
use sea_orm::{DatabaseConnection, EntityTrait, IntoActiveModel, TransactionTrait};
use serde_json::Value;
use uuid::Uuid;

fn order_row(merchant_id: Uuid, number: &str, email: &str) -> order::Model {
    let now = Utc::now();
    order::Model {
        id: Uuid::now_v7(),
        merchant_id,
        number: number.into(),
        customer_name: "Jane Doe".into(),
        email: email.into(),
        phone: None,
        address_line1: "1 Main St".into(),
        address_line2: None,
        city: "Toronto".into(),
        region: None,
        postal_code: "M5V 2T6".into(),
        country: "CA".into(),
        currency: "CAD".into(),
        status: OrderStatus::Delivered,
        placed_at: now,
        delivered_at: Some(now),
        cancelled_at: None,
        tags: None,
        created_at: now,
        updated_at: now,
    }
}

pub(crate) async fn insert_order(db: &DatabaseConnection, merchant_id: Uuid) -> Uuid {
    let row = order_row(merchant_id, "SCALE-1", "jane@example.com");
    let id = row.id;
    order::Entity::insert(row.into_active_model())
        .exec_without_returning(db)
        .await
        .unwrap();
    id
}

/// `n` shoppers' orders with a return each, over every status and resolution: enough rows
/// for PostgreSQL's statistics to tell a shopper's few rows from the merchant's many.
pub(crate) async fn insert_history(db: &DatabaseConnection, merchant_id: Uuid, n: usize) {
    let start = Utc::now() - Duration::days(365);
    let orders: Vec<order::Model> = (0..n)
        .map(|i| {
            order_row(
                merchant_id,
                &format!("#{}", 100_000 + i),
                &format!("shopper{i}@example.com"),
            )
        })
        .collect();
    let returns: Vec<return_request::ActiveModel> = orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let at = start + Duration::minutes(i as i64);
            return_request::Model {
                id: Uuid::now_v7(),
                merchant_id,
                order_id: o.id,
                number: format!("R{:07}", i + 1),
                status: ReturnStatus::ALL[i % ReturnStatus::ALL.len()],
                resolution: [Resolution::Refund, Resolution::StoreCredit][i % 2],
                method: ReturnMethod::PrepaidLabel,
                replacement_variant: None,
                withdrawal: false,
                label_issued_at: None,
                fee_minor: None,
                keep_item: false,
                resolution_pending: false,
                method_pending: false,
                risk_flags: None,
                exchange: None,
                created_at: at,
                updated_at: at,
            }
            .into_active_model()
        })
        .collect();
    let orders: Vec<order::ActiveModel> =
        orders.into_iter().map(|o| o.into_active_model()).collect();
    let txn = db.begin().await.unwrap();
    for chunk in orders.chunks(500) {
        order::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .unwrap();
    }
    for chunk in returns.chunks(500) {
        return_request::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
}

/// `n` returns of one order in `status`, a minute apart, in multi-row inserts small enough
/// for SQLite's limit on bound values.
pub(crate) async fn insert_returns(
    db: &DatabaseConnection,
    merchant_id: Uuid,
    order_id: Uuid,
    status: ReturnStatus,
    n: usize,
) {
    let start = Utc::now() - Duration::days(30);
    let rows: Vec<return_request::ActiveModel> = (0..n)
        .map(|i| {
            let at = start + Duration::minutes(i as i64);
            return_request::Model {
                id: Uuid::now_v7(),
                merchant_id,
                order_id,
                // Upper case, as the server numbers returns (a search upper-cases the term).
                number: format!("R-{}-{i}", status.as_str()).to_uppercase(),
                status,
                resolution: Resolution::Refund,
                method: ReturnMethod::PrepaidLabel,
                replacement_variant: None,
                withdrawal: false,
                label_issued_at: None,
                fee_minor: None,
                keep_item: false,
                resolution_pending: false,
                method_pending: false,
                risk_flags: None,
                exchange: None,
                created_at: at,
                updated_at: at,
            }
            .into_active_model()
        })
        .collect();
    let txn = db.begin().await.unwrap();
    for chunk in rows.chunks(1_000) {
        return_request::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
}

#[tokio::test]
async fn status_counts_are_exact_up_to_ten_thousand_then_say_more() {
    let app = spawn_app().await;
    let shop = app.register("scale-counts").await;
    let merchant = Uuid::parse_str(&shop.merchant_id).unwrap();
    let order = insert_order(&app.db, merchant).await;
    insert_returns(&app.db, merchant, order, ReturnStatus::Rejected, 10_001).await;
    insert_returns(&app.db, merchant, order, ReturnStatus::Approved, 10_000).await;
    insert_returns(&app.db, merchant, order, ReturnStatus::PendingReview, 3).await;

    let page: Value = app
        .get("/api/v1/returns?limit=5", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let counts = &page["counts_per_status"];
    assert_eq!(counts["rejected"], 10_000, "{counts}");
    assert_eq!(counts["approved"], 10_000, "{counts}");
    assert_eq!(counts["pending_review"], 3, "{counts}");
    assert_eq!(counts["received"], 0, "{counts}");
    assert_eq!(page["capped_statuses"], serde_json::json!(["rejected"]));
    assert_eq!(page["returns"].as_array().unwrap().len(), 5);
    assert!(page["next_cursor"].is_string());

    // Another merchant's returns count for nobody else.
    let other = app.register("scale-other").await;
    let page: Value = app
        .get("/api/v1/returns", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["counts_per_status"]["rejected"], 0);
    assert_eq!(page["capped_statuses"], serde_json::json!([]));
}

#[tokio::test]
async fn a_search_pages_through_its_own_merchants_returns_only() {
    let app = spawn_app().await;
    let mine = app.register("scale-search").await;
    let theirs = app.register("scale-search-other").await;
    for shop in [&mine, &theirs] {
        let merchant = Uuid::parse_str(&shop.merchant_id).unwrap();
        let order = insert_order(&app.db, merchant).await;
        insert_returns(&app.db, merchant, order, ReturnStatus::Approved, 3).await;
    }

    let mut numbers = Vec::new();
    let mut path = "/api/v1/returns?q=Jane%40Example.com&limit=2".to_owned();
    loop {
        let page: Value = app
            .get(&path, Some(&mine.token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(page["counts_per_status"]["approved"], 3, "{page}");
        assert_eq!(page["capped_statuses"], serde_json::json!([]));
        for row in page["returns"].as_array().unwrap() {
            numbers.push(row["number"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                path = format!("/api/v1/returns?q=Jane%40Example.com&limit=2&cursor={cursor}")
            }
            None => break,
        }
    }
    // Newest first, each once, none of the other shop's (it has the same order and email).
    assert_eq!(numbers, ["R-APPROVED-2", "R-APPROVED-1", "R-APPROVED-0"]);

    let by_order: Value = app
        .get(
            "/api/v1/returns?q=SCALE-1&status=approved",
            Some(&mine.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_order["returns"].as_array().unwrap().len(), 3);
    let by_return: Value = app
        .get("/api/v1/returns?q=r-approved-1", Some(&mine.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_return["returns"][0]["number"], "R-APPROVED-1");
    assert_eq!(by_return["returns"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn remembered_counts_follow_a_write_made_outside_the_server() {
    // The counts are remembered between pages; rows written by anything else (another
    // instance, a job, this bulk insert) must still show, through the database watch.
    let app = spawn_app().await;
    let shop = app.register("scale-counts-fresh").await;
    let merchant = Uuid::parse_str(&shop.merchant_id).unwrap();
    let order = insert_order(&app.db, merchant).await;
    insert_returns(&app.db, merchant, order, ReturnStatus::Approved, 2).await;
    let counts = || async {
        let page: Value = app
            .get("/api/v1/returns?limit=1", Some(&shop.token))
            .await
            .json()
            .await
            .unwrap();
        let counts = &page["counts_per_status"];
        (
            counts["approved"].as_u64().unwrap(),
            counts["received"].as_u64().unwrap(),
        )
    };
    assert_eq!(counts().await, (2, 0));
    assert_eq!(counts().await, (2, 0));

    insert_returns(&app.db, merchant, order, ReturnStatus::Received, 3).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while counts().await != (2, 3) {
        assert!(
            std::time::Instant::now() < deadline,
            "the counts never showed the rows written outside the server"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
