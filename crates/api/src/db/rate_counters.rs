//! Counts shared by every server instance on one database: hits per bucket per minute. Each
//! instance also limits in memory (cheap, smooth), but only a count they all write to keeps N
//! instances from allowing N times the limit. Used on PostgreSQL, where several instances run;
//! a SQLite file has one server.

use crate::error::{ApiError, ApiResult};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement, Value};

/// Counts one hit in each bucket for the current minute and returns the minute's totals, in
/// the order given, with the seconds left in the minute.
pub async fn hit(db: &DatabaseConnection, buckets: &[&str]) -> ApiResult<(Vec<i64>, u64)> {
    let now = Utc::now().timestamp();
    let window = now - now.rem_euclid(60);
    let mut totals = Vec::with_capacity(buckets.len());
    for bucket in buckets {
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
                 ON CONFLICT (bucket, window_start) \
                 DO UPDATE SET hits = rate_counters.hits + 1 RETURNING hits",
                [Value::from(*bucket), Value::from(window)],
            ))
            .await?
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no count returned")))?;
        totals.push(i64::from(row.try_get::<i32>("", "hits")?));
    }
    let left = u64::try_from(window + 60 - now).unwrap_or(1).max(1);
    Ok((totals, left))
}

/// Forgets the minutes that are over.
pub async fn prune(db: &DatabaseConnection) -> ApiResult<u64> {
    let before = Utc::now().timestamp() - 120;
    let done = db
        .execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "DELETE FROM rate_counters WHERE window_start < $1",
            [Value::from(before)],
        ))
        .await?;
    Ok(done.rows_affected())
}
