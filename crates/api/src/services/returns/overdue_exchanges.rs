//! Instant exchanges still waiting for the returned items: the new items left at approval,
//! the return is still `approved` or `in_transit`, and the shop's `overdue_after_days` have
//! passed since the shipment. The dashboard lists them so staff chase the parcel (or charge
//! for the items) before the trail goes cold.

use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::entities::{order, return_exchange, return_request};
use crate::error::ApiResult;
use crate::services::settings;
use chrono::{DateTime, Duration, Utc};
use rebound_shared::Permission;
use rebound_shared::api::exchanges::{
    ExchangeState, OVERDUE_LIST_MAX, OverdueExchange, OverdueExchanges,
};
use rebound_shared::domain::ReturnStatus;
use sea_orm::sea_query::{JoinType, SelectStatement};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, RelationDef, Select,
};
use uuid::Uuid;

/// The statuses in which the returned items have not reached the shop.
const NOT_ARRIVED: [ReturnStatus; 2] = [ReturnStatus::Approved, ReturnStatus::InTransit];

/// `GET /exchanges/overdue`.
pub async fn overdue_exchanges(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<OverdueExchanges> {
    caller.require(Permission::ReadReturns)?;
    let (returns, _) = settings::policies::load(db, caller.tenant.merchant_id()).await?;
    let after_days = returns.exchanges.instant.overdue_after_days;
    let now = Utc::now();
    let cutoff = now - Duration::days(i64::from(after_days));
    let mut rows = statement(caller.tenant, cutoff)
        .into_tuple::<(Uuid, String, ReturnStatus, String, String, DateTime<Utc>)>()
        .all(db)
        .await?;
    let more = rows.len() as u64 > OVERDUE_LIST_MAX;
    rows.truncate(OVERDUE_LIST_MAX as usize);
    Ok(OverdueExchanges {
        after_days,
        more,
        returns: rows
            .into_iter()
            .map(
                |(return_id, number, status, order_number, customer_email, shipped_at)| {
                    OverdueExchange {
                        return_id,
                        number,
                        status,
                        order_number,
                        customer_email,
                        shipped_at,
                        days_waiting: (now - shipped_at).num_days(),
                    }
                },
            )
            .collect(),
    })
}

/// One statement: the merchant's returns whose items have not arrived (the queue's
/// `(merchant_id, status, …)` index bounds it to the returns in flight, never the history),
/// joined to their exchange lines shipped before `cutoff` (`return_exchanges.return_id`
/// index) and their order; oldest shipment first, one row past the list's size.
fn statement(tenant: Tenant, cutoff: DateTime<Utc>) -> Select<return_request::Entity> {
    let lines: RelationDef = return_exchange::Entity::belongs_to(return_request::Entity)
        .from(return_exchange::Column::ReturnId)
        .to(return_request::Column::Id)
        .into();
    let ordered: RelationDef = return_request::Entity::belongs_to(order::Entity)
        .from(return_request::Column::OrderId)
        .to(order::Column::Id)
        .into();
    let shipped_at = return_exchange::Column::UpdatedAt.min();
    tenant
        .find::<return_request::Entity>()
        .select_only()
        .column(return_request::Column::Id)
        .column(return_request::Column::Number)
        .column(return_request::Column::Status)
        .column_as(order::Column::Number, "order_number")
        .column_as(order::Column::Email, "customer_email")
        .column_as(shipped_at.clone(), "shipped_at")
        .join(JoinType::InnerJoin, lines.rev())
        .join(JoinType::InnerJoin, ordered)
        .filter(return_request::Column::Status.is_in(NOT_ARRIVED))
        .filter(return_exchange::Column::State.eq(ExchangeState::Shipped))
        .filter(return_exchange::Column::UpdatedAt.lte(cutoff))
        .group_by(return_request::Column::Id)
        .group_by(return_request::Column::Number)
        .group_by(return_request::Column::Status)
        .group_by(order::Column::Number)
        .group_by(order::Column::Email)
        .order_by(shipped_at, Order::Asc)
        .order_by_asc(return_request::Column::Id)
        .limit(OVERDUE_LIST_MAX + 1)
}

/// The statement as the server sends it, for a query-plan test.
pub fn overdue_statement(merchant_id: Uuid, cutoff: DateTime<Utc>) -> SelectStatement {
    statement(Tenant::new(merchant_id), cutoff).into_query()
}
