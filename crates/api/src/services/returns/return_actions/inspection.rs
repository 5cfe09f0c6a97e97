//! The parcel back at the warehouse: marked received, then inspected item by item.

use super::{allowed, by_staff, find_return, order_of};
use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{return_inspection, return_item, return_request};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::ReturnDeps;
use crate::services::returns::return_mails;
use crate::services::returns::return_records::as_str;
use crate::services::returns::return_webhooks;
use crate::services::settings::{self};
use crate::services::trimmed;
use chrono::Utc;
use rebound_shared::api::return_queue::{Disposition, InspectReturn, ItemCondition};
use rebound_shared::api::settings::DamagedPolicy;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::ReturnAction;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use std::collections::HashSet;
use uuid::Uuid;

pub async fn receive(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, caller.tenant, id).await?;
    let o = order_of(&txn, caller.tenant, &ret).await?;
    let ret = by_staff(&txn, ret, ReturnAction::MarkReceived, caller, None).await?;
    return_mails::return_received(&txn, deps.links, &o, &ret).await?;
    return_webhooks::emit(&txn, deps, WebhookEvent::ReturnReceived, &ret).await?;
    txn.commit().await?;
    Ok(ret)
}

pub(super) async fn lines_of(
    db: &impl ConnectionTrait,
    ret: &return_request::Model,
) -> ApiResult<Vec<return_item::Model>> {
    Ok(return_item::Entity::find()
        .filter(return_item::Column::ReturnId.eq(ret.id))
        .all(db)
        .await?)
}

/// Each line's condition; a damaged one gets the shop's damaged-item policy (keep it at the
/// shopper's or discard it), recorded as it stands today.
pub async fn inspect(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
    input: InspectReturn,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let (returns, _) = settings::load_documents(db, caller.tenant.merchant_id()).await?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, caller.tenant, id).await?;
    allowed(&ret, ReturnAction::Inspect)?;
    let lines = lines_of(&txn, &ret).await?;
    let mut seen = HashSet::new();
    for (i, item) in input.items.iter().enumerate() {
        if !lines.iter().any(|l| l.id == item.return_item_id) {
            return Err(ApiError::field(
                ErrorKind::Validation,
                &format!("items[{i}].return_item_id"),
                "unknown",
                "this line is not in the return",
            ));
        }
        if !seen.insert(item.return_item_id) {
            return Err(ApiError::field(
                ErrorKind::Validation,
                &format!("items[{i}].return_item_id"),
                "duplicate",
                "this line is listed twice",
            ));
        }
    }
    if seen.len() != lines.len() {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "items",
            "incomplete",
            "inspect every line of the return",
        ));
    }
    let now = Utc::now();
    let mut damaged = 0;
    for item in &input.items {
        let disposition = match (item.condition, returns.damaged_policy) {
            (ItemCondition::Ok, _) => Disposition::Restock,
            (ItemCondition::Damaged, DamagedPolicy::Keep) => Disposition::Keep,
            (ItemCondition::Damaged, DamagedPolicy::Discard) => Disposition::Discard,
        };
        if item.condition == ItemCondition::Damaged {
            damaged += 1;
        }
        return_inspection::ActiveModel {
            id: Set(Uuid::now_v7()),
            return_id: Set(ret.id),
            return_item_id: Set(item.return_item_id),
            condition: Set(as_str(item.condition)),
            disposition: Set(as_str(disposition)),
            note: Set(trimmed(&item.note)),
            staff_id: Set(Some(caller.staff_id)),
            inspected_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    let note = match damaged {
        0 => ReturnNote::new(ReturnEventCode::InspectedOk),
        n => ReturnNote::new(ReturnEventCode::InspectedDamaged)
            .with("count", n)
            .with("policy", as_str(returns.damaged_policy)),
    };
    let ret = by_staff(&txn, ret, ReturnAction::Inspect, caller, Some(note)).await?;
    return_webhooks::emit(&txn, deps, WebhookEvent::ReturnInspected, &ret).await?;
    txn.commit().await?;
    Ok(ret)
}
