//! Deciding on a return: approve (with its label and mail), reject, approve in bulk, and
//! the mail of an approval the shop's rules made automatically.

use super::{allowed, by_staff, find_return, first_label, order_of, status_of, with_label_time};
use crate::auth::CurrentStaff;
use crate::db::entities::return_request;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::ReturnDeps;
use crate::services::returns::outcomes;
use crate::services::returns::return_mails;
use crate::services::returns::return_webhooks;
use rebound_shared::api::return_queue::{
    BulkApprove, BulkApproveResult, BulkOutcome, RejectReturn,
};
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::{ReturnAction, ReturnStatus};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{ActiveModelTrait, DatabaseConnection};
use std::collections::HashSet;
use uuid::Uuid;

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
    // A kept item travels nowhere: no label to buy.
    let label = if ret.keep_item {
        None
    } else {
        first_label(db, deps, tenant, id).await?
    };
    let txn = begin_write(db).await?;
    let ret = find_return(&txn, tenant, id).await?;
    let o = order_of(&txn, tenant, &ret).await?;
    let ret = by_staff(&txn, ret, ReturnAction::Approve, caller, None).await?;
    if ret.keep_item {
        outcomes::record_shipping_saved(&txn, tenant, &ret, &o).await?;
    }
    let ret = with_label_time(ret, label.as_ref()).update(&txn).await?;
    return_mails::return_approved(&txn, deps.links, &o, &ret, label.as_ref()).await?;
    return_webhooks::approved(&txn, deps, &ret, label.as_ref().map(|l| l.label_id)).await?;
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
    return_webhooks::approved(&txn, deps, &ret, label.as_ref().map(|l| l.label_id)).await?;
    txn.commit().await?;
    Ok(())
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
    return_webhooks::emit(&txn, deps, WebhookEvent::ReturnRejected, &ret).await?;
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
                status: Some(ret.status),
                error: None,
            },
            Err(e) => {
                let status = find_return(db, caller.tenant, id)
                    .await
                    .ok()
                    .map(|r| r.status);
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
