//! `/settings/embedding`: the shop's own sites that may show the portal in a frame.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::settings::embedding;
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::onboarding::EmbeddingSettings;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_embedding).service(update_embedding);
}

/// The origins allowed to frame the portal (sent as CSP `frame-ancestors` on portal pages).
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = EmbeddingSettings),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/embedding")]
pub async fn get_embedding(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<EmbeddingSettings>> {
    Ok(web::Json(
        embedding::get_embedding(&state.db, &caller).await?,
    ))
}

/// Save the list whole: `https://` origins (a `*.` subdomain wildcard allowed), no paths; at
/// most 10. The answer is the list as stored (lowercase, without duplicates).
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = EmbeddingSettings, responses(
    (status = 200, body = EmbeddingSettings),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Agents cannot change settings", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "An origin is not valid", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/embedding")]
pub async fn update_embedding(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<EmbeddingSettings>,
) -> ApiResult<web::Json<EmbeddingSettings>> {
    Ok(web::Json(
        embedding::update_embedding(&state.db, &caller, body).await?,
    ))
}
