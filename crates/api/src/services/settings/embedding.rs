//! The sites a shop's portal may be framed by: read and saved by staff, read by the web-app
//! server for each portal page it sends.

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{merchant, merchant_embedding};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::onboarding::EmbeddingSettings;
use rebound_shared::api::settings::diff;
use rebound_shared::domain::FrameOrigin;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

async fn load(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<EmbeddingSettings> {
    let row = merchant_embedding::Entity::find_by_id(merchant_id)
        .one(db)
        .await?;
    Ok(match row {
        Some(r) => EmbeddingSettings {
            frame_ancestors: serde_json::from_str(&r.frame_ancestors)
                .map_err(ApiError::internal)?,
        },
        None => EmbeddingSettings::default(),
    })
}

pub async fn get_embedding(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<EmbeddingSettings> {
    caller.require(Permission::ReadSettings)?;
    load(db, caller.tenant.merchant_id()).await
}

/// Saves the list whole, normalised (lowercase, no trailing `/`, no duplicates), audited.
pub async fn update_embedding(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    new: EmbeddingSettings,
) -> ApiResult<EmbeddingSettings> {
    caller.require(Permission::ManageSettings)?;
    let normalised = EmbeddingSettings {
        frame_ancestors: new.origins().into_iter().map(String::from).collect(),
    };
    let merchant_id = caller.tenant.merchant_id();
    let txn = begin_write(db).await?;
    let current = load(&txn, merchant_id).await?;
    let json = serde_json::to_string(&normalised.frame_ancestors).map_err(ApiError::internal)?;
    let row = merchant_embedding::ActiveModel {
        merchant_id: Set(merchant_id),
        frame_ancestors: Set(json),
        updated_at: Set(Utc::now()),
    };
    let exists = caller
        .tenant
        .find::<merchant_embedding::Entity>()
        .one(&txn)
        .await?
        .is_some();
    if exists {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    let to_value = |v: &EmbeddingSettings| serde_json::to_value(v).map_err(ApiError::internal);
    let changes = diff(&to_value(&current)?, &to_value(&normalised)?);
    audit::record(&txn, caller, "embedding", changes).await?;
    txn.commit().await?;
    Ok(normalised)
}

/// The origins that may frame the portal of the shop at `slug`; `None` when no shop has it.
/// Read again at send time: stored values were checked when saved, and are checked again here
/// because they go into a header.
pub async fn frame_ancestors_for_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> ApiResult<Option<Vec<FrameOrigin>>> {
    let Some(merchant) = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(load(db, merchant.id).await?.origins()))
}
