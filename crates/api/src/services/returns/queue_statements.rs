//! The statements a page of the returns queue runs: the page itself (keyset on created_at, id,
//! never OFFSET) and the capped counts per status. Built here once, for the service and for
//! the query-plan test, so the test explains exactly what the server sends.

use crate::db::Tenant;
use crate::db::entities::{order, return_item, return_request};
use crate::error::ApiResult;
use crate::services::keyset::PageSize;
use chrono::{DateTime, Utc};
use rebound_shared::api::return_queue::QUEUE_COUNT_LIMIT;
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::ReturnStatus;
use sea_orm::sea_query::{
    Asterisk, Expr, ExprTrait, Query, QueryStatementBuilder, SelectStatement, UnionType,
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct ReturnFilter {
    pub status: Option<ReturnStatus>,
    pub reason_id: Option<Uuid>,
    pub resolution: Option<Resolution>,
    pub defective: Option<bool>,
    /// Created at or after.
    pub from: Option<DateTime<Utc>>,
    /// Created before.
    pub to: Option<DateTime<Utc>>,
    /// Return number, order number or customer email.
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: PageSize,
}

/// What a queue's status counts depend on: the merchant and the filter without its page
/// (cursor, size), so every page of one filter shares one count.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountsKey {
    merchant: Uuid,
    status: Option<ReturnStatus>,
    reason_id: Option<Uuid>,
    resolution: Option<Resolution>,
    defective: Option<bool>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    q: Option<String>,
}

impl ReturnFilter {
    pub fn counts_key(&self, tenant: Tenant) -> CountsKey {
        CountsKey {
            merchant: tenant.merchant_id(),
            status: self.status,
            reason_id: self.reason_id,
            resolution: self.resolution,
            defective: self.defective,
            from: self.from,
            to: self.to,
            q: self.search().map(str::to_owned),
        }
    }

