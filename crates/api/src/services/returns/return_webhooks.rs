//! A return's webhook events: `data` is the return as the dashboard reads it (`ReturnView`),
//! written in the caller's transaction. One event of each kind per return: the return's id is
//! the cause, so a job or request that runs again adds nothing.

use crate::db::Tenant;
use crate::db::entities::{order, return_request};
use crate::error::ApiResult;
use crate::notify::webhooks;
use crate::services::returns::ReturnDeps;
use crate::services::returns::return_views::{Reader, views_for_reader};
use rebound_shared::api::returns::ReturnView;
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::ReturnStatus;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;

pub async fn emit(
    conn: &impl ConnectionTrait,
    deps: ReturnDeps<'_>,
    event: WebhookEvent,
    ret: &return_request::Model,
) -> ApiResult<()> {
    emit_caused(conn, deps, event, ret, ret.id).await
}

async fn view_of(
    conn: &impl ConnectionTrait,
    deps: ReturnDeps<'_>,
    ret: &return_request::Model,
) -> ApiResult<Option<ReturnView>> {
    let tenant = Tenant::new(ret.merchant_id);
    // Read in the transaction: the view says what the change made.
    let number = order::Entity::find_by_id(ret.order_id)
        .one(conn)
        .await?
        .map(|o| o.number)
        .unwrap_or_default();
    let numbers = HashMap::from([(ret.order_id, number)]);
    let views = views_for_reader(
        conn,
        tenant,
        deps.photos,
        deps.labels,
        vec![ret.clone()],
        &numbers,
        Reader::Staff,
    )
    .await?;
    Ok(views.into_iter().next())
}

/// `emit` with its own cause: a second label on the same return is a second event.
pub async fn emit_caused(
    conn: &impl ConnectionTrait,
    deps: ReturnDeps<'_>,
    event: WebhookEvent,
    ret: &return_request::Model,
    cause: impl std::fmt::Display,
) -> ApiResult<()> {
    let tenant = Tenant::new(ret.merchant_id);
    // Most shops have no endpoint: no view is built for nobody.
    if webhooks::subscribers(conn, tenant, event).await?.is_empty() {
        return Ok(());
    }
    match view_of(conn, deps, ret).await? {
        Some(view) => webhooks::emit(conn, tenant, event, cause, &view).await,
        None => Ok(()),
    }
}

/// A submitted return: `return.created`, and `return.approved` when the shop's rules approved
/// it at once.
pub async fn submitted(
    conn: &impl ConnectionTrait,
    deps: ReturnDeps<'_>,
    ret: &return_request::Model,
) -> ApiResult<()> {
    emit(conn, deps, WebhookEvent::ReturnCreated, ret).await?;
    if ret.status == ReturnStatus::Approved {
        emit(conn, deps, WebhookEvent::ReturnApproved, ret).await?;
    }
    Ok(())
}

/// An EU withdrawal: the return it opens, and the withdrawal itself.
pub async fn withdrawn(
    conn: &impl ConnectionTrait,
    deps: ReturnDeps<'_>,
    ret: &return_request::Model,
) -> ApiResult<()> {
    emit(conn, deps, WebhookEvent::ReturnCreated, ret).await?;
    emit(conn, deps, WebhookEvent::ReturnWithdrawalConfirmed, ret).await
}

/// An approval: `return.approved`, and `return.label_issued` when its label came with it.
pub async fn approved(
    conn: &impl ConnectionTrait,
    deps: ReturnDeps<'_>,
    ret: &return_request::Model,
    label_id: Option<uuid::Uuid>,
) -> ApiResult<()> {
    emit(conn, deps, WebhookEvent::ReturnApproved, ret).await?;
    if let Some(label_id) = label_id {
        emit_caused(conn, deps, WebhookEvent::ReturnLabelIssued, ret, label_id).await?;
    }
    Ok(())
}
