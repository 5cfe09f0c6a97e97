//! Canned replies: the shop's saved answers, with the placeholders a reply may use.

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::canned_reply;
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use chrono::Utc;
use rebound_shared::api::helpdesk::{CannedReply, CannedReplyInput, REPLY_PLACEHOLDERS};
use rebound_shared::api::settings::Change;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};
use uuid::Uuid;

fn canned_view(c: canned_reply::Model) -> CannedReply {
    CannedReply {
        id: c.id,
        title: c.title,
        body: c.body,
    }
}

fn check_reply_placeholders(body: &str) -> ApiResult<()> {
    let names = body
        .split("{{")
        .skip(1)
        .filter_map(|part| part.split_once("}}").map(|(name, _)| name.trim()));
    for name in names {
        if !REPLY_PLACEHOLDERS.contains(&name) {
            return Err(ApiError::field(
                ErrorKind::Validation,
                "body",
                "placeholder",
                &format!(
                    "{{{{{name}}}}} is not a placeholder; use one of {}",
                    REPLY_PLACEHOLDERS.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

pub async fn list_canned(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<CannedReply>> {
    caller.require(Permission::HandleReturns)?;
    Ok(caller
        .tenant
        .find::<canned_reply::Entity>()
        .order_by_asc(canned_reply::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(canned_view)
        .collect())
}

pub async fn save_canned(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Option<Uuid>,
    input: CannedReplyInput,
) -> ApiResult<CannedReply> {
    caller.require(Permission::ManageSettings)?;
    check_reply_placeholders(&input.body)?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let (saved, logged) = match id {
        Some(id) => {
            let row = caller
                .tenant
                .get::<canned_reply::Entity>(id)
                .one(&txn)
                .await?
                .ok_or_else(|| ApiError::not_found("canned reply"))?;
            let before = serde_json::json!({ "title": row.title, "body": row.body });
            let mut row: canned_reply::ActiveModel = row.into();
            row.title = Set(input.title.trim().to_owned());
            row.body = Set(input.body.trim().to_owned());
            row.updated_at = Set(now);
            let saved = row.update(&txn).await?;
            let after = serde_json::json!({ "title": saved.title, "body": saved.body });
            let edited =
                (before != after).then(|| audit_change("canned_reply.edited", before, after));
            (saved, edited)
        }
        None => {
            let saved = canned_reply::ActiveModel {
                id: Set(Uuid::now_v7()),
                merchant_id: Set(caller.tenant.merchant_id()),
                title: Set(input.title.trim().to_owned()),
                body: Set(input.body.trim().to_owned()),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            let created = audit_change(
                "canned_reply.created",
                serde_json::Value::Null,
                serde_json::json!({ "title": saved.title, "body": saved.body }),
            );
            (saved, Some(created))
        }
    };
    audit::record(
        &txn,
        caller,
        CANNED_AUDIT_AREA,
        logged.into_iter().collect(),
    )
    .await?;
    txn.commit().await?;
    Ok(canned_view(saved))
}

/// The audit log's area for canned replies.
const CANNED_AUDIT_AREA: &str = "canned_replies";

fn audit_change(field: &str, from: serde_json::Value, to: serde_json::Value) -> Change {
    Change {
        field: field.to_owned(),
        from,
        to,
    }
}

pub async fn delete_canned(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<()> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let row = caller
        .tenant
        .get::<canned_reply::Entity>(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("canned reply"))?;
    let deleted = audit_change(
        "canned_reply.deleted",
        serde_json::json!({ "title": row.title, "body": row.body }),
        serde_json::Value::Null,
    );
    canned_reply::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    audit::record(&txn, caller, CANNED_AUDIT_AREA, vec![deleted]).await?;
    txn.commit().await?;
    Ok(())
}
