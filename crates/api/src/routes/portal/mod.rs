//! `/portal/{slug}`: the shopper's portal. Here the public, unauthenticated part (the shop's
//! configuration, its images, the order lookup); the rest, one module per path below it.

pub mod messages;
pub mod order;
pub mod returns;
pub mod survey;
pub mod unsubscribe;
pub mod withdrawal;

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::images::{BrandingImage, ImagePurpose};
use crate::read_cache::{self, CacheKey};
use crate::services::orders::shopper;
use crate::services::settings::branding_assets;
use crate::services::settings::portal;
use crate::state::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::orders::{OrderAccess as OrderAccessView, OrderLookup};
use rebound_shared::api::portal::PortalConfig;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // Everything under `/{slug}/` (in the `/portal` scope) comes before `/{asset}`, which would match
    // `/order`, `/unsubscribe` and the like otherwise.
    order::configure(cfg);
    returns::configure(cfg);
    withdrawal::configure(cfg);
    messages::configure(cfg);
    survey::configure(cfg);
    unsubscribe::configure(cfg);
    cfg.service(get_portal)
        .service(lookup_order)
        .service(get_portal_image);
}

/// A merchant's public portal configuration, by slug: branding and what the portal offers.
/// An old slug answers with the current one in `slug`. Sent with an `ETag`: ask again with
/// `If-None-Match` and an unchanged configuration answers `304` with no body.
#[utoipa::path(
    tag = "portal",
    params(
        ("slug" = String, Path, description = "The merchant's portal slug", example = "maple"),
        ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a configuration already held")
    ),
    responses(
        (status = 200, description = "Public configuration", body = PortalConfig,
            headers(("ETag" = String, description = "Tag of this answer, for `If-None-Match`"))),
        (status = 304, description = "Not modified: the configuration held (`If-None-Match`) is current",
            headers(("ETag" = String))),
        (status = 404, description = "No shop at this address", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/{slug}")]
pub async fn get_portal(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = CacheKey::PortalConfig(slug.trim().to_lowercase());
    let cached = state
        .read_cache
        .get_or_make(key, portal::portal_config(&state.db, &slug))
        .await?;
    Ok(read_cache::respond(&req, &cached))
}

/// A shop's logo, favicon or uploaded background image.
#[utoipa::path(
    tag = "portal",
    params(
        ("slug" = String, Path, description = "The merchant's portal slug"),
        ("asset" = BrandingImage, Path)
    ),
    responses(
        (status = 200, description = "The image (PNG or JPEG)", content_type = "image/png"),
        (status = 404, description = "No such shop or image", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/{slug}/{asset}")]
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

/// Find an order with its number (or a tracking number) and the email (or postal code) it was
/// placed with. Any wrong pair gets the same 404; lookups are rate-limited per client and per
/// order (429 with `Retry-After`). Success opens that one order for two hours.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), request_body = OrderLookup, responses(
    (status = 200, body = OrderAccessView),
    (status = 404, description = "No order matches these details", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many lookups", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/lookup")]
pub async fn lookup_order(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<OrderLookup>,
) -> ApiResult<web::Json<OrderAccessView>> {
    // The peer address, not a forwarded header a client could forge.
    let client = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let cache = &state.read_cache;
    let shop_key = slug.trim().to_lowercase();
    let merchant = cache
        .remember(
            &cache.shops,
            shop_key,
            portal::merchant_by_slug(&state.db, &slug),
        )
        .await?;
    Ok(web::Json(
        shopper::lookup(
            &state.db,
            &state.tokens,
            &state.lookups,
            &merchant,
            &client,
            body,
        )
        .await?,
    ))
}
