//! Failed sign-ins slow down per account: after [`FREE_FAILURES`] failures in a row (a wrong
//! password or a wrong second-step code), each further attempt waits `base × 2^(n−5)`, at most
//! [`LONGEST_WAIT`], and is refused with 429 and `Retry-After` until then, the right password
//! included (otherwise it would slow nobody down). Counted in the database, so every instance
//! on one database shares the count, and keyed by the normalised email whether or not an
//! account has it, so the answer says nothing about who has an account.
//!
//! An attempt counts as failed from the moment it starts and is let off when it succeeds:
//! guesses sent side by side cannot all be checked before the first failure is written.

use crate::db::entities::sign_in_failure;
use crate::db::{begin_write, write_alone};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use rebound_shared::ErrorKind;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use std::time::Duration;

/// Failures in a row that cost nothing.
pub const FREE_FAILURES: i32 = 5;
/// The wait never grows past a quarter of an hour.
pub const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
/// Rows untouched this long, and not waiting, are forgotten.
const FORGET_AFTER: chrono::Duration = chrono::Duration::days(1);

/// The wait after `failures` failures in a row: none up to [`FREE_FAILURES`], then doubling
/// from `base`.
pub fn wait_after(failures: i32, base: Duration) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = u32::try_from(failures - FREE_FAILURES).unwrap_or(0).min(20);
    base.saturating_mul(1 << doublings).min(LONGEST_WAIT)
}

/// One sign-in attempt for one address, counted as failed until settled otherwise.
#[derive(Debug)]
#[must_use = "an attempt is settled as failed, passed or half-way"]
pub struct Attempt {
    email: String,
    base: Duration,
}

/// The address as the counter keys it.
pub fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Starts an attempt for `email`, or refuses it with 429 while the address must wait.
pub async fn begin(db: &DatabaseConnection, email: &str, base: Duration) -> ApiResult<Attempt> {
    let email = normalise(email);
    let now = Utc::now();
    let txn = begin_write(db).await?;
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        email: Set(email.clone()),
        failures: Set(0),
        locked_until: Set(None),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(sign_in_failure::Column::Email)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    // FOR UPDATE on PostgreSQL (SQLite's IMMEDIATE transaction already holds the file).
    let row = sign_in_failure::Entity::find_by_id(email.clone())
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("sign-in counter row missing")))?;
    if let Some(until) = row.locked_until.filter(|until| *until > now) {
        txn.rollback().await?;
        return Err(too_many(until, now));
    }
    let failures = row.failures.saturating_add(1);
    let mut update: sign_in_failure::ActiveModel = row.into();
    update.failures = Set(failures);
    update.locked_until = Set(until(failures, base, now));
    update.updated_at = Set(now);
    update.update(&txn).await?;
    txn.commit().await?;
    Ok(Attempt { email, base })
}

fn until(failures: i32, base: Duration, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let wait = wait_after(failures, base);
    (!wait.is_zero()).then(|| now + chrono::Duration::from_std(wait).unwrap_or_default())
}

fn too_many(until: DateTime<Utc>, now: DateTime<Utc>) -> ApiError {
    let millis = (until - now).num_milliseconds().max(0);
    let seconds = u64::try_from((millis + 999) / 1000).unwrap_or(1).max(1);
    let mut e = ApiError::new(
        ErrorKind::RateLimited,
        format!("too many failed sign-ins for this address; try again in {seconds} seconds"),
    );
    e.retry_after = Some(seconds);
    e
}

impl Attempt {
    /// The password or code was wrong: the attempt stays counted, and a wait (if any) starts
    /// now rather than when the attempt began.
    pub async fn failed(self, db: &DatabaseConnection) -> ApiResult<()> {
        let now = Utc::now();
        let txn = begin_write(db).await?;
        if let Some(row) = sign_in_failure::Entity::find_by_id(self.email.clone())
            .lock_exclusive()
            .one(&txn)
            .await?
        {
            let failures = row.failures;
            let mut update: sign_in_failure::ActiveModel = row.into();
            update.locked_until = Set(until(failures, self.base, now));
            update.updated_at = Set(now);
            update.update(&txn).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Signed in: the count starts again from nothing. Like every write here, it waits for
    /// its turn (`write_alone`): a lone statement that skipped the queue met the queued
    /// writer in SQLite's busy handler and slept there.
    pub async fn succeeded(self, db: &DatabaseConnection) -> ApiResult<()> {
        write_alone(db, sign_in_failure::Entity::delete_by_id(self.email)).await?;
        Ok(())
    }

    /// The password was right and a code is asked next: this attempt is let off, but the
    /// failures before it still count (so a known password does not reset the guesses at
    /// the code).
    pub async fn passed_first_step(self, db: &DatabaseConnection) -> ApiResult<()> {
        let let_off = sign_in_failure::Entity::update_many()
            .col_expr(
                sign_in_failure::Column::Failures,
                sea_orm::ExprTrait::sub(Expr::col(sign_in_failure::Column::Failures), 1),
            )
            .col_expr(
                sign_in_failure::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(sign_in_failure::Column::Email.eq(self.email))
            .filter(sign_in_failure::Column::Failures.gt(0));
        write_alone(db, let_off).await?;
        Ok(())
    }
}

/// Forgets addresses that have not failed for a day and are not waiting. Asks first (a read),
/// so that a quiet server does not write every minute.
pub async fn prune(db: &DatabaseConnection) -> ApiResult<u64> {
    let now = Utc::now();
    let old = sign_in_failure::Column::UpdatedAt.lt(now - FORGET_AFTER);
    if sign_in_failure::Entity::find()
        .filter(old.clone())
        .one(db)
        .await?
        .is_none()
    {
        return Ok(0);
    }
    let txn = begin_write(db).await?;
    let done = sign_in_failure::Entity::delete_many()
        .filter(old)
        .filter(
            Condition::any()
                .add(sign_in_failure::Column::LockedUntil.is_null())
                .add(sign_in_failure::Column::LockedUntil.lt(now)),
        )
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_five_failures_up_to_a_quarter_hour() {
        let base = Duration::from_secs(1);
        assert_eq!(wait_after(4, base), Duration::ZERO);
        assert_eq!(wait_after(5, base), Duration::from_secs(1));
        assert_eq!(wait_after(6, base), Duration::from_secs(2));
        assert_eq!(wait_after(9, base), Duration::from_secs(16));
        assert_eq!(wait_after(15, base), Duration::from_secs(900));
        assert_eq!(wait_after(i32::MAX, base), LONGEST_WAIT);
    }
}
