//! The demo data: loaded once, complete enough to show the product, untouched on restart.

use crate::helpers::spawn_app_with;
use rebound_api::demo;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

async fn count(db: &sea_orm::DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn demo_merchant_signs_in_and_has_orders_shipments_and_returns() {
    let app = spawn_app_with(|c| c.demo_data = true).await;
    let session = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": demo::DEMO_EMAIL, "password": demo::DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(session.status(), StatusCode::OK);
    let branding: Value = app
        .get(&format!("/api/v1/portal/{}", demo::DEMO_SLUG), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(branding["company_name"], demo::DEMO_COMPANY);
    assert_eq!(branding["primary_colour"], demo::DEMO_PRIMARY);

    assert_eq!(count(&app.db, "orders").await, demo::DEMO_ORDERS as i64);
    assert!(count(&app.db, "shipments").await >= 40);
    assert!(count(&app.db, "shipment_events").await >= 100);
    let returns = count(&app.db, "returns").await;
    assert!((3..=10).contains(&returns), "{returns}");
    assert_eq!(count(&app.db, "staff").await, 3);
    assert_eq!(count(&app.db, "return_reasons").await, 7);
    // A catalogue to exchange from: three variants of each product, the parka's L sold out.
    let token: Value = session.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap();
    let parka: Value = app
        .get("/api/v1/catalogue?q=parka", Some(token))
        .await
        .json()
        .await
        .unwrap();
    let available: Vec<i64> = parka["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["available"].as_i64().unwrap())
        .collect();
    assert_eq!(available.len(), 3, "{parka}");
    assert!(available.contains(&0), "{available:?}");
    let settings: Value = app
        .get("/api/v1/settings", Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(settings["returns"]["exchanges"]["enabled"], true);
    // Demo returns use the state machine's statuses, each with a history ending there.
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT r.status AS status, (SELECT e.to_status FROM return_events e \
             WHERE e.return_id = r.id ORDER BY e.created_at DESC LIMIT 1) AS last \
             FROM returns r"
                .to_owned(),
        ))
        .await
        .unwrap();
    for row in rows {
        let status: String = row.try_get("", "status").unwrap();
        let last: String = row.try_get("", "last").unwrap();
        assert!(
            rebound_shared::domain::ReturnStatus::parse(&status).is_some(),
            "{status}"
        );
        assert_eq!(status, last);
    }

    // Loading again (a restart) changes nothing.
    demo::seed(&app.db).await.unwrap();
    assert_eq!(count(&app.db, "orders").await, demo::DEMO_ORDERS as i64);
    assert_eq!(count(&app.db, "merchants").await, 1);
}
