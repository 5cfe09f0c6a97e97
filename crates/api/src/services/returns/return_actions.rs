//! What staff do to a return: approve (with its label and mail), reject, mark received,
//! inspect, and resolve by refund, store credit or replacement. Every step goes through the
//! shared state machine (`return_records::transition`), is recorded with who did it, and
//! queues its mail in the same transaction.

use crate::auth::CurrentStaff;
use crate::db::entities::{
    order, order_item, refund, replacement, return_inspection, return_item, return_label,
    return_request, shipment, store_credit,
};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::ReturnDeps;
use crate::services::returns::labels::{self, LabelFile};
use crate::services::returns::return_mails::{self, MailedLabel};
use crate::services::returns::return_records::{as_str, record_event, transition};
use crate::services::settings::{self, carrier_settings};
use crate::services::trimmed;
use chrono::{Duration, Utc};
use rebound_shared::api::carrier::IssueLabel;
use rebound_shared::api::return_queue::{
    BulkApprove, BulkApproveResult, BulkOutcome, Disposition, InspectReturn, IssueStoreCredit,
    ItemCondition, RefundReturn, RejectReturn, ReplaceReturn,
};
use rebound_shared::api::returns::ReturnActor;
use rebound_shared::api::settings::DamagedPolicy;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::domain::{
    Lang, Money, OrderStatus, ReturnAction, ReturnStatus, line_paid, next,
};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use std::collections::{HashMap, HashSet};
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

fn status_of(ret: &return_request::Model) -> ApiResult<ReturnStatus> {
    ReturnStatus::parse(&ret.status)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown return status {}", ret.status)))
}

/// 409 naming the current status unless `action` is allowed now (checked before any work
/// outside the transaction, such as buying a label; `transition` checks again inside it).
fn allowed(ret: &return_request::Model, action: ReturnAction) -> ApiResult<()> {
    next(status_of(ret)?, action)
        .map(|_| ())
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))
}

