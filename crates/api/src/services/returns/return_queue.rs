//! The dashboard's returns queue and a return's whole case. A page of the queue costs the
//! same few statements whatever its size: the rows (keyset on created_at, id) and the counts
//! per status (both built in `queue_statements`), then the orders, lines and ordered items of
//! the page, each in one query.

use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::entities::{
    message_thread, order, order_item, refund, replacement, return_inspection, return_item,
    return_request, shipment,
};
use crate::error::{ApiError, ApiResult};
use crate::read_cache::{ReadCache, StatusCounts};
use crate::services::returns::ReturnDeps;
use crate::services::returns::labels;
use crate::services::returns::queue_statements;
pub use crate::services::returns::queue_statements::ReturnFilter;
use crate::services::returns::return_actions::{find_return, order_of, returned_value};
use crate::services::returns::return_views::{Reader, views_for_reader};
use crate::services::settings::carrier_settings;
use rebound_shared::api::helpdesk::ThreadSubjectKind;
use rebound_shared::api::orders::OrderSummary;
use rebound_shared::api::return_queue::{
    InspectionView, LabelBlocker, QUEUE_COUNT_LIMIT, RefundView, ReplacementView, ReturnDetail,
    ReturnPage, ReturnSummary,
};
use rebound_shared::domain::ReturnStatus;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

fn parse<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(raw.to_owned())).ok()
}

fn encode_cursor(r: &return_request::Model) -> String {
    crate::services::keyset::encode(r.created_at, r.id)
}

/// Newest first, keyset-paginated on (created_at, id).
pub async fn list_returns(
    db: &DatabaseConnection,
    cache: &ReadCache,
    caller: &CurrentStaff,
    filter: ReturnFilter,
) -> ApiResult<ReturnPage> {
    caller.require(Permission::ReadReturns)?;
    let tenant = caller.tenant;
    let limit = filter.limit.rows();
    let mut rows = queue_statements::page(tenant, &filter)?.all(db).await?;
    let next_cursor = (rows.len() as u64 > limit).then(|| {
        rows.truncate(limit as usize);
        rows.last().map(encode_cursor)
    });
    // The counts are the queue's dearest statement (up to ten thousand index entries per
    // status) and the same for every page and every agent of a shop until the next write.
    let (counts_per_status, capped_statuses) = cache
        .remember(
            &cache.queue_counts,
            filter.counts_key(tenant),
            capped_counts(db, tenant, &filter),
        )
        .await?;
    let returns = summaries(db, tenant, rows).await?;
    Ok(ReturnPage {
        returns,
        counts_per_status,
        capped_statuses,
        next_cursor: next_cursor.flatten(),
    })
}

/// Returns per status among those `filter` matches, exact up to [`QUEUE_COUNT_LIMIT`], and the
/// statuses past it, from the one statement [`queue_statements::capped_counts`] builds.
async fn capped_counts(
    db: &DatabaseConnection,
    tenant: Tenant,
    filter: &ReturnFilter,
) -> ApiResult<StatusCounts> {
    let counts = queue_statements::capped_counts(tenant, filter);
    let row = db
        .query_one(&counts)
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the status counts answered no row")))?;
    let mut per_status = BTreeMap::new();
    let mut capped = Vec::new();
    for (i, status) in ReturnStatus::ALL.iter().enumerate() {
        let n = u64::try_from(row.try_get::<i64>("", &format!("n{i}"))?).unwrap_or_default();
        if n > QUEUE_COUNT_LIMIT {
            capped.push(*status);
        }
        per_status.insert(status.as_str().to_owned(), Ord::min(n, QUEUE_COUNT_LIMIT));
    }
    Ok((per_status, capped))
}

