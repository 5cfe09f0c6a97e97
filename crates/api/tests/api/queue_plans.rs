//! The queue's own statements (and the shopper's lookup), explained by the database: pages, counts and searches search
//! indexes, never walk the returns table or a merchant's whole history, and never use OFFSET,
//! on SQLite and on PostgreSQL (the suite runs on PostgreSQL when DATABASE_URL points at it).

use crate::helpers::spawn_app;
use crate::queue_scale::insert_history;
use chrono::{Duration, Utc};
use rebound_api::routes::page::Limit;
use rebound_api::services::orders::shopper;
use rebound_api::services::returns::queue_statements::{self as return_queue, ReturnFilter};
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::ReturnStatus;
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, Statement,
    TransactionTrait,
};
use serde_json::Value;
use uuid::Uuid;

/// Indexes that start with merchant_id and go on with the page's order: reading one of them
/// for a search means walking the merchant's whole history in search of the shopper's rows.
const HISTORY_WALKS: [&str; 3] = [
    "ix_returns_merchant_id_created_at_id",
    "ix_returns_merchant_id_status_created_at_id",
    "ix_returns_merchant_id_resolution_created_at_id",
];

/// One statement the queue runs, by what it serves.
struct Case {
    what: String,
    query: SelectStatement,
    /// From a search: read through the search's hits, which the database may sort.
    search: bool,
    /// A page after a cursor: the cursor must bound the index range, not filter a walk.
    after_cursor: bool,
}

/// The queue's statements as the server builds them (the same function `list_returns` calls).
fn queue_statements(merchant: Uuid) -> Vec<Case> {
    let filter = |f: &dyn Fn(&mut ReturnFilter)| {
        let mut filter = ReturnFilter {
            status: None,
            reason_id: None,
            resolution: None,
            defective: None,
            from: None,
            to: None,
            q: None,
            cursor: None,
            limit: Limit::<25, 100>::default().get().unwrap(),
        };
        f(&mut filter);
        filter
    };
    // A cursor as the server hands them out (`<micros>_<id>`), half-way down the history.
    let middle = (Utc::now() - Duration::days(180)).timestamp_micros();
    let cursor = format!("{middle}_{}", Uuid::now_v7().simple());
    let cases = [
        ("first page", filter(&|_| {}), false),
        (
            "next page by status",
            filter(&|f| {
                f.status = Some(ReturnStatus::Approved);
                f.cursor = Some(cursor.clone());
            }),
            false,
        ),
        (
            "filtered page (status + resolution)",
            filter(&|f| {
                f.status = Some(ReturnStatus::Resolved);
                f.resolution = Some(Resolution::Refund);
            }),
            false,
        ),
        (
            "search by email",
            filter(&|f| f.q = Some("Shopper7@Example.com".into())),
            true,
        ),
        (
            "next page of a search by order number, by status",
            filter(&|f| {
                f.q = Some("#100007".into());
                f.status = Some(ReturnStatus::Approved);
                f.cursor = Some(cursor.clone());
            }),
            true,
        ),
    ];
    cases
        .into_iter()
        .flat_map(|(what, filter, search)| {
            let statements = return_queue::queue_statements(merchant, &filter).unwrap();
            [
                Case {
                    what: format!("{what}: page"),
                    query: statements.page,
                    search,
                    after_cursor: filter.cursor.is_some() && !search,
                },
                Case {
                    what: format!("{what}: counts"),
                    query: statements.counts,
                    search,
                    after_cursor: false,
                },
            ]
        })
        .collect()
}

/// A transaction to explain statements in, planned as on a large database: on PostgreSQL with
/// statistics gathered (as autovacuum would: without any, every index on merchant_id costs the
/// same and the planner picks one at random) and sequential scans forbidden for this
/// transaction only (on tables this small reading everything is cheapest whatever the
/// indexes; forbidding it shows whether an index CAN serve each statement, which is what holds
/// on a million rows).
pub(crate) async fn plan_transaction(db: &DatabaseConnection) -> DatabaseTransaction {
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    if postgres {
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    let txn = db.begin().await.unwrap();
    if postgres {
        txn.execute_unprepared("SET LOCAL enable_seqscan = off")
            .await
            .unwrap();
    }
    txn
}

/// SQLite's plan, one `detail` line per step (`SEARCH returns USING INDEX ix (a=? AND b=?)`).
pub(crate) async fn sqlite_plan(txn: &DatabaseTransaction, statement: Statement) -> Vec<String> {
    let explain = Statement {
        sql: format!("EXPLAIN QUERY PLAN {}", statement.sql),
        ..statement
    };
    txn.query_all_raw(explain)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "detail").unwrap())
        .collect()
}

/// PostgreSQL's plan as its JSON tree, flattened to its nodes.
pub(crate) async fn postgres_plan(txn: &DatabaseTransaction, statement: Statement) -> Vec<Value> {
    let explain = Statement {
        sql: format!("EXPLAIN (FORMAT JSON) {}", statement.sql),
        ..statement
    };
    let row = txn.query_one_raw(explain).await.unwrap().unwrap();
    let plan: Value = row.try_get("", "QUERY PLAN").unwrap();
    let mut nodes = Vec::new();
    let mut stack = vec![plan[0]["Plan"].clone()];
    while let Some(node) = stack.pop() {
        if let Some(children) = node["Plans"].as_array() {
            stack.extend(children.iter().cloned());
        }
        nodes.push(node);
    }
    nodes
}

