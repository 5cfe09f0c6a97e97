//! API keys (owners only).

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::accounts::api_keys;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::api_keys::{ApiKeyView, CreateApiKey, CreatedApiKey};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_api_keys)
        .service(create_api_key)
        .service(revoke_api_key);
}

/// Active API keys (secrets are never shown again).
#[utoipa::path(tag = "api keys", security(("bearer" = [])), responses(
    (status = 200, body = Vec<ApiKeyView>),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/api-keys")]
pub async fn list_api_keys(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<ApiKeyView>>> {
    Ok(web::Json(api_keys::list_keys(&state.db, &caller).await?))
}

/// Create an API key with scopes; the answer holds the secret, shown this once.
#[utoipa::path(tag = "api keys", security(("bearer" = [])), request_body = CreateApiKey, responses(
    (status = 201, body = CreatedApiKey),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<CreateApiKey>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(api_keys::create_key(&state.db, &caller, body).await?))
}

/// Revoke an API key: it stops working at once.
#[utoipa::path(tag = "api keys", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Revoked"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    api_keys::revoke_key(&state.db, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
