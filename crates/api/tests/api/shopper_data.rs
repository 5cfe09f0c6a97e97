//! A shopper's data on request (GDPR articles 15 and 17): the owner exports everything held
//! about an address, then erases it; afterwards no text column of any table (read from the
//! schema, so new tables are covered) holds the address or the name, and another shop's
//! shopper with the same address is untouched.

use crate::helpers::imports::import;
use crate::helpers::portal::{PLAIN, PortalOrder, open_in_portal, portal_order, submit_return};
use crate::helpers::{Account, TestApp, assert_problem, spawn_app};
use crate::photos::{png, upload};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, Set, Statement};
use serde_json::{Value, json};

const EMAIL: &str = "jane@example.com";
const NAME: &str = "Jane Doe";

async fn export(app: &TestApp, who: &Account, email: &str) -> reqwest::Response {
    app.post(
        "/api/v1/shoppers/export",
        Some(&who.token),
        &json!({ "email": email }),
    )
    .await
}

async fn erase(app: &TestApp, who: &Account, email: &str) -> reqwest::Response {
    app.post(
        "/api/v1/shoppers/erase",
        Some(&who.token),
        &json!({ "email": email }),
    )
    .await
}

/// Jane's order in the portal with everything a shopper leaves behind: a photo, a return with
/// a comment, a message, an issue report, and the mails they caused.
async fn busy_shopper(app: &TestApp, shop: &Account) -> PortalOrder {
    let o = portal_order(app, shop, &PLAIN).await;
    let photo: Value = upload(app, &o, png(16, 16)).await.json().await.unwrap();
    let options: Value = app
        .get(&o.path("/returns/options"), Some(&o.token))
        .await
        .json()
        .await
        .unwrap();
    let reason = options["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["defective"] == true)
        .unwrap()["id"]
        .clone();
    let made = submit_return(
        app,
        &o,
        &json!({"items": [{"order_item_id": o.item("A"), "quantity": 1, "reason_id": reason,
            "comment": "Jane Doe here: the seam split", "photo_ids": [photo["id"]]}],
            "resolution": "refund", "method": "prepaid_label"}),
    )
    .await;
    assert_eq!(
        made.status(),
        StatusCode::CREATED,
        "{}",
        made.text().await.unwrap()
    );
    let sent = app
        .post(
            &o.path("/messages"),
            Some(&o.token),
            &json!({"body": "Hello, Jane Doe (jane@example.com) again", "client_request_id": "t-1"}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let reported = app
        .post(
            &o.path("/issues"),
            Some(&o.token),
            &json!({"issue_type": "damaged_in_transit", "message": "Box crushed, Jane Doe", "photo_ids": []}),
        )
        .await;
    assert_eq!(reported.status(), StatusCode::CREATED);
    o
}

/// Every (table, column) of the schema holding text, from the database's own catalogue.
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    let backend = app.db.get_database_backend();
    let mut out = Vec::new();
    if backend == DbBackend::Sqlite {
        let tables = app
            .db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            ))
            .await
            .unwrap();
        for t in tables {
            let table: String = t.try_get("", "name").unwrap();
            let columns = app
                .db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT name, type FROM pragma_table_info('{table}')"),
                ))
                .await
                .unwrap();
            for c in columns {
                let kind: String = c.try_get("", "type").unwrap();
                let kind = kind.to_lowercase();
                if kind.contains("char") || kind.contains("text") || kind.contains("json") {
                    out.push((table.clone(), c.try_get("", "name").unwrap()));
                }
            }
        }
    } else {
        let columns = app
            .db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb')",
            ))
            .await
            .unwrap();
        for c in columns {
            out.push((c.try_get("", "t").unwrap(), c.try_get("", "c").unwrap()));
        }
    }
    out
}