    /// The search term, when there is one worth searching for.
    fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

/// What one page of the queue sends to the database, in the order it sends it.
#[derive(Debug, Clone)]
pub struct QueueStatements {
    pub page: SelectStatement,
    pub counts: SelectStatement,
}

/// The statements `list_returns` runs for a caller of `merchant_id` with `filter`. Building
/// SQL runs nothing, so this takes the merchant as it is: for the query-plan test and the
/// scale benchmark, which explain and time the server's own statements.
pub fn queue_statements(merchant_id: Uuid, filter: &ReturnFilter) -> ApiResult<QueueStatements> {
    let tenant = Tenant::new(merchant_id);
    Ok(QueueStatements {
        page: page(tenant, filter)?.into_query(),
        counts: capped_counts(tenant, filter),
    })
}

/// The returns a search names: its return number, or (through the merchant's orders) its
/// order number or customer email. A UNION of three index lookups, each an equality on an
/// index, so a search costs what the shopper's few returns cost, not the merchant's history.
///
/// The returns reached through an order are not filtered on `returns.merchant_id` again: a
/// return always belongs to its order's merchant, and that extra equality lets SQLite's
/// planner (no statistics) walk the merchant's whole (merchant_id, ...) index instead of the
/// order's returns, which is the very walk this replaces.
fn search_hits(tenant: Tenant, q: &str) -> SelectStatement {
    let by_return_number = tenant
        .find::<return_request::Entity>()
        .select_only()
        .column(return_request::Column::Id)
        .filter(return_request::Column::Number.eq(q.to_uppercase()))
        .into_query();
    let orders = |matching: Expr| {
        tenant
            .find::<order::Entity>()
            .select_only()
            .column(order::Column::Id)
            .filter(matching)
            .into_query()
    };
    let mut matching_orders = orders(order::Column::Number.eq(q));
    matching_orders.union(
        UnionType::Distinct,
        orders(order::Column::Email.eq(q.to_lowercase())),
    );
    let through_orders = return_request::Entity::find()
        .select_only()
        .column(return_request::Column::Id)
        .filter(return_request::Column::OrderId.in_subquery(matching_orders))
        .into_query();
    let mut hits = by_return_number;
    hits.union(UnionType::Distinct, through_orders);
    hits
}

/// Every filter but the status and the cursor: what the counts per status also see. Reasons,
/// the defective flag and the search are subqueries, so the page stays one statement.
///
/// With a search, the search's hits are the rows: the query starts from their ids (each hit
/// is the tenant's, see [`search_hits`]) and has no `merchant_id` equality of its own, which
/// would let the planner prefer walking the merchant's newest-first index for the order.
fn filtered(tenant: Tenant, filter: &ReturnFilter) -> Select<return_request::Entity> {
    let mut query = match filter.search() {
        Some(q) => return_request::Entity::find()
            .filter(return_request::Column::Id.in_subquery(search_hits(tenant, q))),
        None => tenant.find::<return_request::Entity>(),
    };
    if let Some(resolution) = filter.resolution {
        query = query
            .filter(
                return_request::Column::Resolution
                    .eq(crate::services::returns::return_records::as_str(resolution)),
            )
            .filter(return_request::Column::ResolutionPending.eq(false));
    }
    if let Some(from) = filter.from {
        query = query.filter(return_request::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(return_request::Column::CreatedAt.lt(to));
    }
    if let Some(reason) = filter.reason_id {
        query = query.filter(
            return_request::Column::Id.in_subquery(
                Query::select()
                    .column(return_item::Column::ReturnId)
                    .from(return_item::Entity)
                    .and_where(return_item::Column::ReasonId.eq(reason))
                    .to_owned(),
            ),
        );
    }
    if let Some(defective) = filter.defective {
        let with_defect = Query::select()
            .column(return_item::Column::ReturnId)
            .from(return_item::Entity)
            .and_where(return_item::Column::Defective.eq(true))
            .to_owned();
        query = query.filter(if defective {
            return_request::Column::Id.in_subquery(with_defect)
        } else {
            return_request::Column::Id.not_in_subquery(with_defect)
        });
    }
    query
}

/// One page, newest first: keyset on (created_at, id) after the cursor, one row more than
/// the page holds to know whether another follows.
pub(super) fn page(
    tenant: Tenant,
    filter: &ReturnFilter,
) -> ApiResult<Select<return_request::Entity>> {
    let mut query = filtered(tenant, filter);
    if let Some(status) = filter.status {
        query = query.filter(return_request::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = filter.cursor.as_deref() {
        let (at, id) = crate::services::keyset::decode(cursor)?;
        // `created_at <= at` alone is a range both databases read from the index, so a deep
        // page starts at the cursor instead of walking down to it from the newest row; the
        // OR then only settles the rows that share the cursor's instant.
        query = query.filter(
            Condition::all()
                .add(return_request::Column::CreatedAt.lte(at))
                .add(
                    Condition::any()
                        .add(return_request::Column::CreatedAt.lt(at))
                        .add(return_request::Column::Id.lt(id)),
                ),
        );
    }
    Ok(query
        .order_by_desc(return_request::Column::CreatedAt)
        .order_by_desc(return_request::Column::Id)
        .limit(filter.limit.rows() + 1))
}

/// Returns per status among those `filter` matches, column `n<i>` for `ReturnStatus::ALL[i]`,
/// each stopping at [`QUEUE_COUNT_LIMIT`]'s next row. One statement: a scalar subquery per
/// status, each an index range on (merchant_id, status, created_at, id) (or the search's
/// hits), so the cost is bounded by the limit instead of growing with the merchant's history.
pub(super) fn capped_counts(tenant: Tenant, filter: &ReturnFilter) -> SelectStatement {
    let mut counts = Query::select();
    for (i, status) in ReturnStatus::ALL.iter().enumerate() {
        let rows = filtered(tenant, filter)
            .filter(return_request::Column::Status.eq(status.as_str()))
            .select_only()
            .expr(Expr::val(1))
            .limit(QUEUE_COUNT_LIMIT + 1)
            .into_query();
        let count = Query::select()
            .expr(Expr::col(Asterisk).count())
            .from_subquery(rows, format!("capped{i}"))
            .to_owned();
        counts.expr_as(
            Expr::SubQuery(None, Box::new(count.into_sub_query_statement())),
            format!("n{i}"),
        );
    }
    counts
}
