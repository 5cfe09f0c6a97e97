//! Resolving by refund: capped by what was paid for the returned units, and ending the care
//! plans attached to them unit by unit.

use super::{allowed, by_staff, find_return, lines_of, order_of};
use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{order_item, refund, return_request};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::ReturnDeps;
use crate::services::returns::outcomes;
use crate::services::returns::return_mails;
use crate::services::returns::return_records::as_str;
use crate::services::returns::return_webhooks;
use crate::services::settings::{self};
use chrono::{Duration, Utc};
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::return_queue::RefundReturn;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::{Lang, Money, ReturnAction, line_paid};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

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
    outcomes::record(&txn, &ret, OutcomeKind::Refund, total, &o.currency).await?;
    let note = ReturnNote::new(ReturnEventCode::Refunded)
        .with_amount(total, &o.currency)
        .with("reason", &reason);
    let ret = by_staff(&txn, ret, ReturnAction::Refund, caller, Some(note)).await?;
    return_mails::refund_issued(&txn, deps.links, &o, &ret, total).await?;
    return_webhooks::emit(&txn, deps, WebhookEvent::ReturnRefunded, &ret).await?;
    txn.commit().await?;
    Ok(ret)
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
pub(super) async fn insert_refund(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::entities::order_item;

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
            tags: None,
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
