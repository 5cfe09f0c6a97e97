//! Public, unauthenticated portal endpoints: only what a shopper may see.

use crate::error::{ApiError, ApiResult};
use crate::images::ImagePurpose;
use crate::services::{branding_assets, portal};
use crate::startup::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, get, web};
use rebound_shared::Problem;
use rebound_shared::api::portal::PortalConfig;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_portal).service(get_portal_image);
}

/// A merchant's public portal configuration, by slug: branding and what the portal offers.
/// An old slug answers with the current one in `slug`.
#[utoipa::path(
    tag = "portal",
    params(("slug" = String, Path, description = "The merchant's portal slug", example = "maple")),
    responses(
        (status = 200, description = "Public configuration", body = PortalConfig),
        (status = 404, description = "No shop at this address", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/portal/{slug}")]
pub async fn get_portal(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> ApiResult<web::Json<PortalConfig>> {
    Ok(web::Json(portal::portal_config(&state.db, &slug).await?))
}

/// A shop's logo, favicon or uploaded background image.
#[utoipa::path(
    tag = "portal",
    params(
        ("slug" = String, Path, description = "The merchant's portal slug"),
        ("asset" = String, Path, description = "`logo`, `favicon` or `background`")
    ),
    responses(
        (status = 200, description = "The image (PNG or JPEG)", content_type = "image/png"),
        (status = 404, description = "No such shop or image", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/portal/{slug}/{asset}")]
pub async fn get_portal_image(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (slug, asset) = path.into_inner();
    let purpose = ImagePurpose::parse(&asset).ok_or_else(|| ApiError::not_found("image"))?;
    let (bytes, content_type) =
        branding_assets::public_image(&state.db, &state.storage, &slug, purpose).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type))
        // URLs carry the content hash (`?v=`), so a day of caching never shows a stale logo.
        .insert_header((CACHE_CONTROL, "public, max-age=86400"))
        .body(bytes))
}
