//! The EU right of withdrawal (Consumer Rights Directive Art. 11a): whether an order may be
//! withdrawn from, and the statement that starts a refund return. The statement (who, which
//! items, when) is stored as made, so the receipt email can be built from it.

use crate::auth::OrderAccess;
use crate::db::Tenant;
use crate::db::entities::{order, withdrawal};
use crate::error::{ApiError, ApiResult};
use crate::services::orders::access::opened_order;
use crate::services::returns::ReturnDeps;
use crate::services::returns::return_mails;
use crate::services::returns::return_records::{
    Idempotency, NewLine, NewReturn, insert_return, ordered_items, withdrawal_reason,
};
use crate::services::returns::return_views::Known;
use crate::services::returns::submit::{
    Opened, Submitted, commit_submission, open_submission, returnable_item,
};
use crate::services::settings;
use chrono::{DateTime, Utc};
use rebound_shared::ErrorKind;
use rebound_shared::api::returns::{ReturnActor, SubmitWithdrawal, WithdrawalOptions};
use rebound_shared::api::settings::{Resolution, ReturnMethod, ReturnsSettings};
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::domain::{NotReturnable, ReturnStatus, is_eu_order, withdrawal_until};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde_json::json;
use uuid::Uuid;

/// Why the function is not offered, or until when it is.
fn offer(
    returns: &ReturnsSettings,
    o: &order::Model,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    if !returns.withdrawal.enabled || !is_eu_order(&o.currency, &o.country) {
        return Err(ApiError::forbidden(
            "withdrawal online is not offered for this order; contact the shop",
        ));
    }
    withdrawal_until(returns, o.delivered_at, now).map_err(|end| {
        ApiError::forbidden(format!(
            "the withdrawal period ended on {}",
            end.format("%Y-%m-%d %H:%M UTC")
        ))
    })
}

fn left(bought: i32, already: i32) -> Result<i32, NotReturnable> {
    match bought - already {
        n if n > 0 => Ok(n),
        _ => Err(NotReturnable::AllReturned),
    }
}

pub async fn options(
    db: &DatabaseConnection,
    access: OrderAccess,
    slug: &str,
) -> ApiResult<WithdrawalOptions> {
    let o = opened_order(db, access, slug).await?;
    let (returns, _) = settings::load_documents(db, access.merchant_id).await?;
    // The legal right does not depend on the shop's returnable flags or its return window.
    let items: Vec<_> = ordered_items(db, Tenant::new(access.merchant_id), o.id)
        .await?
        .iter()
        .map(|(item, rule)| returnable_item(item, rule, left(rule.bought, rule.already_returned)))
        .collect();
    let offered = offer(&returns, &o, Utc::now());
    Ok(WithdrawalOptions {
        offered: offered.is_ok() && items.iter().any(|i| i.returnable_quantity > 0),
        until: offered.ok().flatten(),
        period_days: returns.withdrawal.period_days,
        items,
    })
}

pub async fn submit(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    access: OrderAccess,
    slug: &str,
    idempotency_key: Option<String>,
    input: SubmitWithdrawal,
) -> ApiResult<Submitted> {
    if !input.confirm {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "confirm",
            "required",
            "confirm the withdrawal to send it",
        ));
    }
    // Exactly one of the two: the whole order, or a list of items.
    if input.all != input.item_ids.is_empty() {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "item_ids",
            "required",
            "choose the items, or the whole order",
        ));
    }
    let (returns, _) = settings::load_documents(db, access.merchant_id).await?;
    let idempotency = Idempotency::of(
        "withdrawal",
        idempotency_key,
        input.client_request_id.as_deref(),
        &input,
    )?;
    let tenant = Tenant::new(access.merchant_id);
    let found = opened_order(db, access, slug).await?;
    let (txn, o) = match open_submission(db, tenant, found, idempotency.as_ref()).await? {
        Opened::Replayed(submitted) => return Ok(submitted),
        Opened::New { txn, order } => (txn, *order),
    };
    let now = Utc::now();
    offer(&returns, &o, now)?;
    let ordered = ordered_items(&txn, tenant, o.id).await?;
    for (i, id) in input.item_ids.iter().enumerate() {
        if !ordered.iter().any(|(item, _)| item.id == *id) {
            return Err(ApiError::field(
                ErrorKind::Validation,
                &format!("item_ids[{i}]"),
                "unknown",
                "this item is not in the order",
            ));
        }
    }
    let chosen: Vec<_> = ordered
        .iter()
        .filter(|(item, _)| input.all || input.item_ids.contains(&item.id))
        .filter_map(|(item, rule)| {
            left(rule.bought, rule.already_returned)
                .ok()
                .map(|n| (item, n))
        })
        .collect();
    if chosen.is_empty() {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "item_ids",
            "all_returned",
            "these items are already being returned",
        ));
    }
    let reason = withdrawal_reason(&txn, tenant).await?;
    let lines = chosen
        .iter()
        .map(|(item, quantity)| NewLine {
            order_item_id: item.id,
            quantity: *quantity,
            reason_id: reason.id,
            comment: None,
            defective: false,
            photo_ids: Vec::new(),
        })
        .collect();
    let (saved, _) = insert_return(
        &txn,
        tenant,
        o.id,
        NewReturn {
            resolution: Some(Resolution::Refund),
            replacement_variant: None,
            // The shop says how the goods come back; the first method it offers until then.
            method: Some(
                returns
                    .return_methods
                    .first()
                    .copied()
                    .unwrap_or(ReturnMethod::PrepaidLabel),
            ),
            withdrawal: true,
            status: ReturnStatus::PendingReview,
            note: Some(ReturnNote::new(ReturnEventCode::WithdrawalStated)),
            actor: ReturnActor::Shopper,
            staff_id: None,
            lines,
            fee_minor: None,
            keep_item: false,
            exchange: None,
        },
    )
    .await?;
    let items: Vec<_> = chosen
        .iter()
        .map(|(item, quantity)| {
            json!({"order_item_id": item.id, "sku": item.sku, "title": item.title,
                "variant": item.variant, "quantity": quantity})
        })
        .collect();
    let statement = withdrawal::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(access.merchant_id),
        order_id: Set(o.id),
        return_id: Set(saved.id),
        name: Set(input.name.trim().to_owned()),
        email: Set(input.email.trim().to_lowercase()),
        items: Set(serde_json::to_string(&items).map_err(ApiError::internal)?),
        stated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    // The acknowledgment the law asks for, "without delay": queued with the statement.
    return_mails::withdrawal_received(&txn, deps.links, &o, &saved, &statement).await?;
    crate::services::returns::return_webhooks::withdrawn(&txn, deps, &saved).await?;
    commit_submission(
        txn,
        tenant,
        deps,
        &o,
        saved,
        idempotency.as_ref(),
        Known::default(),
    )
    .await
}