/// The (table, column, value) cells holding any of `needles`, ignoring case.
async fn traces(app: &TestApp, needles: &[&str]) -> Vec<(String, String, String)> {
    let backend = app.db.get_database_backend();
    let mut found = Vec::new();
    let columns = text_columns(app).await;
    assert!(
        columns.len() > 100,
        "the schema was read: {}",
        columns.len()
    );
    for (table, column) in columns {
        let rows = app
            .db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT CAST(\"{column}\" AS TEXT) AS v FROM \"{table}\""),
            ))
            .await
            .unwrap();
        for row in rows {
            // SQLite keeps what a column's type says is text as bytes when it was given bytes.
            let value = row.try_get::<Option<String>>("", "v").unwrap_or_else(|_| {
                row.try_get::<Option<Vec<u8>>>("", "v")
                    .unwrap()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            });
            let Some(value) = value else { continue };
            let lower = value.to_lowercase();
            if needles.iter().any(|n| lower.contains(&n.to_lowercase())) {
                found.push((table.clone(), column.clone(), value));
            }
        }
    }
    found
}

/// Files under the app's uploads folder whose bytes hold `needle`.
fn files_holding(app: &TestApp, needle: &str) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, needle: &[u8], out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, needle, out);
            } else if std::fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &app._data_dir.path().join("uploads"),
        needle.as_bytes(),
        &mut out,
    );
    out
}

