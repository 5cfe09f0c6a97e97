//! A million returns: `seed` fills a fresh database (SQLite file or PostgreSQL) with a year of
//! shop history in bulk inserts; `measure` times the returns queue on two such databases (ten
//! thousand returns and a million) for a typical merchant and a large one, and prints each
//! as a ratio of the big database to the small one.
//!
//! Run through `cargo xtask seed` and `cargo xtask bench-scale` (release build).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod measure;
mod seed;

use rebound_api::config::Config;
use rebound_api::startup::Application;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery";
/// The two shops the measurement signs in to.
pub const MEASURED: [&str; 2] = ["typical", "large"];

/// The real server on `database_url` (migrated on start), answering on an ephemeral port.
pub async fn start(
    database_url: &str,
    data_dir: &std::path::Path,
) -> (String, sea_orm::DatabaseConnection) {
    let mut config = Config::for_tests(data_dir.to_path_buf());
    config.database_url = database_url.to_owned();
    config.db_pool_size = 4;
    let app = Application::build(config).await.expect("start the server");
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.db();
    tokio::spawn(app.run_until_stopped());
    (base, db)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn number(args: &[String], name: &str, default: usize) -> usize {
    arg(args, name).map_or(default, |v| v.replace('_', "").parse().expect(name))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // `cargo bench` adds `--bench`; only our own flags count.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = tempfile::tempdir().unwrap();
    match args.first().map(String::as_str) {
        Some("seed") => {
            let url = arg(&args, "--database-url").expect("--database-url");
            let returns = number(&args, "--returns", 1_000_000);
            let merchants = number(&args, "--merchants", 1_000).max(1);
            let large = number(&args, "--large", 1_000_000);
            let (base, db) = start(&url, dir.path()).await;
            let client = reqwest::Client::new();
            let mut ids = Vec::new();
            for slug in MEASURED {
                let session: Value = client
                    .post(format!("{base}/api/v1/merchants"))
                    .json(
                        &json!({"company_name": slug, "slug": slug, "owner_name": "Owner",
                        "owner_email": format!("owner@{slug}.example"), "password": PASSWORD}),
                    )
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                ids.push(
                    session["merchant"]["id"]
                        .as_str()
                        .map(|s| s.parse::<uuid::Uuid>().unwrap())
                        .unwrap_or_else(|| panic!("{session}")),
                );
            }
            let started = std::time::Instant::now();
            let share = returns / merchants;
            let mut rows = seed::history(
                &db,
                &seed::Shop {
                    merchant_id: ids[0],
                    returns: share,
                },
                "typical",
            )
            .await;
            for (i, id) in seed::merchants(&db, merchants - 1)
                .await
                .into_iter()
                .enumerate()
            {
                rows += seed::history(
                    &db,
                    &seed::Shop {
                        merchant_id: id,
                        returns: share,
                    },
                    "",
                )
                .await;
                if i % 100 == 99 {
                    println!("{} merchants so far", i + 2);
                }
            }
            rows += seed::history(
                &db,
                &seed::Shop {
                    merchant_id: ids[1],
                    returns: large,
                },
                "large",
            )
            .await;
            if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
                // What autovacuum would do after a bulk load, done at once: statistics for the
                // planner, and the visibility map that lets the counts read their index only.
                db.execute_unprepared("VACUUM ANALYZE").await.unwrap();
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "seeded {} returns over {merchants} merchants + {large} for the large one: {rows} rows in {secs:.0} s, {:.0} rows/s",
                share * merchants,
                rows as f64 / secs
            );
        }
        Some("measure") => {
            let small = arg(&args, "--small").expect("--small");
            let big = arg(&args, "--big").expect("--big");
            measure::compare(&small, &big, dir.path()).await;
        }
        _ => panic!(
            "usage: scale seed --database-url URL [--returns N] [--merchants M] [--large N] | measure --small URL --big URL"
        ),
    }
}
