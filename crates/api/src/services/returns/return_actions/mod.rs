//! What staff do to a return: approve (with its label and mail), reject, mark received,
//! inspect, and resolve by refund, store credit or replacement. Every step goes through the
//! shared state machine (`return_records::transition`), is recorded with who did it, and
//! queues its mail in the same transaction.
//!
//! One file per step; this module holds the lookups they share.

mod inspection;
mod label;
mod refunds;
mod replacements;
mod review;
mod store_credits;

use inspection::lines_of;
pub use inspection::{inspect, receive};
use label::with_label_time;
pub use label::{first_label, label_bought, label_paths, may_issue_label};
pub use refunds::{refund, returned_value};
pub use replacements::replace;
pub(crate) use replacements::{Outbound, outbound_shipment};
pub use review::{approve, bulk_approve, reject, send_auto_approval};
pub use store_credits::store_credit;

use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::entities::{order, return_request};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::return_records::transition;
use rebound_shared::ErrorKind;
use rebound_shared::api::returns::ReturnActor;
use rebound_shared::api::timeline::ReturnNote;
use rebound_shared::domain::{Journey, ReturnAction, ReturnStatus, next_in};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use uuid::Uuid;

pub async fn find_return(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    id: Uuid,
) -> ApiResult<return_request::Model> {
    tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("return"))
}

pub async fn order_of(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    ret: &return_request::Model,
) -> ApiResult<order::Model> {
    tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.eq(ret.order_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))
}

pub(super) fn status_of(ret: &return_request::Model) -> ApiResult<ReturnStatus> {
    Ok(ret.status)
}

/// 409 naming the current status unless `action` is allowed now (checked before any work
/// outside the transaction, such as buying a label; `transition` checks again inside it).
pub(super) fn allowed(ret: &return_request::Model, action: ReturnAction) -> ApiResult<()> {
    next_in(Journey::of(ret.keep_item), status_of(ret)?, action)
        .map(|_| ())
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))
}

pub(super) async fn by_staff(
    db: &impl ConnectionTrait,
    ret: return_request::Model,
    action: ReturnAction,
    caller: &CurrentStaff,
    note: Option<ReturnNote>,
) -> ApiResult<return_request::Model> {
    transition(
        db,
        ret,
        action,
        ReturnActor::Staff,
        Some(caller.staff_id),
        note,
    )
    .await
}