/// A webhook delivery that carried Jane's order to the shop's system.
async fn delivered_webhook(app: &TestApp, shop: &Account, payload: &str) {
    use rebound_api::db::entities::{webhook_delivery, webhook_endpoint};
    let merchant: uuid::Uuid = shop.merchant_id.parse().unwrap();
    let now = Utc::now();
    let endpoint = webhook_endpoint::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        merchant_id: Set(merchant),
        url: Set("https://erp.example/hook".into()),
        description: Set("ERP".into()),
        events: Set("[\"return.created\"]".into()),
        enabled: Set(false),
        disabled_reason: Set(None),
        secret: Set("whsec_test".into()),
        previous_secret: Set(None),
        previous_valid_until: Set(None),
        failing_since: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    webhook_delivery::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        merchant_id: Set(merchant),
        endpoint_id: Set(endpoint.id),
        event_id: Set(uuid::Uuid::now_v7().to_string()),
        event: Set("return.created".into()),
        payload: Set(payload.into()),
        status: Set("delivered".into()),
        attempts: Set(1),
        next_attempt_at: Set(None),
        locked_until: Set(None),
        response_status: Set(Some(200)),
        duration_ms: Set(Some(3)),
        response_excerpt: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        delivered_at: Set(Some(now)),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_owner_exports_then_erases_a_shopper_and_no_trace_is_left() {
    let app = spawn_app().await;
    let shop = app.register("gdpr-a").await;
    let other_shop = app.register("gdpr-b").await;
    let o = busy_shopper(&app, &shop).await;
    // Another shopper of the same shop, and Jane at another shop.
    let bob_body = json!({
        "customer_name": "Bob Stone", "email": "bob@example.com", "phone": null,
        "shipping_address": {"line1": "2 Main St", "line2": null, "city": "Town", "region": null,
            "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": (Utc::now() - Duration::days(10)).to_rfc3339(),
        "items": [{"sku": "A", "title": "Item A", "variant": null, "quantity": 1,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null, "returnable": true}]
    });
    open_in_portal(&app, &shop, "7002", &bob_body, Some(1)).await;
    busy_shopper(&app, &other_shop).await;
    // A second order of Jane's came in a CSV import; its rows and preview hold her address.
    let csv = "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price,Carrier,Tracking number\n\
        8001,Jane Doe,jane@example.com,1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:00,C,Item C,1,10.00,,\n\
        8002,Bob Stone,bob@example.com,2 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:00,C,Item C,1,10.00,,\n";
    let done = import(&app, &shop, csv).await;
    assert_eq!(done["status"], "completed", "{done}");
    let order_id = o.order["id"].as_str().unwrap().to_owned();
    delivered_webhook(
        &app,
        &shop,
        &json!({"order": {"id": order_id, "email": EMAIL, "customer_name": NAME}}).to_string(),
    )
    .await;

    // Only the owner handles data requests.
    let manager = app
        .add_staff(&shop, "manager@gdpr-a.example", "manager")
        .await;
    let agent = app.add_staff(&shop, "agent@gdpr-a.example", "agent").await;
    for who in [&manager, &agent] {
        assert_problem(
            export(&app, who, EMAIL).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        assert_problem(
            erase(&app, who, EMAIL).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    assert_problem(
        export(&app, &shop, "not an email").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // The export: one file, this shop's data about Jane only.
    let response = export(&app, &shop, "  JANE@example.com ").await;
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"shopper-data-"),
        "{disposition}"
    );
    assert!(!disposition.contains(EMAIL));
    let data: Value = response.json().await.unwrap();
    assert_eq!(data["email"], EMAIL);
    assert_eq!(data["shop"], "Shop gdpr-a");
    let numbers: Vec<&str> = data["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["number"].as_str().unwrap())
        .collect();
    // Oldest first: the portal order was placed 60 days ago, the imported one on 1 November.
    assert_eq!(numbers, vec!["7001", "8001"]);
    assert_eq!(data["orders"][0]["customer_name"], NAME);
    assert_eq!(data["orders"][0]["items"].as_array().unwrap().len(), 2);
    assert_eq!(data["returns"].as_array().unwrap().len(), 1);
    assert_eq!(data["returns"][0]["order_number"], "7001");
    assert_eq!(
        data["returns"][0]["items"][0]["comment"],
        "Jane Doe here: the seam split"
    );
    let bodies: Vec<&str> = data["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert!(
        bodies.contains(&"Hello, Jane Doe (jane@example.com) again"),
        "{bodies:?}"
    );
    assert_eq!(data["issue_reports"][0]["message"], "Box crushed, Jane Doe");
    let photos = data["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 1);
    let photo_link = photos[0]["url"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&photo_link, None).await.status(), StatusCode::OK);
    let mails = data["mails"].as_array().unwrap();
    assert!(!mails.is_empty());
    assert!(mails.iter().all(|m| m["recipient"] == EMAIL), "{mails:?}");
    assert!(!data.to_string().contains("bob@example.com"));
    // Nothing of the other shop, though it knows the same address.
    assert!(!data.to_string().contains("gdpr-b"));

    let other_before: Value = export(&app, &other_shop, EMAIL).await.json().await.unwrap();
    let bob_before: Value = export(&app, &shop, "bob@example.com")
        .await
        .json()
        .await
        .unwrap();

    // The scan finds Jane wherever she is before the erasure: it would see what is left.
    let before: std::collections::BTreeSet<String> = traces(&app, &[EMAIL, NAME])
        .await
        .into_iter()
        .map(|(table, _, _)| table)
        .collect();
    for table in [
        "orders",
        "return_items",
        "messages",
        "message_threads",
        "issue_reports",
        "outbox",
        "imports",
        "webhook_deliveries",
    ] {
        assert!(before.contains(table), "{table} not in {before:?}");
    }
    assert!(!files_holding(&app, EMAIL).is_empty(), "the import's file");

    // The erasure.
    let erased = erase(&app, &shop, EMAIL).await;
    assert_eq!(erased.status(), StatusCode::OK);
    let erased: Value = erased.json().await.unwrap();
    assert_eq!(erased["recorded"], true);
    assert_eq!(erased["orders_anonymised"], 2);
    assert_eq!(erased["returns_anonymised"], 1);
    assert_eq!(erased["photos_deleted"], 1);
    assert!(erased["messages_deleted"].as_u64().unwrap() >= 1);
    assert_eq!(erased["issue_reports_cleared"], 1);
    assert_eq!(erased["webhook_deliveries_deleted"], 1);
    assert!(erased["mails_deleted"].as_u64().unwrap() >= mails.len() as u64);

    // The photo is gone, file and all; the order stays for the accounts, anonymised.
    assert_eq!(
        app.get(&photo_link, None).await.status(),
        StatusCode::NOT_FOUND
    );
    let kept: Value = app
        .get("/api/v1/orders/7001", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kept["items"].as_array().unwrap().len(), 2);
    assert_eq!(kept["items"][0]["unit_price_minor"], 4900);
    assert_eq!(kept["customer_name"], "");
    assert!(kept["email"].as_str().unwrap().ends_with("@erased.invalid"));
    // The portal cannot be opened with a blank contact now that the postal code is blank.
    let lookup = app
        .post(
            "/api/v1/portal/gdpr-a/lookup",
            None,
            &json!({"order": "7001", "contact": " "}),
        )
        .await;
    assert_ne!(lookup.status(), StatusCode::OK);
    assert_eq!(
        export(&app, &shop, EMAIL)
            .await
            .json::<Value>()
            .await
            .unwrap()["orders"],
        json!([])
    );

    // Audited, without the address.
    let log: Vec<Value> = app
        .get("/api/v1/audit-log", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let entries: Vec<&Value> = log.iter().filter(|e| e["area"] == "shoppers").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["changes"][0]["field"], "shopper.erased");
    assert_eq!(
        entries[0]["changes"][0]["to"]["orders"],
        json!(["7001", "8001"])
    );
    assert!(!entries[0].to_string().to_lowercase().contains("jane"));

    // A retry changes nothing and records nothing.
    let again: Value = erase(&app, &shop, EMAIL).await.json().await.unwrap();
    assert_eq!(again["recorded"], false);
    assert_eq!(again["orders_anonymised"], 0);
    let log: Vec<Value> = app
        .get("/api/v1/audit-log", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log.iter().filter(|e| e["area"] == "shoppers").count(), 1);

    // The other shop's Jane and this shop's Bob are untouched.
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("generated_at");
        for p in v["photos"].as_array_mut().unwrap() {
            p.as_object_mut().unwrap().remove("url");
        }
        // The outbox worker may send a waiting mail meanwhile.
        for m in v["mails"].as_array_mut().unwrap() {
            let m = m.as_object_mut().unwrap();
            m.remove("status");
            m.remove("sent_at");
        }
        v
    };
    let other_after: Value = export(&app, &other_shop, EMAIL).await.json().await.unwrap();
    assert_eq!(strip(other_after), strip(other_before.clone()));
    assert_eq!(other_before["orders"][0]["customer_name"], NAME);
    let bob_after: Value = export(&app, &shop, "bob@example.com")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(strip(bob_after), strip(bob_before));

    // The other shop erases its Jane too: then nothing in any table, nor any stored file,
    // holds her address or her name.
    let erased_b: Value = erase(&app, &other_shop, EMAIL).await.json().await.unwrap();
    assert_eq!(erased_b["orders_anonymised"], 1);
    let left = traces(&app, &[EMAIL, NAME]).await;
    assert!(left.is_empty(), "traces left: {left:#?}");
    assert!(files_holding(&app, EMAIL).is_empty());
    assert!(files_holding(&app, NAME).is_empty());
    // Bob's rows are all there.
    assert!(!traces(&app, &["bob@example.com"]).await.is_empty());
}

/// An address is matched as written: `_` and `%` are not wildcards, and case does not matter.
#[tokio::test]
async fn erasing_an_address_with_an_underscore_leaves_a_look_alike_alone() {
    let app = spawn_app().await;
    let shop = app.register("gdpr-underscore").await;
    delivered_webhook(&app, &shop, r#"{"email":"Jane_Doe@example.com"}"#).await;
    delivered_webhook(&app, &shop, r#"{"email":"janeXdoe@example.com"}"#).await;
    let erased = erase(&app, &shop, "jane_doe@example.com").await;
    assert_eq!(erased.status(), StatusCode::OK);
    let left: Vec<String> = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT payload FROM webhook_deliveries ORDER BY payload",
        ))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "payload").unwrap())
        .collect();
    assert_eq!(left, [r#"{"email":"janeXdoe@example.com"}"#]);
}
