//! `/settings`: the tabs (Returns, Branding, Aftercare), reasons, return addresses, branding
//! images; the carrier and the mail templates in their own modules. Agents read; owners and
//! managers change.

pub mod carrier;
pub mod embedding;
pub mod mail;
pub mod policies;
pub mod risk;
pub mod security;

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ValidatedJson, read_body};
use crate::images::{BrandingImage, ImagePurpose};
use crate::openapi::BinaryFile;
use crate::services::settings;
use crate::services::settings::branding_assets;
use crate::services::settings::reasons;
use crate::services::settings::return_addresses;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::settings::{
    AftercareSettings, BrandingSettings, BrandingView, ReorderReasons, ReturnAddressInput,
    ReturnAddressView, ReturnReasonInput, ReturnReasonView, ReturnsSettings, Settings,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    carrier::configure(cfg);
    embedding::configure(cfg);
    mail::configure(cfg);
    policies::configure(cfg);
    risk::configure(cfg);
    security::configure(cfg);
    cfg.service(get_settings)
        .service(update_returns)
        .service(update_branding)
        .service(update_aftercare)
        .service(upload_branding_image)
        .service(delete_branding_image)
        .service(add_reason)
        .service(update_reason)
        .service(reorder_reasons)
        .service(retire_reason)
        .service(restore_reason)
        .service(create_return_address)
        .service(update_return_address)
        .service(delete_return_address);
}

fn purpose(asset: &str) -> ApiResult<ImagePurpose> {
    ImagePurpose::parse(asset)
        .ok_or_else(|| ApiError::not_found("image slot (use logo, favicon or background)"))
}

/// All settings tabs at once.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = Settings),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/settings")]
pub async fn get_settings(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Settings>> {
    Ok(web::Json(settings::get_settings(&state.db, &caller).await?))
}

/// Save the Returns tab (whole).
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = ReturnsSettings, responses(
    (status = 200, body = ReturnsSettings),
    (status = 403, description = "Agents cannot change settings", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A rule is broken, e.g. a refund deadline shorter than the return window", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/returns")]
pub async fn update_returns(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<ReturnsSettings>,
) -> ApiResult<web::Json<ReturnsSettings>> {
    Ok(web::Json(
        settings::update_returns(&state.db, &caller, body).await?,
    ))
}

/// Save the Branding tab. A new slug keeps the old one redirecting.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = BrandingSettings, responses(
    (status = 200, body = BrandingView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Slug taken", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A rule is broken, e.g. `background_image: upload` before any image is uploaded (else a stock image or null)", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/branding")]
pub async fn update_branding(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<BrandingSettings>,
) -> ApiResult<web::Json<BrandingView>> {
    Ok(web::Json(
        settings::update_branding(&state.db, &caller, body).await?,
    ))
}

/// Save the Aftercare tab (whole).
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = AftercareSettings, responses(
    (status = 200, body = AftercareSettings),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/aftercare")]
pub async fn update_aftercare(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<AftercareSettings>,
) -> ApiResult<web::Json<AftercareSettings>> {
    Ok(web::Json(
        settings::update_aftercare(&state.db, &caller, body).await?,
    ))
}

/// Upload the logo, favicon or background image: the raw file as the body. JPG, JPEG, PNG, GIF
/// or WEBP, recognised by content; re-encoded without metadata.
#[utoipa::path(tag = "settings", security(("bearer" = [])),
    params(("asset" = BrandingImage, Path)),
    request_body(content = inline(BinaryFile), content_type = "application/octet-stream", description = "The image file"),
    responses(
        (status = 200, body = BrandingView),
        (status = 413, description = "File too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPG, PNG, GIF or WEBP image", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No file, or too many pixels", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/branding/{asset}")]
pub async fn upload_branding_image(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    asset: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<web::Json<BrandingView>> {
    let purpose = purpose(&asset)?;
    let raw = read_body(payload, purpose.max_bytes()).await?;
    Ok(web::Json(
        branding_assets::upload(&state.db, &state.storage, &caller, purpose, raw).await?,
    ))
}

/// Remove the logo, favicon or uploaded background.
#[utoipa::path(tag = "settings", security(("bearer" = [])),
    params(("asset" = BrandingImage, Path)),
    responses((status = 200, body = BrandingView), (status = 403, body = Problem, content_type = "application/problem+json")))]
#[delete("/settings/branding/{asset}")]
pub async fn delete_branding_image(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    asset: web::Path<String>,
) -> ApiResult<web::Json<BrandingView>> {
    let purpose = purpose(&asset)?;
    Ok(web::Json(
        branding_assets::remove(&state.db, &state.storage, &caller, purpose).await?,
    ))
}

/// Add a return reason at the end of the list.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = ReturnReasonInput, responses(
    (status = 201, body = ReturnReasonView),
    (status = 409, description = "Another reason has this label", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/settings/reasons")]
pub async fn add_reason(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<ReturnReasonInput>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(reasons::add_reason(&state.db, &caller, body).await?))
}

/// Rename a reason or change its defective flag.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReturnReasonInput, responses(
    (status = 200, body = ReturnReasonView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Another reason has this label", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/reasons/{id}")]
pub async fn update_reason(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<ReturnReasonInput>,
) -> ApiResult<web::Json<ReturnReasonView>> {
    Ok(web::Json(
        reasons::update_reason(&state.db, &caller, *id, body).await?,
    ))
}

/// Put the active reasons in a new order.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = ReorderReasons, responses(
    (status = 200, body = Vec<ReturnReasonView>),
    (status = 422, description = "Not every active reason exactly once", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/reasons-order")]
pub async fn reorder_reasons(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<ReorderReasons>,
) -> ApiResult<web::Json<Vec<ReturnReasonView>>> {
    Ok(web::Json(reasons::reorder(&state.db, &caller, body).await?))
}

/// Retire a reason: shoppers no longer see it; past returns keep it.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ReturnReasonView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "The last active reason: a shop keeps at least one", body = Problem, content_type = "application/problem+json")
))]
#[post("/settings/reasons/{id}/retire")]
pub async fn retire_reason(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ReturnReasonView>> {
    Ok(web::Json(
        reasons::set_retired(&state.db, &caller, *id, true).await?,
    ))
}

/// Bring a retired reason back.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ReturnReasonView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[post("/settings/reasons/{id}/restore")]
pub async fn restore_reason(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ReturnReasonView>> {
    Ok(web::Json(
        reasons::set_retired(&state.db, &caller, *id, false).await?,
    ))
}

/// Add a return address (the first one becomes the default).
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = ReturnAddressInput, responses(
    (status = 201, body = ReturnAddressView),
    (status = 422, description = "e.g. a postal code that does not match the country", body = Problem, content_type = "application/problem+json")
))]
#[post("/settings/return-addresses")]
pub async fn create_return_address(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<ReturnAddressInput>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(return_addresses::create(&state.db, &caller, body).await?))
}

/// Change a return address, or make it the default.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReturnAddressInput, responses(
    (status = 200, body = ReturnAddressView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A rule is broken: a postal code in its country's format (CA, US, FR, GB, DE); the default address stays default until another one is made default", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/return-addresses/{id}")]
pub async fn update_return_address(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<ReturnAddressInput>,
) -> ApiResult<web::Json<ReturnAddressView>> {
    Ok(web::Json(
        return_addresses::update(&state.db, &caller, *id, body).await?,
    ))
}

/// Delete a return address; the oldest other address becomes the default.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Deleted"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[delete("/settings/return-addresses/{id}")]
pub async fn delete_return_address(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    return_addresses::delete(&state.db, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
