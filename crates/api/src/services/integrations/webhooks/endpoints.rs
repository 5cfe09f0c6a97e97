//! A shop's webhook endpoints: add, change, remove, and the signing secret (shown on request,
//! rotated with a 24-hour overlap during which both secrets sign).

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::webhook_endpoint;
use crate::error::{ApiError, ApiResult};
use crate::notify::webhook_guard::{self, Refused};
use crate::notify::webhooks::new_secret;
use crate::services::accounts::audit;
use chrono::{Duration, Utc};
use rebound_shared::api::settings::Change;
use rebound_shared::api::webhooks::{
    WebhookEndpointInput, WebhookEndpointView, WebhookEvent, WebhookSecretView,
};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

/// How long the previous secret keeps signing after a rotation.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);

pub(crate) fn view(e: webhook_endpoint::Model) -> ApiResult<WebhookEndpointView> {
    Ok(WebhookEndpointView {
        events: serde_json::from_str(&e.events).map_err(ApiError::internal)?,
        id: e.id,
        url: e.url,
        description: e.description,
        enabled: e.enabled,
        disabled_reason: e.disabled_reason,
        created_at: e.created_at,
        updated_at: e.updated_at,
    })
}

/// The URL as saved, or a 422 naming `url`: https, and not an inside address (a name is
/// resolved and every address checked; sending checks again).
async fn checked_url(raw: &str, allow_private: bool) -> ApiResult<String> {
    let refuse = |e: Refused| {
        let code = match e {
            Refused::Private(_) => "private_address",
            Refused::Unresolved(_) => "unresolved",
            _ => "url",
        };
        ApiError::field(ErrorKind::Validation, "url", code, &e.to_string())
    };
    let url = webhook_guard::check_url(raw.trim(), allow_private).map_err(refuse)?;
    match webhook_guard::resolve(&url, allow_private).await {
        // A name that does not resolve yet (a new DNS record) is kept: sending retries it.
        Ok(_) | Err(Refused::Unresolved(_)) => Ok(raw.trim().to_owned()),
        Err(e) => Err(refuse(e)),
    }
}

fn events_json(events: &[WebhookEvent]) -> ApiResult<String> {
    let mut events = events.to_vec();
    events.sort();
    events.dedup();
    serde_json::to_string(&events).map_err(ApiError::internal)
}

pub(crate) async fn find_endpoint(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<webhook_endpoint::Model> {
    caller
        .tenant
        .get::<webhook_endpoint::Entity>(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook endpoint"))
}

pub async fn list_endpoints(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<WebhookEndpointView>> {
    caller.require(Permission::ManageWebhooks)?;
    caller
        .tenant
        .find::<webhook_endpoint::Entity>()
        .order_by_asc(webhook_endpoint::Column::CreatedAt)
        .order_by_asc(webhook_endpoint::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect()
}

pub async fn get_endpoint(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<WebhookEndpointView> {
    caller.require(Permission::ManageWebhooks)?;
    view(find_endpoint(db, caller, id).await?)
}

fn audit_change(from: serde_json::Value, to: serde_json::Value) -> Vec<Change> {
    vec![Change {
        field: "webhook_endpoint".into(),
        from,
        to,
    }]
}

pub async fn create_endpoint(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    allow_private: bool,
    input: WebhookEndpointInput,
) -> ApiResult<WebhookEndpointView> {
    caller.require(Permission::ManageWebhooks)?;
    let url = checked_url(&input.url, allow_private).await?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let saved = webhook_endpoint::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        url: Set(url),
        description: Set(input.description.trim().to_owned()),
        events: Set(events_json(&input.events)?),
        enabled: Set(input.enabled),
        disabled_reason: Set(None),
        secret: Set(new_secret()?),
        previous_secret: Set(None),
        previous_valid_until: Set(None),
        failing_since: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        caller,
        "webhooks",
        audit_change(json!(null), json!(saved.url)),
    )
    .await?;
    txn.commit().await?;
    view(saved)
}

pub async fn update_endpoint(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    allow_private: bool,
    id: Uuid,
    input: WebhookEndpointInput,
) -> ApiResult<WebhookEndpointView> {
    caller.require(Permission::ManageWebhooks)?;
    let url = checked_url(&input.url, allow_private).await?;
    let txn = begin_write(db).await?;
    let found = find_endpoint(&txn, caller, id).await?;
    let before = found.url.clone();
    let was_enabled = found.enabled;
    let mut row: webhook_endpoint::ActiveModel = found.into();
    row.url = Set(url.clone());
    row.description = Set(input.description.trim().to_owned());
    row.events = Set(events_json(&input.events)?);
    row.enabled = Set(input.enabled);
    if input.enabled && !was_enabled {
        // Turned on again by staff: a fresh start, not three days of old failures.
        row.disabled_reason = Set(None);
        row.failing_since = Set(None);
    }
    row.updated_at = Set(Utc::now());
    let saved = row.update(&txn).await?;
    audit::record(
        &txn,
        caller,
        "webhooks",
        audit_change(json!(before), json!(url)),
    )
    .await?;
    txn.commit().await?;
    view(saved)
}

/// Removes the endpoint and its delivery log.
pub async fn delete_endpoint(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<()> {
    use crate::db::entities::webhook_delivery;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    caller.require(Permission::ManageWebhooks)?;
    let txn = begin_write(db).await?;
    let found = find_endpoint(&txn, caller, id).await?;
    caller
        .tenant
        .delete::<webhook_delivery::Entity>()
        .filter(webhook_delivery::Column::EndpointId.eq(found.id))
        .exec(&txn)
        .await?;
    webhook_endpoint::Entity::delete_by_id(found.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        caller,
        "webhooks",
        audit_change(json!(found.url), json!(null)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn secret_view(e: &webhook_endpoint::Model) -> WebhookSecretView {
    WebhookSecretView {
        secret: e.secret.clone(),
        previous_valid_until: e.previous_valid_until.filter(|until| *until > Utc::now()),
    }
}

pub async fn reveal_secret(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<WebhookSecretView> {
    caller.require(Permission::ManageWebhooks)?;
    Ok(secret_view(&find_endpoint(db, caller, id).await?))
}

/// A new secret; the current one keeps signing (second in the header) for 24 hours.
pub async fn rotate_secret(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<WebhookSecretView> {
    caller.require(Permission::ManageWebhooks)?;
    let txn = begin_write(db).await?;
    let found = find_endpoint(&txn, caller, id).await?;
    let url = found.url.clone();
    let now = Utc::now();
    let mut row: webhook_endpoint::ActiveModel = found.clone().into();
    row.previous_secret = Set(Some(found.secret));
    row.previous_valid_until = Set(Some(now + ROTATION_OVERLAP));
    row.secret = Set(new_secret()?);
    row.updated_at = Set(now);
    let saved = row.update(&txn).await?;
    audit::record(
        &txn,
        caller,
        "webhook_secret",
        audit_change(json!(url), json!("rotated")),
    )
    .await?;
    txn.commit().await?;
    Ok(secret_view(&saved))
}
