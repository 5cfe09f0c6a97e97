//! `/returns/{id}/estimate` and `/returns/{id}/label*`: shipping estimates and the return's
//! label (staff).

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::labels::file_response;
use crate::services::returns::labels::{self, LabelFile};
use crate::services::returns::return_actions;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use rebound_shared::api::carrier::{IssueLabel, LabelView, ShippingEstimate};
use rebound_shared::{Permission, Problem};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(estimate_return_shipping)
        .service(issue_return_label)
        .service(get_return_label)
        .service(download_return_label_pdf)
        .service(download_return_label_qr);
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
    caller.require(Permission::ReadReturns)?;
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
    caller.require(Permission::ReadReturns)?;
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
    caller.require(Permission::ReadReturns)?;
    let file = LabelFile::QrPng;
    let (bytes, name) =
        labels::label_file(&state.db, &state.storage, caller.tenant, *id, file).await?;
    Ok(file_response(file, bytes, &name))
}
