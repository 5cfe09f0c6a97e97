//! The settings audit log: who changed what, when. Written in the same transaction as the
//! change, so the log can never disagree with the data.

use crate::auth::CurrentStaff;
use crate::db::entities::{api_key, audit_entry, staff};
use crate::error::{ApiError, ApiResult};
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::settings::{AuditEntry, Change};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Records `changes` (if any) made by `caller` in `area`.
pub async fn record(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    area: &str,
    changes: Vec<Change>,
) -> ApiResult<()> {
    record_as(
        db,
        caller.tenant.merchant_id(),
        caller.staff_id,
        area,
        changes,
    )
    .await
}

/// Records `changes` made by someone who is not signed in yet (a colleague accepting an
/// invitation acts as the account it creates).
pub async fn record_as(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
    staff_id: Uuid,
    area: &str,
    changes: Vec<Change>,
) -> ApiResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(merchant_id),
        staff_id: Set(staff_id),
        area: Set(area.to_owned()),
        changes: Set(serde_json::to_string(&changes).map_err(ApiError::internal)?),
        at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest entries first (at most 200), with who made them: three queries whatever the size.
pub async fn list_audit(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
) -> ApiResult<Vec<AuditEntry>> {
    caller.require(Permission::ViewAuditLog)?;
    let rows = caller
        .tenant
        .find::<audit_entry::Entity>()
        .order_by_desc(audit_entry::Column::At)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.staff_id).collect();
    let mut names: HashMap<Uuid, String> = caller
        .tenant
        .find::<staff::Entity>()
        .filter(staff::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    // Changes made through an API key are signed with the key's name.
    names.extend(
        caller
            .tenant
            .find::<api_key::Entity>()
            .filter(api_key::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|k| (k.id, format!("API key “{}”", k.name))),
    );
    rows.into_iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.id,
                at: r.at,
                staff_id: r.staff_id,
                staff_name: names.get(&r.staff_id).cloned().unwrap_or_default(),
                area: r.area,
                changes: serde_json::from_str(&r.changes).map_err(ApiError::internal)?,
            })
        })
        .collect()
}
