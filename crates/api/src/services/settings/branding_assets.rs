//! Logo, favicon and background uploads: checked, re-encoded, stored, and served publicly.

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::merchant;
use crate::error::{ApiError, ApiResult};
use crate::images::{ImagePurpose, check_image};
use crate::services::accounts::audit;
use crate::services::settings;
use crate::storage::Storage;
use bytes::Bytes;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::settings::{BrandingView, Change};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// The background's stored key is kept beside the choice: `upload:<key>`.
const UPLOAD_PREFIX: &str = "upload:";

fn current_key(m: &merchant::Model, purpose: ImagePurpose) -> Option<String> {
    match purpose {
        ImagePurpose::Logo => m.logo_key.clone(),
        ImagePurpose::Favicon => m.favicon_key.clone(),
        ImagePurpose::Background | ImagePurpose::Photo => m.background_key(),
    }
}

impl merchant::Model {
    /// The uploaded background's storage key, when the background is an upload.
    pub fn background_key(&self) -> Option<String> {
        self.background_image
            .as_deref()
            .and_then(|b| b.strip_prefix(UPLOAD_PREFIX))
            .map(str::to_owned)
    }
}

fn name(purpose: ImagePurpose) -> &'static str {
    match purpose {
        ImagePurpose::Logo => "logo",
        ImagePurpose::Favicon => "favicon",
        ImagePurpose::Background | ImagePurpose::Photo => "background",
    }
}

pub async fn upload(
    db: &DatabaseConnection,
    storage: &Storage,
    caller: &CurrentStaff,
    purpose: ImagePurpose,
    raw: Bytes,
) -> ApiResult<BrandingView> {
    caller.require(Permission::ManageSettings)?;
    let checked = tokio::task::spawn_blocking(move || check_image(&raw, purpose))
        .await
        .map_err(ApiError::internal)??;
    let merchant_id = caller.tenant.merchant_id();
    // The content hash in the key makes the public URL change with the image (safe caching).
    let hash = &crate::services::sha256_hex_bytes(&checked.bytes)[..16];
    let key = format!(
        "merchants/{merchant_id}/{}-{hash}.{}",
        name(purpose),
        checked.extension
    );
    storage
        .put(&key, checked.bytes)
        .await
        .map_err(ApiError::internal)?;
    let txn = begin_write(db).await?;
    let current = caller
        .tenant
        .merchant()
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let old = current_key(&current, purpose);
    let mut row: merchant::ActiveModel = current.into();
    match purpose {
        ImagePurpose::Logo => row.logo_key = Set(Some(key.clone())),
        ImagePurpose::Favicon => row.favicon_key = Set(Some(key.clone())),
        _ => row.background_image = Set(Some(format!("{UPLOAD_PREFIX}{key}"))),
    }
    row.updated_at = Set(Utc::now());
    let saved = row.update(&txn).await?;
    let changed = Change {
        field: name(purpose).into(),
        from: json!(old.is_some()),
        to: json!(format!(
            "{}×{} {}",
            checked.width, checked.height, checked.content_type
        )),
    };
    audit::record(&txn, caller, "branding", vec![changed]).await?;
    txn.commit().await?;
    if let Some(old) = old.filter(|o| *o != key) {
        // Best effort: an orphaned file costs a few KB, a failed upload would cost the user.
        if let Err(e) = storage.delete(&old).await {
            tracing::warn!(error = %e, key = old, "could not delete replaced image");
        }
    }
    Ok(settings::branding_view(&saved))
}

pub async fn remove(
    db: &DatabaseConnection,
    storage: &Storage,
    caller: &CurrentStaff,
    purpose: ImagePurpose,
) -> ApiResult<BrandingView> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let current = caller
        .tenant
        .merchant()
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let old = current_key(&current, purpose);
    let mut row: merchant::ActiveModel = current.into();
    match purpose {
        ImagePurpose::Logo => row.logo_key = Set(None),
        ImagePurpose::Favicon => row.favicon_key = Set(None),
        _ => row.background_image = Set(None),
    }
    let saved = row.update(&txn).await?;
    if old.is_some() {
        let removed = Change {
            field: name(purpose).into(),
            from: json!(true),
            to: json!(null),
        };
        audit::record(&txn, caller, "branding", vec![removed]).await?;
    }
    txn.commit().await?;
    if let Some(old) = old {
        storage.delete(&old).await.map_err(ApiError::internal)?;
    }
    Ok(settings::branding_view(&saved))
}

/// The public image of a shop, by slug: `(bytes, content type)`.
pub async fn public_image(
    db: &DatabaseConnection,
    storage: &Storage,
    slug: &str,
    purpose: ImagePurpose,
) -> ApiResult<(Bytes, &'static str)> {
    let m = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("shop"))?;
    let key = current_key(&m, purpose).ok_or_else(|| ApiError::not_found("image"))?;
    let bytes = storage
        .get(&key)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::not_found("image"))?;
    let content_type = if key.ends_with(".jpg") {
        "image/jpeg"
    } else {
        "image/png"
    };
    Ok((bytes, content_type))
}