/// Rows of the queue: three queries for any number of returns, each reading only the columns
/// a row shows (sqlx copies every value it reads into an allocation of its own).
pub(super) async fn summaries(
    db: &DatabaseConnection,
    tenant: Tenant,
    rows: Vec<return_request::Model>,
) -> ApiResult<Vec<ReturnSummary>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let order_ids: Vec<Uuid> = rows.iter().map(|r| r.order_id).collect();
    // By primary key only, the tenant checked on the rows: with `merchant_id = ?` in the
    // statement SQLite's planner (no statistics) walks the merchant's whole orders index
    // instead of looking the page's 25 ids up (150 ms on a merchant with 100,000 orders).
    let orders: HashMap<Uuid, QueueOrder> = order::Entity::find()
        .select_only()
        .columns([
            order::Column::Id,
            order::Column::MerchantId,
            order::Column::Number,
            order::Column::CustomerName,
            order::Column::Email,
            order::Column::Currency,
        ])
        .filter(order::Column::Id.is_in(order_ids))
        .into_tuple::<QueueOrder>()
        .all(db)
        .await?
        .into_iter()
        .filter(|o| o.1 == tenant.merchant_id())
        .map(|o| (o.0, o))
        .collect();
    let items: Vec<QueueLine> = return_item::Entity::find()
        .select_only()
        .columns([
            return_item::Column::ReturnId,
            return_item::Column::OrderItemId,
            return_item::Column::Quantity,
            return_item::Column::Defective,
        ])
        .filter(return_item::Column::ReturnId.is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()))
        .into_tuple()
        .all(db)
        .await?;
    let prices: HashMap<Uuid, i64> = order_item::Entity::find()
        .select_only()
        .columns([order_item::Column::Id, order_item::Column::UnitPriceMinor])
        .filter(order_item::Column::Id.is_in(items.iter().map(|i| i.1).collect::<Vec<_>>()))
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let lines: Vec<&QueueLine> = items.iter().filter(|i| i.0 == r.id).collect();
            let o = orders.get(&r.order_id);
            let text = |pick: fn(&QueueOrder) -> &String| o.map(pick).cloned().unwrap_or_default();
            ReturnSummary {
                id: r.id,
                status: r.status,
                order_number: text(|o| &o.2),
                customer_name: text(|o| &o.3),
                email: text(|o| &o.4),
                currency: text(|o| &o.5),
                created_at: r.created_at,
                item_count: lines.iter().map(|l| l.2).sum(),
                defective: lines.iter().any(|l| l.3),
                resolution: (!r.resolution_pending).then_some(r.resolution),
                withdrawal: r.withdrawal,
                total_value_minor: lines
                    .iter()
                    .map(|l| prices.get(&l.1).copied().unwrap_or(0) * i64::from(l.2))
                    .sum(),
                // A column of the row: no statement of its own.
                risk_flags: crate::services::returns::risk::stored_flags(&r),
                number: r.number,
            }
        })
        .collect())
}

/// What a queue row shows of its order: id, merchant, number, customer name, email, currency.
type QueueOrder = (Uuid, Uuid, String, String, String, String);
/// What a queue row reads of a return line: return, order item, quantity, defective.
type QueueLine = (Uuid, Uuid, i32, bool);

/// A return's whole case: its view (items, photos, timeline, allowed actions), the order, the
/// label, inspections, refunds, store credit, replacement and helpdesk thread.
pub async fn return_detail(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<ReturnDetail> {
    caller.require(Permission::ReadReturns)?;
    let tenant = caller.tenant;
    let ret = find_return(db, tenant, id).await?;
    let o = order_of(db, tenant, &ret).await?;
    let total_value_minor = returned_value(db, &ret).await?;
    let numbers = HashMap::from([(o.id, o.number.clone())]);
    let view = views_for_reader(
        db,
        tenant,
        deps.photos,
        deps.labels,
        vec![ret],
        &numbers,
        Reader::Staff,
    )
    .await?
    .pop()
    .ok_or_else(|| ApiError::not_found("return"))?;
    let label = match labels::label_for_return(db, deps.labels, tenant, id).await {
        Ok(l) => Some(l),
        Err(e) if e.kind == ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let inspections = return_inspection::Entity::find()
        .filter(return_inspection::Column::ReturnId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|i| {
            Some(InspectionView {
                return_item_id: i.return_item_id,
                condition: parse(&i.condition)?,
                disposition: parse(&i.disposition)?,
                note: i.note,
                staff_id: i.staff_id,
                inspected_at: i.inspected_at,
            })
        })
        .collect();
    let refunds = tenant
        .find::<refund::Entity>()
        .filter(refund::Column::ReturnId.eq(id))
        .order_by_asc(refund::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(RefundView {
                id: r.id,
                return_item_id: r.return_item_id,
                order_item_id: r.order_item_id,
                amount_minor: r.amount_minor,
                reason: parse(&r.reason)?,
                currency: r.currency,
                created_at: r.created_at,
            })
        })
        .collect();
    let replacement = match replacement::Entity::find()
        .filter(replacement::Column::ReturnId.eq(id))
        .one(db)
        .await?
    {
        Some(r) => shipment::Entity::find_by_id(r.shipment_id)
            .one(db)
            .await?
            .map(|s| ReplacementView {
                shipment_id: s.id,
                carrier: s.carrier,
                tracking_number: s.tracking_number,
                variant: r.variant,
                created_at: r.created_at,
            }),
        None => None,
    };
    let thread_id = tenant
        .find::<message_thread::Entity>()
        .filter(message_thread::Column::SubjectKind.eq(ThreadSubjectKind::Return.key()))
        .filter(message_thread::Column::SubjectId.eq(id))
        .one(db)
        .await?
        .map(|t| t.id);
    // The only thing a label waits for: where the parcel goes (the rate table has a fallback).
    let label_blocker = carrier_settings::default_return_address(db, tenant)
        .await?
        .is_none()
        .then_some(LabelBlocker::NoReturnAddress);
    Ok(ReturnDetail {
        label_available: label_blocker.is_none(),
        label_blocker,
        store_credit: view.store_credit.clone(),
        ret: view,
        order: OrderSummary {
            status: o.status,
            id: o.id,
            number: o.number,
            customer_name: o.customer_name,
            email: o.email,
            currency: o.currency,
            placed_at: o.placed_at,
        },
        label,
        inspections,
        refunds,
        replacement,
        thread_id,
        total_value_minor,
    })
}
