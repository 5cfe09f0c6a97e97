//! `/portal/{slug}/unsubscribe`: the shopper's signed "no more optional mail" link.

use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::notifications::mail;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use rebound_shared::Problem;
use rebound_shared::api::notifications::Unsubscribe;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(unsubscribe);
}

/// A shopper's "no more optional mail from this shop", from the signed link in a mail.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), request_body = Unsubscribe, responses(
    (status = 204, description = "Unsubscribed"),
    (status = 422, description = "The link's signature does not match", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<Unsubscribe>,
) -> ApiResult<HttpResponse> {
    mail::unsubscribe(&state.db, &state.links, &slug, body).await?;
    Ok(HttpResponse::NoContent().finish())
}
