//! Resolving by replacement: a new shipment of the item (or the variant asked for). An
//! exchange resolves the same way: its held variants ship (unless an instant exchange sent
//! them at approval) and a cheaper exchange's difference is refunded or credited.

use super::{allowed, by_staff, find_return, order_of, returned_value};
use crate::auth::CurrentStaff;
use crate::db::WriteTxn;
use crate::db::begin_write;
use crate::db::entities::{order, return_item};
use crate::db::entities::{replacement, return_request, shipment};
use crate::error::ApiResult;
use crate::services::returns::ReturnDeps;
use crate::services::returns::exchanges;
use crate::services::returns::outcomes;
use crate::services::returns::return_mails;
use crate::services::returns::return_webhooks;
use crate::services::trimmed;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::exchanges::Settlement;
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::return_queue::ReplaceReturn;
use rebound_shared::api::settings::Resolution;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::{OrderStatus, ReturnAction};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
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
    if ret.resolution == Resolution::Exchange && ret.exchange.is_some() {
        let ret = ship_exchange(&txn, deps, caller, ret, &o, &input).await?;
        txn.commit().await?;
        return Ok(ret);
    }
    let tracking = trimmed(&input.tracking_number).map(|t| t.replace(' ', ""));
    let variant = trimmed(&input.variant).or_else(|| ret.replacement_variant.clone());
    let created = outbound_shipment(
        &txn,
        &o,
        Outbound {
            carrier: trimmed(&input.carrier),
            service: trimmed(&input.service),
            tracking: tracking.clone(),
            placeholder: format!("{}-REPL", ret.number),
        },
    )
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

/// "Ship the exchange": the held variants leave in one shipment (none when an instant exchange
/// already sent them), the difference a cheaper exchange owes the shopper is refunded or
/// credited, and the return is resolved.
async fn ship_exchange(
    txn: &WriteTxn,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    ret: return_request::Model,
    o: &order::Model,
    input: &ReplaceReturn,
) -> ApiResult<return_request::Model> {
    let tracking = trimmed(&input.tracking_number).map(|t| t.replace(' ', ""));
    let sent = exchanges::ship(txn, &ret, o, trimmed(&input.carrier), tracking.clone()).await?;
    let terms = exchanges::terms_of(&ret);
    let mut note = ReturnNote::new(ReturnEventCode::ReplacementShipped);
    if let Some(s) = &sent {
        note = note.with("tracking", &s.tracking_number);
    }
    let credit = match terms.as_ref().map(|t| t.settlement) {
        Some(Settlement::Refund(amount)) => {
            let first = return_item::Entity::find()
                .filter(return_item::Column::ReturnId.eq(ret.id))
                .one(txn)
                .await?;
            if let Some(item) = first {
                super::refunds::insert_refund(
                    txn,
                    caller,
                    &ret,
                    Some(item.id),
                    item.order_item_id,
                    amount,
                    &o.currency,
                    "returned_item",
                )
                .await?;
                outcomes::record(txn, &ret, OutcomeKind::Refund, amount, &o.currency).await?;
                note = note.with_amount(amount, &o.currency);
            }
            None
        }
        Some(Settlement::StoreCredit(amount)) => {
            let code =
                super::store_credits::insert_credit(txn, caller.tenant, &ret, o, amount).await?;
            outcomes::record(txn, &ret, OutcomeKind::StoreCredit, amount, &o.currency).await?;
            Some((code, amount))
        }
        _ => None,
    };
    let ret = by_staff(txn, ret, ReturnAction::Replace, caller, Some(note)).await?;
    if let Some(s) = &sent {
        return_mails::replacement_shipped(
            txn,
            deps.links,
            o,
            &ret,
            &s.carrier,
            tracking.as_deref(),
        )
        .await?;
    }
    if let Some((code, amount)) = credit {
        return_mails::store_credit_issued(txn, deps.links, o, &ret, &code, amount).await?;
    }
    return_webhooks::emit(txn, deps, WebhookEvent::ReturnReplacementShipped, &ret).await?;
    Ok(ret)
}

/// What staff say of a parcel the shop sends for a return (a replacement, an exchange); what
/// they leave out comes from the order's first shipment.
pub(crate) struct Outbound {
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub tracking: Option<String>,
    /// The parcel's name until it has its carrier number (`R-1234-REPL`).
    pub placeholder: String,
}

/// A new shipment on `o`: in transit once it has a tracking number, not yet sent before.
pub(crate) async fn outbound_shipment(
    db: &impl ConnectionTrait,
    o: &order::Model,
    parcel: Outbound,
) -> ApiResult<shipment::Model> {
    let first = shipment::Entity::find()
        .filter(shipment::Column::OrderId.eq(o.id))
        .one(db)
        .await?;
    let carrier = parcel
        .carrier
        .or_else(|| first.as_ref().map(|s| s.carrier.clone()))
        .unwrap_or_else(|| "Manual".into());
    let service = parcel
        .service
        .or_else(|| first.as_ref().map(|s| s.service.clone()))
        .unwrap_or_else(|| "Regular".into());
    Ok(shipment::ActiveModel {
        id: Set(Uuid::now_v7()),
        order_id: Set(o.id),
        carrier: Set(carrier),
        service: Set(service),
        status: Set(if parcel.tracking.is_some() {
            OrderStatus::InTransit
        } else {
            OrderStatus::Unfulfilled
        }),
        // Until the parcel has its carrier number it is known by the return's.
        tracking_number: Set(parcel.tracking.unwrap_or(parcel.placeholder)),
        estimated_delivery: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}
