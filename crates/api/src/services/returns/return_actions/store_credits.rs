//! Resolving by store credit: a code the shopper spends in the shop.

use super::{allowed, by_staff, find_return, order_of, returned_value};
use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::begin_write;
use crate::db::entities::order;
use crate::db::entities::{return_request, store_credit};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::ReturnDeps;
use crate::services::returns::outcomes;
use crate::services::returns::return_mails;
use crate::services::returns::return_webhooks;
use crate::services::settings;
use chrono::Utc;
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::return_queue::IssueStoreCredit;
use rebound_shared::api::settings::Resolution;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::ReturnAction;
use rebound_shared::domain::exchange::bonus_for;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
use uuid::Uuid;

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
    // The shopper chose credit over a refund: the shop's bonus for that choice comes on top.
    let amount = if ret.resolution == Resolution::StoreCredit && !ret.resolution_pending {
        let (returns, _) = settings::load_documents(&txn, caller.tenant.merchant_id()).await?;
        amount.saturating_add(bonus_for(returns.exchanges.bonus.as_ref(), amount))
    } else {
        amount
    };
    let code = insert_credit(&txn, caller.tenant, &ret, &o, amount).await?;
    outcomes::record(&txn, &ret, OutcomeKind::StoreCredit, amount, &o.currency).await?;
    let note = ReturnNote::new(ReturnEventCode::StoreCredit)
        .with("code", &code)
        .with_amount(amount, &o.currency);
    let ret = by_staff(&txn, ret, ReturnAction::StoreCredit, caller, Some(note)).await?;
    return_mails::store_credit_issued(&txn, deps.links, &o, &ret, &code, amount).await?;
    return_webhooks::emit(&txn, deps, WebhookEvent::ReturnStoreCreditIssued, &ret).await?;
    txn.commit().await?;
    Ok(ret)
}

/// A new store credit code of `amount` for the return.
pub(super) async fn insert_credit(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    ret: &return_request::Model,
    o: &order::Model,
    amount: i64,
) -> ApiResult<String> {
    let code = credit_code();
    store_credit::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(tenant.merchant_id()),
        return_id: Set(ret.id),
        order_id: Set(o.id),
        code: Set(code.clone()),
        amount_minor: Set(amount),
        balance_minor: Set(amount),
        currency: Set(o.currency.clone()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .map_err(crate::services::conflict_on("code", "please try again"))?;
    Ok(code)
}
