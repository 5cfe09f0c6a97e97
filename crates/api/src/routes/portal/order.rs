//! `/portal/{slug}/order`: the looked-up order (order bearer token): its tracking, changing
//! the address before dispatch, reporting an issue, uploading a photo.

use crate::auth::OrderAccess;
use crate::error::ApiResult;
use crate::extract::{ValidatedJson, read_body};
use crate::images::ImagePurpose;
use crate::openapi::BinaryFile;
use crate::read_cache::{self, CacheKey};
use crate::services::orders::{cancellation, photos, shopper};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::orders::{
    CancelOrder, ChangeAddress, IssueReportView, OrderView, PhotoView, ReportIssue,
};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_tracking)
        .service(change_address)
        .service(cancel_order)
        .service(report_issue)
        .service(upload_photo);
}

/// The looked-up order: items, shipments and their tracking timelines. When the shop turned
/// tracking off (`aftercare.tracking_enabled`), `shipments` is empty. Sent with an `ETag`:
/// ask again with `If-None-Match` and an unchanged view answers `304` with no body.
#[utoipa::path(tag = "portal", params(
    ("slug" = String, Path),
    ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a view already held")
), security(("bearer" = [])), responses(
    (status = 200, description = "The order; `shipments` is empty when the shop turned tracking off", body = OrderView,
        headers(("ETag" = String, description = "Tag of this answer, for `If-None-Match`"))),
    (status = 304, description = "Not modified: the view held (`If-None-Match`) is current",
        headers(("ETag" = String))),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/order")]
pub async fn get_tracking(
    req: HttpRequest,
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = CacheKey::Tracking {
        order: access.order_id,
        slug: slug.trim().to_lowercase(),
    };
    let cached = state
        .read_cache
        .get_or_make(key, shopper::tracking(&state.db, access, &slug))
        .await?;
    Ok(read_cache::respond(&req, &cached))
}

/// Change the shipping address while nothing has shipped; refused with a reason after.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), request_body = ChangeAddress, responses(
    (status = 200, body = OrderView),
    (status = 403, description = "The shop does not take address changes", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Already dispatched", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A postal code not in its country's format (CA, US, FR, GB, DE)", body = Problem, content_type = "application/problem+json")
))]
#[put("/{slug}/order/address")]
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

/// Cancel the order while nothing has shipped, where the shop allows it
/// (`aftercare.order_cancellation_enabled`): `cancelled_at` is set, the shop is mailed and
/// `order.cancelled` is sent. Cancelling again answers the cancelled order.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), request_body = CancelOrder, responses(
    (status = 200, body = OrderView),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "The shop does not take cancellations online", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Already dispatched", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`reason` longer than 500 characters", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/cancel")]
pub async fn cancel_order(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<CancelOrder>,
) -> ApiResult<web::Json<OrderView>> {
    Ok(web::Json(
        cancellation::cancel_order(&state.db, &state.links, access, &slug, body).await?,
    ))
}

/// Report a problem with the order (types from the shop's Aftercare settings).
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), request_body = ReportIssue, responses(
    (status = 201, body = IssueReportView),
    (status = 422, description = "A rule is broken: `photo_ids` are photos uploaded for this order", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/issues")]
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

/// Upload a photo (a defective item, an issue) for the looked-up order: the raw image as the
/// body. JPG, JPEG, PNG, GIF or WEBP recognised by content, at most 10 MB and 6000 px a side,
/// re-encoded without metadata. Attach it by id to a return item or an issue report.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])),
    request_body(content = inline(BinaryFile), content_type = "application/octet-stream", description = "The image file"),
    responses(
        (status = 201, body = PhotoView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "File too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPG, PNG, GIF or WEBP image", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No file, too many pixels, or too many photos on this order", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/photos")]
pub async fn upload_photo(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let raw = read_body(payload, ImagePurpose::Photo.max_bytes()).await?;
    let view = photos::upload(
        &state.db,
        &state.storage,
        &state.photo_urls,
        access,
        &slug,
        raw,
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}
