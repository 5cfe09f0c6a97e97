//! `/labels`: the signed label links a shopper opens from an email (no sign-in).

use crate::error::ApiResult;
use crate::services::returns::labels::{self, LabelFile};
use crate::state::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, get, web};
use bytes::Bytes;
use rebound_shared::Problem;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(signed_label_pdf).service(signed_label_qr);
}

pub(crate) fn file_response(file: LabelFile, bytes: Bytes, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, file.content_type()))
        .insert_header((CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        // A re-issued label replaces the file behind the same staff URL: never reuse a copy.
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(bytes)
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
    (status = 404, description = "The label was replaced, or erased with the shopper's data", body = Problem, content_type = "application/problem+json")
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
    (status = 404, description = "The label was replaced, or erased with the shopper's data", body = Problem, content_type = "application/problem+json")
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
