//! `/webhooks`: a shop's webhook endpoints, their secrets, test events and delivery log
//! (owners and managers). What is sent, and how to verify it, is in the document's `webhooks`.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::page::Limit;
use crate::services::integrations::webhooks;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::webhooks::{
    WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointInput, WebhookEndpointView,
    WebhookSecretView,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_webhook_endpoints)
        .service(create_webhook_endpoint)
        .service(get_webhook_endpoint)
        .service(update_webhook_endpoint)
        .service(delete_webhook_endpoint)
        .service(reveal_webhook_secret)
        .service(rotate_webhook_secret)
        .service(send_webhook_test)
        .service(list_webhook_deliveries)
        .service(resend_webhook_delivery);
}

/// The shop's webhook endpoints, oldest first.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), responses(
    (status = 200, body = Vec<WebhookEndpointView>),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json")
))]
#[get("/webhooks/endpoints")]
pub async fn list_webhook_endpoints(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<WebhookEndpointView>>> {
    Ok(web::Json(
        webhooks::list_endpoints(&state.db, &caller).await?,
    ))
}

/// Add an endpoint. Its URL must be `https` and must not be (or resolve to) a loopback,
/// private, link-local or metadata address; a signing secret is made for it (see
/// `/secret`).
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), request_body = WebhookEndpointInput, responses(
    (status = 201, body = WebhookEndpointView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A field is not valid; `url` names a refused address", body = Problem, content_type = "application/problem+json")
))]
#[post("/webhooks/endpoints")]
pub async fn create_webhook_endpoint(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<WebhookEndpointInput>,
) -> ApiResult<HttpResponse> {
    let saved =
        webhooks::create_endpoint(&state.db, &caller, state.webhooks_allow_private, body).await?;
    Ok(HttpResponse::Created().json(saved))
}

/// One endpoint.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = WebhookEndpointView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json")
))]
#[get("/webhooks/endpoints/{id}")]
pub async fn get_webhook_endpoint(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<WebhookEndpointView>> {
    Ok(web::Json(
        webhooks::get_endpoint(&state.db, &caller, *id).await?,
    ))
}

/// Replace an endpoint's URL, description, events and on/off. Turning a disabled endpoint on
/// clears why Rebound disabled it.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = WebhookEndpointInput, responses(
    (status = 200, body = WebhookEndpointView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A field is not valid; `url` names a refused address", body = Problem, content_type = "application/problem+json")
))]
#[put("/webhooks/endpoints/{id}")]
pub async fn update_webhook_endpoint(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<WebhookEndpointInput>,
) -> ApiResult<web::Json<WebhookEndpointView>> {
    Ok(web::Json(
        webhooks::update_endpoint(&state.db, &caller, state.webhooks_allow_private, *id, body)
            .await?,
    ))
}

/// Remove an endpoint and its delivery log.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Removed"),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json")
))]
#[delete("/webhooks/endpoints/{id}")]
pub async fn delete_webhook_endpoint(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    webhooks::delete_endpoint(&state.db, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The endpoint's signing secret (`whsec_…`), for a Standard Webhooks library.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = WebhookSecretView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json")
))]
#[get("/webhooks/endpoints/{id}/secret")]
pub async fn reveal_webhook_secret(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<WebhookSecretView>> {
    Ok(web::Json(
        webhooks::reveal_secret(&state.db, &caller, *id).await?,
    ))
}

/// A new signing secret. For 24 hours every delivery carries two signatures (new and old,
/// space separated in `webhook-signature`), so the receiver can switch without losing any.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = WebhookSecretView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json")
))]
#[post("/webhooks/endpoints/{id}/rotate-secret")]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<WebhookSecretView>> {
    Ok(web::Json(
        webhooks::rotate_secret(&state.db, &caller, *id).await?,
    ))
}

/// Send a `webhook.test` event to this endpoint; it appears in the delivery log at once and
/// is sent within seconds.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 202, description = "Queued", body = WebhookDeliveryView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "The endpoint is off", body = Problem, content_type = "application/problem+json")
))]
#[post("/webhooks/endpoints/{id}/test")]
pub async fn send_webhook_test(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let queued = webhooks::send_test_event(&state.db, &caller, *id).await?;
    Ok(HttpResponse::Accepted().json(queued))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DeliveryQuery {
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The endpoint's delivery log, newest first: event, attempts, latest status code, duration,
/// the first bytes of the answer, next attempt.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path), DeliveryQuery), responses(
    (status = 200, body = WebhookDeliveryPage),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint at this merchant", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor or limit", body = Problem, content_type = "application/problem+json")
))]
#[get("/webhooks/endpoints/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    query: web::Query<DeliveryQuery>,
) -> ApiResult<web::Json<WebhookDeliveryPage>> {
    let q = query.into_inner();
    Ok(web::Json(
        webhooks::list_deliveries(&state.db, &caller, *id, q.cursor.as_deref(), q.limit.get()?)
            .await?,
    ))
}

/// Send a delivery again, with the same `webhook-id` and body (new timestamp and signature).
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("id" = Uuid, Path), ("delivery_id" = Uuid, Path)), responses(
    (status = 202, description = "Queued", body = WebhookDeliveryView),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Owners and managers only", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such endpoint or delivery at this merchant", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "The endpoint is off", body = Problem, content_type = "application/problem+json")
))]
#[post("/webhooks/endpoints/{id}/deliveries/{delivery_id}/resend")]
pub async fn resend_webhook_delivery(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (id, delivery_id) = path.into_inner();
    let queued = webhooks::resend_delivery(&state.db, &caller, id, delivery_id).await?;
    Ok(HttpResponse::Accepted().json(queued))
}
