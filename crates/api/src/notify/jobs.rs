//! Work a change promises but cannot do inside its own transaction (buying a label calls the
//! carrier): the change writes a `jobs` row in its transaction, and the worker does the work
//! afterwards with the outbox's leases and retries. Each kind is safe to run twice, so a crash
//! between the work and marking it done repeats nothing that shows.

use crate::db::Tenant;
use crate::db::entities::job;
use crate::error::{ApiError, ApiResult};
use crate::labels::LinkSigner;
use crate::notify::Links;
use crate::notify::worker::{MAX_ATTEMPTS, WorkerConfig, backoff};
use crate::services::orders::photos::PhotoUrls;
use crate::services::returns::ReturnDeps;
use crate::services::returns::return_actions;
use crate::storage::Storage;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a job does, with what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// An automatically approved return: buy its label, then queue the approval mail with it.
    IssueLabel { return_id: Uuid },
}

impl Job {
    fn kind(self) -> &'static str {
        match self {
            Job::IssueLabel { .. } => "issue_label",
        }
    }

    /// One job per cause: a replayed submission finds it taken.
    fn dedupe_key(self) -> String {
        match self {
            Job::IssueLabel { return_id } => format!("issue_label:{return_id}"),
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
}

impl JobDeps {
    /// The same links and signers the server makes from its public address and secret.
    pub fn new(storage: Storage, public_url: &str, secret: &[u8]) -> JobDeps {
        JobDeps {
            storage,
            links: Links::new(public_url, secret),
            labels: LinkSigner::new(secret),
            photos: PhotoUrls::new(secret),
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
    let now = Utc::now();
    let row = job::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(tenant.merchant_id()),
        kind: Set(job.kind().to_owned()),
        dedupe_key: Set(job.dedupe_key()),
        payload: Set(serde_json::to_string(&job).map_err(ApiError::internal)?),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
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
        if !lease(db, &row, now, config).await? {
            continue;
        }
        attempted += 1;
        let outcome = perform(db, deps, &row).await;
        record(db, &row, outcome, config).await?;
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
    let until = now + chrono::Duration::from_std(config.lease)?;
    let taken = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Expr::value(until))
        .filter(job::Column::Id.eq(row.id))
        .filter(job::Column::Status.eq(PENDING))
        .filter(free_at(now))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

async fn perform(db: &DatabaseConnection, deps: &JobDeps, row: &job::Model) -> anyhow::Result<()> {
    let tenant = Tenant::new(row.merchant_id);
    match serde_json::from_str::<Job>(&row.payload)? {
        Job::IssueLabel { return_id } => {
            return_actions::send_auto_approval(db, deps.returns(), tenant, return_id)
                .await
                .map_err(|e| anyhow::anyhow!("{:?}: {}", e.kind, e.detail))
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
    update.exec(db).await?;
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