#[tokio::test]
async fn the_queue_searches_indexes_never_walks_the_returns_table() {
    let app = spawn_app().await;
    let shop = app.register("scale-plans").await;
    let merchant = Uuid::parse_str(&shop.merchant_id).unwrap();
    insert_history(&app.db, merchant, 2_000).await;
    let backend = app.db.get_database_backend();
    let txn = plan_transaction(&app.db).await;
    for Case {
        what,
        query,
        search,
        after_cursor,
    } in queue_statements(merchant)
    {
        let statement = backend.build(&query);
        assert!(
            !statement.sql.to_uppercase().contains("OFFSET"),
            "{what}: keyset pages never skip rows with OFFSET: {}",
            statement.sql
        );
        match backend {
            DatabaseBackend::Sqlite => {
                let plan = sqlite_plan(&txn, statement).await;
                let text = plan.join("\n");
                let on_returns: Vec<&String> = plan
                    .iter()
                    .filter(|l| l.split(' ').nth(1) == Some("returns"))
                    .collect();
                assert!(!on_returns.is_empty(), "{what}: {text}");
                for line in on_returns {
                    // `SCAN returns [USING INDEX ...]` reads the whole table (or a whole index).
                    assert!(line.starts_with("SEARCH returns "), "{what}: {text}");
                    if after_cursor {
                        assert!(line.contains("created_at<?"), "{what}: {text}");
                    }
                    if search {
                        assert!(
                            HISTORY_WALKS.iter().all(|ix| !line.contains(ix)),
                            "{what} walks the merchant's history: {text}"
                        );
                    }
                }
                if !search {
                    assert!(
                        !text.contains("TEMP B-TREE FOR ORDER BY"),
                        "{what} sorts instead of reading in index order: {text}"
                    );
                }
            }
            _ => {
                let nodes = postgres_plan(&txn, statement).await;
                let text = serde_json::to_string(&nodes).unwrap();
                let mut on_returns = 0;
                for node in &nodes {
                    let kind = node["Node Type"].as_str().unwrap_or_default();
                    let index = node["Index Name"].as_str().unwrap_or_default();
                    let returns_index = index == "returns_pkey" || index.starts_with("ix_returns_");
                    if node["Relation Name"] == "returns" || returns_index {
                        on_returns += 1;
                        assert_ne!(kind, "Seq Scan", "{what} reads returns whole: {text}");
                    }
                    if returns_index {
                        // An index scan with no condition reads the whole index.
                        let condition = node["Index Cond"].as_str();
                        assert!(condition.is_some(), "{what}: {text}");
                        if after_cursor {
                            assert!(
                                condition.is_some_and(|c| c.contains("created_at <=")),
                                "{what}: {text}"
                            );
                        }
                        if search {
                            assert!(
                                !HISTORY_WALKS.contains(&index),
                                "{what} walks the merchant's history: {text}"
                            );
                        }
                    }
                    if !search {
                        assert!(
                            !kind.ends_with("Sort"),
                            "{what} sorts instead of reading in index order: {text}"
                        );
                    }
                }
                assert!(on_returns > 0, "{what}: {text}");
            }
        }
    }
    txn.rollback().await.unwrap();
}

#[tokio::test]
async fn the_shoppers_lookup_is_one_search_of_the_order_number_index() {
    // Compared as typed (upper case, no spaces or `#`), the number once defeated its index
    // and each lookup read all of the shop's orders.
    let app = spawn_app().await;
    let shop = app.register("lookup-plans").await;
    let merchant = Uuid::parse_str(&shop.merchant_id).unwrap();
    insert_history(&app.db, merchant, 500).await;
    let backend = app.db.get_database_backend();
    let txn = plan_transaction(&app.db).await;
    let statement = backend.build(&shopper::lookup_statement(merchant, "#mc 1040"));
    const INDEX: &str = "ix_orders_merchant_id_number_key";
    match backend {
        DatabaseBackend::Sqlite => {
            let plan = sqlite_plan(&txn, statement).await.join("\n");
            assert!(
                plan.starts_with(&format!(
                    "SEARCH orders USING INDEX {INDEX} (merchant_id=? AND <expr>=?)"
                )),
                "{plan}"
            );
        }
        _ => {
            let nodes = postgres_plan(&txn, statement).await;
            let text = serde_json::to_string(&nodes).unwrap();
            let node = nodes
                .iter()
                .find(|n| n["Index Name"] == INDEX)
                .unwrap_or_else(|| panic!("the lookup does not use {INDEX}: {text}"));
            let condition = node["Index Cond"].as_str().unwrap_or_default();
            assert!(condition.contains("replace"), "{text}");
            assert!(nodes.iter().all(|n| n["Node Type"] != "Seq Scan"), "{text}");
        }
    }
    txn.rollback().await.unwrap();
}
