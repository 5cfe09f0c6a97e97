//! Work a change promises but cannot do inside its own transaction (buying a label calls the
//! carrier): the change writes a `jobs` row in its transaction, and the worker does the work
//! afterwards with the outbox's leases and retries. Each kind is safe to run twice, so a crash
//! between the work and marking it done repeats nothing that shows.

use crate::db::entities::job;
use crate::db::{Tenant, write_alone};
use crate::error::{ApiError, ApiResult};
use crate::labels::LinkSigner;
use crate::notify::Links;
use crate::notify::worker::{MAX_ATTEMPTS, WorkerConfig, backoff};
use crate::services::orders::imports;
use crate::services::orders::photos::PhotoUrls;
use crate::services::returns::ReturnDeps;
use crate::services::returns::return_actions;
use crate::shutdown::Stopping;
use crate::storage::Storage;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use uuid::Uuid;

/// What a job does, with what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// An automatically approved return: buy its label, then queue the approval mail with it.
    IssueLabel { return_id: Uuid },
    /// A started import. The instance that starts it runs it at once and holds the job while
    /// it does; the worker only meets it when that instance stopped (crashed, killed) before
    /// the end, and resumes it after the last batch committed.
    RunImport { import_id: Uuid },
}

impl Job {
    fn kind(self) -> &'static str {
        match self {
            Job::IssueLabel { .. } => "issue_label",
            Job::RunImport { .. } => "run_import",
        }
    }

    /// One job per cause: a replayed submission finds it taken.
    fn dedupe_key(self) -> String {
        match self {
            Job::IssueLabel { return_id } => format!("issue_label:{return_id}"),
            Job::RunImport { import_id } => format!("run_import:{import_id}"),
        }
    }
}

pub const PENDING: &str = "pending";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

/// What jobs need besides the database: the same as the requests that would do the work.
#[derive(Debug, Clone)]
pub struct JobDeps {
    pub storage: Storage,
    pub links: Links,
    pub labels: LinkSigner,
    pub photos: PhotoUrls,
    /// Set when the server stops: jobs stop at a safe point and give their holds back.
    pub stopping: Stopping,
}

impl JobDeps {
    /// The same links and signers the server makes from its public address and secret.
    pub fn new(storage: Storage, public_url: &str, secret: &[u8]) -> JobDeps {
        JobDeps {
            storage,
            links: Links::new(public_url, secret),
            labels: LinkSigner::new(secret),
            photos: PhotoUrls::new(secret),
            stopping: Stopping::default(),
        }
    }

    fn returns(&self) -> ReturnDeps<'_> {
        ReturnDeps {
            storage: &self.storage,
            links: &self.links,
            labels: &self.labels,
            photos: &self.photos,
        }
    }
}

/// Writes `job` in `conn`'s transaction, due now.
pub async fn enqueue(conn: &impl ConnectionTrait, tenant: Tenant, job: Job) -> ApiResult<()> {
    insert(conn, tenant, job, None).await
}

/// Writes `job` in `conn`'s transaction already held by the caller until `now + lease`: the
/// caller does the work now and renews the hold as it goes ([`Held`]); should it stop without
/// finishing, the hold runs out and a worker (of any instance) takes the job over.
pub async fn enqueue_held(
    conn: &impl ConnectionTrait,
    tenant: Tenant,
    job: Job,
    lease: Duration,
) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    insert(conn, tenant, job, Some((id, lease))).await?;
    Ok(id)
}