async fn by_staff(
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

/// The label of `label_id` as a mail carries it.
async fn mailed_label(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    label_id: Uuid,
    pdf_url: String,
    qr_url: String,
) -> ApiResult<MailedLabel> {
    let row = tenant
        .find::<return_label::Entity>()
        .filter(return_label::Column::Id.eq(label_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("label"))?;
    Ok(MailedLabel {
        label_id,
        pdf_key: row.pdf_key,
        pdf_path: pdf_url,
        qr_path: qr_url,
    })
}

/// Buys the return's label with the merchant's first (regular) service, or finds the one it
/// has. None when no label can be bought yet (no return address): staff issue it later from
/// the return's page.
pub async fn first_label(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<Option<MailedLabel>> {
    let service = carrier_settings::load(db, tenant)
        .await?
        .services
        .first()
        .map(|s| s.code.clone())
        .unwrap_or_else(|| "regular".into());
    let issued = labels::issue_for_return(
        db,
        deps.storage,
        deps.labels,
        tenant,
        return_id,
        IssueLabel {
            service,
            reissue: false,
        },
    )
    .await;
    match issued {
        Ok((view, _)) => Ok(Some(
            mailed_label(db, tenant, view.id, view.pdf_url, view.qr_url).await?,
        )),
        Err(e) if e.kind == ErrorKind::Validation => {
            tracing::warn!(%return_id, error = %e.detail, "approved without a label");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn with_label_time(
    ret: return_request::Model,
    label: Option<&MailedLabel>,
) -> return_request::ActiveModel {
    let mut row: return_request::ActiveModel = ret.into();
    if label.is_some() {
        row.label_issued_at = Set(Some(Utc::now()));
    }
    row
}

/// Approves a return: the label first (so the approval mail carries it), then the transition,
/// the label time and the mail in one transaction.
pub async fn approve(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let tenant = caller.tenant;
    let ret = find_return(db, tenant, id).await?;
    allowed(&ret, ReturnAction::Approve)?;
    let label = first_label(db, deps, tenant, id).await?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, tenant, id).await?;
    let o = order_of(&txn, tenant, &ret).await?;
    let ret = by_staff(&txn, ret, ReturnAction::Approve, caller, None).await?;
    let ret = with_label_time(ret, label.as_ref()).update(&txn).await?;
    return_mails::return_approved(&txn, deps.links, &o, &ret, label.as_ref()).await?;
    txn.commit().await?;
    Ok(ret)
}

/// The `issue_label` job of an automatically approved return (approved in its submission's
/// transaction): the label, then its time and the approval mail. Safe to run again: the label
/// bought is found, the time kept, and the mail's dedupe key makes it one mail.
pub async fn send_auto_approval(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<()> {
    // Cancelled (or otherwise moved on) before the worker came: nothing to send.
    if status_of(&find_return(db, tenant, return_id).await?)? != ReturnStatus::Approved {
        return Ok(());
    }
    let label = first_label(db, deps, tenant, return_id).await?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, tenant, return_id).await?;
    let o = order_of(&txn, tenant, &ret).await?;
    let ret = if ret.label_issued_at.is_some() {
        ret
    } else {
        with_label_time(ret, label.as_ref()).update(&txn).await?
    };
    return_mails::return_approved(&txn, deps.links, &o, &ret, label.as_ref()).await?;
    txn.commit().await?;
    Ok(())
}

/// After `POST /returns/{id}/label` bought a new label: a defective case becomes approved,
/// the label time and an event are recorded, and the shopper gets the label by mail.
pub async fn label_bought(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
    label_id: Uuid,
    pdf_url: String,
    qr_url: String,
) -> ApiResult<()> {
    let tenant = caller.tenant;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, tenant, id).await?;
    let o = order_of(&txn, tenant, &ret).await?;
    let label = mailed_label(&txn, tenant, label_id, pdf_url, qr_url).await?;
    let note = Some(ReturnNote::new(ReturnEventCode::LabelIssued));
    let ret = if status_of(&ret)? == ReturnStatus::Approved {
        let status = status_of(&ret)?;
        record_event(
            &txn,
            ret.id,
            ReturnActor::Staff,
            Some(caller.staff_id),
            Some(status),
            status,
            note,
        )
        .await?;
        ret
    } else {
        by_staff(&txn, ret, ReturnAction::IssueLabel, caller, note).await?
    };
    let ret = with_label_time(ret, Some(&label)).update(&txn).await?;
    return_mails::label_issued(&txn, deps.links, &o, &ret, &label).await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses a label for a return that may not get one now (409 naming its status).
pub async fn may_issue_label(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<()> {
    caller.require(Permission::HandleReturns)?;
    let ret = find_return(db, caller.tenant, id).await?;
    // Asking again for the label an approved return has is the idempotent replay.
    allowed(&ret, ReturnAction::IssueLabel)
}

pub async fn reject(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
    input: RejectReturn,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let reason = input.reason.trim().to_owned();
    if reason.is_empty() {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "reason",
            "required",
            "say why: the shopper reads it",
        ));
    }
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, caller.tenant, id).await?;
    let o = order_of(&txn, caller.tenant, &ret).await?;
    let ret = by_staff(
        &txn,
        ret,
        ReturnAction::Reject,
        caller,
        Some(ReturnNote::new(ReturnEventCode::Rejected).with("reason", &reason)),
    )
    .await?;
    return_mails::return_rejected(&txn, deps.links, &o, &ret, &reason).await?;
    txn.commit().await?;
    Ok(ret)
}

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
    txn.commit().await?;
    Ok(ret)
}

async fn lines_of(
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
    txn.commit().await?;
    Ok(ret)
}

/// Refunds lines of the return, each at most what was paid for its returned units, within
/// the refund deadline (days from purchase). A refunded item's attached items (a warranty, a
/// care plan) are refunded and ended with it.
pub async fn refund(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
    input: RefundReturn,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let (returns, _) = settings::load_documents(db, caller.tenant.merchant_id()).await?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, caller.tenant, id).await?;
    allowed(&ret, ReturnAction::Refund)?;
    let o = order_of(&txn, caller.tenant, &ret).await?;
    let now = Utc::now();
    let deadline = o.placed_at + Duration::days(i64::from(returns.refund_deadline_days));
    if now > deadline {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "refund_deadline_days",
            "passed",
            &format!(
                "the refund deadline ({} days from purchase) passed on {}",
                returns.refund_deadline_days,
                deadline.format("%Y-%m-%d")
            ),
        ));
    }
    let lines = lines_of(&txn, &ret).await?;
    let ordered: HashMap<Uuid, order_item::Model> = order_item::Entity::find()
        .filter(order_item::Column::OrderId.eq(o.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut seen = HashSet::new();
    let mut total = 0i64;
    let reason = as_str(input.reason);
    let mut refunded_items = Vec::new();
    for (i, line) in input.items.iter().enumerate() {
        let field = format!("items[{i}].return_item_id");
        let Some(item) = lines.iter().find(|l| l.id == line.return_item_id) else {
            return Err(ApiError::field(
                ErrorKind::Validation,
                &field,
                "unknown",
                "this line is not in the return",
            ));
        };
        if !seen.insert(item.id) {
            return Err(ApiError::field(
                ErrorKind::Validation,
                &field,
                "duplicate",
                "this line is listed twice",
            ));
        }
        let paid = ordered
            .get(&item.order_item_id)
            .map(|b| line_paid(b.unit_price_minor, item.quantity))
            .unwrap_or(0);
        if line.amount_minor > paid {
            return Err(ApiError::field(
                ErrorKind::Validation,
                &format!("items[{i}].amount_minor"),
                "above_paid",
                &format!(
                    "refund at most {}: what was paid for these units",
                    Money::show(paid, &o.currency, Lang::En)
                ),
            ));
        }
        total += line.amount_minor;
        refunded_items.push((item.clone(), line.amount_minor));
    }
    for (item, amount) in &refunded_items {
        insert_refund(
            &txn,
            caller,
            &ret,
            Some(item.id),
            item.order_item_id,
            *amount,
            &o.currency,
            &reason,
        )
        .await?;
        // What was sold attached to this item: only the units that go with the returned
        // ones are refunded and ended (one care plan of two for one coat of two).
        let Some(parent) = ordered.get(&item.order_item_id) else {
            continue;
        };
        for attached in ordered
            .values()
            .filter(|a| a.parent_item_id == Some(parent.id))
        {
            let units = attached_units(attached, parent.quantity, item.quantity);
            if units == 0 {
                continue;
            }
            let amount = line_paid(attached.unit_price_minor, units);
            insert_refund(
                &txn,
                caller,
                &ret,
                None,
                attached.id,
                amount,
                &o.currency,
                &reason,
            )
            .await?;
            total += amount;
            let ended = attached.ended_quantity + units;
            let mut row: order_item::ActiveModel = attached.clone().into();
            row.ended_quantity = Set(ended);
            if ended >= attached.quantity {
                row.ended_at = Set(Some(now));
            }
            row.update(&txn).await?;
        }
    }
    let note = ReturnNote::new(ReturnEventCode::Refunded)
        .with_amount(total, &o.currency)
        .with("reason", &reason);
    let ret = by_staff(&txn, ret, ReturnAction::Refund, caller, Some(note)).await?;
    return_mails::refund_issued(&txn, deps.links, &o, &ret, total).await?;
    txn.commit().await?;
    Ok(ret)
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
async fn insert_refund(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    ret: &return_request::Model,
    return_item_id: Option<Uuid>,
    order_item_id: Uuid,
    amount_minor: i64,
    currency: &str,
    reason: &str,
) -> ApiResult<()> {
    refund::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        return_id: Set(ret.id),
        return_item_id: Set(return_item_id),
        order_item_id: Set(order_item_id),
        amount_minor: Set(amount_minor),
        currency: Set(currency.to_owned()),
        reason: Set(reason.to_owned()),
        staff_id: Set(Some(caller.staff_id)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How many units of `attached` (sold with a parent line of `parent_units`) go with
/// `returned` of the parent's units, within what earlier refunds left: its share per parent
/// unit, a started share counting whole (one plan covering two coats ends with either).
fn attached_units(attached: &order_item::Model, parent_units: i32, returned: i32) -> i32 {
    let left = (attached.quantity - attached.ended_quantity).max(0);
    if parent_units <= 0 || returned <= 0 {
        return 0;
    }
    let (sold, returned, parent) = (
        i64::from(attached.quantity.max(0)),
        i64::from(returned),
        i64::from(parent_units),
    );
    // Rounded up: a started share counts whole.
    let share = (sold * returned + parent - 1) / parent;
    i32::try_from(share).unwrap_or(i32::MAX).min(left)
}

/// What the returned units were sold for.
pub async fn returned_value(
    db: &impl ConnectionTrait,
    ret: &return_request::Model,
) -> ApiResult<i64> {
    let lines = lines_of(db, ret).await?;
    let prices: HashMap<Uuid, i64> = order_item::Entity::find()
        .filter(order_item::Column::OrderId.eq(ret.order_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.unit_price_minor))
        .collect();
    Ok(lines
        .iter()
        .map(|l| {
            line_paid(
                prices.get(&l.order_item_id).copied().unwrap_or(0),
                l.quantity,
            )
        })
        .fold(0, i64::saturating_add))
}

/// Crockford's base32 without I, L, O, U, as return numbers.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn credit_code() -> String {
    let bits = Uuid::new_v4().as_u128();
    let code: String = (0..12)
        .map(|i| CODE_ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("SC-{}-{}-{}", &code[..4], &code[4..8], &code[8..])
}

pub async fn store_credit(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    id: Uuid,
    input: IssueStoreCredit,
) -> ApiResult<return_request::Model> {
    caller.require(Permission::HandleReturns)?;
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, caller.tenant, id).await?;
    allowed(&ret, ReturnAction::StoreCredit)?;
    let o = order_of(&txn, caller.tenant, &ret).await?;
    let amount = match input.amount_minor {
        Some(a) => a,
        None => returned_value(&txn, &ret).await?,
    };
    if amount <= 0 {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "amount_minor",
            "required",
            "these items were free: give an amount",
        ));
    }
    let code = credit_code();
    store_credit::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        return_id: Set(ret.id),
        order_id: Set(o.id),
        code: Set(code.clone()),
        amount_minor: Set(amount),
        balance_minor: Set(amount),
        currency: Set(o.currency.clone()),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(crate::services::conflict_on("code", "please try again"))?;
    let note = ReturnNote::new(ReturnEventCode::StoreCredit)
        .with("code", &code)
        .with_amount(amount, &o.currency);
    let ret = by_staff(&txn, ret, ReturnAction::StoreCredit, caller, Some(note)).await?;
    return_mails::store_credit_issued(&txn, deps.links, &o, &ret, &code, amount).await?;
    txn.commit().await?;
    Ok(ret)
}

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
            OrderStatus::InTransit.as_str().to_owned()
        } else {
            OrderStatus::Unfulfilled.as_str().to_owned()
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
    txn.commit().await?;
    Ok(ret)
}

