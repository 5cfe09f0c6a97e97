//! Public, unauthenticated portal endpoints: only what a shopper may see.

use crate::auth::OrderAccess;
use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::images::{BrandingImage, ImagePurpose};
use crate::services::{branding_assets, portal, shopper};
use crate::startup::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::orders::{
    ChangeAddress, IssueReportView, OrderAccess as OrderAccessView, OrderLookup, OrderView,
    ReportIssue,
};
use rebound_shared::api::portal::PortalConfig;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The order routes come before `/{asset}`, which would otherwise match `/order`.
    cfg.service(get_portal)
        .service(lookup_order)
        .service(get_tracking)
        .service(change_address)
        .service(report_issue)
        .service(get_portal_image);
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
        ("asset" = BrandingImage, Path)
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

/// Find an order with its number (or a tracking number) and the email (or postal code) it was
/// placed with. Any wrong pair gets the same 404; lookups are rate-limited per client and per
/// order (429 with `Retry-After`). Success opens that one order for two hours.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), request_body = OrderLookup, responses(
    (status = 200, body = OrderAccessView),
    (status = 404, description = "No order matches these details", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many lookups", body = Problem, content_type = "application/problem+json")
))]
#[post("/portal/{slug}/lookup")]
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
    Ok(web::Json(
        shopper::lookup(
            &state.db,
            &state.tokens,
            &state.lookups,
            &slug,
            &client,
            body,
        )
        .await?,
    ))
}

/// The looked-up order: items, shipments and their tracking timelines. When the shop turned
/// tracking off (`aftercare.tracking_enabled`), `shipments` is empty.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, description = "The order; `shipments` is empty when the shop turned tracking off", body = OrderView),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/portal/{slug}/order")]
pub async fn get_tracking(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<OrderView>> {
    Ok(web::Json(
        shopper::tracking(&state.db, access, &slug).await?,
    ))
}

/// Change the shipping address while nothing has shipped; refused with a reason after.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), request_body = ChangeAddress, responses(
    (status = 200, body = OrderView),
    (status = 403, description = "The shop does not take address changes", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Already dispatched", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/portal/{slug}/order/address")]
pub async fn change_address(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<ChangeAddress>,
) -> ApiResult<web::Json<OrderView>> {
    Ok(web::Json(
        shopper::change_address(&state.db, &state.links, access, &slug, body).await?,
    ))
}

/// Report a problem with the order (types from the shop's Aftercare settings).
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), request_body = ReportIssue, responses(
    (status = 201, body = IssueReportView),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/portal/{slug}/order/issues")]
pub async fn report_issue(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<ReportIssue>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(
        shopper::report_issue(
            &state.db,
            &state.links,
            &state.photo_urls,
            access,
            &slug,
            body,
        )
        .await?,
    ))
}