async fn insert(
    conn: &impl ConnectionTrait,
    tenant: Tenant,
    job: Job,
    held: Option<(Uuid, Duration)>,
) -> ApiResult<()> {
    let now = Utc::now();
    let locked_until = match held {
        Some((_, lease)) => {
            Some(now + chrono::Duration::from_std(lease).map_err(ApiError::internal)?)
        }
        None => None,
    };
    let row = job::ActiveModel {
        id: Set(held.map_or_else(Uuid::now_v7, |(id, _)| id)),
        merchant_id: Set(tenant.merchant_id()),
        kind: Set(job.kind().to_owned()),
        dedupe_key: Set(job.dedupe_key()),
        payload: Set(serde_json::to_string(&job).map_err(ApiError::internal)?),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(locked_until),
        last_error: Set(None),
        created_at: Set(now),
        done_at: Set(None),
    };
    job::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([job::Column::MerchantId, job::Column::DedupeKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// One round of due jobs; returns how many were attempted.
pub async fn run_due(
    db: &DatabaseConnection,
    deps: &JobDeps,
    config: &WorkerConfig,
) -> anyhow::Result<usize> {
    let now = Utc::now();
    let due = job::Entity::find()
        .filter(job::Column::Status.eq(PENDING))
        .filter(job::Column::NextAttemptAt.lte(now))
        .filter(free_at(now))
        .order_by_asc(job::Column::NextAttemptAt)
        .limit(20)
        .all(db)
        .await?;
    let mut attempted = 0;
    for row in due {
        // Stopping: take nothing more; what is not taken stays free for other instances.
        if deps.stopping.is_requested() {
            break;
        }
        if !lease(db, &row, now, config).await? {
            continue;
        }
        attempted += 1;
        let held = Held::new(db, row.id, config.lease, &deps.stopping);
        let outcome = perform(db, deps, &row, held.clone()).await;
        // A job whose hold ran out is another instance's now: its outcome is theirs to write.
        if !held.is_lost() {
            record(db, &row, outcome, config).await?;
        }
    }
    Ok(attempted)
}

fn free_at(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(job::Column::LockedUntil.is_null())
        .add(job::Column::LockedUntil.lt(now))
}

/// Takes the row for this worker; false when another worker got it first.
async fn lease(
    db: &DatabaseConnection,
    row: &job::Model,
    now: DateTime<Utc>,
    config: &WorkerConfig,
) -> anyhow::Result<bool> {
    // From the clock now, not the round's start: a job run inline before this one (an
    // import) may have taken minutes, and a lease ending in the past is no lease.
    let until = Utc::now() + chrono::Duration::from_std(config.lease)?;
    let taken = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Expr::value(until))
        .filter(job::Column::Id.eq(row.id))
        .filter(job::Column::Status.eq(PENDING))
        .filter(free_at(now));
    Ok(write_alone(db, taken).await? == 1)
}

async fn perform(
    db: &DatabaseConnection,
    deps: &JobDeps,
    row: &job::Model,
    held: Held,
) -> anyhow::Result<()> {
    let tenant = Tenant::new(row.merchant_id);
    match serde_json::from_str::<Job>(&row.payload)? {
        Job::IssueLabel { return_id } => {
            return_actions::send_auto_approval(db, deps.returns(), tenant, return_id)
                .await
                .map_err(|e| anyhow::anyhow!("{:?}: {}", e.kind, e.detail))
        }
        Job::RunImport { import_id } => {
            imports::resume_import(db, &deps.storage, tenant, import_id, &held)
                .await
                .map_err(|e| anyhow::anyhow!("{:?}: {}", e.kind, e.detail))
        }
    }
}

/// A job this instance works on: while it works, [`Held::keep`] renews its hold (a third of
/// a lease at a time) so no other instance takes it meanwhile, and it is marked done at the
/// end.
#[derive(Debug, Clone)]
pub struct Held {
    db: DatabaseConnection,
    id: Uuid,
    lease: Duration,
    /// Set when a renewal found the job no longer this instance's, or when this instance
    /// gave it back ([`Held::release`]).
    lost: Arc<AtomicBool>,
    stopping: Stopping,
}

/// Renews the hold until dropped.
#[derive(Debug)]
pub struct Keeping(tokio::task::JoinHandle<()>);

impl Drop for Keeping {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Held {
    pub fn new(db: &DatabaseConnection, id: Uuid, lease: Duration, stopping: &Stopping) -> Held {
        Held {
            db: db.clone(),
            id,
            lease,
            lost: Arc::default(),
            stopping: stopping.clone(),
        }
    }

    /// The server is stopping: the work should stop after what it is committing and
    /// [`Held::release`] the job.
    pub fn stop_requested(&self) -> bool {
        self.stopping.is_requested()
    }

    /// Gives the job back at a safe point (after a committed batch): its hold ends now, so
    /// any instance's worker takes it over at its next poll instead of after a whole lease.
    /// The job is no longer this instance's: nothing more is written for it here.
    pub async fn release(&self) {
        self.lost.store(true, Ordering::SeqCst);
        let released = job::Entity::update_many()
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(job::Column::Id.eq(self.id))
            .filter(job::Column::Status.eq(PENDING));
        let released = write_alone(&self.db, released).await;
        match released {
            Ok(_) => {
                tracing::info!(job = %self.id, "stopping: job given back for another instance")
            }
            // The hold then runs out as after a crash.
            Err(e) => tracing::warn!(job = %self.id, error = %e, "could not give the job back"),
        }
    }

    /// Renews the hold in the background until the returned guard is dropped: work that
    /// takes longer than a lease (planning a large file) keeps its job.
    pub fn keep(&self) -> Keeping {
        let held = self.clone();
        Keeping(tokio::spawn(async move {
            loop {
                tokio::time::sleep(held.lease / 3).await;
                match held.renew().await {
                    Ok(true) => {}
                    Ok(false) => {
                        held.lost.store(true, Ordering::SeqCst);
                        return;
                    }
                    // A database hiccup: the next renewal may succeed before the lease ends.
                    Err(e) => {
                        tracing::warn!(job = %held.id, error = %e.detail, "renewing a job's hold failed")
                    }
                }
            }
        }))
    }

    /// The hold ran out and another instance may have the job: stop, write nothing more.
    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::SeqCst)
    }

    /// Holds the job for another lease. False when it is no longer this instance's (the hold
    /// ran out and another took it over, or it is done): the caller must stop.
    pub async fn renew(&self) -> ApiResult<bool> {
        let now = Utc::now();
        let until = now + chrono::Duration::from_std(self.lease).map_err(ApiError::internal)?;
        let renewed = job::Entity::update_many()
            .col_expr(job::Column::LockedUntil, Expr::value(until))
            .filter(job::Column::Id.eq(self.id))
            .filter(job::Column::Status.eq(PENDING))
            .filter(job::Column::LockedUntil.gte(now));
        Ok(write_alone(&self.db, renewed).await? == 1)
    }

    /// The work is over (done, or marked failed where the merchant sees it).
    pub async fn finish(&self) {
        let done = job::Entity::update_many()
            .col_expr(job::Column::Status, Expr::value(DONE))
            .col_expr(job::Column::DoneAt, Expr::value(Utc::now()))
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(job::Column::Id.eq(self.id));
        if let Err(e) = write_alone(&self.db, done).await {
            tracing::warn!(job = %self.id, error = %e, "could not mark the job done");
        }
    }
}

async fn record(
    db: &DatabaseConnection,
    row: &job::Model,
    outcome: anyhow::Result<()>,
    config: &WorkerConfig,
) -> anyhow::Result<()> {
    let attempts = row.attempts + 1;
    let update = job::Entity::update_many()
        .col_expr(job::Column::Attempts, Expr::value(attempts))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(job::Column::Id.eq(row.id));
    let update = match outcome {
        Ok(()) => update
            .col_expr(job::Column::Status, Expr::value(DONE))
            .col_expr(job::Column::DoneAt, Expr::value(Utc::now()))
            .col_expr(job::Column::LastError, Expr::value(Option::<String>::None)),
        Err(e) => {
            let message = format!("{e:#}");
            tracing::warn!(job = %row.id, kind = %row.kind, attempts, error = %message, "job failed");
            let status = if attempts >= MAX_ATTEMPTS {
                FAILED
            } else {
                PENDING
            };
            let next = Utc::now() + chrono::Duration::from_std(backoff(config, attempts))?;
            update
                .col_expr(job::Column::Status, Expr::value(status))
                .col_expr(job::Column::NextAttemptAt, Expr::value(next))
                .col_expr(job::Column::LastError, Expr::value(Some(message)))
        }
    };
    write_alone(db, update).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_stored_as_its_kind_and_what_it_needs() {
        let return_id = Uuid::nil();
        let job = Job::IssueLabel { return_id };
        let text = serde_json::to_string(&job).unwrap_or_default();
        assert_eq!(
            text,
            format!("{{\"kind\":\"issue_label\",\"return_id\":\"{return_id}\"}}")
        );
        assert_eq!(serde_json::from_str::<Job>(&text).ok(), Some(job));
        assert_eq!(job.kind(), "issue_label");
    }
}
