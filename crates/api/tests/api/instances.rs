//! Two server processes on one database, as a deployment that outgrew one machine runs them:
//! one signing secret, no sticky sessions, both mail workers running. Staff work on either;
//! mail goes out once however the two workers race; lookups are limited for both together
//! (PostgreSQL, where several instances are the point); SIGTERM lets requests in flight
//! finish and exits cleanly. (`read_cache.rs` checks that a write through one instance
//! empties the other's cache.)

use crate::helpers::portal::{OrderSpec, PLAIN, portal_order, return_reasons};
use crate::helpers::process::{Server, app_at, free_port};
use crate::helpers::{Account, TestApp, count, test_client};
use crate::smtp::SmtpServer;
use reqwest::{Client, StatusCode};
use sea_orm::{Database, DatabaseConnection};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Lookups a client may make a minute, for the two instances together.
const LOOKUPS_PER_MINUTE: usize = 10;
/// Returns submitted through the two instances in turn, each queueing a mail.
const RETURNS: usize = 24;

/// A client of the instance on `port` whose requests come from `source` (a loopback address
/// of its own: lookups are limited per client address).
fn client_of(port: u16, db: &DatabaseConnection, database_url: &str, source: u8) -> TestApp {
    let from = std::net::IpAddr::from([127, 0, 0, source]);
    app_at(port, db, database_url, test_client().local_address(from))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_share_the_work_and_its_limits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let postgres = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    let database_url = match &postgres {
        Some(server) => crate::helpers::fresh_postgres_database(server).await,
        None => rebound_api::config::sqlite_url(dir.path()),
    };
    let smtp = SmtpServer::start().await;
    let limit = LOOKUPS_PER_MINUTE.to_string();
    let settings = [("REBOUND_LOOKUPS_PER_MINUTE", limit.as_str())];
    let (port_one, port_two) = (free_port(), free_port());
    // One after the other: the first applies the migrations.
    let _one = Server::start(dir.path(), &database_url, port_one, &smtp.url(), &settings).await;
    let two = Server::start(dir.path(), &database_url, port_two, &smtp.url(), &settings).await;
    let db = Database::connect(&database_url).await.expect("connect");
    let one_app = client_of(port_one, &db, &database_url, 1);
    let two_app = client_of(port_two, &db, &database_url, 1);

    // Staff signed in on one work on the other.
    let shop = one_app.register("twins").await;
    let saved = two_app
        .post(
            "/api/v1/canned-replies",
            Some(&shop.token),
            &json!({"title": "Hello", "body": "Written on the second instance."}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
    let listed: Value = one_app
        .get("/api/v1/canned-replies", Some(&shop.token))
        .await
        .json()
        .await
        .expect("replies");
    assert!(
        listed
            .to_string()
            .contains("Written on the second instance"),
        "{listed}"
    );

    mail_goes_once([port_one, port_two], &one_app, &shop, &smtp).await;
    if postgres.is_some() {
        let guesser = |port| client_of(port, &db, &database_url, 9);
        lookups_are_limited_for_both(&guesser(port_one), &guesser(port_two), &shop).await;
    }
    sigterm_finishes_what_it_accepted(two, &two_app, &shop).await;
    // The other instance carries on alone.
    let still: StatusCode = one_app
        .get("/api/v1/orders", Some(&shop.token))
        .await
        .status();
    assert_eq!(still, StatusCode::OK);
}

/// Returns submitted through both instances in turn: every mail they queue is sent exactly
/// once while both workers poll the same outbox.
async fn mail_goes_once(ports: [u16; 2], one: &TestApp, shop: &Account, smtp: &SmtpServer) {
    for n in 0..RETURNS {
        // Each shopper from an address of their own, as shoppers are.
        let source = 20 + u8::try_from(n).expect("few shoppers");
        let app = &client_of(ports[n % 2], &one.db, &one.database_url, source);
        let number = format!("T-{n}");
        let spec = OrderSpec {
            number: &number,
            ..PLAIN
        };
        let order = portal_order(app, shop, &spec).await;
        let (reason, _) = return_reasons(app, &order).await;
        let sent = app
            .post(
                &order.path("/returns"),
                Some(&order.token),
                &json!({"items": [{"order_item_id": order.item("A"), "quantity": 1,
                    "reason_id": reason}], "resolution": "refund", "method": "prepaid_label"}),
            )
            .await;
        assert_eq!(sent.status(), StatusCode::CREATED);
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while pending_mail(&one.db).await > 0 {
        assert!(Instant::now() < deadline, "mail still pending");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let queued = count(&one.db, "SELECT COUNT(*) AS n FROM outbox").await;
    assert!(
        queued >= RETURNS as i64,
        "{queued} mails for {RETURNS} returns"
    );
    let mut seen = BTreeMap::<String, usize>::new();
    for message in smtp.messages() {
        let id = message
            .parsed()
            .message_id()
            .expect("a Message-ID")
            .to_owned();
        *seen.entry(id).or_default() += 1;
    }
    assert_eq!(seen.len() as i64, queued, "every mail arrived");
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
}

/// Wrong guesses from one client through both instances in turn: refused after the limit the
/// two share, not after twice that.
async fn lookups_are_limited_for_both(one: &TestApp, two: &TestApp, shop: &Account) {
    let mut let_through = 0;
    for n in 0..(LOOKUPS_PER_MINUTE * 2) {
        let app = if n % 2 == 0 { one } else { two };
        let answer = app
            .post(
                &format!("/api/v1/portal/{}/lookup", shop.slug),
                None,
                &json!({"order": format!("NOPE-{n}"), "contact": "guess@example.com"}),
            )
            .await;
        match answer.status() {
            StatusCode::TOO_MANY_REQUESTS => {
                assert!(answer.headers().contains_key("retry-after"));
            }
            StatusCode::NOT_FOUND => let_through += 1,
            other => panic!("lookup answered {other}"),
        }
    }
    assert_eq!(
        let_through, LOOKUPS_PER_MINUTE,
        "the two instances share one limit"
    );
}

/// SIGTERM while requests arrive: every answer that starts is whole (never cut off mid-way),
/// and the process exits with success. A request may also fail before any answer: refused at
/// connect once the listener is closed, or reset while it still waited in the kernel's accept
/// queue (which closing a listener empties; seen under load).
async fn sigterm_finishes_what_it_accepted(server: Server, app: &TestApp, shop: &Account) {
    // A connection per request: a pooled keep-alive connection closing between requests
    // would be the client's race, not the server's.
    let fresh = Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let requests: Vec<_> = (0..60)
        .map(|n| {
            let fresh = fresh.clone();
            let url = app.url("/api/v1/orders?limit=25");
            let token = shop.token.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(n * 3)).await;
                let sent = fresh.get(url).bearer_auth(token).send().await;
                match sent {
                    Ok(r) => {
                        let status = r.status();
                        let body = r.bytes().await;
                        (Some(status), body.is_ok())
                    }
                    Err(_) => (None, false),
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(60)).await;
    let exit = server.terminate(Duration::from_secs(20)).await;
    let mut answered = 0;
    for request in requests {
        let (status, whole) = request.await.expect("request task");
        // A request refused or reset before any answer has nothing to check; one answered
        // must be answered whole.
        if let Some(status) = status {
            assert_eq!(status, StatusCode::OK);
            assert!(whole, "an answer was cut off");
            answered += 1;
        }
    }
    assert!(answered > 0, "no request reached the server before SIGTERM");
    let exit = exit.expect("the server exits after SIGTERM");
    assert!(exit.success(), "exit status {exit}");
}

async fn pending_mail(db: &DatabaseConnection) -> i64 {
    count(
        db,
        "SELECT COUNT(*) AS n FROM outbox WHERE status <> 'sent'",
    )
    .await
}
