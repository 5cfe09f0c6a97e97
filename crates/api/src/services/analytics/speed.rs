//! Speed: how long the returns requested in a period took from request to approval, to
//! receipt and to resolution (the first time their history reached each status), as median
//! and 90th percentile by nearest rank, ranked by the database; and the open returns waiting
//! longest now.

use super::sql::{CardScope, Sql, number};
use crate::db::Tenant;
use crate::db::entities::return_request;
use crate::error::ApiResult;
use chrono::Utc;
use rebound_shared::api::analytics::{SpeedCard, StepDuration, WAITING_LIST, WaitingReturn};
use rebound_shared::domain::ReturnStatus;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select, Statement,
};

/// The statuses a return is still waiting in.
const OPEN: [ReturnStatus; 6] = [
    ReturnStatus::PendingReview,
    ReturnStatus::NeedsContact,
    ReturnStatus::Approved,
    ReturnStatus::InTransit,
    ReturnStatus::Received,
    ReturnStatus::Inspected,
];

/// The steps timed, by the status that ends them.
const STEPS: [ReturnStatus; 3] = [
    ReturnStatus::Approved,
    ReturnStatus::Received,
    ReturnStatus::Resolved,
];

/// The 1-based rank of the `percent`th percentile among `n` sorted values: ⌈n·p/100⌉.
fn nearest_rank(n: i64, percent: i64) -> i64 {
    (n * percent + 99) / 100
}

/// Median and p90 of each step, in seconds: only the two ranked rows per step come back.
pub(super) fn steps_statement(backend: DbBackend, tenant: Tenant, scope: &CardScope) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let within = sql.within("r.created_at", &scope.range);
    let cancelled = sql.bind(ReturnStatus::Cancelled.as_str());
    let product = if scope.product.is_some() {
        let condition = sql.product(scope.product.as_ref());
        format!(
            " AND EXISTS (SELECT 1 FROM return_items ri JOIN order_items oi \
             ON oi.id = ri.order_item_id WHERE ri.return_id = r.id{condition})"
        )
    } else {
        String::new()
    };
    let reached: Vec<String> = STEPS
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let status = sql.bind(status.as_str());
            format!(
                "(SELECT MIN(e.created_at) FROM return_events e \
                 WHERE e.return_id = r.id AND e.to_status = {status}) AS at{i}"
            )
        })
        .collect();
    let durations: Vec<String> = (0..STEPS.len())
        .map(|i| {
            format!(
                "SELECT CAST({i} AS BIGINT) AS step, {secs} AS secs FROM spans WHERE at{i} IS NOT NULL",
                secs = sql.seconds_between("requested", &format!("at{i}"))
            )
        })
        .collect();
    let text = format!(
        "WITH spans AS (SELECT r.created_at AS requested, {reached} FROM returns r \
           WHERE r.merchant_id = {m} AND {within} AND r.status <> {cancelled}{product}), \
         steps AS ({durations}), \
         ranked AS (SELECT step, secs, \
           ROW_NUMBER() OVER (PARTITION BY step ORDER BY secs) AS rn, \
           COUNT(*) OVER (PARTITION BY step) AS n FROM steps) \
         SELECT step, rn, n, secs FROM ranked \
         WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 90 + 99) / 100",
        reached = reached.join(", "),
        durations = durations.join(" UNION ALL "),
        m = sql.merchant(),
    );
    sql.statement(text)
}

async fn steps(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<[StepDuration; 3]> {
    let statement = steps_statement(db.get_database_backend(), tenant, scope);
    let mut found: [StepDuration; 3] = Default::default();
    for row in db.query_all_raw(statement).await? {
        let step = usize::try_from(number(&row, "step")?).unwrap_or(usize::MAX);
        let Some(slot) = found.get_mut(step) else {
            continue;
        };
        let (rank, n) = (number(&row, "rn")?, number(&row, "n")?);
        let hours = number(&row, "secs")? as f64 / 3600.0;
        slot.returns = n;
        if rank == nearest_rank(n, 50) {
            slot.median_hours = Some(hours);
        }
        if rank == nearest_rank(n, 90) {
            slot.p90_hours = Some(hours);
        }
    }
    Ok(found)
}

/// The open returns requested longest ago, whatever the period.
fn waiting_query(tenant: Tenant) -> Select<return_request::Entity> {
    tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::Status.is_in(OPEN.map(|s| s.as_str())))
        .order_by_asc(return_request::Column::CreatedAt)
        .order_by_asc(return_request::Column::Id)
        .limit(WAITING_LIST)
}

pub(super) fn waiting_statement(backend: DbBackend, tenant: Tenant) -> Statement {
    waiting_query(tenant).build(backend)
}

async fn waiting(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<Vec<WaitingReturn>> {
    let now = Utc::now();
    Ok(waiting_query(tenant)
        .all(db)
        .await?
        .into_iter()
        .map(|r| WaitingReturn {
            waiting_hours: (now - r.created_at).num_seconds() as f64 / 3600.0,
            id: r.id,
            number: r.number,
            status: r.status,
            requested_at: r.created_at,
        })
        .collect())
}

pub async fn speed_card(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<SpeedCard> {
    let [to_approval, to_receipt, to_resolution] = steps(db, tenant, scope).await?;
    Ok(SpeedCard {
        period: super::period(scope),
        to_approval,
        to_receipt,
        to_resolution,
        waiting: waiting(db, tenant).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::nearest_rank;

    #[test]
    fn nearest_rank_is_the_ceiling_of_n_times_p() {
        assert_eq!(nearest_rank(1, 50), 1);
        assert_eq!(nearest_rank(1, 90), 1);
        assert_eq!(nearest_rank(4, 50), 2);
        assert_eq!(nearest_rank(5, 50), 3);
        assert_eq!(nearest_rank(10, 90), 9);
        assert_eq!(nearest_rank(11, 90), 10);
    }
}
