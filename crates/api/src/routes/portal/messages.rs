//! `/portal/{slug}/order/messages`: the shopper's side of the helpdesk (order bearer token).

use crate::auth::OrderAccess;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::helpdesk;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::helpdesk::{PostMessage, ThreadView};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(portal_threads).service(portal_post_message);
}

/// The opened order's conversations with the shop (marks them read for the shopper).
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<ThreadView>),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/order/messages")]
pub async fn portal_threads(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<Vec<ThreadView>>> {
    Ok(web::Json(
        helpdesk::shopper_threads(&state.db, &state.photo_urls, access, &slug).await?,
    ))
}

/// Write to the shop about the opened order (or one of its returns or issue reports).
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), request_body = PostMessage, responses(
    (status = 201, body = ThreadView),
    (status = 422, description = "A rule is broken: `photo_ids` are photos uploaded for this order, `subject` one of its returns or issues", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/messages")]
pub async fn portal_post_message(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<PostMessage>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(
        helpdesk::shopper_post(
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
