//! `/photos/{id}`: a shopper's photo behind its signed, expiring link.

use crate::error::ApiResult;
use crate::services::orders::photos;
use crate::state::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, get, web};
use rebound_shared::Problem;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_photo);
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
