//! The real server binary killed with SIGKILL while shoppers submit returns, an import writes
//! its batches and mail goes out, then started again on the same database. What was answered
//! stays answered, once; nothing is half-written; the import finishes; every mail and
//! webhook goes out; SQLite's file is sound. `REBOUND_CRASH_ROUNDS` (default 1) repeats the
//! kill and restart with new work each round: the long run (`cargo xtask crash`) makes it 20.

use crate::helpers::imports::{finished, start, uploaded};
use crate::helpers::portal::{OrderSpec, PLAIN, portal_order, return_reasons};
use crate::helpers::process::{Server, free_port};
use crate::helpers::{TestApp, count, test_client};
use crate::smtp::SmtpServer;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// Orders each round submits a return for, all at once, while the import runs.
const SHOPPERS: usize = 16;
/// Orders in each round's import file: enough batches that the kill lands inside it.
const IMPORTED_ORDERS: usize = 20_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_nothing_it_answered_and_finishes_what_it_started() {
    let rounds: usize = std::env::var("REBOUND_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(server) => crate::helpers::fresh_postgres_database(&server).await,
        None => rebound_api::config::sqlite_url(dir.path()),
    };
    let smtp = SmtpServer::start().await;
    let port = free_port();
    // Webhooks go to a receiver on loopback, which a real deployment would refuse.
    let hooks = crate::webhooks::receiver(&[]).await;
    let env = [("REBOUND_WEBHOOKS_ALLOW_PRIVATE", "1")];
    let mut server = Server::start(dir.path(), &database_url, port, &smtp.url(), &env).await;
    let db = Database::connect(&database_url).await.expect("connect");
    let app = crate::helpers::process::app_at(port, &db, &database_url, test_client());
    let shop = app.register("crash-shop").await;
    let (_, secret) =
        crate::webhooks::add_endpoint(&app, &shop.token, &hooks.url, json!(["return.created"]))
            .await;

    for round in 0..rounds {
        // Orders delivered and opened in the portal, one return each to come.
        let mut shoppers = Vec::new();
        for i in 0..SHOPPERS {
            let number = format!("{round}-{i}");
            let spec = OrderSpec {
                number: &number,
                ..PLAIN
            };
            let order = portal_order(&app, &shop, &spec).await;
            let (reason, _) = return_reasons(&app, &order).await;
            let body = json!({"items": [{"order_item_id": order.item("A"), "quantity": 1,
                "reason_id": reason}], "resolution": "refund", "method": "prepaid_label"});
            shoppers.push((order, body, uuid::Uuid::new_v4().to_string()));
        }
        let import = uploaded(&app, &shop, import_file(round)).await;
        let import_id = import["id"].as_str().expect("import id").to_owned();
        let started = start(&app, &shop, &import_id, &import["suggested_mapping"]).await;
        assert_eq!(started.status(), StatusCode::ACCEPTED);
        // The kill must land inside the import: wait for its first committed batch.
        let deadline = Instant::now() + Duration::from_secs(60);
        while progress(&app, &shop, &import_id).await == 0 {
            assert!(
                Instant::now() < deadline,
                "round {round}: the import never began"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }

        // Every shopper at once; the server dies somewhere in the middle.
        let submissions: Vec<_> = shoppers
            .iter()
            .map(|(order, body, key)| {
                app.client
                    .post(app.url(&order.path("/returns")))
                    .bearer_auth(&order.token)
                    .header("Idempotency-Key", key.as_str())
                    .json(body)
                    .send()
            })
            .collect();
        let answers = tokio::spawn(async move {
            let mut out = Vec::new();
            for answer in futures_util::future::join_all(submissions).await {
                out.push(match answer {
                    Ok(r) if r.status() == StatusCode::CREATED => {
                        let view: Value = r.json().await.unwrap_or(Value::Null);
                        Some(view["id"].as_str().unwrap_or_default().to_owned())
                    }
                    _ => None,
                });
            }
            out
        });
        // Killed once some returns are written and others are on their way (how many varies
        // by round).
        let written = 1 + (round as i64 * 5) % (SHOPPERS as i64 / 2);
        let of_round = format!(
            "SELECT COUNT(*) AS n FROM returns r JOIN orders o ON o.id = r.order_id \
             WHERE o.number LIKE '{round}-%'"
        );
        let deadline = Instant::now() + Duration::from_secs(60);
        while count(&db, &of_round).await < written {
            assert!(
                Instant::now() < deadline,
                "round {round}: no return was written"
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill();
        let answered = answers.await.expect("answers");
        let at_kill = progress(&app, &shop, &import_id).await;
        println!(
            "round {round}: killed with {} of {SHOPPERS} returns answered and {at_kill} of \
             {IMPORTED_ORDERS} rows imported",
            answered.iter().flatten().count()
        );
        let mail_before_restart = smtp.messages().len();
        server = Server::start(dir.path(), &database_url, port, &smtp.url(), &env).await;

        // A retry with the same key gets the first answer, or makes the return now; either
        // way one return per order.
        let mut ids = BTreeSet::new();
        for ((order, body, key), first) in shoppers.iter().zip(&answered) {
            let retry = app
                .client
                .post(app.url(&order.path("/returns")))
                .bearer_auth(&order.token)
                .header("Idempotency-Key", key.as_str())
                .json(body)
                .send()
                .await
                .expect("retry sent");
            let status = retry.status();
            let view: Value = retry.json().await.expect("retry json");
            assert!(
                status == StatusCode::OK || status == StatusCode::CREATED,
                "round {round}: retry answered {status}: {view}"
            );
            if first.is_some() {
                assert_eq!(status, StatusCode::OK, "round {round}: a 201 was lost");
            }
            let id = view["id"].as_str().expect("return id").to_owned();
            if let Some(first) = first {
                assert_eq!(&id, first, "round {round}: the replay is another return");
            }
            ids.insert(id);
        }
        assert_eq!(ids.len(), SHOPPERS, "round {round}");
        for id in &ids {
            let case = app
                .get(&format!("/api/v1/returns/{id}"), Some(&shop.token))
                .await;
            assert_eq!(case.status(), StatusCode::OK, "round {round}: {id} is gone");
        }
        // No return without its lines, no line without its return.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) AS n FROM returns r WHERE NOT EXISTS \
                (SELECT 1 FROM return_items i WHERE i.return_id = r.id)"
            )
            .await,
            0,
            "round {round}: a return without lines"
        );
        assert_eq!(
            count(&db, &of_round).await,
            SHOPPERS as i64,
            "round {round}: one return per order"
        );

        // The import: taken over once the dead server's hold ran out, finished where it
        // stopped, nothing twice.
        let done = finished(&app, &shop, &import_id).await;
        assert_eq!(done["status"], "completed", "round {round}: {done}");
        assert_eq!(done["processed_rows"], json!(IMPORTED_ORDERS), "{done}");
        assert_eq!(
            done["orders_created"].as_i64().unwrap_or(0)
                + done["orders_updated"].as_i64().unwrap_or(0),
            IMPORTED_ORDERS as i64,
            "round {round}: {done}"
        );
        assert_eq!(
            count(
                &db,
                &format!("SELECT COUNT(*) AS n FROM orders WHERE number LIKE 'I{round}-%'")
            )
            .await,
            IMPORTED_ORDERS as i64
        );

        // Every mail due goes out; one the dead server was handing over at the kill may go
        // twice, with the same Message-ID, so a mail client shows it once.
        let due = outbox_ids(&db).await;
        let deadline = Instant::now() + Duration::from_secs(60);
        while count(
            &db,
            "SELECT COUNT(*) AS n FROM outbox WHERE status <> 'sent'",
        )
        .await
            > 0
        {
            assert!(
                Instant::now() < deadline,
                "round {round}: mail still pending"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let received = message_ids(&smtp);
        for id in &due {
            assert!(
                received.contains_key(id),
                "round {round}: mail {id} never sent"
            );
        }
        let twice: usize = received.values().map(|n| n - 1).sum();
        assert!(
            twice <= round + 1,
            "round {round}: {twice} mails went twice ({mail_before_restart} before the restart)"
        );

        // Every webhook due is delivered, signed; each return of the round is announced. A
        // delivery the dead server was sending at the kill may arrive twice, with the same
        // `webhook-id` and body, so a receiver that keeps the ids it has seen acts once.
        let deadline = Instant::now() + Duration::from_secs(60);
        while count(
            &db,
            "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status <> 'delivered'",
        )
        .await
            > 0
        {
            assert!(
                Instant::now() < deadline,
                "round {round}: webhooks still pending"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let got = hooks.got();
        let mut bodies: BTreeMap<String, String> = BTreeMap::new();
        let mut twice = 0;
        for delivery in &got {
            assert!(
                crate::webhooks::verifies(&secret, delivery),
                "round {round}: a forged delivery {}",
                delivery.id
            );
            if let Some(first) = bodies.insert(delivery.id.clone(), delivery.body.clone()) {
                assert_eq!(first, delivery.body, "round {round}: one id, two bodies");
                twice += 1;
            }
        }
        assert!(
            twice <= round + 1,
            "round {round}: {twice} webhooks went twice"
        );
        let announced: BTreeSet<String> = got
            .iter()
            .map(|d| {
                d.json()["data"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        for id in &ids {
            assert!(
                announced.contains(id),
                "round {round}: return {id} never announced"
            );
        }
        assert_eq!(
            bodies.len() as i64,
            count(&db, "SELECT COUNT(*) AS n FROM webhook_deliveries").await,
            "round {round}: a delivery row without its delivery, or the reverse"
        );
    }

    if database_url.starts_with("sqlite") {
        server.kill();
        let check = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .expect("integrity check")
            .expect("a row");
        let verdict: String = check.try_get_by_index(0).expect("verdict");
        assert_eq!(verdict, "ok");
    }
}

/// Rows the import has committed, read from the database (the server may be down).
async fn progress(app: &TestApp, _shop: &crate::helpers::Account, id: &str) -> i64 {
    let id: uuid::Uuid = id.parse().expect("import id");
    use rebound_api::db::entities::import;
    use sea_orm::EntityTrait;
    import::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("import read")
        .map_or(0, |i| i.processed_rows)
}

/// `IMPORTED_ORDERS` one-line orders numbered `I{round}-n`.
fn import_file(round: usize) -> Vec<u8> {
    let mut file = String::from(
        "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price\n",
    );
    for n in 0..IMPORTED_ORDERS {
        file.push_str(&format!(
            "I{round}-{n},Shopper {n},s{n}@example.com,1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:00,A,Item A,1,19.99\n"
        ));
    }
    file.into_bytes()
}

async fn outbox_ids(db: &DatabaseConnection) -> Vec<String> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT id FROM outbox",
    ))
    .await
    .expect("outbox")
    .iter()
    .map(|r| {
        r.try_get::<uuid::Uuid>("", "id")
            .map(|u| u.to_string())
            .or_else(|_| r.try_get::<String>("", "id"))
            .expect("id")
    })
    .collect()
}

/// How many times each outbox id arrived, read from the Message-ID (`<id@rebound>`).
fn message_ids(smtp: &SmtpServer) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for message in smtp.messages() {
        let parsed = message.parsed();
        if let Some(id) = parsed.message_id() {
            let id = id.trim_end_matches("@rebound").to_owned();
            *seen.entry(id).or_insert(0) += 1;
        }
    }
    seen
}
