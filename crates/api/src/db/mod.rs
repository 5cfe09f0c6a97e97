//! The database: connecting (SQLite tuned for concurrent use, or PostgreSQL), migrations, write
//! transactions, and tenancy (every merchant-scoped query goes through `Tenant`).

pub mod entities;
pub mod rate_counters;
mod tenancy;

pub use tenancy::{MerchantOwned, Tenant};

use rebound_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, QueryTrait, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

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
    if url.starts_with("postgres") {
        // Every connection is opened here, on the runtime that lives until the process exits,
        // and kept: a socket belongs to the runtime that opened it, and actix stops each HTTP
        // worker's runtime on its own at shutdown, so a connection one worker had opened
        // broke under a request another worker was still answering (a 500 after SIGTERM).
        options
            .min_connections(pool_size)
            .idle_timeout(None::<Duration>)
            .max_lifetime(None::<Duration>);
    }
    let mut db = Database::connect(options).await?;
    if let Some(counter) = counter {
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
    }
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// A write transaction. On SQLite it also holds this process's turn to write (see
/// [`begin_write`]), given back when the transaction commits, rolls back or is dropped.
/// Queries take `&txn` like any connection.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl std::ops::Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// How long a writer waits for its turn before giving up, as long as SQLite's own busy timeout.
const WRITE_TURN_TIMEOUT: Duration = Duration::from_secs(15);

/// One queue of writers per SQLite file.
static WRITE_TURNS: LazyLock<std::sync::Mutex<HashMap<PathBuf, Arc<Mutex<()>>>>> =
    LazyLock::new(Default::default);

/// Begins a transaction that will write.
///
/// SQLite has one writer at a time. Left to itself, a second writer sleeps in the busy handler
/// with growing back-off and wakes late, which made concurrent submissions wait hundreds of
/// milliseconds; so writers in this process first queue on a fair lock per database file (in
/// arrival order, woken as soon as the previous writer ends), then `BEGIN IMMEDIATE` takes the
/// write lock up front so that a transaction that reads then writes never fails with
/// SQLITE_BUSY. Another process writing the same file still meets the busy handler.
/// PostgreSQL has row locks and needs no queue: it begins as usual.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    let (sqlite_transaction_mode, turn) = match db.get_database_backend() {
        DbBackend::Sqlite => (
            Some(SqliteTransactionMode::Immediate),
            Some(write_turn(db).await?),
        ),
        _ => (None, None),
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode,
            ..Default::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// Runs one statement that writes outside any transaction (a worker's lease, the outcome it
/// records) and returns the rows it changed. On SQLite it waits for its turn like
/// [`begin_write`]: a lone UPDATE that skipped the queue met the queued writer in SQLite's
/// busy handler, whose sleeps (1, 2, 5, 10 ms and up) then held up every writer queued
/// behind it. PostgreSQL runs it as it is.
pub async fn write_alone(
    db: &DatabaseConnection,
    statement: impl QueryTrait,
) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let statement = statement.build(backend);
    if backend != DbBackend::Sqlite {
        return Ok(db.execute_raw(statement).await?.rows_affected());
    }
    let txn = begin_write(db).await?;
    let done = txn.execute_raw(statement).await?;
    txn.commit().await?;
    Ok(done.rows_affected())
}

/// Waits for this process's turn to write to the SQLite file behind `db`.
async fn write_turn(db: &DatabaseConnection) -> Result<OwnedMutexGuard<()>, DbErr> {
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let queue = {
        let mut turns = WRITE_TURNS
            .lock()
            .map_err(|_| DbErr::Custom("the write queue was poisoned".to_owned()))?;
        turns.entry(file).or_default().clone()
    };
    tokio::time::timeout(WRITE_TURN_TIMEOUT, queue.lock_owned())
        .await
        .map_err(|_| DbErr::Custom("timed out waiting for a turn to write".to_owned()))
}

pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}
