//! Resolving by replacement: a new shipment of the item (or the variant asked for).

use super::{allowed, by_staff, find_return, order_of, returned_value};
use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{replacement, return_request, shipment};
use crate::error::ApiResult;
use crate::services::returns::ReturnDeps;
use crate::services::returns::outcomes;
use crate::services::returns::return_mails;
use crate::services::returns::return_webhooks;
use crate::services::trimmed;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::return_queue::ReplaceReturn;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::{OrderStatus, ReturnAction};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// A new shipment on the order carrying the replacement.
pub async fn replace(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
    input: ReplaceReturn,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, caller.tenant, id).await?;
    allowed(&ret, ReturnAction::Replace)?;
    let o = order_of(&txn, caller.tenant, &ret).await?;
    let first = shipment::Entity::find()
        .filter(shipment::Column::OrderId.eq(o.id))
        .one(&txn)
        .await?;
    let carrier = trimmed(&input.carrier)
        .or_else(|| first.as_ref().map(|s| s.carrier.clone()))
        .unwrap_or_else(|| "Manual".into());
    let service = trimmed(&input.service)
        .or_else(|| first.as_ref().map(|s| s.service.clone()))
        .unwrap_or_else(|| "Regular".into());
    let tracking = trimmed(&input.tracking_number).map(|t| t.replace(' ', ""));
    let variant = trimmed(&input.variant).or_else(|| ret.replacement_variant.clone());
    let created = shipment::ActiveModel {
        id: Set(Uuid::now_v7()),
        order_id: Set(o.id),
        carrier: Set(carrier),
        service: Set(service),
        // Until the parcel has its carrier number it is known by the return's.
        tracking_number: Set(tracking
            .clone()
            .unwrap_or_else(|| format!("{}-REPL", ret.number))),
        status: Set(if tracking.is_some() {
            OrderStatus::InTransit
        } else {
            OrderStatus::Unfulfilled
        }),
        estimated_delivery: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    replacement::ActiveModel {
        id: Set(Uuid::now_v7()),
        return_id: Set(ret.id),
        shipment_id: Set(created.id),
        variant: Set(variant.clone()),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    // What was sent is valued at what the returned units were sold for.
    let value = returned_value(&txn, &ret).await?;
    outcomes::record(&txn, &ret, OutcomeKind::Replacement, value, &o.currency).await?;
    let mut note = ReturnNote::new(ReturnEventCode::ReplacementShipped)
        .with("tracking", &created.tracking_number);
    if let Some(v) = &variant {
        note = note.with("variant", v);
    }
    let ret = by_staff(&txn, ret, ReturnAction::Replace, caller, Some(note)).await?;
    return_mails::replacement_shipped(
        &txn,
        deps.links,
        &o,
        &ret,
        &created.carrier,
        tracking.as_deref(),
    )
    .await?;
    return_webhooks::emit(&txn, deps, WebhookEvent::ReturnReplacementShipped, &ret).await?;
    txn.commit().await?;
    Ok(ret)
}