/// Approves each return in turn; one refusal does not stop the others.
pub async fn bulk_approve(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    input: BulkApprove,
) -> ApiResult<BulkApproveResult> {
    caller.require(Permission::HandleReturns)?;
    let mut outcomes = Vec::with_capacity(input.ids.len());
    let mut done = HashSet::new();
    for id in input.ids {
        if !done.insert(id) {
            continue;
        }
        let outcome = match approve(db, deps, caller, id).await {
            Ok(ret) => BulkOutcome {
                id,
                approved: true,
                status: ReturnStatus::parse(&ret.status),
                error: None,
            },
            Err(e) => {
                let status = find_return(db, caller.tenant, id)
                    .await
                    .ok()
                    .and_then(|r| ReturnStatus::parse(&r.status));
                BulkOutcome {
                    id,
                    approved: false,
                    status,
                    error: Some(e.detail),
                }
            }
        };
        outcomes.push(outcome);
    }
    Ok(BulkApproveResult { outcomes })
}

/// The links of a just-bought label, for `label_bought`.
pub fn label_paths(label_id: Uuid, deps: ReturnDeps<'_>) -> (String, String) {
    let now = Utc::now();
    (
        deps.labels
            .link(&LabelFile::Pdf.public_path(label_id), now)
            .0,
        deps.labels
            .link(&LabelFile::QrPng.public_path(label_id), now)
            .0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(quantity: i32, ended: i32) -> order_item::Model {
        order_item::Model {
            id: Uuid::nil(),
            order_id: Uuid::nil(),
            sku: "CARE".into(),
            title: "Care plan".into(),
            variant: None,
            quantity,
            unit_price_minor: 1500,
            image_url: None,
            returnable: false,
            parent_item_id: None,
            ended_at: None,
            ended_quantity: ended,
            position: 1,
        }
    }

    #[test]
    fn attached_units_follow_the_returned_units() {
        // One plan per coat: one coat back ends one plan, the second the other.
        assert_eq!(attached_units(&plan(2, 0), 2, 1), 1);
        assert_eq!(attached_units(&plan(2, 1), 2, 1), 1);
        assert_eq!(attached_units(&plan(2, 2), 2, 1), 0);
        // Two plans per coat.
        assert_eq!(attached_units(&plan(4, 0), 2, 1), 2);
        // One plan for two coats ends with the first coat back, once.
        assert_eq!(attached_units(&plan(1, 0), 2, 1), 1);
        assert_eq!(attached_units(&plan(1, 1), 2, 1), 0);
        assert_eq!(attached_units(&plan(2, 0), 0, 1), 0);
    }
}
