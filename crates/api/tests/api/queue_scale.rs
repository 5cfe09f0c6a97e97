//! The returns queue at scale: status counts stop at 10,000 ("10,000+"), and the queue's
//! statements read indexes, never the whole returns table, on SQLite and on PostgreSQL.

use crate::helpers::spawn_app;
use chrono::{Duration, Utc};
use rebound_api::db::entities::{order, return_request};
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::{OrderStatus, ReturnStatus};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, IntoActiveModel, Statement,
    TransactionTrait,
};
use serde_json::Value;
use uuid::Uuid;

async fn insert_order(db: &DatabaseConnection, merchant_id: Uuid) -> Uuid {
    let now = Utc::now();
    let id = Uuid::now_v7();
    order::Entity::insert(
        order::Model {
            id,
            merchant_id,
            number: "SCALE-1".into(),
            customer_name: "Jane Doe".into(),
            email: "jane@example.com".into(),
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
            created_at: now,
            updated_at: now,
        }
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await
    .unwrap();
    id
}

/// `n` returns of one order in `status`, a minute apart, in multi-row inserts small enough
/// for SQLite's limit on bound values.
async fn insert_returns(
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
                number: format!("R-{}-{i}", status.as_str()),
                status,
                resolution: Resolution::Refund,
                method: ReturnMethod::PrepaidLabel,
                replacement_variant: None,
                withdrawal: false,
                label_issued_at: None,
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

/// The statements the queue runs, as the server writes them (newest first on created_at, id;
/// the search through the orders' (merchant_id, email) index; one capped count per status).
fn queue_statements(merchant: &str) -> Vec<(&'static str, String)> {
    let scope = format!("returns.merchant_id = '{merchant}'");
    let page = "ORDER BY returns.created_at DESC, returns.id DESC LIMIT 26";
    vec![
        (
            "first page",
            format!("SELECT returns.id FROM returns WHERE {scope} {page}"),
        ),
        (
            "next page by status",
            format!(
                "SELECT returns.id FROM returns WHERE {scope} AND returns.status = 'approved' \
                 AND (returns.created_at < '2026-06-01 00:00:00+00:00' \
                 OR (returns.created_at = '2026-06-01 00:00:00+00:00' AND returns.id < '{merchant}')) \
                 {page}"
            ),
        ),
        (
            "search by email",
            format!(
                "SELECT returns.id FROM returns WHERE {scope} AND (returns.number = 'JANE@EXAMPLE.COM' \
                 OR returns.order_id IN (SELECT orders.id FROM orders WHERE orders.merchant_id = '{merchant}' \
                 AND (orders.number = 'jane@example.com' OR orders.email = 'jane@example.com'))) {page}"
            ),
        ),
        (
            "status count",
            format!(
                "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM returns WHERE {scope} \
                 AND returns.status = 'approved' LIMIT 10001) AS capped0) AS n0"
            ),
        ),
    ]
}

#[tokio::test]
async fn the_queue_reads_indexes_never_the_whole_returns_table() {
    let app = spawn_app().await;
    let shop = app.register("scale-plans").await;
    let backend = app.db.get_database_backend();
    let txn = app.db.begin().await.unwrap();
    if backend == DatabaseBackend::Postgres {
        // An empty table is cheapest to read whole: forbid that to see what the planner can use.
        txn.execute_unprepared("SET LOCAL enable_seqscan = off")
            .await
            .unwrap();
    }
    for (what, sql) in queue_statements(&shop.merchant_id) {
        let explain = match backend {
            DatabaseBackend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
            _ => format!("EXPLAIN {sql}"),
        };
        let plan: Vec<String> = txn
            .query_all_raw(Statement::from_string(backend, explain))
            .await
            .unwrap()
            .iter()
            .map(|row| match backend {
                DatabaseBackend::Sqlite => row.try_get::<String>("", "detail").unwrap(),
                _ => row.try_get::<String>("", "QUERY PLAN").unwrap(),
            })
            .collect();
        let text = plan.join("\n");
        let on_returns: Vec<&String> = plan
            .iter()
            .filter(|l| {
                l.contains(" returns ") || l.ends_with(" returns") || l.contains(" on returns")
            })
            .collect();
        assert!(!on_returns.is_empty(), "{what}: {text}");
        match backend {
            DatabaseBackend::Sqlite => {
                for line in &on_returns {
                    assert!(
                        line.contains("USING INDEX") || line.contains("USING COVERING INDEX"),
                        "{what} reads returns without an index: {text}"
                    );
                }
                assert!(
                    !text.contains("TEMP B-TREE"),
                    "{what} sorts instead of reading in index order: {text}"
                );
            }
            _ => {
                assert!(
                    !text.contains("Seq Scan on returns"),
                    "{what} reads returns whole: {text}"
                );
                assert!(
                    !text.contains("Sort"),
                    "{what} sorts instead of reading in index order: {text}"
                );
            }
        }
    }
    txn.rollback().await.unwrap();
}
