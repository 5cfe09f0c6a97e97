//! Webhooks out, the writing side: `emit` turns "this happened" into one delivery row per
//! subscribed endpoint inside the caller's transaction (so a change and its webhooks exist
//! together), and the Standard Webhooks signature every attempt carries. `webhook_sender`
//! delivers the rows.

use crate::db::Tenant;
use crate::db::entities::{webhook_delivery, webhook_endpoint};
use crate::error::{ApiError, ApiResult};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rebound_shared::api::webhooks::{DeliveryStatus, WebhookEvent, WebhookPayload};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The prefix Standard Webhooks libraries expect on a symmetric secret.
pub const SECRET_PREFIX: &str = "whsec_";

/// A new endpoint secret: 32 random bytes, `whsec_` + base64.
pub fn new_secret() -> ApiResult<String> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(ApiError::internal)?;
    Ok(format!("{SECRET_PREFIX}{}", STANDARD.encode(key)))
}

/// `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the base64-decoded part
/// of `secret` after `whsec_` (a secret without the prefix is read as bare base64, as the
/// reference libraries do). None when the secret is not base64.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    let key = STANDARD.decode(encoded).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: the current secret's signature, and during the overlap
/// after a rotation the previous one's too, space separated, so receivers that still hold the
/// old secret keep verifying.
pub fn signature_header(
    endpoint: &webhook_endpoint::Model,
    id: &str,
    timestamp: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Option<String> {
    let mut signatures = vec![sign(&endpoint.secret, id, timestamp, body)?];
    if let (Some(previous), Some(until)) =
        (&endpoint.previous_secret, endpoint.previous_valid_until)
        && until > now
    {
        signatures.push(sign(previous, id, timestamp, body)?);
    }
    Some(signatures.join(" "))
}

/// The `webhook-id` of an event: derived from what caused it (`cause`, such as the return's id
/// for `return.approved`), so the same cause written twice is the same message and the unique
/// (endpoint, event id) index keeps one. Only `[a-z0-9_]`: ids must not hold a full stop.
pub fn event_id(tenant: Tenant, event: WebhookEvent, cause: &str) -> String {
    let digest = Sha256::digest(format!(
        "{}:{}:{cause}",
        tenant.merchant_id(),
        event.as_str()
    ));
    format!("msg_{}", &hex::encode(digest)[..32])
}

/// The endpoints of `tenant` that are on and subscribed to `event`.
pub async fn subscribers(
    conn: &impl ConnectionTrait,
    tenant: Tenant,
    event: WebhookEvent,
) -> ApiResult<Vec<webhook_endpoint::Model>> {
    let endpoints = tenant
        .find::<webhook_endpoint::Entity>()
        .filter(webhook_endpoint::Column::Enabled.eq(true))
        .all(conn)
        .await?;
    Ok(endpoints
        .into_iter()
        .filter(|e| {
            serde_json::from_str::<Vec<WebhookEvent>>(&e.events)
                .is_ok_and(|events| events.contains(&event))
        })
        .collect())
}

/// Whether any enabled endpoint of `tenant` wants one of `events`: a bulk writer (the CSV
/// import) asks once, and builds no payloads when nobody listens.
pub async fn anyone_listens(
    conn: &impl ConnectionTrait,
    tenant: Tenant,
    events: &[WebhookEvent],
) -> ApiResult<bool> {
    for &event in events {
        if !subscribers(conn, tenant, event).await?.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Writes `event` with `data` (the API's own view of the object) for every subscribed, enabled
/// endpoint of `tenant`, in `conn`'s transaction. `cause` names what made it happen; the same
/// cause again adds nothing.
pub async fn emit<T: Serialize>(
    conn: &impl ConnectionTrait,
    tenant: Tenant,
    event: WebhookEvent,
    cause: impl std::fmt::Display,
    data: &T,
) -> ApiResult<()> {
    let endpoints = subscribers(conn, tenant, event).await?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let payload = serde_json::to_string(&WebhookPayload {
        kind: event,
        timestamp: now,
        data,
    })
    .map_err(ApiError::internal)?;
    let id = event_id(tenant, event, &cause.to_string());
    for endpoint in endpoints {
        insert_delivery(conn, &endpoint, &id, event, &payload, now).await?;
    }
    Ok(())
}

/// `emit` for a change whose cause is the state it left (an order sent again, a tracking scan):
/// the same state twice is one event, so a retried request adds nothing.
pub async fn emit_state<T: Serialize>(
    conn: &impl ConnectionTrait,
    tenant: Tenant,
    event: WebhookEvent,
    data: &T,
) -> ApiResult<()> {
    let state = serde_json::to_vec(data).map_err(ApiError::internal)?;
    let cause = hex::encode(Sha256::digest(state));
    emit(conn, tenant, event, cause, data).await
}

/// One pending delivery, due now; nothing when this endpoint already has `event_id`.
pub async fn insert_delivery(
    conn: &impl ConnectionTrait,
    endpoint: &webhook_endpoint::Model,
    event_id: &str,
    event: WebhookEvent,
    payload: &str,
    now: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let row = webhook_delivery::ActiveModel {
        id: Set(id),
        merchant_id: Set(endpoint.merchant_id),
        endpoint_id: Set(endpoint.id),
        event_id: Set(event_id.to_owned()),
        event: Set(event.as_str().to_owned()),
        payload: Set(payload.to_owned()),
        status: Set(DeliveryStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(Some(now)),
        locked_until: Set(None),
        response_status: Set(None),
        duration_ms: Set(None),
        response_excerpt: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        delivered_at: Set(None),
    };
    webhook_delivery::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                webhook_delivery::Column::EndpointId,
                webhook_delivery::Column::EventId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vector of the Standard Webhooks reference libraries
    /// (libraries/python/tests/test_webhooks.py, `test_sign_function`).
    #[test]
    fn signs_the_specification_test_vector() {
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(
            signature.as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
        // Bare base64 (no prefix) is the same key.
        assert_eq!(
            sign(
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1_614_265_330,
                r#"{"test": 2432232314}"#,
            ),
            signature
        );
        assert_eq!(sign("whsec_not base64!", "msg_x", 1, "{}"), None);
    }

    #[test]
    fn new_secrets_are_prefixed_base64_of_32_bytes() {
        let secret = new_secret().unwrap_or_default();
        let key = secret
            .strip_prefix(SECRET_PREFIX)
            .and_then(|k| STANDARD.decode(k).ok())
            .unwrap_or_default();
        assert_eq!(key.len(), 32);
        assert_ne!(new_secret().unwrap_or_default(), secret);
    }

    #[test]
    fn the_same_cause_is_the_same_message() {
        let tenant = Tenant::new(Uuid::nil());
        let a = event_id(tenant, WebhookEvent::ReturnApproved, "r1");
        assert_eq!(a, event_id(tenant, WebhookEvent::ReturnApproved, "r1"));
        assert_ne!(a, event_id(tenant, WebhookEvent::ReturnRefunded, "r1"));
        assert!(a.starts_with("msg_") && !a.contains('.'));
    }
}
