//! A shopper cancelling their order before dispatch, where the shop allows it (seed 000 lists
//! it beside the address change): the order is marked cancelled, the shop is mailed so it does
//! not ship, and integrations hear `order.cancelled`.

use crate::auth::OrderAccess;
use crate::db::entities::order;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::services::notifications;
use crate::services::orders::access::opened_order;
use crate::services::orders::order_view;
use crate::services::orders::shopper::{dispatched, for_shopper};
use crate::services::settings;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::orders::{CancelOrder, OrderView};
use rebound_shared::api::webhooks::WebhookEvent;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

/// Cancels the opened order: 403 when the shop does not allow it, 409 once anything shipped.
/// Cancelling a cancelled order answers it again, with nothing mailed or sent twice.
pub async fn cancel_order(
    db: &DatabaseConnection,
    links: &Links,
    access: OrderAccess,
    slug: &str,
    input: CancelOrder,
) -> ApiResult<OrderView> {
    let (_, aftercare) = settings::load_documents(db, access.merchant_id).await?;
    if !aftercare.order_cancellation_enabled {
        return Err(ApiError::forbidden(
            "this shop does not take cancellations online; contact them",
        ));
    }
    let txn = begin_write(db).await?;
    let o = opened_order(&txn, access, slug).await?;
    if o.cancelled_at.is_some() {
        let view = order_view(&txn, o).await?;
        txn.commit().await?;
        return Ok(for_shopper(view));
    }
    if dispatched(&txn, &o).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "your order has already been dispatched, so it can no longer be cancelled; you can return it once it arrives",
        ));
    }
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    notifications::order_cancelled(&txn, links, &o, reason).await?;
    let mut row: order::ActiveModel = o.into();
    row.cancelled_at = Set(Some(Utc::now()));
    row.updated_at = Set(Utc::now());
    let saved = row.update(&txn).await?;
    let id = saved.id;
    let view = order_view(&txn, saved).await?;
    crate::notify::webhooks::emit(
        &txn,
        Tenant::new(access.merchant_id),
        WebhookEvent::OrderCancelled,
        id,
        &view,
    )
    .await?;
    txn.commit().await?;
    Ok(for_shopper(view))
}
