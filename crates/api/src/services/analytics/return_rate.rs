//! Return rate: orders and units with a return requested in a period over those delivered in
//! it, per week or month, with the period of equal length before it. Four grouped statements
//! for the series and totals, two for the previous totals.

use super::sql::{CardScope, Sql, number, sum};
use crate::db::Tenant;
use crate::error::{ApiError, ApiResult};
use chrono::{Datelike, Months, NaiveDate};
use rebound_shared::api::analytics::{ReturnCounts, ReturnRateCard, ReturnRatePoint};
use rebound_shared::domain::ReturnStatus;
use rebound_shared::domain::analytics::{Bucket, DateRange, basis_points};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeMap;

/// (orders, units) per bucket start, or once under `None` for the whole period.
type Counted = BTreeMap<Option<NaiveDate>, (i64, i64)>;

async fn run(db: &impl ConnectionTrait, statement: Statement) -> ApiResult<Counted> {
    let mut counted = Counted::new();
    for row in db.query_all_raw(statement).await? {
        let start: Option<String> = row.try_get("", "start")?;
        let start = match start {
            Some(s) => Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(ApiError::internal)?),
            None => None,
        };
        counted.insert(start, (number(&row, "orders")?, number(&row, "units")?));
    }
    Ok(counted)
}

/// The select list's bucket column and the GROUP BY clause, or neither for a total.
fn grouping(sql: &Sql, column: &str, bucket: Option<Bucket>) -> (String, &'static str) {
    match bucket {
        Some(b) => (sql.bucket_start(column, b), " GROUP BY 1"),
        None => ("NULL".to_owned(), ""),
    }
}

/// Orders and units delivered, per bucket (lines attached to another line not counted).
pub(super) fn delivered(
    backend: DbBackend,
    tenant: Tenant,
    scope: &CardScope,
    range: &DateRange,
    bucket: Option<Bucket>,
) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let (start, group) = grouping(&sql, "o.delivered_at", bucket);
    let within = sql.within("o.delivered_at", range);
    let product = sql.product(scope.product.as_ref());
    let text = format!(
        "SELECT {start} AS start, COUNT(DISTINCT o.id) AS orders, {units} AS units \
         FROM orders o JOIN order_items oi ON oi.order_id = o.id \
         WHERE o.merchant_id = {m} AND {within} AND oi.parent_item_id IS NULL{product}{group}",
        units = sum("oi.quantity"),
        m = sql.merchant(),
    );
    sql.statement(text)
}

/// Orders and units with a return requested, per bucket (cancelled returns not counted).
pub(super) fn returned(
    backend: DbBackend,
    tenant: Tenant,
    scope: &CardScope,
    range: &DateRange,
    bucket: Option<Bucket>,
) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let (start, group) = grouping(&sql, "r.created_at", bucket);
    let within = sql.within("r.created_at", range);
    let cancelled = sql.bind(ReturnStatus::Cancelled.as_str());
    let product = sql.product(scope.product.as_ref());
    let text = format!(
        "SELECT {start} AS start, COUNT(DISTINCT r.order_id) AS orders, {units} AS units \
         FROM returns r JOIN return_items ri ON ri.return_id = r.id{join} \
         WHERE r.merchant_id = {m} AND {within} AND r.status <> {cancelled}{product}{group}",
        units = sum("ri.quantity"),
        m = sql.merchant(),
        join = super::product_join(scope),
    );
    sql.statement(text)
}

fn counts(delivered: (i64, i64), returned: (i64, i64)) -> ReturnCounts {
    ReturnCounts {
        delivered_orders: delivered.0,
        delivered_units: delivered.1,
        returned_orders: returned.0,
        returned_units: returned.1,
        order_rate_basis_points: basis_points(returned.0, delivered.0),
        unit_rate_basis_points: basis_points(returned.1, delivered.1),
    }
}

/// The first day of every bucket that touches the period, in order.
pub fn bucket_starts(range: &DateRange) -> Vec<NaiveDate> {
    let first = match range.bucket() {
        Bucket::Week => {
            range.from()
                - chrono::Duration::days(i64::from(range.from().weekday().num_days_from_monday()))
        }
        Bucket::Month => range.from().with_day(1).unwrap_or(range.from()),
    };
    std::iter::successors(Some(first), |d| match range.bucket() {
        Bucket::Week => Some(*d + chrono::Duration::days(7)),
        Bucket::Month => d.checked_add_months(Months::new(1)),
    })
    .take_while(|d| *d <= range.to())
    .collect()
}

/// The card: the series, the period's totals and the previous period's.
pub async fn return_rate_card(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<ReturnRateCard> {
    let backend = db.get_database_backend();
    let range = scope.range;
    let bucket = Some(range.bucket());
    let d = run(db, delivered(backend, tenant, scope, &range, bucket)).await?;
    let r = run(db, returned(backend, tenant, scope, &range, bucket)).await?;
    let series = bucket_starts(&range)
        .into_iter()
        .map(|start| ReturnRatePoint {
            start,
            counts: counts(
                d.get(&Some(start)).copied().unwrap_or_default(),
                r.get(&Some(start)).copied().unwrap_or_default(),
            ),
        })
        .collect();
    // Totals are counted apart: an order returned in two buckets is one order of the period.
    let total = |d: &Counted, r: &Counted| {
        counts(
            d.get(&None).copied().unwrap_or_default(),
            r.get(&None).copied().unwrap_or_default(),
        )
    };
    let current = total(
        &run(db, delivered(backend, tenant, scope, &range, None)).await?,
        &run(db, returned(backend, tenant, scope, &range, None)).await?,
    );
    let before = range.previous();
    let previous = total(
        &run(db, delivered(backend, tenant, scope, &before, None)).await?,
        &run(db, returned(backend, tenant, scope, &before, None)).await?,
    );
    Ok(ReturnRateCard {
        period: super::period(scope),
        series,
        total: current,
        previous_from: before.from(),
        previous_to: before.to(),
        previous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_the_period_from_its_first_monday_or_month() {
        let weeks = DateRange::parse(Some("2026-11-04"), Some("2026-11-16"), None).unwrap();
        let starts: Vec<String> = bucket_starts(&weeks)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(starts, ["2026-11-02", "2026-11-09", "2026-11-16"]);
        let months =
            DateRange::parse(Some("2026-01-31"), Some("2026-03-01"), Some("month")).unwrap();
        let starts: Vec<String> = bucket_starts(&months)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(starts, ["2026-01-01", "2026-02-01", "2026-03-01"]);
    }
}
