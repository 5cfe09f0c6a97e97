//! API keys: created by owners with scopes, the secret shown once, revoked at will.

use crate::auth::CurrentStaff;
use crate::auth::current_staff::API_KEY_PREFIX;
use crate::db::begin_write;
use crate::db::entities::api_key;
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use crate::services::{random_token, sha256_hex};
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::api_keys::{ApiKeyView, CreateApiKey, CreatedApiKey};
use rebound_shared::api::settings::Change;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

fn view(k: api_key::Model) -> ApiResult<ApiKeyView> {
    Ok(ApiKeyView {
        scopes: crate::auth::current_staff::stored_scopes(&k.scopes)?,
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        created_at: k.created_at,
        last_used_at: k.last_used_at,
    })
}

pub async fn list_keys(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<ApiKeyView>> {
    caller.require(Permission::ManageApiKeys)?;
    caller
        .tenant
        .find::<api_key::Entity>()
        .filter(api_key::Column::RevokedAt.is_null())
        .order_by_asc(api_key::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect()
}

pub async fn create_key(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: CreateApiKey,
) -> ApiResult<CreatedApiKey> {
    caller.require(Permission::ManageApiKeys)?;
    let mut scopes = input.scopes;
    scopes.sort();
    scopes.dedup();
    let secret = format!(
        "{API_KEY_PREFIX}{}",
        random_token().map_err(ApiError::internal)?
    );
    let txn = begin_write(db).await?;
    let saved = api_key::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        name: Set(input.name.trim().to_owned()),
        prefix: Set(secret.chars().take(12).collect()),
        secret_hash: Set(sha256_hex(&secret)),
        scopes: Set(serde_json::to_string(&scopes).map_err(ApiError::internal)?),
        created_by: Set(caller.staff_id),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let change = Change {
        field: "api_key".into(),
        from: json!(null),
        to: json!(saved.name),
    };
    audit::record(&txn, caller, "api_keys", vec![change]).await?;
    txn.commit().await?;
    Ok(CreatedApiKey {
        key: view(saved)?,
        secret,
    })
}

pub async fn revoke_key(db: &DatabaseConnection, caller: &CurrentStaff, id: Uuid) -> ApiResult<()> {
    caller.require(Permission::ManageApiKeys)?;
    let txn = begin_write(db).await?;
    let key = caller
        .tenant
        .get::<api_key::Entity>(id)
        .filter(api_key::Column::RevokedAt.is_null())
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("API key"))?;
    let name = key.name.clone();
    let mut row: api_key::ActiveModel = key.into();
    row.revoked_at = Set(Some(Utc::now()));
    row.update(&txn).await?;
    let change = Change {
        field: "api_key".into(),
        from: json!(name),
        to: json!(null),
    };
    audit::record(&txn, caller, "api_keys", vec![change]).await?;
    txn.commit().await?;
    Ok(())
}
