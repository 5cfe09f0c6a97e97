//! Noticing writes made by anyone else: another instance on the same database, a background
//! job, an operator's SQL. The cache is emptied whenever the database says it changed, so an
//! answer can outlive a write made elsewhere by at most [`WATCH_EVERY`].
//!
//! Asking is cheap and asks nothing of the schema: SQLite counts commits made by other
//! connections (`PRAGMA data_version`, read on a connection of our own that never writes);
//! PostgreSQL's write-ahead log position moves with every write. Both err on the safe side:
//! a write to a table no cached answer reads still empties the cache.

use sea_orm::sqlx::ConnectOptions;
use sea_orm::sqlx::postgres::PgConnection;
use sea_orm::sqlx::sqlite::SqliteConnection;
use sea_orm::{DatabaseConnection, DbBackend};
use std::time::Duration;

use super::ReadCache;

/// How often the database is asked; 10 cheap statements a second per instance.
pub const WATCH_EVERY: Duration = Duration::from_millis(100);

/// Empties `cache` after every write to the database behind `db`; runs until dropped.
pub async fn clear_on_writes(db: DatabaseConnection, cache: &ReadCache) {
    let mut probe = None;
    let mut seen: Option<String> = None;
    let mut every = tokio::time::interval(WATCH_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if probe.is_none() {
            probe = Probe::open(&db)
                .await
                .inspect_err(|e| tracing::warn!(error = %e, "cannot watch the database for writes"))
                .ok();
        }
        let Some(current) = probe.as_mut() else {
            // Blind: nothing cached can be trusted past this tick.
            cache.clear();
            continue;
        };
        match current.version().await {
            Ok(version) => {
                if seen.as_ref().is_some_and(|seen| *seen != version) {
                    cache.clear();
                }
                seen = Some(version);
            }
            Err(e) => {
                tracing::warn!(error = %e, "lost the database write watch; reconnecting");
                cache.clear();
                probe = None;
                seen = None;
            }
        }
    }
}

/// A connection of its own, outside the pool: it never takes a connection a request needs,
/// and it is not counted among the statements requests run. On SQLite it must be its own
/// anyway: `data_version` counts only other connections' commits.
enum Probe {
    Sqlite(Box<SqliteConnection>),
    Postgres(Box<PgConnection>),
}

impl Probe {
    async fn open(db: &DatabaseConnection) -> anyhow::Result<Probe> {
        Ok(match db.get_database_backend() {
            DbBackend::Sqlite => {
                let options = db.get_sqlite_connection_pool().connect_options();
                Probe::Sqlite(Box::new(options.connect().await?))
            }
            _ => {
                let options = db.get_postgres_connection_pool().connect_options();
                Probe::Postgres(Box::new(options.connect().await?))
            }
        })
    }

    /// Changes whenever someone else has written since the last call.
    async fn version(&mut self) -> anyhow::Result<String> {
        Ok(match self {
            Probe::Sqlite(conn) => {
                let version: i64 = sea_orm::sqlx::query_scalar("PRAGMA data_version")
                    .fetch_one(conn.as_mut())
                    .await?;
                version.to_string()
            }
            Probe::Postgres(conn) => {
                sea_orm::sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
                    .fetch_one(conn.as_mut())
                    .await?
            }
        })
    }
}
