//! The delivery log: every event written for an endpoint, its attempts and latest answer,
//! newest first; "resend" puts a delivery back in the queue with the same `webhook-id`, and
//! "send test event" writes a `webhook.test` for one endpoint.

use super::endpoints::find_endpoint;
use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::webhook_delivery;
use crate::error::{ApiError, ApiResult};
use crate::notify::webhooks::insert_delivery;
use crate::services::keyset::{self, PageSize};
use chrono::Utc;
use rebound_shared::api::webhooks::{
    DeliveryStatus, WebhookDeliveryPage, WebhookDeliveryView, WebhookEvent, WebhookPayload,
    WebhookTestData,
};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

fn view(d: webhook_delivery::Model) -> ApiResult<WebhookDeliveryView> {
    let event = WebhookEvent::parse(&d.event)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown webhook event {}", d.event)))?;
    let status = DeliveryStatus::parse(&d.status)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown delivery status")))?;
    Ok(WebhookDeliveryView {
        id: d.id,
        endpoint_id: d.endpoint_id,
        event_id: d.event_id,
        event,
        status,
        attempts: d.attempts,
        response_status: d.response_status,
        duration_ms: d.duration_ms,
        response_excerpt: d.response_excerpt,
        error: d.last_error,
        next_attempt_at: d
            .next_attempt_at
            .filter(|_| status == DeliveryStatus::Pending),
        created_at: d.created_at,
        delivered_at: d.delivered_at,
    })
}

/// One endpoint's deliveries, newest first, keyset-paginated on (created, id).
pub async fn list_deliveries(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    endpoint_id: Uuid,
    cursor: Option<&str>,
    size: PageSize,
) -> ApiResult<WebhookDeliveryPage> {
    caller.require(Permission::ManageWebhooks)?;
    let endpoint = find_endpoint(db, caller, endpoint_id).await?;
    let mut query = caller
        .tenant
        .find::<webhook_delivery::Entity>()
        .filter(webhook_delivery::Column::EndpointId.eq(endpoint.id));
    if let Some(raw) = cursor {
        let (at, id) = keyset::decode(raw)?;
        query = query.filter(
            Condition::any()
                .add(webhook_delivery::Column::CreatedAt.lt(at))
                .add(
                    Condition::all()
                        .add(webhook_delivery::Column::CreatedAt.eq(at))
                        .add(webhook_delivery::Column::Id.lt(id)),
                ),
        );
    }
    let limit = size.rows();
    let mut rows = query
        .order_by_desc(webhook_delivery::Column::CreatedAt)
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more
        .then(|| rows.last().map(|r| keyset::encode(r.created_at, r.id)))
        .flatten();
    Ok(WebhookDeliveryPage {
        deliveries: rows.into_iter().map(view).collect::<ApiResult<_>>()?,
        next_cursor,
    })
}

/// Puts a delivery back in the queue, due now, with the same id and body: a receiver that
/// already has it can tell. Refused (409) while its endpoint is off.
pub async fn resend_delivery(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    endpoint_id: Uuid,
    id: Uuid,
) -> ApiResult<WebhookDeliveryView> {
    caller.require(Permission::ManageWebhooks)?;
    let txn = begin_write(db).await?;
    let endpoint = find_endpoint(&txn, caller, endpoint_id).await?;
    if !endpoint.enabled {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "turn the endpoint on before resending",
        ));
    }
    let found = caller
        .tenant
        .get::<webhook_delivery::Entity>(id)
        .filter(webhook_delivery::Column::EndpointId.eq(endpoint.id))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook delivery"))?;
    let now = Utc::now();
    caller
        .tenant
        .update::<webhook_delivery::Entity>()
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Pending.as_str()),
        )
        .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(now))
        .filter(webhook_delivery::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    let saved = caller
        .tenant
        .get::<webhook_delivery::Entity>(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook delivery"))?;
    txn.commit().await?;
    view(saved)
}

/// Writes a `webhook.test` event for this endpoint alone, due now (even when the endpoint
/// subscribes to nothing that happened yet); each call is a new event.
pub async fn send_test_event(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    endpoint_id: Uuid,
) -> ApiResult<WebhookDeliveryView> {
    caller.require(Permission::ManageWebhooks)?;
    let txn = begin_write(db).await?;
    let endpoint = find_endpoint(&txn, caller, endpoint_id).await?;
    if !endpoint.enabled {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "turn the endpoint on before sending a test event",
        ));
    }
    let now = Utc::now();
    let payload = serde_json::to_string(&WebhookPayload {
        kind: WebhookEvent::Test,
        timestamp: now,
        data: WebhookTestData {
            endpoint_id: endpoint.id,
            message: "A test event from Rebound: your endpoint receives and verifies webhooks."
                .into(),
        },
    })
    .map_err(ApiError::internal)?;
    let event_id = format!("msg_{}", Uuid::now_v7().simple());
    let id = insert_delivery(
        &txn,
        &endpoint,
        &event_id,
        WebhookEvent::Test,
        &payload,
        now,
    )
    .await?;
    let saved = caller
        .tenant
        .get::<webhook_delivery::Entity>(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook delivery"))?;
    txn.commit().await?;
    view(saved)
}
