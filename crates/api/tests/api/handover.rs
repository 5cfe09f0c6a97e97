//! A stopping instance hands its work over at once. Two server processes on one database,
//! with leases far longer than the test (10 minutes): instance A runs a large import and gets
//! SIGTERM part-way. A stops after its current batch commits and gives the import's job back,
//! so instance B resumes it straight away (a crashed instance's work waits for its lease,
//! `crashes.rs`), and every row is counted once.

use crate::helpers::imports::{finished, start, uploaded};
use crate::helpers::process::{Server, app_at, free_port};
use crate::helpers::{TestApp, test_client};
use crate::smtp::SmtpServer;
use rebound_api::db::entities::import;
use reqwest::StatusCode;
use sea_orm::{Database, DatabaseConnection, EntityTrait};
use serde_json::json;
use std::time::{Duration, Instant};

/// Enough 500-order batches that SIGTERM lands in the middle.
const ROWS: usize = 20_000;
/// Far beyond the test's own time: only a released lease lets B take over in time.
const LEASE_MS: &str = "600000";

fn app_on(port: u16, db: &DatabaseConnection, database_url: &str) -> TestApp {
    // A connection per request: A's listener closes at SIGTERM.
    app_at(
        port,
        db,
        database_url,
        test_client().pool_max_idle_per_host(0),
    )
}

async fn import_row(db: &DatabaseConnection, id: &str) -> import::Model {
    let id: uuid::Uuid = id.parse().expect("import id");
    import::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("import read")
        .expect("import row")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_gives_a_running_import_to_the_other_instance_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(server) => crate::helpers::fresh_postgres_database(&server).await,
        None => rebound_api::config::sqlite_url(dir.path()),
    };
    let smtp = SmtpServer::start().await;
    let settings = [("REBOUND_LEASE_MS", LEASE_MS)];
    let (port_a, port_b) = (free_port(), free_port());
    // One after the other: the first applies the migrations. One data folder: B reads the
    // uploaded file A stored.
    let a = Server::start(dir.path(), &database_url, port_a, &smtp.url(), &settings).await;
    let _b = Server::start(dir.path(), &database_url, port_b, &smtp.url(), &settings).await;
    let db = Database::connect(&database_url).await.expect("connect");
    let on_a = app_on(port_a, &db, &database_url);
    let on_b = app_on(port_b, &db, &database_url);
    let shop = on_a.register("handover").await;

    let mut file = String::from(
        "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price\n",
    );
    for n in 0..ROWS {
        file.push_str(&format!(
            "H-{n},Shopper {n},s{n}@example.com,1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:00,A,Item A,1,19.99\n"
        ));
    }
    let view = uploaded(&on_a, &shop, file).await;
    let id = view["id"].as_str().expect("import id").to_owned();
    let started = start(&on_a, &shop, &id, &view["suggested_mapping"]).await;
    assert_eq!(started.status(), StatusCode::ACCEPTED);

    // SIGTERM once A has committed a batch.
    let deadline = Instant::now() + Duration::from_secs(60);
    while import_row(&db, &id).await.processed_rows == 0 {
        assert!(Instant::now() < deadline, "the import never started on A");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let exit = a
        .terminate(Duration::from_secs(40))
        .await
        .expect("A exits after SIGTERM");
    assert!(exit.success(), "exit status {exit}");
    let at_exit = import_row(&db, &id).await;
    assert!(
        at_exit.processed_rows < ROWS as i64,
        "A finished the import before it stopped; nothing was handed over ({} rows)",
        at_exit.processed_rows
    );
    println!(
        "A stopped with {} of {ROWS} rows imported",
        at_exit.processed_rows
    );

    // B resumes after A's last batch long before a 10-minute lease could run out: `finished`
    // gives it a minute.
    let done = finished(&on_b, &shop, &id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["processed_rows"], json!(ROWS), "{done}");
    assert_eq!(done["rows_rejected"].as_i64().unwrap_or(0), 0, "{done}");
    assert_eq!(
        done["orders_created"].as_i64().unwrap_or(0),
        ROWS as i64,
        "every order made once: {done}"
    );
    assert_eq!(done["orders_updated"].as_i64().unwrap_or(0), 0, "{done}");
    assert_eq!(
        crate::helpers::count(
            &db,
            "SELECT COUNT(*) AS n FROM orders WHERE number LIKE 'H-%'"
        )
        .await,
        ROWS as i64
    );
}
