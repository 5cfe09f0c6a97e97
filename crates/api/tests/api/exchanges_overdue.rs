//! Instant exchanges whose returned items have not arrived after the shop's number of days:
//! listed for the dashboard, oldest first; not a waiting one, nor one whose items arrived, nor
//! an exchange that was not instant, nor another shop's.

use crate::exchanges::{act, ask_exchange, exchange_shop, ok, tee_order};
use crate::helpers::portal::{OrderSpec, portal_order};
use crate::helpers::{TestApp, spawn_app};
use chrono::{Duration, Utc};
use rebound_api::db::entities::return_exchange;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// Moves the shipment of the return's new items `days` back in time.
async fn shipped_days_ago(app: &TestApp, return_id: &str, days: i64) {
    let id: uuid::Uuid = return_id.parse().unwrap();
    let moved = return_exchange::Entity::update_many()
        .col_expr(
            return_exchange::Column::UpdatedAt,
            Expr::value(Utc::now() - Duration::days(days)),
        )
        .filter(return_exchange::Column::ReturnId.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(moved.rows_affected, 1);
}

fn numbers(list: &Value) -> Vec<String> {
    list["returns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn instant_exchanges_still_waiting_for_the_parcel_after_the_shops_days_are_listed() {
    let app = spawn_app().await;
    let instant = |e: &mut Value| {
        e["instant"] = json!({"enabled": true, "max_order_value_minor": 10000,
            "not_for_flagged": false, "overdue_after_days": 10});
    };
    let shop = exchange_shop(&app, "late-one", instant).await;
    let other = exchange_shop(&app, "late-two", instant).await;

    // Approved, shipped at once, and 12 days later nothing came back: listed.
    let late = ok(ask_exchange(&app, &tee_order(&app, &shop, "9101").await, "TEE-S").await).await;
    let late_id = late["id"].as_str().unwrap();
    let approved = ok(act(&app, &shop, late_id, "approve", &json!({})).await).await;
    assert_eq!(approved["return"]["exchange"]["instant"], true);
    shipped_days_ago(&app, late_id, 12).await;

    // Shipped 3 days ago: not yet.
    let recent =
        ok(ask_exchange(&app, &tee_order(&app, &shop, "9102").await, "TEE-XS").await).await;
    let recent_id = recent["id"].as_str().unwrap();
    ok(act(&app, &shop, recent_id, "approve", &json!({})).await).await;
    shipped_days_ago(&app, recent_id, 3).await;

    // Shipped long ago, but the parcel arrived: not listed.
    let arrived =
        ok(ask_exchange(&app, &tee_order(&app, &shop, "9103").await, "TEE-XS").await).await;
    let arrived_id = arrived["id"].as_str().unwrap();
    ok(act(&app, &shop, arrived_id, "approve", &json!({})).await).await;
    shipped_days_ago(&app, arrived_id, 30).await;
    ok(act(&app, &shop, arrived_id, "receive", &json!({})).await).await;

    // Worth more than the shop's instant limit: held, not shipped, whatever its age.
    let big = portal_order(
        &app,
        &shop,
        &OrderSpec {
            number: "9104",
            items: &[("TEE-M", 3, true)],
            country: "CA",
            currency: "CAD",
            delivered_days_ago: Some(1),
        },
    )
    .await;
    let held = ok(ask_exchange(&app, &big, "TEE-XS").await).await;
    let held_id = held["id"].as_str().unwrap();
    let approved = ok(act(&app, &shop, held_id, "approve", &json!({})).await).await;
    assert_eq!(approved["return"]["exchange"]["instant"], false);
    shipped_days_ago(&app, held_id, 40).await;

    // Another shop's late instant exchange.
    let theirs =
        ok(ask_exchange(&app, &tee_order(&app, &other, "9105").await, "TEE-S").await).await;
    let theirs_id = theirs["id"].as_str().unwrap();
    ok(act(&app, &other, theirs_id, "approve", &json!({})).await).await;
    shipped_days_ago(&app, theirs_id, 20).await;

    let list = ok(app
        .get("/api/v1/exchanges/overdue", Some(&shop.token))
        .await)
    .await;
    assert_eq!(list["after_days"], 10);
    assert_eq!(list["more"], false);
    assert_eq!(numbers(&list), [late["number"].as_str().unwrap()]);
    let row = &list["returns"][0];
    assert_eq!(row["return_id"], late_id);
    assert_eq!(row["status"], "approved");
    assert_eq!(row["order_number"], "9101");
    assert_eq!(row["days_waiting"], 12);

    // The other shop sees only its own.
    let list = ok(app
        .get("/api/v1/exchanges/overdue", Some(&other.token))
        .await)
    .await;
    assert_eq!(numbers(&list), [theirs["number"].as_str().unwrap()]);

    // A longer wait set by the shop: the 12-day one is no longer overdue.
    let saved = crate::helpers::portal::put_returns_settings(&app, &shop, |r| {
        r["exchanges"]["instant"]["overdue_after_days"] = json!(14);
    })
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let list = ok(app
        .get("/api/v1/exchanges/overdue", Some(&shop.token))
        .await)
    .await;
    assert_eq!(list["after_days"], 14);
    assert_eq!(list["returns"], json!([]));

    let anonymous = app.get("/api/v1/exchanges/overdue", None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn settings_saved_before_the_overdue_days_read_fourteen_and_bad_days_are_refused() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "late-default", |_| {}).await;
    let list = ok(app
        .get("/api/v1/exchanges/overdue", Some(&shop.token))
        .await)
    .await;
    assert_eq!(list["after_days"], 14);
    let saved = crate::helpers::portal::put_returns_settings(&app, &shop, |r| {
        r["exchanges"]["instant"]["overdue_after_days"] = json!(0);
    })
    .await;
    let problem =
        crate::helpers::assert_problem(saved, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert!(
        problem.to_string().contains("overdue_after_days"),
        "{problem}"
    );
}

/// The list's one statement reads the returns in flight through the queue's status index and
/// each one's exchange lines through their return, never a whole table, on a shop with a long
/// history.
#[tokio::test]
async fn the_overdue_list_reads_indexes_only() {
    use crate::queue_plans::{plan_transaction, postgres_plan, sqlite_plan};
    use rebound_api::services::returns::overdue_exchanges::overdue_statement;
    use sea_orm::DatabaseBackend;
    let app = spawn_app().await;
    let shop = app.register("late-plans").await;
    let merchant = uuid::Uuid::parse_str(&shop.merchant_id).unwrap();
    crate::queue_scale::insert_history(&app.db, merchant, 2_000).await;
    let backend = app.db.get_database_backend();
    let statement = backend.build(&overdue_statement(merchant, Utc::now()));
    let txn = plan_transaction(&app.db).await;
    match backend {
        DatabaseBackend::Sqlite => {
            let plan = sqlite_plan(&txn, statement).await;
            let text = plan.join("\n");
            for table in ["returns", "return_exchanges", "orders"] {
                let on_table: Vec<&String> = plan
                    .iter()
                    .filter(|l| l.split(' ').nth(1) == Some(table))
                    .collect();
                assert!(!on_table.is_empty(), "{table}: {text}");
                assert!(
                    on_table.iter().all(|l| l.starts_with("SEARCH ")),
                    "{table} read whole: {text}"
                );
            }
        }
        _ => {
            let nodes = postgres_plan(&txn, statement).await;
            let text = serde_json::to_string(&nodes).unwrap();
            for node in &nodes {
                assert_ne!(node["Node Type"], "Seq Scan", "{text}");
            }
        }
    }
    txn.rollback().await.unwrap();
}
