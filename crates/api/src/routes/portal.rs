//! Public, unauthenticated portal endpoints: only what a shopper may see.

use crate::error::ApiResult;
use crate::services::portal;
use crate::startup::AppState;
use actix_web::{get, web};
use rebound_shared::Problem;
use rebound_shared::api::portal::PortalBranding;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_branding);
}

/// A merchant's public branding, by portal slug.
#[utoipa::path(
    tag = "portal",
    params(("slug" = String, Path, description = "The merchant's portal slug", example = "maple")),
    responses(
        (status = 200, description = "Public branding", body = PortalBranding),
        (status = 404, description = "No shop at this address", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/portal/{slug}")]
pub async fn get_branding(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> ApiResult<web::Json<PortalBranding>> {
    Ok(web::Json(portal::branding_by_slug(&state.db, &slug).await?))
}
