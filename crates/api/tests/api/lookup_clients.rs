//! Distinct clients look an order up over HTTP, each from a loopback address of its own
//! (Linux routes all of 127.0.0.0/8 to the loopback device, and the limiter counts by the
//! peer's address): every one is answered as a first lookup (no client is mistaken for
//! another), the limiter still counts each address, and the real server process's memory
//! grows by a bounded amount for the limiter's entries (one per client, one per order number
//! tried). The suite runs 5,000 clients; `cargo xtask lookup-clients` runs 100,000 (about a
//! minute and a half on two cores, too long for every run). The unit test in
//! `services/orders/shopper.rs` checks that pruning forgets them all; the server prunes every
//! minute.

use crate::helpers::TestApp;
use crate::helpers::process::{Server, free_port};
use crate::smtp::SmtpServer;
use futures_util::StreamExt;
use reqwest::Client;
use sea_orm::Database;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How many clients: `REBOUND_LOOKUP_CLIENTS`, 5,000 unless the long run sets it.
fn clients() -> u32 {
    std::env::var("REBOUND_LOOKUP_CLIENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000)
}
/// Lookups in flight at once.
const IN_FLIGHT: usize = 48;

/// Client `n`'s own address: 127.1.0.0 onwards (127.0.0.1 is the test's own).
fn source(n: u32) -> Ipv4Addr {
    Ipv4Addr::from(0x7F01_0000 + n)
}

/// Kilobytes the process `pid` holds (Linux).
fn resident_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// One lookup of an order that does not exist, from `from`, on a connection of its own; the
/// answer's status.
async fn lookup(port: u16, slug: &str, from: Ipv4Addr, n: u32) -> std::io::Result<u16> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((from, 0)))?;
    let mut stream = socket
        .connect(SocketAddr::from(([127, 0, 0, 1], port)))
        .await?;
    let body = format!(r#"{{"order":"NO-{n}","contact":"nobody@example.com"}}"#);
    let request = format!(
        "POST /api/v1/portal/{slug}/lookup HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let status = std::str::from_utf8(&answer)
        .ok()
        .and_then(|a| a.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    Ok(status)
}

/// Lookups from clients `range`, `IN_FLIGHT` at a time; how many were answered each status.
async fn lookups(port: u16, slug: &str, range: std::ops::Range<u32>) -> Vec<(u16, u32)> {
    let mut statuses = std::collections::BTreeMap::new();
    let mut answers = futures_util::stream::iter(range)
        .map(|n| {
            let slug = slug.to_owned();
            async move { lookup(port, &slug, source(n), n).await.unwrap_or(0) }
        })
        .buffer_unordered(IN_FLIGHT);
    while let Some(status) = answers.next().await {
        *statuses.entry(status).or_insert(0) += 1;
    }
    statuses.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn distinct_lookup_clients_over_http_cost_bounded_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    // On PostgreSQL each lookup also counts in the table shared by instances.
    let database_url = match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(server) => crate::helpers::fresh_postgres_database(&server).await,
        None => rebound_api::config::sqlite_url(dir.path()),
    };
    let smtp = SmtpServer::start().await;
    let port = free_port();
    // The limits every deployment has by default: 20 lookups a minute per client.
    let server = Server::start(
        dir.path(),
        &database_url,
        port,
        &smtp.url(),
        &[("REBOUND_LOOKUPS_PER_MINUTE", "20")],
    )
    .await;
    let db = Database::connect(&database_url).await.expect("connect");
    let app = TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: Client::new(),
        db,
        database_url,
        _data_dir: tempfile::tempdir().expect("temp dir"),
    };
    let shop = app.register("many-clients").await;

    let clients = clients();
    // Warm up (connections, buffers, the allocator's pools), then measure.
    let warm = lookups(port, &shop.slug, clients..clients + 2_000).await;
    assert_eq!(warm, vec![(404, 2_000)]);
    let before = resident_kb(server.pid());
    let answered = lookups(port, &shop.slug, 0..clients).await;
    let after = resident_kb(server.pid());
    // Each a first lookup from its address: a miss, never a 429 for someone else's lookups.
    assert_eq!(answered, vec![(404, clients)]);
    println!("server memory: {before} kB before, {after} kB after {clients} clients");
    assert!(before > 0 && after > 0, "no memory figure for the server");
    // 64 MB for 100,000 clients (about 670 bytes each, against the few hundred two limiter
    // entries take), never less than 16 MB for the allocator's own moves.
    let grown_kb = after.saturating_sub(before);
    let bound_kb = (64 * 1024 * u64::from(clients) / 100_000).max(16 * 1024);
    assert!(
        grown_kb < bound_kb,
        "{grown_kb} kB for {clients} clients (bound {bound_kb} kB)"
    );
    // The limiter did count each address: one more client makes its 20 lookups of the minute,
    // then is refused, while the others were not.
    let mut statuses = Vec::new();
    for n in 0..21 {
        let status = lookup(port, &shop.slug, source(clients + 5_000), 3 * clients + n)
            .await
            .expect("lookup");
        statuses.push(status);
    }
    assert_eq!(statuses[..20], [404; 20]);
    assert_eq!(statuses[20], 429);
}
