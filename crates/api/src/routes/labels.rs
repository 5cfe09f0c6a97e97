//! The carrier settings, shipping estimates and return labels (staff), and the signed label
//! links a shopper opens from an email (no sign-in).

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::labels::{self, LabelFile};
use crate::services::{carrier_settings, return_actions};
use crate::startup::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, get, post, put, web};
use bytes::Bytes;
use rebound_shared::api::carrier::{CarrierSettings, IssueLabel, LabelView, ShippingEstimate};
use rebound_shared::{Permission, Problem};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_carrier_settings)
        .service(update_carrier_settings)
        .service(estimate_return_shipping)
        .service(issue_return_label)
        .service(get_return_label)
        .service(download_return_label_pdf)
        .service(download_return_label_qr)
        .service(signed_label_pdf)
        .service(signed_label_qr);
}

fn file_response(file: LabelFile, bytes: Bytes, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, file.content_type()))
        .insert_header((CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        // A re-issued label replaces the file behind the same staff URL: never reuse a copy.
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

/// The carrier's rate table: zones, weight bands, services and prices. Until one is saved,
/// the default table built around the default return address.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = CarrierSettings),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/carrier")]
pub async fn get_carrier_settings(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<CarrierSettings>> {
    Ok(web::Json(
        carrier_settings::get_carrier_settings(&state.db, &caller).await?,
    ))
}

/// Save the carrier's rate table (whole). Every (zone, service, band) needs exactly one price.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = CarrierSettings, responses(
    (status = 200, body = CarrierSettings),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Each error names its field, e.g. `weight_bands[2].up_to_grams` or `prices`", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/carrier")]
pub async fn update_carrier_settings(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<CarrierSettings>,
) -> ApiResult<web::Json<CarrierSettings>> {
    Ok(web::Json(
        carrier_settings::update_carrier_settings(&state.db, &caller, body).await?,
    ))
}

/// What sending the return back would cost with each service.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ShippingEstimate),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "No return address, or no zone or band for this parcel", body = Problem, content_type = "application/problem+json")
))]
#[get("/returns/{id}/estimate")]
pub async fn estimate_return_shipping(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ShippingEstimate>> {
    caller.require(Permission::HandleReturns)?;
    Ok(web::Json(
        labels::quote_for_return(&state.db, caller.tenant, *id).await?,
    ))
}

/// Buy the return's label (an approved return, or a defective case, which it approves).
/// Idempotent: asking again returns the same label (200); `reissue` voids it and buys a new
/// one. A new label is recorded on the return's timeline and mailed to the shopper.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = IssueLabel, responses(
    (status = 201, description = "Bought", body = LabelView),
    (status = 200, description = "The label this return already has", body = LabelView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "A label with another service exists (send `reissue`), or the return's status allows no label", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/label")]
pub async fn issue_return_label(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<IssueLabel>,
) -> ApiResult<HttpResponse> {
    return_actions::may_issue_label(&state.db, &caller, *id).await?;
    let (view, created) = labels::issue_for_return(
        &state.db,
        &state.storage,
        &state.label_links,
        caller.tenant,
        *id,
        body,
    )
    .await?;
    if created {
        return_actions::label_bought(
            &state.db,
            state.return_deps(),
            &caller,
            *id,
            view.id,
            view.pdf_url.clone(),
            view.qr_url.clone(),
        )
        .await?;
    }
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// The return's current label, with fresh signed links for the shopper.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = LabelView),
    (status = 404, description = "No such return, or no label yet", body = Problem, content_type = "application/problem+json")
))]
#[get("/returns/{id}/label")]
pub async fn get_return_label(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<LabelView>> {
    caller.require(Permission::HandleReturns)?;
    Ok(web::Json(
        labels::label_for_return(&state.db, &state.label_links, caller.tenant, *id).await?,
    ))
}

/// The return's label as a 4×6 inch PDF.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, description = "The label", content_type = "application/pdf"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/returns/{id}/label.pdf")]
pub async fn download_return_label_pdf(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::HandleReturns)?;
    let file = LabelFile::Pdf;
    let (bytes, name) =
        labels::label_file(&state.db, &state.storage, caller.tenant, *id, file).await?;
    Ok(file_response(file, bytes, &name))
}

/// The label's QR code alone, for box-free drop-off.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, description = "The QR code", content_type = "image/png"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/returns/{id}/label-qr.png")]
pub async fn download_return_label_qr(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::HandleReturns)?;
    let file = LabelFile::QrPng;
    let (bytes, name) =
        labels::label_file(&state.db, &state.storage, caller.tenant, *id, file).await?;
    Ok(file_response(file, bytes, &name))
}

/// The signature of a label link.
#[derive(Debug, Deserialize, IntoParams)]
pub struct SignedLink {
    /// Unix time after which the link stops working.
    expires: i64,
    /// Hex HMAC-SHA256 of the path and `expires`.
    signature: String,
}

/// A label's PDF through the signed link given to the shopper (no sign-in).
#[utoipa::path(tag = "returns", params(("label_id" = Uuid, Path), SignedLink), responses(
    (status = 200, description = "The label", content_type = "application/pdf"),
    (status = 403, description = "Altered or expired link", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "The label was replaced", body = Problem, content_type = "application/problem+json")
))]
#[get("/labels/{label_id}.pdf")]
pub async fn signed_label_pdf(
    state: web::Data<AppState>,
    label_id: web::Path<Uuid>,
    link: web::Query<SignedLink>,
) -> ApiResult<HttpResponse> {
    signed(&state, *label_id, LabelFile::Pdf, &link).await
}

/// A label's QR code through the signed link given to the shopper (no sign-in).
#[utoipa::path(tag = "returns", params(("label_id" = Uuid, Path), SignedLink), responses(
    (status = 200, description = "The QR code", content_type = "image/png"),
    (status = 403, description = "Altered or expired link", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "The label was replaced", body = Problem, content_type = "application/problem+json")
))]
#[get("/labels/{label_id}/qr.png")]
pub async fn signed_label_qr(
    state: web::Data<AppState>,
    label_id: web::Path<Uuid>,
    link: web::Query<SignedLink>,
) -> ApiResult<HttpResponse> {
    signed(&state, *label_id, LabelFile::QrPng, &link).await
}

async fn signed(
    state: &AppState,
    label_id: Uuid,
    file: LabelFile,
    link: &SignedLink,
) -> ApiResult<HttpResponse> {
    let (bytes, name) = labels::signed_label_file(
        &state.db,
        &state.storage,
        &state.label_links,
        label_id,
        file,
        link.expires,
        &link.signature,
    )
    .await?;
    Ok(file_response(file, bytes, &name))
}
