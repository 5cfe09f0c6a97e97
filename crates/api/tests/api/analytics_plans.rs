//! The analytics cards' statements, explained by the database: each reads the merchant's
//! rows of the period through an index, never a full scan of returns, orders or their lines,
//! on SQLite and on PostgreSQL (the suite runs on PostgreSQL when DATABASE_URL points at it).

use crate::helpers::spawn_app;
use crate::queue_plans::{plan_transaction, postgres_plan, sqlite_plan};
use crate::queue_scale::insert_history;
use chrono::{Duration, Utc};
use rebound_api::db::entities::{return_label, return_request};
use rebound_api::services::analytics::{CardScope, ProductFilter, card_statements};
use rebound_shared::domain::Currency;
use rebound_shared::domain::analytics::DateRange;
use sea_orm::{
    ColumnTrait, DatabaseBackend, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

/// The tables (and the aliases the cards give them) a full scan of would grow with the shop.
const TABLES: [&str; 21] = [
    "returns",
    "r",
    "orders",
    "o",
    "latest",
    "claimed",
    "order_items",
    "oi",
    "return_items",
    "ri",
    "return_reasons",
    "rr",
    "return_events",
    "e",
    "return_outcomes",
    "return_labels",
    "l",
    "issue_reports",
    "refunds",
    "store_credits",
    "shipments",
];

/// Tables read by merchant: a search of one by `merchant_id` alone walks the merchant's whole
/// history instead of the period (or the one shopper).
const BY_MERCHANT: [&str; 8] = [
    "returns",
    "r",
    "orders",
    "o",
    "latest",
    "return_outcomes",
    "return_labels",
    "l",
];

/// The one statement allowed to walk by merchant: the open returns waiting longest, read in
/// request order, which stops at the tenth open one.
const WALKS_IN_ORDER: &str = "speed: waiting";

/// A label for each of the merchant's returns, bought when it was requested: so that the
/// statistics know labels spread over the year, as they would be in a real shop.
async fn insert_labels(db: &DatabaseConnection, merchant: Uuid) {
    let returns = return_request::Entity::find()
        .filter(return_request::Column::MerchantId.eq(merchant))
        .all(db)
        .await
        .unwrap();
    let labels: Vec<return_label::ActiveModel> = returns
        .iter()
        .map(|r| {
            return_label::Model {
                id: Uuid::now_v7(),
                merchant_id: merchant,
                return_id: r.id,
                current_for_return: Some(r.id),
                carrier: "rate_table".into(),
                service: "ground".into(),
                service_name: "Ground".into(),
                tracking_number: format!("TRK{}", r.number),
                price_minor: 899,
                currency: "CAD".into(),
                weight_grams: 1000,
                pdf_key: String::new(),
                qr_key: String::new(),
                created_at: r.created_at,
                voided_at: None,
            }
            .into_active_model()
        })
        .collect();
    for chunk in labels.chunks(500) {
        return_label::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .unwrap();
    }
}

fn scopes() -> Vec<(&'static str, CardScope)> {
    let today = Utc::now().date_naive();
    let from = (today - Duration::days(89)).to_string();
    let to = today.to_string();
    let range = DateRange::parse(Some(&from), Some(&to), None).unwrap();
    vec![
        (
            "all products",
            CardScope {
                range,
                product: None,
            },
        ),
        (
            "one SKU",
            CardScope {
                range,
                product: Some(ProductFilter::Sku("SKU-1".into())),
            },
        ),
        (
            "one tag",
            CardScope {
                range,
                product: Some(ProductFilter::Tag("sale".into())),
            },
        ),
    ]
}

#[tokio::test]
async fn every_card_reads_its_period_through_indexes() {
    let app = spawn_app().await;
    let shop = app.register("analytics-plans").await;
    let merchant = Uuid::parse_str(&shop.merchant_id).unwrap();
    insert_history(&app.db, merchant, 2_000).await;
    insert_labels(&app.db, merchant).await;
    let backend = app.db.get_database_backend();
    let txn = plan_transaction(&app.db).await;
    let currency = Currency::parse("CAD").unwrap();
    for (scope_name, scope) in scopes() {
        for (what, statement) in card_statements(backend, merchant, &scope, currency) {
            let what = format!("{what} ({scope_name})");
            match backend {
                DatabaseBackend::Sqlite => {
                    let plan = sqlite_plan(&txn, statement).await;
                    let text = plan.join("\n");
                    if std::env::var("SHOW_PLANS").is_ok() {
                        println!("== {what}\n{text}");
                    }
                    assert!(
                        plan.iter().any(|l| l.starts_with("SEARCH ")),
                        "{what} searches no index: {text}"
                    );
                    for line in &plan {
                        let mut words = line.split(' ');
                        let (step, table) = (words.next(), words.next().unwrap_or_default());
                        assert!(
                            !(step == Some("SCAN") && TABLES.contains(&table)),
                            "{what} scans {table}: {text}"
                        );
                        assert!(
                            !(BY_MERCHANT.contains(&table) && line.ends_with("(merchant_id=?)"))
                                || what.starts_with(WALKS_IN_ORDER),
                            "{what} walks the merchant's {table}: {text}"
                        );
                    }
                }
                _ => {
                    let nodes = postgres_plan(&txn, statement).await;
                    for node in &nodes {
                        let table = node["Relation Name"].as_str().unwrap_or_default();
                        assert!(
                            !(node["Node Type"] == "Seq Scan" && TABLES.contains(&table)),
                            "{what} scans {table}: {nodes:#?}"
                        );
                        let condition = node["Index Cond"].as_str().unwrap_or_default();
                        let by_merchant_alone =
                            condition.contains("merchant_id") && !condition.contains(" AND ");
                        assert!(
                            !(BY_MERCHANT.contains(&table) && by_merchant_alone)
                                || what.starts_with(WALKS_IN_ORDER),
                            "{what} walks the merchant's {table}: {nodes:#?}"
                        );
                    }
                }
            }
        }
    }
}
