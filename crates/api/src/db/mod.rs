//! The database: connecting (SQLite tuned for concurrent use, or PostgreSQL), migrations, write
//! transactions, and tenancy (every merchant-scoped query goes through `Tenant`).

pub mod entities;
mod tenancy;

pub use tenancy::{MerchantOwned, Tenant};

use rebound_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Connects and applies pending migrations.
///
/// SQLite gets WAL (readers never block the writer), a busy timeout (a writer waits for the
/// lock instead of failing) and foreign keys, set in the connect options so that every pooled
/// connection has them, not only the first one. With `counter`, every statement run (inside
/// transactions too) adds one to it.
pub async fn connect(
    url: &str,
    pool_size: u32,
    counter: Option<Arc<AtomicU64>>,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool_size)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(15))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    let mut db = Database::connect(options).await?;
    if let Some(counter) = counter {
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
    }
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// Begins a transaction that will write.
///
/// On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken up front, so a transaction that
/// reads then writes waits its turn (busy_timeout) instead of failing with SQLITE_BUSY when
/// another writer committed in between. PostgreSQL uses its default.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let sqlite_transaction_mode = match db.get_database_backend() {
        DbBackend::Sqlite => Some(SqliteTransactionMode::Immediate),
        _ => None,
    };
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode,
        ..Default::default()
    })
    .await
}

pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}
