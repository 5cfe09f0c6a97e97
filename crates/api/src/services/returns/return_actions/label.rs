//! The return label of an approved return: bought from the carrier once, mailed with the
//! approval, and its signed links.

use super::{allowed, by_staff, find_return, order_of, status_of};
use crate::auth::CurrentStaff;
use crate::db::entities::{return_label, return_request};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::ReturnDeps;
use crate::services::returns::labels::{self, LabelFile};
use crate::services::returns::return_mails::{self, MailedLabel};
use crate::services::returns::return_records::record_event;
use crate::services::returns::return_webhooks;
use crate::services::settings::carrier_settings;
use chrono::Utc;
use rebound_shared::api::carrier::IssueLabel;
use rebound_shared::api::returns::ReturnActor;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::{ReturnAction, ReturnStatus};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, Set,
};
use uuid::Uuid;

/// The label of `label_id` as a mail carries it.
pub(super) async fn mailed_label(
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

pub(super) fn with_label_time(
    ret: return_request::Model,
    label: Option<&MailedLabel>,
) -> return_request::ActiveModel {
    let mut row: return_request::ActiveModel = ret.into();
    if label.is_some() {
        row.label_issued_at = Set(Some(Utc::now()));
    }
    row
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
    return_webhooks::emit_caused(&txn, deps, WebhookEvent::ReturnLabelIssued, &ret, label_id)
        .await?;
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
