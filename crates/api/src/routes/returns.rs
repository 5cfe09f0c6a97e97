//! The shopper's return journey on the portal (order bearer token): photos, return options,
//! submitting and following returns, and the EU withdrawal function; plus signed photo links.

use crate::auth::OrderAccess;
use crate::error::ApiResult;
use crate::extract::{ValidatedJson, read_body};
use crate::images::ImagePurpose;
use crate::openapi::BinaryFile;
use crate::services::returns::Submitted;
use crate::services::{photos, returns, withdrawal};
use crate::startup::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::orders::PhotoView;
use rebound_shared::api::returns::{
    CreateReturn, ReturnOptions, ReturnView, SubmitWithdrawal, WithdrawalOptions,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upload_photo)
        .service(get_photo)
        .service(return_options)
        .service(create_return)
        .service(list_returns)
        .service(withdrawal_options)
        .service(submit_withdrawal);
}

fn idempotency_key(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// 201 with the new return, or 200 with the first answer again for a repeated submission.
fn submitted(s: Submitted) -> HttpResponse {
    let mut response = if s.replayed {
        HttpResponse::Ok()
    } else {
        HttpResponse::Created()
    };
    response
        .insert_header((CONTENT_TYPE, "application/json"))
        .body(s.body)
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
        (status = 422, description = "Too many pixels, or too many photos on this order", body = Problem, content_type = "application/problem+json")
))]
#[post("/portal/{slug}/order/photos")]
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

#[derive(Debug, Deserialize, IntoParams)]
pub struct PhotoLink {
    /// Unix time after which the link stops working.
    pub expires: i64,
    /// Hex HMAC-SHA256 of the photo id and `expires`.
    pub signature: String,
}

/// A shopper photo behind the signed, expiring link found in `PhotoView.url`.
#[utoipa::path(tag = "portal", params(("id" = Uuid, Path), PhotoLink), responses(
    (status = 200, description = "The image", content_type = "image/jpeg"),
    (status = 403, description = "Tampered or expired link", body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/photos/{id}")]
pub async fn get_photo(
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    link: web::Query<PhotoLink>,
) -> ApiResult<HttpResponse> {
    let (bytes, content_type) = photos::serve(
        &state.db,
        &state.storage,
        &state.photo_urls,
        *id,
        link.expires,
        &link.signature,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type))
        // Private: a shopper's photo never sits in a shared cache.
        .insert_header((CACHE_CONTROL, "private, max-age=3600"))
        .body(bytes))
}

/// What the looked-up order may return: per item the quantity left (and why none), the
/// shop's active reasons, resolutions and methods, and when the return window closes.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = ReturnOptions),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/portal/{slug}/order/returns/options")]
pub async fn return_options(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<ReturnOptions>> {
    Ok(web::Json(returns::options(&state.db, access, &slug).await?))
}

/// Start a return. A defective item makes it `needs_contact` (no label); otherwise it is
/// `approved` at once under automatic approval, else `pending_review`. Submitting again with
/// the same `Idempotency-Key` header or `client_request_id` answers 200 with the first return;
/// the same key with a different body is a 409.
#[utoipa::path(tag = "portal", security(("bearer" = [])),
    params(
        ("slug" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: one return per key")
    ),
    request_body = CreateReturn,
    responses(
        (status = 201, body = ReturnView),
        (status = 200, description = "The return already made with this key", body = ReturnView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The shop takes no returns online", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Key reused with a different request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; `errors` names each field (`items[0].quantity`)", body = Problem, content_type = "application/problem+json")
))]
#[post("/portal/{slug}/order/returns")]
pub async fn create_return(
    req: HttpRequest,
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<CreateReturn>,
) -> ApiResult<HttpResponse> {
    let key = idempotency_key(&req);
    Ok(submitted(
        returns::create(&state.db, state.return_deps(), access, &slug, key, body).await?,
    ))
}

/// The order's returns, newest first, with items, status and history.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<ReturnView>),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/portal/{slug}/order/returns")]
pub async fn list_returns(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<Vec<ReturnView>>> {
    Ok(web::Json(
        returns::list(&state.db, state.return_deps(), access, &slug).await?,
    ))
}

/// Whether the EU withdrawal function is offered for this order (EU orders, shop setting)
/// and until when.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = WithdrawalOptions),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/portal/{slug}/order/withdrawal")]
pub async fn withdrawal_options(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<WithdrawalOptions>> {
    Ok(web::Json(
        withdrawal::options(&state.db, access, &slug).await?,
    ))
}

/// "Withdraw from contract here": the statement with `confirm: true` makes a refund return
/// (`pending_review`) and records the statement with its date and time. Idempotent like
/// returns.
#[utoipa::path(tag = "portal", security(("bearer" = [])),
    params(
        ("slug" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: one withdrawal per key")
    ),
    request_body = SubmitWithdrawal,
    responses(
        (status = 201, body = ReturnView),
        (status = 200, description = "The withdrawal already made with this key", body = ReturnView),
        (status = 403, description = "Not offered for this order, or the period has ended", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Key reused with a different request", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/portal/{slug}/order/withdrawal")]
pub async fn submit_withdrawal(
    req: HttpRequest,
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<SubmitWithdrawal>,
) -> ApiResult<HttpResponse> {
    let key = idempotency_key(&req);
    Ok(submitted(
        withdrawal::submit(&state.db, state.return_deps(), access, &slug, key, body).await?,
    ))
}
