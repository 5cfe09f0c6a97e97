//! A shopper cancelling their own return from the portal, before anything was sent: the return
//! is `cancelled` (its quantities free again), its label voided so the carrier no longer
//! accepts it, and the shop's integrations hear `return.cancelled`.

use crate::auth::OrderAccess;
use crate::db::entities::{return_label, return_request};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::orders::access::opened_order;
use crate::services::returns::ReturnDeps;
use crate::services::returns::return_records::transition;
use crate::services::returns::return_views::return_views;
use crate::services::returns::return_webhooks;
use crate::services::returns::submit::numbers_of;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::returns::{ReturnActor, ReturnView};
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::ReturnAction;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Cancels return `id` of the order the shopper opened. A return of another order is a 404;
/// one already on its way (or decided) is a 409 naming its status. Cancelling twice answers
/// the cancelled return again.
pub async fn cancel(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    access: OrderAccess,
    slug: &str,
    id: Uuid,
) -> ApiResult<ReturnView> {
    let o = opened_order(db, access, slug).await?;
    let tenant = Tenant::new(access.merchant_id);
    let txn = begin_write(db).await?;
    let ret = tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::Id.eq(id))
        .filter(return_request::Column::OrderId.eq(o.id))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("return"))?;
    let ret = if ret.status == rebound_shared::domain::ReturnStatus::Cancelled {
        ret
    } else {
        if !ret.status.shopper_may_cancel() {
            return Err(ApiError::new(
                ErrorKind::Conflict,
                format!(
                    "this return is {} and can no longer be cancelled here; contact the shop",
                    ret.status.as_str()
                ),
            ));
        }
        return_label::Entity::update_many()
            .col_expr(
                return_label::Column::CurrentForReturn,
                Expr::value(None::<Uuid>),
            )
            .col_expr(
                return_label::Column::VoidedAt,
                Expr::value(Some(Utc::now())),
            )
            .filter(return_label::Column::ReturnId.eq(ret.id))
            .filter(return_label::Column::VoidedAt.is_null())
            .exec(&txn)
            .await?;
        let ret = transition(
            &txn,
            ret,
            ReturnAction::Cancel,
            ReturnActor::Shopper,
            None,
            Some(ReturnNote::new(ReturnEventCode::CancelledByShopper)),
        )
        .await?;
        return_webhooks::emit(&txn, deps, WebhookEvent::ReturnCancelled, &ret).await?;
        ret
    };
    txn.commit().await?;
    let views = return_views(
        db,
        tenant,
        deps.photos,
        deps.labels,
        vec![ret],
        &numbers_of(&o),
    )
    .await?;
    views
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("return"))
}
